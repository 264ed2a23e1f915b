"""The purrr, stringr and glue functions keras scripts use, and purrr's ``~ .x`` lambdas."""

from __future__ import annotations

from ..nodes import is_literal_number, py_str, r_string, text
from .baser import BASE, helper, register
from .calls import arg_code, match_args, plain_args

_LAMBDA_ARGS = {".x": 0, ".": 0, "..1": 0, ".y": 1, "..2": 1, "..3": 2}


def formula_lambda(tr, node):
    """purrr's ``~ .x + 1`` as ``lambda _x: _x + 1`` (``.``/``.x``/``..1`` first, ``.y``/``..2`` second)."""
    body = node.child_by_field_name("rhs")
    used = {}
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "dots", "dot_dot_i") and text(current) in _LAMBDA_ARGS:
            used[text(current)] = _LAMBDA_ARGS[text(current)]
        stack.extend(current.children)
    count = max(used.values(), default=0) + 1
    names = {0: "_x", 1: "_y", 2: "_z"}
    params = [names[i] for i in range(count)]
    saved = dict(tr.kinds)
    code = tr.plain_expr(body)
    tr.kinds = saved
    for r_name, index in used.items():
        if r_name in (".", "..1", "..2", "..3"):
            from ..nodes import py_name

            code = _rename(code, py_name(r_name), names[index])
    return f"lambda {', '.join(params)}: {code}"


def _rename(code, old, new):
    import re

    return re.sub(rf"(?<![\w.]){re.escape(old)}(?!\w)", new, code)


def function_arg(tr, arg):
    """purrr's ``.f``: a function, a ``~`` lambda, or a name/position to pluck."""
    value = arg.value if not hasattr(arg, "code") else None
    if value is not None and value.type == "unary_operator" and text(value.child_by_field_name("operator")) == "~":
        return formula_lambda(tr, value)
    if value is not None and (value.type == "string" or is_literal_number(value)):
        tr.need("rbase")
        return f"lambda _x: rbase.elem(_x, {arg_code(tr, arg)})"
    return arg_code(tr, arg)


def _purrr(py, n_data):
    def handler(tr, node, args):
        formals = (".x", ".y", ".f", "...")[: n_data] + (".f", "...")
        formals = tuple(dict.fromkeys(formals))
        matched, extras = match_args(tr, node, formals, args)
        tr.need("rbase")
        data = [arg_code(tr, matched[f]) for f in formals[:n_data] if f in matched]
        fn = function_arg(tr, matched[".f"])
        rest = plain_args(tr, extras)
        return f"{py}({', '.join([fn] + data + rest) if py.endswith(('Map', 'mapply')) else ', '.join(data + [fn] + rest)})"

    return handler


for _name in ("map", "walk", "imap"):
    BASE[_name] = _purrr("rbase.lapply", 1)
for _name in ("map_int", "map_dbl", "map_chr", "map_lgl"):
    BASE[_name] = _purrr("rbase.sapply", 1)
BASE["map2"] = _purrr("rbase.Map", 2)
for _name in ("map2_int", "map2_dbl", "map2_chr", "map2_lgl"):
    BASE[_name] = _purrr("rbase.mapply", 2)
helper("transpose", "rbase.transpose", (".l", ".names"))
helper("flatten", "rbase.unlist", (".x",))
helper("compact", "rbase.compact", (".x",))

# stringr: the string comes first
helper("str_split", "rbase.str_split", ("string", "pattern", "n", "simplify"))
helper("str_trim", "rbase.trimws", ("string", "side"), rename={"string": "x"})
helper("str_length", "rbase.nchar", ("string",))
helper("str_to_lower", "rbase.tolower", ("string", "locale"))
helper("str_to_upper", "rbase.toupper", ("string", "locale"))
helper("str_sub", "rbase.str_sub", ("string", "start", "end"))
helper("str_pad", "rbase.str_pad", ("string", "width", "side", "pad"))
helper("fixed", "rbase.fixed", ("pattern", "ignore_case"))


def _reordered(py, formals, order):
    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        tr.need("rbase")
        parts = [arg_code(tr, matched[f]) if f in matched else default for f, default in order]
        return f"{py}({', '.join(parts)})"

    return handler


BASE["str_replace_all"] = _reordered("rbase.gsub", ("string", "pattern", "replacement"),
                                     [("pattern", '""'), ("replacement", '""'), ("string", '""')])
BASE["str_replace"] = _reordered("rbase.sub", ("string", "pattern", "replacement"),
                                 [("pattern", '""'), ("replacement", '""'), ("string", '""')])
BASE["str_remove_all"] = _reordered("rbase.gsub", ("string", "pattern"),
                                    [("pattern", '""'), ("replacement", '""'), ("string", '""')])
BASE["str_detect"] = _reordered("rbase.grepl", ("string", "pattern"), [("pattern", '""'), ("string", '""')])


@register("str_c")
def str_c(tr, node, args):
    tr.need("rbase")
    parts = plain_args(tr, args)
    if not any(a.name == "sep" for a in args):
        parts.append('sep=""')
    return f"rbase.paste({', '.join(parts)})"


@register("glue")
def glue(tr, node, args):
    """glue's ``glue("epoch {i}: {round(loss, 3)}")`` as an f-string; each ``{}`` is parsed as R."""
    from ..parser import parse

    if not args or any(a.name is not None or a.value is None or a.value.type != "string" for a in args):
        tr.unported(node, "glue() with other than strings (glue's named arguments are not ported)")
    template = "".join(r_string(a.value) for a in args)   # glue pastes its strings together
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "{" and template[i:i + 2] == "{{":
            out.append("{{")
            i += 2
        elif ch == "}" and template[i:i + 2] == "}}":
            out.append("}}")
            i += 2
        elif ch == "{":
            depth, j = 1, i + 1
            while j < len(template) and depth:
                depth += {"{": 1, "}": -1}.get(template[j], 0)
                j += 1
            inner = parse(template[i + 1:j - 1])
            statements = [c for c in inner.children if c.is_named]
            if len(statements) != 1:
                tr.unported(node, "a glue() expression with other than one R expression")
            tr.need("rbase")
            out.append("{rbase.to_string(" + tr.plain_expr(statements[0]) + ', sep="")}')
            i = j
        else:
            out.append(ch.replace("{", "{{").replace("}", "}}"))
            i += 1
    body = "".join(out)
    literal = py_str(body)
    return "f" + literal


helper("str_squish", "rbase.str_squish", ("string",))
helper("keras_array", "rbase.keras_array", ("x", "dtype"))
helper("replace", "rbase.replace", ("x", "list", "values"))
helper("Vectorize", "rbase.Vectorize", ("FUN", "vectorize.args", "SIMPLIFY", "USE.NAMES"))


@register("compose")
def compose(tr, node, args):
    """purrr's ``compose(f, g, .dir = "backward")``: the functions as values."""
    tr.need("rbase")
    fns = [function_arg(tr, a) for a in args if a.name is None]
    rest = [f"_dir={arg_code(tr, a)}" for a in args if a.name == ".dir"]
    if any(a.name not in (None, ".dir") for a in args):
        tr.unported(node, "compose() with arguments other than functions and .dir")
    return f"rbase.compose({', '.join(fns + rest)})"

"""dplyr's verbs (and tibble's ``tibble()``/``add_row()``) as rkeras.rbase's, keeping data masking.

An argument dplyr evaluates inside the data (``filter(is.na(a))``, ``mutate(q = f(line))``)
becomes ``lambda _d: ...`` in which a name the script never assigns is a column (``_d["a"]``)
and a name it does assign is the column if there is one, else the variable, as R looks them up.
tidyselect arguments (``select(-split)``, ``select(new = old)``) become column names.
"""

from __future__ import annotations

from ..nodes import is_literal_number, py_name, py_str, text
from .baser import BASE, helper, register
from .calls import PipedArg, arg_code, plain_args


def _kw(name, code):
    """``name=code`` as a Python keyword argument; a column name Python cannot spell as a keyword
    (``class``, ``a.b``) goes through ``**{...}`` so the column keeps R's name."""
    import keyword

    if name.isidentifier() and not keyword.iskeyword(name):
        return f"{name}={code}"
    return f"**{{{py_str(name)}: {code}}}"


def mask_name(tr, name):
    """A name inside a data mask: the column, else (if the script has such a variable) the variable."""
    if name not in tr.known_names:
        return f"_d[{py_str(name)}]"
    return f"(_d[{py_str(name)}] if {py_str(name)} in _d else {py_name(name)})"


def masked(tr, arg):
    if isinstance(arg, PipedArg):
        return arg.code
    if arg.value is not None and arg.value.type == "null":
        return "None"
    return "lambda _d: " + tr.expr(arg.value, mask=True)


def _data_and_rest(tr, node, args, verb):
    if not args:
        tr.unported(node, f"{verb}() without a data frame")
    first, rest = args[0], list(args[1:])
    if first.name not in (None, ".data", "_data", "x", ".x"):
        tr.unported(node, f"{verb}(): the data frame must come first")
    tr.need("rbase")
    return arg_code(tr, first), rest


def _named_masked(verb, py, *, allow=()):
    def handler(tr, node, args):
        data, rest = _data_and_rest(tr, node, args, verb)
        parts = [data]
        for arg in rest:
            if arg.name is None or (arg.name.startswith(".") and arg.name not in allow):
                tr.unported(node, f"{verb}(): {'unnamed' if arg.name is None else arg.name} arguments are not ported")
            if arg.name in allow:
                parts.append(f"_{arg.name[1:]}={arg_code(tr, arg)}")
                continue
            parts.append(_kw(arg.name, masked(tr, arg)))
        return f"{py}({', '.join(parts)})"

    return handler


BASE["mutate"] = _named_masked("mutate", "rbase.mutate")
BASE["transmute"] = _named_masked("transmute", "rbase.transmute")
BASE["summarise"] = BASE["summarize"] = _named_masked("summarise", "rbase.summarise", allow=(".groups",))


@register("tibble")
def tibble(tr, node, args):
    tr.need("rbase")
    if any(a.name is None for a in args):
        tr.unported(node, "tibble() with unnamed columns")
    return f"rbase.tibble({', '.join(_kw(a.name, masked(tr, a)) for a in args)})"


def _unnamed_masked(verb, py, named):
    """A verb whose arguments are unnamed masked expressions (``filter``, ``arrange``);
    ``named`` lists its named options, which are not ported."""
    def handler(tr, node, args):
        data, rest = _data_and_rest(tr, node, args, verb)
        if any(a.name is not None for a in rest):
            tr.unported(node, f"{verb}() with named arguments ({named}) is not ported")
        return f"{py}({', '.join([data] + [masked(tr, a) for a in rest])})"

    return handler


BASE["filter"] = _unnamed_masked("filter", "rbase.dplyr_filter", ".by, .preserve")
BASE["arrange"] = _unnamed_masked("arrange", "rbase.arrange", ".by_group")


_SELECTORS = ("starts_with", "ends_with", "contains", "matches", "everything", "all_of", "any_of", "one_of",
              "last_col")


def select_spec(tr, node):
    """A tidyselect expression as rbase.select's specification."""
    kind = node.type
    if kind == "identifier":
        return py_str(text(node).strip("`"))
    if kind == "string" or is_literal_number(node):
        return tr.plain_expr(node)
    if kind == "unary_operator" and text(node.child_by_field_name("operator")) == "-":
        return f'("-", {select_spec(tr, node.child_by_field_name("rhs"))})'
    if kind == "parenthesized_expression":
        return select_spec(tr, [c for c in node.children if c.is_named][0])
    if kind == "call":
        from ..nodes import call_args, fn_name

        name = fn_name(node.child_by_field_name("function"))
        inner = [a for a in call_args(node.child_by_field_name("arguments")) if a.value is not None]
        if name == "c":
            return "[" + ", ".join(select_spec(tr, a.value) if a.name is None else
                                   f"({py_str(a.name)}, {select_spec(tr, a.value)})" for a in inner) + "]"
        if name in _SELECTORS:
            tr.need("rbase")
            return f"rbase.selector({', '.join([py_str(name)] + plain_args(tr, inner))})"
    if kind in ("subset2", "extract_operator"):
        return tr.plain_expr(node)   # tidyselect evaluates it: a column's name (or position) held in a value
    tr.unported(node, f"select(): the column selection `{text(node)}` is not ported")


@register("select")
def select(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "select")
    parts = [data]
    for arg in rest:
        spec = select_spec(tr, arg.value)
        parts.append(f"({py_str(arg.name)}, {spec})" if arg.name else spec)
    return f"rbase.select({', '.join(parts)})"


@register("rename")
def rename(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "rename")
    if any(a.name is None for a in rest):
        tr.unported(node, "rename() needs new = old pairs")
    return f"rbase.rename({', '.join([data] + [_kw(a.name, select_spec(tr, a.value)) for a in rest])})"


@register("group_by")
def group_by(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "group_by")
    parts = [data]
    for arg in rest:
        if arg.name == ".add":
            parts.append(f"add={arg_code(tr, arg)}")
        elif arg.name is not None:
            parts.append(f"({py_str(arg.name)}, {masked(tr, arg)})")
        elif arg.value is not None and arg.value.type in ("identifier", "string"):
            parts.append(select_spec(tr, arg.value))
        else:
            tr.unported(node, "group_by() by an unnamed expression")
    return f"rbase.group_by({', '.join(parts)})"


@register("pull")
def pull(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "pull")
    parts = [data] + [select_spec(tr, a.value) for a in rest[:1] if a.name in (None, "var")]
    return f"rbase.pull({', '.join(parts)})"


@register("distinct")
def distinct(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "distinct")
    parts = [data]
    for arg in rest:
        if arg.name == ".keep_all":
            parts.append(f"_keep_all={arg_code(tr, arg)}")
        elif arg.name is None and arg.value.type in ("identifier", "string"):
            parts.append(select_spec(tr, arg.value))
        else:
            tr.unported(node, "distinct() of computed columns")
    return f"rbase.distinct({', '.join(parts)})"


@register("add_row")
def add_row(tr, node, args):
    data, rest = _data_and_rest(tr, node, args, "add_row")
    parts = [data]
    for arg in rest:
        if arg.name in (".before", ".after"):
            parts.append(f"_{arg.name[1:]}={arg_code(tr, arg)}")
        elif arg.name is not None:
            parts.append(_kw(arg.name, arg_code(tr, arg)))
        else:
            tr.unported(node, "add_row() with unnamed values")
    return f"rbase.add_row({', '.join(parts)})"


@register("n")
def n(tr, node, args):
    if not tr.flags.get("mask"):
        tr.unported(node, "n() outside a dplyr verb")
    return "_d.n()"


@register("row_number")
def row_number(tr, node, args):
    if not args:
        if not tr.flags.get("mask"):
            tr.unported(node, "row_number() outside a dplyr verb")
        return "_d.row_number()"
    tr.need("rbase")
    return f"rbase.row_number({arg_code(tr, args[0])})"


@register("ungroup")
def ungroup(tr, node, args):
    tr.need("rbase")
    return f"rbase.ungroup({arg_code(tr, args[0])})"


for _how in ("left", "inner", "right", "full"):
    helper(f"{_how}_join", f"rbase.{_how}_join", ("x", "y", "by", "copy", "suffix", "...", "keep"))
helper("desc", "rbase.desc", ("x",))
helper("as_tibble", "rbase.as_data_frame", ("x", "..."))

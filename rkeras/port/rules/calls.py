"""Calls: R keras functions through the API tables, base R through :mod:`.baser`, the script's
own functions and Python methods (``obj$method(...)``) as plain calls.

R's argument matching is applied here, once: exact names, then unique prefixes of the
formals before ``...``, then positions (``match_args``).
"""

from __future__ import annotations

import re

from ..nodes import Arg, call_args, fn_name, is_literal_number, number_value, py_name, py_str, text

__all__ = ["call", "match_args", "arg_code", "plain_call", "target_code", "PipedArg", "keras_call"]


class PipedArg(Arg):
    """The left side of a pipe, already translated."""

    def __init__(self, code, kind, node):
        super().__init__(None, node, node)
        self.code, self.kind = code, kind


def arg_code(tr, arg, **ctx) -> str:
    if isinstance(arg, PipedArg):
        return arg.code
    if arg.value is None:
        tr.unported(arg.node, "an empty argument")
    if ctx:
        return tr.expr(arg.value, **ctx)
    return tr.plain_expr(arg.value)


def arg_kind(tr, arg):
    if isinstance(arg, PipedArg):
        return arg.kind
    return tr.kind_of(arg.value)


def match_args(tr, node, formals, args):
    """R's matching of ``args`` to ``formals``: returns ({formal: Arg}, [extra Args])."""
    formals = list(formals)
    dots_at = formals.index("...") if "..." in formals else len(formals)
    before = formals[:dots_at]
    matched: dict = {}
    rest = []
    for arg in args:
        if arg.name is not None and arg.name in formals and arg.name != "...":
            if arg.name in matched:
                tr.unported(node, f"argument `{arg.name}` given twice")
            matched[arg.name] = arg
        else:
            rest.append(arg)
    unnamed = []
    extras = []
    for arg in rest:
        if arg.name is None:
            unnamed.append(arg)
            continue
        candidates = [f for f in before if f.startswith(arg.name) and f not in matched]
        if len(candidates) == 1:
            matched[candidates[0]] = arg
        elif len(candidates) > 1:
            tr.unported(node, f"argument `{arg.name}` matches several arguments: {', '.join(candidates)}")
        else:
            extras.append(arg)
    free = [f for f in before if f not in matched]
    for arg in unnamed:
        if free:
            matched[free.pop(0)] = arg
        elif "..." in formals:
            extras.append(arg)
        else:
            tr.unported(node, "more positional arguments than the R function takes")
    return matched, extras


def target_code(tr, target: str) -> str:
    """The dotted Python target, with its import noted (``tensorflow.x`` is written ``tf.x``)."""
    head = target.split(".")[0]
    if head in ("tensorflow", "tf"):
        tr.need("tf")
        return "tf." + target.split(".", 1)[1] if "." in target else "tf"
    if head in ("tensorflow_probability", "tfp"):
        tr.need("tfp")
        return "tfp." + target.split(".", 1)[1] if "." in target else "tfp"
    if head in ("numpy", "np"):
        tr.need("np")
        return "np." + target.split(".", 1)[1]
    if head in ("pandas", "pd"):
        tr.need("pd")
        return "pd." + target.split(".", 1)[1]
    if head == "rkeras" and target.startswith("rkeras.rbase."):
        tr.need("rbase")
        return target[len("rkeras."):]
    parts = target.split(".")
    if head == "rkeras" and len(parts) > 2 and parts[1] not in ("rbase",):
        tr.need("import rkeras." + parts[1])   # a submodule (rkeras.legacy) is imported by name
        return target
    if head in ("keras", "rkeras", "tf_keras", "os", "sys", "warnings"):
        tr.need(head)
    return target


def plain_args(tr, args, **ctx) -> list[str]:
    out = []
    for arg in args:
        if arg.value is not None and arg.value.type == "dots":
            out.extend(["*args", "**kwargs"])
            continue
        code = arg_code(tr, arg, **ctx)
        out.append(f"{py_name(arg.name)}={code}" if arg.name else code)
    return out


def plain_call(tr, callee: str, args) -> str:
    return f"{callee}({', '.join(plain_args(tr, args))})"


# ------------------------------------------------------------------------------------------ keras
def shape_code(tr, arg) -> str:
    """An R vector meaning a shape (``784``, ``c(28, 28)``, ``NA`` for unknown) as a Python tuple."""
    if isinstance(arg, PipedArg):
        tr.need("rbase")
        return f"rbase.as_shape({arg.code})"
    value = arg.value
    if value.type in ("null",):
        return "None"
    if is_literal_number(value) or value.type == "na":
        return f"({_shape_item(tr, value)},)"
    if value.type == "call" and fn_name(value.child_by_field_name("function")) in ("c", "list", "shape"):
        items = [a for a in call_args(value.child_by_field_name("arguments")) if a.value is not None]
        if all(a.name is None for a in items) and all(_simple_item(tr, a.value) for a in items):
            codes = [_shape_item(tr, a.value) for a in items]
            return "(" + ", ".join(codes) + ("," if len(codes) == 1 else "") + ")"
    tr.need("rbase")
    return f"rbase.as_shape({tr.plain_expr(value)})"


def _simple_item(tr, node):
    """One number of a shape vector: a literal, NA, or a name known to hold one number (a name that
    may hold a vector, ``c(img_size)``, is flattened at run time instead)."""
    if is_literal_number(node) or node.type in ("na", "null"):
        return True
    if node.type == "identifier":
        return tr.kinds.get(text(node)) in ("int", "number")
    if node.type == "binary_operator" and text(node.child_by_field_name("operator")) in ("*", "+", "-", "%/%", "/"):
        return _simple_item(tr, node.child_by_field_name("lhs")) and _simple_item(tr, node.child_by_field_name("rhs"))
    if node.type == "call" and fn_name(node.child_by_field_name("function")) in ("nrow", "ncol", "length", "as.integer"):
        return True
    return False


def _shape_item(tr, node):
    if node.type in ("na", "null"):
        return "None"
    if is_literal_number(node):
        return str(int(number_value(node)))
    return tr.plain_expr(node)


def integer_code(tr, arg, target: str = "") -> str:
    if not isinstance(arg, PipedArg) and is_literal_number(arg.value):
        value = number_value(arg.value)
        return str(int(value))  # R's as.integer() truncates toward zero
    code = arg_code(tr, arg, keras=True)
    if target.startswith("rkeras.") or arg_kind(tr, arg) in ("number", "int") or code.startswith(("[", "(")) \
            or code == "None":
        return code   # rkeras takes R's values itself; one number or a literal vector is as written
    tr.need("rbase")
    return f"rbase.as_integers({code})"   # R keras' as.integer(): c(3, 3) is a double vector in R


def axis_code(tr, arg) -> str:
    """An R axis / position (1-based for positive values) as Python's 0-based one."""
    if not isinstance(arg, PipedArg) and is_literal_number(arg.value):
        value = int(number_value(arg.value))
        return str(value - 1 if value > 0 else value)
    if not isinstance(arg, PipedArg) and arg.value.type == "null":
        return "None"
    tr.need("rbase")
    return f"rbase.axis0({arg_code(tr, arg)})"


#: Keras arguments that must be Python floats (Keras 3 refuses ``learning_rate=0``); an R number
#: written without a decimal point (a double in R) is written as a float there.
FLOAT_ARGS = frozenset({"learning_rate", "lr", "momentum", "decay", "rho", "epsilon", "beta_1", "beta_2",
                        "weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "initial_accumulator_value",
                        "l1", "l2", "l", "stddev", "mean", "minval", "maxval", "gain", "scale", "alpha",
                        "min_delta", "factor", "min_lr", "rate", "dropout", "recurrent_dropout", "ema_momentum"})


def value_code(tr, entry, formal, arg) -> str:
    if formal in entry.shapes or formal in ("input_shape", "batch_input_shape"):
        return shape_code(tr, arg)
    if formal in entry.one_based:
        return axis_code(tr, arg)
    if formal in entry.integers:
        return integer_code(tr, arg, entry.target)
    if formal in FLOAT_ARGS and not isinstance(arg, PipedArg) and is_literal_number(arg.value):
        raw = text(arg.value).rstrip("L")
        return raw if any(ch in raw for ch in ".eE") else repr(float(number_value(arg.value)))
    return arg_code(tr, arg, keras=True)


def keras_kwargs(tr, node, entry, matched, extras, *, skip=("object",), positional=()):
    """Keyword arguments (Python name, code) for a table entry's call, in the R call's order,
    then R defaults the call left out. ``positional`` formals are written without their name."""
    given = sorted(((formal, arg) for formal, arg in matched.items() if formal not in skip and formal != "..."),
                   key=lambda item: (-1 if isinstance(item[1], PipedArg) else item[1].node.start_byte))
    out = []
    if entry.args[:1] == ("...",):
        # R's dots come first (tfruns' flags(...)): unnamed values are the Python call's leading positionals
        leading = [a for a in extras if a.name is None and not (a.value is not None and a.value.type == "dots")]
        out.extend((None, arg_code(tr, a, keras=True)) for a in leading)
        extras = [a for a in extras if not any(a is lead for lead in leading)]
    for formal, arg in given:
        py_kw = entry.renames.get(formal, formal)
        if py_kw is None:
            tr.notes.append((tr.rline(node), f"{entry.r_name}(): argument `{formal}` dropped: {entry.note}"))
            continue
        out.append((None if formal in positional else py_kw, value_code(tr, entry, formal, arg)))
    for formal, default in entry.defaults.items():
        if formal not in matched:
            py_kw = entry.renames.get(formal, formal)
            if py_kw is not None:
                out.append((py_kw, default))
    for arg in extras:
        if arg.name is None:
            if arg.value is not None and arg.value.type == "dots":
                out.append((None, "*args"))
                out.append((None, "**kwargs"))
                continue
            tr.unported(node, f"an unnamed argument to {entry.r_name}() beyond its formals")
        py_kw = entry.renames.get(arg.name, py_name(arg.name))
        if py_kw is None:
            continue
        out.append((py_kw, arg_code(tr, arg, keras=True)))
    return out


def format_kwargs(pairs) -> str:
    return ", ".join(code if kw is None else f"{kw}={code}" for kw, code in pairs)


def keras_call(tr, node, entry, args, piped=None):
    """A call of an R keras function found in the tables (``piped``: the left side of ``%>%``)."""
    if piped is not None:
        args = [piped] + list(args)
    matched, extras = match_args(tr, node, entry.args, args)
    target_name = entry.target
    for r_arg, alternative in tr.when_given.get(entry.r_name, {}).items():
        if r_arg in matched or any(a.name == r_arg for a in extras):
            target_name = alternative   # e.g. optimizer_rmsprop(decay = ) keeps R's legacy decay
            break
    target = target_code(tr, target_name)
    return _keras_call(tr, node, entry, args, matched, extras, target)


def _positional_run(tr, entry, args, matched, first):
    """Formals after ``first`` that R filled by position, in order, with no gap (for rkeras targets)."""
    out = []
    unnamed = [a for a in args if a.name is None]
    start = 0 if first is None else entry.args.index(first) + 1
    limit = tr.positional_api.get(entry.r_name, len(entry.args))   # the target orders the rest otherwise
    for formal in entry.args[start:limit]:
        arg = matched.get(formal)
        if arg is None or not any(arg is u for u in unnamed) or entry.renames.get(formal, formal) is None:
            break
        if formal in ("input_shape", "batch_input_shape", "input_dim"):
            break
        out.append(formal)
    return tuple(out)


def _keras_call(tr, node, entry, args, matched, extras, target):
    if entry.kind == "layer":
        from .layers import layer_call

        return layer_call(tr, node, entry, matched, extras, target)
    if entry.kind == "model_method":
        first = entry.args[0] if entry.args else "object"
        obj = matched.get(first)
        positional = _positional_run(tr, entry, args, matched, first)
        pairs = keras_kwargs(tr, node, entry, matched, extras, skip=(first,), positional=positional)
        lead = [arg_code(tr, obj)] if obj is not None else []
        return f"{target}({', '.join(lead + ([format_kwargs(pairs)] if pairs else []))})"
    positional = _positional_run(tr, entry, args, matched, None)
    pairs = keras_kwargs(tr, node, entry, matched, extras, skip=(), positional=positional)
    if _downloads_weights(entry, matched, target):
        # weights come through rkeras.application: a file already in Keras' cache is used as it is
        tr.need("rkeras")
        return f"rkeras.application({', '.join([target] + ([format_kwargs(pairs)] if pairs else []))})"
    return f"{target}({format_kwargs(pairs)})"


def _downloads_weights(entry, matched, target) -> bool:
    """An ``application_*()`` model whose ``weights`` are not ``NULL`` (R's default is "imagenet")."""
    if not (entry.r_name.startswith("application_") and entry.kind == "constructor"
            and target.startswith("keras.applications.") and "weights" in entry.args):
        return False
    weights = matched.get("weights")
    return weights is None or isinstance(weights, PipedArg) or weights.value is None or weights.value.type != "null"


# ------------------------------------------------------------------------------------------ dispatch
def call(tr, node, piped=None):
    fn = node.child_by_field_name("function")
    args_node = node.child_by_field_name("arguments")
    args = call_args(args_node) if args_node is not None else []
    if len(args) > 1 and args[-1].name is None and args[-1].value is None:
        args = args[:-1]   # f(a = 1, ): R takes the trailing empty argument as missing
    return call_with(tr, node, fn, args, piped)


#: code that is the same value however often it is written (a name, an attribute, a literal)
_REPEATABLE = re.compile(r"[A-Za-z_][\w.]*|-?\d[\w.+-]*|\"[^\"\\]*\"|'[^'\\]*'")


def bind_dot(tr, code, build):
    """``build(dot)`` with magrittr's left side evaluated once: where ``dot`` ends up written more
    than once (``x %>% f(., nrow(.))``) and ``code`` is more than a name or a literal, its first
    use becomes ``(_dotN := code)`` and the others ``_dotN``, so the left side (``dataset_mnist()``,
    a random draw, a model call) is not run again for every dot."""
    if _REPEATABLE.fullmatch(code):
        return build(code)
    tr.dot_serial = getattr(tr, "dot_serial", 0) + 1
    token = f"_rkeras_dot_{tr.dot_serial}_"
    out = build(token)
    if out.count(token) <= 1 or "lambda" in out[:out.index(token)]:
        # one use; or the first may sit in a lambda, whose own scope would keep the name from the rest
        return out.replace(token, code)
    name = tr.fresh_name("dot")
    first = out.index(token)
    return out[:first] + f"({name} := {code})" + out[first + len(token):].replace(token, name)


def call_with(tr, node, fn, args, piped=None):
    """Translate the call ``fn(args)`` of ``node`` (``piped``: a pipe's left side, or None)."""
    if piped is not None:
        # magrittr binds `.` to the left side inside nested arguments too (f(c(1, dim(.))))
        def build(code):
            saved = tr.flags
            tr.flags = {**saved, "dot": code}
            try:
                return _call_with(tr, node, fn, args, PipedArg(code, piped.kind, piped.node))
            finally:
                tr.flags = saved

        return bind_dot(tr, piped.code, build)
    return _call_with(tr, node, fn, args, piped)


def _call_with(tr, node, fn, args, piped=None):
    if piped is not None:
        args = _with_placeholder(tr, args, piped)
    name = fn_name(fn)
    if (fn.type == "extract_operator" and text(fn).replace("`", "") in ("tf$function", "tensorflow::tf$function")
            and "tf" not in tr.known_names):
        name = "tf_function"   # reticulate's tf$`function`(f): the tensorflow package's tf_function()
    if fn.type == "extract_operator" and text(fn).replace(" ", "") in ("knitr::opts_chunk$set", "opts_chunk$set"):
        return f"# {text(node)}: R Markdown chunk options (eval = FALSE chunks are tagged skip-execution)"
    if name is None:
        callee = tr.expr(fn)
        if piped is not None and not getattr(piped, "_used", False):
            args = [piped] + list(args)
        return plain_call(tr, callee, args)
    placeholder_used = piped is not None and getattr(piped, "_used", False)
    lead = piped if piped is not None and not placeholder_used else None
    # R looks a called name up among functions: the script's own first, then R keras, then base R;
    # a variable that holds a function (a model, a callback) is called as it is.
    if fn.type == "identifier" and name in tr.function_names:
        return plain_call(tr, py_name(name), ([lead] if lead is not None else []) + list(args))
    entry = tr.table.get(name)
    if entry is not None and name in BASE_GENERICS and fn.type == "identifier":
        first = lead if lead is not None else next(iter(args), None)
        if first is not None and arg_kind(tr, first) not in ("model", "seqmodel", "layer"):
            entry = None   # R's summary(c(1, 2)) is base R's method; R keras only adds one for models
    if entry is not None:
        return keras_call(tr, node, entry, args, piped=lead)
    from .baser import BASE

    if name in tr.not_ported_api and name not in BASE:
        tr.unported(node, f"R keras' `{name}()`: {tr.not_ported_api[name]}")
    handler = BASE.get(name)
    if handler is not None:
        return handler(tr, node, ([lead] if lead is not None else []) + list(args))
    if (fn.type == "identifier" and name in tr.known_names and lead is not None and not args
            and tr.kinds.get(name) in ("model", "layer", "seqmodel")):
        # R keras' model and layer objects piped into: compose_layer() (a Sequential model gets
        # them added, a tensor has them called on it)
        tr.need("rbase")
        return f"rbase.compose_layer({arg_code(tr, lead)}, {py_name(name)})"
    if fn.type == "identifier" and name in tr.known_names:
        return plain_call(tr, py_name(name), ([lead] if lead is not None else []) + list(args))
    if fn.type == "namespace_operator":
        pkg = text(fn.child_by_field_name("lhs"))
        tr.unported(node, f"`{pkg}::{name}()` is not known to the porter")
    tr.unported(node, f"R function `{name}()` is not known to the porter")


#: R generics that R keras extends for its models only: on anything the port does not know to be a
#: model they go to base R's method (rbase's, which passes a model on to rkeras at run time)
BASE_GENERICS = frozenset({"summary"})


def _with_placeholder(tr, args, piped):
    """magrittr's ``.``: ``x %>% f(y, .)`` puts x where the dot is."""
    out = []
    for arg in args:
        if arg.value is not None and arg.value.type == "identifier" and text(arg.value) == ".":
            replaced = PipedArg(piped.code, piped.kind, arg.node)
            replaced.name = arg.name
            out.append(replaced)
            piped._used = True
        else:
            out.append(arg)
    return out


def call_expression(tr, node):
    return call(tr, node)


EXPRESSIONS = {"call": call_expression}

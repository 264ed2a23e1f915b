"""tidyr's simple reshaping verbs: ``gather``/``pivot_longer`` (wide to long) and ``spread``/
``pivot_wider`` (long to wide), on ``rkeras.rbase``'s pandas versions. Columns are chosen as
dplyr's ``select()`` chooses them; ``key``/``value``/``names_from``/``values_from`` may be bare
names, as tidyr allows."""

from __future__ import annotations

from ..nodes import py_name, py_str, text
from .baser import register
from .calls import PipedArg, arg_code, match_args
from .dplyr import select_spec


def _name(tr, node, arg, verb):
    """A column named by a bare name or a string (tidyr's ``key``, ``names_from``, ...)."""
    if isinstance(arg, PipedArg) or arg.value is None:
        tr.unported(node, f"{verb}(): a column name given other than as a name or a string")
    if arg.value.type == "identifier":
        return py_str(text(arg.value).strip("`"))
    return arg_code(tr, arg)


def _verb(verb, formals, names, *, dots_spec=False, spec_args=()):
    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        if "data" not in matched:
            tr.unported(node, f"{verb}() without a data frame")
        tr.need("rbase")
        parts = [arg_code(tr, matched["data"])]
        for formal in formals[1:]:
            if formal == "..." or formal not in matched:
                continue
            arg = matched[formal]
            if formal in names:
                code = _name(tr, node, arg, verb)
            elif formal in spec_args:
                code = select_spec(tr, arg.value)
            else:
                code = arg_code(tr, arg)
            parts.append(f"{py_name(formal)}={code}")
        specs = []
        for arg in extras:
            if arg.name is not None:
                tr.unported(node, f"{verb}(): argument `{arg.name}` is not ported")
            if not dots_spec:
                tr.unported(node, f"{verb}(): more arguments than it takes")
            specs.append(select_spec(tr, arg.value))
        if specs:   # gather()'s column selection follows key and value, as in R
            keyed = {p.split("=", 1)[0]: p for p in parts[1:]}
            key = keyed.pop("key", 'key="key"').split("=", 1)[1]
            value = keyed.pop("value", 'value="value"').split("=", 1)[1]
            parts = [parts[0], key, value, *specs, *keyed.values()]
        return f"rbase.{verb}({', '.join(parts)})"

    return handler


register("gather")(_verb("gather", ("data", "key", "value", "...", "na.rm", "convert", "factor_key"),
                         ("key", "value"), dots_spec=True))
register("pivot_longer")(_verb("pivot_longer", ("data", "cols", "names_to", "values_to", "values_drop_na"),
                               (), spec_args=("cols",)))
register("spread")(_verb("spread", ("data", "key", "value", "fill", "convert", "drop", "sep"), ("key", "value")))
register("pivot_wider")(_verb("pivot_wider", ("data", "names_from", "values_from", "values_fill"),
                              ("names_from", "values_from")))

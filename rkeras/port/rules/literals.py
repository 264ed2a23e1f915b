"""R literals and names: numbers, strings, TRUE/FALSE/NULL/NA/Inf/NaN, identifiers, ``(...)``."""

from __future__ import annotations

from ..nodes import number_value, py_name, py_str, r_string, text

#: R constants that base R defines (a script may still assign its own).
CONSTANTS = {
    "pi": ("np", "np.pi"),
    "T": (None, "True"),
    "F": (None, "False"),
    "LETTERS": ("np", 'np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))'),
    "letters": ("np", 'np.array(list("abcdefghijklmnopqrstuvwxyz"))'),
    "progress_bar": ("rbase", "rbase.progress_bar"),   # the progress package's R6 class generator
}

#: Python modules R scripts reach through reticulate (``tf$constant(...)``, R keras' ``keras`` object)
MODULES = {"tf": "tf", "keras": "keras"}

#: R's datasets a script may use without loading them: loaded once, before first use
DATASETS = {"iris": "rkeras.load_iris()"}


def number(tr, node):
    raw = text(node)
    value = number_value(node)
    if raw.lower().startswith("0x"):
        return str(value)
    if isinstance(value, int):
        if tr.flags.get("doubles") and not raw.endswith("L"):
            return f"{value}.0"     # an R double handed to Python through reticulate: a float
        return str(value)
    return raw.rstrip("L") if not raw.startswith(".") else "0" + raw.rstrip("L")


def string(tr, node):
    return py_str(r_string(node))


def identifier(tr, node):
    name = text(node).strip("`")
    if name == "." and "dot" in tr.flags:
        return tr.flags["dot"]
    if tr.flags.get("mask") and not name.startswith(".") and _maskable(tr, name):
        from .dplyr import mask_name

        return mask_name(tr, name)
    if name in DATASETS and name not in tr.bound and not (tr.scopes and name in tr.known_names):
        tr.need("rkeras")
        tr.prelude.append((f"{py_name(name)} = {DATASETS[name]}  # R's datasets::{name}", None))
        tr.bound.add(name)
        tr.kinds[name] = "frame"
        return py_name(name)
    if name in tr.values and name not in tr.known_names:
        from .calls import target_code

        return target_code(tr, tr.values[name])     # metric_binary_accuracy as a value
    if name in tr.table and name not in tr.known_names:
        from .calls import target_code

        entry = tr.table[name]
        target = target_code(tr, entry.target)   # an R keras function passed as a value
        if entry.kind == "layer" and not entry.target.startswith("rkeras."):
            # keeps R keras' conversions (as.integer(), 1-based axes, shapes) where the port cannot
            # see the call (set_defaults(layer_conv_2d, ...))
            spec = [target] + [f"{field}={tuple(sorted(values))!r}" for field, values in
                               (("integers", entry.integers), ("one_based", entry.one_based),
                                ("shapes", entry.shapes)) if values]
            if entry.renames:
                spec.append(f"renames={dict(sorted(entry.renames.items()))!r}")
            tr.need("rbase")
            return f"rbase.layer_function({', '.join(spec)})"
        return target
    if name not in tr.known_names:
        from .baser import BASE_VALUES

        if name in BASE_VALUES:
            key, code = BASE_VALUES[name]
            if key:
                tr.need(key)
            return code                                   # sapply(x, length): the function itself
    if name in MODULES and name not in tr.known_names:
        tr.need(MODULES[name])
        return name
    if name in CONSTANTS and name not in tr.bound and not (tr.scopes and name in tr.known_names):
        key, code = CONSTANTS[name]
        if key:
            tr.need(key)
        return code
    return py_name(name)


def _maskable(tr, name):
    """Inside a dplyr verb, may ``name`` be a column? Not the script's functions, nor R functions
    and constants used as values (``map(x, length)``) that the script does not assign."""
    if name in tr.function_names:
        return False
    if name in tr.known_names:
        return True
    from .baser import BASE_VALUES

    return not (name in BASE_VALUES or name in tr.values or name in tr.table or name in MODULES or name in CONSTANTS)


def na(tr, node):
    tr.need("np")
    return "np.nan"


def inf(tr, node):
    tr.need("np")
    return "np.inf"


def parenthesized(tr, node):
    inner = [c for c in node.children if c.is_named and c.type != "comment"]
    return f"({tr.expr(inner[0])})"


def dots(tr, node):
    tr.unported(node, "`...` outside a call")


EXPRESSIONS = {
    "float": number,
    "integer": number,
    "complex": lambda tr, node: tr.unported(node, "complex numbers"),
    "string": string,
    "true": lambda tr, node: "True",
    "false": lambda tr, node: "False",
    "null": lambda tr, node: "None",
    "na": na,
    "inf": inf,
    "nan": na,
    "identifier": identifier,
    "parenthesized_expression": parenthesized,
    "dots": dots,
}

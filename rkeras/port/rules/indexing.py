"""R's indexing with R's meaning: ``x[i, j]`` (1-based, inclusive, negative drops, logical),
``x[[i]]``, ``x$name`` and ``x@slot``, read and assigned.

Where the port knows ``x`` is a numpy array (or a data frame) and every index is a plain
position, it writes numpy's own slicing (``x[0:100, :]``, ``df.iloc[:, 0:4]``); otherwise the
``rkeras.rbase`` helper applies R's rules at run time (``rbase.subset(x, -1, None)``), so a
negative or logical index is never read as Python's.
"""

from __future__ import annotations

from ..nodes import call_args, fn_name, is_literal_number, number_value, py_name, py_str, r_string, text
from .operators import operand

#: names whose ``$`` is always attribute access (Python modules and R6 / custom-model objects)
ATTRIBUTE_BASES = frozenset({"tf", "keras", "self", "private", "super", "np", "K", "backend", "tfp", "tfd"})
OBJECT_KINDS = frozenset({"object", "model", "seqmodel", "tensor", "layer", "history", "function"})


def _simple_index(tr, arg):
    """numpy's 0-based form of a plain R index, or None when R's rules need the helper."""
    if arg.value is None:
        return ":"
    if arg.name is not None:
        return None
    node = arg.value
    if is_literal_number(node):
        value = number_value(node)
        if isinstance(value, int) and value >= 1:
            return str(value - 1)
        return None
    if node.type == "identifier" and tr.kinds.get(text(node)) == "int":
        return f"{py_name(text(node))} - 1"
    if node.type == "binary_operator" and text(node.child_by_field_name("operator")) == ":":
        lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
        if is_literal_number(lhs) and number_value(lhs) == 1 and is_literal_number(rhs) and number_value(rhs) >= 1:
            return f":{number_value(rhs)}"
        if is_literal_number(lhs) and is_literal_number(rhs):
            a, b = number_value(lhs), number_value(rhs)
            if isinstance(a, int) and isinstance(b, int) and 1 <= a <= b:
                return f"{a - 1}:{b}"
    return None


def _index_args(tr, args):
    out, named = [], []
    for arg in args:
        if arg.name == "drop":
            named.append(f"drop={tr.plain_expr(arg.value)}")
        elif arg.name is not None:
            tr.unported(arg.node, f"index argument `{arg.name}`")
        else:
            out.append("None" if arg.value is None else tr.plain_expr(arg.value))
    return out, named


def subset(tr, node):
    target = node.child_by_field_name("function")
    args = call_args(node.child_by_field_name("arguments"))
    kind = tr.kind_of(target)
    base = operand(tr, target)
    simple = [_simple_index(tr, a) for a in args]
    # one index on an array is R's column-major linear index: only matrix-style indices are numpy's
    if kind in ("array", "frame") and all(s is not None for s in simple) and len(args) >= 2:
        if kind == "array":
            return f"{base}[{', '.join(simple)}]"
        if len(args) == 2:
            row = simple[0]
            if ":" not in row:  # one row of a data frame is still a data frame in R
                row = f"{row}:{row[:-len(' - 1')]}" if row.endswith(" - 1") else f"{row}:{int(row) + 1}"
            return f"{base}.iloc[{row}, {simple[1]}]"
    positions, named = _index_args(tr, args)
    tr.need("rbase")
    return f"rbase.subset({', '.join([base] + positions + named)})"


def subset2(tr, node):
    target = node.child_by_field_name("function")
    args = [a for a in call_args(node.child_by_field_name("arguments")) if a.name is None]
    if len(args) > 1 and all(a.value is not None for a in args):
        return _elem_at(tr, target, args)
    if len(args) != 1 or args[0].value is None:
        tr.unported(node, "`[[` with other than one index")
    index = args[0].value
    base = operand(tr, target)
    kind = tr.kind_of(target)
    if index.type == "string" and kind not in OBJECT_KINDS - {"history"}:
        return f"{base}[{py_str(r_string(index))}]"
    if is_literal_number(index) and kind == "list":
        value = number_value(index)
        if isinstance(value, int) and value >= 1:
            return f"{base}[{value - 1}]"
    tr.need("rbase")
    return f"rbase.elem({base}, {tr.plain_expr(index)})"


def _elem_at(tr, target, args, value=None):
    """R's ``x[[i, j, ...]]`` (one element of an array or data frame, each index one position),
    read, or assigned ``value`` when given: numpy's indexing where the port knows ``x`` is an
    array and the indices are plain, otherwise ``rbase.elem_at`` / ``rbase.set_elem_at``."""
    base = operand(tr, target) if value is None else tr.expr(target)
    simple = [_simple_index(tr, a) for a in args]
    if tr.kind_of(target) == "array" and all(s is not None and ":" not in s for s in simple):
        place = f"{base}[{', '.join(simple)}]"
        if value is not None and target.type == "identifier":
            return _put(tr, base, simple, value)
        return place if value is None else f"{place} = {value}"
    tr.need("rbase")
    indices = ", ".join(tr.plain_expr(a.value) for a in args)
    if value is None:
        return f"rbase.elem_at({base}, {indices})"
    if target.type == "identifier":
        return f"{base} = rbase.set_elem_at({base}, {value}, {indices})"
    return f"rbase.set_elem_at({base}, {value}, {indices}, inplace=True)"   # a part of a bigger object


def _put(tr, base, simple, value) -> str:
    """A write into an array at plain numpy indices: through ``rbase.put``, which widens an integer
    or logical array first as R does (numpy would truncate 0.5 to 0 in place)."""
    tr.need("np")
    tr.need("rbase")
    return f"{base} = rbase.put({base}, np.s_[{', '.join(simple)}], {value})"


def _package_module(node) -> bool:
    """``tensorflow::tf`` or ``keras::keras``: a Python module reached through its R package."""
    if node.type != "namespace_operator":
        return False
    return text(node).replace(" ", "") in ("tensorflow::tf", "keras::keras", "tfprobability::tfp")


def _attribute_base(tr, lhs):
    if lhs.type == "identifier":
        name = text(lhs)
        if name in ATTRIBUTE_BASES and (name not in tr.known_names or tr.kinds.get(name) in OBJECT_KINDS):
            if name == "tf":
                tr.need("tf")
            if name == "tfp" and "tfp" not in tr.known_names:
                tr.need("tfp")
            if name == "keras" and "keras" not in tr.known_names:
                tr.need("keras")
            return True
        return tr.kinds.get(name) in OBJECT_KINDS
    if lhs.type == "call" and text(lhs.child_by_field_name("function")) == "super":
        return True
    if _package_module(lhs):
        return True
    if lhs.type == "extract_operator":
        inner = lhs.child_by_field_name("lhs")
        while inner.type == "extract_operator":
            inner = inner.child_by_field_name("lhs")
        if _package_module(inner):
            return True
        return inner.type == "identifier" and text(inner) in ("tf", "keras", "np", "tfp") and text(inner) not in tr.known_names
    return tr.kind_of(lhs) in OBJECT_KINDS


def extract(tr, node):
    op = text(node.child_by_field_name("operator"))
    lhs = node.child_by_field_name("lhs")
    rhs = node.child_by_field_name("rhs")
    if rhs is None:
        tr.unported(node, "`$` without a name")
    name = r_string(rhs) if rhs.type == "string" else text(rhs).strip("`")
    if lhs.type == "call" and text(lhs.child_by_field_name("function")) == "super":
        return f"super().{py_name(name) if name.isidentifier() else name}"
    base = operand(tr, lhs)
    if op == "@" or _attribute_base(tr, lhs):
        if base == "tf" and name == "python":
            # reticulate reached TensorFlow's internal `tensorflow.python` package through tf$python;
            # TF 2 no longer exposes it as an attribute: import it by name
            tr.need("rbase")
            return 'rbase.py_import("tensorflow.python")'
        if not name.isidentifier():
            tr.unported(node, f"attribute `{name}` is not a Python name")
        return f"{base}.{name}"
    if tr.kind_of(lhs) in ("dict", "frame", "list"):
        return f"{base}[{py_str(name)}]"
    tr.need("rbase")
    return f"rbase.dollar({base}, {py_str(name)})"


# ---------------------------------------------------------------------------------- assignment
_REPLACEMENT = {"names": "set_names", "dim": "set_dim", "colnames": "set_colnames", "rownames": "set_rownames",
                "levels": "set_levels", "dimnames": "set_dimnames", "class": "set_class"}


def assign_into(tr, lhs, value):
    """The Python statement for ``lhs <- value`` when lhs is a part (``x[i]``, ``x$a``, ``names(x)``)."""
    tr.need("rbase")
    if lhs.type == "extract_operator":
        inner = lhs.child_by_field_name("lhs")
        rhs = lhs.child_by_field_name("rhs")
        name = r_string(rhs) if rhs.type == "string" else text(rhs).strip("`")
        base = tr.expr(inner)
        if text(lhs.child_by_field_name("operator")) == "@" or _attribute_base(tr, inner):
            return f"{base}.{name} = {value}"
        if inner.type == "identifier":   # R's copy-on-change and `l$a <- NULL` removing `a`
            return f"{base} = rbase.set_dollar({base}, {py_str(name)}, {value})"
        if tr.kind_of(inner) in ("dict", "frame"):
            return f"{base}[{py_str(name)}] = {value}"
        return f"rbase.set_dollar({base}, {py_str(name)}, {value}, inplace=True)"
    if lhs.type == "subset2":
        inner = lhs.child_by_field_name("function")
        args = [a for a in call_args(lhs.child_by_field_name("arguments")) if a.name is None]
        if len(args) > 1 and all(a.value is not None for a in args):
            return _elem_at(tr, inner, args, value)
        if len(args) != 1 or args[0].value is None:
            tr.unported(lhs, "`[[<-` with other than one index")
        base = tr.expr(inner)
        index = args[0].value
        if index.type == "string" and tr.kind_of(inner) in ("dict", "frame") and inner.type != "identifier":
            return f"{base}[{py_str(r_string(index))}] = {value}"
        if inner.type == "identifier":
            return f"{base} = rbase.set_elem({base}, {tr.plain_expr(index)}, {value})"
        return f"rbase.set_elem({base}, {tr.plain_expr(index)}, {value}, inplace=True)"
    if lhs.type == "subset":
        inner = lhs.child_by_field_name("function")
        args = call_args(lhs.child_by_field_name("arguments"))
        base = tr.expr(inner)
        simple = [_simple_index(tr, a) for a in args]
        if tr.kind_of(inner) == "array" and all(s is not None for s in simple) and len(args) >= 2:
            if inner.type == "identifier":
                return _put(tr, base, simple, value)
            return f"{base}[{', '.join(simple)}] = {value}"
        positions, named = _index_args(tr, args)
        if named:
            tr.unported(lhs, "a named index in an assignment")
        if inner.type == "identifier":
            return f"{base} = rbase.assign({base}, {value}, {', '.join(positions)})"
        return f"rbase.assign({base}, {value}, {', '.join(positions)}, inplace=True)"
    if lhs.type == "call":
        name = fn_name(lhs.child_by_field_name("function"))
        args = call_args(lhs.child_by_field_name("arguments"))
        if name in _REPLACEMENT and len(args) == 1 and args[0].value.type == "identifier":
            base = tr.expr(args[0].value)
            return f"{base} = rbase.{_REPLACEMENT[name]}({base}, {value})"
        tr.unported(lhs, f"assignment to `{name}(...)`")
    tr.unported(lhs, f"assignment to `{text(lhs)[:40]}`")


EXPRESSIONS = {"subset": subset, "subset2": subset2, "extract_operator": extract,
               "namespace_operator": lambda tr, node: _namespace(tr, node)}


def _namespace(tr, node):
    rhs = node.child_by_field_name("rhs")
    name = text(rhs).strip("`")
    entry = tr.table.get(name)
    if entry is not None:
        from .calls import target_code

        return target_code(tr, entry.target)
    from .literals import identifier

    return identifier(tr, rhs)

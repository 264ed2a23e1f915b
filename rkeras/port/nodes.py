"""Small readers of tree-sitter R nodes, shared by the rules."""

from __future__ import annotations

import keyword

__all__ = ["text", "line", "call_args", "Arg", "py_name", "r_string", "py_str", "is_literal_number",
           "number_value", "fn_name", "RESERVED"]

# Names our output itself uses; an R variable with one of these names gets a trailing "_".
RESERVED = frozenset({"len", "range", "int", "float", "print", "list", "dict", "tuple", "str", "np", "pd",
                      "keras", "tf", "rkeras", "rbase", "isinstance", "super", "type", "object", "max", "min",
                      "sum", "abs", "round", "any", "all", "set", "map", "filter", "zip", "open", "format",
                      "iter", "next", "callable", "lambda_"})


def text(node) -> str:
    return node.text.decode("utf-8")


def line(node) -> int:
    return node.start_point[0] + 1


class Arg:
    """One argument of an R call: ``name`` (str or None) and ``value`` (node, or None when empty)."""

    __slots__ = ("name", "value", "node")

    def __init__(self, name, value, node):
        self.name, self.value, self.node = name, value, node

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"Arg({self.name!r}, {self.value and text(self.value)!r})"


def call_args(arguments) -> list[Arg]:
    """The arguments of a call/subset node's ``arguments`` child, empty slots kept (``x[1, ]``)."""
    out: list[Arg] = []
    pending = None
    saw_comma = False
    for child in arguments.children:
        if child.type == "argument":
            name_node = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            name = None
            if name_node is not None:
                name = r_string(name_node) if name_node.type == "string" else text(name_node)
                if name.startswith("`"):
                    name = name.strip("`")
            pending = Arg(name, value, child)
        elif child.type == "comma":
            out.append(pending if pending is not None else Arg(None, None, child))
            pending = None
            saw_comma = True
        elif child.type == "comment":
            continue
    if pending is not None:
        out.append(pending)
    elif saw_comma:
        out.append(Arg(None, None, arguments))
    return out


def py_name(name: str) -> str:
    """An R identifier as a Python one: dots become underscores, Python keywords get a trailing ``_``."""
    if name.startswith("`") and name.endswith("`"):
        name = name[1:-1]
    out = "".join(ch if (ch.isalnum() or ch == "_") else "_" for ch in name)
    if out and out[0].isdigit():
        out = "_" + out
    if keyword.iskeyword(out) or out in RESERVED:
        out += "_"
    return out


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'", "`": "`",
            "a": "\a", "b": "\b", "f": "\f", "v": "\v", " ": " "}


def r_string(node) -> str:
    """The value of an R string literal (escapes decoded, raw strings kept)."""
    raw = text(node)
    if raw[:1] in "rR" and len(raw) > 2 and raw[1] in "\"'":
        body = raw[2:-1]
        dashes = len(body) - len(body.lstrip("-"))
        return body[dashes + 1:len(body) - dashes - 1]
    body = raw[1:-1]
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            if nxt in "xuU":
                j = i + 2
                brace = j < len(body) and body[j] == "{"
                j += brace
                k = j
                limit = {"x": 2, "u": 4, "U": 8}[nxt]
                while k < len(body) and k - j < limit and body[k] in "0123456789abcdefABCDEF":
                    k += 1
                out.append(chr(int(body[j:k], 16)))
                i = k + (1 if brace else 0)
                continue
            out.append(nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def py_str(value: str) -> str:
    """A Python literal for ``value``, double-quoted unless it holds a double quote."""
    literal = repr(value)
    if literal.startswith("'") and '"' not in value:
        literal = '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


def is_literal_number(node) -> bool:
    if node is None:
        return False
    if node.type in ("float", "integer"):
        return True
    if node.type == "unary_operator" and text(node.child_by_field_name("operator")) in "-+":
        return is_literal_number(node.child_by_field_name("rhs"))
    return False


def number_value(node):
    """The value of a literal number node (``-3``, ``1e3``, ``5L``, ``0x10``)."""
    if node.type == "unary_operator":
        sign = -1 if text(node.child_by_field_name("operator")) == "-" else 1
        return sign * number_value(node.child_by_field_name("rhs"))
    raw = text(node).rstrip("Li")
    if raw.lower().startswith("0x"):
        return int(raw, 16)
    value = float(raw)
    return int(value) if value.is_integer() and "." not in raw and "e" not in raw.lower() else value


def fn_name(node):
    """The R name a call calls (``keras::layer_dense`` is ``layer_dense``), or None for computed ones."""
    if node.type == "return":
        return "return"
    if node.type == "identifier":
        return text(node).strip("`")
    if node.type == "namespace_operator":
        rhs = node.child_by_field_name("rhs")
        if rhs is not None and rhs.type == "identifier":
            return text(rhs).strip("`")
    if node.type == "string":
        return r_string(node)
    return None

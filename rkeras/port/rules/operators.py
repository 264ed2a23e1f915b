"""R operators with R's meaning: arithmetic, comparison, logic, ``:``, ``%in%``, ``%*%``, ``%%``."""

from __future__ import annotations

from ..nodes import is_literal_number, number_value, text

ASSIGN_OPS = frozenset({"<-", "=", "<<-", "->", "->>", "%<-%", "%->%", ":="})
PIPE_OPS = frozenset({"%>%", "|>"})

_SIMPLE = {"+": "+", "-": "-", "*": "*", "/": "/", "^": "**", "%%": "%", "%/%": "//", "%*%": "@",
           "==": "==", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "&": "&", "|": "|",
           "&&": "and", "||": "or"}
_ATOMS = frozenset({"identifier", "float", "integer", "string", "true", "false", "null", "na", "inf", "nan",
                    "call", "subset", "subset2", "extract_operator", "parenthesized_expression",
                    "namespace_operator"})


#: Python's precedence of the operator each R operator becomes (higher binds tighter)
PY_PREC = {"**": 16, "*": 14, "/": 14, "//": 14, "%": 14, "@": 14, "+": 13, "-": 13, "&": 10, "|": 8,
           "==": 7, "!=": 7, "<": 7, ">": 7, "<=": 7, ">=": 7, "and": 5, "or": 4}


def python_prec(tr, node) -> int:
    """Precedence of the Python expression a node becomes (100: an atom, never parenthesised)."""
    if node.type == "binary_operator":
        op = text(node.child_by_field_name("operator"))
        return PY_PREC.get(_SIMPLE.get(op, ""), 100) if op != "~" else 0
    if node.type == "unary_operator":
        op = text(node.child_by_field_name("operator"))
        if op in "-+":
            return 15
        if op == "!":
            return 6 if tr.flags.get("scalar") else 100
        return 0
    if node.type == "function_definition":
        return 0
    return 100


def operand(tr, node, parent=None, right=False, **ctx) -> str:
    """An operand, parenthesised where Python would otherwise group it differently from R."""
    code = tr.expr(node, **ctx)
    child = python_prec(tr, node)
    if parent is None:
        return code if child == 100 else f"({code})"
    mine = PY_PREC[parent]
    if child > mine or child == 100:
        return code
    if child == mine and parent != "**" and not right and mine != 7:
        return code            # left-associative: a - b - c
    if child == mine and parent == "**" and right:
        return code            # right-associative: a ** b ** c
    return f"({code})"


def colon(tr, node, lhs, rhs):
    """R's ``a:b``: inclusive, counting down when ``b < a``."""
    tr.need("np")
    if is_literal_number(lhs) and is_literal_number(rhs):
        a, b = number_value(lhs), number_value(rhs)
        if isinstance(a, int) and isinstance(b, int):
            if a <= b:
                return f"np.arange({a}, {b + 1})"
            return f"np.arange({a}, {b - 1}, -1)"
    tr.need("rbase")
    return f"rbase.colon({tr.expr(lhs)}, {tr.expr(rhs)})"


def binary(tr, node):
    op = text(node.child_by_field_name("operator"))
    lhs = node.child_by_field_name("lhs")
    rhs = node.child_by_field_name("rhs")
    if op in PIPE_OPS:
        from .pipes import pipe

        return pipe(tr, node)
    if op in ASSIGN_OPS:
        return inner_assignment(tr, node, op, lhs, rhs)
    if op == ":":
        return colon(tr, node, lhs, rhs)
    if op == "%in%":
        tr.need("np")
        return f"np.isin({tr.expr(lhs)}, {tr.expr(rhs)})"
    if op == "%o%":
        tr.need("np")
        return f"np.outer({tr.expr(lhs)}, {tr.expr(rhs)})"
    if op == "~":
        tr.unported(node, "R formulas (`~`)")
    if op in ("&&", "||"):
        py = _SIMPLE[op]
        return f"{operand(tr, lhs, py, scalar=True)} {py} {operand(tr, rhs, py, True, scalar=True)}"
    if op in _SIMPLE:
        py = _SIMPLE[op]
        return f"{operand(tr, lhs, py)} {py} {operand(tr, rhs, py, True)}"
    tr.unported(node, f"operator `{op}`")


def unary(tr, node):
    op = text(node.child_by_field_name("operator"))
    rhs = node.child_by_field_name("rhs")
    if op == "-":
        return f"-{_unary_operand(tr, rhs, 15)}"
    if op == "+":
        return f"+{_unary_operand(tr, rhs, 15)}"
    if op == "!":
        if tr.flags.get("scalar"):
            return f"not {_unary_operand(tr, rhs, 6, scalar=True)}"
        tr.need("np")
        return f"np.logical_not({tr.expr(rhs)})"
    if op == "~":
        from .tidyverse import formula_lambda

        if tr.flags.get("formula_ok", True):
            return formula_lambda(tr, node)
    tr.unported(node, f"operator `{op}`")


def _unary_operand(tr, node, prec, **ctx):
    code = tr.expr(node, **ctx)
    return code if python_prec(tr, node) >= prec else f"({code})"


EXPRESSIONS = {"binary_operator": binary, "unary_operator": unary}


def inner_assignment(tr, node, op, lhs, rhs):
    """``while (!is.null(x <- f()))`` / ``(f() -> x)``: R's assignment is an expression whose value
    is the assigned value; to a plain name it is Python's ``(x := value)``. Other targets (parts,
    ``<<-``, zeallot) are reported."""
    if op in ("->", "->>"):
        lhs, rhs = rhs, lhs
    if op not in ("<-", "=", "->") or lhs.type != "identifier" or tr.flags.get("mask"):
        tr.unported(node, f"assignment `{op}` inside an expression")
    from ..nodes import py_name

    name = text(lhs).strip("`")
    value = tr.expr(rhs)
    tr.set_kind(name, None)
    tr.bound.add(name)
    if tr.scopes:
        tr.scopes[-1].assigned.add(name)
    return f"({py_name(name)} := {value})"

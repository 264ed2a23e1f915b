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


def operand(tr, node, **ctx) -> str:
    """An operand, parenthesised unless it is an atom (so Python's precedence cannot differ from R's)."""
    code = tr.expr(node, **ctx)
    if node.type in _ATOMS and not (node.type == "call" and code.startswith("lambda")):
        return code
    if code.startswith("(") and code.endswith(")") and node.type == "parenthesized_expression":
        return code
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
        tr.unported(node, f"assignment `{op}` inside an expression")
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
        return f"{operand(tr, lhs, scalar=True)} {_SIMPLE[op]} {operand(tr, rhs, scalar=True)}"
    if op in _SIMPLE:
        return f"{operand(tr, lhs)} {_SIMPLE[op]} {operand(tr, rhs)}"
    tr.unported(node, f"operator `{op}`")


def unary(tr, node):
    op = text(node.child_by_field_name("operator"))
    rhs = node.child_by_field_name("rhs")
    if op == "-":
        return f"-{operand(tr, rhs)}"
    if op == "+":
        return f"+{operand(tr, rhs)}"
    if op == "!":
        if tr.flags.get("scalar"):
            return f"not {operand(tr, rhs, scalar=True)}"
        tr.need("np")
        return f"np.logical_not({tr.expr(rhs)})"
    if op == "~":
        from .tidyverse import formula_lambda

        if tr.flags.get("formula_ok", True):
            return formula_lambda(tr, node)
    tr.unported(node, f"operator `{op}`")


EXPRESSIONS = {"binary_operator": binary, "unary_operator": unary}

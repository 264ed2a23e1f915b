"""Control flow: ``if``/``else``, ``for``, ``while``, ``repeat``, ``break``, ``next``, ``{ }``."""

from __future__ import annotations

from ..nodes import call_args, fn_name, is_literal_number, number_value, py_name, text
from ..translator import braced_statements


def condition(tr, node):
    return tr.expr(node, scalar=True)


def if_statement(tr, node, result):
    cond = condition(tr, node.child_by_field_name("condition"))
    tr.flush_prelude()
    tr.emit(f"if {cond}:", node)
    tr.block(node.child_by_field_name("consequence"), result=result)
    alternative = node.child_by_field_name("alternative")
    while alternative is not None and alternative.type == "if_statement":
        cond = condition(tr, alternative.child_by_field_name("condition"))
        if tr.prelude:
            tr.unported(alternative, "an `else if` condition that needs a function defined first")
        tr.emit(f"elif {cond}:", alternative)
        tr.statement_count += 1
        tr.block(alternative.child_by_field_name("consequence"), result=result)
        alternative = alternative.child_by_field_name("alternative")
    if alternative is not None:
        tr.emit("else:")
        tr.block(alternative, result=result)
    elif result == "return":
        tr.emit("else:")
        tr.emit("    return None")
    return True


def if_expression(tr, node):
    def single(body):
        inner = [n for n in braced_statements(body) if n.type != "comment"]
        if len(inner) != 1 or inner[0].type in ("for_statement", "while_statement", "repeat_statement"):
            tr.unported(node, "an `if` used as a value with more than one statement in a branch")
        return tr.expr(inner[0])

    cond = condition(tr, node.child_by_field_name("condition"))
    yes = single(node.child_by_field_name("consequence"))
    alternative = node.child_by_field_name("alternative")
    no = single(alternative) if alternative is not None else "None"
    return f"({yes} if {cond} else {no})"


def _sequence(tr, seq):
    """(Python iterable, kind of the loop variable) for R's ``for`` sequence."""
    if seq.type == "binary_operator" and text(seq.child_by_field_name("operator")) == ":":
        lhs, rhs = seq.child_by_field_name("lhs"), seq.child_by_field_name("rhs")
        if is_literal_number(lhs) and is_literal_number(rhs):
            a, b = number_value(lhs), number_value(rhs)
            if isinstance(a, int) and isinstance(b, int):
                return (f"range({a}, {b + 1})" if a <= b else f"range({a}, {b - 1}, -1)"), "int"
        tr.need("rbase")
        return f"rbase.colon({tr.expr(lhs)}, {tr.expr(rhs)})", "int"
    if seq.type == "call":
        name = fn_name(seq.child_by_field_name("function"))
        args = call_args(seq.child_by_field_name("arguments"))
        if name == "seq_len" and len(args) == 1 and args[0].name in (None, "length.out") and name not in tr.known_names:
            count = args[0].value
            code = tr.plain_expr(count)
            if not (is_literal_number(count) or (count.type == "identifier" and tr.kinds.get(text(count)) == "int")
                    or (count.type == "call" and fn_name(count.child_by_field_name("function")) in ("length", "nrow", "ncol"))):
                code = f"int({code})"    # R's seq_len() takes a double (ceiling(n / 128))
            return f"range(1, {code} + 1)", "int"
        if name == "seq_along" and len(args) == 1 and args[0].name in (None, "along.with") and name not in tr.known_names:
            tr.need("rbase")
            return f"range(1, rbase.length({tr.plain_expr(args[0].value)}) + 1)", "int"
    kind = tr.kind_of(seq)
    code = tr.expr(seq)
    if kind in ("array", "list"):
        return code, None
    tr.need("rbase")
    return f"rbase.each({code})", None


def for_statement(tr, node, result):
    var = node.child_by_field_name("variable")
    iterable, kind = _sequence(tr, node.child_by_field_name("sequence"))
    tr.flush_prelude()
    tr.emit(f"for {py_name(text(var))} in {iterable}:", node)
    tr.set_kind(text(var), kind)
    tr.bound.add(text(var))
    tr.block(node.child_by_field_name("body"))
    if result == "return":
        tr.emit("return None")
    return True


def while_statement(tr, node, result):
    cond = condition(tr, node.child_by_field_name("condition"))
    if tr.prelude:
        tr.unported(node, "a `while` condition that needs a function defined first")
    tr.emit(f"while {cond}:", node)
    tr.block(node.child_by_field_name("body"))
    if result == "return":
        tr.emit("return None")
    return True


def repeat_statement(tr, node, result):
    tr.emit("while True:", node)
    tr.block(node.child_by_field_name("body"))
    return True


def braced(tr, node, result):
    inner = [n for n in node.children if n.is_named]
    real = [n for n in inner if n.type != "comment"]
    tr.statement_count -= 1  # the braces are not a statement of their own
    for child in inner:
        tr.statement(child, result=result if real and child is real[-1] else None)
    return True


def simple(word):
    def handler(tr, node, result):
        tr.emit(word, node)
        return True

    return handler


STATEMENTS = {
    "if_statement": if_statement,
    "for_statement": for_statement,
    "while_statement": while_statement,
    "repeat_statement": repeat_statement,
    "braced_expression": braced,
    "break": simple("break"),
    "next": simple("continue"),
}
def braced_value(tr, node):
    """``{ ... }`` used as a value (``c(a, b) %<-% { x %>% f() }``, ``g({ ... })``): R evaluates
    the statements in the current environment and takes the last value. One expression is that
    expression; several become a function written just before the statement and called in its
    place; at the top level the names they assign are declared ``global`` (they are the
    script's, as in R). Inside a function, a block that assigns is reported (Python could not
    give the enclosing function those names)."""
    inner = [c for c in node.children if c.is_named and c.type != "comment"]
    if not inner:
        return "None"
    if len(inner) == 1 and inner[0].type not in STATEMENTS and not _assigns(inner[0]):
        return f"({tr.expr(inner[0])})"
    from .functions import scan_assigned

    local, sup = scan_assigned(node)
    if (local or sup) and tr.scopes:
        tr.unported(node, "a `{ }` block that assigns, used as a value inside a function")
    first = []
    if local or sup:
        from ..nodes import py_name

        first.append("global " + ", ".join(py_name(n) for n in sorted(set(local) | set(sup))))
    return f"{tr.block_function(node, node, 'block', first)}()"


def _assigns(node):
    return node.type == "binary_operator" and text(node.child_by_field_name("operator")) in (
        "<-", "=", "<<-", "->", "->>", "%<-%", "%->%")


EXPRESSIONS = {"if_statement": if_expression, "braced_expression": braced_value}

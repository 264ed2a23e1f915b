"""Assignment: ``<-``, ``=``, ``->``, ``<<-`` (global), zeallot's ``%<-%`` (unpacking), and
assignment into parts (``x[i] <- v``, ``x$a <- v``, ``names(x) <- v``)."""

from __future__ import annotations

from ..nodes import call_args, fn_name, py_name, text
from .operators import ASSIGN_OPS

_LEFT = {"<-", "=", "<<-", ":="}
_RIGHT = {"->", "->>"}


def _pattern(tr, node, depth=1):
    """zeallot's ``c(a, c(b, d))`` as Python's ``a, (b, d)``; returns (code, depth)."""
    if node.type == "identifier":
        name = text(node)
        return ("_" if name == "." else py_name(name)), depth - 1
    if node.type == "call" and fn_name(node.child_by_field_name("function")) in ("c", "list"):
        parts = []
        deepest = depth
        for arg in call_args(node.child_by_field_name("arguments")):
            if arg.value is None or arg.name is not None:
                tr.unported(node, "a zeallot pattern with names or empty parts")
            if arg.value.type == "identifier" and text(arg.value).startswith("..."):
                parts.append("*" + py_name(text(arg.value)[3:] or "rest"))
                continue
            code, d = _pattern(tr, arg.value, depth + 1)
            deepest = max(deepest, d)
            parts.append(code if arg.value.type == "identifier" else f"({code})")
        return ", ".join(parts) + ("," if len(parts) == 1 else ""), deepest
    tr.unported(node, "a zeallot pattern that is not c(...) of names")


def _declare(tr, name, superassign):
    if tr.scopes:
        scope = tr.scopes[-1]
        if not superassign:
            scope.assigned.add(name)


def assignment(tr, node, result):
    op = text(node.child_by_field_name("operator"))
    if op not in ASSIGN_OPS:
        return False
    lhs = node.child_by_field_name("lhs")
    rhs = node.child_by_field_name("rhs")
    if op in _RIGHT:
        lhs, rhs = rhs, lhs
    if op in ("%<-%", "%->%"):
        if op == "%->%":
            lhs, rhs = rhs, lhs
        target, depth = _pattern(tr, lhs)
        value = tr.expr(rhs)
        tr.need("rbase")
        tr.flush_prelude()
        tr.emit(f"{target} = rbase.unpack({value}, depth={max(depth, 1)})", node)
        for child in _names_in(lhs):
            tr.set_kind(child, None)
            tr.bound.add(child)
        if result == "return":
            tr.emit(f"return ({target})")
        return True
    if op not in _LEFT | _RIGHT:
        return False
    if lhs.type == "identifier" or (lhs.type == "string"):
        name = text(lhs).strip("`") if lhs.type == "identifier" else text(lhs)[1:-1]
        if (op in ("<-", "=") and rhs.type == "identifier" and text(rhs).strip("`") == name and tr.scopes
                and name not in tr.scopes[-1].params):
            # R's `x <- x` in a function copies the enclosing x into a local one; in Python the
            # assignment would make x local before it has a value, and reading the enclosing x is the same
            tr.emit(f"# {text(node)}: R's local copy of the enclosing `{name}` (Python reads that one)", node)
            if result == "return":
                tr.emit(f"return {py_name(name)}")
            return True
        if rhs.type == "function_definition":
            from .functions import define

            define(tr, node, py_name(name), rhs)
            tr.set_kind(name, "function")
            tr.bound.add(name)
            if result == "return":
                tr.emit(f"return {py_name(name)}")
            return True
        kind = tr.kind_of(rhs)
        from .pipes import unrolled_assignment

        if unrolled_assignment(tr, node, name, rhs):
            value = None
        else:
            value = tr.expr(rhs)
            tr.flush_prelude()
            tr.emit(f"{py_name(name)} = {value}", node)
        tr.set_kind(name, kind)
        tr.bound.add(name)
        _declare(tr, name, op in ("<<-", "->>"))
        if result == "return":
            tr.emit(f"return {py_name(name)}")
        return True
    from .indexing import assign_into

    value = tr.expr(rhs)
    code = assign_into(tr, lhs, value)
    tr.flush_prelude()
    tr.emit(code, node)
    if result == "return":
        tr.emit(f"return {value}" if rhs.type in ("identifier", "float", "string") else "return None")
    return True


def _names_in(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            yield text(current)
        stack.extend(current.children)


STATEMENTS = {"binary_operator": assignment}

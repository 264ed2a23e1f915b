"""R functions: ``f <- function(x, y = 2, ...) { ... }`` is a ``def`` whose last value is returned.

R evaluates a default when it is first used, so a default that is not a constant
(``n = length(x)``) becomes ``n=None`` and is computed at the top of the body.
``...`` is ``*args, **kwargs``. ``<<-`` inside a function is ``global`` (``nonlocal``
when an enclosing function has the name). A one-expression anonymous function is a
``lambda``; a longer one is a ``def`` written just before the statement that uses it.
"""

from __future__ import annotations

from ..nodes import py_name, text
from ..translator import Scope, braced_statements

_CONSTANT = frozenset({"float", "integer", "string", "true", "false", "null", "na", "inf", "nan"})


def _identifiers(body) -> set:
    found, stack = set(), [body] if body is not None else []
    while stack:
        node = stack.pop()
        if node.type == "identifier":
            found.add(text(node).strip("`"))
        stack.extend(node.children)
    return found


def _params(tr, fn_node):
    params = fn_node.child_by_field_name("parameters")
    plain, kwonly, lazy = [], [], []
    names = set()
    used = _identifiers(fn_node.child_by_field_name("body"))
    seen_dots = seen_default = False
    for param in params.children if params is not None else ():
        if param.type != "parameter":
            continue
        name_node = param.child_by_field_name("name")
        default = param.child_by_field_name("default")
        if name_node.type == "dots":
            seen_dots = True
            continue
        name = py_name(text(name_node))
        names.add(text(name_node))
        if default is None and text(name_node) not in used:
            code = f"{name}=None"   # R never evaluates an unused argument: calls may leave it out
            seen_default = True
        elif default is None:
            code = f"{name}=None" if (seen_default or seen_dots) else name
        elif default.type in _CONSTANT or (default.type == "unary_operator" and default.child_by_field_name("rhs").type in _CONSTANT):
            code = f"{name}={tr.plain_expr(default)}"
            seen_default = True
        else:
            code = f"{name}=None"
            lazy.append((name, default))
            seen_default = True
        (kwonly if seen_dots else plain).append(code)
    out = list(plain)
    if seen_dots:
        out.append("*args")
        out.extend(kwonly)
        out.append("**kwargs")
    return out, lazy, names


def scan_assigned(body):
    """(names assigned with <-/=, names assigned with <<-) in a body, nested functions excluded."""
    local, sup = set(), []
    stack = list(braced_statements(body))
    while stack:
        node = stack.pop()
        if node.type == "function_definition":
            continue
        if node.type == "binary_operator":
            op = text(node.child_by_field_name("operator"))
            lhs = node.child_by_field_name("lhs")
            if lhs.type == "identifier":
                if op in ("<-", "="):
                    local.add(text(lhs))
                elif op == "<<-" and text(lhs) not in sup:
                    sup.append(text(lhs))
        if node.type == "for_statement":
            local.add(text(node.child_by_field_name("variable")))
        stack.extend(node.children)
    return local, sup


def define(tr, node, name, fn_node, first_param=None, result="return"):
    """Emit ``def name(...)`` for ``fn_node`` at the current indent (``first_param``: e.g. ``self``;
    ``result=None``: the last value is not returned, as for ``__init__``)."""
    params, lazy, names = _params(tr, fn_node)
    if first_param is not None:
        params = [first_param] + params
    body = fn_node.child_by_field_name("body")
    local, sup = scan_assigned(body)
    tr.flush_prelude()
    tr.emit(f"def {name}({', '.join(params)}):", node)
    tr.indent += 1
    for target in sup:
        enclosing = any(target in s.assigned or target in s.params for s in tr.scopes)
        tr.emit(f"{'nonlocal' if enclosing else 'global'} {py_name(target)}")
    for pname, default in lazy:
        tr.emit(f"if {pname} is None:\n    {pname} = {tr.plain_expr(default)}")
    tr.indent -= 1
    saved_kinds = dict(tr.kinds)
    for pname in names:
        tr.kinds.pop(pname, None)
    tr.scopes.append(Scope(assigned=set(local), params=set(names)))
    try:
        tr.block(body, result=result)
    finally:
        tr.scopes.pop()
        tr.kinds = saved_kinds


def _single_expression(body):
    inner = [n for n in braced_statements(body) if n.type != "comment"]
    if len(inner) != 1:
        return None
    node = inner[0]
    if node.type in ("if_statement", "for_statement", "while_statement", "repeat_statement", "braced_expression"):
        return None
    if node.type == "binary_operator" and text(node.child_by_field_name("operator")) in ("<-", "=", "<<-", "%<-%", "->"):
        return None
    if node.type == "call" and text(node.child_by_field_name("function")) in ("return",):
        return None
    return node


def function_expression(tr, node):
    params, lazy, names = _params(tr, node)
    body = node.child_by_field_name("body")
    single = _single_expression(body)
    if single is not None and not lazy:
        saved = dict(tr.kinds)
        for pname in names:
            tr.kinds.pop(pname, None)
        try:
            return f"lambda {', '.join(params)}: {tr.plain_expr(single)}" if params else f"lambda: {tr.plain_expr(single)}"
        finally:
            tr.kinds = saved
    name = tr.fresh_name("fn")
    with tr.prelude_definition():
        define(tr, node, name, node)
    return name


EXPRESSIONS = {"function_definition": function_expression}

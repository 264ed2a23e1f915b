"""magrittr's assignment pipe: ``x %<>% f(y) %>% g()`` is ``x <- x %>% f(y) %>% g()``.

R parses ``x %<>% f() %>% g()`` as ``(x %<>% f()) %>% g()`` (all ``%op%`` operators share one
precedence, left to right); magrittr still assigns the value of the whole chain to ``x``, so the
statement is read as one chain whose head is ``x``. ``x`` may be a part (``df$a %<>% log()``,
``df[[col]] %<>% f(.)``): the part is read, piped, then assigned back.
"""

from __future__ import annotations

from ..nodes import text

_PIPES = ("%>%", "|>")


def _chain(node):
    """(target, [step, ...]) when ``node`` is a pipe chain started by ``%<>%``; else None."""
    steps = []
    while node.type == "binary_operator":
        op = text(node.child_by_field_name("operator"))
        if op == "%<>%":
            steps.append(node.child_by_field_name("rhs"))
            return node.child_by_field_name("lhs"), steps[::-1]
        if op not in _PIPES:
            return None
        steps.append(node.child_by_field_name("rhs"))
        node = node.child_by_field_name("lhs")
    return None


def compound_assignment(tr, node, result):
    found = _chain(node)
    if found is None:
        return False
    target, steps = found
    from .pipes import apply_step

    code, kind = tr.expr(target), tr.kind_of(target)
    for step in steps:
        code, kind = apply_step(tr, step, code, kind)
    if target.type == "identifier":
        from ..nodes import py_name

        name = text(target).strip("`")
        tr.flush_prelude()
        tr.emit(f"{py_name(name)} = {code}", node)
        tr.set_kind(name, kind)
        tr.bound.add(name)
        if tr.scopes:
            tr.scopes[-1].assigned.add(name)
        if result == "return":
            tr.emit(f"return {py_name(name)}")
        return True
    from .indexing import assign_into

    value = tr.fresh_name("value") if result == "return" else None
    if value is not None:
        tr.prelude.append((f"{value} = {code}", node))
        code = value
    statement = assign_into(tr, target, code)
    tr.flush_prelude()
    tr.emit(statement, node)
    if result == "return":
        tr.emit(f"return {value}")
    return True


STATEMENTS = {"binary_operator": compound_assignment}

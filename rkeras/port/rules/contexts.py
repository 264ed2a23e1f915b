"""reticulate's ``with(context %as% name, { ... })``: Python's ``with`` statement
(``with(tf$GradientTape() %as% tape, {...})`` is ``with tf.GradientTape() as tape:``)."""

from __future__ import annotations

from ..nodes import call_args, fn_name, py_name, text


def with_statement(tr, node, result):
    if node.type != "call" or fn_name(node.child_by_field_name("function")) != "with" or "with" in tr.function_names:
        return False
    args = call_args(node.child_by_field_name("arguments"))
    if len(args) != 2 or args[0].value is None or args[1].value is None or any(a.name for a in args):
        return False
    context = args[0].value
    alias = ""
    if context.type == "binary_operator" and text(context.child_by_field_name("operator")) == "%as%":
        name = context.child_by_field_name("rhs")
        if name.type != "identifier":
            tr.unported(node, "`%as%` with other than a name")
        alias = f" as {py_name(text(name))}"
        tr.set_kind(text(name), "object")
        context = context.child_by_field_name("lhs")
    elif not (context.type == "call" and context.child_by_field_name("function").type == "extract_operator"):
        return False  # base R's with(data, expr) evaluates in a data frame: not this rule
    code = tr.expr(context)
    tr.flush_prelude()
    tr.emit(f"with {code}{alias}:", node)
    tr.block(args[1].value, result=result)
    return True


STATEMENTS = {"call": with_statement}

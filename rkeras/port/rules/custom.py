"""R keras' ``keras_model_custom(name, function(self) { ...; function(inputs, mask) ... })``:
a ``keras.Model`` subclass, written just before the statement that makes the model.

The outer R function's statements become ``__init__`` (``self$dense <- layer_dense(...)`` is
``self.dense = keras.layers.Dense(...)``), the function it returns becomes ``call``. The class
is defined where the R call is, so it sees the same variables (a builder function's arguments).
Its base is :class:`rkeras.legacy.CustomModel` (``keras.Model`` that, like tf.keras 2, also
counts ``tf.Variable`` attributes among the model's variables).
"""

from __future__ import annotations

from ..nodes import text
from ..translator import Scope, braced_statements
from .baser import register
from .calls import arg_code, match_args, target_code
from .functions import define


@register("keras_model_custom")
def keras_model_custom(tr, node, args):
    matched, extras = match_args(tr, node, ("model_fn", "name"), args)
    fn = matched.get("model_fn")
    if fn is None or fn.value is None or fn.value.type != "function_definition" or extras:
        tr.unported(node, "keras_model_custom() with other than an R function written in place")
    params = [p for p in fn.value.child_by_field_name("parameters").children if p.type == "parameter"]
    body = [n for n in braced_statements(fn.value.child_by_field_name("body")) if n.type != "comment"]
    if len(params) != 1 or not body or body[-1].type != "function_definition":
        tr.unported(node, "keras_model_custom() whose function does not take `self` and return the call function")
    self_name = text(params[0].child_by_field_name("name"))
    name_code = arg_code(tr, matched["name"]) if "name" in matched else "None"
    cls = tr.fresh_name("CustomModel")
    base = target_code(tr, "rkeras.legacy.CustomModel")
    saved_kind = tr.kinds.get(self_name)
    tr.kinds[self_name] = "object"
    try:
        with tr.prelude_definition():
            tr.emit(f"class {cls}({base}):", node)
            tr.indent = 1
            tr.emit(f"def __init__({self_name}):", fn.value)
            tr.indent = 2
            tr.emit(f"super().__init__(name={name_code})")
            tr.scopes.append(Scope(params={self_name}))
            try:
                for statement in body[:-1]:
                    tr.statement(statement)
            finally:
                tr.scopes.pop()
            tr.indent = 1
            define(tr, body[-1], "call", body[-1], first_param=self_name)
    finally:
        tr.set_kind(self_name, saved_kind)
    return f"{cls}()"

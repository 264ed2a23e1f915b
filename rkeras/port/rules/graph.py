"""TF1 graph mode: a script that turns eager execution off is ported onto ``tf_keras``.

Pre-TF2 R keras scripts call ``tf$compat$v1$disable_eager_execution()`` so that, as in
Keras 2, a loss may read a model's inner tensors and ``k_gradients()``/``k_function()``
work. R keras 2.15 then ran them on Keras 2 in graph mode. Keras 3 trains only eagerly,
so such a script is written against ``tf_keras`` (Keras 2): ``import tf_keras as keras``,
and R's ``k_*`` functions become Keras 2's backend functions of the same name, as R keras
2.15 called them (:mod:`rkeras.port.keras_api.backend_graph`). rkeras' own functions
take tf_keras models, and ``keras_model_sequential()`` builds one while eager execution
is off.
"""

from __future__ import annotations

from ..nodes import text

__all__ = ["GRAPH_MODE_CALLS", "is_graph_mode_call", "use_graph_mode"]

#: TensorFlow calls that switch to TF1 graph mode
GRAPH_MODE_CALLS = frozenset({"tf$compat$v1$disable_eager_execution", "tf$compat$v1$disable_v2_behavior"})


def is_graph_mode_call(node) -> bool:
    fn = node.child_by_field_name("function")
    return fn is not None and text(fn).replace(" ", "").replace("tensorflow::", "") in GRAPH_MODE_CALLS


def use_graph_mode(tr, node) -> None:
    """Port the whole script onto tf_keras (called once, by the first scan, at the switch's call)."""
    if getattr(tr, "graph_mode", False):
        return
    from ..keras_api.backend_graph import FUNCTIONS

    tr.graph_mode = True
    graph = {entry.r_name: entry for entry in FUNCTIONS}
    tr.table = {**tr.table, **graph}
    tr.not_ported_api = {k: v for k, v in tr.not_ported_api.items() if k not in graph}
    tr.notes.append((tr.rline(node),
                     "TF1 graph mode: the script is ported onto tf_keras (Keras 2), `import tf_keras as keras`, "
                     "as Keras 3 trains only eagerly; k_*() are Keras 2's backend functions"))

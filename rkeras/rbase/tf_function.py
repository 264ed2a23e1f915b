"""The tensorflow R package's ``tf_function()`` (and reticulate's ``tf$`function`(f)``).

R scripts of the TF 2.0 era compile a custom model's call with
``model$call <- tf$`function`(model$call)`` before the model was ever called. On Keras 3 a
``tf.function`` whose first trace creates the model's variables gives no gradients for them
(``GradientTape.gradient`` returns None for every variable), which R's Keras 2 engine did.
So a method of a Keras layer or model that is not built yet runs eagerly on its first call (the
variables are made there) and through ``tf.function`` from then on; results are the same.
TensorFlow is imported only when the function is called.
"""

from __future__ import annotations

__all__ = ["tf_function", "autograph"]


def tf_function(f, input_signature=None, autograph=True, **kwargs):
    """R's ``tf_function(f, input_signature = NULL, autograph = TRUE, ...)`` as ``tf.function``.

    Parameters
    ----------
    f : callable
        The function (or a bound method of a Keras layer or model) to compile.
    input_signature : list, optional
        As ``tf.function``'s. R default ``NULL``.
    autograph : bool, optional
        As ``tf.function``'s. R default ``TRUE``.
    **kwargs
        Passed to ``tf.function``.

    Differences from R keras
    ------------------------
    A method of a Keras layer that is not built yet runs eagerly once, to make its variables,
    before its compiled form is used (see the module's note).
    """
    import tensorflow as tf

    compiled = tf.function(f, input_signature=input_signature, autograph=bool(autograph), **kwargs)
    owner = getattr(f, "__self__", None)
    if owner is None or not _unbuilt_layer(owner):
        return compiled
    state = {"eager": True}

    def call(*args, **kw):
        if state["eager"]:
            out = f(*args, **kw)
            state["eager"] = False
            return out
        return compiled(*args, **kw)

    call.__name__ = getattr(f, "__name__", "call")
    call.__wrapped__ = f
    return call


def _unbuilt_layer(obj) -> bool:
    import sys

    layer_classes = []
    for module in ("keras", "tf_keras"):
        if module in sys.modules:
            layer_classes.append(sys.modules[module].layers.Layer)
    if not any(isinstance(obj, cls) for cls in layer_classes):
        return False
    # a model whose sublayers have no variables yet makes them on its first call
    return not getattr(obj, "built", False) or not obj.variables


def autograph(f):
    """tfautograph's ``autograph(f)``: R control flow made graph-ready. ``tf.function`` already
    converts Python control flow (its ``autograph = TRUE``), so the function is returned as is."""
    return f

"""What the model functions were given: a Keras model or layer, of which engine.

``fit()`` needs a compiled model (:func:`rkeras.engines.engine_of`); the
functions here take models that are not compiled yet (``compile()`` itself,
``get_layer()``, ``summary()``, ...) and layers (``get_config()``). The engine
is read off the object's class, so ``tf_keras`` is imported only when one of
its objects is given.
"""

from __future__ import annotations

from ..engines import Engine
from ..errors import RKerasError, show_value

__all__ = ["engine_name", "class_engine", "tensor_engine", "model_engine", "layer_engine"]


def engine_name(value) -> str | None:
    """``"keras"``, ``"tf_keras"`` or ``None``: the Keras package ``value``'s class comes from."""
    return class_engine(type(value))


def class_engine(cls) -> str | None:
    """``"keras"``, ``"tf_keras"`` or ``None``: the Keras package a class comes from."""
    modules = [c.__module__ or "" for c in getattr(cls, "__mro__", ())]
    if any(m.startswith("tf_keras") for m in modules):
        return "tf_keras"
    if any(m.startswith("keras") for m in modules):
        return "keras"
    return None


def tensor_engine(value) -> str | None:
    """``"keras"``, ``"tf_keras"`` or ``None``: the engine of a symbolic (functional API) tensor.

    Keras 3 and eager ``tf_keras`` make ``KerasTensor``s; ``tf_keras`` in TF1 graph
    mode (after ``tf.compat.v1.disable_eager_execution()``, as pre-TF2 R scripts
    run) makes plain graph tensors that carry the layer that made them.
    """
    if _is_a(value, "KerasTensor"):
        return engine_name(value)
    if hasattr(value, "_keras_history") and type(value).__module__.startswith("tensorflow"):
        return "tf_keras"
    return None


def _is_a(value, class_name: str) -> bool:
    return any(c.__name__ == class_name for c in type(value).__mro__)


def model_engine(value, function: str, argument: str = "object") -> Engine:
    """The engine of a Keras model (compiled or not), or an error naming ``argument``."""
    name = engine_name(value)
    if name is None or not _is_a(value, "Model"):
        raise RKerasError(
            f"`{argument}` of {function}() should be a Keras model (keras, tf.keras or tf_keras). "
            f"Got {argument}={show_value(value)} of class {type(value).__name__}.",
            argument,
        )
    return Engine(name)


def layer_engine(value, function: str, argument: str = "object") -> Engine:
    """The engine of a Keras layer or model, or an error naming ``argument``."""
    name = engine_name(value)
    if name is None or not _is_a(value, "Layer") and not _is_a(value, "Model"):
        raise RKerasError(
            f"`{argument}` of {function}() should be a Keras layer or model (keras, tf.keras or tf_keras). "
            f"Got {argument}={show_value(value)} of class {type(value).__name__}.",
            argument,
        )
    return Engine(name)

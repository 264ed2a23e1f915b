"""Which Keras engine a model belongs to: Keras 3 or the legacy ``tf_keras``.

R keras 2.15 ran on the Keras 2 engine, which lives on as the ``tf_keras``
package (the one that trains under ``MultiWorkerMirroredStrategy``). rkeras
takes models of either; the engine is read off the model's class, so
``tf_keras`` is imported only when a model of it is given.
"""

from __future__ import annotations

import importlib
import inspect

from .errors import RKerasError, show_value

__all__ = ["engine_of", "Engine"]


class Engine:
    """The Keras package a model belongs to (``keras`` or ``tf_keras``)."""

    def __init__(self, name: str):
        self.name = name
        self.module = importlib.import_module(name)

    @property
    def Callback(self):
        return self.module.callbacks.Callback

    def is_callback(self, value) -> bool:
        return isinstance(value, self.Callback)

    def fit_parameters(self, model) -> set[str]:
        return set(inspect.signature(model.fit).parameters)

    def floatx(self) -> str:
        return self.module.backend.floatx()

    def __repr__(self) -> str:
        return f"Engine({self.name!r})"


_engines: dict[str, Engine] = {}


def _engine(name: str) -> Engine:
    if name not in _engines:
        _engines[name] = Engine(name)
    return _engines[name]


def engine_of(model) -> Engine:
    """The engine of a compiled model, or an error naming ``object``."""
    modules = [c.__module__ for c in type(model).__mro__]
    names = [c.__name__ for c in type(model).__mro__]
    if any(m.startswith("tf_keras") for m in modules) and "Model" in names:
        engine = _engine("tf_keras")
    elif any(m.startswith("keras") for m in modules) and "Model" in names:
        engine = _engine("keras")
    else:
        raise RKerasError(
            "`object` should be a Keras model (keras, tf.keras or tf_keras). "
            f"Got object={show_value(model)} of class {type(model).__name__}.",
            "object",
        )
    if not getattr(model, "compiled", getattr(model, "_is_compiled", False)) or getattr(model, "optimizer", None) is None:
        raise RKerasError(
            "`object` should be a compiled model: call compile() (R: `model %>% compile(...)`) "
            f"before fit(). Got an uncompiled {type(model).__name__} named {getattr(model, 'name', '?')!r}.",
            "object",
        )
    return engine


def input_names(model) -> list[str]:
    """Names of the model's inputs, in order ([] when it has no known inputs)."""
    names = getattr(model, "input_names", None)
    if names:
        return list(names)
    try:
        inputs = model.inputs
    except Exception:
        inputs = None
    result = []
    for tensor in inputs or []:
        name = getattr(tensor, "name", None)
        result.append(str(name).split(":")[0] if name is not None else "")
    return result


def output_names(model) -> list[str]:
    """Names of the model's outputs, in order ([] when unknown)."""
    try:
        names = model.output_names
    except Exception:
        names = None
    if names:
        return list(names)
    layers = getattr(model, "layers", None) or []
    return [layers[-1].name] if layers else []

"""Which Keras engine a model belongs to: Keras 3 or the legacy ``tf_keras``.

R keras 2.15 ran on the Keras 2 engine, which lives on as the ``tf_keras``
package (the one that trains under ``MultiWorkerMirroredStrategy``). rkeras
takes models of either; the engine is read off the model's class, so
``tf_keras`` is imported only when a model of it is given.
"""

from __future__ import annotations

import importlib
import inspect

from .errors import RKerasError, arg_error, show_value

__all__ = ["engine_of", "engine_named", "default_engine_name", "check_callbacks", "Engine", "input_names", "output_names", "named_structure"]


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
        return self.method_parameters(model, "fit")

    def method_parameters(self, model, method: str) -> set[str]:
        """The named arguments of ``model.<method>`` (``"evaluate"``, ``"predict"``, ...)."""
        return {name for name, p in inspect.signature(getattr(model, method)).parameters.items()
                if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)}

    def floatx(self) -> str:
        return self.module.backend.floatx()

    def __repr__(self) -> str:
        return f"Engine({self.name!r})"


_engines: dict[str, Engine] = {}


def engine_named(name: str) -> Engine:
    """The engine ``"keras"`` or ``"tf_keras"`` (imported on first use, then kept)."""
    if name not in _engines:
        _engines[name] = Engine(name)
    return _engines[name]


def default_engine_name() -> str:
    """The engine a new model is made on when nothing given says which: ``"tf_keras"`` when
    ``TF_USE_LEGACY_KERAS=1`` makes ``tf.keras`` the legacy engine, or while TF1 graph mode is on
    (``tf.compat.v1.disable_eager_execution()``, where Keras 3 cannot train); else ``"keras"``."""
    import os
    import sys

    if os.environ.get("TF_USE_LEGACY_KERAS", "").strip().lower() in ("1", "true", "yes"):
        return "tf_keras"
    tf = sys.modules.get("tensorflow")   # not imported: eager execution is still on
    if tf is not None and not tf.executing_eagerly():
        return "tf_keras"
    return "keras"


def engine_of(model, *, compiled: bool = True, function: str = "fit") -> Engine:
    """The engine of a model, or an error naming ``object``.

    With ``compiled`` (the default), an uncompiled model is an error that
    names ``function``, the R function that needs it compiled.
    """
    modules = [c.__module__ for c in type(model).__mro__]
    names = [c.__name__ for c in type(model).__mro__]
    if any(m.startswith("tf_keras") for m in modules) and "Model" in names:
        engine = engine_named("tf_keras")
    elif any(m.startswith("keras") for m in modules) and "Model" in names:
        engine = engine_named("keras")
    else:
        raise RKerasError(
            "`object` should be a Keras model (keras, tf.keras or tf_keras). "
            f"Got object={show_value(model)} of class {type(model).__name__}.",
            "object",
        )
    is_compiled = getattr(model, "compiled", getattr(model, "_is_compiled", False)) and \
        getattr(model, "optimizer", None) is not None
    if compiled and not is_compiled:
        raise RKerasError(
            "`object` should be a compiled model: call compile() (R: `model %>% compile(...)`) "
            f"before {function}(). Got an uncompiled {type(model).__name__} named {getattr(model, 'name', '?')!r}.",
            "object",
        )
    return engine


def check_callbacks(callbacks, engine: Engine) -> list:
    """``callbacks``: None, one callback or a list, each of the model's engine."""
    if callbacks is None:
        return []
    items = list(callbacks) if isinstance(callbacks, (list, tuple)) else [callbacks]
    for i, item in enumerate(items):
        if not engine.is_callback(item):
            where = f"callbacks[[{i + 1}]]" if isinstance(callbacks, (list, tuple)) else "callbacks"
            raise arg_error(where, item, f"a {engine.name}.callbacks.Callback (the model is a {engine.name} model)")
    return items


def named_structure(model, what: str = "input") -> dict | None:
    """The dict a functional model was built with as its inputs (``what="input"``)
    or outputs (``"output"``), R's ``keras_model(inputs = list(first = a, ...))``;
    None when it was built with a tensor or a list.

    Both engines keep that dict, in the order it was given, as ``model.input``
    / ``model.output`` (a Sequential model of Keras 3 that was never called has
    neither).
    """
    try:
        structure = model.input if what == "input" else model.output
    except Exception:
        return None
    return structure if isinstance(structure, dict) else None


def input_names(model) -> list[str]:
    """Names of the model's inputs, in order ([] when it has no known inputs).

    The model's own names: the keys of the dict it was built with (in that
    order), else the names of its Input layers.
    """
    named = named_structure(model, "input")
    if named is not None:
        return [str(k) for k in named]
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
    """Names of the model's outputs, in order ([] when unknown).

    The keys of the dict the model was built with (in that order), else the
    names of its output layers.
    """
    named = named_structure(model, "output")
    if named is not None:
        return [str(k) for k in named]
    try:
        names = model.output_names
    except Exception:
        names = None
    if names:
        return list(names)
    layers = getattr(model, "layers", None) or []
    return [layers[-1].name] if layers else []

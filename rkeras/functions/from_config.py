"""``rkeras.from_config()``: a new layer or model from a configuration."""

from __future__ import annotations

import copy

from ..errors import arg_error
from ..habits import r_function
from .objects import class_engine

__all__ = ["from_config"]


@r_function
def from_config(config, custom_objects=None):
    """A new object made from a configuration: R's ``from_config()``.

    Parameters
    ----------
    config : dict
        A configuration, from :func:`rkeras.get_config` (which remembers the
        class: a Sequential, a functional model or a layer comes back as the
        same class and engine) or a plain dict, read as a functional model's
        (R's default, ``keras$Model``) of Keras 3.
    custom_objects : dict or list or None
        R default NULL. Custom layers, functions or classes the configuration
        names: a dict by name (R's named list) or a list of them, each known by
        its ``__name__``.

    Returns
    -------
    The new layer or model: uncompiled, with freshly initialised weights (the
    configuration holds neither weights nor compile settings), as in R.
    """
    if not isinstance(config, dict):
        raise arg_error("config", config, "a configuration dict (from get_config())")
    cls = getattr(config, "config_class", None)
    if cls is None:
        import keras

        cls = keras.Model
    module = _engine_module(cls)
    objects = _custom_objects(custom_objects)
    plain = copy.deepcopy(dict(config))  # Keras may change the dict it reads
    with _scope(module, objects):
        return cls.from_config(plain)


def _engine_module(cls):
    import importlib

    return importlib.import_module(class_engine(cls) or "keras")


def _custom_objects(value) -> dict:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        named = {}
        for item in value:
            name = getattr(item, "__name__", None)
            if name is None:
                raise arg_error("custom_objects", value, "a dict by name, or a list of named classes and functions")
            named[name] = item
        return named
    raise arg_error("custom_objects", value, "a dict by name (R's named list), or a list of classes and functions")


def _scope(module, objects: dict):
    if module.__name__ == "tf_keras":
        return module.utils.custom_object_scope(objects)
    return module.saving.custom_object_scope(objects)


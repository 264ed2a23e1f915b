"""R keras' (deprecated) R6 base class ``KerasLayer`` as a ``keras.layers.Layer`` subclass, for
ported R6 layers (see :mod:`rkeras.layer_custom`). Imports Keras."""

from __future__ import annotations

import functools

import keras

from .layer_custom import COMMON_LAYER_ARGS

__all__ = ["KerasLayer"]


def _shape_list(shape):
    if isinstance(shape, (list, tuple)) and shape and all(isinstance(s, (list, tuple)) for s in shape):
        return [list(s) for s in shape]
    return list(shape) if isinstance(shape, (list, tuple)) else list(getattr(shape, "as_list", lambda: shape)())


def _wrap_init(init):
    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        common = {k: kwargs.pop(k) for k in COMMON_LAYER_ARGS if k in kwargs}
        common = {k: v for k, v in common.items() if v is not None}
        if "input_shape" in common:
            common["input_shape"] = tuple(common["input_shape"])
        if not getattr(self, "_rkeras_layer_ready", False):
            keras.layers.Layer.__init__(self, **common)
            self._rkeras_layer_ready = True
        init(self, *args, **kwargs)

    return __init__


def _wrap_build(build):
    @functools.wraps(build)
    def wrapped(self, input_shape):
        build(self, _shape_list(input_shape))

    return wrapped


def _wrap_output_shape(compute):
    @functools.wraps(compute)
    def wrapped(self, input_shape):
        out = compute(self, _shape_list(input_shape))
        if isinstance(out, (list, tuple)) and out and all(isinstance(s, (list, tuple)) for s in out):
            return [tuple(s) for s in out]
        return tuple(out)

    return wrapped


class KerasLayer(keras.layers.Layer):
    """R keras' (deprecated) R6 base class ``KerasLayer``, for ported R6 layers.

    A subclass's ``__init__`` is R's ``initialize``: it need not call ``super().__init__()``,
    and it gets only the layer's own arguments (``COMMON_LAYER_ARGS`` go to
    ``keras.layers.Layer``). ``build(input_shape)`` and ``compute_output_shape(input_shape)``
    get the shape as a list (R's list, ``None`` for an unknown size); a list returned by
    ``compute_output_shape`` is made a tuple, as R keras did.
    """

    def __init__(self, **kwargs):
        common = {k: v for k, v in kwargs.items() if k in COMMON_LAYER_ARGS and v is not None}
        if "input_shape" in common:
            common["input_shape"] = tuple(common["input_shape"])
        super().__init__(**common)
        self._rkeras_layer_ready = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__
        if "__init__" in own:
            cls.__init__ = _wrap_init(own["__init__"])
        if "build" in own:
            cls.build = _wrap_build(own["build"])
        if "compute_output_shape" in own:
            cls.compute_output_shape = _wrap_output_shape(own["compute_output_shape"])

    @classmethod
    def new(cls, *args, **kwargs):
        """R6's ``Class$new(...)``."""
        return cls(*args, **kwargs)

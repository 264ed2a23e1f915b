"""R keras' layers written in R: ``create_layer()``, ``create_layer_wrapper()`` and the R6 base
class ``KerasLayer``, on Keras 3.

R keras 2.15 had two ways to write a layer in R, and ``rkeras port`` writes both as a Python
subclass of ``keras.layers.Layer``:

- new style, ``Layer(classname, initialize, build, call, ...)`` (or an R6 class inheriting
  ``keras$layers$Layer``): the methods are the Keras methods (``initialize`` is ``__init__``),
  and ``create_layer_wrapper(cls)`` gives the ``layer_*()`` function;
- old style, an R6 class inheriting ``KerasLayer``, made with ``create_layer(cls, object, args)``:
  its ``initialize`` gets only the layer's own arguments (the common ones, ``name``,
  ``input_shape``, ``trainable``, ... go to Keras' Layer), ``build`` and
  ``compute_output_shape`` get the shape as a list, and a list returned by
  ``compute_output_shape`` is made a tuple. :class:`KerasLayer` does this in Python.

Both ``create_layer()`` and the wrappers compose as R's did: without ``object`` the layer is
returned; a Sequential model gets the layer added (and is returned); anything else (a tensor)
has the layer called on it.
"""

from __future__ import annotations

import functools

import keras

__all__ = ["create_layer", "create_layer_wrapper", "KerasLayer", "COMMON_LAYER_ARGS"]

#: the arguments R's create_layer() passes to Keras' Layer rather than to an R6 KerasLayer
COMMON_LAYER_ARGS = ("input_shape", "batch_input_shape", "batch_size", "dtype", "name", "trainable", "weights")


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


def _compose(object, layer):
    if object is None:
        return layer
    if isinstance(object, keras.Sequential) or (type(object).__name__ == "Sequential" and hasattr(object, "add")):
        object.add(layer)
        return object
    return layer(object)


def create_layer(layer_class, object=None, args=None):
    """R keras' ``create_layer(layer_class, object, args = list())``.

    Parameters
    ----------
    layer_class : type
        A ``keras.layers.Layer`` subclass (a ported R6 ``KerasLayer`` or ``Layer()`` class).
    object : model or tensor, optional
        What to compose the layer with (R: may be missing). A Sequential model gets the layer
        added and is returned; a tensor has the layer called on it.
    args : dict, optional
        The constructor's arguments (R default ``list()``); ``None`` values of
        ``COMMON_LAYER_ARGS`` are dropped, as R did.
    """
    args = dict(args or {})
    for name in COMMON_LAYER_ARGS:
        if name in args and args[name] is None:
            del args[name]
    return _compose(object, layer_class(**args))


def create_layer_wrapper(Layer, modifiers=None, convert=True):
    """R keras' ``create_layer_wrapper(Layer, modifiers = NULL, convert = TRUE)``: the
    ``layer_*(object, ...)`` function of a layer class. ``modifiers`` (a dict of functions
    applied to the named arguments) is honoured; ``convert`` has no meaning in Python."""
    modifiers = dict(modifiers or {})

    def wrapper(object=None, *args, **kwargs):
        for name, fn in modifiers.items():
            if name in kwargs and kwargs[name] is not None:
                kwargs[name] = fn(kwargs[name])
        if args:
            return _compose(object, Layer(*args, **kwargs))
        return create_layer(Layer, object, kwargs)

    wrapper.__name__ = getattr(Layer, "__name__", "layer")
    wrapper.Layer = Layer
    return wrapper

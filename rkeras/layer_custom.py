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
  ``compute_output_shape`` is made a tuple. :class:`rkeras.keras_layer.KerasLayer` does this.

Keras is imported only by :mod:`rkeras.keras_layer`. Both ``create_layer()`` and the wrappers
compose as R's did: without ``object`` the layer is
returned; a Sequential model gets the layer added (and is returned); anything else (a tensor)
has the layer called on it.
"""

from __future__ import annotations

__all__ = ["create_layer", "create_layer_wrapper", "COMMON_LAYER_ARGS"]

#: the arguments R's create_layer() passes to Keras' Layer rather than to an R6 KerasLayer
COMMON_LAYER_ARGS = ("input_shape", "batch_input_shape", "batch_size", "dtype", "name", "trainable", "weights")


def _compose(object, layer):
    if object is None:
        return layer
    if type(object).__name__ == "Sequential" and hasattr(object, "add"):   # Keras' or tf_keras' (by name)
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

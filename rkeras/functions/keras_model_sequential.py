"""``rkeras.keras_model_sequential()``: a linear stack of layers, with R's input arguments."""

from __future__ import annotations

import importlib
import numbers

from ..arguments import as_integer, as_nullable_integer
from ..engines import default_engine_name
from ..errors import RKerasError, arg_error
from ..habits import r_function
from .objects import engine_name

__all__ = ["keras_model_sequential", "as_shape"]


@r_function(exact_only=("input_layer_name",))
def keras_model_sequential(
    layers=None,
    name=None,
    input_shape=None,
    batch_size=None,
    dtype=None,
    input_layer_name=None,
    sparse=None,
    ragged=None,
    **kwargs,
):
    """A Sequential model: R's ``keras_model_sequential()``.

    Parameters
    ----------
    layers : layer, list of layers, or None
        R default NULL: the layers, in order.
    name : str or None
        R default NULL: the model's name.
    input_shape : int, list/tuple of int and None, or None
        R default NULL. An R vector of dimensions without the batch axis:
        ``784``, ``[28, 28]``, with ``None`` for R's ``NA`` (any size).
        Numbers are coerced like R's ``as.integer()`` (fractions truncate, with
        a warning). Given, it adds an input layer before ``layers``.
    batch_size : int or None
        R default NULL: a fixed batch size for the input layer.
    dtype : str or None
        R default NULL: the input's dtype (default the float type).
    input_layer_name : str or None
        R default NULL: the input layer's name (matched only by its full name,
        as R lists it after ``...``).
    sparse, ragged : bool or None
        R default NULL: whether the input is sparse / ragged.
    **kwargs
        R's ``...``: further arguments of the input layer (``InputLayer``).

    Returns
    -------
    A ``keras.Sequential``; a ``tf_keras.Sequential`` when the layers are
    tf_keras', or, without layers, when ``TF_USE_LEGACY_KERAS=1`` makes
    ``tf.keras`` the legacy engine. As in R, any input argument adds an ``InputLayer`` first; a
    Sequential model does not list it in ``model.layers``.

    Differences from R keras
    ------------------------
    Input arguments without ``input_shape`` are an error (R made an input
    layer of unknown shape, which Keras 3 refuses).
    """
    layers = [] if layers is None else (list(layers) if isinstance(layers, (list, tuple)) else [layers])
    module = importlib.import_module(_engine(layers))
    input_args = {"batch_size": batch_size, "dtype": dtype, "sparse": sparse, "ragged": ragged, **kwargs}
    input_args = {k: v for k, v in input_args.items() if v is not None}
    if input_shape is None and (input_args or input_layer_name is not None):
        given = ", ".join(sorted(list(input_args) + (["input_layer_name"] if input_layer_name is not None else [])))
        raise RKerasError(
            f"keras_model_sequential(): the input layer needs `input_shape` (e.g. input_shape = 784); "
            f"got {given} without it.",
            "input_shape",
        )
    if input_shape is not None:
        shape = as_shape(input_shape, "input_shape")
        if "batch_size" in input_args:
            input_args["batch_size"] = as_nullable_integer("batch_size", input_args["batch_size"], minimum=1)
        if input_layer_name is not None:
            input_args["name"] = input_layer_name
        key = "input_shape" if module.__name__ == "tf_keras" else "shape"
        layers = [module.layers.InputLayer(**{key: shape}, **input_args)] + layers
    return module.Sequential(layers=layers or None, name=name)


def as_shape(value, argument: str) -> tuple:
    """An R vector of dimensions as a shape tuple: R's ``as_shape()`` (``as.integer()``
    on each, ``NA`` / ``None`` stays unknown)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = [value]
    try:
        items = list(value)
    except TypeError:
        raise arg_error(argument, value, "a vector of dimensions (784, [28, 28], None for NA)") from None
    if not items:
        raise arg_error(argument, value, "a vector of dimensions (784, [28, 28], None for NA)")
    return tuple(None if d is None else as_integer(argument, d, minimum=1) for d in items)


def _engine(layers) -> str:
    names = {engine_name(layer) for layer in layers} - {None}
    if len(names) > 1:
        raise RKerasError("keras_model_sequential(): `layers` mixes Keras 3 and tf_keras layers.", "layers")
    if names:
        return names.pop()
    return default_engine_name()

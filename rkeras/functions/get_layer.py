"""``rkeras.get_layer()``: a layer of a model by name or by R's 1-based index."""

from __future__ import annotations

from ..arguments import as_integer
from ..errors import RKerasError, arg_error
from ..habits import r_function
from .objects import model_engine

__all__ = ["get_layer"]


@r_function
def get_layer(object, name=None, index=None):
    """Retrieve a layer of a model by its name or by its 1-based index: R's ``get_layer()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        The model.
    name : str or None
        R default NULL. The layer's name.
    index : int or None
        R default NULL. The layer's position in ``object.layers``, 1-based as
        in R: ``index=1`` is the first layer. A Sequential model does not count
        its input layer (``object.layers`` leaves it out); a functional model
        does. Negative values count from the end (``-1`` is the last layer),
        as R passed them on to Python. Fractions truncate as R's
        ``as.integer()`` does, with a warning. ``0`` is R's error.

    Returns
    -------
    The layer.

    Differences from R keras
    ------------------------
    Giving both ``name`` and ``index`` is an error (R documented that
    ``index`` wins; the Keras it ran refused both, as Keras 3 does).
    """
    model_engine(object, "get_layer")
    layers = list(object.layers)
    listing = _listing(layers)
    if name is None and index is None:
        raise RKerasError(f"get_layer() needs `name` or `index` (1-based). The model's layers: {listing}.", "name")
    if name is not None and index is not None:
        raise RKerasError(
            f"get_layer() takes `name` or `index`, not both. Got name={name!r} and index={index!r}.", "index"
        )
    if index is not None:
        position = as_integer("index", index)
        if position == 0:  # also a fraction that truncates to 0: R ran as.integer() first
            raise RKerasError("`index` for get_layer() is 1-based (0 was passed as the index)", "index")
        if not -len(layers) <= position <= len(layers):
            raise arg_error(
                "index", index,
                f"a layer position from 1 to {len(layers)} (or -1 to -{len(layers)} from the end)",
                detail=f"The model's layers: {listing}.",
            )
        return layers[position - 1 if position > 0 else position]
    if not isinstance(name, str):
        raise arg_error("name", name, "a layer name (a string)", detail=f"The model's layers: {listing}.")
    for layer in layers:
        if layer.name == name:
            return layer
    raise arg_error("name", name, "the name of one of the model's layers", detail=f"The model's layers: {listing}.")


def _listing(layers) -> str:
    if not layers:
        return "none"
    return ", ".join(f"{i} {layer.name!r}" for i, layer in enumerate(layers, start=1))

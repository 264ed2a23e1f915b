"""``rkeras.pop_layer()``: remove the last layer of a Sequential model, in place."""

from __future__ import annotations

from ..errors import RKerasError
from ..habits import r_function
from .objects import model_engine

__all__ = ["pop_layer"]


@r_function
def pop_layer(object):
    """Remove the last layer of a Sequential model, in place: R's ``pop_layer()``.

    Parameters
    ----------
    object : keras.Sequential or tf_keras.Sequential
        The model; its input layer is not a layer that can be popped.

    Returns
    -------
    None
        R returns NULL (invisibly); the model itself is changed.

    An empty model, or a model that is not Sequential (a functional model
    has no last layer to remove), is an error.
    """
    model_engine(object, "pop_layer")
    if not any(c.__name__ == "Sequential" for c in type(object).__mro__) or not hasattr(object, "pop"):
        raise RKerasError(
            f"pop_layer() removes the last layer of a Sequential model; `object` is a {type(object).__name__} "
            f"named {object.name!r}. Build a new model without the layer instead "
            "(keras_model(inputs, outputs = get_layer(...)$output)).",
            "object",
        )
    if not object.layers:
        raise RKerasError(f"pop_layer(): the Sequential model {object.name!r} has no layers to remove.", "object")
    object.pop()
    return None

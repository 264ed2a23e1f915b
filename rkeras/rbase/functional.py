"""R's function builders: base R's ``Vectorize()`` and purrr's ``compose()``."""

from __future__ import annotations

import numpy as np

__all__ = ["Vectorize", "compose", "keras_array", "cast_to_floatx"]


def Vectorize(FUN, vectorize_args=None, SIMPLIFY=True, USE_NAMES=True):
    """base R's ``Vectorize()``: a function that calls ``FUN`` once per element of its (first, or
    ``vectorize_args``) arguments, recycled, simplifying as ``mapply`` does. ``USE_NAMES``
    (R default TRUE) names a character result by its inputs, as a dict in Python."""
    from .apply import mapply

    def vectorized(*args, **kwargs):
        if vectorize_args is None:
            looped, fixed = list(args), dict(kwargs)
        else:
            names = set(np.ravel(vectorize_args).tolist())
            looped, fixed = list(args), {k: v for k, v in kwargs.items() if k not in names}
            kwargs = {k: v for k, v in kwargs.items() if k in names}
        out = mapply(FUN, *looped, MoreArgs=fixed, SIMPLIFY=SIMPLIFY,
                     **({k: v for k, v in kwargs.items()} if vectorize_args is not None else {}))
        if USE_NAMES and looped and isinstance(looped[0], str):
            return {looped[0]: out[0] if len(np.ravel(out)) == 1 else out}
        if USE_NAMES and looped and isinstance(looped[0], np.ndarray) and looped[0].dtype.kind in "USO" \
                and isinstance(out, np.ndarray):
            return dict(zip(looped[0].tolist(), out.tolist()))
        return out

    return vectorized


def compose(*functions, _dir="backward"):
    """purrr's ``compose(f, g)``: ``f(g(x))`` (R default ``.dir = "backward"``: the last function
    is applied first); ``.dir = "forward"`` applies them in the order given."""
    order = list(functions)[::-1] if _dir == "backward" else list(functions)

    def composed(*args, **kwargs):
        value = order[0](*args, **kwargs)
        for fn in order[1:]:
            value = fn(value)
        return value

    return composed


def keras_array(x, dtype=None):
    """R keras' ``keras_array()``: lists (and a data frame's columns) element by element, R's
    doubles as Keras' floatx, C order; tensors and None as they are."""
    import pandas as pd

    if x is None or hasattr(x, "_keras_history") or type(x).__module__.startswith(("tensorflow", "keras")):
        return x
    if isinstance(x, pd.DataFrame):
        x = [x[c].to_numpy() for c in x.columns]
    if isinstance(x, dict):
        return {k: keras_array(v, dtype) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [keras_array(v, dtype) for v in x]
    arr = np.asarray(x)
    if dtype is None and arr.dtype == np.float64:
        import keras

        dtype = keras.backend.floatx()
    return np.ascontiguousarray(arr.astype(dtype or arr.dtype, copy=False))


def cast_to_floatx(x):
    """R keras' ``k_cast_to_floatx()``: a tensor cast to Keras' floatx, anything else a numpy
    array of floatx (Keras 2's ``backend.cast_to_floatx``)."""
    import keras

    floatx = keras.backend.floatx()
    if isinstance(x, (np.ndarray, np.generic, int, float, list, tuple)):
        return np.asarray(x, dtype=floatx)
    return keras.ops.cast(x, floatx)

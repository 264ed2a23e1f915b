"""R's function builders: base R's ``Vectorize()`` and purrr's ``compose()``."""

from __future__ import annotations

import numpy as np

__all__ = ["Vectorize", "compose", "keras_array", "cast_to_floatx", "replace", "switch", "throw", "generator_next"]


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


def replace(x, list, values):
    """base R's ``replace(x, list, values)``: a copy of ``x`` with the elements at ``list`` (1-based
    positions, or a logical vector/matrix/data frame of the same shape) set to ``values``."""
    import pandas as pd

    from .indexing import assign

    if isinstance(x, pd.DataFrame):
        where = list.to_numpy() if isinstance(list, pd.DataFrame) else np.asarray(list)
        if where.dtype != bool or where.shape != x.shape:
            raise ValueError("replace() of a data frame takes a logical data frame of its shape")
        return x.mask(where, values)
    arr = np.array(x, copy=True)
    where = np.asarray(list)
    if where.dtype == bool and where.shape == arr.shape and arr.ndim > 1:
        arr[where] = values
        return arr
    return assign(arr, values, list)


def switch(EXPR, *alternatives):
    """base R's ``switch(EXPR, name = value, ..., default)``, as the porter writes it: each
    alternative is ``(name or None, thunk or None)``; only the chosen thunk is called (R's lazy
    arguments). A string picks the alternative of that name; an empty one (``a = ,``) falls
    through to the next given one; no match gives the unnamed default, else ``NULL`` (None).
    A number picks the alternative at that 1-based position."""
    from .errors import RError

    value = EXPR.item() if isinstance(EXPR, np.ndarray) and EXPR.size == 1 else EXPR
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, str):
        for i, (name, thunk) in enumerate(alternatives):
            if name == value:
                for _, later in alternatives[i:]:
                    if later is not None:
                        return later()
                return None
        defaults = [thunk for name, thunk in alternatives if name is None]
        if len(defaults) > 1:
            raise RError("duplicate 'switch' defaults: only one unnamed alternative may be given")
        return defaults[0]() if defaults and defaults[0] is not None else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        position = int(value)
        if 1 <= position <= len(alternatives) and alternatives[position - 1][1] is not None:
            return alternatives[position - 1][1]()
        return None
    raise RError(f"EXPR must be a length 1 vector: switch() was given {type(EXPR).__name__}")


def throw(error):
    """Raise ``error`` where Python needs an expression (R's ``stop()`` as a ``switch()`` alternative)."""
    raise error


def generator_next(generator, completed=None):
    """R keras' ``generator_next()``: the next batch of a Python iterator (an image data generator's
    flow), or ``completed`` once it is exhausted (reticulate's ``iter_next``)."""
    try:
        return next(generator if hasattr(generator, "__next__") else iter(generator))
    except StopIteration:
        return completed

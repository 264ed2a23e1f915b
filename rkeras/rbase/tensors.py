"""R's ``[`` and ``c()`` on TensorFlow / Keras tensors, as R's tensorflow package gives them.

In R, ``x[, 1:2]`` on a tensor (inside ``layer_lambda()``, a custom loss, a ``tf_function``)
is the tensorflow package's ``[.tensorflow.tensor``, not base R's: positions are 1-based and
ranges inclusive as in R, a single position drops its axis (``drop = TRUE``), an index left
empty takes the whole axis, and a negative position counts from the end (``-1`` is the last,
Python's meaning; R's tensorflow package warns that it does so). Here the same index becomes
Python slicing on the tensor (``x[:, 0:2]``), so symbolic Keras tensors work too; a vector of
positions that is not a run (``c(1, 3)``) is gathered with ``keras.ops.take``; a tensor used as
an index is passed on as it is (0-based), as R's tensorflow does.

``x[[i]]`` on a tensor is not the tensorflow package's: R falls through to reticulate's ``[[``
for any Python object, which passes the number to Python as it is, so ``k_shape(x)[[1]]`` is
Python's ``shape[1]``, the second dimension (R scripts that meant the batch size got the
second one, and relied on it: ``k_random_normal(shape = c(k_shape(z_mean)[[1]]))`` broadcasts
because of it). ``rbase.elem`` keeps that meaning for tensors and for ``k_shape``'s result.

This module imports TensorFlow / Keras only inside the functions that need them: a tensor is
recognised by its type's module.
"""

from __future__ import annotations

import warnings

import numpy as np

from .errors import RError

__all__ = ["k_shape", "k_constant", "all_dims", "NEWAXIS"]


def is_tensor(x) -> bool:
    """Whether ``x`` is a TensorFlow, Keras or JAX/torch tensor (not a numpy array or Python value)."""
    if isinstance(x, (np.ndarray, np.generic, list, tuple, dict, str, int, float, bool)) or x is None:
        return False
    module = type(x).__module__ or ""
    return module.split(".")[0] in ("tensorflow", "keras", "tf_keras", "jax", "jaxlib", "torch") and hasattr(x, "shape")


def _negative_warning():
    from ..errors import RKerasWarning

    warnings.warn("a negative position in `[` on a tensor counts from the end (-1 is the last), as R's "
                  "tensorflow package reads it; it does not drop that position as base R would",
                  RKerasWarning, stacklevel=6)


def _axis_index(index, axis):
    """(a Python index for one axis, positions to gather or None)."""
    if index is None:
        return slice(None), None
    if isinstance(index, slice):
        return index, None
    if is_tensor(index):
        # R's tensorflow passes a tensor index on as it is: Python's 0-based position
        return index, None
    arr = np.asarray(index)
    if arr.dtype == bool or arr.dtype.kind in "USO":
        raise RError(f"`[` on a tensor takes positions (index {axis + 1} was {index!r}); "
                     "use tf$boolean_mask() for a logical mask")
    flat = np.trunc(arr.astype(float)).astype(int).ravel()
    if flat.size == 0:
        return slice(0, 0), None
    if arr.ndim == 0 or flat.size == 1:
        pos = int(flat[0])
        if pos == 0:
            raise RError(f"`[` on a tensor: position 0 (index {axis + 1}); positions start at 1")
        if pos < 0:
            _negative_warning()
            return pos, None
        return pos - 1, None
    if (flat >= 1).all() and (np.diff(flat) == 1).all():
        return slice(int(flat[0]) - 1, int(flat[-1])), None
    if flat[0] >= 1 and flat[-1] < 0 and (np.diff(flat) == -1).all():
        # `8:-8`: R's tensorflow reads the range unevaluated, from position 8 to the 8th from the end
        return slice(int(flat[0]) - 1, (int(flat[-1]) + 1) or None), None
    if (flat < 0).any():
        raise RError(f"`[` on a tensor: negative positions in a vector (index {axis + 1})")
    return slice(None), flat - 1


def subset_tensor(x, index, drop=True):
    """R's tensorflow ``x[...]``: ``index`` holds one entry per axis (``None`` for an empty one)."""
    rank = len(x.shape)
    index = _expand_special(index, rank)
    if len(index) - sum(i is NEWAXIS for i in index) > rank:
        raise RError(f"incorrect number of dimensions: {len(index)} indices for a tensor of rank {rank}")
    parts = [(None, None) if i is NEWAXIS else _axis_index(i, a) for a, i in enumerate(index)]
    key = tuple(p for p, _ in parts)
    if not drop:
        key = tuple(slice(k, (k + 1) or None) if isinstance(k, int) else k for k in key)
    # axes dropped before axis a shift it left when gathering (a tensor index drops its axis too)
    dropped = [0 if isinstance(k, slice) else (-1 if k is None else 1) for k in key]   # newaxis adds one
    everything = all(isinstance(k, slice) and k == slice(None) for k in key)
    out = x if everything else x[key]
    gathers = [(a, g) for a, (_, g) in enumerate(parts) if g is not None]
    if gathers:
        from keras import ops

        for axis, positions in gathers:
            shift = sum(dropped[:axis])
            out = ops.take(out, positions, axis=axis - shift)
    return out


class _NewAxis:
    """tensorflow's ``tf$newaxis`` in ``[`` on a tensor (Python's ``None`` means an empty index here)."""

    def __repr__(self):
        return "newaxis"


NEWAXIS = _NewAxis()


def all_dims():
    """tensorflow's ``all_dims()`` in ``[`` on a tensor: every remaining axis (Python's ``...``)."""
    return Ellipsis


def _expand_special(index, rank):
    """``all_dims()`` (``...``) as one empty index per axis it stands for."""
    if not any(i is Ellipsis for i in index):
        return tuple(index)
    at = next(a for a, i in enumerate(index) if i is Ellipsis)
    rest = [i for i in index if i is not Ellipsis]
    real = sum(i is not NEWAXIS for i in rest)
    return tuple(rest[:at]) + (None,) * max(rank - real, 0) + tuple(rest[at:])


class PyTuple(tuple):
    """A Python tuple that R kept as a Python object (``[[i]]`` on it is Python's ``[i]``)."""


def k_shape(x):
    """R keras' ``k_shape(x)``: the shape as an integer tensor (Keras 2's ``backend.shape``,
    ``tf.shape``), so ``[`` on it is R tensorflow's 1-based one and ``[[`` reticulate's 0-based
    one, as in R. A symbolic Keras 3 tensor outside a layer has no shape tensor: its shape is a
    tuple (unknown sizes ``None``) indexed the same ways."""
    from keras import KerasTensor, backend, ops

    if isinstance(x, KerasTensor):
        return PyTuple(ops.shape(x))
    if backend.backend() == "tensorflow":
        import tensorflow as tf

        return tf.shape(x)
    return ops.convert_to_tensor(ops.shape(x))


def python_item(x, i):
    """reticulate's ``x[[i]]`` on a Python object: Python's own ``x[i]``, counted from 0."""
    arr = np.asarray(i)
    if arr.dtype.kind not in "iuf" or arr.size != 1:
        raise RError(f"[[ ]] on a tensor takes one number. Got {i!r}")
    return x[int(arr.item())]


def k_constant(value, dtype=None, shape=None):
    """R keras' ``k_constant(value, dtype, shape)`` (Keras 2's ``backend.constant``, that is
    ``tf.constant``): a tensor of ``floatx()`` unless ``dtype`` says otherwise; with a ``shape``,
    one value fills it and as many values as it holds are laid out in it row by row."""
    from keras import backend, ops

    dtype = dtype or backend.floatx()
    if shape is None:
        return ops.convert_to_tensor(value, dtype=dtype)
    shape = tuple(int(v) for v in np.ravel(shape))
    values = np.asarray(value)
    if values.size == 1:
        return ops.full(shape, values.item(), dtype=dtype)
    if values.size == int(np.prod(shape)):
        return ops.reshape(ops.convert_to_tensor(values.ravel(), dtype=dtype), shape)
    raise RError(f"k_constant(): `value` should hold 1 or {int(np.prod(shape))} values for shape "
                 f"{shape}. Got {values.size} values")

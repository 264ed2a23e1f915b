"""R's indexing rules at run time: 1-based, inclusive, negative drops, logical masks, names."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from .tf_methods import tf_method
from .environments import REnv
from .errors import RError
from .tensors import PyTuple, is_tensor, python_item, subset_tensor

__all__ = ["subset", "put", "widened", "assign", "elem", "set_elem", "elem_at", "set_elem_at", "dollar", "set_dollar", "unpack", "axis0", "as_integers", "as_shape",
           "colon", "each", "length"]


def colon(a, b):
    """R's ``a:b``: inclusive, counting down when b < a (``1:0`` is ``c(1, 0)``)."""
    a0 = a.item() if isinstance(a, np.ndarray) and a.size == 1 else a
    b0 = b.item() if isinstance(b, np.ndarray) and b.size == 1 else b
    if _is_na(a0) or _is_na(b0):
        # R's tensorflow reads `15:NA` in `[` on a tensor as "from 15 to the end" (NA: open end);
        # base R would stop ("NA/NaN argument"): here it is the open slice either way
        return slice(None if _is_na(a0) else int(a0) - 1, None if _is_na(b0) else int(b0))
    step = 1 if b0 >= a0 else -1
    count = int(np.floor(abs(b0 - a0) + 1e-10)) + 1
    out = a0 + step * np.arange(count)
    return out.astype(int) if float(a0).is_integer() else out


def _is_na(v):
    return v is None or (isinstance(v, (float, np.floating)) and np.isnan(v))


def length(x):
    if x is None:
        return 0
    if isinstance(x, (np.ndarray, pd.Series)):
        return int(x.size)
    if isinstance(x, pd.DataFrame):
        return x.shape[1]
    if isinstance(x, (str, bytes, int, float, bool, np.generic)):
        return 1
    if hasattr(x, "shape") and not isinstance(x, (list, tuple, dict)):
        return int(np.prod(x.shape))
    return len(x)


def each(x):
    """What R's ``for (v in x)`` iterates: the values of a named list, the items of a vector."""
    if x is None:
        return ()
    if isinstance(x, dict):
        return list(x.values())
    if isinstance(x, (str, int, float, bool, np.generic)):
        return (x,)
    return x


def _positions(index, n, names=None):
    """An R index over ``n`` items as 0-based positions (numpy int array), or a slice for all."""
    if index is None:
        return slice(None)
    if isinstance(index, slice):
        return index
    if _positive_int(index):  # the common loop case x[i]: no array conversions
        return np.array([int(index) - 1])
    arr = np.asarray(index)
    if arr.dtype == bool:
        if arr.size == 0:
            return np.arange(0)
        reps = -(-n // arr.size)
        return np.nonzero(np.tile(arr, reps)[:n])[0]
    if arr.dtype.kind in "US O".replace(" ", "") and arr.size and isinstance(arr.flat[0], str):
        if names is None:
            raise RError("subscript out of bounds: names used on an object without names")
        lookup = {name: i for i, name in enumerate(names)}
        try:
            return np.array([lookup[str(v)] for v in arr.ravel()])
        except KeyError as exc:
            raise RError(f"subscript out of bounds: {exc.args[0]!r}") from None
    arr = np.trunc(arr.astype(float)).astype(int).ravel()
    arr = arr[arr != 0]
    if arr.size and (arr < 0).any():
        if (arr > 0).any():
            raise RError("can't mix positive and negative subscripts")
        keep = np.ones(n, dtype=bool)
        keep[(-arr - 1)[(-arr - 1) < n]] = False
        return np.nonzero(keep)[0]
    return arr - 1


def _positive_int(index) -> bool:
    """A positive whole-number scalar index (not a logical): R's ``x[i]`` in a loop."""
    return (type(index) is int or isinstance(index, np.integer)) and index > 0


def _scalar_index(index):
    arr = np.asarray(index)
    return arr.ndim == 0 or (arr.size == 1 and arr.dtype != bool)


def subset(x, *index, drop=True, style=None):
    """R's ``x[...]``. ``None`` stands for an empty index (all). On a tensor, R's tensorflow
    package's ``[`` (see ``rkeras.rbase.tensors``); ``style = "python"`` takes Python's 0-based
    positions there, as R tensorflow's option ``tensorflow.extract.style`` does."""
    if style is not None and str(style).lower() == "python" and is_tensor(x):
        return x[tuple(slice(None) if i is None else i for i in index)]
    if is_tensor(x):
        return subset_tensor(x, index, drop)
    fast = _scalar_positions(x, index) if drop else None
    if fast is not None and x.ndim > 1:
        return x[fast].item()       # one cell: a plain value
    if isinstance(x, PyTuple):
        return subset_tensor(np.asarray(list(x), dtype=object), index, drop)
    if isinstance(x, pd.DataFrame):
        if len(index) == 1:
            cols = _positions(index[0], x.shape[1], list(x.columns))
            return x.iloc[:, cols]
        rows = _positions(index[0], x.shape[0], [str(i) for i in x.index])
        cols = _positions(index[1], x.shape[1], list(x.columns))
        out = x.iloc[rows, cols]
        if drop and isinstance(out, pd.DataFrame) and out.shape[1] == 1:
            out = out.iloc[:, 0]
        if drop and isinstance(out, pd.Series) and len(out) == 1 and not isinstance(out.dtype, pd.CategoricalDtype):
            value = out.iloc[0]
            return value.item() if isinstance(value, np.generic) else value   # R: one value is a scalar
        return out
    if isinstance(x, pd.Series):
        pos = _positions(index[0], len(x), [str(i) for i in x.index])
        return x.iloc[pos]
    if isinstance(x, dict):
        keys = list(x)
        pos = _positions(index[0], len(keys), keys)
        return {keys[i]: x[keys[i]] for i in np.atleast_1d(np.arange(len(keys))[pos])}
    if isinstance(x, (list, tuple)):
        pos = np.atleast_1d(np.arange(len(x))[_positions(index[0], len(x))])
        return type(x)(x[i] for i in pos)
    if isinstance(x, (str, int, float, bool, np.generic)) and len(index) == 1 and np.ndim(index[0]) == 0 \
            and not isinstance(index[0], (bool, np.bool_)) and index[0] is not None and index[0] == 1:
        return x      # R's scalars are vectors of length one: x[1] is x (class(obj)[1], n[1])
    if (isinstance(x, np.ndarray) and index and x.ndim == len(index)
            and all(_positive_int(i) and int(i) <= n for i, n in zip(index, x.shape))):
        cell = x[tuple(int(i) - 1 for i in index)]  # one cell, as the general path gives it
        return cell.item() if isinstance(cell, np.generic) else cell
    arr = np.asarray(x)
    if len(index) == 1 and arr.ndim > 1 and not (isinstance(index[0], np.ndarray) and index[0].shape == arr.shape):
        flat = arr.ravel(order="F")
        return flat[_positions(index[0], flat.size)]
    if len(index) == 1 and arr.ndim > 1:
        # a logical array as the index: the values where it is TRUE, in R's column-major order
        return arr.ravel(order="F")[np.asarray(index[0], dtype=bool).ravel(order="F")]
    if len(index) == 1 and arr.ndim == 1:
        pos = _positions(index[0], arr.size)
        if not isinstance(pos, slice) and np.size(pos) and np.max(pos) >= arr.size:
            return _beyond_end(arr, np.atleast_1d(pos))
    if len(index) != max(arr.ndim, 1):
        raise RError(f"incorrect number of dimensions: {len(index)} indices for an array of {arr.ndim}")
    parts = []
    for axis, idx in enumerate(index):
        pos = _positions(idx, arr.shape[axis] if arr.ndim else 1)
        parts.append(pos if isinstance(pos, slice) else np.atleast_1d(pos))
    out = arr[np.ix_(*[np.arange(arr.shape[a])[p] if isinstance(p, slice) else p for a, p in enumerate(parts)])]
    if drop:
        keep = [a for a in range(out.ndim) if out.shape[a] != 1]
        out = out.reshape([out.shape[a] for a in keep]) if len(keep) < out.ndim else out
        if out.ndim == 0:
            return out.item()
    return out


def _beyond_end(arr, pos):
    """R's ``x[i]`` past the end of a vector: NA there (NaN for numbers, None for text)."""
    na = None if arr.dtype.kind in "USO" else np.nan
    out = np.array([arr[p] if p < arr.size else na for p in pos],
                   dtype=object if na is None else np.result_type(arr.dtype, float))
    return out.item() if out.size == 1 and na is not None else (out[0] if out.size == 1 else out)


def _scalar_positions(x, index):
    """numpy's 0-based positions when ``index`` is one in-range R position per axis of array ``x``
    (the common ``x[i, j]`` of element loops), else None."""
    if not isinstance(x, np.ndarray) or len(index) != x.ndim or x.ndim == 0:
        return None
    out = []
    for axis, i in enumerate(index):
        if isinstance(i, (bool, np.bool_)) or not isinstance(i, (int, np.integer)) or not 1 <= i <= x.shape[axis]:
            return None
        out.append(int(i) - 1)
    return tuple(out)


def widened(arr: np.ndarray, value) -> np.ndarray:
    """``arr``, made wide enough for ``value`` as R does on assignment: writing a fraction into
    an integer vector makes it double (numpy would truncate), a number into a logical one makes
    it numeric. A copy only when the type changes."""
    if arr.dtype.kind not in "biu":
        return arr
    kind = np.asarray(value).dtype
    if kind.kind not in "biufc" or np.can_cast(kind, arr.dtype, casting="safe"):
        return arr
    wide = np.result_type(arr.dtype, kind)
    if wide.kind in "iu" and kind.kind == "b":
        return arr
    return arr.astype(np.float64 if wide.kind == "f" else wide)


def _references_of_a_variable() -> int:
    """How many references a value held by one variable has, seen from inside an rbase function
    it is passed to (the variable, the call's argument, the parameter, getrefcount's own)."""
    def probe(x):
        return sys.getrefcount(x)

    def caller():
        value = np.zeros(1)
        return probe(value)

    return caller()


_ONE_VARIABLE = _references_of_a_variable()


def _private(x, references: int):
    """``x``, or a copy of it when something else holds it too (another variable, a list it is in,
    or an array it is a view of). R copies a shared value when one of its names changes it
    (``y <- x; x[1] <- 0`` leaves ``y`` as it was, and so does a function changing its argument);
    the port writes R's ``x[i] <- v`` as ``x = rbase.assign(x, v, i)``, so the copy keeps R's
    meaning, and an unshared value is still changed in place (no copy per write in a loop)."""
    if isinstance(x, np.ndarray):
        return x.copy() if references > _ONE_VARIABLE or x.base is not None else x
    if isinstance(x, REnv):
        return x      # an R environment is a reference: changed where it is, never copied
    if isinstance(x, (dict, list, pd.DataFrame, pd.Series)) and references > _ONE_VARIABLE:
        return x.copy()
    return x


def put(x, index, value, inplace=False):
    """``x[index] = value`` on an array, 0-based numpy ``index`` (the port writes cells and plain
    slices so), widened first as R widens it (:func:`widened`); returns ``x`` (a copy when
    ``x`` is shared, see :func:`_private`, unless ``inplace``)."""
    if not inplace:
        references = sys.getrefcount(x)   # measured on its own: an argument being passed counts too
        x = _private(x, references)
    if x.dtype.kind in "biu":
        x = widened(x, value)
    x[index] = value
    return x


def assign(x, value, *index, inplace=False):
    """R's ``x[...] <- value``: changes ``x`` and returns it (in place unless ``x`` is shared:
    then a changed copy, as R's copy-on-change; ``inplace`` writes into ``x`` whatever holds it,
    for a part of a bigger object, ``obj$field[i] <- v``)."""
    if not inplace:
        references = sys.getrefcount(x)   # measured on its own: an argument being passed counts too
        x = _private(x, references)
    fast = _scalar_positions(x, index)
    if fast is not None and np.ndim(value) == 0 and not isinstance(value, str) and \
            np.result_type(x.dtype, np.asarray(value).dtype) == x.dtype:
        x[fast] = value          # one cell of an array (element loops): straight to numpy
        return x
    if isinstance(x, pd.DataFrame):
        rows = _positions(index[0], x.shape[0]) if len(index) > 1 else slice(None)
        cols = _positions(index[-1], x.shape[1], list(x.columns))
        x.iloc[rows, cols] = value
        return x
    if isinstance(x, list):
        pos = np.atleast_1d(_positions(index[0], len(x)))
        values = value if isinstance(value, (list, tuple)) and len(value) == len(pos) else [value] * len(pos)
        for p, v in zip(pos, values):
            while p >= len(x):
                x.append(None)
            x[p] = v
        return x
    arr = x if isinstance(x, np.ndarray) else np.asarray(x if x is not None else [], dtype=float)
    arr = widened(arr, value)
    if len(index) == 1 and arr.ndim <= 1:
        pos = _positions(index[0], arr.size)
        if not isinstance(pos, slice) and pos.size and pos.max() >= arr.size:
            # R pads a grown vector with NA (NaN here, so integers become floats)
            kind = np.result_type(arr.dtype, np.asarray(value).dtype) if arr.size else np.asarray(value).dtype
            grown = np.full(pos.max() + 1, np.nan, dtype=np.result_type(kind, float) if kind.kind in "iub" else kind)
            grown[:arr.size] = arr
            arr = grown
        arr[pos] = value
        return arr
    if len(index) == 1:
        idx = index[0]
        if isinstance(idx, np.ndarray) and idx.dtype == bool and idx.shape == arr.shape:
            idx = idx.ravel(order="F")   # a logical array is read column-major, as R reads it
        flat_pos = _positions(idx, arr.size)
        view = arr.reshape(-1, order="F") if arr.flags.f_contiguous else None
        if view is None:
            arr = np.asfortranarray(arr)
            view = arr.reshape(-1, order="F")
        view[flat_pos] = value
        return arr
    parts = []
    for axis, idx in enumerate(index):
        pos = _positions(idx, arr.shape[axis])
        parts.append(np.arange(arr.shape[axis])[pos] if isinstance(pos, slice) else np.atleast_1d(pos))
    target = np.ix_(*parts)
    shape = tuple(len(p) for p in parts)
    val = np.asarray(value)
    if val.size == int(np.prod(shape)) and val.shape != shape:
        val = val.reshape(shape, order="F")
    arr[target] = val
    return arr


def elem(x, i):
    """R's ``x[[i]]``: one element, by 1-based position or by name. On a tensor (and on
    ``k_shape()``'s result) a number is Python's 0-based position, as reticulate passes it on."""
    if not isinstance(i, str) and (is_tensor(x) or isinstance(x, PyTuple)):
        return python_item(x, i)
    if isinstance(i, str):
        if isinstance(x, (dict, pd.DataFrame)) and i not in x:
            return None   # a list (an environment, a data frame) has no element of that name: NULL
        if isinstance(x, (dict, pd.DataFrame, pd.Series)):
            return x[i]
        return getattr(x, i)
    pos = int(np.asarray(i).item())
    if pos < 1:
        raise RError(f"subscript out of bounds: [[{pos}]] (R positions start at 1)")
    if isinstance(x, dict):
        return list(x.values())[pos - 1]
    if isinstance(x, pd.Series):
        return x.iloc[pos - 1]
    if isinstance(x, pd.DataFrame):
        return x.iloc[:, pos - 1]
    if isinstance(x, np.ndarray):
        return x.ravel(order="F")[pos - 1]
    return x[pos - 1]


def set_elem(x, i, value, inplace=False):
    """R's ``x[[i]] <- value`` (``NULL`` removes a named element); returns x (a copy when shared,
    see :func:`assign`)."""
    if not inplace:
        references = sys.getrefcount(x)   # measured on its own: an argument being passed counts too
        x = _private(x, references)
    if x is None:
        x = {} if isinstance(i, str) else []
    if isinstance(i, str):
        x = _named(x)
        if isinstance(x, dict):
            if value is None:
                x.pop(i, None)
            else:
                x[i] = value
            return x
        if isinstance(x, pd.DataFrame):
            x[i] = value
            return x
        setattr(x, i, value)
        return x
    pos = int(np.asarray(i).item()) - 1
    if isinstance(x, dict) and not x:
        x = []
    if isinstance(x, dict):
        key = list(x)[pos]
        x[key] = value
        return x
    if isinstance(x, list):
        while pos >= len(x):
            x.append(None)
        x[pos] = value
        return x
    if isinstance(x, np.ndarray):
        x = widened(x, value)
        if x.ndim == 1 and pos >= x.size and np.ndim(value) == 0:
            # R grows a vector assigned past its end (all_scores <- numeric(); all_scores[[i]] <- v),
            # a gap filled with NA
            kind = np.result_type(x.dtype, np.asarray(value).dtype) if x.size else np.asarray(value).dtype
            if pos > x.size:
                kind = np.result_type(kind, float) if kind.kind in "iubf" else np.dtype(object)
            grown = np.full(pos + 1, np.nan if kind.kind == "f" else None, dtype=kind) if pos > x.size \
                else np.empty(pos + 1, dtype=kind)
            grown[:x.size] = x
            x = grown
    x[pos] = value
    return x


def _one_position(index, n, axis):
    arr = np.asarray(index)
    if arr.size != 1 or arr.dtype == bool or arr.dtype.kind in "USO":
        raise RError(f"[[ ]] takes one position per dimension (index {axis + 1} was {index!r})")
    pos = int(arr.item())
    if not 1 <= pos <= n:
        raise RError(f"subscript out of bounds: position {pos} of dimension {axis + 1} (length {n})")
    return pos - 1


def elem_at(x, *index):
    """R's ``x[[i, j, ...]]``: the one element of an array (or data frame) at those 1-based positions."""
    if isinstance(x, pd.DataFrame):
        if len(index) != 2:
            raise RError(f"incorrect number of subscripts: {len(index)} for a data frame")
        return x.iat[_one_position(index[0], x.shape[0], 0), _one_position(index[1], x.shape[1], 1)]
    arr = np.asarray(x)
    if len(index) != arr.ndim:
        raise RError(f"incorrect number of subscripts: {len(index)} for an array of {arr.ndim} dimensions")
    return arr[tuple(_one_position(i, arr.shape[a], a) for a, i in enumerate(index))]


def set_elem_at(x, value, *index, inplace=False):
    """R's ``x[[i, j, ...]] <- value``: changes the one element and returns ``x`` (a copy when
    shared, see :func:`assign`)."""
    if not inplace:
        references = sys.getrefcount(x)   # measured on its own: an argument being passed counts too
        x = _private(x, references)
    if np.asarray(value).size != 1:
        raise RError("more elements supplied than there are to replace")
    if isinstance(x, pd.DataFrame):
        if len(index) != 2:
            raise RError(f"incorrect number of subscripts: {len(index)} for a data frame")
        x.iat[_one_position(index[0], x.shape[0], 0), _one_position(index[1], x.shape[1], 1)] = value
        return x
    if len(index) != np.ndim(x):
        raise RError(f"incorrect number of subscripts: {len(index)} for an array of {np.ndim(x)} dimensions")
    x = widened(x, value) if isinstance(x, np.ndarray) else x
    x[tuple(_one_position(i, x.shape[a], a) for a, i in enumerate(index))] = np.asarray(value).item()
    return x


def dollar(x, name):
    """R's ``x$name``: a named list's element, a data frame's column, a Python object's attribute."""
    if isinstance(x, (dict, pd.DataFrame)):
        if name in x:
            return x[name]
        if isinstance(x, dict):
            matches = [k for k in x if isinstance(k, str) and k.startswith(name)]
            return x[matches[0]] if len(matches) == 1 else None   # R's partial matching of $
        raise RError(f"data frame has no column {name!r}")
    if isinstance(x, pd.Series) and name in x.index:
        return x[name]
    if x is None:
        return None
    if name in ("apply_gradients", "initialized_value"):
        method = tf_method(x, name)   # TF 2.15 / tf.keras 2's meaning where it changed
        if method is not None:
            return method
    return getattr(x, name)


def _named(x):
    """An R list about to get a name: an empty list becomes a dict (R's names grow with it)."""
    if x is None or (isinstance(x, list) and not x):
        return {}
    if isinstance(x, list):
        raise RError("a name given to an element of an unnamed, non-empty list is not ported")
    return x


def set_dollar(x, name, value, inplace=False):
    """R's ``x$name <- value`` on a named list or data frame (a copy when shared, see
    :func:`assign`); on any other object, its attribute is set."""
    if not inplace:
        references = sys.getrefcount(x)   # measured on its own: an argument being passed counts too
        x = _private(x, references)
    x = _named(x)
    if isinstance(x, dict):
        if value is None:
            x.pop(name, None)
        else:
            x[name] = value
        return x
    if isinstance(x, pd.DataFrame):
        if value is None:
            return x.drop(columns=[name]) if name in x.columns else x   # R: `df$a <- NULL` drops a
        x[name] = value
        return x
    setattr(x, name, value)
    return x


def unpack(value, depth=1):
    """zeallot's ``c(a, b) %<-% value``: named lists unpack by position, ``depth`` levels deep."""
    if depth <= 0:
        return value
    if isinstance(value, dict):
        value = list(value.values())
    elif isinstance(value, pd.Series):
        value = list(value)
    if isinstance(value, (list, tuple)):
        return [unpack(v, depth - 1) if isinstance(v, (dict, list, tuple)) else v for v in value]
    return value


def axis0(axis):
    """An R axis (1-based when positive, negative from the end) as Python's."""
    if axis is None:
        return None
    if isinstance(axis, (list, tuple, np.ndarray)):
        return [axis0(a) for a in np.ravel(axis).tolist()]
    axis = int(axis)
    return axis - 1 if axis > 0 else axis


def as_integers(value):
    """R keras' ``as.integer()``/``as_integer_tuple()`` of an argument Keras takes as integers:
    one number is an int (a fraction truncates, as ``as.integer()`` does), a vector a tuple of
    ints (``c(3, 3)`` is ``(3, 3)``); NULL, a tensor and anything not numeric stay as they are."""
    if value is None or is_tensor(value) or isinstance(value, (bool, np.bool_, str)):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if np.isfinite(value) else value
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        items = np.asarray(value, dtype=object).ravel().tolist()
        if all(isinstance(v, (int, float, np.number)) and not isinstance(v, (bool, np.bool_)) for v in items):
            return tuple(int(v) for v in items)
    return value


def as_shape(shape):
    """An R vector meaning a shape (``784``, ``c(28, 28)``, ``NA``) as a tuple; a tensor (a shape
    computed in a graph, ``k_shape(x)[[1]]``) is kept as it is."""
    if shape is None or is_tensor(shape):
        return shape
    if isinstance(shape, (list, tuple)) and any(is_tensor(v) for v in shape):
        return tuple(v if is_tensor(v) else as_shape(v)[0] for v in shape)
    out = []
    for v in np.ravel(np.asarray(shape, dtype=object)).tolist():
        out.append(None if v is None or (isinstance(v, float) and np.isnan(v)) else int(v))
    return tuple(out)

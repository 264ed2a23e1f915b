"""R's vectors, sequences, random numbers, matrices and the apply family, on numpy."""

from __future__ import annotations

import builtins as _b

import numpy as np
import pandas as pd

from .errors import RError
from .tensors import is_tensor

__all__ = ["flatten_values", "c", "c_list", "seq", "seq_len", "seq_along", "rep", "matrix", "array", "array_reshape",
           "numeric", "character", "logical", "vector", "as_integer", "as_numeric", "as_character",
           "as_logical", "as_vector", "as_matrix", "unlist", "cbind", "rbind", "aperm", "dim", "NROW",
           "names", "set_names", "colnames", "set_colnames", "set_dim", "is_numeric", "is_character",
           "is_list", "mode", "class_", "typeof", "as_list", "stopifnot"]


def flatten_values(values):
    out = []
    for v in values:
        if v is None:
            continue
        if isinstance(v, dict):
            out.extend(flatten_values(list(v.values())))
        elif isinstance(v, (list, tuple)):
            out.extend(flatten_values(list(v)))
        elif isinstance(v, (np.ndarray, pd.Series, pd.Index)):
            out.extend(np.asarray(v).ravel(order="F").tolist())
        elif isinstance(v, _b.range):
            out.extend(list(v))
        else:
            out.append(v)
    return out


def c(*values, **named):
    """R's ``c()``: flattens and concatenates; names give a pandas Series."""
    if named:
        items = [(None, v) for v in values] + list(named.items())
        return pd.Series([v for _, v in items], index=[k or "" for k, _ in items])
    if _b.any(is_tensor(v) for v in values):
        # R's c() of a tensor (a Python object) is a list holding it
        return [x for v in values for x in (v if isinstance(v, (list, tuple)) else [v])]
    if _b.any(isinstance(v, (list, tuple, dict)) and _b.any(not np.isscalar(i) for i in (v.values() if isinstance(v, dict) else v)) for v in values):
        return [x for v in values for x in (list(v.values()) if isinstance(v, dict) else (v if isinstance(v, (list, tuple)) else [v]))]
    flat = flatten_values(values)
    if _b.any(not _atomic(v) for v in flat):
        return flat   # R: c() of objects (Keras tensors, layers, models) is a list of them
    return np.array(flat)


def c_list(*values):
    """R's ``c()`` where Keras takes a list (model inputs, shapes): the values flattened into
    one Python list: R lists (Python lists, tuples, dicts) and vectors give their elements, as R's
    ``c()`` does; a matrix or higher array (a batch of data) stays one element."""
    out = []
    for v in values:
        if isinstance(v, dict):
            out.extend(c_list(*v.values()))
        elif isinstance(v, (list, tuple)):
            out.extend(c_list(*v))
        elif isinstance(v, (np.ndarray, pd.Series)) and np.ndim(v) <= 1:
            out.extend(x.item() if isinstance(x, np.generic) else x for x in np.ravel(v))
        elif v is not None:
            out.append(v.item() if isinstance(v, np.generic) else v)
    return out


def _atomic(v):
    return v is None or isinstance(v, (_b.str, _b.bytes, _b.bool, _b.int, _b.float, _b.complex, np.generic))


def seq(from_=1, to=None, by=None, length_out=None, along_with=None):
    """R's ``seq()``: inclusive; ``seq(5)`` is ``1:5``."""
    if along_with is not None:
        return np.arange(1, len(along_with) + 1)
    if to is None and by is None and length_out is None:
        if np.ndim(from_) == 0:
            return np.arange(1, int(from_) + 1) if from_ >= 1 else np.array([1, 0])[: 2 - int(from_ >= 1)]
        return np.arange(1, len(from_) + 1)
    if length_out is not None:
        if to is None:
            to = from_ + (length_out - 1) * (1 if by is None else by)
        return np.linspace(from_, to, int(length_out))
    by = by if by is not None else (1 if to >= from_ else -1)
    if (to - from_) * by < 0:
        raise RError("wrong sign in 'by' argument")
    count = int(np.floor((to - from_) / by + 1e-10)) + 1
    out = from_ + by * np.arange(count)
    return out.astype(int) if _b.all(float(v).is_integer() for v in (from_, by)) else out


def seq_len(length_out):
    return np.arange(1, int(length_out) + 1)


def seq_along(along_with):
    from .indexing import length

    return np.arange(1, length(along_with) + 1)


def _recycle(values, n: int):
    """R's recycling of ``values`` to length ``n`` (``np.resize``'s result, built
    without its tuple of ``n`` one-item arrays: ``array(0, dim = ...)`` of a
    million cells took seconds)."""
    values = np.asarray(values).ravel()
    if values.size == 1:
        return np.full(n, values[0], dtype=values.dtype)
    if values.size == 0 or values.size >= n:
        return np.resize(values, n)
    return np.tile(values, -(-n // values.size))[:n]


def rep(x, times=1, length_out=None, each=1):
    arr = np.asarray(x).ravel()
    if each != 1:
        arr = np.repeat(arr, int(each))
    if np.ndim(times) > 0 and np.size(times) == arr.size:
        arr = np.repeat(arr, np.asarray(times, dtype=int))
    elif length_out is None:
        arr = np.tile(arr, int(times))
    if length_out is not None:
        arr = _recycle(arr, int(length_out))
    return arr


def _fill_values(data):
    """The values that fill a matrix or array; a bare number (``0``, a double in R) is a double,
    so ``array(0, dim)`` then holds ``+ 0.1`` as R's does."""
    if isinstance(data, int) and not isinstance(data, bool):
        return np.asarray(float(data)).ravel()
    return np.asarray(data if not isinstance(data, (list, tuple)) else flatten_values(data)).ravel(order="F")


def matrix(data=np.nan, nrow=None, ncol=None, byrow=False, dimnames=None):
    """R's ``matrix()``: filled by column (R's order) unless ``byrow``; data recycled."""
    values = _fill_values(data)
    if nrow is None and ncol is None:
        nrow, ncol = values.size, 1
    elif nrow is None:
        nrow = -(-values.size // int(ncol))
    elif ncol is None:
        ncol = -(-values.size // int(nrow))
    nrow, ncol = int(nrow), int(ncol)
    filled = _recycle(values, nrow * ncol)
    return filled.reshape((nrow, ncol), order="C" if byrow else "F")


def array(data=np.nan, dim=None, dimnames=None):
    """R's ``array()``: filled in R's column-major order (numpy order "F")."""
    values = _fill_values(data)
    dim = (values.size,) if dim is None else tuple(int(d) for d in np.ravel(dim))
    return _recycle(values, int(np.prod(dim))).reshape(dim, order="F")


def array_reshape(x, dim, order="C"):
    """R keras' ``array_reshape()``: reshapes in C (row-major) order, as NumPy does by default."""
    return np.reshape(np.asarray(x), tuple(int(d) for d in np.ravel(dim)), order=order)


def numeric(length=0):
    return np.zeros(int(length))


def character(length=0):
    return np.full(int(length), "", dtype=object)


def logical(length=0):
    return np.zeros(int(length), dtype=bool)


def vector(mode="logical", length=0):
    if mode == "list":
        return [None] * int(length)
    return {"numeric": numeric, "double": numeric, "integer": numeric, "character": character}.get(mode, logical)(length)


def _factor_codes(x):
    """A factor's 1-based level codes (what R's as.integer()/as.numeric() of a factor give), or None."""
    cat = x.array if isinstance(x, pd.Series) and x.dtype.name == "category" else x
    if not isinstance(cat, pd.Categorical):
        return None
    codes = cat.codes.astype(float) + 1
    codes[cat.codes < 0] = np.nan
    return codes


def as_integer(x, *args):
    codes = _factor_codes(x)
    if codes is not None:
        return codes.astype(int) if not np.isnan(codes).any() else codes
    if isinstance(x, dict):
        x = list(x.values())   # a named list of numbers: R gives their vector (names dropped)
    arr = np.trunc(np.asarray(x, dtype=float))
    if np.isnan(arr).any():
        return float(arr) if arr.ndim == 0 else arr   # NA stays NA (NaN; numpy ints have no NA)
    return int(arr) if arr.ndim == 0 else arr.astype(int)


def as_numeric(x, *args):
    codes = _factor_codes(x)
    if codes is not None:
        return codes
    if isinstance(x, dict):
        x = list(x.values())
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr.ravel(order="F") if arr.ndim > 1 else arr


def as_character(x, *args):
    if isinstance(x, dict):
        x = list(x.values())   # a named list: one string per element, names dropped, as R does
    if np.ndim(x) == 0:
        from .text import format_value

        return format_value(x)
    from .text import format_value

    return np.array([format_value(v) for v in flatten_values([x])], dtype=object)


def as_logical(x, *args):
    return np.asarray(x).astype(bool)


def as_vector(x, mode="any"):
    if isinstance(x, dict):
        return list(x.values())
    return np.asarray(x).ravel(order="F")


def as_matrix(x, *args):
    if isinstance(x, pd.DataFrame):
        return x.to_numpy()
    arr = np.asarray(x)
    return arr.reshape(-1, 1) if arr.ndim == 1 else arr


def unlist(x, recursive=True, use_names=True):
    return np.array(flatten_values([x]))


def cbind(*args):
    frames = [a for a in args if a is not None]
    if any(isinstance(a, pd.DataFrame) for a in frames):
        # R's cbind() of a data frame is a data frame (its columns side by side)
        parts = [a.reset_index(drop=True) if isinstance(a, (pd.DataFrame, pd.Series)) else
                 pd.DataFrame({f"V{i + 1}": np.ravel(a)}) for i, a in enumerate(frames)]
        return pd.concat(parts, axis=1)
    cols = [np.asarray(a) for a in args if a is not None]   # R drops NULL arguments
    cols = [c for c in cols if c.ndim > 1 or c.size] or cols   # and zero-length vectors (c())
    if not cols:
        return None
    n = _b.max(c.shape[0] if c.ndim else 1 for c in cols)
    return np.column_stack([_recycle(c, n) if c.ndim <= 1 else c for c in cols])


def rbind(*args):
    frames = [a for a in args if a is not None]
    if frames and all(isinstance(a, pd.DataFrame) for a in frames):
        # R's rbind() of data frames matches columns by name and numbers the rows on
        return pd.concat([f[frames[0].columns] if set(f.columns) == set(frames[0].columns) else f
                          for f in frames], ignore_index=True)
    rows = [np.asarray(a) for a in args if a is not None]   # R drops NULL arguments
    rows = [r for r in rows if r.ndim > 1 or r.size] or rows   # and zero-length vectors (c())
    if not rows:
        return None
    return np.vstack([r.reshape(1, -1) if r.ndim <= 1 else r for r in rows])


def aperm(a, perm=None):
    arr = np.asarray(a)
    return np.transpose(arr, None if perm is None else [int(p) - 1 for p in np.ravel(perm)])


def dim(x):
    """R's ``dim()``: the shape as an integer vector, or None for a plain vector."""
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) < 2 and not isinstance(x, pd.DataFrame):
        return None if shape is None or len(shape) < 1 or isinstance(x, (pd.Series,)) else np.array(shape)
    return np.array([None if s is None else int(s) for s in shape], dtype=object if None in tuple(shape) else int)


def NROW(x):
    shape = getattr(x, "shape", None)
    return shape[0] if shape else len(x)


def _strings(values):
    """R's character vector: a numpy array of Python strings."""
    return np.array([str(v) for v in values], dtype=object)


def names(x):
    """R's ``names()``: a character vector (numpy), or NULL."""
    if isinstance(x, dict):
        return _strings(x)
    if isinstance(x, pd.DataFrame):
        return _strings(x.columns)
    if isinstance(x, pd.Series):
        return _strings(x.index)
    return None


def as_list(x, *args):
    """R's ``as.list()``: a vector's elements as a list; a named vector or data frame as a named list."""
    if isinstance(x, (list, dict)):
        return x
    if isinstance(x, pd.DataFrame):
        return {str(c): x[c] for c in x.columns}
    if isinstance(x, pd.Series) and x.index.dtype.kind not in "iu":
        return {str(k): v for k, v in x.items()}
    return list(np.asarray(x).ravel(order="F"))


def _name_strings(value):
    """R's ``names<-`` value as names: always character (``as.character``), a named list's values."""
    if isinstance(value, dict):
        value = list(value.values())
    return np.atleast_1d(as_character(value)).tolist()


def set_names(x, value):
    if isinstance(x, dict):
        return dict(zip(_name_strings(value), x.values()))
    if isinstance(x, pd.DataFrame):
        x.columns = list(np.ravel(value))
        return x
    if isinstance(x, list):
        return dict(zip(_name_strings(value), x))
    return pd.Series(np.asarray(x).ravel(), index=_name_strings(value))


def colnames(x):
    if isinstance(x, pd.DataFrame):
        return _strings(x.columns)
    return None


def set_colnames(x, value):
    if isinstance(x, pd.DataFrame):
        x.columns = list(np.ravel(value))
        return x
    return pd.DataFrame(np.asarray(x), columns=list(np.ravel(value)))


def set_dim(x, value):
    """R's ``dim(x) <- value``: R refills in column-major order."""
    return np.reshape(np.asarray(x), tuple(int(v) for v in np.ravel(value)), order="F")


def is_numeric(x):
    return np.asarray(x).dtype.kind in "iuf"


def is_character(x):
    return isinstance(x, str) or np.asarray(x).dtype.kind in "US"


def is_list(x):
    return isinstance(x, (list, dict))


def mode(x):
    return "numeric" if is_numeric(x) else "character" if is_character(x) else "list"


def _atomic_type(x) -> str | None:
    """R's type of a scalar or a numpy array: "double", "integer", "logical", "character" (or None).
    A Python int is R's double: the porter writes R's numbers (``1``, ``c(1, 2)``) that way."""
    if isinstance(x, (bool, np.bool_)):
        return "logical"
    if isinstance(x, np.integer):
        return "integer"
    if isinstance(x, (int, float, np.floating)):
        return "double"
    if isinstance(x, str):
        return "character"
    if isinstance(x, np.ndarray):
        kind = x.dtype.kind
        if kind == "O" and x.size and all(isinstance(v, str) for v in x.ravel()):
            kind = "U"
        return {"b": "logical", "i": "integer", "u": "integer", "f": "double", "U": "character",
                "S": "character"}.get(kind)
    return None


def class_(x):
    """R's ``class()``: "numeric", "integer", "logical", "character", c("matrix", "array"),
    "array", "list", "data.frame", "factor", "function", "NULL"; a class set by ``class<-`` or
    R's structure() first; otherwise the Python class's name."""
    if getattr(x, "r_class", None):
        classes = list(x.r_class)
        return classes[0] if len(classes) == 1 else np.array(classes)
    if x is None:
        return "NULL"
    if isinstance(x, pd.DataFrame):
        return "data.frame"
    if isinstance(x, pd.Categorical) or (isinstance(x, pd.Series) and x.dtype.name == "category"):
        return "factor"
    if isinstance(x, pd.Series):   # a data frame's column, or a named vector
        x = x.to_numpy() if x.dtype.kind != "O" and x.dtype.name not in ("str", "string") else \
            np.array(x.tolist(), dtype=object)
    if isinstance(x, (list, dict)):
        return "list"
    if isinstance(x, np.ndarray) and x.ndim == 2:
        return np.array(["matrix", "array"])
    if isinstance(x, np.ndarray) and x.ndim > 2:
        return "array"
    kind = _atomic_type(x)
    if kind is not None:
        return "numeric" if kind == "double" else kind
    if callable(x) and not hasattr(x, "__self__") and type(x).__name__ == "function":
        return "function"
    return type(x).__name__


def typeof(x):
    """R's ``typeof()``: "double", "integer", "logical", "character", "list", "NULL", "closure"."""
    if x is None:
        return "NULL"
    from .environments import REnv

    if isinstance(x, REnv):
        return "environment"
    if isinstance(x, (list, dict, pd.DataFrame)):
        return "list"
    if isinstance(x, pd.Categorical) or (isinstance(x, pd.Series) and x.dtype.name == "category"):
        return "integer"
    kind = _atomic_type(x)
    if kind is not None:
        return kind
    if callable(x):
        return "closure"
    return "environment"


def stopifnot(*conditions):
    for cond in conditions:
        if not np.all(cond):
            raise RError("stopifnot(): a condition is not all TRUE")

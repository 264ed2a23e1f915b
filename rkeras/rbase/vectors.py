"""R's vectors, sequences, random numbers, matrices and the apply family, on numpy."""

from __future__ import annotations

import builtins as _b

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["c", "seq", "seq_len", "seq_along", "rep", "sample", "set_seed", "runif", "rnorm", "rbinom",
           "matrix", "array", "array_reshape", "numeric", "character", "logical", "vector", "as_integer",
           "as_numeric", "as_character", "as_logical", "as_vector", "as_matrix", "unlist", "cbind", "rbind",
           "aperm", "dim", "NROW", "sum", "prod", "max", "min", "range", "mean", "sd", "var", "pmax", "pmin",
           "which", "which_max", "which_min", "order", "sort", "rev", "unique", "table", "log", "ifelse", "all",
           "any", "identical", "all_equal", "sapply", "lapply", "mapply", "Map", "apply", "Reduce", "Filter",
           "do_call", "max_col", "is_element", "setdiff", "union", "intersect", "row_sums", "col_sums",
           "row_means", "col_means", "rng", "names", "set_names", "set_dim", "colnames", "set_colnames",
           "is_numeric", "is_character", "is_list", "mode", "class_", "sweep", "scale", "stopifnot",
           "transpose", "compact", "rmultinom"]

_RNG = np.random.default_rng()


def rng():
    """The generator R's random functions draw from (``set.seed`` reseeds it)."""
    return _RNG


def set_seed(seed, kind=None, normal_kind=None, sample_kind=None):
    """R's ``set.seed``: reseeds numpy's generator here and Python's/Keras' where present.

    Differences from R: the same seed gives other numbers than R's Mersenne-Twister would.
    """
    global _RNG
    _RNG = np.random.default_rng(int(seed))
    np.random.seed(int(seed) % 2**32)
    import random
    import sys

    random.seed(int(seed))
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(int(seed) % 2**32)


def _flat(values):
    out = []
    for v in values:
        if v is None:
            continue
        if isinstance(v, dict):
            out.extend(_flat(list(v.values())))
        elif isinstance(v, (list, tuple)):
            out.extend(_flat(list(v)))
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
    if _b.any(isinstance(v, (list, tuple, dict)) and _b.any(not np.isscalar(i) for i in (v.values() if isinstance(v, dict) else v)) for v in values):
        return [x for v in values for x in (list(v.values()) if isinstance(v, dict) else (v if isinstance(v, (list, tuple)) else [v]))]
    flat = _flat(values)
    return np.array(flat)


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


def rep(x, times=1, length_out=None, each=1):
    arr = np.asarray(x).ravel()
    if each != 1:
        arr = np.repeat(arr, int(each))
    if np.ndim(times) > 0 and np.size(times) == arr.size:
        arr = np.repeat(arr, np.asarray(times, dtype=int))
    elif length_out is None:
        arr = np.tile(arr, int(times))
    if length_out is not None:
        arr = np.resize(arr, int(length_out))
    return arr


def sample(x, size=None, replace=False, prob=None):
    """R's ``sample()``: ``sample(n)`` is a permutation of ``1:n`` (1-based)."""
    if np.ndim(x) == 0 and not isinstance(x, str) and float(x) >= 1:
        population = np.arange(1, int(x) + 1)
    else:
        population = np.asarray(x)
    size = len(population) if size is None else int(size)
    p = None if prob is None else np.asarray(prob, dtype=float) / np.sum(prob)
    return _RNG.choice(population, size=size, replace=bool(replace), p=p)


def runif(n, min=0.0, max=1.0):
    return _RNG.uniform(min, max, size=_count(n))


def rnorm(n, mean=0.0, sd=1.0):
    return _RNG.normal(mean, sd, size=_count(n))


def rbinom(n, size, prob):
    return _RNG.binomial(size, prob, size=_count(n))


def _count(n):
    return int(n) if np.ndim(n) == 0 else len(n)


def matrix(data=np.nan, nrow=None, ncol=None, byrow=False, dimnames=None):
    """R's ``matrix()``: filled by column (R's order) unless ``byrow``; data recycled."""
    values = np.asarray(data if not isinstance(data, (list, tuple)) else _flat(data)).ravel(order="F")
    if nrow is None and ncol is None:
        nrow, ncol = values.size, 1
    elif nrow is None:
        nrow = -(-values.size // int(ncol))
    elif ncol is None:
        ncol = -(-values.size // int(nrow))
    nrow, ncol = int(nrow), int(ncol)
    filled = np.resize(values, nrow * ncol)
    return filled.reshape((nrow, ncol), order="C" if byrow else "F")


def array(data=np.nan, dim=None, dimnames=None):
    """R's ``array()``: filled in R's column-major order (numpy order "F")."""
    values = np.asarray(data if not isinstance(data, (list, tuple)) else _flat(data)).ravel(order="F")
    dim = (values.size,) if dim is None else tuple(int(d) for d in np.ravel(dim))
    return np.resize(values, int(np.prod(dim))).reshape(dim, order="F")


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


def as_integer(x, *args):
    arr = np.trunc(np.asarray(x, dtype=float))
    return int(arr) if arr.ndim == 0 else arr.astype(int)


def as_numeric(x, *args):
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr.ravel(order="F") if arr.ndim > 1 else arr


def as_character(x, *args):
    if np.ndim(x) == 0:
        from .text import format_value

        return format_value(x)
    from .text import format_value

    return np.array([format_value(v) for v in _flat([x])], dtype=object)


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
    return np.array(_flat([x]))


def cbind(*args):
    cols = [np.asarray(a) for a in args]
    n = _b.max(c.shape[0] if c.ndim else 1 for c in cols)
    return np.column_stack([np.resize(c, n) if c.ndim <= 1 else c for c in cols])


def rbind(*args):
    rows = [np.asarray(a) for a in args]
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


def _vals(args, na_rm):
    arr = np.array(_flat(list(args)), dtype=float)
    return arr[~np.isnan(arr)] if na_rm else arr


def sum(*args, na_rm=False):
    return _num(np.sum(_vals(args, na_rm)))


def prod(*args, na_rm=False):
    return _num(np.prod(_vals(args, na_rm)))


def max(*args, na_rm=False):
    return _num(np.max(_vals(args, na_rm)))


def min(*args, na_rm=False):
    return _num(np.min(_vals(args, na_rm)))


def range(*args, na_rm=False):
    vals = _vals(args, na_rm)
    return np.array([_num(vals.min()), _num(vals.max())])


def _num(v):
    v = float(v)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def mean(x, *args, **kwargs):
    return float(np.mean(np.asarray(x, dtype=float)))


def sd(x, na_rm=False):
    return float(np.std(_vals([x], na_rm), ddof=1))


def var(x, y=None, na_rm=False):
    return float(np.var(_vals([x], na_rm), ddof=1))


def pmax(*args, na_rm=False):
    return np.maximum.reduce([np.asarray(a) for a in args])


def pmin(*args, na_rm=False):
    return np.minimum.reduce([np.asarray(a) for a in args])


def which(x, arr_ind=False, useNames=True):
    """R's ``which()``: 1-based positions of TRUE values."""
    return np.nonzero(np.asarray(x, dtype=bool).ravel(order="F"))[0] + 1


def which_max(x):
    return int(np.argmax(np.asarray(x))) + 1


def which_min(x):
    return int(np.argmin(np.asarray(x))) + 1


def max_col(m, ties_method="random"):
    return np.argmax(np.asarray(m), axis=1) + 1


def order(*args, na_last=True, decreasing=False):
    """R's ``order()``: 1-based positions that sort the first argument (ties by the next)."""
    keys = [np.asarray(a) for a in args][::-1]
    idx = np.lexsort(keys) if len(keys) > 1 else np.argsort(keys[0], kind="stable")
    return (idx[::-1] if decreasing else idx) + 1


def sort(x, decreasing=False, *args):
    out = np.sort(np.asarray(x), kind="stable")
    return out[::-1] if decreasing else out


def rev(x):
    if isinstance(x, (list, tuple)):
        return type(x)(reversed(x))
    if isinstance(x, dict):
        return dict(reversed(list(x.items())))
    return np.asarray(x)[::-1]


def unique(x, incomparables=False, *args):
    """R's ``unique()``: in order of first appearance (numpy's would sort)."""
    return pd.unique(pd.Series(np.asarray(x).ravel(order="F"))).tolist() if isinstance(x, list) else \
        np.asarray(pd.unique(pd.Series(np.asarray(x).ravel(order="F"))))


def table(*args):
    return pd.Series(np.asarray(args[0]).ravel()).value_counts().sort_index()


def log(x, base=None):
    out = np.log(x)
    return out if base is None else out / np.log(base)


def ifelse(test, yes, no):
    return np.where(np.asarray(test, dtype=bool), yes, no)


def all(*args, na_rm=False):
    return bool(np.all(np.array(_flat(list(args)), dtype=bool)))


def any(*args, na_rm=False):
    return bool(np.any(np.array(_flat(list(args)), dtype=bool)))


def identical(x, y):
    try:
        return bool(np.array_equal(np.asarray(x), np.asarray(y)))
    except Exception:
        return x == y


def all_equal(target, current, tolerance=1.5e-8, **kwargs):
    return bool(np.allclose(np.asarray(target, dtype=float), np.asarray(current, dtype=float), rtol=tolerance))


def _items(x):
    if isinstance(x, dict):
        return list(x.values()), list(x.keys())
    if isinstance(x, pd.DataFrame):
        return [x[c] for c in x.columns], list(x.columns)
    if np.ndim(x) == 0 and not isinstance(x, (list, tuple)):
        return [x], None
    return (list(x) if isinstance(x, (list, tuple)) else list(np.asarray(x).ravel(order="F"))), None


def lapply(X, FUN, *args, **kwargs):
    items, names = _items(X)
    out = [FUN(v, *args, **kwargs) for v in items]
    return dict(zip(names, out)) if names else out


def sapply(X, FUN, *args, simplify=True, USE_NAMES=True, FUN_VALUE=None, **kwargs):
    items, names = _items(X)
    out = [FUN(v, *args, **kwargs) for v in items]
    if simplify and out and _b.all(np.ndim(v) == 0 for v in out):
        return np.array(out)
    if simplify and out and _b.all(np.ndim(v) == 1 and len(v) == len(out[0]) for v in out):
        return np.column_stack(out)
    return dict(zip(names, out)) if names else out


def mapply(FUN, *args, MoreArgs=None, SIMPLIFY=True, USE_NAMES=True, **kwargs):
    columns = [_items(a)[0] for a in args] + [_items(v)[0] for v in kwargs.values()]
    keys = [None] * len(args) + list(kwargs)
    n = _b.max(len(c) for c in columns) if columns else 0
    out = []
    for i in _b.range(n):
        pos = [c[i % len(c)] for c, k in zip(columns, keys) if k is None]
        named = {k: c[i % len(c)] for c, k in zip(columns, keys) if k is not None}
        out.append(FUN(*pos, **named, **(MoreArgs or {})))
    if SIMPLIFY and out and _b.all(np.ndim(v) == 0 for v in out):
        return np.array(out)
    return out


def Map(f, *args, **kwargs):
    return mapply(f, *args, SIMPLIFY=False, **kwargs)


def apply(X, MARGIN, FUN, *args, simplify=True, **kwargs):
    """R's ``apply()``: MARGIN 1 is rows, 2 is columns."""
    arr = np.asarray(X)
    axis = int(MARGIN) - 1
    out = [FUN(np.take(arr, i, axis=axis), *args, **kwargs) for i in _b.range(arr.shape[axis])]
    if out and _b.all(np.ndim(v) == 0 for v in out):
        return np.array(out)
    return np.column_stack(out)


def Reduce(f, x, init=None, right=False, accumulate=False):
    import functools

    items = _items(x)[0]
    if right:
        items = items[::-1]
    if init is not None:
        return functools.reduce(f, items, init)
    return functools.reduce(f, items)


def Filter(f, x):
    items, names = _items(x)
    keep = [bool(f(v)) for v in items]
    if names:
        return {k: v for k, v, ok in zip(names, items, keep) if ok}
    return [v for v, ok in zip(items, keep) if ok]


def do_call(what, args, quote=False, envir=None):
    if isinstance(args, dict):
        return what(**args)
    return what(*args)


def is_element(el, table):
    return np.isin(el, table)


def setdiff(x, y):
    return np.array([v for v in unique(x) if v not in set(np.ravel(y).tolist())])


def union(x, y):
    return unique(np.concatenate([np.ravel(x), np.ravel(y)]))


def intersect(x, y):
    ys = set(np.ravel(y).tolist())
    return np.array([v for v in unique(x) if v in ys])


def row_sums(x, na_rm=False):
    return (np.nansum if na_rm else np.sum)(np.asarray(x), axis=tuple(_b.range(1, np.ndim(x))))


def col_sums(x, na_rm=False):
    return (np.nansum if na_rm else np.sum)(np.asarray(x), axis=0)


def row_means(x, na_rm=False):
    return (np.nanmean if na_rm else np.mean)(np.asarray(x), axis=tuple(_b.range(1, np.ndim(x))))


def col_means(x, na_rm=False):
    return (np.nanmean if na_rm else np.mean)(np.asarray(x), axis=0)


def sweep(x, MARGIN, STATS, FUN="-"):
    arr = np.asarray(x)
    stats = np.asarray(STATS)
    shape = [1] * arr.ndim
    shape[int(MARGIN) - 1] = -1
    stats = stats.reshape(shape)
    ops = {"-": np.subtract, "+": np.add, "*": np.multiply, "/": np.divide}
    return ops[FUN](arr, stats) if isinstance(FUN, str) else FUN(arr, stats)


def scale(x, center=True, scale=True):
    arr = np.asarray(x, dtype=float)
    if center is True:
        arr = arr - arr.mean(axis=0)
    if scale is True:
        arr = arr / arr.std(axis=0, ddof=1)
    return arr


def names(x):
    if isinstance(x, dict):
        return list(x)
    if isinstance(x, pd.DataFrame):
        return list(x.columns)
    if isinstance(x, pd.Series):
        return list(x.index)
    return None


def set_names(x, value):
    if isinstance(x, dict):
        return dict(zip(np.ravel(value).tolist(), x.values()))
    if isinstance(x, pd.DataFrame):
        x.columns = list(np.ravel(value))
        return x
    if isinstance(x, list):
        return dict(zip(np.ravel(value).tolist(), x))
    return pd.Series(np.asarray(x).ravel(), index=list(np.ravel(value)))


def colnames(x):
    if isinstance(x, pd.DataFrame):
        return list(x.columns)
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


def class_(x):
    return type(x).__name__


def stopifnot(*conditions):
    for cond in conditions:
        if not np.all(cond):
            raise RError("stopifnot(): a condition is not all TRUE")



def transpose(l, names=None):
    """purrr's ``transpose()``: a list of lists turned inside out (by position, names kept)."""
    items = list(l.values()) if isinstance(l, dict) else list(l)
    if not items:
        return []
    first = items[0]
    if isinstance(first, dict):
        return {k: [item[k] for item in items] for k in first}
    return [[item[i] for item in items] for i in _b.range(len(first))]


def compact(x):
    if isinstance(x, dict):
        return {k: v for k, v in x.items() if v is not None and length_of(v)}
    return [v for v in x if v is not None and length_of(v)]


def length_of(v):
    from .indexing import length

    return length(v)


def rmultinom(n, size, prob):
    """R's ``rmultinom()``: a matrix with one column of counts per draw."""
    p = np.asarray(prob, dtype=float)
    return _RNG.multinomial(int(size), p / p.sum(), size=int(n)).T

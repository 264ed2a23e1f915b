"""R's apply family and purrr's helpers: ``lapply``, ``sapply``, ``mapply``, ``apply``, ``Reduce``, ``do.call``, ``transpose``."""

from __future__ import annotations

import builtins as _b

import numpy as np
import pandas as pd


__all__ = ["lapply", "sapply", "mapply", "Map", "apply", "Reduce", "Filter", "do_call", "transpose",
           "compact", "length_of", "replicate"]


def _items(x):
    if isinstance(x, dict):
        return list(x.values()), list(x.keys())
    if isinstance(x, pd.DataFrame):
        return [x[c] for c in x.columns], list(x.columns)
    if isinstance(x, (list, tuple)):
        return list(x), None                      # an R list: its elements, ragged ones included
    if isinstance(x, np.ndarray) and x.dtype == object:
        return list(x.ravel(order="F")), None
    if np.ndim(x) == 0:
        return [x], None
    return list(np.asarray(x).ravel(order="F")), None


def lapply(X, FUN, *args, **kwargs):
    items, names = _items(X)
    out = [FUN(v, *args, **kwargs) for v in items]
    return dict(zip(names, out)) if names else out


def sapply(X, FUN, *args, simplify=True, USE_NAMES=True, FUN_VALUE=None, **kwargs):
    items, names = _items(X)
    out = [FUN(v, *args, **kwargs) for v in items]
    if simplify and not out:
        return np.array([])   # an empty vector (R's list(); purrr's map_int() gives integer(0))
    if simplify and out and _b.all(np.ndim(v) == 0 for v in out):
        return np.array(out)
    if simplify and out and _b.all(np.ndim(v) == 1 and len(v) == 1 for v in out):
        return np.array([np.asarray(v)[0] for v in out])   # R: results of length 1 make a vector
    if simplify and out and _b.all(np.ndim(v) == 1 and len(v) == len(out[0]) for v in out):
        return np.column_stack(out)
    if simplify and out and _b.all(isinstance(v, np.ndarray) and v.shape == out[0].shape for v in out):
        if simplify == "array":
            return np.stack(out, axis=-1)   # R's simplify = "array": dim(result) is c(dim(each), n)
        return np.column_stack([v.ravel(order="F") for v in out])   # each result a column, R's order
    return dict(zip(names, out)) if names else out


def replicate(n, expr, simplify="array"):
    """R's ``replicate(n, expr)``: ``expr`` (a function of no arguments, R's lazy expression)
    evaluated ``n`` times, simplified as ``sapply()`` does."""
    return sapply(_b.list(_b.range(int(n))), lambda _: expr(), simplify=simplify)


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
    """R's ``apply()``: MARGIN 1 is rows, 2 is columns, ``c(1, 2)`` each cell of a matrix."""
    arr = np.asarray(X)
    margins = [int(m) - 1 for m in np.ravel(MARGIN)]
    if len(margins) > 1:
        shape = tuple(arr.shape[m] for m in margins)
        moved = np.moveaxis(arr, margins, list(_b.range(len(margins))))
        cells = [FUN(moved[index], *args, **kwargs) for index in np.ndindex(*shape)]
        if cells and _b.all(np.ndim(v) == 0 for v in cells):
            return np.array(cells).reshape(shape)
        return np.moveaxis(np.array(cells).reshape(shape + np.shape(cells[0])), -1, 0)
    axis = margins[0]
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

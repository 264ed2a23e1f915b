"""R's summaries, orderings and set functions: ``sum`` (all arguments flattened), ``which`` (1-based), ``order``, ``unique`` (first appearance)."""

from __future__ import annotations

import builtins as _b

import numpy as np
import pandas as pd

from ..named_vector import NamedVector, format_named_columns
from .vectors import flatten_values

__all__ = ["sum", "prod", "max", "min", "range", "mean", "diff", "signif", "crossprod", "tcrossprod", "RTable", "SummaryDefault", "summary_numbers", "sd", "var", "pmax", "pmin", "which", "which_max",
           "which_min", "max_col", "order", "sort", "rev", "unique", "table", "log", "ifelse", "all", "any",
           "identical", "all_equal", "is_element", "setdiff", "union", "intersect", "row_sums", "col_sums",
           "row_means", "col_means", "sweep", "scale"]


def _on_tensor(name, args, axis, keepdims):
    """R tensorflow's method of this summary for tensors (``tf$reduce_*``), or None."""
    from .tfpackage import tensor_reduce

    return tensor_reduce(name, args, axis, keepdims)


def _vals(args, na_rm):
    arr = np.array(flatten_values(list(args)), dtype=float)
    return arr[~np.isnan(arr)] if na_rm else arr


def sum(*args, na_rm=False, axis=None, keepdims=False):
    if (t := _on_tensor("sum", args, axis, keepdims)) is not None:
        return t
    return _num(np.sum(_vals(args, na_rm)))


def prod(*args, na_rm=False, axis=None, keepdims=False):
    if (t := _on_tensor("prod", args, axis, keepdims)) is not None:
        return t
    return _num(np.prod(_vals(args, na_rm)))


def max(*args, na_rm=False, axis=None, keepdims=False):
    if (t := _on_tensor("max", args, axis, keepdims)) is not None:
        return t
    return _num(np.max(_vals(args, na_rm)))


def min(*args, na_rm=False, axis=None, keepdims=False):
    if (t := _on_tensor("min", args, axis, keepdims)) is not None:
        return t
    return _num(np.min(_vals(args, na_rm)))


def range(*args, na_rm=False):
    vals = _vals(args, na_rm)
    return np.array([_num(vals.min()), _num(vals.max())])


def _num(v):
    v = float(v)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def mean(x, trim=0, na_rm=False, axis=None, keepdims=False):
    """R's ``mean()``: NA when a value is missing unless ``na_rm``; ``trim`` drops that fraction
    of the sorted values from each end first. Of a tensor: R tensorflow's method
    (``tf$reduce_mean`` with 1-based ``axis`` and ``keepdims``, a tensor back)."""
    if (t := _on_tensor("mean", (x,), axis, keepdims)) is not None:
        return t
    vals = np.asarray(x, dtype=float).ravel()
    if na_rm:
        vals = vals[~np.isnan(vals)]
    if trim and vals.size and not np.isnan(vals).any():
        cut = int(np.floor(vals.size * _b.min(float(trim), 0.5)))
        vals = np.sort(vals)[cut:vals.size - cut] if cut else vals
        if vals.size == 0:
            return float(np.median(np.asarray(x, dtype=float)))
    return float(np.mean(vals)) if vals.size else float("nan")


def signif(x, digits=6):
    """R's ``signif()``: rounded to ``digits`` significant digits."""
    arr = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.where(arr == 0, 0, np.floor(np.log10(np.abs(np.where(arr == 0, 1, arr)))))
    scale = 10.0 ** (int(digits) - 1 - magnitude)
    out = np.round(arr * scale) / scale
    return float(out) if out.ndim == 0 else out


def _as_matrix(x):
    arr = np.asarray(x, dtype=float)
    return arr.reshape(-1, 1) if arr.ndim == 1 else arr   # R treats a vector as one column


def crossprod(x, y=None):
    """R's ``crossprod(x, y = x)``: ``t(x) %*% y``."""
    a = _as_matrix(x)
    return a.T @ (a if y is None else _as_matrix(y))


def tcrossprod(x, y=None):
    """R's ``tcrossprod(x, y = x)``: ``x %*% t(y)``."""
    a = _as_matrix(x)
    return a @ (a if y is None else _as_matrix(y)).T


def diff(x, lag=1, differences=1):
    """R's ``diff()``: lagged differences, ``differences`` times."""
    out = np.asarray(x)
    for _ in _b.range(int(differences)):
        out = out[int(lag):] - out[:-int(lag)] if out.shape[0] > int(lag) else out[:0]
    return out


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


class RTable(pd.Series):
    """R's one-way ``table()``: counts named by value (a pandas Series), printed as R prints it:
    the variable's name on a line of its own (empty when R had none), then the values' names
    over their counts, every column as wide as the widest entry, a space after each."""

    _metadata = ["dnn"]

    @property
    def _constructor(self):
        return RTable

    def __repr__(self) -> str:
        from .printing import r_label

        names = [r_label(n) for n in self.index]
        body = format_named_columns(names, [str(v) for v in self.tolist()]) or "\n"   # empty: two empty lines
        return (getattr(self, "dnn", None) or "") + "\n" + body

    __str__ = __repr__


class SummaryDefault(NamedVector):
    """R's ``summary()`` of a numeric vector: minimum, quartiles (R's type 7), mean and maximum,
    printed as R prints it, to 4 significant digits."""

    digits = 4

    @property
    def _constructor(self):
        return SummaryDefault


def summary_numbers(x) -> SummaryDefault:
    vals = np.asarray(x, dtype=float).ravel()
    missing = int(np.isnan(vals).sum())
    vals = vals[~np.isnan(vals)]
    q = np.quantile(vals, [0, 0.25, 0.5, 0.75, 1]) if vals.size else np.full(5, np.nan)
    values = [q[0], q[1], q[2], float(vals.mean()) if vals.size else np.nan, q[3], q[4]]
    names = ["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."]
    if missing:
        values.append(missing)
        names.append("NA's")
    return SummaryDefault(values, index=names, dtype=float)


def table(*args, dnn=None):
    """R's ``table()`` of one vector or factor: the count of each value, in sorted order (a
    factor's levels in their order, unused ones counted 0). ``dnn`` names the variable."""
    x = args[0]
    if isinstance(x, pd.Series) and x.dtype.name == "category":
        x = x.array
    if isinstance(x, pd.Categorical):
        counts = pd.Series(x).value_counts(sort=False).reindex(x.categories, fill_value=0)
    else:
        counts = pd.Series(np.asarray(x).ravel()).value_counts().sort_index()
    out = RTable(counts.to_numpy(), index=counts.index)
    out.dnn = (dnn[0] if isinstance(dnn, (list, tuple)) else dnn) if dnn is not None else None
    return out


def log(x, base=None):
    out = np.log(x)
    return out if base is None else out / np.log(base)


def ifelse(test, yes, no):
    return np.where(np.asarray(test, dtype=bool), yes, no)


def all(*args, na_rm=False):
    return bool(np.all(np.array(flatten_values(list(args)), dtype=bool)))


def any(*args, na_rm=False):
    return bool(np.any(np.array(flatten_values(list(args)), dtype=bool)))


def identical(x, y):
    try:
        return bool(np.array_equal(np.asarray(x), np.asarray(y)))
    except Exception:
        return x == y


def all_equal(target, current, tolerance=1.5e-8, **kwargs):
    return bool(np.allclose(np.asarray(target, dtype=float), np.asarray(current, dtype=float), rtol=tolerance))


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

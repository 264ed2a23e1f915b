"""dplyr's verbs on pandas data frames, with dplyr's meaning, as ``rkeras port`` writes them.

Data masking: each argument dplyr evaluates "inside" the data is written as a function of a
:class:`Mask` (``lambda _d: _d["a"] > 1``): ``_d["col"]`` is the column (of the current group)
as a numpy array, ``"col" in _d`` says whether the column exists (R looks columns up before
variables), ``_d.n()`` and ``_d.row_number()`` are dplyr's ``n()`` and ``row_number()``.
Grouping (``group_by``) is kept in ``DataFrame.attrs["groups"]``; ``summarise`` drops the last
grouping level as dplyr's default ``.groups = "drop_last"`` does, and groups come sorted.

Differences from R: results are pandas data frames (list columns are object columns), not
tibbles; dplyr's messages (``summarise()`` regrouping, joining ``by``) are not printed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["Mask", "mutate", "transmute", "dplyr_filter", "select", "rename", "arrange", "desc", "group_by",
           "ungroup", "summarise", "left_join", "inner_join", "right_join", "full_join", "pull", "distinct",
           "tibble", "add_row", "selector", "row_number"]

_GROUPS = "groups"


class Mask:
    """One data frame (or one group of it; or tibble()'s columns so far, a dict) as dplyr's data mask sees it."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def __contains__(self, name):
        return name in self.frame

    def __getitem__(self, name):
        if name not in self.frame:
            raise RError(f"object '{name}' not found (not a column, nor a variable)")
        value = self.frame[name]
        return value.to_numpy() if isinstance(value, pd.Series) else value

    def n(self):
        return len(self.frame)

    def row_number(self, x=None):
        if x is None:
            return np.arange(1, len(self.frame) + 1)
        return row_number(x)


def row_number(x):
    """dplyr's ``row_number(x)``: ranks, ties broken by position."""
    values = np.asarray(x)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values), dtype=int)
    ranks[order] = np.arange(1, len(values) + 1)
    return ranks


def _frame(x):
    if not isinstance(x, pd.DataFrame):
        raise RError(f"dplyr verbs take a data frame, not {type(x).__name__}")
    return x


def _groups(frame):
    return list(frame.attrs.get(_GROUPS, []))


group_vars = _groups


def _with_groups(frame, groups):
    frame.attrs = {**frame.attrs, _GROUPS: list(groups)} if groups else {k: v for k, v in frame.attrs.items()
                                                                          if k != _GROUPS}
    return frame


def _column(value, n, name):
    """A value for an n-row column, recycled as dplyr does (length 1 or n only)."""
    if isinstance(value, (list, tuple)):
        if len(value) not in (1, n):
            raise RError(f"column `{name}` must be size {n} or 1, not {len(value)}")
        out = np.empty(n, dtype=object)
        for i in range(n):
            out[i] = value[i if len(value) == n else 0]
        return out
    if isinstance(value, dict):
        return _column(list(value.values()), n, name)
    arr = np.asarray(value.to_numpy() if isinstance(value, (pd.Series, pd.Categorical)) else value)
    if arr.ndim == 0:
        return np.repeat(arr, n) if arr.dtype != object else np.array([value] * n, dtype=object)
    if len(arr) == n:
        return arr if arr.ndim == 1 else list(arr)
    if len(arr) == 1:
        return np.repeat(arr, n)
    raise RError(f"column `{name}` must be size {n} or 1, not {len(arr)}")


def _parts(frame):
    """(row positions, sub-frame) of each group, in sorted group order (the whole frame if ungrouped)."""
    groups = _groups(frame)
    if not groups:
        return [(np.arange(len(frame)), frame)]
    grouped = frame.reset_index(drop=True).groupby(groups, sort=False, dropna=False)
    return [(np.asarray(grouped.indices[key]), frame.iloc[np.asarray(grouped.indices[key])])
            for key in sorted(grouped.indices, key=_sort_key)]


def _sort_key(key):
    return tuple((0, k) if not isinstance(k, str) else (1, k) for k in (key if isinstance(key, tuple) else (key,)))


def mutate(_data, **columns):
    """dplyr's ``mutate()``: each new column is computed in turn (later ones see earlier ones), per group."""
    frame = _frame(_data).copy()
    groups = _groups(frame)
    for name, fn in columns.items():
        if fn is None:                       # mutate(x = NULL) drops the column
            frame = frame.drop(columns=[name])
            continue
        values = np.empty(len(frame), dtype=object)
        typed = []
        for rows, part in _parts(frame):
            out = _column(fn(Mask(part)) if callable(fn) else fn, len(part), name)
            typed.append(out)
            for i, r in enumerate(rows):
                values[r] = out[i]
        if all(isinstance(t, np.ndarray) and t.dtype != object for t in typed) and typed:
            values = values.astype(np.result_type(*[t.dtype for t in typed]))
        frame[name] = values
    return _with_groups(frame, groups)


def transmute(_data, **columns):
    """dplyr's ``transmute()``: only the grouping columns and the new ones."""
    frame = mutate(_data, **columns)
    keep = _groups(frame) + [c for c in columns if columns[c] is not None]
    return _with_groups(frame[list(dict.fromkeys(keep))], _groups(frame))


def dplyr_filter(_data, *conditions):
    """dplyr's ``filter()``: the rows where every condition is TRUE (NA counts as FALSE), per group."""
    frame = _frame(_data)
    keep = np.zeros(len(frame), dtype=bool)
    for rows, part in _parts(frame):
        ok = np.ones(len(part), dtype=bool)
        for cond in conditions:
            value = np.asarray(cond(Mask(part)), dtype=object)
            value = np.broadcast_to(value, (len(part),)) if value.ndim == 0 else value
            if len(value) != len(part):
                raise RError(f"filter(): a condition is size {len(value)}, not {len(part)}")
            ok &= np.array([bool(v) if v is not None and v == v else False for v in value], dtype=bool)
        keep[rows] = ok
    out = frame[keep].reset_index(drop=True)
    return _with_groups(out, _groups(frame))


class _Selector:
    def __init__(self, kind, values=()):
        self.kind, self.values = kind, values

    def columns(self, names):
        if self.kind == "everything":
            return list(names)
        if self.kind == "last_col":
            return names[-1:]
        tests = {"starts_with": str.startswith, "ends_with": str.endswith, "contains": lambda a, b: b in a,
                 "matches": lambda a, b: __import__("re").search(b, a) is not None}
        if self.kind in tests:
            return [n for n in names if any(tests[self.kind](n, v) for v in self.values)]
        if self.kind in ("all_of", "one_of", "any_of"):
            wanted = [str(v) for v in self.values]
            missing = [w for w in wanted if w not in names]
            if missing and self.kind == "all_of":
                raise RError(f"Can't subset columns that don't exist: {missing}")
            return [w for w in wanted if w in names]
        raise RError(f"tidyselect helper {self.kind}() is not ported")


def selector(kind, *values):
    """tidyselect's helpers (``starts_with("x")``, ``everything()``, ``all_of(v)``) for ``select()``."""
    flat = [v for value in values for v in (np.ravel(value).tolist() if not isinstance(value, str) else [value])]
    return _Selector(kind, flat)


def _resolve(spec, names):
    """One select() argument -> (positive, [(new, old)...]) columns."""
    if isinstance(spec, _Selector):
        return [(n, n) for n in spec.columns(names)]
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str) and spec[0] != "-":
        new, old = spec
        return [(new, c) for _, c in _resolve(old, names)]
    if isinstance(spec, (int, np.integer)):
        return [(names[int(spec) - 1], names[int(spec) - 1])]
    if isinstance(spec, str):
        if spec not in names:
            raise RError(f"Can't subset columns that don't exist: column `{spec}` doesn't exist")
        return [(spec, spec)]
    if isinstance(spec, (list, np.ndarray)):
        return [pair for s in (spec.tolist() if isinstance(spec, np.ndarray) else spec) for pair in _resolve(s, names)]
    raise RError(f"select(): cannot select with {spec!r}")


def select(_data, *specs):
    """dplyr's ``select()``: columns by name, position or helper; ``("-", spec)`` drops, ``(new, old)``
    renames; grouping columns are always kept."""
    frame = _frame(_data)
    names = list(frame.columns)
    chosen: dict = {}
    dropping_only = all(isinstance(s, tuple) and s[0] == "-" for s in specs)
    if dropping_only:
        chosen = {n: n for n in names}
    for spec in specs:
        if isinstance(spec, tuple) and spec[0] == "-":
            for _, old in _resolve(spec[1], names):
                chosen = {k: v for k, v in chosen.items() if v != old}
        else:
            for new, old in _resolve(spec, names):
                chosen.pop(next((k for k, v in chosen.items() if v == old), None), None)
                chosen[new] = old
    groups = _groups(frame)
    for g in reversed(groups):
        if g not in chosen.values():
            chosen = {g: g, **chosen}
    out = frame[list(chosen.values())].copy()
    out.columns = list(chosen.keys())
    return _with_groups(out, groups)


def rename(_data, **renames):
    """dplyr's ``rename(new = old)``."""
    frame = _frame(_data)
    mapping = {old: new for new, old in renames.items()}
    missing = [old for old in mapping if old not in frame.columns]
    if missing:
        raise RError(f"Can't rename columns that don't exist: {missing}")
    out = frame.rename(columns=mapping)
    return _with_groups(out, [mapping.get(g, g) for g in _groups(frame)])


class _Desc:
    def __init__(self, values):
        self.values = values


def desc(x):
    """dplyr's ``desc()``: sort descending in ``arrange()``."""
    return _Desc(x)


def arrange(_data, *keys):
    """dplyr's ``arrange()``: a stable sort by each key in turn, NA last (groups ignored, as dplyr)."""
    frame = _frame(_data)
    if not keys:
        return frame
    mask = Mask(frame)
    columns, ascending = {}, []
    for i, key in enumerate(keys):
        value = key(mask) if callable(key) else key
        asc = not isinstance(value, _Desc)
        value = value.values if isinstance(value, _Desc) else value
        columns[f"k{i}"] = np.broadcast_to(np.asarray(value), (len(frame),))
        ascending.append(asc)
    order = pd.DataFrame(columns).sort_values(list(columns), ascending=ascending, kind="stable",
                                              na_position="last").index
    return _with_groups(frame.iloc[np.asarray(order)].reset_index(drop=True), _groups(frame))


def group_by(_data, *specs, add=False):
    """dplyr's ``group_by()``: columns by name; ``(name, fn)`` computes a new column first."""
    frame = _frame(_data)
    new = {s[0]: s[1] for s in specs if isinstance(s, tuple)}
    if new:
        frame = mutate(_with_groups(frame.copy(), []), **new)
    names = [s[0] if isinstance(s, tuple) else s for s in specs]
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise RError(f"group_by(): columns not found: {missing}")
    groups = (_groups(_data) if add else []) + names
    return _with_groups(frame.copy(), list(dict.fromkeys(groups)))


def ungroup(x, *args):
    return _with_groups(_frame(x).copy(), [])


def summarise(_data, _groups="drop_last", **summaries):
    """dplyr's ``summarise()``: one row per group (sorted), grouping columns first, then the
    summaries; the result keeps all but the last grouping level (``.groups = "drop_last"``,
    R's default), all of them (``"keep"``) or none (``"drop"``)."""
    keep = _groups
    if keep not in ("drop_last", "drop", "keep"):
        raise RError(f'summarise(): .groups should be "drop_last", "drop" or "keep", not {keep!r}')
    frame = _frame(_data)
    groups = group_vars(frame)
    rows = []
    for _, part in _parts(frame):
        row = {g: part[g].iloc[0] for g in groups}
        for name, fn in summaries.items():
            extended = part.copy()
            for done, value in row.items():
                if done not in groups:
                    extended[done] = [value] * len(part) if len(part) else []
            value = fn(Mask(extended))
            arr = np.asarray(value, dtype=object) if not isinstance(value, str) else np.array(value, dtype=object)
            if arr.ndim > 0 and arr.size != 1:
                raise RError(f"summarise(): `{name}` must be size 1, not {arr.size}")
            row[name] = arr.reshape(-1)[0] if arr.ndim else value
        rows.append(row)
    out = pd.DataFrame(rows, columns=groups + list(summaries)).infer_objects()
    return _with_groups(out, {"drop_last": groups[:-1], "drop": [], "keep": groups}[keep])


def _by(x, y, by):
    if by is None:
        common = [c for c in x.columns if c in y.columns]
        if not common:
            raise RError("`by` must be supplied when `x` and `y` have no common variables")
        return common, common
    if isinstance(by, dict):
        return list(by.keys()), list(by.values())
    if isinstance(by, pd.Series):
        left = [k if k else v for k, v in zip(by.index, by.values)]
        return left, list(by.values)
    names = [by] if isinstance(by, str) else [str(b) for b in np.ravel(by)]
    return names, names


def _join(how):
    def join(x, y, by=None, suffix=(".x", ".y"), **kwargs):
        left, right = _by(_frame(x), _frame(y), by)
        out = pd.merge(x, y, how=how, left_on=left, right_on=right, suffixes=tuple(suffix), sort=False)
        if left != right:
            out = out.drop(columns=[r for l, r in zip(left, right) if r != l and r in out.columns])
        return _with_groups(out.reset_index(drop=True), _groups(x))

    join.__name__ = f"{how}_join"
    join.__doc__ = f"dplyr's ``{how}_join()``: by the common columns unless ``by`` is given; x's row order."
    return join


left_join = _join("left")
inner_join = _join("inner")
right_join = _join("right")
full_join = _join("outer")


def pull(_data, var=-1, name=None):
    """dplyr's ``pull()``: one column as a vector (``var``: a name, or a position, negative from the end)."""
    frame = _frame(_data)
    if isinstance(var, str):
        return frame[var].to_numpy()
    var = int(var)
    return frame.iloc[:, var - 1 if var > 0 else var].to_numpy()


def distinct(_data, *columns, _keep_all=False):
    """dplyr's ``distinct()``: unique rows (of the given columns), first occurrences in order."""
    frame = _frame(_data)
    subset = list(columns) or None
    out = frame.drop_duplicates(subset=subset).reset_index(drop=True)
    if subset and not _keep_all:
        out = out[subset]
    return _with_groups(out, _groups(frame))


def tibble(**columns):
    """tibble's ``tibble()``: columns built in turn (a later one may use an earlier one), length-1 recycled."""
    built = {}
    for name, value in columns.items():
        built[name] = value(Mask(built)) if callable(value) else value   # earlier columns, as given
    lengths = [len(v) if isinstance(v, (list, tuple)) else np.size(v) for v in built.values()]
    n = max([l for l in lengths if l != 1], default=1)
    return pd.DataFrame({k: _column(v, n, k) for k, v in built.items()})


def add_row(_data, _before=None, _after=None, **values):
    """tibble's ``add_row()``: one row (missing columns NA), at the end or before/after a 1-based row."""
    frame = _frame(_data)
    unknown = [k for k in values if k not in frame.columns]
    if unknown:
        raise RError(f"add_row(): new columns can't be added: {unknown}")
    row = pd.DataFrame({c: [np.ravel(values[c])[0] if c in values else np.nan] for c in frame.columns})
    at = len(frame) if _before is None and _after is None else (int(_before) - 1 if _before is not None else int(_after))
    out = pd.concat([frame.iloc[:at], row, frame.iloc[at:]], ignore_index=True)
    return out.astype({c: frame[c].dtype for c in frame.columns if frame[c].dtype != object and not
                       out[c].isna().any()}, errors="ignore")

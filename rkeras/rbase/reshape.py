"""reshape2's ``melt()`` and tidyr's ``gather``/``pivot_longer``/``spread``/``pivot_wider``:
wide data to long and back, with the R packages' column names and row orders.

Differences from R: an array has no ``dimnames`` in Python, so the index columns of a melted
matrix or array are always 1-based integer positions; a list is not melted. Of tidyr's
arguments only the simple ones are ported (``names_to`` one name, no ``names_sep``/
``names_pattern``/``values_fn``; ``spread(fill = )``/``pivot_wider(values_fill = )`` fill).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["melt", "gather", "pivot_longer", "spread", "pivot_wider"]


def melt(data, *args, id_vars=None, measure_vars=None, variable_name="variable", value_name="value",
         varnames=None, na_rm=False, **kwargs):
    """reshape2's ``melt(data, ...)``.

    A matrix or array (numpy, or a tensor): one row per cell, in R's column-major order (the
    first index varies fastest), columns ``Var1``, ``Var2``, ... (``varnames``) holding 1-based
    positions, then ``value`` (``value_name``).

    A data frame: ``id_vars`` (default: its text and factor columns) are repeated for each of the
    ``measure_vars`` (default: the other columns), named in ``variable`` (``variable_name``, a
    factor with the measured columns' names as levels) with their ``value``.

    A vector: a data frame of one column, ``value``.
    """
    if na_rm not in (True, False):
        raise RError(f"melt(): 'na.rm' should be TRUE or FALSE; got {na_rm!r}")
    if isinstance(data, pd.DataFrame):
        return _melt_frame(data, id_vars, measure_vars, variable_name, value_name, na_rm)
    if isinstance(data, (list, dict)) and any(np.ndim(v) > 0 or isinstance(v, (list, dict)) for v in
                                              (data.values() if isinstance(data, dict) else data)):
        raise RError("melt() of a list is not ported (melt a matrix, an array or a data frame)")
    values = np.asarray(data)
    if values.ndim <= 1:
        frame = pd.DataFrame({value_name: values.ravel()})
    else:
        names = [f"Var{i + 1}" for i in range(values.ndim)] if varnames is None else [str(v) for v in np.ravel(varnames)]
        if len(names) != values.ndim:
            raise RError(f"melt(): 'varnames' should name {values.ndim} dimensions; got {len(names)}")
        grids = np.indices(values.shape).reshape(values.ndim, -1, order="F") + 1
        frame = pd.DataFrame({name: grid for name, grid in zip(names, grids)})
        frame[value_name] = values.ravel(order="F")
    if na_rm:
        frame = frame[pd.notna(frame[value_name])].reset_index(drop=True)
    return frame


def _melt_frame(frame, id_vars, measure_vars, variable_name, value_name, na_rm):
    columns = list(frame.columns)
    id_vars = None if id_vars is None else [str(v) for v in np.ravel(id_vars)]
    measure_vars = None if measure_vars is None else [str(v) for v in np.ravel(measure_vars)]
    for given in (id_vars or []) + (measure_vars or []):
        if given not in columns:
            raise RError(f"melt(): id variables or measure variables not found in data: {given}")
    if id_vars is None and measure_vars is None:
        id_vars = [c for c in columns if not _is_numeric(frame[c])]
    if id_vars is None:
        id_vars = [c for c in columns if c not in measure_vars]
    if measure_vars is None:
        measure_vars = [c for c in columns if c not in id_vars]
    long = frame.melt(id_vars=id_vars, value_vars=measure_vars, var_name=variable_name, value_name=value_name)
    long[variable_name] = pd.Categorical(long[variable_name], categories=measure_vars)
    if na_rm:
        long = long[pd.notna(long[value_name])].reset_index(drop=True)
    return long


def _is_numeric(column) -> bool:
    return column.dtype.kind in "biufc" and not isinstance(column.dtype, pd.CategoricalDtype)


def _columns(frame, specs):
    """Column names a tidyselect specification (``rbase.select``'s) chooses."""
    from .dplyr import select

    if not isinstance(frame, pd.DataFrame):
        raise RError(f"tidyr's verbs take a data frame, not {type(frame).__name__}")
    plain = pd.DataFrame(frame)
    plain.attrs = {}
    return list(select(plain, *specs).columns)


def _longer(frame, cols, key, value, na_rm, by_row):
    ids = [c for c in frame.columns if c not in cols]
    long = frame.melt(id_vars=ids, value_vars=cols, var_name=key, value_name=value)
    if by_row:   # pivot_longer: each row's values together, in the row's order
        n = len(frame)
        order = np.arange(len(long)).reshape(len(cols), n).T.ravel()
        long = long.iloc[order]
    if na_rm:
        long = long[pd.notna(long[value])]
    return long.reset_index(drop=True)


def gather(data, key="key", value="value", *specs, na_rm=False, convert=False, factor_key=False):
    """tidyr's ``gather(data, key, value, ...)``: the selected columns (all without a selection)
    stacked into ``key`` (their names, text) and ``value``, one column after the other."""
    cols = _columns(data, specs) if specs else list(data.columns)
    long = _longer(data, cols, str(key), str(value), na_rm, by_row=False)
    if factor_key:
        long[str(key)] = pd.Categorical(long[str(key)], categories=cols)
    return long


def pivot_longer(data, cols, names_to="name", values_to="value", values_drop_na=False, **unported):
    """tidyr's ``pivot_longer(data, cols, names_to = "name", values_to = "value")``: like
    ``gather()`` but each row's values stay together (tidyr's row order)."""
    if unported:
        raise RError(f"pivot_longer(): argument `{sorted(unported)[0]}` is not ported (only cols, names_to, "
                     "values_to and values_drop_na)")
    names = np.ravel(names_to).tolist()
    if len(names) != 1:
        raise RError(f"pivot_longer(): 'names_to' should be one name (names_sep/names_pattern are not ported); got {names}")
    specs = cols if isinstance(cols, list) else [cols]
    return _longer(data, _columns(data, specs), str(names[0]), str(values_to), values_drop_na, by_row=True)


def _wider(frame, key, value, fill, sort):
    for name in (key, value):
        if name not in frame.columns:
            raise RError(f"column `{name}` doesn't exist")
    ids = [c for c in frame.columns if c not in (key, value)]
    keys = frame[key]
    names = sorted(pd.unique(keys).tolist()) if sort else pd.unique(keys).tolist()
    if ids:
        rows = frame[ids].drop_duplicates()
        if sort:
            rows = rows.sort_values(ids)
        index = pd.MultiIndex.from_frame(rows) if len(ids) > 1 else pd.Index(rows[ids[0]])
        wide = frame.pivot(index=ids, columns=key, values=value).reindex(index=index, columns=names)
        wide = wide.reset_index()
    else:
        wide = frame.pivot(columns=key, values=value).reindex(columns=names).ffill().bfill().head(1)
        wide = wide.reset_index(drop=True)
    wide.columns = [str(c) for c in wide.columns]
    wide.columns.name = None
    if fill is not None:
        wide[[str(n) for n in names]] = wide[[str(n) for n in names]].fillna(fill)
    return wide


def spread(data, key, value, fill=None, convert=False, drop=True, sep=None):
    """tidyr's ``spread(data, key, value)``: one column per ``key`` value (sorted), rows sorted by
    the other columns; missing cells NA (``fill``)."""
    return _wider(data, str(key), str(value), fill, sort=True)


def pivot_wider(data, names_from="name", values_from="value", values_fill=None, **unported):
    """tidyr's ``pivot_wider(data, names_from = name, values_from = value)``: one column per
    ``names_from`` value, in order of appearance, rows in order of appearance."""
    if unported:
        raise RError(f"pivot_wider(): argument `{sorted(unported)[0]}` is not ported (only names_from, "
                     "values_from and values_fill)")
    return _wider(data, str(names_from), str(values_from), values_fill, sort=False)

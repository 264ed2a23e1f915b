"""reshape2's ``melt()``: wide data to R's long data frame, with reshape2's column names.

Differences from R: an array has no ``dimnames`` in Python, so the index columns of a melted
matrix or array are always 1-based integer positions; a list is not melted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["melt"]


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

"""R's ``ls_runs()``: the runs under a directory as a pandas data frame (tfruns 1.5.3)."""

from __future__ import annotations

import os

from ..arguments import as_nullable_integer
from ..errors import arg_error
from .run_record import column_order, list_run_dirs, run_record

__all__ = ["ls_runs", "runs_frame"]

_DATES = ("start", "end", "cloudml_created", "cloudml_start", "cloudml_end")


def _as_order(order) -> list[str]:
    names = [order] if isinstance(order, str) else list(order)
    if not names or not all(isinstance(name, str) for name in names):
        raise arg_error("order", order, "a column name or a list of column names")
    return names


def runs_frame(records: list[dict], order=None):
    """Run records as one data frame with tfruns' column order (``return_runs``), times as UTC dates."""
    import pandas as pd

    if records:
        frame = pd.DataFrame.from_records(records)
    else:
        frame = pd.DataFrame({"type": pd.Series(dtype=object), "run_dir": pd.Series(dtype=object),
                              "start": pd.Series(dtype=float), "end": pd.Series(dtype=float)})
    frame = frame[column_order(frame.columns, order)]
    for name in _DATES:
        if name in frame.columns:
            frame[name] = pd.to_datetime(pd.to_numeric(frame[name], errors="coerce"), unit="s", utc=True)
    frame.attrs["order"] = None if order is None or list(order) == ["start"] else list(order)
    return frame


def ls_runs(subset=None, order="start", decreasing: bool = True, latest_n: int | None = None, runs_dir="runs"):
    """List training runs: one row per run directory under ``runs_dir``.

    Parameters
    ----------
    subset : str or callable, optional
        Rows to keep. R's ``subset`` is an expression over the columns
        (``ls_runs(eval_acc > 0.9)``); here a string for
        :meth:`pandas.DataFrame.query` (``"eval_acc > 0.9"``) or a function of
        the data frame returning a boolean mask. R default ``NULL`` (all).
    order : str or list of str
        Columns to order by. R default ``start`` (run start time).
    decreasing : bool
        R default ``TRUE``: largest first (so newest runs first). Missing
        values go last either way, as R's ``order()`` puts them.
    latest_n : int, optional
        Only the ``latest_n`` newest runs (by run directory name). R default ``NULL``.
    runs_dir : str
        R default ``getOption("tfruns.runs_dir", "runs")``: here ``"runs"``.

    Returns
    -------
    pandas.DataFrame
        tfruns' columns and order: ``run_dir`` and the ``order`` columns,
        then ``eval_*``, ``metric_*``, ``flag_*``, ``samples``,
        ``validation_samples``, ``batch_size``, ``epochs``,
        ``epochs_completed``, ``metrics``, ``model``, ``loss_function``,
        ``optimizer``, ``learning_rate``, ``script``, ``start``, ``end``
        (UTC timestamps), ``completed``, ``output``, ``error_message``,
        ``error_traceback``, ``source_code``, ``context``, ``type``, then any
        other property. ``frame.attrs["order"]`` holds ``order`` (None for
        the default). An empty frame has columns ``run_dir``, ``start``,
        ``end`` and ``type``.

    Differences from R: the data frame prints as pandas prints (tfruns
    printed a few columns and listed the others' names). When no run records
    a start time the default order keeps the newest-name-first order (tfruns
    failed); a named ``order`` column that no run has is an error.
    """
    names = _as_order(order)
    if not isinstance(decreasing, bool):
        raise arg_error("decreasing", decreasing, "TRUE or FALSE (True or False)")
    latest_n = as_nullable_integer("latest_n", latest_n, minimum=0)
    if not isinstance(runs_dir, (str, os.PathLike)):
        raise arg_error("runs_dir", runs_dir, "a directory path (a string)")
    records = [run_record(path) for path in list_run_dirs(runs_dir, latest_n)]
    frame = runs_frame(records, names)
    if records:
        missing = [name for name in names if name not in frame.columns]
        if missing and names != ["start"]:
            raise arg_error("order", order, "names of columns of the runs",
                            detail=f"No run has column {', '.join(missing)}.")
        if not missing:
            frame = frame.sort_values(names, ascending=not decreasing, na_position="last", kind="stable")
    if subset is not None:
        if isinstance(subset, str):
            frame = frame.query(subset)
        elif callable(subset):
            frame = frame[subset(frame)]
        else:
            raise arg_error("subset", subset, "a query string or a function of the data frame giving a mask")
    frame = frame.reset_index(drop=True)
    frame.attrs["order"] = None if names == ["start"] else names
    return frame

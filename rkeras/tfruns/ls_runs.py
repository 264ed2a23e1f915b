"""R's ``ls_runs()``: the runs under a directory as a pandas data frame (tfruns 1.5.3)."""

from __future__ import annotations

import os

from ..arguments import as_nullable_integer
from ..errors import arg_error
from ..habits import r_function
from .run_record import list_run_dirs, run_record
from .runs_frame import as_runs_frame, runs_frame

__all__ = ["ls_runs"]


def _as_order(order) -> list[str]:
    names = [order] if isinstance(order, str) else list(order)
    if not names or not all(isinstance(name, str) for name in names):
        raise arg_error("order", order, "a column name or a list of column names")
    return names


@r_function
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
    RunsFrame
        A pandas DataFrame (printed as tfruns prints it, see
        :mod:`rkeras.tfruns.runs_frame`) with tfruns' columns and order:
        ``run_dir`` and the ``order`` columns, then ``eval_*``, ``metric_*``, ``flag_*``, ``samples``,
        ``validation_samples``, ``batch_size``, ``epochs``,
        ``epochs_completed``, ``metrics``, ``model``, ``loss_function``,
        ``optimizer``, ``learning_rate``, ``script``, ``start``, ``end``
        (UTC timestamps), ``completed``, ``output``, ``error_message``,
        ``error_traceback``, ``source_code``, ``context``, ``type``, then any
        other property. ``frame.attrs["order"]`` holds ``order`` (None for
        the default). An empty frame has columns ``run_dir``, ``start``,
        ``end`` and ``type``.

    Differences from R: when no run records a start time the default order
    keeps the newest-name-first order (tfruns failed); a named ``order``
    column that no run has is an error.
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
    return as_runs_frame(frame.reset_index(drop=True), names)

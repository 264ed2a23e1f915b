"""R's ``latest_run()``: the newest run under a runs directory (tfruns 1.5.3)."""

from __future__ import annotations

from ..habits import r_function
from .run_info import as_run_info
from .run_record import list_run_dirs, run_record

__all__ = ["latest_run"]


@r_function
def latest_run(runs_dir="runs"):
    """The newest run (by run directory name) as :class:`~rkeras.tfruns.run_info.RunInfo`, or None.

    R default of ``runs_dir``: ``getOption("tfruns.runs_dir", "runs")``.

    Differences from R: ``start`` and ``end`` are seconds since 1970 as in
    :func:`rkeras.run_info` (tfruns' ``latest_run()`` gave them as dates).
    """
    dirs = list_run_dirs(runs_dir, latest_n=1)
    return as_run_info(run_record(dirs[0])) if dirs else None

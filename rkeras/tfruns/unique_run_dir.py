"""R's ``unique_run_dir()``: a new run directory named by the UTC time (tfruns 1.5.3)."""

from __future__ import annotations

import datetime
import os
import time

from ..arguments import as_integer
from ..errors import arg_error
from ..habits import r_function

__all__ = ["unique_run_dir", "run_dir_name"]


def run_dir_name(now: datetime.datetime, seconds_scale: int = 0) -> str:
    """tfruns' name for a run started at ``now``: ``2024-05-01T09-30-12Z``
    (``%Y-%m-%dT%H-%M-%SZ`` in UTC); with ``seconds_scale`` decimals of the
    seconds (truncated, as R's ``%OSn``): ``2024-05-01T09-30-12.345Z``."""
    now = now.astimezone(datetime.timezone.utc)
    seconds = f"{now.second:02d}"
    if seconds_scale > 0:
        fraction = f"{now.microsecond:06d}".ljust(seconds_scale, "0")[:seconds_scale]
        seconds += "." + fraction
    return now.strftime("%Y-%m-%dT%H-%M-") + seconds + "Z"


@r_function
def unique_run_dir(runs_dir="runs", seconds_scale: int = 0) -> str:
    """Make and return a new run directory under ``runs_dir`` named by the UTC time.

    When the name is taken, waits (half the time resolution) and tries again,
    as tfruns does, so two runs never share a directory.

    Parameters
    ----------
    runs_dir : str
        R default ``getOption("tfruns.runs_dir", "runs")``: here ``"runs"``.
    seconds_scale : int
        Decimals of the seconds in the name. R default 0.
    """
    if not isinstance(runs_dir, (str, os.PathLike)):
        raise arg_error("runs_dir", runs_dir, "a directory path (a string)")
    seconds_scale = as_integer("seconds_scale", seconds_scale, minimum=0)
    if seconds_scale > 6:
        raise arg_error("seconds_scale", seconds_scale, "a whole number from 0 to 6")
    while True:
        path = os.path.join(os.fspath(runs_dir), run_dir_name(datetime.datetime.now(datetime.timezone.utc),
                                                              seconds_scale))
        try:
            os.makedirs(path)
            return path
        except FileExistsError:
            time.sleep(0.5 / 10**seconds_scale)

"""R's ``view_run()`` and ``save_run_view()``: one run as an HTML page (tfruns 1.5.3)."""

from __future__ import annotations

import os
import tempfile

from ..errors import RKerasError
from ..habits import r_function
from .run_info import run_info
from .run_record import list_run_dirs

__all__ = ["view_run", "save_run_view", "page_file"]


def page_file(stem: str) -> str:
    """tfruns' ``viewer_temp_file()``: ``<new temporary directory>/<stem>.html``."""
    return os.path.join(tempfile.mkdtemp(prefix="tfruns-"), stem + ".html")


def _latest(runs_dir) -> str:
    dirs = list_run_dirs(runs_dir, latest_n=1)
    if not dirs:
        raise RKerasError("No runs available in the current directory", "run_dir")
    return dirs[0]


@r_function
def save_run_view(run_dir=None, filename="auto", runs_dir="runs") -> str:
    """Save the page of a run as HTML and return its path.

    Parameters
    ----------
    run_dir : str, optional
        The run (a directory, its name under ``runs_dir``, a
        :func:`rkeras.run_info` result or one row of :func:`rkeras.ls_runs`).
        R default ``latest_run()``.
    filename : str
        Where to save. R default ``"auto"``: ``run-<run name>.html`` in a new
        temporary directory.
    runs_dir : str
        Where the latest run is looked for. R: option ``tfruns.runs_dir``, default ``"runs"``.
    """
    from ..runs import write_atomic
    from .run_page import run_page

    info = run_info(_latest(runs_dir) if run_dir is None else run_dir, runs_dir)
    if isinstance(info, list):
        raise RKerasError(f"`run_dir` should be one run. Got {len(info)} runs.", "run_dir")
    if filename == "auto":
        filename = page_file("run-" + os.path.basename(os.path.normpath(info["run_dir"])))
    filename = os.fspath(filename)
    write_atomic(filename, run_page(info), durable=False)
    return filename


@r_function
def view_run(run_dir=None, viewer=None, runs_dir="runs") -> str:
    """View a training run: its flags, metrics history, evaluation, model summary,
    output and code, as one self-contained HTML page.

    Parameters
    ----------
    run_dir : str, optional
        As :func:`save_run_view`. R default ``latest_run()``.
    viewer : callable or False, optional
        Called with the page's path. R default ``getOption("tfruns.viewer")``
        (a browser). Here None shows the page inline in a notebook and prints
        its ``file://`` address; False only saves it.

    Returns
    -------
    str
        The page's path.

    Differences from R: no browser is started (the address printed opens it).
    """
    from .run_page import show_page

    path = save_run_view(run_dir, runs_dir=runs_dir)
    show_page(path, viewer)
    return path

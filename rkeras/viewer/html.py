"""The live view outside notebooks: a self-contained HTML page on disk.

Two files in the run directory (option ``keras.run_dir``, else ``$RUN_DIR``,
else ``runs/`` under the working directory):

``view_metrics.html``
    The page: styles, script and the metrics inline, so it opens from disk
    (``file://``) with no network and no server. It draws one chart per
    metric (training and validation series, the x axis spanning every epoch
    the fit asked for). While training runs it reloads itself every
    :attr:`HtmlViewer.reload_seconds` seconds, keeping its scroll position;
    once training has ended it stops.
``view_metrics.json``
    The same data for programs: ``{"epochs", "initial_epoch", "running",
    "status", "updated", "metrics": [{"name", "training", "validation"}]}``,
    one value per epoch from ``initial_epoch + 1`` to ``epochs``, ``null``
    where there is none (yet).

Both are replaced atomically (temporary file, then ``os.replace``), so a
browser reloading at any instant reads a complete page. Metric names are
data: they travel inside the JSON (with ``<``, ``>`` and ``&`` escaped) and
the script writes them with ``textContent``, never as markup.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import os
import sys
from importlib import resources

from ..options import run_dir
from .throttle import Throttle

__all__ = ["HtmlViewer", "page_data", "page_html", "PAGE", "DATA"]

PAGE = "view_metrics.html"
DATA = "view_metrics.json"


def _number(value):
    value = float(value)
    return value if math.isfinite(value) else None


def page_data(history, *, running: bool, status: str | None = None, reload_seconds: float = 2.0) -> dict:
    """What the page shows, as JSON-ready data."""
    start = int(history.params.get("initial_epoch") or 0)
    final = history.params.get("epochs")
    rows = history.epochs_trained
    final = start + rows if final is None else max(int(final), start + rows)
    span = final - start

    def column(name):
        values = [_number(v) for v in history.metrics.get(name, [])[:span]]
        return values + [None] * (span - len(values))

    panels = []
    for name in history.metrics:
        bare = name[4:] if name.startswith("val_") else name
        if any(p["name"] == bare for p in panels):
            continue
        panels.append({
            "name": bare,
            "training": column(bare) if bare in history.metrics else None,
            "validation": column("val_" + bare) if "val_" + bare in history.metrics else None,
        })
    return {
        "epochs": final,
        "initial_epoch": start,
        "epochs_trained": rows,
        "running": bool(running),
        "status": status or ("running" if running else "finished"),
        "updated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "reload_ms": int(reload_seconds * 1000),
        "metrics": panels,
    }


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' left as such."""
    text = json.dumps(data, allow_nan=False, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@functools.cache
def _template() -> str:
    folder = resources.files("rkeras.viewer")
    template = folder.joinpath("page.html").read_text(encoding="utf-8")
    script = folder.joinpath("page.js").read_text(encoding="utf-8")
    return template.replace("/*RKERAS_SCRIPT*/", script)


def page_html(data: dict) -> str:
    """The whole page, self-contained."""
    return _template().replace("/*RKERAS_DATA*/", _script_json(data))


class HtmlViewer:
    """Observer of the metrics callback that keeps the HTML page current.

    Parameters
    ----------
    params : dict
        The fit's params.
    directory : str or os.PathLike, optional
        Where to write; default :func:`rkeras.options.run_dir`, else
        ``runs/`` under the working directory (resolved when training starts).
    stream : file, optional
        Where the page's path is printed, once (default ``sys.stdout``).

    Attributes
    ----------
    min_interval, budget : float
        Class attributes for the :class:`~rkeras.viewer.throttle.Throttle`:
        0 s and 0.1 (writing costs about a millisecond, so in practice every
        epoch is written).
    reload_seconds : float
        Class attribute: how often an open page reloads while training runs (2).
    """

    min_interval = 0.0
    budget = 0.1
    reload_seconds = 2.0

    def __init__(self, params: dict, directory=None, stream=None):
        self.params = dict(params)
        self.directory = None if directory is None else os.fspath(directory)
        self.stream = stream
        self.throttle = Throttle(self.min_interval, self.budget)
        self.status = None
        self.path = None

    def on_train_begin(self, history, model=None) -> None:
        directory = self.directory or run_dir() or os.path.join(os.getcwd(), "runs")
        os.makedirs(directory, exist_ok=True)
        self.directory = directory
        self.path = os.path.abspath(os.path.join(directory, PAGE))
        self.write(history, running=True)
        stream = self.stream if self.stream is not None else sys.stdout
        print(f"Viewing metrics live at {_file_url(self.path)}", file=stream, flush=True)

    def on_epoch_end(self, history) -> None:
        if self.throttle.ready():
            self.write(history, running=True)

    def on_train_stopped(self, error) -> None:
        self.status = f"stopped by {type(error).__name__}"

    def on_train_end(self, history) -> None:
        if self.path is not None:
            self.write(history, running=False)

    def write(self, history, *, running: bool) -> None:
        with self.throttle.measure():
            data = page_data(history, running=running, status=None if running else self.status,
                             reload_seconds=self.reload_seconds)
            _replace(os.path.join(self.directory, DATA), json.dumps(data, allow_nan=False, indent=1))
            _replace(self.path, page_html(data))


def _replace(path: str, text: str) -> None:
    """Replace ``path`` atomically, without fsync: a view need not survive a
    power cut (run metadata does, see rkeras.runs)."""
    from ..runs import write_atomic

    write_atomic(path, text, durable=False)


def _file_url(path: str) -> str:
    from pathlib import Path

    return Path(path).as_uri()

"""The page of one run, for ``view_run()`` and ``compare_runs()``.

:func:`view_data` is tfruns' ``run_view_data()``: what the page shows, by
section (Run, Metrics, Evaluation, Flags, Optimization, Training; the error,
the metrics history, the model summary; files, plots and console output;
source code). :func:`run_page` writes it as one self-contained HTML page
built on the live view's page (:mod:`rkeras.viewer.html`): its styles and
its chart script draw the metrics history, the other sections are static
HTML (every text escaped). Nothing is fetched from the network.
"""

from __future__ import annotations

import base64
import datetime
import html
import math
import os
import re

from .run_record import META_DIR
from .source_archive import read_source_archive

__all__ = ["view_data", "run_page", "chart_data", "show_page", "replace_once", "cell_text"]

_STYLE = """<style>
  body { max-width: 980px; }
  h1 .run-dir { color: #555; font-size: 0.8em; margin-left: 0.6em; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 0.8em;
           margin: 0 0 1.2em 0; }
  .card { border: 1px solid #ddd; border-radius: 4px; padding: 0.5em 0.8em; margin: 0 0 1em 0; }
  .card h2 { font-size: 1em; font-weight: bold; margin: 0 0 0.4em 0; }
  .card table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
  .card td { padding: 0.1em 0.3em; vertical-align: top; }
  .card td.name { white-space: nowrap; }
  .card td.value { overflow-wrap: anywhere; }
  .card td.value { text-align: right; font-family: "DejaVu Sans Mono", Menlo, monospace; }
  pre { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.8em; overflow-x: auto;
        background: #f7f7f7; padding: 0.6em; margin: 0; }
  .error { border-color: #d9534f; }
  .error h2, .error .message { color: #b52b27; }
  .plots img { max-width: 100%; }
</style>
"""


def _format_numeric(value, digits: int = 4):
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


def _format_integer(value):
    return None if value is None else f"{int(value):,}"


def _seconds(value):
    """Seconds since 1970 from a number or a pandas timestamp (ls_runs() rows)."""
    if value is None:
        return None
    if hasattr(value, "timestamp"):
        return value.timestamp()
    value = float(value)
    return None if math.isnan(value) else value


def _prefixed(info: dict, prefix: str, strip: bool = True) -> dict | None:
    found = {(name[len(prefix) + 1:] if strip else name): value for name, value in info.items()
             if name.startswith(prefix + "_") and not _missing(value)}
    return found or None


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _training(info: dict) -> dict | None:
    unit = next((u for u in ("steps", "epochs") if not _missing(info.get(u))), "steps")
    training = {}
    for name in ("samples", "validation_samples"):
        if not _missing(info.get(name)):
            training[name] = _format_integer(info[name])
    total, done = info.get(unit), info.get(unit + "_completed")
    if not _missing(total) and not _missing(done):
        training[unit] = (f"{_format_integer(done)}/{_format_integer(total)}" if total > done
                          else _format_integer(total))
    if not _missing(info.get("batch_size")):
        training["batch_size"] = _format_integer(info["batch_size"])
    return training or None


def view_data(info: dict) -> dict:
    """tfruns' ``run_view_data()`` for one run (a :func:`rkeras.run_info` result)."""
    run_dir = info["run_dir"]
    start, end = _seconds(info.get("start")), _seconds(info.get("end"))
    attributes = {"context": info.get("context"), "script": os.path.basename(info.get("script") or "")}
    if start is not None:
        attributes["started"] = datetime.datetime.fromtimestamp(start, datetime.timezone.utc) \
            .strftime("%Y-%m-%d %H:%M:%S") + " GMT"
        if end is not None:
            elapsed = int(max(0.0, end - start))
            attributes["time"] = f"{elapsed // 3600:02d}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}"
    metrics = _prefixed(info, "metric")
    optimization = {key: info[name] for key, name in (("loss", "loss_function"), ("optimizer", "optimizer"),
                                                      ("lr", "learning_rate")) if not _missing(info.get(name))}
    model = info.get("model")
    if isinstance(model, str):
        model = re.sub(r"^_+\n", "", re.sub(r"^Model\n", "", model))
    files = sorted(name for name in os.listdir(run_dir) if name not in (META_DIR, "plots", "logs")) \
        if os.path.isdir(run_dir) else []
    plots_dir = os.path.join(run_dir, "plots")
    plots = [os.path.join(plots_dir, name) for name in sorted(os.listdir(plots_dir))
             if name.lower().endswith(".png")] if os.path.isdir(plots_dir) else []
    history = info.get("metrics")
    data = {
        "run_dir": os.path.basename(os.path.normpath(run_dir)),
        "attributes": attributes,
        "metrics": {k: _format_numeric(v) for k, v in metrics.items()} if metrics else None,
        "evaluation": _prefixed(info, "eval", strip=False),
        "flags": _prefixed(info, "flag"),
        "optimization": optimization or None,
        "training": _training(info),
        "error": {"message": info.get("error_message"), "traceback": info.get("error_traceback")}
        if not _missing(info.get("error_message")) else None,
        "history": history if hasattr(history, "columns") else None,
        "model": model if isinstance(model, str) else None,
        "files": [{"name": name, "directory": os.path.isdir(os.path.join(run_dir, name))} for name in files] or None,
        "plots": plots or None,
        "output": info.get("output") if isinstance(info.get("output"), str) else None,
        "source_code": read_source_archive(os.path.join(run_dir, META_DIR, "source.tar.gz"),
                                           attributes["script"]),
    }
    return data


def chart_data(info: dict, data: dict) -> dict:
    """The live view's page data (:func:`rkeras.viewer.html.page_data`) for the run's metrics history."""
    from ..history import KerasTrainingHistory
    from ..viewer.html import page_data

    frame = data["history"]
    columns = {} if frame is None else {name: [float(v) for v in frame[name]] for name in frame.columns
                                       if name != "epoch"}
    total = max((len(v) for v in columns.values()), default=0)
    trained = max((i + 1 for v in columns.values() for i, x in enumerate(v) if not math.isnan(x)), default=0)
    initial = info.get("initial_epoch")
    initial = 0 if _missing(initial) else int(initial)
    history = KerasTrainingHistory({"epochs": initial + total, "initial_epoch": initial},
                                   {name: values[:trained] for name, values in columns.items()})
    completed = info.get("completed")
    chart = page_data(history, running=False, status="completed" if completed is True else "stopped")
    end = _seconds(info.get("end"))
    if end is not None:
        chart["updated"] = datetime.datetime.fromtimestamp(end, datetime.timezone.utc).isoformat(timespec="seconds")
    return chart


def replace_once(page: str, old: str, new: str) -> str:
    """Replace the one ``old`` of the live view's page; a page without it is a bug (the page changed)."""
    if page.count(old) != 1:
        raise RuntimeError(f"The live view page (rkeras/viewer/page.html) no longer has {old!r} once.")
    return page.replace(old, new)


def _table(values: dict) -> str:
    rows = "".join(f'<tr><td class="name">{html.escape(str(k))}</td>'
                   f'<td class="value">{html.escape(cell_text(v))}</td></tr>' for k, v in values.items())
    return f"<table>{rows}</table>"


def cell_text(value) -> str:
    """A value as the page writes it: R's TRUE/FALSE and R's 15 significant digits."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        from .rvalues import format_double

        return format_double(value)
    return str(value)


def _png_uri(path: str) -> str:
    with open(path, "rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode("ascii")


def _card(caption: str, body: str, css: str = "card", anchor: str | None = None) -> str:
    anchor = f' id="{anchor}"' if anchor else ""
    return f'<section class="{css}"{anchor}><h2>{html.escape(caption)}</h2>{body}</section>\n'


def _pre(text: str, css: str = "") -> str:
    return f'<pre class="{css}">{html.escape(text)}</pre>'


def run_page(info: dict) -> str:
    """The self-contained HTML page of one run."""
    from ..viewer.html import page_html

    data = view_data(info)
    cards = "".join(_card(caption, _table(data[key]), anchor=key) for caption, key in (
        ("Run", "attributes"), ("Metrics", "metrics"), ("Evaluation", "evaluation"), ("Flags", "flags"),
        ("Optimization", "optimization"), ("Training", "training")) if data[key])
    main = ""
    if data["error"]:
        main += _card("Error", f'<p class="message">{html.escape(str(data["error"]["message"]))}</p>'
                      + _pre(str(data["error"]["traceback"] or ""), "traceback"), "card error", "error")
    hidden = "" if data["history"] is not None and len(data["history"]) else " hidden"
    main += f'<section class="card" id="history"{hidden}><h2>History</h2><div id="charts"></div></section>\n'
    if data["model"]:
        main += _card("Model", _pre(data["model"], "model-summary"), anchor="model")
    if data["files"]:
        items = "".join(f"<li>{html.escape(f['name'])}{'/' if f['directory'] else ''}</li>" for f in data["files"])
        main += _card("Files", f"<ul>{items}</ul>", anchor="files")
    if data["plots"]:
        images = "".join(f'<img alt="{html.escape(os.path.basename(p))}" src="{_png_uri(p)}">' for p in data["plots"])
        main += _card("Plots", f'<div class="plots">{images}</div>', anchor="plots")
    if data["output"]:
        main += _card("Console", _pre(data["output"], "output"), anchor="output")
    for name, text in data["source_code"].items():
        main += _card(name, _pre(text, "source"), anchor=None)
    page = page_html(chart_data(info, data))
    name = html.escape(data["run_dir"])
    page = replace_once(page, "<title>rkeras: training metrics</title>", f"<title>Training Run: {name}</title>")
    page = replace_once(page, "</head>", _STYLE + "</head>")
    page = replace_once(page, "<h1>Training metrics</h1>",
                        f'<h1>Training Run<span class="run-dir">{name}</span></h1>')
    page = re.sub(r"<noscript><p>.*?</p></noscript>",
                  "<noscript><p>The metrics history is drawn with JavaScript.</p></noscript>", page, count=1)
    return replace_once(page, '<div id="charts"></div>', f'<div class="cards">{cards}</div>\n{main}')


def show_page(path: str, viewer=None) -> None:
    """Show a saved page: ``viewer(path)`` when given; in a notebook, inline;
    else print its ``file://`` address (R opened a browser)."""
    from pathlib import Path

    if callable(viewer):
        viewer(path)
        return
    if viewer is False:
        return
    from .. import environment

    if environment.context() == "notebook":
        from IPython.display import HTML, display

        with open(path, encoding="utf-8") as handle:
            page = handle.read()
        display(HTML(f'<div><iframe srcdoc="{html.escape(page, quote=True)}" '
                     'style="width:100%;height:900px;border:0"></iframe></div>'))
    print(f"Run view: {Path(path).resolve().as_uri()}")


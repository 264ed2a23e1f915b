"""R's ``compare_runs()`` and ``save_run_comparison()``: two runs side by side (tfruns 1.5.3).

The page shows what differs (flags, and each source file as a unified
diff), a table of the flags, metrics and evaluation of both runs, and the
two runs' own pages (:func:`rkeras.view_run`) side by side, the earlier run
on the left. It is self-contained: each run's page is embedded whole
(``<iframe srcdoc>``), nothing is fetched.
"""

from __future__ import annotations

import difflib
import html
import os

from ..errors import RKerasError
from ..habits import r_function
from .run_info import run_info
from .run_page import cell_text, run_page, view_data
from .view_run import page_file

__all__ = ["compare_runs", "save_run_comparison", "run_diffs"]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Comparing runs: {a} and {b}</title>
<style>
  body {{ font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 1em; color: #222; }}
  h1 {{ font-size: 1.2em; font-weight: normal; }}
  h2 {{ font-size: 1em; }}
  table {{ border-collapse: collapse; font-size: 0.9em; margin-bottom: 1em; }}
  th, td {{ border-bottom: 1px solid #ddd; padding: 0.2em 0.8em; text-align: left; }}
  td.differs {{ background: #fff3cd; }}
  pre {{ font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.8em; background: #f7f7f7;
         padding: 0.6em; overflow-x: auto; }}
  .added {{ color: #1a7f37; }} .removed {{ color: #cf222e; }}
  .runs {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }}
  iframe {{ width: 100%; height: 1400px; border: 1px solid #ddd; }}
</style>
</head>
<body>
<h1>Comparing runs <b>{a}</b> (left) and <b>{b}</b> (right)</h1>
{table}
{diffs}
<div class="runs">
<iframe id="run_a" title="{a}" srcdoc="{page_a}"></iframe>
<iframe id="run_b" title="{b}" srcdoc="{page_b}"></iframe>
</div>
<script>
document.querySelectorAll("iframe").forEach(function (frame) {{
  frame.addEventListener("load", function () {{
    try {{ frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 20) + "px"; }} catch (e) {{}}
  }});
}});
</script>
</body>
</html>
"""


def _flags_text(flags: dict | None) -> str:
    return "".join(f"{name}: {value}\n" for name, value in (flags or {}).items())


def run_diffs(data_a: dict, data_b: dict) -> dict[str, tuple[str, str]]:
    """tfruns' ``run_diffs()``: name -> (text of run a, text of run b) for the flags
    (``FLAGS``) and each source file that differ."""
    diffs = {}
    flags_a, flags_b = _flags_text(data_a["flags"]), _flags_text(data_b["flags"])
    if flags_a != flags_b:
        diffs["FLAGS"] = (flags_a, flags_b)
    sources_a, sources_b = data_a["source_code"], data_b["source_code"]
    for name in list(sources_a) + [n for n in sources_b if n not in sources_a]:
        a, b = sources_a.get(name, ""), sources_b.get(name, "")
        if a != b:
            diffs[name] = (a, b)
    return diffs


def _diff_html(name: str, a: str, b: str, run_a: str, run_b: str) -> str:
    lines = []
    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), run_a, run_b, lineterm=""):
        css = "added" if line.startswith("+") else "removed" if line.startswith("-") else ""
        lines.append(f'<span class="{css}">{html.escape(line)}</span>' if css else html.escape(line))
    return f"<h2>{html.escape(name)}</h2><pre>" + "\n".join(lines) + "</pre>"


def _table(data_a: dict, data_b: dict) -> str:
    rows = []
    for section, prefix in (("flags", "flag_"), ("metrics", "metric_"), ("evaluation", "")):
        a, b = data_a[section] or {}, data_b[section] or {}
        for name in list(a) + [n for n in b if n not in a]:
            va, vb = (cell_text(side[name]) if name in side else "" for side in (a, b))
            css = ' class="differs"' if va != vb else ""
            rows.append(f"<tr><td>{html.escape(prefix + name)}</td><td{css}>{html.escape(va)}</td>"
                        f"<td{css}>{html.escape(vb)}</td></tr>")
    if not rows:
        return ""
    head = (f"<tr><th></th><th>{html.escape(data_a['run_dir'])}</th>"
            f"<th>{html.escape(data_b['run_dir'])}</th></tr>")
    return f'<table id="comparison">{head}{"".join(rows)}</table>'


@r_function
def save_run_comparison(runs=None, filename="auto", runs_dir="runs") -> str:
    """Save the comparison of two runs as HTML and return its path.

    Parameters
    ----------
    runs : list or pandas.DataFrame, optional
        Two runs (directories, names under ``runs_dir``, :func:`rkeras.run_info`
        results) or a data frame of two rows from :func:`rkeras.ls_runs`. R
        default ``ls_runs(latest_n = 2)``.
    filename : str
        R default ``"auto"``: ``compare-runs-<a>-<b>.html`` in a new temporary directory.
    runs_dir : str
        R: option ``tfruns.runs_dir``, default ``"runs"``.
    """
    from ..runs import write_atomic
    from .ls_runs import ls_runs

    if runs is None:
        runs = ls_runs(latest_n=2, runs_dir=runs_dir)
    single = isinstance(runs, (str, os.PathLike, dict))
    infos = run_info(runs, runs_dir) if single or len(runs) else []
    infos = infos if isinstance(infos, list) else [infos]
    if len(infos) != 2:
        raise RKerasError(f"You must pass 2 run directories to compare_runs. Got {len(infos)}.", "runs")
    infos.sort(key=lambda info: info.get("start") or 0)  # earlier run on the left
    data = [view_data(info) for info in infos]
    names = [d["run_dir"] for d in data]
    if filename == "auto":
        filename = page_file("compare-runs-" + "-".join(names))
    diffs = run_diffs(*data)
    page = _PAGE.format(
        a=html.escape(names[0]), b=html.escape(names[1]), table=_table(*data),
        diffs="".join(_diff_html(name, a, b, *names) for name, (a, b) in diffs.items()),
        page_a=html.escape(run_page(infos[0]), quote=True), page_b=html.escape(run_page(infos[1]), quote=True))
    filename = os.fspath(filename)
    write_atomic(filename, page, durable=False)
    return filename


@r_function
def compare_runs(runs=None, viewer=None, runs_dir="runs") -> str:
    """Compare two training runs side by side, the earlier on the left.

    Parameters
    ----------
    runs : list or pandas.DataFrame, optional
        As :func:`save_run_comparison`. R default ``ls_runs(latest_n = 2)``.
    viewer : callable or False, optional
        As :func:`rkeras.view_run`.

    Returns
    -------
    str
        The page's path.
    """
    from .run_page import show_page

    path = save_run_comparison(runs, runs_dir=runs_dir)
    show_page(path, viewer)
    return path

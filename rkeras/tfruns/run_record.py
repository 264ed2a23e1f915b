"""Reading one run directory in tfruns' layout: tfruns' ``run_record()``.

A run directory holds ``tfruns.d/`` with ``properties/`` (one plain-text
file per property), ``metrics.json``, ``evaluation.json``, ``flags.json``,
``error.json`` and ``source.tar.gz``. :func:`run_record` turns it into one
row of :func:`rkeras.ls_runs`, with tfruns 1.5.3's columns:

* ``run_dir``, then every property (``type`` defaults to ``"training"``,
  ``context`` to ``"local"``; ``start``, ``end``, ``learning_rate`` are
  numbers, ``samples``, ``validation_samples``, ``epochs``, ``steps``,
  ``batch_size`` integers, ``completed`` a bool);
* ``eval_<name>`` for each value of ``evaluation.json``;
* ``metric_<name>``: the last value of each metric of ``metrics.json`` (its
  ``null`` padding skipped), and ``epochs_completed`` (``steps_completed``
  when the run has a ``steps`` property or no ``epochs`` property);
* ``flag_<name>`` for each flag of ``flags.json``;
* ``error_message`` and ``error_traceback`` from ``error.json``;
* ``metrics`` and ``source_code``: the paths of ``metrics.json`` and
  ``source.tar.gz``.

:func:`column_order` is tfruns' ``return_runs()`` order of those columns.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..errors import RKerasError
from ..runs import META_DIR
from .rvalues import as_double, as_integer

__all__ = ["META_DIR", "run_record", "column_order", "as_run_dir", "list_run_dirs", "read_metrics"]


STEPS_UNITS = ("steps", "epochs")
_NUMERIC = ("start", "end", "learning_rate", "cloudml_ml_units")
_INTEGER = ("samples", "validation_samples", "steps", "epochs", "batch_size", "cloudml_created", "cloudml_start",
            "cloudml_end")


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return "\n".join(handle.read().splitlines())  # R: paste(readLines(f), collapse = "\n")


def _read_json(path: str):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _integer(text: str):
    value, _ = as_integer(text)
    return value


def _logical(text: str):
    if text in ("TRUE", "true", "yes", "1"):
        return True
    if text in ("FALSE", "false", "no", "0"):
        return False
    return None


def read_properties(meta: str) -> dict[str, Any]:
    """tfruns' properties of a run: one file each, typed as tfruns types them."""
    folder = os.path.join(meta, "properties")
    if not os.path.isdir(folder):
        return {}
    values: dict[str, Any] = {name: _read_text(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
                              if not name.startswith(".") and os.path.isfile(os.path.join(folder, name))}
    if values.get("type") in (None, "local"):
        values["type"] = "training"
    values.setdefault("context", "local")
    for name in _NUMERIC:
        if name in values:
            values[name] = as_double(values[name])
    for name in _INTEGER:
        if name in values:
            values[name] = _integer(values[name])
    if "completed" in values:
        values["completed"] = _logical(values["completed"])
    return values


def _prefixed(data, prefix: str) -> dict[str, Any]:
    if isinstance(data, dict):
        return {f"{prefix}_{name}": value for name, value in data.items()}
    if isinstance(data, list) and data:  # an unnamed array (R keras 2.15's evaluation.json): tfruns' names
        return {(f"{prefix}_" if i == 0 else "NA." + (f".{i - 1}" if i > 1 else "")): value
                for i, value in enumerate(data)}
    return {}


def read_metrics(meta: str) -> dict[str, list] | None:
    """``metrics.json`` as name -> list of values (None where tfruns has NA)."""
    path = os.path.join(meta, "metrics.json")
    if not os.path.isfile(path):
        return None
    data = _read_json(path)
    return {str(name): (values if isinstance(values, list) else [values]) for name, values in data.items()} \
        if isinstance(data, dict) else {}


def _steps_unit(columns: dict) -> str:
    for unit in STEPS_UNITS:
        if columns.get(unit) is not None:
            return unit
    return "steps"


def run_record(run_dir) -> dict[str, Any]:
    """One run as a dict of tfruns' columns (in the order tfruns reads them)."""
    run_dir = os.fspath(run_dir)
    if not os.path.isdir(run_dir):
        raise RKerasError(f"Run directory {run_dir} does not exist", "run_dir")
    meta = os.path.join(run_dir, META_DIR)
    columns: dict[str, Any] = {"run_dir": run_dir}
    columns.update(read_properties(meta))
    evaluation = os.path.join(meta, "evaluation.json")
    if os.path.isfile(evaluation):
        columns.update(_prefixed(_read_json(evaluation), "eval"))
    completed = 0
    for name, values in (read_metrics(meta) or {}).items():
        if name == "epoch":
            continue
        available = [v for v in values if v is not None]
        completed = len(available)
        if available:
            columns[f"metric_{name}"] = available[-1]
    columns[_steps_unit(columns) + "_completed"] = completed
    flags_path = os.path.join(meta, "flags.json")
    if os.path.isfile(flags_path):
        columns.update(_prefixed(_read_json(flags_path), "flag"))
    error_path = os.path.join(meta, "error.json")
    if os.path.isfile(error_path):
        error = _read_json(error_path)
        columns["error_message"] = error.get("message")
        traceback = error.get("traceback")
        columns["error_traceback"] = "\n".join(map(str, traceback)) if isinstance(traceback, list) else traceback
    if os.path.isfile(os.path.join(meta, "metrics.json")):
        columns["metrics"] = os.path.join(meta, "metrics.json")
    if os.path.isfile(os.path.join(meta, "source.tar.gz")):
        columns["source_code"] = os.path.join(meta, "source.tar.gz")
    return columns


def column_order(columns, order=None) -> list[str]:
    """tfruns' ``return_runs()`` column order: run_dir (and ``order`` columns) first,
    then eval_*, metric_*, flag_*, training properties, model, script, times,
    output and errors, source, context and type, then anything else."""
    columns = list(columns)
    present = set(columns)

    def pick(*names):
        return [name for name in names if name in present]

    def prefixed(prefix):
        return [name for name in columns if name.startswith(prefix + "_")]

    ordered = prefixed("eval") + prefixed("metric") + prefixed("flag")
    ordered += pick("samples", "validation_samples", "batch_size")
    for unit in STEPS_UNITS:
        ordered += pick(unit, unit + "_completed")
    ordered += pick("metrics", "model", "loss_function", "optimizer", "learning_rate", "script", "source",
                    "start", "end", "completed", "output", "error_message", "error_traceback", "source_code",
                    "context", "type")
    ordered += [name for name in columns if name not in ordered]
    order = [] if order is None or list(order) == ["start"] else list(order)
    first = pick("run_dir") + [name for name in order if name != "run_dir" and name in present]
    first = list(dict.fromkeys(first))
    return first + [name for name in ordered if name not in first]


def list_run_dirs(runs_dir="runs", latest_n: int | None = None) -> list[str]:
    """The run directories under ``runs_dir`` (those holding ``tfruns.d``), newest name first."""
    runs_dir = os.fspath(runs_dir)
    if not os.path.isdir(runs_dir):
        return []
    names = sorted((name for name in os.listdir(runs_dir) if os.path.isdir(os.path.join(runs_dir, name, META_DIR))),
                   reverse=True)
    if latest_n is not None:
        names = names[:latest_n]
    return [os.path.join(runs_dir, name) for name in names]


def as_run_dir(x, runs_dir="runs") -> list[str]:
    """tfruns' ``as_run_dir()``: run directories from paths, names under ``runs_dir``,
    :func:`rkeras.run_info` results or an :func:`rkeras.ls_runs` data frame."""
    if isinstance(x, (str, os.PathLike)):
        x = [os.fspath(x)]
    elif isinstance(x, dict):
        if "run_dir" not in x:
            raise RKerasError("List does not contain a run_dir", "run_dir")
        x = [x["run_dir"]]
    elif hasattr(x, "columns"):
        if "run_dir" not in x.columns:
            raise RKerasError("Data frame does not contain a run_dir", "run_dir")
        x = list(x["run_dir"])
    else:
        x = [item["run_dir"] if isinstance(item, dict) else os.fspath(item) for item in x]
    if all(os.path.isdir(path) for path in x):
        return x
    under = [os.path.join(os.fspath(runs_dir), path) for path in x]
    return under if all(os.path.isdir(path) for path in under) else x

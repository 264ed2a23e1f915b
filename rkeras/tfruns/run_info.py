"""R's ``run_info()``: everything recorded about one run (tfruns 1.5.3)."""

from __future__ import annotations

import json

from ..habits import r_function
from .run_record import META_DIR, as_run_dir, column_order, read_metrics, run_record

__all__ = ["run_info", "RunInfo"]


class RunInfo(dict):
    """One run (R: ``tfruns_run``): a dict of tfruns' columns, read as items or
    attributes (``info.run_dir``, R's ``info$run_dir``).

    ``metrics`` is the metrics as a pandas data frame (one column per metric,
    one row per epoch, NaN where an epoch was not trained), ``start`` and
    ``end`` are seconds since 1970 (UTC), as in tfruns.
    """

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"The run has no {name!r}") from None

    def __repr__(self) -> str:
        """R's print of a run: ``str()`` of its fields, long ones summarised."""
        short = {"metrics": "(metrics data frame)", "model": "(model summary)",
                 "source_code": "(source archive)", "output": "(script output)"}
        width = max((len(name) for name in self), default=0)
        lines = []
        for name, value in self.items():
            shown = short[name] if name in short and value is not None else value
            lines.append(f" $ {name.ljust(width)}: {str_value(shown)}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def str_value(value) -> str:
    """One value as R's ``str()`` shows it: ``chr "train.py"``, ``num 0.0887``, ``int 6``, ``logi TRUE``."""
    import math
    import numbers

    from .rvalues import is_bool

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "logi NA"
    if is_bool(value):
        return "logi TRUE" if value else "logi FALSE"
    if isinstance(value, numbers.Integral):
        return f"int {int(value)}"
    if isinstance(value, numbers.Real):
        return f"num {float(value):.3g}"
    if hasattr(value, "strftime"):
        return f'POSIXct[1:1], format: "{value.strftime("%Y-%m-%d %H:%M:%S")}"'
    text = str(value)
    if len(text) > 128:
        text = text[:128] + "| __truncated__"
    return "chr " + json.dumps(text, ensure_ascii=False)


def as_run_info(record: dict) -> RunInfo:
    """A run record as :class:`RunInfo`, in tfruns' column order, metrics as a data frame."""
    import math
    import os

    import pandas as pd

    info = RunInfo((name, record[name]) for name in column_order(record))
    metrics = read_metrics(os.path.join(info["run_dir"], META_DIR)) if info.get("metrics") else None
    if metrics is not None:
        rows = max((len(v) for v in metrics.values()), default=0)
        info["metrics"] = pd.DataFrame({name: [math.nan if v is None else float(v) for v in values]
                                        + [math.nan] * (rows - len(values)) for name, values in metrics.items()})
    return info


@r_function
def run_info(run_dir, runs_dir="runs"):
    """Summary of a training run.

    Parameters
    ----------
    run_dir : str, RunInfo, list or pandas.DataFrame
        A run directory (or its name under ``runs_dir``), several of them,
        or a data frame from :func:`rkeras.ls_runs`.
    runs_dir : str
        Where run names are looked up. R: option ``tfruns.runs_dir``, default ``"runs"``.

    Returns
    -------
    RunInfo or list of RunInfo
        One :class:`RunInfo` for one run; a list for several (an empty list for none).
    """
    dirs = as_run_dir(run_dir, runs_dir)
    infos = [as_run_info(run_record(path)) for path in dirs]
    return infos[0] if len(infos) == 1 else infos

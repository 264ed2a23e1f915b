"""The data frame of runs that ``ls_runs()``, ``training_run()`` and ``tuning_run()`` return.

:func:`runs_frame` puts run records (:func:`rkeras.tfruns.run_record.run_record`)
in one pandas data frame with tfruns' column order and the times as UTC
dates. It is a :class:`RunsFrame`: a plain pandas ``DataFrame`` in every way
(what you select from it is a plain ``DataFrame``) except its printed text,
which is tfruns' print of ``ls_runs()``: "No training runs found." for none,
the run's fields for one, else a header ``Data frame: <rows> x <columns>``,
the columns ``run_dir``, the ``order`` columns, ``eval_*`` and ``metric_*``
for the first 10 runs, and the names of the other columns. In a notebook the
whole frame shows as pandas shows it.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from .run_record import column_order

__all__ = ["RunsFrame", "runs_frame"]

DATES = ("start", "end", "cloudml_created", "cloudml_start", "cloudml_end")


class RunsFrame(pd.DataFrame):
    """A pandas DataFrame of runs that prints as tfruns prints ``ls_runs()``."""

    @property
    def _constructor(self):  # selections and results are plain data frames
        return pd.DataFrame

    def __repr__(self) -> str:
        if len(self) == 0:
            return "No training runs found."
        if len(self) == 1:
            from .run_info import RunInfo

            return repr(RunInfo((name, _value(value)) for name, value in self.iloc[0].items()))
        columns = list(self.columns)
        order = self.attrs.get("order") or []
        shown = list(dict.fromkeys(["run_dir", *order] + [c for c in columns if c.startswith(("eval_", "metric_"))]))
        shown = [c for c in shown if c in columns]
        others = [c for c in columns if c not in shown]
        lines = [f"Data frame: {len(self)} x {len(columns)} "]
        lines.append(pd.DataFrame(self[shown]).head(10).to_string())
        notes = []
        if len(self) > 10:
            notes.append(f"# ... with {len(self) - 10} more rows")
        if others:
            notes.append(f"# ... with {len(others)} more columns:")
            notes.append(textwrap.fill(", ".join(others), width=76, initial_indent="#   ",
                                       subsequent_indent="#   ", break_on_hyphens=False))
        return "\n".join(lines + notes)

    def __str__(self) -> str:
        return repr(self)


def _value(value):
    return None if value is None or (isinstance(value, float) and value != value) else value


def runs_frame(records: list[dict], order=None) -> RunsFrame:
    """Run records as one data frame with tfruns' column order (``return_runs``), times as UTC dates."""
    if records:
        frame = pd.DataFrame.from_records(records)
    else:
        frame = pd.DataFrame({"type": pd.Series(dtype=object), "run_dir": pd.Series(dtype=object),
                              "start": pd.Series(dtype=float), "end": pd.Series(dtype=float)})
    frame = frame[column_order(frame.columns, order)]
    for name in DATES:
        if name in frame.columns:
            frame[name] = pd.to_datetime(pd.to_numeric(frame[name], errors="coerce"), unit="s", utc=True)
    return as_runs_frame(frame, order)


def as_runs_frame(frame, order=None) -> RunsFrame:
    """``frame`` as a :class:`RunsFrame` remembering its ``order`` (None for the default, start)."""
    result = RunsFrame(frame)
    result.attrs["order"] = None if order is None or list(order) == ["start"] else list(order)
    return result

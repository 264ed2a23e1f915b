"""The training history that ``fit()`` returns, with R's print and data frame.

Epochs the user sees are 1-based (as R prints them); ``params["initial_epoch"]``
is 0-based, as the argument of ``fit()``. The conversion is made here, once.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Sequence

__all__ = ["KerasTrainingHistory", "as_data_frame", "combine_histories", "format_number"]


def format_number(value: float, digits: int = 4) -> str:
    """R's ``prettyNum(x, big.mark = ",", digits = 4, scientific = FALSE)``.

    At least ``digits`` significant digits, never fewer integer digits than the
    number has, trailing zeros dropped, thousands separated by commas.
    """
    if value is None:
        return "NA"
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


class KerasTrainingHistory:
    """What ``fit()`` returns: R's ``keras_training_history``.

    Attributes
    ----------
    params : dict
        ``epochs`` (the final epoch, as given to ``fit()``), ``initial_epoch``,
        ``steps``, ``samples``, ``validation_samples``, ``batch_size``,
        ``verbose``. ``samples`` is None when it cannot be known (datasets,
        generators).
    metrics : dict of str to list of float
        Every key Keras logged, in order of first appearance, one value per
        epoch trained, NaN where a key was not logged in an epoch.

    ``history`` (same as ``metrics``) and ``epoch`` (0-based indices of the
    epochs trained) keep Keras' ``History`` habits working.
    """

    def __init__(self, params: Mapping | None = None, metrics: Mapping[str, Sequence[float]] | None = None):
        self.params = dict(params or {})
        self.params.setdefault("initial_epoch", 0)
        metrics = {str(k): [float(v) for v in vals] for k, vals in (metrics or {}).items()}
        rows = max((len(v) for v in metrics.values()), default=0)
        self.metrics = {k: v + [math.nan] * (rows - len(v)) for k, v in metrics.items()}
        self.model = None

    # -- Keras habits ---------------------------------------------------------
    @property
    def history(self) -> dict[str, list[float]]:
        """Keras' name for :attr:`metrics`."""
        return self.metrics

    @property
    def epochs_trained(self) -> int:
        """How many epochs were actually trained (fewer than asked after early stopping)."""
        return max((len(v) for v in self.metrics.values()), default=0)

    @property
    def epoch(self) -> list[int]:
        """0-based indices of the epochs trained, as Keras' ``History.epoch``."""
        start = int(self.params.get("initial_epoch") or 0)
        return list(range(start, start + self.epochs_trained))

    # -- R's print ------------------------------------------------------------
    def __str__(self) -> str:
        params = self.params
        lines = []
        epochs = self.epochs_trained
        if params.get("samples") is not None:
            line = f"Trained on {format_number(params['samples'])} samples"
            if params.get("validation_samples") is not None:
                line += f", validated on {format_number(params['validation_samples'])} samples"
            batch = params.get("batch_size")
            line += f" (batch_size={'NULL' if batch is None else format_number(batch)}, epochs={format_number(epochs)})"
            lines.append(line)
        lines.append("Final epoch (plot to see history):")
        if epochs and self.metrics:
            width = max(len(name) for name in self.metrics)
            for name, values in self.metrics.items():
                lines.append(f"{name:>{width}}: {format_number(values[epochs - 1])}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython plain text
        printer.text(str(self))

    def _repr_html_(self) -> str:
        """Notebooks: R's print text (escaped, in ``<pre>``) and a small plot."""
        from .viewer.notebook import history_html

        return history_html(self)

    # -- R's as.data.frame ----------------------------------------------------
    def to_data_frame(self):
        """R's ``as.data.frame(history)``: the long data frame.

        Columns ``epoch`` (1-based int), ``value`` (float), ``metric``
        (categorical, ``val_`` removed, levels in order of first appearance)
        and ``data`` (categorical: ``training``, ``validation``). Rows cover
        epochs ``initial_epoch + 1`` to ``params["epochs"]``; epochs never run
        (early stopping) have NaN values.

        Differences from R keras 2.15: values sit at their true epoch numbers
        after ``initial_epoch > 0`` (R numbered them 1, 2, ...).
        """
        import numpy as np
        import pandas as pd

        start = int(self.params.get("initial_epoch") or 0)
        final = self.params.get("epochs")
        final = start + self.epochs_trained if final is None else max(int(final), start + self.epochs_trained)
        epochs = np.arange(start + 1, final + 1, dtype=np.int64)
        names = list(self.metrics)
        bare = [n[4:] if n.startswith("val_") else n for n in names]
        levels = list(dict.fromkeys(bare))
        values = []
        for name in names:
            column = np.full(len(epochs), np.nan)
            recorded = self.metrics[name][: len(epochs)]
            column[: len(recorded)] = recorded
            values.append(column)
        n = len(epochs)
        frame = pd.DataFrame(
            {
                "epoch": np.tile(epochs, len(names)) if names else np.array([], dtype=np.int64),
                "value": np.concatenate(values) if values else np.array([], dtype=float),
                "metric": pd.Categorical(np.repeat(bare, n) if names else [], categories=levels),
                "data": pd.Categorical(
                    np.repeat(["validation" if nm.startswith("val_") else "training" for nm in names], n)
                    if names
                    else [],
                    categories=["training", "validation"],
                ),
            }
        )
        return frame

    # -- plot (drawing lives in rkeras.plotting) ------------------------------
    def plot(self, metrics=None, method="auto", smooth=None, theme_bw=None, **kwargs):
        """R's ``plot(history)``; see :func:`rkeras.plot_history`."""
        from .plotting import plot_history

        return plot_history(self, metrics=metrics, method=method, smooth=smooth, theme_bw=theme_bw, **kwargs)

    # -- combining ------------------------------------------------------------
    def __add__(self, other: "KerasTrainingHistory") -> "KerasTrainingHistory":
        if not isinstance(other, KerasTrainingHistory):
            return NotImplemented
        return combine_histories([self, other])


def as_data_frame(history: KerasTrainingHistory):
    """R's ``as.data.frame(history)``: see :meth:`KerasTrainingHistory.to_data_frame`."""
    if not isinstance(history, KerasTrainingHistory):
        from .errors import arg_error

        raise arg_error("x", history, "a training history returned by rkeras.fit()")
    return history.to_data_frame()


def combine_histories(histories: Iterable[KerasTrainingHistory]) -> KerasTrainingHistory:
    """One history from the histories of successive ``fit()`` calls on one model.

    A history that resumes (``initial_epoch`` at the previous final epoch or
    later) keeps its true epoch numbers; one that starts over (a loop calling
    ``fit(epochs=1)``) is numbered on from where the previous one ended. Epochs
    never run inside the span (a gap) are NaN rows. Metric keys are the union,
    in order of first appearance. ``params`` (samples, validation samples,
    batch size, ...) are those of the last history, which printing describes,
    with ``initial_epoch`` the first history's and ``epochs`` the combined
    final epoch.
    """
    histories = list(histories)
    if not histories:
        return KerasTrainingHistory()
    for h in histories:
        if not isinstance(h, KerasTrainingHistory):
            from .errors import arg_error

            raise arg_error("histories", h, "training histories returned by rkeras.fit()")
    first = histories[0]
    start = int(first.params.get("initial_epoch") or 0)
    by_epoch: dict[int, dict[str, float]] = {}
    names: list[str] = []
    end = start
    for h in histories:
        begin = int(h.params.get("initial_epoch") or 0)
        if begin < end:
            begin = end
        for i in range(h.epochs_trained):
            row = by_epoch.setdefault(begin + i, {})
            for name, values in h.metrics.items():
                row[name] = values[i]
                if name not in names:
                    names.append(name)
        final = h.params.get("epochs")
        span = (final - int(h.params.get("initial_epoch") or 0)) if final is not None else h.epochs_trained
        end = begin + max(span, h.epochs_trained)
    trained = max(by_epoch) + 1 - start if by_epoch else 0
    metrics = {n: [by_epoch.get(start + i, {}).get(n, math.nan) for i in range(trained)] for n in names}
    params = dict(histories[-1].params)  # what the last fit trained on, as a whole
    params["initial_epoch"] = start
    params["epochs"] = end
    combined = KerasTrainingHistory(params, metrics)
    combined.model = histories[-1].model
    return combined

"""rkeras' own metrics callback: R's ``KerasMetricsCallbackV2``.

Always added last to the callbacks of a fit. It records every key Keras logs
at each epoch's end (so the history of finished epochs survives an interrupted
fit) and tells its observers -- the live viewer, the run-metadata writer --
after each epoch. An observer that fails never stops training: its error
becomes one warning and the observer is dropped.
"""

from __future__ import annotations

import math
import warnings

from .errors import RKerasWarning
from .history import KerasTrainingHistory

__all__ = ["Recorder", "make_metrics_callback"]


class Recorder:
    """Metrics by epoch, and the history they make."""

    def __init__(self, params: dict, observers=()):
        self.params = dict(params)
        self.rows: dict[int, dict[str, float]] = {}
        self.names: list[str] = []
        self.observers = list(observers)
        self.model = None

    def record(self, epoch: int, logs) -> None:
        row = {}
        for name, value in (logs or {}).items():
            try:
                row[str(name)] = float(_mean(value))
            except (TypeError, ValueError):
                continue  # a non-numeric log entry is not a metric
            if str(name) not in self.names:
                self.names.append(str(name))
        self.rows[int(epoch)] = row

    def ordered_names(self) -> list[str]:
        """Logged keys in R keras 2.15's order (``metric_order.r_metric_order``):
        losses, then compiled metrics by output, then ``val_`` ones, then keys
        that callbacks wrote (a learning rate) last."""
        from .metric_order import r_metric_order

        return r_metric_order(self.model, self.names)

    def history(self) -> KerasTrainingHistory:
        start = int(self.params.get("initial_epoch") or 0)
        count = (max(self.rows) + 1 - start) if self.rows else 0
        metrics = {n: [self.rows.get(start + i, {}).get(n, math.nan) for i in range(count)]
                   for n in self.ordered_names()}
        history = KerasTrainingHistory(self.params, metrics)
        history.model = self.model
        return history

    def notify(self, event: str, *args) -> None:
        for observer in list(self.observers):
            method = getattr(observer, event, None)
            if method is None:
                continue
            try:
                method(*args)
            except Exception as error:  # viewing and logging never stop training
                self.observers.remove(observer)
                warnings.warn(
                    f"{type(observer).__name__} stopped after an error and training goes on: "
                    f"{type(error).__name__}: {error}",
                    RKerasWarning,
                    stacklevel=2,
                )


def _mean(value):
    """R took ``mean()`` of every logged value; most are scalars already."""
    try:
        import numpy as np

        array = np.asarray(value, dtype=float)
        return float(array.mean()) if array.ndim else float(array)
    except Exception:
        return float(value)


class _MetricsCallbackMixin:
    def __init__(self, recorder: Recorder):
        super().__init__()
        self.recorder = recorder

    def on_train_begin(self, logs=None):
        recorder = self.recorder
        recorder.model = self.model
        keras_params = dict(getattr(self, "params", None) or {})
        if recorder.params.get("steps") is None and keras_params.get("steps") is not None:
            recorder.params["steps"] = keras_params["steps"]
        recorder.notify("on_train_begin", recorder.history(), self.model)

    def on_epoch_end(self, epoch, logs=None):
        self.recorder.record(epoch, logs)
        self.recorder.notify("on_epoch_end", self.recorder.history())

    def on_train_end(self, logs=None):
        self.recorder.notify("on_train_end", self.recorder.history())


_classes: dict[str, type] = {}


def make_metrics_callback(engine, recorder: Recorder):
    """An instance of the metrics callback for ``engine`` (Keras 3 or tf_keras)."""
    cls = _classes.get(engine.name)
    if cls is None:
        cls = type("RMetricsCallback", (_MetricsCallbackMixin, engine.Callback), {"__module__": __name__})
        _classes[engine.name] = cls
    return cls(recorder)

"""rkeras' own metrics callback: R's ``KerasMetricsCallbackV2``, in two halves.

R keras recorded the metrics in a callback placed after the user's, so that
values a user callback writes into ``logs`` reach the history. rkeras keeps
that, without R's flaw that an epoch was lost when a user callback raised
first. Each fit gets two callbacks around the user's:

* the *first* records every key Keras logged as soon as an epoch ends (and
  keeps a reference to the ``logs`` dict, which Keras hands to every callback);
* the *last* records that epoch again, with what the callbacks in between
  added, and tells the observers (the live viewer, the run writer).

When a callback in between raises (or Ctrl-C or SIGTERM arrives), ``fit()``
calls :meth:`Recorder.stop`: the epoch is read once more from the same
``logs`` and the observers are told of it, of the stop, and of the end. So an
epoch whose end was reached is never lost from ``error.history``,
:func:`rkeras.last_history` and the run files. An observer that fails never
stops training: its error becomes one warning and the observer is dropped.

Observers are told ``on_epoch_end(history)`` with a :class:`LazyHistory`: it
builds the full history only when an observer reads it (a throttled viewer
that does not draw this epoch never does), and answers
:meth:`LazyHistory.row_at` for the newest epoch at a cost that does not grow
with the epochs recorded.
"""

from __future__ import annotations

import math
import warnings

from .errors import RKerasWarning
from .history import KerasTrainingHistory

__all__ = ["Recorder", "LazyHistory", "make_metrics_callbacks"]


class Recorder:
    """Metrics by epoch, and the history they make."""

    def __init__(self, params: dict, observers=()):
        self.params = dict(params)
        self.rows: dict[int, dict[str, float]] = {}
        self.names: list[str] = []
        self.observers = list(observers)
        self.model = None
        self.last_epoch = -1
        self.pending = None  # (epoch, logs): recorded, observers not yet told
        self.ended = False
        self._untold = False  # an epoch settled after a failure, observers not yet told
        self._order = ((), [])  # (names, ordered names): ordered_names() only when names change

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
        self.last_epoch = max(self.last_epoch, int(epoch))  # kept, not searched: constant cost per epoch

    def ordered_names(self) -> list[str]:
        """Logged keys in R keras 2.15's order (``metric_order.r_metric_order``):
        losses, then compiled metrics by output, then ``val_`` ones, then keys
        that callbacks wrote (a learning rate) last."""
        from .metric_order import r_metric_order

        return r_metric_order(self.model, self.names)

    def names_in_order(self) -> list[str]:
        """:meth:`ordered_names`, computed again only when a new name was logged."""
        key = tuple(self.names)
        if self._order[0] != key:
            self._order = (key, self.ordered_names())
        return self._order[1]

    def epochs_recorded(self) -> int:
        start = int(self.params.get("initial_epoch") or 0)
        return (self.last_epoch + 1 - start) if self.rows else 0

    def history(self) -> KerasTrainingHistory:
        start = int(self.params.get("initial_epoch") or 0)
        count = self.epochs_recorded()
        metrics = {n: [self.rows.get(start + i, {}).get(n, math.nan) for i in range(count)]
                   for n in self.names_in_order()}
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

    # -- the two callbacks and fit() drive these ---------------------------------
    def train_begin(self, model, keras_params: dict) -> None:
        self.model = model
        self.ended = False
        if self.params.get("steps") is None and keras_params.get("steps") is not None:
            self.params["steps"] = keras_params["steps"]
        self.notify("on_train_begin", self.history(), model)

    def epoch_recorded(self, epoch: int, logs) -> None:
        """First callback: the epoch ended; record it before any user callback runs."""
        self.record(epoch, logs)
        self.pending = (int(epoch), logs)

    def epoch_end(self, epoch: int, logs) -> None:
        """Last callback: record again (with what callbacks added) and tell the observers."""
        self.record(epoch, logs)
        self.pending = None
        self.notify("on_epoch_end", LazyHistory(self))

    def train_end(self) -> KerasTrainingHistory:
        history = self.history()
        if not self.ended:
            self.ended = True
            self.notify("on_train_end", history)
        return history

    def settle(self) -> None:
        """Read an epoch a callback interrupted once more from its ``logs``
        (with what the callbacks before the failing one wrote into them)."""
        if self.pending is not None:
            epoch, logs = self.pending
            self.pending = None
            self.record(epoch, logs)
            self._untold = True

    def stop(self, error: BaseException) -> KerasTrainingHistory:
        """``fit()`` is ending by ``error``: tell the observers of the epoch a
        callback interrupted, of the stop and of the end; return the history."""
        self.settle()
        if self._untold:
            self._untold = False
            self.notify("on_epoch_end", LazyHistory(self))
        self.notify("on_train_stopped", error)
        self.ended = False  # the stop is the end observers hear about, also after on_train_end
        return self.train_end()


class LazyHistory(KerasTrainingHistory):
    """The recorder's history, built only when an observer reads it.

    Everything a :class:`~rkeras.history.KerasTrainingHistory` has works;
    :attr:`epochs_trained` and :meth:`row_at` are answered from the recorder
    without building the columns.
    """

    def __init__(self, recorder: Recorder):  # no super().__init__: nothing is built yet
        self._recorder = recorder
        self._built = None

    def _history(self) -> KerasTrainingHistory:
        if self._built is None:
            self._built = self._recorder.history()
        return self._built

    @property
    def params(self):
        return self._recorder.params if self._built is None else self._built.params

    @property
    def metrics(self):
        return self._history().metrics

    @property
    def model(self):
        return self._recorder.model

    @property
    def epochs_trained(self) -> int:
        return self._recorder.epochs_recorded()

    def row_at(self, index: int) -> tuple[list[str], dict]:
        """Names (in R's order) and values of epoch ``index`` (0-based from ``initial_epoch``)."""
        recorder = self._recorder
        start = int(recorder.params.get("initial_epoch") or 0)
        row = recorder.rows.get(start + index, {})
        names = recorder.names_in_order()
        return names, {name: row.get(name, math.nan) for name in names}


def _mean(value):
    """R took ``mean()`` of every logged value; most are scalars already."""
    if isinstance(value, (int, float)):
        return float(value)
    try:
        import numpy as np

        array = np.asarray(value, dtype=float)
        return float(array.mean()) if array.ndim else float(array)
    except Exception:
        return float(value)


class _FirstCallbackMixin:
    """Placed before the user's callbacks: sees each epoch's end first."""

    def __init__(self, recorder: Recorder):
        super().__init__()
        self.recorder = recorder

    def on_train_begin(self, logs=None):
        self.recorder.train_begin(self.model, dict(getattr(self, "params", None) or {}))

    def on_epoch_end(self, epoch, logs=None):
        self.recorder.epoch_recorded(epoch, logs)


class _LastCallbackMixin:
    """Placed after the user's callbacks: completes the epoch and tells the observers."""

    def __init__(self, recorder: Recorder):
        super().__init__()
        self.recorder = recorder

    def on_epoch_end(self, epoch, logs=None):
        self.recorder.epoch_end(epoch, logs)

    def on_train_end(self, logs=None):
        self.recorder.train_end()


_classes: dict[tuple, type] = {}


def make_metrics_callbacks(engine, recorder: Recorder) -> tuple:
    """The first and the last callback of a fit for ``engine`` (Keras 3 or tf_keras):
    put the first before the user's callbacks and the last after them."""
    made = []
    for role, mixin in (("First", _FirstCallbackMixin), ("Last", _LastCallbackMixin)):
        key = (engine.name, role)
        cls = _classes.get(key)
        if cls is None:
            cls = type(f"RMetrics{role}Callback", (mixin, engine.Callback), {"__module__": __name__})
            _classes[key] = cls
        made.append(cls(recorder))
    return tuple(made)

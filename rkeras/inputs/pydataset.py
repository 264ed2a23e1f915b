"""PyDatasets and Sequences: R's image and text flows, with either engine's model.

``keras.utils.PyDataset`` (Keras 3) and ``tf_keras.utils.Sequence`` (what
``tf_keras``' ``ImageDataGenerator().flow(...)``, ``flow_from_directory()``
and friends return, R's ``flow_images_from_data()`` and
``flow_images_from_directory()``) are batches by position: ``data[i]`` is
batch ``i``. rkeras reads them itself, in order, on TensorFlow's thread
ahead of the model (a ``tf.data`` pipeline, see :mod:`.pipeline`), each
batch converted and checked by R's rules like a generator function's. So
either kind works with either engine's model: a ``tf_keras`` flow with a
Keras 3 model, a Keras 3 PyDataset with a ``tf_keras`` model.

* Without ``steps_per_epoch`` one pass is one epoch: every batch once, in a
  new order each epoch when ``shuffle`` is ``True`` or ``"batch"`` (as Keras
  shuffles a PyDataset's batches), in order when it is ``False``.
* With ``steps_per_epoch`` the data is an endless stream, as R's flows were
  (R keras read them as generators): each epoch continues where the last one
  stopped and wraps around at the end, so every epoch trains exactly
  ``steps_per_epoch`` batches. (Keras 3 alone restarts the data when it runs
  out in the middle of an epoch and ends that epoch early: with
  ``steps_per_epoch`` one less than the length, every second epoch trains one
  batch.) ``shuffle`` has no effect then, as R documents.
* ``on_epoch_begin()`` / ``on_epoch_end()`` are called at the start and end of
  every pass over the data (a flow reshuffles its samples there).
* As ``validation_data``: one pass per validation, or ``validation_steps``
  batches continuing where the last validation stopped.
* A PyDataset with no end (``num_batches`` None) needs ``steps_per_epoch``
  (``validation_steps``).

Differences from Keras: the PyDataset's ``workers`` and
``use_multiprocessing`` are not used; batches are read one at a time,
ahead of the model, as R keras read its flows.
"""

from __future__ import annotations

import threading

import numpy as np

from ..errors import arg_error
from .generators import BatchConverter, RanOutError, keras_peeks
from .pipeline import Pipeline, pipeline_guard

__all__ = ["PySource", "batch_count", "pydataset_plan", "pydataset_validation"]


def batch_count(data) -> int | None:
    """Batches in a PyDataset (``num_batches``) or Sequence (``len()``); None for endless."""
    try:
        count = data.num_batches
    except (AttributeError, NotImplementedError):
        count = len(data)
    return None if count is None else int(count)


class PySource(BatchConverter, Pipeline):
    """The batches of a PyDataset or Sequence, in R's order, as a tf.data pipeline.

    Parameters
    ----------
    data : keras.utils.PyDataset or tf_keras.utils.Sequence
    argument : str
        ``"x"`` or ``"validation_data"``, for messages.
    model : keras.Model
    stream : bool
        An endless stream (``steps_per_epoch`` or ``validation_steps`` given):
        each pass continues where the last stopped, wrapping around.
    per_pass : int or None
        Batches each pass serves (``validation_steps``); None: no limit.
    total : int or None
        Batches all of training needs; nothing is read beyond.
    shuffle : bool
        A new batch order each epoch (epoch mode only).
    transform : callable, optional
        Applied to each batch as read (predict keeps the inputs).
    """

    def __init__(self, data, argument: str, model, *, stream: bool, per_pass=None, total=None,
                 shuffle: bool = False, transform=None):
        super().__init__("pydataset", argument, model)
        self.data = data
        self.length = batch_count(data)
        if self.length is not None and self.length <= 0:
            raise arg_error(argument, data, "a PyDataset with at least one batch",
                            detail=f"Its length is {self.length}.")
        self.stream = stream or self.length is None
        self.per_pass = per_pass
        self.total = total
        self.shuffle = bool(shuffle) and not self.stream
        self.transform = transform
        self.peeking = keras_peeks(model)
        self.position = 0        # batches read so far in stream mode
        self.served = 0
        self.passes = 0
        self._lock = threading.Lock()
        self.first = self._read(0)
        self.with_weights = len(self.first) == 3
        self._cached = {0: self.first}   # read for the signature: served, not read again

    # -- reading -----------------------------------------------------------------
    def _read(self, index: int):
        cached = getattr(self, "_cached", {}).pop(index, None)
        if cached is not None:
            return cached
        try:
            value = self.data[index]
        except (IndexError, StopIteration):
            if self.length is not None:
                raise
            raise RanOutError(
                f"`{self.argument}` (a PyDataset without a length) ran out of batches at batch {index + 1}: "
                f"training needed more. Give fewer steps or epochs.", self.argument) from None
        if self.transform is not None:
            value = self.transform(value)
        return self.convert(value, index + 1)

    def _hook(self, name: str) -> None:
        hook = getattr(self.data, name, None)
        if callable(hook):
            hook()

    # -- passes ------------------------------------------------------------------
    def _passes(self):
        with self._lock:
            self.passes += 1
            number = self.passes
        if self.peeking and number == 1:
            return iter([self.first])  # Keras' throwaway look at the first batch
        return self._stream_pass() if self.stream else self._epoch_pass()

    def _epoch_pass(self):
        n = self.length
        order = np.random.permutation(n) if self.shuffle else range(n)
        self._hook("on_epoch_begin")
        for k, index in enumerate(order):
            batch = self._read(int(index))
            if k == n - 1:
                self._hook("on_epoch_end")
            yield batch

    def _stream_pass(self):
        taken = 0
        while self.per_pass is None or taken < self.per_pass:
            with self._lock:
                if self.total is not None and self.served >= self.total:
                    return
                index = self.position if self.length is None else self.position % self.length
                if index == 0 and self.position > 0:
                    self._hook("on_epoch_begin")
                batch = self._read(index)
                self.position += 1
                if self.length is not None and self.position % self.length == 0:
                    self._hook("on_epoch_end")
                self.served += 1
            taken += 1
            yield batch

    def dataset(self):
        return super().dataset(self.signature(), None if self.stream else self.length)

    def guard(self):
        return pipeline_guard(self, model=self.model)


def _needs_steps(data, argument: str, steps_argument: str) -> None:
    if batch_count(data) is None:
        raise arg_error(steps_argument, None,
                        f"the number of batches per {'epoch' if steps_argument != 'validation_steps' else 'validation'} "
                        f"when `{argument}` is a PyDataset without an end (its num_batches is None)")


def pydataset_plan(x, steps, model, *, purpose: str = "fit", shuffle=True, epochs=1, initial_epoch=0,
                   transform=None):
    """``x`` a PyDataset or Sequence: one pass per epoch, or an endless stream with ``steps``."""
    from .structure import DataPlan

    if steps is None:
        _needs_steps(x, "x", "steps_per_epoch" if purpose == "fit" else "steps")
    total = None if steps is None else (epochs - initial_epoch if purpose == "fit" else 1) * steps
    source = PySource(x, "x", model, stream=steps is not None, total=total,
                      shuffle=purpose == "fit" and shuffle in (True, "batch"), transform=transform)
    plan = DataPlan(keras_args={"x": source.dataset(), "shuffle": False})
    plan.contexts.append(source.guard())
    plan.sources = [source]
    return plan


def pydataset_validation(plan, validation_data, validation_steps, model) -> None:
    """``validation_data`` a PyDataset or Sequence: one pass, or ``validation_steps`` batches continuing."""
    if validation_steps is None:
        _needs_steps(validation_data, "validation_data", "validation_steps")
    source = PySource(validation_data, "validation_data", model, stream=validation_steps is not None,
                      per_pass=validation_steps)
    plan.keras_args["validation_data"] = source.dataset()
    plan.contexts.append(source.guard())
    plan.sources = getattr(plan, "sources", []) + [source]
    plan.validation_samples = None

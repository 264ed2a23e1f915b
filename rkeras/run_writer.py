"""The observer that writes a fit into its run directory (tfruns' layout).

:class:`RunWriter` is told by rkeras' metrics recorder (:mod:`rkeras.callback`)
when training begins, after every epoch, and when it ends or stops; what it
writes, and where, is described in :mod:`rkeras.runs`.

A write that fails (disk full, a directory made read-only) gives one
:class:`~rkeras.RKerasWarning` and training goes on; everything not yet on
disk stays pending and is written again after the next epoch and at the end,
so the final files and status are right once writing works again. If it still
fails at the end, a second warning says the run files are incomplete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings

from .errors import RKerasError, RKerasWarning
from .run_metrics import MetricsCsv, MetricsJson
from .runs import (PROPERTIES_DIR, error_record, meta_dir, read_property, utc_seconds, write_json,
                   write_property)

__all__ = ["RunWriter", "model_properties", "model_summary"]

_DELETE = object()  # a pending removal of a property file
#: run directories whose start this process has written (a loop of fits is one run)
_started: set[str] = set()


@contextlib.contextmanager
def _not_in_jupyter():
    """Keras renders summaries with rich, whose console in a Jupyter kernel
    shows its (captured, so empty) buffer as a display output: a blank output
    in the user's cell for every fit with a run directory. Tell rich it is not
    in Jupyter while the summary is captured as text."""
    import sys

    console = sys.modules.get("rich.console")
    if console is None or not hasattr(console, "_is_jupyter"):
        yield
        return
    saved = console._is_jupyter
    console._is_jupyter = lambda: False
    try:
        yield
    finally:
        console._is_jupyter = saved


def model_summary(model, line_length: int = 80) -> str | None:
    """The model's ``summary()`` as plain text (R: ``py_str(model, line_length = 80)``)."""
    parts: list[str] = []

    def collect(text="", *args, **kwargs):
        parts.append(str(text))

    try:
        with _not_in_jupyter():
            model.summary(line_length=line_length, print_fn=collect)
    except Exception:
        return None
    text = "\n".join(parts)
    return text.rstrip("\n") + "\n" if text else None


def model_properties(model) -> dict:
    """R's ``write_model_info``: summary, loss, optimizer and learning rate."""
    info: dict = {"engine": None, "model": None, "loss_function": None, "optimizer": None, "learning_rate": None}
    if model is None:
        return info
    module = type(model).__module__.split(".")[0]
    info["engine"] = "tf_keras" if module == "tf_keras" else "keras"
    info["model"] = model_summary(model)
    loss = getattr(model, "loss", None)
    if isinstance(loss, str):
        info["loss_function"] = loss
    elif loss is not None:
        info["loss_function"] = getattr(loss, "__name__", None) or getattr(loss, "name", None) or type(loss).__name__
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None:
        info["optimizer"] = type(optimizer).__name__
        rate = getattr(optimizer, "learning_rate", None)
        try:
            import numpy as np

            value = np.asarray(rate.numpy() if hasattr(rate, "numpy") else rate)
            # float32 0.001 is written 0.001, not 0.0010000000474974513
            info["learning_rate"] = float(str(value)) if value.ndim == 0 and value.dtype.kind in "fiu" else None
        except Exception:  # a schedule, or an optimizer without a rate
            info["learning_rate"] = None
    return info


class RunWriter:
    """Observer of :class:`rkeras.callback.Recorder` that writes run metadata.

    Parameters
    ----------
    directory : str or os.PathLike
        The run directory; made (with parents) at once, before training starts,
        and tried with a small write. A directory that cannot be made or
        written raises :class:`rkeras.RKerasError` naming ``keras.run_dir``.

    Attributes
    ----------
    failures : int
        Writes that failed (each retried later); ``warned`` is True once the
        warning was given.
    """

    def __init__(self, directory):
        self.directory = os.fspath(directory)
        self.failures = 0
        self.warned = False
        self.properties: dict = {}  # pending property writes (name -> value or _DELETE)
        self.documents: dict = {}  # pending JSON files in tfruns.d (name -> content)
        self.status = None
        self.managed = False
        self.json = self.csv = None
        self.written = 0  # epochs handed to the metrics files
        try:
            os.makedirs(os.path.join(meta_dir(self.directory), PROPERTIES_DIR), exist_ok=True)
            _probe(meta_dir(self.directory))
        except OSError as error:
            why = "a file, not a directory" if os.path.isfile(self.directory) else (error.strerror or str(error))
            raise RKerasError(
                f"The run directory (option `keras.run_dir` or $RUN_DIR) should be a directory rkeras can "
                f"write to. Got {self.directory!r}: {why}.",
                "keras.run_dir",
            ) from None

    # -- observer interface ----------------------------------------------------
    def on_train_begin(self, history, model=None) -> None:
        params = history.params
        start = int(params.get("initial_epoch") or 0)
        final = params.get("epochs")
        self.json = MetricsJson(self.directory, (int(final) - start) if final is not None else 0)
        self.csv = MetricsCsv(self.directory)
        self.json.begin()
        self.csv.begin()
        self.written = 0
        self.status = "running"
        # a run made by training_run() has its `type`; training_run() then owns `completed`
        self.managed = read_property(self.directory, "type") is not None
        properties = {key: params.get(key) for key in ("samples", "validation_samples", "batch_size", "epochs")}
        properties["initial_epoch"] = start
        properties.update(model_properties(model))
        key = os.path.realpath(self.directory)
        if read_property(self.directory, "start") is None or (not self.managed and key not in _started):
            properties["start"] = utc_seconds()
        _started.add(key)
        properties.update(status="running", stopped_by=_DELETE, epochs_completed=0)
        if not self.managed:
            properties["completed"] = False
        self.properties.update(properties)
        self._flush()

    def on_epoch_end(self, history) -> None:
        self._take(history)
        self._flush()

    def on_train_stopped(self, error: BaseException) -> None:
        """``fit()`` is ending by an exception: status "stopped"; an error
        (not Ctrl-C or SIGTERM) is also written to ``error.json`` as tfruns does."""
        self.status = "stopped"
        message = str(error)
        self.properties["stopped_by"] = type(error).__name__ + (f": {message}" if message else "")
        if isinstance(error, Exception):
            self.documents["error.json"] = error_record(error)

    def on_train_end(self, history) -> None:
        """Every pending write, then the final status, end time and epoch count."""
        self._take(history)
        if self.status != "stopped":
            self.status = "finished"
        self.properties.update(status=self.status, epochs_completed=self.written, end=utc_seconds())
        if not self.managed:
            self.properties["completed"] = self.status == "finished"
        if not self._flush() and self.warned:
            warnings.warn(
                f"The run files in {self.directory!r} are incomplete: writing still fails at the end of training.",
                RKerasWarning, stacklevel=2)

    # -- writing ---------------------------------------------------------------
    def _take(self, history) -> None:
        """Hand the epochs not yet taken to the metrics files (in memory)."""
        if self.json is None:
            return
        trained = history.epochs_trained
        start = int(history.params.get("initial_epoch") or 0)
        for index in range(self.written, trained):
            names, row = _epoch_row(history, index)
            self.json.add(index, names, row)
            self.csv.add(start + index + 1, names, row)
        self.written = max(self.written, trained)

    def _flush(self) -> bool:
        """Write everything pending; a failure warns once and keeps it pending."""
        try:
            if self.json is not None:
                self.json.flush()
                self.csv.flush()
            for name in list(self.documents):
                write_json(self.directory, name, self.documents[name])
                del self.documents[name]  # only once written: an interrupt here leaves it pending
            for name in list(self.properties):
                value = self.properties[name]
                if value is _DELETE:
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(os.path.join(meta_dir(self.directory), PROPERTIES_DIR, name))
                else:
                    write_property(self.directory, name, value)
                del self.properties[name]
        except OSError as error:
            self.failures += 1
            if not self.warned:
                self.warned = True
                warnings.warn(
                    f"Could not write the run files in {self.directory!r} ({error.strerror or error}); "
                    "training goes on and they are written again after the next epoch and at the end.",
                    RKerasWarning, stacklevel=2)
            return False
        return True


def _epoch_row(history, index: int) -> tuple[list[str], dict]:
    """The metric names and the values of epoch ``index`` (0-based from the start).

    rkeras' recorder hands a lazy history that answers this without building
    every column (constant cost per epoch); any other history is read by index.
    """
    row_at = getattr(history, "row_at", None)
    if row_at is not None:
        return row_at(index)
    names = list(history.metrics)
    return names, {name: history.metrics[name][index] for name in names}


def _probe(directory: str) -> None:
    """A small durable write and its removal: can we write here at all?"""
    fd, path = tempfile.mkstemp(prefix=".rkeras-probe.", suffix=".tmp", dir=directory)
    try:
        os.write(fd, b"rkeras run directory\n")
        os.fsync(fd)
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)

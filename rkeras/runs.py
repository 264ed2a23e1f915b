"""Run metadata, as R's tfruns wrote it: nothing of a finished epoch is lost.

When a run directory is set (option ``keras.run_dir``, else the environment
variable ``RUN_DIR``), every ``fit()`` on the chief process writes there:

``properties.json``
    Written when training starts (and rewritten when it ends). A JSON object
    with R keras' run properties: ``samples``, ``validation_samples``,
    ``batch_size``, ``epochs`` (the final epoch, as given to ``fit()``),
    ``initial_epoch`` (0-based), ``steps``, ``model`` (the model summary as
    text, 80 characters wide), ``loss_function``, ``optimizer`` (its class
    name), ``learning_rate`` (a number, or ``null`` when it is a schedule),
    ``engine`` (``"keras"`` or ``"tf_keras"``), ``started`` (UTC, ISO 8601),
    ``epochs_completed`` and ``status``: ``"running"`` while training,
    ``"finished"`` when ``fit()`` returned normally and ``"stopped"`` when it
    ended by an exception (Ctrl-C, a failing callback), with ``stopped_by``
    naming it (``"KeyboardInterrupt"``, ``"ValueError: ..."``). A process
    killed outright (SIGKILL, out of memory) leaves ``"running"``.

``metrics.json``
    Rewritten after every epoch, in tfruns' shape: a JSON object with one key
    per metric Keras logged (``loss``, ``val_loss``, ...), in order of first
    appearance, each a list with one entry per epoch from ``initial_epoch + 1``
    to ``epochs``; epochs not (yet) trained are ``null``, and so are NaN and
    infinite values (JSON has no such numbers: ``metrics.csv`` keeps them).
    ``{}`` before the first epoch ends.

``metrics.csv``
    Rewritten with ``metrics.json``: the long data frame of
    :meth:`rkeras.KerasTrainingHistory.to_data_frame` (columns ``epoch``
    (1-based), ``value``, ``metric``, ``data``), as R's ``as.data.frame(history)``;
    an empty value is NaN (an epoch not yet trained), ``inf``/``-inf`` are kept.
    Read it back with ``pandas.read_csv``.

Every file is replaced atomically: written to a temporary file in the same
directory, flushed to disk (``fsync``) and renamed over the old one
(``os.replace``). A reader, or a process killed at any instant, therefore sees
either the previous complete file or the new complete file, never a partial
one: after SIGKILL the files hold every epoch that had finished. Temporary
files start with ``.`` and end with ``.tmp``.

Other writers may share the directory (the live metrics page of
``view_metrics`` uses its own file names).

Differences from R keras: tfruns kept one file per property under
``tfruns.d/properties/``, and wrote ``metrics.json`` in place (a kill during
the write could leave it truncated); rkeras writes one ``properties.json``
and replaces every file atomically. The run directory is used as given: rkeras
does not make a new timestamped directory per run (set a new ``RUN_DIR`` per
run for that, as ``tfruns::training_run()`` did).
"""

from __future__ import annotations

import contextlib

import datetime
import io
import json
import math
import os
import tempfile
import warnings

from .errors import RKerasError, RKerasWarning

# -- the low-level API (the tfruns tools build on it) ---------------------------

#: tfruns' metadata directory inside a run directory
META_DIR = "tfruns.d"
#: one plain-text file per property, under the metadata directory
PROPERTIES_DIR = "properties"


def meta_dir(run_dir, *, create: bool = False) -> str:
    """``<run_dir>/tfruns.d``: where tfruns keeps a run's metadata.

    tfruns' ``meta_dir()`` made the directory by default; here ``create=True``
    asks for that (readers such as ``ls_runs()`` must not make directories).
    """
    path = os.path.join(os.fspath(run_dir), META_DIR)
    if create:
        os.makedirs(path, exist_ok=True)
    return path


def property_text(value) -> str | None:
    """A property value as tfruns stores it: R's ``as.character()`` then ``writeLines()``.

    ``True``/``False`` are ``TRUE``/``FALSE``; numbers have R's 15 significant
    digits (``0.001``, ``1701234567.12345``), NaN is ``NaN``, infinities
    ``Inf``/``-Inf``; text is kept as it is; a list or tuple gives one line per
    element. Every file ends with one newline. ``None`` (R's NULL, which
    drops a property) gives ``None``: nothing is written.
    """
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        lines = [property_text(v) for v in value]
        return "".join(line for line in lines if line is not None)
    if hasattr(value, "item") and getattr(value, "ndim", 0) == 0 and not isinstance(value, str):
        kind, size = getattr(value.dtype, "kind", ""), getattr(value.dtype, "itemsize", 8)
        # numpy scalars; float32 0.001 is written 0.001, not 0.00100000004749745
        value = float(str(value)) if kind == "f" and size < 8 else value.item()
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        if math.isnan(value):
            text = "NaN"
        elif math.isinf(value):
            text = "Inf" if value > 0 else "-Inf"
        else:
            text = format(value, ".15g")
    else:
        text = str(value)
        if text.endswith("\n"):
            text = text[:-1]
    return text + "\n"


def write_property(run_dir, name: str, value) -> str | None:
    """Write one property of a run: ``tfruns.d/properties/<name>``, atomically.

    The file holds :func:`property_text` of ``value``, the plain text tfruns'
    ``ls_runs()`` reads (it converts ``start``, ``end``, ``samples``,
    ``batch_size``, ``completed``, ``learning_rate``... to numbers and
    logicals). ``None`` writes nothing, as R's NULL. Returns the file's path
    (``None`` when nothing was written). Raises ``OSError`` when it cannot be
    written.
    """
    text = property_text(value)
    if text is None:
        return None
    if not name or os.sep in name or name.startswith("."):
        raise RKerasError(f"A run property name should be a plain file name. Got {name!r}.", "name")
    directory = os.path.join(meta_dir(run_dir, create=True), PROPERTIES_DIR)
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name)
    write_atomic(path, text)
    return path


def read_property(run_dir, name: str) -> str | None:
    """The text of one property (lines joined by newlines, as tfruns reads it), or ``None``."""
    path = os.path.join(meta_dir(run_dir), PROPERTIES_DIR, name)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().rstrip("\n")
    except FileNotFoundError:
        return None


def json_ready(obj):
    """``obj`` as plain JSON data: numpy and pandas values become Python ones;
    NaN and infinite numbers become ``null`` (strict JSON has no such numbers)."""
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, int):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if hasattr(obj, "to_dict") and hasattr(obj, "index"):  # pandas Series
        obj = obj.to_dict()
    if isinstance(obj, dict):
        return {str(k): json_ready(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_ready(v) for v in obj]
    if hasattr(obj, "tolist"):  # numpy arrays and scalars
        return json_ready(obj.tolist())
    if isinstance(obj, (os.PathLike,)):
        return os.fspath(obj)
    return str(obj)


def write_json(run_dir, filename: str, obj) -> str:
    """Write ``obj`` as ``tfruns.d/<filename>`` atomically, as tfruns' JSON.

    Pretty-printed (two-space indent, like jsonlite's ``pretty = TRUE``), UTF-8,
    full precision; see :func:`json_ready` for the conversion of values.
    Returns the file's path. Raises ``OSError`` when it cannot be written.
    """
    if not filename or os.sep in filename or filename.startswith("."):
        raise RKerasError(f"A run file name should be a plain file name. Got {filename!r}.", "filename")
    path = os.path.join(meta_dir(run_dir, create=True), filename)
    text = json.dumps(json_ready(obj), indent=2, allow_nan=False, ensure_ascii=False) + "\n"
    write_atomic(path, text)
    return path


def active_run_dir() -> str | None:
    """The active run directory: option ``keras.run_dir``, else ``$RUN_DIR``, else ``None``.

    ``training_run()`` makes its run active by setting one of them; a script
    run on its own is in a run when the user set one (R keras wrote run
    metadata whenever ``RUN_DIR`` was set or tfruns had an active run).
    """
    from .options import run_dir

    return run_dir()


def evaluation_values(result) -> dict:
    """``evaluate()``'s result as the named object ``evaluation.json`` holds.

    A pandas Series (rkeras' ``evaluate()``) or a dict: its names and values,
    in order; a single number: ``{"loss": value}`` (a model compiled with only
    a loss).
    """
    if hasattr(result, "index") and hasattr(result, "tolist"):  # pandas Series
        return {str(k): float(v) for k, v in zip(result.index, result.tolist())}
    if isinstance(result, dict):
        return {str(k): float(_mean_value(v)) for k, v in result.items()}
    try:
        return {"loss": float(_mean_value(result))}
    except (TypeError, ValueError):
        raise RKerasError(
            "An evaluation result should be named values (a pandas Series or a dict) or a single loss. "
            f"Got {type(result).__name__}.", "result") from None


def _mean_value(value):
    if hasattr(value, "numpy"):
        value = value.numpy()
    if hasattr(value, "mean") and getattr(value, "ndim", 0):
        return value.mean()
    return value


def record_evaluation(result, run_dir=None) -> str | None:
    """Write ``evaluate()``'s result into the active run: ``tfruns.d/evaluation.json``.

    Parameters
    ----------
    result : pandas.Series, dict or float
        What ``evaluate()`` returned (see :func:`evaluation_values`).
    run_dir : str, optional
        The run directory; default :func:`active_run_dir`.

    Returns
    -------
    str or None
        The file written; ``None`` when no run is active, on a non-chief worker
        of distributed training, or when the write failed (one
        :class:`~rkeras.RKerasWarning` says why; evaluation results are never
        lost to a full disk: they are still returned by ``evaluate()``).

    Differences from R keras: R keras 2.15 wrote the values as an unnamed JSON
    array (tfruns then showed columns ``eval_`` and ``NA.``); rkeras writes a
    named object, ``{"loss": ..., "accuracy": ...}``, so ``ls_runs()`` has
    ``eval_loss``, ``eval_accuracy``.
    """
    from . import environment

    directory = active_run_dir() if run_dir is None else os.fspath(run_dir)
    if directory is None or not environment.is_chief():
        return None
    values = evaluation_values(result)
    try:
        return write_json(directory, "evaluation.json", values)
    except OSError as error:
        warnings.warn(f"evaluation.json could not be written in the run directory {directory!r}: {error}",
                      RKerasWarning, stacklevel=2)
        return None


def error_record(error: BaseException) -> dict:
    """``error.json``'s content, as tfruns wrote it: ``message`` and ``traceback`` (lines)."""
    import traceback

    lines = traceback.format_exception(type(error), error, error.__traceback__)
    return {"message": str(error) or type(error).__name__,
            "traceback": [line.rstrip("\n") for chunk in lines for line in chunk.splitlines()]}


def record_error(run_dir, error: BaseException) -> str:
    """Write ``tfruns.d/error.json`` for ``error`` (tfruns' ``ls_runs()`` shows
    ``error_message`` and ``error_traceback``). Raises ``OSError`` on failure."""
    return write_json(run_dir, "error.json", error_record(error))


def utc_seconds() -> float:
    """Now, as tfruns' ``start`` and ``end`` properties hold it (R's ``as.double(Sys.time())``)."""
    import time

    return time.time()

__all__ = [
    "meta_dir", "write_property", "read_property", "property_text", "write_json", "json_ready",
    "active_run_dir", "record_evaluation", "evaluation_values", "record_error", "error_record",
    "utc_seconds", "write_atomic", "META_DIR", "PROPERTIES_DIR",
    "RunWriter", "PROPERTIES", "METRICS_JSON", "METRICS_CSV",
]

PROPERTIES = "properties.json"
METRICS_JSON = "metrics.json"
METRICS_CSV = "metrics.csv"


def write_atomic(path: str, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` by ``text`` atomically (temp file beside it, rename).

    A reader sees the old file or the new one, never a partial one. If anything
    goes wrong (including KeyboardInterrupt), the old file stays as it was and
    the temporary file is removed. ``durable`` also fsyncs the file and the
    directory, so the new file survives a crash of the machine (run metadata
    wants that; a live view's page does not).
    """
    directory, name = os.path.split(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o644)  # mkstemp makes 0600; run files are for others to read too
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    if durable:
        _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable (POSIX); harmless where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _json_number(value):
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _json_value(value):
    """Properties as JSON: numbers, strings, None; anything else as text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer() and not isinstance(value, float):
        return int(number)
    return number if math.isfinite(number) else None


def metrics_columns(history) -> dict:
    """tfruns' ``metrics.json``: one list per metric, padded to the final epoch."""
    start = int(history.params.get("initial_epoch") or 0)
    final = history.params.get("epochs")
    rows = history.epochs_trained
    if final is not None:
        rows = max(rows, int(final) - start)
    columns = {}
    for name, values in history.metrics.items():
        column = [_json_number(v) for v in values[:rows]]
        columns[name] = column + [None] * (rows - len(column))
    return columns


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
        The run directory; made (with parents) at once, before training
        starts. One that cannot be made raises :class:`rkeras.RKerasError`.

    The file formats are described in the module documentation
    (:mod:`rkeras.runs`).
    """

    def __init__(self, directory):
        self.directory = os.fspath(directory)
        self.properties: dict = {}
        try:  # before training starts: a run directory that cannot be made is an error now
            os.makedirs(self.directory, exist_ok=True)
        except OSError as error:
            why = "a file, not a directory" if os.path.isfile(self.directory) else (error.strerror or str(error))
            raise RKerasError(
                f"The run directory (option `keras.run_dir` or $RUN_DIR) should be a directory rkeras can "
                f"write to. Got {self.directory!r}: {why}.",
                "keras.run_dir",
            ) from None

    def _path(self, name: str) -> str:
        return os.path.join(self.directory, name)

    # -- observer interface ----------------------------------------------------
    def on_train_begin(self, history, model=None) -> None:
        os.makedirs(self.directory, exist_ok=True)
        params = history.params
        properties = {
            key: _json_value(params.get(key))
            for key in ("samples", "validation_samples", "batch_size", "epochs", "initial_epoch", "steps")
        }
        properties.update(model_properties(model))
        properties["started"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        properties["epochs_completed"] = 0
        properties["status"] = "running"
        self.properties = properties
        self._write_properties()
        self._write_metrics(history)

    def on_epoch_end(self, history) -> None:
        self._write_metrics(history)

    def on_train_stopped(self, error: BaseException) -> None:
        """``fit()`` is ending by an exception: the run's status becomes "stopped"."""
        self.properties["status"] = "stopped"
        message = str(error)
        self.properties["stopped_by"] = type(error).__name__ + (f": {message}" if message else "")

    def on_train_end(self, history) -> None:
        """Final metrics and status ("finished", or "stopped" after an exception)."""
        os.makedirs(self.directory, exist_ok=True)
        self._write_metrics(history)
        if self.properties.get("status") != "stopped":
            self.properties["status"] = "finished"
        self.properties["epochs_completed"] = history.epochs_trained
        self._write_properties()

    # -- files -----------------------------------------------------------------
    def _write_properties(self) -> None:
        text = json.dumps(self.properties, indent=2, allow_nan=False, ensure_ascii=False) + "\n"
        write_atomic(self._path(PROPERTIES), text)

    def _write_metrics(self, history) -> None:
        text = json.dumps(metrics_columns(history), allow_nan=False) + "\n"
        buffer = io.StringIO()
        history.to_data_frame().to_csv(buffer, index=False, lineterminator="\n")
        write_atomic(self._path(METRICS_JSON), text)
        write_atomic(self._path(METRICS_CSV), buffer.getvalue())

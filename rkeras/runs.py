"""Run directories in R's tfruns layout, and the low-level API the tfruns tools use.

A run is active when option ``keras.run_dir`` or the environment variable
``RUN_DIR`` names a directory (``training_run()`` sets one for its script).
Then, on the chief process, every ``fit()`` writes there what R keras 2.15
with tfruns 1.5.3 wrote, so that R's ``tfruns::ls_runs()`` and rkeras'
:func:`rkeras.tfruns.ls_runs` list the run:

``tfruns.d/properties/<name>``
    One plain-text file per property (R's ``as.character()`` then
    ``writeLines()``, see :func:`property_text`). ``fit()`` writes, when
    training starts: ``samples``, ``validation_samples``, ``batch_size``,
    ``epochs`` (the final epoch) and the model's ``model`` (its summary,
    80 characters wide), ``loss_function``, ``optimizer`` (class name) and
    ``learning_rate``, as R keras' metrics callback did; ``start`` (seconds
    since 1970, UTC, as tfruns' ``training_run()`` wrote it) unless the run
    already has one; and rkeras' own ``initial_epoch``, ``engine``
    (``keras`` or ``tf_keras``), ``status`` (``running``) and
    ``epochs_completed`` (0). When training ends: ``end``, ``status``
    (``finished``, or ``stopped`` after an exception: Ctrl-C, SIGTERM, a
    failing callback, with ``stopped_by`` naming it) and
    ``epochs_completed``. A run made by ``fit()`` alone (no ``type``
    property, which ``training_run()`` writes) also gets tfruns'
    ``completed`` (``FALSE`` while training, ``TRUE`` when it finished).
    A process killed outright (SIGKILL, out of memory) leaves ``running``.
``tfruns.d/metrics.json``
    tfruns' shape: one array per metric Keras logged (``loss``,
    ``val_loss``, ...; R keras' order), one entry per epoch from
    ``initial_epoch + 1`` to ``epochs``, ``null`` for epochs not (yet)
    trained and for NaN or infinite values; ``{}`` before the first epoch
    ends. Updated in place after every epoch (see :mod:`rkeras.run_metrics`).
``tfruns.d/evaluation.json``
    ``evaluate()``'s result in an active run (:func:`record_evaluation`), a
    named object ``{"loss": ..., "accuracy": ...}``.
``tfruns.d/error.json``
    When ``fit()`` is stopped by an error (not by Ctrl-C or SIGTERM):
    ``{"message", "traceback"}`` as tfruns writes for a failing script
    (:func:`record_error`).
``tfruns.d/flags.json``, ``tfruns.d/source.tar.gz``
    Written by ``training_run()`` (:mod:`rkeras.tfruns`), not by ``fit()``.
``metrics.csv``
    R's ``as.data.frame(history)`` for every finished epoch (columns
    ``epoch`` (1-based), ``value``, ``metric``, ``data``), appended after
    every epoch; read it with ``pandas.read_csv``. An empty value is NaN;
    ``inf``/``-inf`` are kept (``metrics.json`` cannot hold them).
``logs/``
    TensorBoard event files with the epoch metrics, as R keras wrote
    whenever a run directory was active (no second TensorBoard callback is
    added when the fit already has one).
``view_metrics.html``, ``view_metrics.json``
    The live view of ``view_metrics = TRUE`` outside a notebook
    (:mod:`rkeras.viewer.html`).

Nothing of a finished epoch is lost: the metrics files hold every epoch whose
end was reached, also when a callback raises in ``on_epoch_end``, on Ctrl-C
and SIGTERM (then status ``stopped``), and after SIGKILL (status stays
``running``). Whole files are replaced atomically (:func:`write_atomic`: a
temporary file beside them, ``fsync``, rename), values written in place are
one system call each, so a reader never sees a partial file. Writing costs the
same per epoch at epoch 100,000 as at epoch 10. A write that fails (disk
full, read-only) gives one warning and is retried after the next epoch and at
the end; a run directory that cannot be made or written when ``fit()`` starts
is an error before training. Only the chief of a distributed run writes.

Differences from R keras: earlier rkeras versions wrote ``properties.json``
and ``metrics.json`` at the top of the run directory; they are replaced by
tfruns' own ``tfruns.d/`` files (``metrics.csv`` stays, appended instead of
rewritten, and holds only finished epochs rather than NaN rows up to
``epochs``). ``optimizer`` is the class name (R wrote the Python object's
``repr``); ``evaluation.json`` is a named object (R wrote an unnamed array);
runs made by ``fit()`` alone record ``start`` and ``end`` (tfruns'
``ls_runs()`` fails when no run has ``start``). The run directory is used as
given: ``fit()`` does not make a new timestamped directory per run
(``training_run()`` does).
"""

from __future__ import annotations

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
]



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

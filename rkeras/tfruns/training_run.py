"""R's ``training_run()``: run a training script as a run (tfruns 1.5.3).

The script runs in a new Python process (see :mod:`rkeras.tfruns.runner`),
started from the current working directory, with ``RUN_DIR`` set to the run
directory: every ``fit()`` and ``evaluate()`` of the script, and its
``flags()``, write there. tfruns sourced the script into a fresh R
environment of the same session; a process of its own gives the same fresh
start (no variables, models or TensorFlow state shared with the caller or
with the previous run, which tfruns cleared with ``clear_session()``) and
works the same in a terminal and in a notebook.

What lands in the run directory (``<run_dir>/tfruns.d/``), as tfruns:
properties ``type`` (``training``), ``context``, the ``properties=`` given,
``script`` (the file's name), ``start``, ``end`` (seconds since 1970, UTC),
``completed`` (``FALSE`` until the script ends without error, then
``TRUE``) and ``output`` (what the script printed on standard output);
``source.tar.gz`` (the Python files of the script's folder); ``flags.json``
(when the script calls ``flags()``); ``error.json`` when the script fails.
Files the script made or changed in ``artifacts_dir`` are copied into the
run directory, and open matplotlib figures are saved in ``plots/``.
"""

from __future__ import annotations

import codecs
import glob
import os
import shutil
import signal
import subprocess
import sys
import threading

from ..errors import RKerasError, arg_error
from ..habits import r_function
from ..runs import META_DIR
from . import run_context
from .rvalues import as_character, is_bool

__all__ = ["training_run", "TrainingRunError", "script_flags", "resolve_script"]


class TrainingRunError(RuntimeError):
    """The script of a training run failed. ``run_dir`` is its run directory,
    ``message`` tfruns' ``error_message`` (None when the process ended without one)."""

    def __init__(self, text: str, run_dir: str, message: str | None):
        super().__init__(text)
        self.run_dir = run_dir
        self.message = message


def script_flags(flags) -> tuple[dict[str, str] | None, str | None]:
    """``flags=`` of training_run(): (name -> value as R's as.character, or a flags file)."""
    if flags is None:
        return None, None
    if isinstance(flags, (str, os.PathLike)):
        if not os.path.isfile(flags):
            raise arg_error("flags", flags, "a dict of flag values or the path of an existing flags file")
        return None, os.fspath(flags)
    if not hasattr(flags, "items"):
        raise arg_error("flags", flags, "a dict of flag values (R: a named list) or the path of a flags file")
    texts = {}
    for name, value in flags.items():
        if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
            value = value.item()  # a numpy scalar
        if not isinstance(name, str) or not (value is None or is_bool(value)
                                             or isinstance(value, (str, int, float))):
            raise arg_error("flags", {name: value}, "a dict of flag names to single values")
        if value is not None:
            texts[name] = as_character(value)
    return texts, None


def resolve_script(file) -> str:
    if file is None:
        scripts = glob.glob("*.py")
        file = scripts[0] if len(scripts) == 1 else "train.py"
    if not isinstance(file, (str, os.PathLike)):
        raise arg_error("file", file, "the path of a Python script")
    if os.fspath(file).endswith((".R", ".r")):
        raise arg_error("file", os.fspath(file), "the path of a Python script",
                        detail="An R script runs here once ported: `rkeras port "
                               f"{os.fspath(file)}` writes {os.fspath(file)[:-2]}.py; give that.")
    if not os.path.isfile(file):
        raise RKerasError(f"The Python script '{os.fspath(file)}' does not exist.", "file")
    return os.fspath(file)


def _snapshot(folder: str, skip: str) -> dict[str, tuple]:
    found = {}
    for root, dirs, files in os.walk(folder):
        if META_DIR in dirs and os.path.abspath(root) != os.path.abspath(folder):
            dirs[:] = []  # a run directory (this run's or another's): runs are not artifacts
            continue
        dirs[:] = [d for d in dirs if d not in ("__pycache__", ".git", ".ipynb_checkpoints")
                   and os.path.abspath(os.path.join(root, d)) != skip]
        for name in files:
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found[os.path.relpath(path, folder)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _copy_artifacts(folder: str, before: dict, run_dir: str) -> None:
    """tfruns' ``with_changed_file_copy``: files made or changed by the run go into the run directory."""
    name = os.path.basename(os.path.abspath(run_dir))
    for relative, state in _snapshot(folder, os.path.abspath(run_dir)).items():
        if before.get(relative) == state or name in relative:
            continue
        target = os.path.join(run_dir, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(os.path.join(folder, relative), target)


def _forward(pipe, stream_getter, log=None) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while True:
        chunk = os.read(pipe.fileno(), 65536)
        text = decoder.decode(chunk, final=not chunk)
        if text:
            stream = stream_getter()
            stream.write(text)
            stream.flush()
            if log is not None:
                log.write(text)
                log.flush()
        if not chunk:
            break


def _run_script(command: list[str], env: dict, output_path: str) -> int:
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = sys.stdout, sys.stderr
    with open(output_path, "w", encoding="utf-8") as log:
        threads = [threading.Thread(target=_forward, args=(process.stdout, lambda: stdout, log), daemon=True),
                   threading.Thread(target=_forward, args=(process.stderr, lambda: stderr), daemon=True)]
        for thread in threads:
            thread.start()
        try:
            process.wait()
        except KeyboardInterrupt:  # the script stops as at Ctrl-C (its fit() keeps every finished epoch)
            _stop(process)
            raise
        finally:
            for thread in threads:
                thread.join(timeout=10)
            process.stdout.close()
            process.stderr.close()
    return process.returncode


def _stop(process) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    for escalate in (process.terminate, process.kill):
        try:
            process.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            escalate()
    process.wait()


def _view(run_dir: str, view) -> None:
    if view is True:
        from .view_run import view_run

        view_run(run_dir)
    elif view == "save":
        from .view_run import save_run_view

        save_run_view(run_dir, os.path.join(run_dir, META_DIR, "view.html"))
    elif view == "auto":
        from .. import environment

        if environment.context() == "notebook":
            from .view_run import view_run

            view_run(run_dir)


@r_function
def training_run(file=None, context: str = "local", config: str | None = None, flags=None, properties=None,
                 run_dir=None, artifacts_dir=None, echo: bool = True, view="auto", encoding: str = "utf-8",
                 runs_dir="runs"):
    """Run a training script as a run, in a new run directory.

    Parameters
    ----------
    file : str
        The script. R default ``"train.R"``: here ``"train.py"``, or the only
        ``*.py`` file of the working directory when there is one and
        ``file`` is not given.
    context : str
        The run's ``context`` property. R default ``"local"``.
    config : str, optional
        The configuration of the flags file (see :func:`rkeras.flags`). R
        default ``Sys.getenv("R_CONFIG_ACTIVE", unset = "default")``.
    flags : dict or str, optional
        Flag values for the script's ``flags()`` (they win over its command
        line and flags file), or the path of a flags file. R default ``NULL``.
    properties : dict, optional
        More properties of the run (written as text). R default ``NULL``.
    run_dir : str, optional
        The run directory. R default ``NULL``: a new directory under
        ``runs_dir`` named by the UTC time (:func:`rkeras.unique_run_dir`).
    artifacts_dir : str, optional
        Files made or changed here by the script are copied into the run
        directory. R default ``getwd()``: here the working directory;
        ``False`` copies nothing (R: ``NULL``).
    echo : bool
        Print each statement of the script before running it, and the value
        of each expression (R's ``source(echo = TRUE)``). R default ``TRUE``.
    view : bool or str
        ``True``: :func:`rkeras.view_run` after the run; ``"save"``: save the
        view as ``tfruns.d/view.html``; ``"auto"`` (R's default): view it when
        running in a notebook; ``False``: nothing.
    encoding : str
        The script's encoding. R default ``getOption("encoding")``.
    runs_dir : str
        Where new run directories are made. R: option ``tfruns.runs_dir``,
        default ``"runs"``.

    Returns
    -------
    pandas.DataFrame
        The run as one row of :func:`rkeras.ls_runs`.

    Raises
    ------
    TrainingRunError
        When the script fails (after ``error.json``, ``end`` and
        ``completed`` are written). R re-raised the script's error.

    Differences from R: the script runs in a process of its own (R: a new
    environment of the session; R's ``envir`` has no counterpart). Messages
    ("Using run directory ...", "Run completed: ...") go to standard error,
    as R's ``message()``.
    """
    file = resolve_script(file)
    for name, value in (("context", context), ("encoding", encoding)):
        if not isinstance(value, str):
            raise arg_error(name, value, "a string")
    if config is not None and not isinstance(config, str):
        raise arg_error("config", config, "a configuration name (a string)")
    if not isinstance(echo, bool):
        raise arg_error("echo", echo, "TRUE or FALSE (True or False)")
    if view not in (True, False, "auto", "save"):
        raise arg_error("view", view, 'True, False, "auto" or "save"')
    if properties is not None and not hasattr(properties, "items"):
        raise arg_error("properties", properties, "a dict of property names to values")
    if artifacts_dir is None:
        artifacts_dir = os.getcwd()
    elif artifacts_dir is not False and not os.path.isdir(artifacts_dir):
        raise arg_error("artifacts_dir", artifacts_dir, "an existing directory, or False")
    given, flags_file = script_flags(flags)
    config = run_context.active_config() if config is None else config

    from .. import runs
    from .source_archive import write_source_archive
    from .unique_run_dir import unique_run_dir

    run_dir = unique_run_dir(runs_dir) if run_dir is None else os.fspath(run_dir)
    os.makedirs(run_dir, exist_ok=True)
    meta = runs.meta_dir(run_dir, create=True)
    runs.write_property(run_dir, "type", "training")
    runs.write_property(run_dir, "context", context)
    for name, value in (properties or {}).items():
        runs.write_property(run_dir, str(name), value)
    write_source_archive(file, meta)
    runs.write_property(run_dir, "script", os.path.basename(file))
    runs.write_property(run_dir, "start", runs.utc_seconds())  # fit() in the script keeps it
    os.makedirs(os.path.join(run_dir, "plots"), exist_ok=True)
    print(f"Using run directory {run_dir}", file=sys.stderr, flush=True)
    runs.write_property(run_dir, "completed", False)

    before = _snapshot(artifacts_dir, os.path.abspath(run_dir)) if artifacts_dir is not False else None
    env = run_context.environment_for(run_dir, flags=given, flags_file=flags_file, config=config)
    package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = os.pathsep.join([package_parent] + [p for p in [env.get("PYTHONPATH")] if p])
    if env.get("MPLBACKEND", "module://").startswith("module://"):  # a notebook's inline backend needs the kernel
        env["MPLBACKEND"] = "Agg"
    command = [sys.executable, "-m", "rkeras.tfruns.runner", file, "1" if echo else "0", encoding]
    try:
        status = _run_script(command, env, os.path.join(meta, "properties", "output"))
    finally:
        runs.write_property(run_dir, "end", runs.utc_seconds())
        if before is not None:
            _copy_artifacts(artifacts_dir, before, run_dir)
    if status != 0:
        from .run_record import run_record

        message = run_record(run_dir).get("error_message")
        raise TrainingRunError(f"{message or f'The script {file} ended with exit status {status}'} "
                               f"(training run {run_dir})", run_dir, message)
    runs.write_property(run_dir, "completed", True)
    print(f"\nRun completed: {run_dir}\n", file=sys.stderr, flush=True)
    from .runs_frame import runs_frame
    from .run_record import run_record

    frame = runs_frame([run_record(run_dir)])
    _view(run_dir, view)
    return frame

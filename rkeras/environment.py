"""Where is this process running? The one place rkeras asks.

Two questions, each answered once per process and cached:

* :func:`context` -- how output is seen:

  ``"notebook"``
      an interactive Jupyter kernel (JupyterLab, Notebook, VS Code, Colab):
      the analogue of the RStudio viewer.
  ``"rendering"``
      a notebook being executed to a document (nbclient, nbconvert, papermill,
      Quarto): the analogue of R's knitr. Recognised by the kernel's current
      request not allowing standard input, which every one of these executors
      sends and no interactive front end does, or by a Quarto render's
      environment variables.
  ``"terminal"``
      standard output is a terminal.
  ``"batch"``
      none of these: output goes to a file or a pipe (a batch job's log).

* :func:`role` -- ``"single"`` (not distributed), ``"chief"`` (the task that
  prints, draws and writes run files) or ``"worker"`` (every other task of a
  distributed run). Read from ``TF_CONFIG`` (a cluster of more than one task)
  or from Keras' own ``KERAS_DISTRIBUTION_*`` variables.

Overrides, strongest first: option ``rkeras.context`` / ``rkeras.role``, then
environment variables ``RKERAS_CONTEXT`` / ``RKERAS_ROLE``. Overrides are read
at every call; only the detection itself is cached (:func:`reset` clears it).
"""

from __future__ import annotations

import functools
import json
import os
import sys

from .errors import RKerasError
from .options import get_option

__all__ = ["context", "role", "is_chief", "reset", "CONTEXTS", "ROLES"]

CONTEXTS = ("terminal", "notebook", "rendering", "batch")
ROLES = ("single", "chief", "worker")


def _override(option: str, variable: str, allowed: tuple[str, ...]) -> str | None:
    value = get_option(option)
    source = f"option {option}"
    if value is None:
        value = os.environ.get(variable) or None
        source = f"environment variable {variable}"
    if value is None:
        return None
    if value not in allowed:
        raise RKerasError(
            f"{source} should be one of {', '.join(repr(a) for a in allowed)}. Got {value!r}.",
            option,
        )
    return value


def _ipython_kernel():
    """The running ipykernel kernel object, or None outside a Jupyter kernel."""
    if "IPython" not in sys.modules:  # cheap: never import IPython just to ask
        return None
    try:
        from IPython import get_ipython
    except Exception:  # pragma: no cover - broken IPython install
        return None
    shell = get_ipython()
    if shell is None or type(shell).__name__ != "ZMQInteractiveShell":
        return None
    return getattr(shell, "kernel", None)


def _rendering_kernel(kernel) -> bool:
    if any(os.environ.get(v) for v in ("QUARTO_DOCUMENT_PATH", "QUARTO_PROJECT_DIR", "QUARTO_RENDER_TOKEN")):
        return True
    # nbclient (and so nbconvert, papermill, Quarto) executes with
    # allow_stdin=False; interactive front ends allow input().
    return getattr(kernel, "_allow_stdin", True) is False


@functools.lru_cache(maxsize=1)
def _detect_context() -> str:
    kernel = _ipython_kernel()
    if kernel is not None:
        return "rendering" if _rendering_kernel(kernel) else "notebook"
    stream = sys.stdout
    try:
        if stream is not None and stream.isatty():
            return "terminal"
    except (AttributeError, ValueError):
        pass
    return "batch"


def context() -> str:
    """How output is seen: 'terminal', 'notebook', 'rendering' or 'batch'."""
    return _override("rkeras.context", "RKERAS_CONTEXT", CONTEXTS) or _detect_context()


@functools.lru_cache(maxsize=1)
def _detect_role() -> str:
    raw = os.environ.get("TF_CONFIG")
    if raw:
        try:
            config = json.loads(raw)
        except ValueError:
            config = {}
        cluster = config.get("cluster") or {}
        tasks = sum(len(v) for v in cluster.values() if isinstance(v, (list, dict)))
        task = config.get("task") or {}
        kind, index = task.get("type"), int(task.get("index", 0) or 0)
        if tasks > 1 and kind is not None:
            if kind == "chief":
                return "chief"
            if kind == "worker" and index == 0 and "chief" not in cluster:
                return "chief"
            return "worker"
    processes = os.environ.get("KERAS_DISTRIBUTION_NUM_PROCESSES")
    if processes and processes.isdigit() and int(processes) > 1:
        return "chief" if os.environ.get("KERAS_DISTRIBUTION_PROCESS_ID", "0") == "0" else "worker"
    return "single"


def role() -> str:
    """This process' part in distributed training: 'single', 'chief' or 'worker'."""
    return _override("rkeras.role", "RKERAS_ROLE", ROLES) or _detect_role()


def is_chief() -> bool:
    """True unless this process is a non-chief worker of a distributed run."""
    return role() != "worker"


def reset() -> None:
    """Forget the cached detections (after changing TF_CONFIG, for example)."""
    _detect_context.cache_clear()
    _detect_role.cache_clear()

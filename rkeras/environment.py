"""Where is this process running? The one place rkeras asks.

Two questions decide what ``verbose = "auto"`` and ``view_metrics = "auto"``
mean (see :mod:`rkeras.arguments`):

* :func:`context` -- how output is seen:

  ``"notebook"``
      an interactive Jupyter kernel (JupyterLab, Notebook, VS Code, Colab):
      the analogue of the RStudio viewer.
  ``"rendering"``
      a notebook being executed to a document (nbclient, and so nbconvert,
      papermill, Quarto, Jupyter Book): the analogue of R's knitr. Recognised
      by the kernel's current execute request not allowing standard input
      (nbclient sends ``allow_stdin=False``; interactive front ends allow
      ``input()``), or by Quarto's ``QUARTO_DOCUMENT_PATH`` /
      ``QUARTO_EXECUTE_INFO`` in the kernel's environment.
  ``"terminal"``
      standard output is a terminal.
  ``"batch"``
      none of these: output goes to a file or a pipe (a batch job's log).

* :func:`role` -- ``"single"`` (not distributed), ``"chief"`` (the task that
  prints, draws and writes run files) or ``"worker"`` (every other task of a
  distributed run). Read from ``TF_CONFIG``: a cluster of more than one task
  is distributed; its chief is task ``chief``, else ``worker`` 0. Keras' own
  ``KERAS_DISTRIBUTION_NUM_PROCESSES`` / ``KERAS_DISTRIBUTION_PROCESS_ID``
  count too (process 0 is the chief).

Overrides, strongest first: option ``rkeras.context`` / ``rkeras.role``, then
environment variables ``RKERAS_CONTEXT`` / ``RKERAS_ROLE``. Overrides are read
at every call. Detection is cached per process (:func:`reset` clears it),
except the one attribute that belongs to the kernel's current request
(whether it allows input), which is read at each call: it is a single
attribute lookup, and one kernel may serve both kinds of request.

Asking is cheap: nothing is imported to answer. A Jupyter kernel is looked
for only when ``ipykernel`` is already loaded, and TensorFlow is never
needed: ``TF_CONFIG`` is read as the JSON it is.
"""

from __future__ import annotations

import functools
import json
import os
import sys

from .errors import RKerasError, show_value
from .options import get_option

__all__ = ["context", "role", "is_chief", "reset", "CONTEXTS", "ROLES"]

CONTEXTS = ("terminal", "notebook", "rendering", "batch")
ROLES = ("single", "chief", "worker")

#: Set by Quarto for the code it executes while rendering.
_QUARTO_VARIABLES = ("QUARTO_DOCUMENT_PATH", "QUARTO_EXECUTE_INFO")


def _override(option: str, variable: str, allowed: tuple[str, ...]) -> str | None:
    value = get_option(option)
    source = f"option {option}"
    if value is None:
        value = os.environ.get(variable) or None
        source = f"environment variable {variable} (override of option {option})"
    if value is None:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise RKerasError(
            f"{source} should be one of {', '.join(repr(a) for a in allowed)}. Got {show_value(value)}.",
            option,
        )
    return value


# -- context ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _kernel():
    """The running ipykernel kernel object, or None outside a Jupyter kernel."""
    zmqshell = sys.modules.get("ipykernel.zmqshell")
    if zmqshell is None:  # cheap: a kernel has always loaded it; never import to ask
        return None
    try:
        from IPython import get_ipython
    except Exception:  # pragma: no cover - broken IPython install
        return None
    shell = get_ipython()
    # isinstance, not the class name: Colab's and Spyder's shells are subclasses.
    if shell is None or not isinstance(shell, zmqshell.ZMQInteractiveShell):
        return None
    return getattr(shell, "kernel", None)


def _rendering(kernel) -> bool:
    if any(os.environ.get(v) for v in _QUARTO_VARIABLES):
        return True
    # ipykernel sets ``_allow_stdin`` from each execute request before running
    # it. nbclient (so nbconvert, papermill, Quarto) sends allow_stdin=False;
    # JupyterLab, Notebook, VS Code and Colab send True (input() works there).
    return getattr(kernel, "_allow_stdin", True) is False


@functools.lru_cache(maxsize=1)
def _console() -> str:
    stream = sys.stdout
    try:
        if stream is not None and stream.isatty():
            return "terminal"
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        pass
    return "batch"


def context() -> str:
    """How output is seen: 'terminal', 'notebook', 'rendering' or 'batch'.

    Override with option ``rkeras.context`` or environment variable
    ``RKERAS_CONTEXT``.
    """
    forced = _override("rkeras.context", "RKERAS_CONTEXT", CONTEXTS)
    if forced is not None:
        return forced
    kernel = _kernel()
    if kernel is not None:
        return "rendering" if _rendering(kernel) else "notebook"
    return _console()


# -- role --------------------------------------------------------------------------


def _tf_config_error(raw: str, problem: str) -> RKerasError:
    return RKerasError(
        f"Environment variable TF_CONFIG should be JSON describing a cluster and this process' "
        f"task, e.g. {{\"cluster\": {{\"worker\": [\"host1:port\", \"host2:port\"]}}, "
        f"\"task\": {{\"type\": \"worker\", \"index\": 0}}}}; {problem}. Got TF_CONFIG={show_value(raw)}. "
        "Unset it, or set option rkeras.role to 'single', 'chief' or 'worker'.",
        "TF_CONFIG",
    )


def _tf_config_role(raw: str) -> str | None:
    """The role TF_CONFIG gives this process, or None when it describes no cluster."""
    try:
        config = json.loads(raw)
    except ValueError:
        raise _tf_config_error(raw, "it is not valid JSON") from None
    if not isinstance(config, dict):
        raise _tf_config_error(raw, "it is not a JSON object")
    cluster = config.get("cluster") or {}
    if not isinstance(cluster, dict):
        raise _tf_config_error(raw, "its 'cluster' is not an object")
    # Task lists are lists of addresses, or {index: address} for sparse clusters.
    tasks = 0
    for kind, addresses in cluster.items():
        if not isinstance(addresses, (list, dict)):
            raise _tf_config_error(raw, f"cluster[{kind!r}] is not a list of addresses")
        tasks += len(addresses)
    if tasks <= 1:  # a cluster of one task trains like a single process
        return None
    task = config.get("task")
    if not isinstance(task, dict) or not isinstance(task.get("type"), str):
        raise _tf_config_error(raw, f"the cluster has {tasks} tasks but 'task' does not say which is this one")
    kind = task["type"]
    index = task.get("index", 0)
    try:
        index = int(index)
    except (TypeError, ValueError):
        raise _tf_config_error(raw, f"task index {index!r} is not a whole number") from None
    if kind == "chief":
        return "chief"
    if kind == "worker" and index == 0 and not cluster.get("chief"):
        return "chief"
    return "worker"


def _keras_distribution_role() -> str | None:
    processes = os.environ.get("KERAS_DISTRIBUTION_NUM_PROCESSES")
    if not processes:
        return None
    try:
        count = int(processes)
        process = int(os.environ.get("KERAS_DISTRIBUTION_PROCESS_ID") or 0)
    except ValueError:
        raise RKerasError(
            "Environment variables KERAS_DISTRIBUTION_NUM_PROCESSES and KERAS_DISTRIBUTION_PROCESS_ID "
            f"should be whole numbers. Got {processes!r} and "
            f"{os.environ.get('KERAS_DISTRIBUTION_PROCESS_ID')!r}.",
            "KERAS_DISTRIBUTION_NUM_PROCESSES",
        ) from None
    if count <= 1:
        return None
    return "chief" if process == 0 else "worker"


@functools.lru_cache(maxsize=1)
def _detect_role() -> str:
    raw = os.environ.get("TF_CONFIG")
    found = _tf_config_role(raw) if raw else None
    if found is None:
        found = _keras_distribution_role()
    return found or "single"


def role() -> str:
    """This process' part in distributed training: 'single', 'chief' or 'worker'.

    Override with option ``rkeras.role`` or environment variable
    ``RKERAS_ROLE``. A ``TF_CONFIG`` that cannot be read is an error (naming
    ``TF_CONFIG``), not a silent single process.
    """
    return _override("rkeras.role", "RKERAS_ROLE", ROLES) or _detect_role()


def is_chief() -> bool:
    """True unless this process is a non-chief worker of a distributed run."""
    return role() != "worker"


def reset() -> None:
    """Forget the cached detections (after changing TF_CONFIG, for example)."""
    _kernel.cache_clear()
    _console.cache_clear()
    _detect_role.cache_clear()

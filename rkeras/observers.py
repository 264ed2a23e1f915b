"""Who watches a fit: the live metrics viewer, the run writer, TensorBoard.

The viewer and the run writer are observers of rkeras' metrics recorder
(:mod:`rkeras.callback`), made here for one fit; TensorBoard is a Keras
callback of the fit's engine. Only the chief of a distributed run gets any.
"""

from __future__ import annotations

import importlib.util
import os
import warnings

from . import environment
from .errors import RKerasWarning
from .options import run_dir

__all__ = ["observers_for", "tensorboard_for", "LOGS"]

#: TensorBoard's folder inside the run directory (R keras: ``file.path(run_dir(), "logs")``)
LOGS = "logs"


def observers_for(model, params: dict, *, view_metrics: bool) -> list:
    if not environment.is_chief():
        return []
    observers = []
    directory = run_dir()
    if directory is not None:
        from .run_writer import RunWriter

        observers.append(RunWriter(directory))  # a directory that cannot be written: error now
    if view_metrics:
        from .viewer import make_viewer

        observers.append(make_viewer(params))
    return observers


def tensorboard_for(engine, callbacks: list) -> list:
    """R keras' TensorBoard callback when a run directory is active.

    R keras added ``callback_tensorboard()`` (``log_dir`` = the run directory's
    ``logs``, epoch metrics, the graph, no profiling) whenever ``RUN_DIR`` was
    set or a tfruns run was active, unless the user had given one. Returns a
    list with that callback for ``engine``, or an empty list: no run
    directory, a non-chief worker, a TensorBoard callback (of either engine)
    among ``callbacks``, or no ``tensorboard`` package (TensorFlow 2.21 does
    not bring it; rkeras depends on it), which one warning says.
    """
    directory = run_dir()
    if directory is None or not environment.is_chief():
        return []
    if any(_is_tensorboard(c) for c in callbacks):
        return []
    if importlib.util.find_spec("tensorboard") is None:
        warnings.warn("No TensorBoard logs in the run directory: the tensorboard package is not installed "
                      "(pip install tensorboard).", RKerasWarning, stacklevel=3)
        return []
    log_dir = os.path.join(os.path.abspath(directory), LOGS)
    return [engine.module.callbacks.TensorBoard(log_dir=log_dir, histogram_freq=0, write_graph=True,
                                                update_freq="epoch", profile_batch=0)]


def _is_tensorboard(callback) -> bool:
    return any(cls.__name__ == "TensorBoard" for cls in type(callback).__mro__)

"""Who watches a fit: the live metrics viewer and the run-metadata writer.

Both are observers of rkeras' metrics callback (:mod:`rkeras.callback`), made
here for one fit. Only the chief of a distributed run gets any.
"""

from __future__ import annotations

from . import environment
from .options import run_dir

__all__ = ["observers_for"]


def observers_for(model, params: dict, *, view_metrics: bool) -> list:
    if not environment.is_chief():
        return []
    observers = []
    directory = run_dir()
    if directory is not None:
        from .runs import RunWriter

        observers.append(RunWriter(directory))
    if view_metrics:
        from .viewer import make_viewer

        observers.append(make_viewer(params))
    return observers

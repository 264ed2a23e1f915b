"""The live metrics view of ``fit(view_metrics = TRUE)``: R's RStudio viewer.

:func:`make_viewer` picks one of two views for a fit, each an observer of
rkeras' metrics callback (:mod:`rkeras.callback`):

* in a Jupyter kernel (:func:`rkeras.environment.context` is ``"notebook"``
  or ``"rendering"``), :class:`~rkeras.viewer.notebook.NotebookViewer`: one
  display created at the end of the first epoch and updated in place through
  an IPython display handle (no clearing of the cell, no flicker);
* anywhere else, :class:`~rkeras.viewer.html.HtmlViewer`: a self-contained
  HTML page (inline script and styles, no network) and its data, replaced
  atomically on disk after every epoch, that redraws itself in an open
  browser while training runs. Its path is printed once.

Both are throttled (:mod:`rkeras.viewer.throttle`) so that short epochs do
not spend their time drawing, and both always show the final state when
training ends. A view that fails never stops training: the metrics callback
turns its error into one warning and drops it.
"""

from __future__ import annotations

import sys

from .. import environment

__all__ = ["make_viewer"]


def make_viewer(params: dict):
    """The live view for a fit with these ``params``, chosen by where we run.

    The notebook view needs an IPython shell to display in; when the context
    says notebook but there is none (option ``rkeras.context`` forced it), the
    HTML page is used.
    """
    if environment.context() in ("notebook", "rendering") and _ipython_shell():
        from .notebook import NotebookViewer

        return NotebookViewer(params)
    from .html import HtmlViewer

    return HtmlViewer(params)


def _ipython_shell() -> bool:
    if "IPython" not in sys.modules:  # never import IPython just to ask
        return False
    try:
        from IPython import get_ipython
    except Exception:
        return False
    return get_ipython() is not None

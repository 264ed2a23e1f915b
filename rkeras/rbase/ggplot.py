"""ggplot2 as ported scripts use it, on plotnine (whose API mirrors ggplot2's).

``ggplot(data, aes(...)) + geom_*() + ...`` is written with plotnine's own functions
(``p9.geom_tile()``, ``p9.theme(aspect_ratio=1)``); only ``ggplot()`` itself is
:class:`ggplot` here, a plotnine ggplot that remembers the last plot made, as ggplot2's
``last_plot()`` does (``ggsave(file)`` without a plot saves it).

Printing a plot draws it, as in R: ``print(p)``, or a plot standing alone at the top level
of a script (the porter writes ``rbase.print(...)`` there). In a notebook the plot is shown;
from a script it becomes a page of ``Rplots.pdf``, Rscript's device (the same file
``plot(history)`` and base graphics write to).

Differences from R: plotnine draws with matplotlib, so fonts, spacing and default colours
differ a little from ggplot2's; ``ggsave()``'s ``device``, ``bg`` and ``limitsize`` are
ignored (the format follows the file's extension).
"""

from __future__ import annotations

import sys

from .errors import RError

__all__ = ["ggplot", "last_plot", "ggsave", "show_plot", "is_plot", "plot_values"]

_LAST = {"plot": None}


def _plot_class():
    import plotnine

    return plotnine.ggplot


def ggplot(data=None, mapping=None, *args, **kwargs):
    """ggplot2's ``ggplot(data, mapping)``: a plotnine ggplot whose ``+`` results are each
    remembered as the last plot (ggplot2's ``last_plot()``). ``aes()`` strings are evaluated
    in the caller's frame (names that are not columns)."""
    from plotnine.mapping._env import Environment

    plot = _last_plot_class()(data, mapping)           # plotnine takes aes() given first, as R does
    plot.environment = Environment.capture(1)         # aes() names that are not columns: the caller's
    _LAST["plot"] = plot
    return plot


_CLASS = {}


def _temporary_references() -> int:
    """How many references the left side of ``a + b`` has inside ``__add__`` when it is a temporary
    nothing else holds (measured once: it depends on the Python version)."""
    if "temporary" not in _CLASS:
        class Probe:
            def __add__(self, other):
                return sys.getrefcount(self)

        _CLASS["temporary"] = Probe() + 0
    return _CLASS["temporary"]


def _last_plot_class():
    if "cls" not in _CLASS:
        base = _plot_class()

        class RGGPlot(base):
            """A plotnine ggplot that records each ``p + layer`` as ggplot2's ``last_plot()``.

            plotnine's ``+`` deep-copies the whole plot (its data included) at every step, so that
            ``p + layer`` leaves ``p`` alone. A plot that nothing else holds (the middle of a chain,
            ``ggplot(df) + geom_point() + ...``) has no one to see the change, so it is added to in
            place, as ggplot2's cheap ``+`` behaves; a plot a variable holds is copied first."""

            def __add__(self, other):
                references = sys.getrefcount(self) - (_LAST.get("plot") is self)
                if references <= _temporary_references():
                    result = self.__iadd__(other)
                else:
                    result = super().__add__(other)
                _LAST["plot"] = result
                return result

        RGGPlot.__name__ = "ggplot"
        RGGPlot.__qualname__ = "ggplot"
        _CLASS["cls"] = RGGPlot
    return _CLASS["cls"]


def plot_values(x):
    """An R vector given to a scale (``labels``, ``breaks``, ``limits``, ``values``) as the list
    plotnine takes; a function, ``NULL`` or ``TRUE``/``FALSE`` as it is."""
    import numpy as np

    if isinstance(x, (bool, type(None), str)) or callable(x) or isinstance(x, dict):
        return x
    return np.ravel(np.asarray(x, dtype=object)).tolist()


def last_plot():
    """ggplot2's ``last_plot()``: the last plot made or added to (None before any)."""
    return _LAST["plot"]


def is_plot(x) -> bool:
    """Whether ``x`` is a plot R would draw when printing it: a ggplot (plotnine's) or the figure
    of ``plot(history)``."""
    name = type(x).__name__
    return name == "ggplot" and hasattr(x, "draw") or name == "HistoryFigure"


def show_plot(plot):
    """R's printing of a plot: drawn into the open ``png()``/``pdf()`` device if there is one,
    else shown in a notebook, or from a script a page of ``Rplots.pdf`` (Rscript's device)."""
    import matplotlib.pyplot as plt

    from .graphics import device_open, device_page, in_notebook, rplots_page

    if device_open():
        device_page(_figure(plot))         # dev.off() writes it to the device's file
        return plot
    if in_notebook():
        from IPython.display import display

        display(plot)
        return plot
    figure = _figure(plot)
    rplots_page(figure)
    if figure is not plot:
        plt.close(figure)
    return plot


def _figure(plot):
    return plot.draw() if hasattr(plot, "draw") and not hasattr(plot, "savefig") else plot


_PER_INCH = {"in": 1.0, "cm": 2.54, "mm": 25.4}


def ggsave(filename, plot=None, device=None, path=None, scale=1, width=None, height=None, units="in",
           dpi=300, limitsize=True, bg=None, *args, **kwargs):
    """ggplot2's ``ggsave(filename, plot = last_plot(), ...)``: the file's format follows its
    extension. ``width``/``height`` (R: ``NA``, the device's size) default to 7 inches, the
    size of Rscript's device; ``units`` is "in", "cm", "mm" or "px" (pixels at ``dpi``)."""
    import os

    import numpy as np

    plot = last_plot() if plot is None else plot
    if plot is None:
        raise RError("ggsave(): no plot to save (last_plot() is NULL)")
    if units not in ("in", "cm", "mm", "px"):
        raise RError(f"ggsave(): 'units' should be one of \"in\", \"cm\", \"mm\", \"px\"; got {units!r}")
    per_inch = float(dpi) if units == "px" else _PER_INCH[units]
    size = [7.0 if v is None or (np.ndim(v) == 0 and np.isnan(float(v))) else float(v) / per_inch
            for v in (width, height)]
    width_in, height_in = (v * float(scale) for v in size)
    filename = os.fspath(filename)
    if path is not None:
        filename = os.path.join(os.fspath(path), filename)
    figure = plot.draw() if hasattr(plot, "draw") and not hasattr(plot, "savefig") else plot
    if not hasattr(figure, "savefig"):
        raise RError(f"ggsave(): 'plot' should be a ggplot or a plot of a history; got {type(plot).__name__}")
    figure.set_size_inches(width_in, height_in)
    figure.savefig(filename, dpi=float(dpi))
    if figure is not plot:
        import matplotlib.pyplot as plt

        plt.close(figure)
    return None

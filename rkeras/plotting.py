"""R's ``plot(history)``: every metric by epoch, one panel per metric.

Two ways to draw, as R keras had: ``"plotnine"`` (R's ``"ggplot2"``: the
grammar of graphics, the default when plotnine is installed) and
``"matplotlib"`` (R's ``"base"``). Both draw the same thing: one panel per
metric, stacked vertically, epoch on x, training and validation told apart,
points, and a loess smooth line when the fit asked for 10 or more epochs.

Epochs are 1-based, as R prints them (see :mod:`rkeras.history`).
"""

from __future__ import annotations

import functools
import math
import warnings
from typing import Literal, Sequence

from .errors import RKerasError, RKerasWarning, arg_error
from .options import get_option

__all__ = ["plot_history", "save_plot", "loess"]

#: ggplot2's default hues for two levels: training, validation.
HUES = {"training": "#F8766D", "validation": "#00BFC4"}
#: ggplot2's default colour of a smooth line without a colour mapping.
SMOOTH_BLUE = "#3366FF"
#: R's ``loess()`` default span; ggplot2's ``geom_smooth(method = "loess")`` uses it.
SPAN = 0.75

_METHODS = {"auto": "auto", "plotnine": "plotnine", "ggplot2": "plotnine", "matplotlib": "matplotlib", "base": "matplotlib"}


def plot_history(
    history,
    metrics: str | Sequence[str] | None = None,
    method: Literal["auto", "plotnine", "ggplot2", "matplotlib", "base"] = "auto",
    smooth: bool | None = None,
    theme_bw: bool | None = None,
    **kwargs,
):
    """Plot the metrics of a training history: R's ``plot(history)``.

    Parameters
    ----------
    history : KerasTrainingHistory
        What :func:`rkeras.fit` returned.
    metrics : str or list of str, optional
        R default NULL: every metric except the ``val_`` ones. A validation
        series shares its metric's panel (``"loss"`` draws ``loss`` and
        ``val_loss``). Panels follow the order given.
    method : {"auto", "plotnine", "ggplot2", "matplotlib", "base"}
        R default ``"auto"``: plotnine when it is installed, else matplotlib.
        ``"ggplot2"`` is R's name for ``"plotnine"``, ``"base"`` R's name for
        ``"matplotlib"``.
    smooth : bool, optional
        R default ``getOption("keras.plot.history.smooth", TRUE)``, read at
        the call. A loess line (span 0.75, degree 2, as R's ``loess()``) is
        drawn through each series when ``params["epochs"]`` is 10 or more.
    theme_bw : bool, optional
        R default ``getOption("keras.plot.history.theme_bw", FALSE)``, read
        at the call: black and white, training and validation told apart by
        point shape and line type.
    **kwargs
        R's ``...``. With matplotlib, passed to ``Axes.plot`` for the points
        (``markersize=``, ``alpha=``, ...). plotnine takes none: they are
        ignored with a warning, as R's ggplot2 method ignored them.

    Returns
    -------
    plotnine.ggplot or matplotlib.figure.Figure
        The plot object; nothing is drawn on a global device. Save either
        kind with :func:`save_plot`.

    Notes
    -----
    Epochs that were never run (early stopping) are skipped, as R's
    ``na.rm = TRUE`` did.

    Differences from R keras: panels follow the order of ``metrics=`` with
    both methods (R's ggplot2 method used the order in which metrics were
    logged). plotnine has no ``switch = "y"`` for facet strips, so metric
    names label the panels on the right. The matplotlib method draws the
    smooth line too (R's base method had none); a metric name that is not
    in the history is an error listing those that are (R drew an empty
    panel).
    """
    from .history import KerasTrainingHistory

    if not isinstance(history, KerasTrainingHistory):
        raise arg_error("x", history, "a training history returned by rkeras.fit()")
    if not isinstance(method, str) or method not in _METHODS:
        raise arg_error("method", method, "one of 'auto', 'plotnine', 'ggplot2', 'matplotlib', 'base'")
    method = _METHODS[method]
    if method == "auto":
        method = "plotnine" if _plotnine_installed() else "matplotlib"
    smooth = _flag("smooth", smooth, "keras.plot.history.smooth")
    theme_bw = _flag("theme_bw", theme_bw, "keras.plot.history.theme_bw")
    data = PlotData(history, metrics)
    smooth = smooth and int(history.params.get("epochs") or 0) >= 10
    if method == "plotnine":
        if kwargs:
            warnings.warn(
                f"plot_history() ignores {', '.join(repr(k) for k in kwargs)} with method='plotnine' "
                "(R's ggplot2 method ignored `...` too); they are passed to matplotlib's Axes.plot "
                "with method='matplotlib'.",
                RKerasWarning,
                stacklevel=2,
            )
        return _plotnine(data, smooth=smooth, theme_bw=theme_bw)
    return draw_matplotlib(data, smooth=smooth, theme_bw=theme_bw, **kwargs)


def _plotnine_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("plotnine") is not None


def _flag(argument: str, value, option: str) -> bool:
    if value is None:
        value = get_option(option)
        if not _is_bool(value):
            raise RKerasError(f"Option {option} should be True or False. Got {value!r}.", option)
    if not _is_bool(value):
        raise arg_error(argument, value, "True or False")
    return bool(value)


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"


class PlotData:
    """What a plot of a history shows: the long frame, the panels, the series."""

    def __init__(self, history, metrics):
        frame = history.to_data_frame()
        available = list(frame["metric"].cat.categories)
        if metrics is None:
            metrics = [n for n in dict.fromkeys(history.metrics) if not n.startswith("val_")]
        elif isinstance(metrics, str):
            metrics = [metrics]
        else:
            try:
                metrics = list(metrics)
            except TypeError:
                raise arg_error("metrics", metrics, "a metric name or a list of metric names") from None
            if not metrics or not all(isinstance(m, str) for m in metrics):
                raise arg_error("metrics", metrics, "a metric name or a list of metric names")
        unknown = [m for m in metrics if m not in available]
        if unknown:
            hint = " (a val_ series is drawn in its metric's panel)" if any(m.startswith("val_") for m in unknown) else ""
            raise arg_error(
                "metrics",
                metrics if len(metrics) > 1 else metrics[0],
                f"names of metrics in the history: {', '.join(repr(a) for a in available) or 'none'}",
                detail=f"Not found: {', '.join(repr(u) for u in unknown)}{hint}.",
            )
        self.metrics = list(dict.fromkeys(metrics))
        self.validation = any(n.startswith("val_") for n in history.metrics)
        frame = frame[frame["metric"].isin(self.metrics) & frame["value"].notna()]
        if not len(frame):
            raise arg_error("x", history, "a history with at least one value to plot",
                            detail="No epoch of the chosen metrics was trained.")
        frame = frame.assign(
            epoch=frame["epoch"].astype(float),
            metric=frame["metric"].cat.set_categories(self.metrics),
        ).reset_index(drop=True)
        self.frame = frame
        start = int(history.params.get("initial_epoch") or 0)
        final = history.params.get("epochs")
        self.epoch_range = (start + 1, max(int(final) if final is not None else 0, start + history.epochs_trained, start + 1))

    def series(self, metric):
        """(data level, epochs, values) for each series of a panel, training first."""
        panel = self.frame[self.frame["metric"] == metric]
        for level in ("training", "validation"):
            part = panel[panel["data"] == level]
            if len(part):
                yield level, part["epoch"].to_numpy(float), part["value"].to_numpy(float)


# -- smoothing ----------------------------------------------------------------
def loess(x, y, xout, span: float = SPAN, degree: int = 2):
    """R's ``loess(y ~ x, span = 0.75, degree = 2)`` evaluated at ``xout``.

    Local polynomial regression with tricube weights over the nearest
    ``span * n`` points, without robustness iterations (R's default
    ``family = "gaussian"``), computed exactly at each point (R's
    ``surface = "direct"``). Fewer than ``degree + 1`` distinct points give
    an empty result.
    """
    import numpy as np

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    xout = np.asarray(xout, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if len(np.unique(x)) < degree + 1:
        return np.full(xout.shape, np.nan)
    q = max(int(math.floor(n * span)), degree + 1)
    q = min(q, n)
    result = np.empty(len(xout))
    for i, x0 in enumerate(xout):
        distance = np.abs(x - x0)
        h = np.sort(distance)[q - 1]
        if span > 1:
            h *= span
        h = max(h, 1e-12)
        w = np.clip(1 - (distance / h) ** 3, 0, None) ** 3
        design = np.vander(x - x0, degree + 1, increasing=True)
        sw = np.sqrt(w)
        coef, *_ = np.linalg.lstsq(design * sw[:, None], y * sw, rcond=None)
        result[i] = coef[0]
    return result


def _plotnine_smoother(data, xseq, params):
    import pandas as pd

    return pd.DataFrame({"x": xseq, "y": loess(data["x"], data["y"], xseq, span=params.get("span", SPAN))})


def _integer_breaks(limits):
    """R's ``int_breaks``: pretty breaks, whole epochs only."""
    from mizani.breaks import breaks_extended

    return [b for b in breaks_extended(n=5)(limits) if float(b).is_integer()]


# -- plotnine (R's ggplot2 method) --------------------------------------------
def _plotnine(data: PlotData, *, smooth: bool, theme_bw: bool):
    import plotnine as p9

    frame = data.frame
    if data.validation:
        aes = {"color": "data", "fill": "data"}
        if theme_bw:
            aes.update(linetype="data", shape="data")
        plot = p9.ggplot(frame, p9.aes("epoch", "value", **aes))
    else:
        plot = p9.ggplot(frame, p9.aes("epoch", "value"))
    if theme_bw:
        plot = plot + p9.theme_bw() + p9.geom_point(color="black", fill="none", size=2) + p9.scale_shape_manual(values=("o", "^"))
    else:
        point = {"shape": "o", "color": "black"}
        if not data.validation:
            point["fill"] = "none"  # R's shape 21 without a fill mapping: an open circle
        plot = plot + p9.geom_point(**point)
    if data.validation and not theme_bw:
        plot = plot + p9.scale_fill_manual(values=HUES, drop=False) + p9.scale_color_manual(values=HUES, drop=False)
    if smooth:
        args = {"method": _plotnine_smoother, "se": False, "span": SPAN}
        if theme_bw:
            args.update(size=0.5, color="gray")
        elif not data.validation:
            args.update(color=SMOOTH_BLUE)
        plot = plot + p9.geom_smooth(**args)
    return (
        plot
        + p9.facet_grid(rows="metric", scales="free_y")
        + p9.scale_x_continuous(breaks=_integer_breaks)
        + p9.labs(y="")
        + p9.theme(
            figure_size=default_size(len(data.metrics)),
            axis_title_y=p9.element_blank(),
            strip_text=p9.element_text(color="black", size=11),
            strip_background=p9.element_rect(fill="none", color="none"),
        )
    )


# -- matplotlib (R's base method) ---------------------------------------------
def draw_matplotlib(
    data: PlotData,
    *,
    smooth: bool,
    theme_bw: bool,
    figsize: tuple[float, float] | None = None,
    dpi: float = 100,
    full_range: bool = False,
    layout: str | None = "constrained",
    lines: bool = False,
    **kwargs,
):
    """The history as a matplotlib Figure (not registered with pyplot).

    ``full_range`` sets the x axis to every epoch the fit asked for (the live
    view shows the epochs still to come). ``layout=None`` uses fixed margins
    instead of matplotlib's constrained layout: about twice as fast to draw,
    which the live view needs. ``lines`` joins the points of each series.
    """
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    panels = len(data.metrics)
    figsize = figsize or default_size(panels)
    figure = _figure_class()(figsize=figsize, dpi=dpi, layout=layout)
    axes = figure.subplots(panels, 1, sharex=True, squeeze=False)[:, 0]
    if layout is None:  # margins in inches: room for tick labels and titles
        width, height = figsize
        figure.subplots_adjust(left=0.8 / width, right=1 - 0.15 / width, bottom=0.5 / height,
                               top=1 - 0.1 / height, hspace=0.25 / max(height / panels - 0.2, 0.5))
    marker = {"training": "o", "validation": "x" if theme_bw else "o"}
    for ax, metric in zip(axes, data.metrics):
        for level, x, y in data.series(metric):
            colour = "black" if theme_bw else HUES[level]
            label = metric if level == "training" else f"val_{metric}"
            point_style = {"linestyle": "none", "marker": marker[level], "markersize": 5, "label": label}
            if theme_bw:
                point_style.update(color="black", markerfacecolor="none")
            else:
                point_style.update(markerfacecolor=colour, markeredgecolor="black", markeredgewidth=0.6)
            point_style.update(kwargs)
            if lines:
                ax.plot(x, y, color=colour, linewidth=1, label="_line",
                        linestyle="--" if theme_bw and level == "validation" else "-")
            ax.plot(x, y, **point_style)
            if smooth:
                grid = np.linspace(x.min(), x.max(), 80)
                fitted = loess(x, y, grid)
                if np.isfinite(fitted).any():
                    line_colour = "0.47" if theme_bw else (HUES[level] if data.validation else SMOOTH_BLUE)
                    ax.plot(grid, fitted, color=line_colour, linewidth=1 if theme_bw else 1.5,
                            linestyle="--" if theme_bw and level == "validation" else "-",
                            label="_smooth")
        ax.set_ylabel(metric)
        if not theme_bw:
            ax.grid(True, color="0.9")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best", fontsize="small", frameon=not theme_bw)
    axes[-1].set_xlabel("epoch")
    if full_range:
        low, high = data.epoch_range
        axes[-1].set_xlim(low - 0.5, high + 0.5)
    figure.rkeras_panels = panels
    return figure


def default_size(panels: int) -> tuple[float, float]:
    """Width and height in inches for a stack of ``panels`` panels."""
    return (6.0, 1.0 + 2.0 * max(panels, 1))


@functools.cache
def _figure_class():
    from matplotlib.figure import Figure

    class HistoryFigure(Figure):
        """A matplotlib Figure that shows itself as a PNG in notebooks."""

        def _repr_png_(self):
            import io

            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return HistoryFigure


# -- saving ---------------------------------------------------------------------
def save_plot(plot, path, width: float = 6, height: float | None = None, dpi: float = 100) -> str:
    """Save a plot made by :func:`plot_history` (either kind) to a PNG file.

    Parameters
    ----------
    plot : plotnine.ggplot or matplotlib.figure.Figure
    path : str or os.PathLike
        The file to write.
    width, height : float
        Inches. ``height`` None: grows with the number of panels.
    dpi : float
        Dots per inch.

    Returns
    -------
    str
        The path written.
    """
    import os

    path = os.fspath(path)
    if height is None:
        height = default_size(_panels(plot))[1]
    if type(plot).__name__ == "ggplot" and hasattr(plot, "save"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # plotnine's "saving ... image" chatter
            plot.save(path, width=width, height=height, dpi=dpi, units="in", verbose=False)
        return path
    if hasattr(plot, "savefig"):
        plot.set_size_inches(width, height)
        plot.savefig(path, dpi=dpi, format="png")
        return path
    raise arg_error("plot", plot, "a plot returned by plot_history() (a plotnine ggplot or a matplotlib Figure)")


def _panels(plot) -> int:
    panels = getattr(plot, "rkeras_panels", None)
    if panels is not None:
        return int(panels)
    data = getattr(plot, "data", None)
    if data is not None and "metric" in getattr(data, "columns", ()):
        return max(1, int(data["metric"].nunique()))
    return 1

"""R's base graphics that add to a plot (Deep Learning with R's curves of validation loss):
``plot(NULL, xlim =, ylim =, main =, xlab =, ylab =)`` sets up an empty panel, ``lines()`` and
``abline()`` draw into the current panel, ``legend()`` labels it, ``extendrange()`` pads a range.
Drawn with matplotlib on the device of :mod:`rkeras.rbase.graphics` (``png()``, ``Rplots.pdf``).

Line types (``lty``) are R's: 1 solid, 2 dashed, 3 dotted, 4 dot-dash, 5 long dash, 6 two-dash,
or their names; colours are R's names (matplotlib knows the common ones). ``panel.first``
(given as a function by the porter) is drawn after the panel is set up, before anything else.
Differences from R: ``las`` (label orientation) and margins keep matplotlib's defaults.
"""

from __future__ import annotations

import numpy as np

from .errors import RError

__all__ = ["plot_new_panel", "lines", "abline", "legend", "extendrange", "plot_new", "plot_window", "raster_image", "grid"]

_LTY = {1: "-", 2: "--", 3: ":", 4: "-.", 5: (0, (10, 3)), 6: (0, (6, 2, 2, 2)),
        "solid": "-", "dashed": "--", "dotted": ":", "dotdash": "-.", "longdash": (0, (10, 3)),
        "twodash": (0, (6, 2, 2, 2)), "blank": "None", 0: "None"}

_WHERE = {"bottomright": "lower right", "bottom": "lower center", "bottomleft": "lower left",
          "left": "center left", "topleft": "upper left", "top": "upper center", "topright": "upper right",
          "right": "center right", "center": "center"}


def _linestyle(lty):
    key = lty if isinstance(lty, str) else int(lty)
    if key not in _LTY:
        raise RError(f"invalid line type: lty = {lty!r}")
    return _LTY[key]


def _colour(col, default="black"):
    if col is None:
        return default
    if isinstance(col, (int, np.integer)):
        palette = ["black", "#DF536B", "#61D04F", "#2297E6", "#28E2E5", "#CD0BBC", "#F5C710", "gray62"]
        return palette[(int(col) - 1) % len(palette)]
    return str(col)


def _current_axes():
    from .graphics import current_axes

    axes = current_axes()
    if axes is None:
        raise RError("plot.new has not been called yet")
    return axes


def plot_new_panel(xlim=None, ylim=None, main=None, xlab=None, ylab=None, panel_first=None, **ignored):
    """R's ``plot(NULL, xlim, ylim, ...)``: an empty panel with those limits and labels."""
    from .graphics import next_axes

    axes = next_axes()
    if xlim is not None:
        axes.set_xlim(*[float(v) for v in np.ravel(xlim)[:2]])
    if ylim is not None:
        axes.set_ylim(*[float(v) for v in np.ravel(ylim)[:2]])
    axes.set_xlabel("" if xlab is None else str(xlab))
    axes.set_ylabel("" if ylab is None else str(ylab))
    if main is not None:
        axes.set_title(str(main))
    if callable(panel_first):
        panel_first()
    return axes


def lines(x, y=None, lty=1, type="l", col=None, lwd=1, type_=None, **ignored):
    """R's ``lines()``: ``lines(v)`` is ``v`` against ``1..n``; ``type = "o"``/``"b"`` adds points."""
    type = type if type_ is None else type_
    values = np.asarray(x, dtype=float).ravel(order="F")
    if y is None:
        xs, ys = np.arange(1, values.size + 1), values
    else:
        xs, ys = values, np.asarray(y, dtype=float).ravel(order="F")
    marker = {"l": "", "o": "o", "b": "o", "p": "o"}.get(str(type))
    if marker is None:
        raise RError(f"lines(): type should be one of 'l', 'o', 'b', 'p'. Got type={type!r}")
    axes = _current_axes()
    axes.plot(xs, ys, linestyle="None" if type == "p" else _linestyle(lty), marker=marker or None,
              markerfacecolor="none", markersize=4, color=_colour(col), linewidth=float(lwd))
    return None


def abline(a=None, b=None, h=None, v=None, col=None, lty=1, lwd=1, **ignored):
    """R's ``abline()``: the line ``y = a + b x``, or horizontal (``h``) / vertical (``v``) lines."""
    axes = _current_axes()
    style = dict(color=_colour(col), linestyle=_linestyle(lty), linewidth=float(lwd))
    for value in ([] if h is None else np.ravel(h)):
        axes.axhline(float(value), **style)
    for value in ([] if v is None else np.ravel(v)):
        axes.axvline(float(value), **style)
    if a is not None:
        if b is None:
            a, b = np.ravel(a)[:2]
        axes.axline((0.0, float(np.ravel(a)[0])), slope=float(np.ravel(b)[0]), **style)
    return None


def legend(x="topright", y=None, legend=None, lty=None, col=None, pch=None, **ignored):
    """R's ``legend(where, legend = labels, lty =, col =)`` on the current panel."""
    from matplotlib.lines import Line2D

    labels = [str(v) for v in np.ravel(np.asarray(legend, dtype=object))]
    n = len(labels)

    def each(value, default):
        if value is None:
            return [default] * n
        values = list(np.ravel(np.asarray(value, dtype=object)))
        return [values[i % len(values)] for i in range(n)]

    handles = [Line2D([], [], linestyle=_linestyle(style) if style is not None else "None",
                      marker="o" if pch is not None else None, color=_colour(colour))
               for style, colour in zip(each(lty, None), each(col, None))]
    where = _WHERE.get(str(x), "best") if isinstance(x, str) else "best"
    _current_axes().legend(handles, labels, loc=where)
    return None


def extendrange(x=None, r=None, f=0.05):
    """R's ``extendrange()``: the range of ``x`` (or ``r``) widened by ``f`` of its length each side."""
    values = np.asarray(x if r is None else r, dtype=float)
    low, high = float(np.nanmin(values)), float(np.nanmax(values))
    pad = np.ravel(f) * (high - low)
    return np.array([low - pad[0], high + pad[-1]])


def plot_new():
    """R's ``plot.new()``: the next panel, empty, with R's default coordinates 0..1."""
    from .graphics import next_axes

    axes = next_axes()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_axis_off()
    return None


def plot_window(xlim, ylim, *args, **kwargs):
    """R's ``plot.window(xlim, ylim)``: the current panel's coordinates."""
    axes = _current_axes()
    axes.set_xlim(*[float(v) for v in np.ravel(xlim)[[0, -1]]])
    axes.set_ylim(*[float(v) for v in np.ravel(ylim)[[0, -1]]])
    return None


def raster_image(image, xleft, ybottom, xright, ytop, angle=0, interpolate=True, **ignored):
    """R's ``rasterImage()``: the image drawn into the rectangle of the current panel."""
    from .graphics import Raster

    array = image.array if isinstance(image, Raster) else np.asarray(image, dtype=float)
    axes = _current_axes()
    axes.imshow(np.clip(array, 0, 1), extent=(float(xleft), float(xright), float(ybottom), float(ytop)),
                cmap="gray" if array.ndim == 2 else None, vmin=0, vmax=1, aspect="auto",
                interpolation="bilinear" if interpolate else "nearest")
    return None


def grid(nx=None, ny=None, col="lightgray", lty="dotted", lwd=1, **ignored):
    """R's ``grid()``: dotted light grey lines at the current panel's ticks."""
    axes = _current_axes()
    axes.grid(True, color=_colour(col), linestyle=_linestyle(lty), linewidth=float(lwd))
    return None

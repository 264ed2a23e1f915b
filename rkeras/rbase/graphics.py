"""The part of R's base graphics that keras scripts use to show images, on matplotlib.

``png(file)`` opens a device, ``par(mfrow = c(r, c))`` / ``par(mfcol = ...)`` splits it into
panels, ``plot(as.raster(img))`` and ``image(m)`` draw an image in the next panel, ``plot(v)`` /
``plot(x, y)`` draw numbers there, ``title()`` names it, ``dev.off()`` writes the file. Without
``png()``, a script's device is Rscript's ``Rplots.pdf``, written when the script ends (in a
notebook, the figure is shown).

Differences from R: margins and axis styles of ``par()`` (``mar``, ``xaxs``, ...) are not
reproduced (matplotlib's defaults are used); colours of ``image()`` follow its ``col`` only
for grey scales.
"""

from __future__ import annotations

import numpy as np

from .errors import RError

__all__ = ["png", "pdf", "par", "dev_off", "as_raster", "image", "title", "gray", "grey", "Raster", "image_read"]

_DEVICE = {"figure": None, "file": None, "grid": (1, 1), "by_column": False, "next": 0}


class Raster:
    """R's ``as.raster()``: an image (values in [0, 1], or 0..max scaled)."""

    def __init__(self, array, max=1.0):
        self.array = np.asarray(array, dtype=float) / float(max)


def _figure():
    import matplotlib

    if _DEVICE["file"] is not None or _DEVICE["figure"] is None:
        matplotlib.use(matplotlib.get_backend())
    import matplotlib.pyplot as plt

    if _DEVICE["figure"] is None:
        _DEVICE["figure"] = plt.figure()
        _DEVICE["next"] = 0
        _save_at_exit()
    return _DEVICE["figure"]


def _save_at_exit():
    """Rscript writes what was drawn without ``png()``/``pdf()`` to ``Rplots.pdf`` when it ends;
    a script does the same (a notebook shows the figure instead)."""
    if _DEVICE.get("exit_hook") or in_notebook():
        return
    import atexit

    atexit.register(_close_rplots)
    _DEVICE["exit_hook"] = True


_RPLOTS = {"figures": []}


def rplots_page(figure) -> None:
    """One page of Rscript's device, ``Rplots.pdf`` in the working directory: each plot a script
    prints (``plot(history)``, a ggplot) is a page, in order, as Rscript writes them; base
    graphics drawn without ``png()`` become the last page when the script ends. The file is
    rewritten with all pages at each new one, so it is complete at any time."""
    import os

    from matplotlib.backends.backend_pdf import PdfPages

    path = os.path.abspath("Rplots.pdf")
    if _RPLOTS.get("path") != path:             # a script run in another folder: a new device
        _RPLOTS.update(path=path, figures=[])
    _RPLOTS["figures"].append(figure)
    _save_at_exit()
    with PdfPages(path) as pages:
        for page in _RPLOTS["figures"]:
            pages.savefig(page)


def device_open() -> bool:
    """Whether ``png()``/``pdf()`` opened a device that ``dev.off()`` has not closed yet."""
    return _DEVICE["file"] is not None and _DEVICE["figure"] is not None


def device_page(figure) -> None:
    """A whole-page plot (a ggplot, a history) printed while ``png()``/``pdf()`` is open goes to
    that device, as in R: it becomes the figure ``dev.off()`` writes."""
    import matplotlib.pyplot as plt

    old = _DEVICE["figure"]
    figure.set_size_inches(*old.get_size_inches())
    if old is not figure:
        plt.close(old)
    _DEVICE.update(figure=figure, next=0)


def _close_rplots():
    figure = _DEVICE["figure"]
    if figure is not None and _DEVICE["file"] is None and figure.axes:
        rplots_page(figure)
    _RPLOTS["figures"] = []


def in_notebook() -> bool:
    """Whether the code runs in a Jupyter kernel (where figures are shown, not written)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def png(filename="Rplot%03d.png", width=480, height=480, *args, **kwargs):
    import matplotlib.pyplot as plt

    _DEVICE.update(file=filename, grid=(1, 1), by_column=False, next=0,
                   figure=plt.figure(figsize=(float(width) / 100, float(height) / 100), dpi=100))


def pdf(file="Rplots.pdf", width=7, height=7, *args, **kwargs):
    import matplotlib.pyplot as plt

    _DEVICE.update(file=file, grid=(1, 1), by_column=False, next=0, figure=plt.figure(figsize=(float(width), float(height))))


def par(mfrow=None, mfcol=None, **ignored):
    """R's ``par()``: the panel grid (``mfrow``/``mfcol``); other settings keep matplotlib's look.
    Returns the old grid, as R returns the old values (``op <- par(mfrow = ...); par(op)``)."""
    if isinstance(mfrow, dict):                 # par(op): the settings an earlier par() returned
        return par(**mfrow)
    layout = mfrow if mfrow is not None else mfcol
    old = {}
    if layout is not None:
        old = {"mfcol" if _DEVICE["by_column"] else "mfrow": list(_DEVICE["grid"])}
        rows, cols = (int(v) for v in np.ravel(layout))
        _figure()
        _DEVICE.update(grid=(rows, cols), by_column=mfcol is not None, next=0)
    return old


def _next_axes():
    figure = _figure()
    rows, cols = _DEVICE["grid"]
    index = _DEVICE["next"] % (rows * cols)
    if _DEVICE["by_column"]:
        index = (index % rows) * cols + index // rows
    _DEVICE["next"] += 1
    axes = figure.add_subplot(rows, cols, index + 1)
    axes.set_axis_off()
    return axes


def as_raster(x, max=1.0, *args, **kwargs):
    return Raster(x, max=max)


def image_read(path, density=None, depth=None, strip=False, defines=None):
    """magick's ``image_read(path)`` of an image file, read with Pillow, as a :class:`Raster`
    (what ``plot()`` draws). Only a file path is ported (magick also took URLs and raw bytes);
    magick's other image functions are not."""
    from PIL import Image

    with Image.open(str(path)) as img:
        return Raster(np.asarray(img.convert("RGB")), max=255.0)


def plot_raster(raster):
    axes = _next_axes()
    axes.imshow(np.clip(raster.array, 0, 1), cmap="gray" if raster.array.ndim == 2 else None, vmin=0, vmax=1,
                interpolation="nearest")
    return axes


def plot_xy(x, y=None, type="p", xlab=None, ylab=None, main=None, col=None, type_=None, **ignored):
    """R's ``plot()`` of numbers, into the next panel: ``plot(v)`` is ``v`` against its index
    (``1..n``), ``plot(x, y)`` a scatter, ``plot(m)`` of a matrix its first two columns (one
    column: against the index); ``type = "l"`` draws lines, ``"b"``/``"o"`` both."""
    type = type if type_ is None else type_     # the porter writes R's `type` as type_
    values = np.asarray(x, dtype=float)
    if y is None and values.ndim == 2 and values.shape[1] >= 2:
        values, y = values[:, 0], values[:, 1]
    if y is None:
        ys = values.ravel(order="F")
        xs = np.arange(1, ys.size + 1)
        xlab = "Index" if xlab is None else xlab
    else:
        xs, ys = values.ravel(order="F"), np.asarray(y, dtype=float).ravel(order="F")
        if xs.size != ys.size:
            raise RError(f"plot(): 'x' and 'y' lengths differ ({xs.size} and {ys.size})")
    axes = _next_axes()
    axes.set_axis_on()
    style = {"p": "o", "l": "-", "b": "o-", "o": "o-"}.get(str(type))
    if style is None:
        raise RError(f"plot(): type should be one of 'p', 'l', 'b', 'o'. Got type={type!r}")
    axes.plot(xs, ys, style, markersize=3, markerfacecolor="none", color=col if isinstance(col, str) else "black")
    axes.set_xlabel("" if xlab is None else str(xlab))
    axes.set_ylabel("" if ylab is None else str(ylab))
    if main is not None:
        axes.set_title(str(main))
    return axes


def image(x, y=None, z=None, zlim=None, xlim=None, ylim=None, col=None, *args, **kwargs):
    """R's ``image(m)`` or ``image(x, y, m)``: R draws the matrix rotated (rows along x, from the bottom)."""
    matrix = x if z is None else z
    axes = _next_axes()
    axes.imshow(np.rot90(np.asarray(matrix, dtype=float)), cmap="gray", interpolation="nearest")
    return axes


def title(main=None, *args, **kwargs):
    figure = _figure()
    if figure.axes and main is not None:
        figure.axes[-1].set_title(str(main))


def gray(level, alpha=None):
    return np.asarray(level)


grey = gray


def dev_off():
    """R's ``dev.off()``: writes the open device's file and closes it."""
    import matplotlib.pyplot as plt

    figure = _DEVICE["figure"]
    if figure is None and _RPLOTS["figures"]:
        _close_rplots()                         # the pages printed plots went to: Rplots.pdf is complete
        return None
    if figure is None:
        raise RError("dev.off(): cannot shut down device 1 (the null device)")
    if _DEVICE["file"] is None:
        rplots_page(figure)                     # the default device: the last page of Rplots.pdf
        _DEVICE["figure"] = None
        _close_rplots()
    else:
        figure.savefig(_DEVICE["file"])
    plt.close(figure)
    _DEVICE.update(figure=None, file=None, grid=(1, 1), by_column=False, next=0)
    return None


def current_axes():
    """The panel drawn last on the open device (where ``lines()``/``abline()`` add), or None."""
    figure = _DEVICE["figure"]
    return figure.axes[-1] if figure is not None and figure.axes else None


def next_axes():
    """A new panel on the device (the next cell of ``par(mfrow)``'s grid), axes shown."""
    axes = _next_axes()
    axes.set_axis_on()
    return axes

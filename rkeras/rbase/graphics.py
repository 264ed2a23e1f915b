"""The part of R's base graphics that keras scripts use to show images, on matplotlib.

``png(file)`` opens a device, ``par(mfrow = c(r, c))`` / ``par(mfcol = ...)`` splits it into
panels, ``plot(as.raster(img))`` and ``image(m)`` draw an image in the next panel, ``title()``
names it, ``dev.off()`` writes the file. Without ``png()``, a script's device is Rscript's
``Rplots.pdf`` (in a notebook, the figure is shown).

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
    return _DEVICE["figure"]


def png(filename="Rplot%03d.png", width=480, height=480, *args, **kwargs):
    import matplotlib.pyplot as plt

    _DEVICE.update(file=filename, grid=(1, 1), next=0,
                   figure=plt.figure(figsize=(float(width) / 100, float(height) / 100), dpi=100))


def pdf(file="Rplots.pdf", width=7, height=7, *args, **kwargs):
    import matplotlib.pyplot as plt

    _DEVICE.update(file=file, grid=(1, 1), next=0, figure=plt.figure(figsize=(float(width), float(height))))


def par(mfrow=None, mfcol=None, **ignored):
    """R's ``par()``: the panel grid (``mfrow``/``mfcol``); other settings keep matplotlib's look."""
    layout = mfrow if mfrow is not None else mfcol
    if layout is not None:
        rows, cols = (int(v) for v in np.ravel(layout))
        _figure()
        _DEVICE.update(grid=(rows, cols), by_column=mfcol is not None, next=0)
    return {}


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
    if figure is None:
        raise RError("dev.off(): cannot shut down device 1 (the null device)")
    figure.savefig(_DEVICE["file"] or "Rplots.pdf")
    plt.close(figure)
    _DEVICE.update(figure=None, file=None, grid=(1, 1), next=0)
    return None

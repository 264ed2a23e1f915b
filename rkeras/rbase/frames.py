"""Data frames, factors, files, plots and R keras' layer composition, as ported scripts use them."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["data_frame", "factor", "levels", "nlevels", "as_data_frame", "write_csv", "read_csv", "plot",
           "ggsave", "file_path", "file_exists", "dir_exists", "dir_create", "basename", "dirname",
           "list_files", "read_lines", "write_lines", "read_rds", "save_rds", "sys_time", "sys_getenv",
           "sys_setenv", "tempfile", "tempdir", "unlink", "compose_layer", "system_time", "set_levels"]


def data_frame(*args, stringsAsFactors=False, check_names=True, **columns):
    """R's ``data.frame()``: named columns; character columns stay text (R >= 4 default)."""
    frame = pd.DataFrame({k: np.asarray(v) if not isinstance(v, pd.Categorical) else v for k, v in columns.items()})
    for a in args:
        frame = pd.concat([frame, pd.DataFrame(a)], axis=1)
    return frame


def factor(x, levels=None, labels=None):
    """R's ``factor()``: a pandas Categorical, levels sorted unless given."""
    values = np.asarray(x).ravel()
    if levels is None:
        levels = sorted(pd.unique(pd.Series(values)).tolist())
    cat = pd.Categorical(values, categories=list(np.ravel(levels)))
    if labels is not None:
        cat = cat.rename_categories(list(np.ravel(labels)))
    return pd.Series(cat)


def levels(x):
    return list(x.cat.categories) if isinstance(x, pd.Series) else list(x.categories)


def set_levels(x, value):
    return x.cat.rename_categories(list(np.ravel(value))) if isinstance(x, pd.Series) else x.rename_categories(list(np.ravel(value)))


def nlevels(x):
    return len(levels(x))


def as_data_frame(x, *args, **kwargs):
    """R's ``as.data.frame()``: a training history becomes R keras' long data frame."""
    if hasattr(x, "to_data_frame"):
        return x.to_data_frame()
    if isinstance(x, pd.DataFrame):
        return x
    if isinstance(x, dict):
        return pd.DataFrame(x)
    arr = np.asarray(x)
    frame = pd.DataFrame(arr if arr.ndim > 1 else arr.reshape(-1, 1))
    frame.columns = [f"V{i + 1}" for i in range(frame.shape[1])]
    return frame


def write_csv(x, file, *args, row_names=True, **kwargs):
    """R's ``write.csv()``: with R's quoted 1-based row names as the first, unnamed column."""
    frame = as_data_frame(x).copy()
    if row_names:
        frame.index = [str(i + 1) for i in range(len(frame))]
        frame.to_csv(file, index=True, index_label="")
    else:
        frame.to_csv(file, index=False)


def read_csv(file, header=True, sep=",", *args, **kwargs):
    return pd.read_csv(file, header=0 if header else None, sep=sep)


def _in_notebook():
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


def plot(x, y=None, *args, show=True, **kwargs):
    """R's ``plot()`` of a training history. As R prints a plot at the top level: with ``show``
    it is shown in a notebook, and from a script saved to ``Rplots.pdf`` in the working directory
    (Rscript's device). Returns the figure (``ggsave(file, plot(history))`` saves it)."""
    if not hasattr(x, "plot") or not hasattr(x, "to_data_frame"):
        raise RError("plot() of anything but a training history is not ported")
    figure = x.plot(*args, **kwargs)
    if not show:
        return figure
    if _in_notebook():
        from IPython.display import display

        display(figure)
    else:
        from ..plotting import save_plot

        save_plot(figure, "Rplots.pdf")
    return figure


def ggsave(filename, plot=None, *args, **kwargs):
    """ggplot2's ``ggsave(filename, plot)``."""
    if plot is None:
        raise RError("ggsave() needs the plot to save (ggplot2's last_plot() is not tracked)")
    from ..plotting import save_plot

    save_plot(plot, filename)


def file_path(*parts, fsep="/"):
    return fsep.join(str(p) for p in parts)


def file_exists(*paths):
    out = [os.path.exists(p) for p in paths]
    return out[0] if len(out) == 1 else np.array(out)


def dir_exists(paths):
    return os.path.isdir(paths)


def dir_create(path, showWarnings=True, recursive=False):
    os.makedirs(path, exist_ok=True) if recursive else os.mkdir(path) if not os.path.isdir(path) else None
    return True


def basename(path):
    return os.path.basename(str(path).rstrip("/"))


def dirname(path):
    return os.path.dirname(str(path)) or "."


def list_files(path=".", pattern=None, all_files=False, full_names=False, recursive=False):
    import re

    out = []
    if recursive:
        for root, _, files in os.walk(path):
            for f in files:
                out.append(os.path.relpath(os.path.join(root, f), path))
    else:
        out = os.listdir(path)
    if pattern is not None:
        out = [f for f in out if re.search(pattern, os.path.basename(f))]
    if not all_files:
        out = [f for f in out if not os.path.basename(f).startswith(".")]
    out = sorted(out)
    return np.array([os.path.join(path, f) if full_names else f for f in out], dtype=object)


def read_lines(con, n=-1, *args, **kwargs):
    with open(con, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    return np.array(lines if n < 0 else lines[: int(n)], dtype=object)


def write_lines(text, con, sep="\n"):
    with open(con, "w", encoding="utf-8") as handle:
        handle.write(sep.join(np.ravel(text).tolist() if not isinstance(text, str) else [text]) + sep)


def read_rds(file):
    import pickle

    with open(file, "rb") as handle:
        return pickle.load(handle)


def save_rds(object, file):
    """R's ``saveRDS()``: Python pickles (R's .rds format is not written)."""
    import pickle

    with open(file, "wb") as handle:
        pickle.dump(object, handle)


def sys_time():
    import datetime

    return datetime.datetime.now()


def system_time(expr):
    return expr


def sys_getenv(x=None, unset=""):
    return dict(os.environ) if x is None else os.environ.get(x, unset)


def sys_setenv(**values):
    os.environ.update({k: str(v) for k, v in values.items()})
    return True


def tempfile(pattern="file", tmpdir=None, fileext=""):
    import tempfile as _tempfile
    import uuid

    return os.path.join(tmpdir or _tempfile.gettempdir(), f"{pattern}{uuid.uuid4().hex[:12]}{fileext}")


def tempdir():
    import tempfile as _tempfile

    return _tempfile.gettempdir()


def unlink(x, recursive=False, force=False):
    import shutil

    for path in np.ravel(x).tolist():
        if os.path.isdir(path) and recursive:
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.exists(path):
            os.remove(path)


def compose_layer(object, layer):
    """R keras' composition of ``layer_*(object, ...)``: a Sequential model gets the layer added
    (and is returned, changed in place as in R); anything else has the layer called on it."""
    if object is None:
        return layer
    if type(object).__name__ == "Sequential" and hasattr(object, "add"):
        object.add(layer)
        return object
    return layer(object)

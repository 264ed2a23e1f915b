"""Data frames, factors, files, plots and R keras' layer composition, as ported scripts use them."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["data_frame", "factor", "levels", "nlevels", "as_data_frame", "write_csv", "read_csv", "plot",
           "ggsave", "file_path", "file_exists", "dir_exists", "dir_create", "basename", "dirname",
           "list_files", "read_lines", "write_lines", "read_rds", "save_rds", "sys_time", "sys_getenv",
           "sys_setenv", "tempfile", "tempdir", "unlink", "compose_layer", "system_time", "set_levels",
           "py_import", "py_builtins", "identity", "np_array", "download_file", "unzip", "untar", "fivenum",
           "abind", "stri_reverse", "map_df", "bind_rows", "file_copy", "dir_ls", "rexp", "inherits",
           "rownames", "sys_sleep", "exists", "dots_list", "tf_structure", "dataset_map", "py_iterator",
           "custom_metric", "shape"]


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
    from .graphics import Raster, plot_raster

    if isinstance(x, Raster):
        return plot_raster(x)                  # plot(as.raster(img)): into the open device
    if not hasattr(x, "plot") or not hasattr(x, "to_data_frame"):
        raise RError("plot() of anything but a training history or a raster is not ported")
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


def py_import(module, as_=None, convert=True, delay_load=False):
    """reticulate's ``import("numpy")``: the Python module."""
    import importlib

    return importlib.import_module(module)


def py_builtins(convert=True):
    import builtins

    return builtins


def identity(x, *args, **kwargs):
    return x


def np_array(data, dtype=None, order="C"):
    return np.array(data, dtype=dtype, order=order)


def download_file(url, destfile, method=None, quiet=False, mode="w"):
    import urllib.request

    urllib.request.urlretrieve(url, destfile)
    return 0


def unzip(zipfile, files=None, list=False, overwrite=True, junkpaths=False, exdir="."):
    import zipfile as _zip

    with _zip.ZipFile(zipfile) as archive:
        if list:
            return archive.namelist()
        archive.extractall(exdir, members=files)
        return [os.path.join(exdir, n) for n in (files or archive.namelist())]


def untar(tarfile, files=None, list=False, exdir="."):
    import tarfile as _tar

    with _tar.open(tarfile) as archive:
        if list:
            return archive.getnames()
        archive.extractall(exdir)
    return 0


def fivenum(x, na_rm=True):
    arr = np.sort(np.asarray(x, dtype=float)[~np.isnan(np.asarray(x, dtype=float))])
    n = arr.size
    n4 = np.floor((n + 3) / 2) / 2
    d = np.array([1, n4, (n + 1) / 2, n + 1 - n4, n]) - 1
    return 0.5 * (arr[np.floor(d).astype(int)] + arr[np.ceil(d).astype(int)])


def abind(*arrays, along=None):
    """abind's ``abind(..., along = k)``: joins arrays along axis k (1-based; new axis when k = ndim + 1)."""
    arrays = [np.asarray(a) for a in (arrays[0] if len(arrays) == 1 and isinstance(arrays[0], (list, tuple)) else arrays)]
    ndim = arrays[0].ndim
    along = ndim if along is None else int(along)
    if along > ndim:
        return np.stack(arrays, axis=ndim)
    return np.concatenate(arrays, axis=along - 1)


def stri_reverse(str):
    return str[::-1] if isinstance(str, (type(""),)) else np.array([s[::-1] for s in np.ravel(str)], dtype=object)


def map_df(x, f, *args, **kwargs):
    from .vectors import lapply

    parts = lapply(x, f, *args, **kwargs)
    parts = list(parts.values()) if isinstance(parts, dict) else parts
    return pd.concat([pd.DataFrame(p) if not isinstance(p, pd.DataFrame) else p for p in parts], ignore_index=True)


def bind_rows(*frames):
    return pd.concat([pd.DataFrame(f) if not isinstance(f, pd.DataFrame) else f for f in frames], ignore_index=True)


def file_copy(path, new_path, overwrite=False):
    import shutil

    shutil.copy(path, new_path)
    return new_path


def dir_ls(path=".", glob=None, recurse=False, type="any", recursive=None):
    recurse = recurse if recursive is None else recursive
    import fnmatch

    found = list_files(path, full_names=True, recursive=bool(recurse))
    if glob is not None:
        found = [f for f in found if fnmatch.fnmatch(f, glob)]
    return np.array(found, dtype=object)


def rexp(n, rate=1.0):
    from .vectors import rng

    return rng().exponential(1.0 / rate, size=int(n))


def inherits(x, what, which=False):
    names = {c.__name__ for c in type(x).__mro__}
    return any(w in names for w in np.ravel(what).tolist())


def rownames(x):
    return [str(i) for i in x.index] if isinstance(x, pd.DataFrame) else None


def sys_sleep(time):
    import time as _time

    _time.sleep(float(time))


def exists(x):
    import inspect

    frame = inspect.currentframe().f_back
    return x in frame.f_globals or x in frame.f_locals


def dots_list(*args, **kwargs):
    """R's ``list(...)``: a list when nothing is named, else a dict keeping the names."""
    if not kwargs:
        return list(args)
    out = {str(i + 1): v for i, v in enumerate(args)}
    out.update(kwargs)
    return out


def tf_structure(x):
    """An R list given to tfdatasets: an unnamed list is a tuple of components, a named one a dict."""
    if isinstance(x, list):
        return tuple(tf_structure(v) for v in x)
    if isinstance(x, dict):
        return {k: tf_structure(v) for k, v in x.items()}
    return x


def dataset_map(dataset, map_func):
    """tfdatasets' ``dataset_map``: R's function gets one element (a list for a tuple element)."""
    def one(*parts):
        return map_func(parts[0] if len(parts) == 1 else list(parts))

    return dataset.map(one)


def py_iterator(fn, completed=None):
    """reticulate's ``py_iterator(fn)``: a generator yielding ``fn()`` until it returns ``completed``."""
    while True:
        value = fn()
        if value is completed:
            return
        yield value


def custom_metric(name, metric_fn):
    """R keras' ``custom_metric(name, fn)``: the function, named so Keras reports it as ``name``."""
    metric_fn.__name__ = str(name)
    return metric_fn


def shape(*dims):
    """tensorflow's ``shape(28, 28)``: a tuple, ``NA``/``NULL`` as None."""
    from .indexing import as_shape

    return as_shape(list(dims)) if dims else ()

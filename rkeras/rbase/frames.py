"""Data frames, factors, plots, reticulate's helpers and R keras' layer composition, as ported scripts use them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import RError
from .tensors import is_tensor

__all__ = ["data_frame", "factor", "cut", "data_matrix", "glimpse", "levels", "set_levels", "nlevels", "as_data_frame", "write_csv",
           "read_csv", "plot", "compose_layer", "layer_function", "py_import", "py_builtins", "identity", "np_array",
           "fivenum", "abind", "stri_reverse", "map_df", "bind_rows", "rexp", "inherits", "rownames",
           "dots_list", "tf_structure", "dataset_map", "py_iterator", "custom_metric", "shape"]


def data_frame(*args, stringsAsFactors=False, check_names=True, **columns):
    """R's ``data.frame()``: named columns; character columns stay text (R >= 4 default)."""
    values = {k: np.atleast_1d(np.asarray(v)) if not isinstance(v, (pd.Categorical, pd.Series)) else v
              for k, v in columns.items()}
    n = max((len(v) for v in values.values()), default=0)
    values = {k: np.repeat(v, n) if len(v) == 1 and n > 1 and isinstance(v, np.ndarray) else v   # R recycles
              for k, v in values.items()}
    frame = pd.DataFrame(values)
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


def cut(x, breaks, labels=None, include_lowest=False, right=True, dig_lab=3, ordered_result=False):
    """R's ``cut()``: which interval of ``breaks`` each value falls in.

    One number of ``breaks`` cuts the range of ``x`` into that many equal intervals (the outer
    ends widened by 1/1000 of the range, as R does). ``labels = FALSE`` gives the 1-based interval
    codes (NaN outside every interval); otherwise a factor labelled ``"(a,b]"`` (or ``labels``).
    """
    values = np.asarray(x, dtype=float).ravel()
    edges = np.atleast_1d(np.asarray(breaks, dtype=float))
    if edges.size == 1:
        count = int(edges[0])
        low, high = np.nanmin(values), np.nanmax(values)
        span = high - low
        if span == 0:
            span = abs(low)
            edges = np.linspace(low - span / 1000, high + span / 1000, count + 1)
        else:
            edges = np.linspace(low, high, count + 1)
            edges[0], edges[-1] = low - span / 1000, high + span / 1000
    else:
        edges = np.sort(edges)
    codes = np.searchsorted(edges, values, side="left" if right else "right").astype(float)
    if include_lowest:
        codes[values == (edges[0] if right else edges[-1])] = 1 if right else edges.size - 1
    codes[(codes < 1) | (codes > edges.size - 1) | np.isnan(values)] = np.nan
    if labels is False:
        return codes.astype(int) if not np.isnan(codes).any() else codes
    if labels is None:
        for digits in range(int(dig_lab), max(12, int(dig_lab)) + 1):
            shown = [f"{b:.{digits}g}" for b in edges]
            if len(set(shown)) == len(shown):
                break
        opening, closing = ("(", "]") if right else ("[", ")")
        labels = [f"{opening}{a},{b}{closing}" for a, b in zip(shown[:-1], shown[1:])]
        if include_lowest:
            if right:
                labels[0] = "[" + labels[0][1:]
            else:
                labels[-1] = labels[-1][:-1] + "]"
    labels = [str(label) for label in np.ravel(labels)]
    named = [labels[int(c) - 1] if not np.isnan(c) else np.nan for c in codes]
    return pd.Series(pd.Categorical(named, categories=labels, ordered=bool(ordered_result)))


def data_matrix(frame, rownames_force=None):
    """R's ``data.matrix()``: a data frame as a numeric matrix; logical columns are 0/1, factors
    their 1-based codes, and text columns are first made factors (sorted levels), then codes."""
    if not isinstance(frame, pd.DataFrame):
        return np.asarray(frame, dtype=float)
    columns = []
    for name in frame.columns:
        col = frame[name]
        if col.dtype.name == "category":
            codes = col.cat.codes.to_numpy().astype(float) + 1
        elif col.dtype == object or pd.api.types.is_string_dtype(col):
            codes = pd.Categorical(col, categories=sorted(pd.unique(col.dropna()))).codes.astype(float) + 1
        else:
            codes = col.to_numpy(dtype=float)
            columns.append(codes)
            continue
        codes[codes == 0] = np.nan
        columns.append(codes)
    return np.column_stack(columns) if columns else np.empty((len(frame), 0))


def glimpse(x, width=None):
    """dplyr's ``glimpse()``: rows, columns, then one line per column (name, type, first values)."""
    import shutil

    width = int(width or shutil.get_terminal_size((80, 20)).columns)
    kinds = {"i": "<int>", "u": "<int>", "f": "<dbl>", "b": "<lgl>", "M": "<dttm>"}
    print(f"Rows: {len(x):,}\nColumns: {x.shape[1]:,}")
    names = [f"`{c}`" if not str(c).isidentifier() else str(c) for c in x.columns]
    pad = max((len(n) for n in names), default=0)
    for name, column in zip(names, x.columns):
        col = x[column]
        kind = "<fct>" if col.dtype.name == "category" else kinds.get(col.dtype.kind, "<chr>")
        shown = ", ".join(f'"{v}"' if kind == "<chr>" else f"{v:g}" if kind == "<dbl>" else
                          ("TRUE" if v else "FALSE") if kind == "<lgl>" else str(v)
                          for v in col.head(50).tolist())
        line = f"$ {name.ljust(pad)} {kind} {shown}"
        print(line if len(line) <= width else line[:width - 4].rstrip(", ") + ", …")
    return x


def levels(x):
    """R's ``levels()``: a character vector (a numpy array of the level labels)."""
    from .printing import r_label

    cats = x.cat.categories if isinstance(x, pd.Series) else x.categories
    return np.array([r_label(c) for c in cats], dtype=object)


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


def _numeric(x) -> bool:
    if isinstance(x, (pd.Series, np.ndarray, list, tuple)) or np.isscalar(x):
        try:
            return np.asarray(x).dtype.kind in "biuf"
        except (TypeError, ValueError):
            return False
    return False


def plot(x, y=None, *args, show=True, **kwargs):
    """R's ``plot()`` of a training history. As R prints a plot at the top level: with ``show``
    it is shown in a notebook, and from a script saved to ``Rplots.pdf`` in the working directory
    (Rscript's device). Returns the figure (``ggsave(file, plot(history))`` saves it)."""
    from .graphics import Raster, plot_raster, plot_xy

    if x is None:
        from .base_graphics import plot_new_panel

        return plot_new_panel(**kwargs)        # plot(NULL, xlim =, ylim =): an empty panel
    if isinstance(x, Raster):
        return plot_raster(x)                  # plot(as.raster(img)): into the open device
    if _numeric(x):
        first = kwargs.pop("panel_first", None)
        axes = plot_xy(x, y, *args, **kwargs)  # plot(v), plot(x, y): base graphics, same device
        if callable(first):
            first()                            # panel.first = grid(): drawn on the new panel
        return axes
    if not hasattr(x, "plot") or not hasattr(x, "to_data_frame"):
        raise RError("plot() of anything but a training history, numbers or a raster is not ported")
    figure = x.plot(*args, **kwargs)
    if not show:
        return figure
    from .ggplot import show_plot

    return show_plot(figure)


def compose_layer(object, layer, input=None):
    """R keras' composition of ``layer_*(object, ...)``: a Sequential model gets the layer added
    (and is returned, changed in place as in R); anything else has the layer called on it.

    ``input``: the ``keras.Input`` the layer's R arguments ``batch_input_shape``/``batch_size``
    describe; an empty Sequential model gets it first (elsewhere Keras 2 ignored them too)."""
    if object is None:
        return layer
    if type(object).__name__ == "Sequential" and hasattr(object, "add"):
        # (Keras 3 keeps a model's InputLayer out of .layers: it is in ._layers)
        if input is not None and not object.layers and not any(
                type(x).__name__ == "InputLayer" for x in getattr(object, "_layers", [])):
            object.add(input)
        object.add(layer)
        return object
    if _is_plain_layer(object):
        raise RError(
            f"{type(layer).__name__}: `object` is a {type(object).__name__} layer; R keras "
            "calls the new layer on `object`, which must be a tensor or a model (R keras 2.15 fails here "
            "too); to stack layers, pipe them into keras_model_sequential() or into layer_input()")
    return layer(object)


def layer_function(layer_class, integers=(), one_based=(), shapes=(), renames=None):
    """An R keras ``layer_*()`` function used as a value (``set_defaults(layer_conv_2d, ...)``,
    ``map(units, layer_dense)``): called with R's named arguments it does what R keras' function
    did, passing the ones R gave to ``as.integer()`` as ints, 1-based axes as 0-based and shapes
    as tuples (the port does this itself where it sees the call); a first positional argument is
    R's ``object``, on which the new layer is composed."""
    from .indexing import as_integers, as_shape, axis0

    renames = dict(renames or {})

    def call(object=None, **kwargs):
        converted = {}
        for name, value in kwargs.items():
            if name in shapes:
                value = as_shape(value)
            elif name in one_based:
                value = axis0(value)
            elif name in integers:
                value = as_integers(value)
            target = renames.get(name, name)
            if target is not None:
                converted[target] = value
        return compose_layer(object, layer_class(**converted))

    call.__name__ = getattr(layer_class, "__name__", "layer")
    return call


def _is_plain_layer(x) -> bool:
    """A Keras (or tf_keras) layer object that is not a model (a layer is not an input to another)."""
    if is_tensor(x) or not callable(x):
        return False
    mro = [f"{c.__module__}.{c.__name__}" for c in type(x).__mro__]
    is_layer = any(name.endswith(".Layer") and name.split(".")[0] in ("keras", "tf_keras", "tensorflow") for name in mro)
    return is_layer and not hasattr(x, "compile")


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
    from .apply import lapply

    parts = lapply(x, f, *args, **kwargs)
    parts = list(parts.values()) if isinstance(parts, dict) else parts
    return pd.concat([pd.DataFrame(p) if not isinstance(p, pd.DataFrame) else p for p in parts], ignore_index=True)


def bind_rows(*frames):
    return pd.concat([pd.DataFrame(f) if not isinstance(f, pd.DataFrame) else f for f in frames], ignore_index=True)


def rexp(n, rate=1.0):
    from .random import rng

    return rng().exponential(1.0 / rate, size=int(n))


def inherits(x, what, which=False):
    names = {c.__name__ for c in type(x).__mro__} | set(getattr(x, "r_class", ()))
    return any(w in names for w in np.ravel(what).tolist())


def rownames(x):
    return np.array([str(i) for i in x.index], dtype=object) if isinstance(x, pd.DataFrame) else None


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
    """tensorflow's ``shape(28, 28)``: a tuple, ``NA``/``NULL`` as None. Shapes and vectors given
    are spliced in, as R's ``shape(input_shape[2], units)`` does."""
    from .indexing import as_shape

    def flat(values):
        for v in values:
            if hasattr(v, "as_list") and not isinstance(v, np.ndarray):
                v = v.as_list()
            if isinstance(v, (list, tuple, np.ndarray)):
                yield from flat(np.ravel(np.asarray(v, dtype=object)).tolist() if isinstance(v, np.ndarray) else v)
            else:
                yield v

    return as_shape(list(flat(dims))) if dims else ()

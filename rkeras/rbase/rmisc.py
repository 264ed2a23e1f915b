"""Small helpers of base R and of packages R keras users load beside it, as the Deep Learning
with R (2nd edition) scripts use them: base ``strrep()`` and ``expand.grid()``, listarrays'
``bind_on_rows()``, fastmap's ``faststack()``, fs's ``dir_delete()``/``file_move()``/
``dir_tree()``, jpeg's ``readJPEG()`` and png's ``readPNG()``."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["strrep", "expand_grid", "bind_on_rows", "faststack", "FastStack", "dir_delete", "file_move",
           "dir_tree", "read_image", "with_data", "expand_dims"]


def strrep(x, times):
    """R's ``strrep()``: each string repeated ``times`` times (vectorised over both)."""
    if np.ndim(x) == 0 and np.ndim(times) == 0:
        return str(x) * int(times)
    xs, ts = np.broadcast_arrays(np.asarray(x, dtype=object), np.asarray(times))
    return np.array([str(a) * int(b) for a, b in zip(xs.ravel(), ts.ravel())], dtype=object)


def expand_grid(*args, stringsAsFactors=True, **named):
    """R's ``expand.grid()``: a data frame of every combination, the first factor varying
    fastest; unnamed factors are ``Var1``, ``Var2``, ..."""
    columns = [(f"Var{i + 1}", v) for i, v in enumerate(args)] + list(named.items())
    values = [np.ravel(np.asarray(v)) for _, v in columns]
    sizes = [len(v) for v in values]
    total = int(np.prod(sizes)) if sizes else 0
    out, repeat = {}, 1
    for (name, _), vals, size in zip(columns, values, sizes):
        out[name] = np.tile(np.repeat(vals, repeat), total // (size * repeat) if size else 0)
        repeat *= size
    return pd.DataFrame(out)


def bind_on_rows(*args):
    """listarrays' ``bind_on_rows()``: arrays (or one list of them) stacked along the first axis."""
    arrays = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
    arrays = [np.asarray(a) for a in arrays]
    arrays = [a.reshape(1, *a.shape) if a.ndim == 0 else a for a in arrays]
    return np.concatenate(arrays, axis=0)


class FastStack:
    """fastmap's ``faststack()``: ``push()``, ``pop()``, ``peek()``, ``size()``, ``reset()``,
    ``as_list()`` (oldest first)."""

    def __init__(self, init=20, missing_default=None):
        self._items = []
        self._missing = missing_default

    def push(self, *values):
        self._items.extend(values)

    def pop(self, missing=None):
        return self._items.pop() if self._items else (self._missing if missing is None else missing)

    def peek(self, missing=None):
        return self._items[-1] if self._items else (self._missing if missing is None else missing)

    def size(self):
        return len(self._items)

    def reset(self):
        self._items = []

    def as_list(self):
        return list(self._items)


def faststack(init=20, missing_default=None):
    return FastStack(init, missing_default)


def dir_delete(path):
    """fs's ``dir_delete()``: the folders and everything in them."""
    import shutil

    for p in np.ravel(np.asarray(path, dtype=object)):
        shutil.rmtree(str(p))
    return path


def file_move(path, new_path):
    """fs's ``file_move(path, new_path)``: each file moved (into ``new_path`` when it is a folder)."""
    import shutil

    sources = [str(p) for p in np.ravel(np.asarray(path, dtype=object))]
    targets = [str(p) for p in np.ravel(np.asarray(new_path, dtype=object))]
    if len(targets) == 1 and len(sources) > 1:
        targets = targets * len(sources)
    if len(targets) != len(sources):
        raise RError("file_move(): `path` and `new_path` must have the same length")
    out = []
    for src, dst in zip(sources, targets):
        if os.path.isdir(dst):
            dst = os.path.join(dst, os.path.basename(src))
        shutil.move(src, dst)
        out.append(dst)
    return np.array(out, dtype=object)


def dir_tree(path=".", recurse=True, **kwargs):
    """fs's ``dir_tree()``: prints the folder's tree (``recurse``: TRUE, FALSE or a depth)."""
    depth = np.inf if recurse is True else (0 if recurse is False else int(recurse))
    print(path)

    def walk(folder, prefix, level):
        entries = sorted(os.listdir(folder))
        for k, name in enumerate(entries):
            last = k == len(entries) - 1
            print(f"{prefix}{'└── ' if last else '├── '}{name}")
            full = os.path.join(folder, name)
            if os.path.isdir(full) and level < depth:
                walk(full, prefix + ("    " if last else "│   "), level + 1)

    walk(str(path), "", 0)
    return None


def read_image(source, native=False, *args, **kwargs):
    """jpeg's ``readJPEG()`` / png's ``readPNG()``: the image as numbers in [0, 1], height x
    width (x channels for colour), as those packages return it (``native = TRUE`` is read the same)."""
    from PIL import Image

    with Image.open(str(source)) as img:
        arr = np.asarray(img, dtype=float)
    top = 65535.0 if arr.max(initial=0) > 255 else 255.0
    return arr / top


def with_data(data, expr):
    """base R's ``with(data, expr)``: ``expr`` (a function of the data, as the porter writes it)
    evaluated with the list's or data frame's names in sight."""
    return expr(data)


def expand_dims(x, which_dim=-1):
    """listarrays' ``expand_dims(x, which_dim = -1L)``: a new axis of size one at position
    ``which_dim`` (1-based; -1 is after the last)."""
    arr = np.asarray(x)
    which = int(which_dim)
    axis = arr.ndim + 1 + which if which < 0 else which - 1
    return np.expand_dims(arr, axis)

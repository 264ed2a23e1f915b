"""R's tensorflow package, reticulate's iterators and R keras' list helper, as R keras 2.x
scripts on TensorFlow 2 use them.

- ``as_tensor(x, dtype, shape = )`` (tensorflow 2.x's ``as_tensor.default``): an R double that
  is not an array becomes a float64 tensor (R's doubles are 64-bit), other values are converted
  as they are (R integers are int32: R has no 64-bit integers, so a numpy int64 array, which is
  how ported R integers live in Python, becomes int32); ``dtype`` casts (saturating between
  numbers); ``shape`` (``NA`` or ``-1`` for one unknown size) reshapes row-major (C order) or,
  for a scalar and a fully known shape, fills the shape with it (``tf.fill``).
- ``iter_next(it, completed = NULL)``: the next element, or ``completed`` when it has run out
  (``as_iterator(x)`` is Python's ``iter(x)``, tfdatasets' ``as_array_iterator(ds)`` is
  ``ds.as_numpy_iterator()``).
- ``zip_lists(...)``: R keras' transpose of lists, matched by position, or by name when the lists
  are named (dicts); ``zip_lists(a = x, b = y)`` gives elements named ``a`` and ``b``.

TensorFlow is imported only inside ``as_tensor``.
"""

from __future__ import annotations

import numpy as np

from .errors import RError
from .tensors import is_tensor

__all__ = ["as_tensor", "iter_next", "zip_lists", "tf_config", "TfConfig", "methods", "match", "drop", "fs_path", "tensor_reduce"]


def _dims(shape):
    dims = []
    for d in np.ravel(np.asarray(shape, dtype=object)):
        if d is None or (isinstance(d, float) and np.isnan(d)):
            dims.append(-1)
        else:
            dims.append(int(d))
    return dims


def as_tensor(x, dtype=None, *args, shape=None, name=None):
    """tensorflow's ``as_tensor()``; see the module's notes for R's dtypes and ``shape``."""
    import tensorflow as tf

    partial = False
    if shape is not None and not is_tensor(shape):
        shape = _dims(shape)
        partial = -1 in shape
        scalar = np.size(x) == 1 if not is_tensor(x) else x.shape.num_elements() == 1
        if not is_tensor(x) and list(np.shape(x)) == shape:
            shape = None
        elif not is_tensor(x) and not scalar and not isinstance(x, str):
            x = np.reshape(np.asarray(x), shape, order="C")
            shape = None
    if isinstance(x, float) or (isinstance(x, np.ndarray) and x.dtype.kind == "f" and x.dtype.itemsize == 8):
        x = tf.convert_to_tensor(x, dtype=tf.float64, name=name)
    elif isinstance(x, np.ndarray) and x.dtype == np.int64:
        x = tf.convert_to_tensor(x.astype(np.int32), name=name)
    elif isinstance(x, (list, tuple)) and x and all(isinstance(v, float) for v in x):
        x = tf.convert_to_tensor(x, dtype=tf.float64, name=name)
    else:
        x = tf.convert_to_tensor(x, name=name)
    if dtype is not None:
        dtype = tf.as_dtype(dtype)
        numeric = (dtype.is_floating or dtype.is_integer) and (x.dtype.is_floating or x.dtype.is_integer)
        x = tf.dtypes.saturate_cast(x, dtype, name=name) if numeric else tf.cast(x, dtype, name=name)
    if shape is not None:
        if is_tensor(shape) and shape.shape.rank == 0:
            shape = tf.expand_dims(shape, axis=0)
        if x.shape.num_elements() == 1 and (is_tensor(shape) or not partial):
            x = tf.fill(shape, tf.squeeze(x), name=name)
        else:
            x = tf.reshape(x, shape, name=name)
    return x


def iter_next(it, completed=None):
    """reticulate's ``iter_next()``: the iterator's next element, ``completed`` once it is done."""
    return next(it, completed)


def zip_lists(*args, **kwargs):
    """R keras' ``zip_lists()``: element i of the result holds element i of each argument."""
    if args and kwargs:
        raise RError("zip_lists(): give the lists all named or all unnamed")
    dots = dict(kwargs) if kwargs else list(args)
    if len(dots) == 1:
        dots = next(iter(dots.values())) if isinstance(dots, dict) else dots[0]
    outer = list(dots) if isinstance(dots, dict) else None
    items = list(dots.values()) if isinstance(dots, dict) else list(dots)
    if not items:
        return []
    first = items[0]
    if isinstance(first, dict):
        keys = list(first)
        for other in items[1:]:
            if not isinstance(other, dict) or set(other) != set(keys):
                raise RError("All names of arguments provided to `zip_lists()` must match. "
                             "Call `unname()` on each argument if you want positional matching")
    else:
        keys = range(len(first))
        for other in items[1:]:
            if len(other) != len(first):
                raise RError("zip_lists(): all arguments must have the same length")

    def element(key):
        values = [item[key] for item in items]
        return dict(zip(outer, values)) if outer is not None else values

    if isinstance(first, dict):
        return {key: element(key) for key in keys}
    return [element(key) for key in keys]


class TfConfig(dict):
    """tensorflow's ``tf_config()``: a list (``available``, ``version_str``, ``location``,
    ``python``, ``python_version``) that prints as R prints it, ``TensorFlow v2.x.y (path)``."""

    def __repr__(self):
        return f"TensorFlow v{self['version_str']} ({self['location']})"

    __str__ = __repr__


def tf_config():
    """tensorflow's ``tf_config()`` of the TensorFlow this Python runs."""
    import os
    import sys

    import tensorflow as tf

    return TfConfig(available=True, version_str=tf.__version__, version=tf.__version__,
                    location=os.path.dirname(tf.__file__), python=sys.executable,
                    python_version=".".join(str(v) for v in sys.version_info[:3]))


def _python_class(name):
    """The Python class an R class name of a reticulate object stands for: R tensorflow's alias
    ``tensorflow.tensor``, a full Python path (``tensorflow.python.framework.tensor_shape.TensorShape``),
    or a class name TensorFlow exports (``TensorShape``)."""
    import importlib

    if name in ("tensorflow.tensor", "tensorflow.python.framework.ops.Tensor"):
        import tensorflow as tf

        return tf.Tensor
    module, _, attr = str(name).rpartition(".")
    if module:
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            pass
    import builtins

    import tensorflow as tf

    for space in (builtins, tf):     # class_() gives a bare Python class name (rbase.shape() is a tuple)
        found = getattr(space, str(name), None)
        if isinstance(found, type):
            return found
    raise RError(f"methods(class = {name!r}): no Python class of that name")


def methods(generic_function=None, class_=None):
    """R's ``methods(class = )`` for the R class of a Python object: the public methods and
    properties of the Python class (what R's ``$`` reaches on such an object), sorted.
    ``methods(generic)`` (an R generic's S3 methods) is not ported.

    Differences from R: R lists the S3 methods R packages define for the class
    (``[.tensorflow.tensor``, ``dim.tensorflow.tensor``, ...); the ported script lists what
    Python offers on it."""
    if class_ is None:
        raise RError("methods(generic) is not ported: give class = ")
    cls = _python_class(class_)
    return np.array(sorted(n for n in dir(cls) if not n.startswith("_")), dtype=object)


def match(x, table, nomatch=None, incomparables=None):
    """R's ``match(x, table, nomatch = NA)``: the 1-based position of each ``x`` in ``table``
    (its first), ``nomatch`` (NA, ``None`` here as a scalar, NaN in a vector) where absent."""
    values = list(table.values()) if isinstance(table, dict) else list(np.ravel(np.asarray(table, dtype=object)))
    first = {}
    for pos, v in enumerate(values, start=1):
        first.setdefault(v, pos)
    if np.ndim(x) == 0 and not isinstance(x, (list, tuple)):
        return first.get(x, nomatch)
    items = list(np.ravel(np.asarray(x, dtype=object)))
    found = [first.get(v, np.nan if nomatch is None else nomatch) for v in items]
    arr = np.array(found, dtype=float)
    return arr.astype(int) if not np.isnan(arr).any() else arr


def drop(x):
    """R's ``drop()``: axes of size one removed (a tensor stays a tensor)."""
    if is_tensor(x):
        import tensorflow as tf

        return tf.squeeze(x)
    return np.squeeze(np.asarray(x))


class FsPath(str):
    """fs's ``fs_path``: a string that ``/`` extends (``new_base_dir / "train"``), as fs's does."""

    def __truediv__(self, other):
        return FsPath(f"{self}/{other}")


def fs_path(*parts, ext=""):
    """fs's ``path(...)``: the parts joined with ``/`` (``ext``: an extension added); ``/`` on the
    result adds a part, as on fs's paths."""
    joined = "/".join(str(p) for p in parts)
    return FsPath(joined + ("." + ext if ext else ""))


_REDUCERS = {"sum": "reduce_sum", "prod": "reduce_prod", "min": "reduce_min", "max": "reduce_max",
             "mean": "reduce_mean", "all": "reduce_all", "any": "reduce_any"}


def tensor_reduce(name, args, axis=None, keepdims=False):
    """R tensorflow's methods of ``sum``/``prod``/``min``/``max``/``mean``/``all``/``any`` for a
    tensor: ``tf$reduce_*`` with R's 1-based ``axis`` (a negative one counts from the end), a
    tensor back; several tensors are stacked first. Returns None when ``args`` hold no tensor
    (base R's function then applies)."""
    tensors = [a for a in args if is_tensor(a)]
    if not tensors:
        return None
    import tensorflow as tf

    x = args[0] if len(args) == 1 else tf.stack([tf.reduce_sum(a) if name == "sum" else a for a in args])
    if axis is not None:
        axes = [int(a) for a in np.ravel(axis)]
        if 0 in axes:
            raise RError("`axis` argument is 1 based, received 0")
        axes = [a - 1 if a > 0 else a for a in axes]
        axis = axes[0] if len(axes) == 1 else tuple(axes)
    return getattr(tf, _REDUCERS[name])(x, axis=axis, keepdims=bool(keepdims))

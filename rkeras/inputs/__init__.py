"""The input-conversion layer: every R function's data goes through here.

``fit()``, ``evaluate()``, ``predict()`` and the ``*_on_batch`` functions call
:func:`rkeras.inputs.plan.resolve_data` (the plan); it converts each kind of
input with its own module (:mod:`.arrays`, :mod:`.generators`, :mod:`.hdf5`,
:mod:`.batch_shuffle`) and matches data to the model's inputs and outputs with
:mod:`.structure`. Nothing here imports the R functions above it.

One dispatcher (this file) names the kind of an input.

Kinds are recognised in a fixed order, by class name where the class belongs
to an optional library (TensorFlow, h5py, Keras), so nothing is imported just
to ask "is this one of yours?":

=====================  ===================================================
kind                   what it is
=====================  ===================================================
``"dataset"``          a ``tf.data.Dataset`` (R's tfdatasets)
``"pydataset"``        a ``keras.utils.PyDataset`` (or tf_keras ``Sequence``)
``"hdf5"``             an ``h5py.Dataset`` (R's HDF5Matrix)
``"iterator"``         a Python iterator or generator object
``"generator"``        a callable: R's generator function ``function() list(x, y)``
``"arrays"``           anything else array-like (see :mod:`.arrays`)
=====================  ===================================================
"""

from __future__ import annotations

from .arrays import keras_array, first_dim, check_finite, flat

__all__ = ["kind_of", "keras_array", "first_dim", "check_finite", "flat", "STREAM_KINDS"]

#: kinds that bring their own batching: no batch_size default, no validation_split
STREAM_KINDS = ("dataset", "pydataset", "iterator", "generator")


def _class_names(value) -> set[str]:
    return {f"{c.__module__}.{c.__name__}" for c in type(value).__mro__}


def is_dataset(value) -> bool:
    names = _class_names(value)
    return any(n.startswith("tensorflow.") and n.endswith(("DatasetV2", "DatasetV1", ".Dataset")) for n in names)


def is_pydataset(value) -> bool:
    names = _class_names(value)
    return any(n.endswith((".PyDataset", ".Sequence")) and ("keras" in n) for n in names)


def is_hdf5(value) -> bool:
    return type(value).__module__.startswith("h5py") and type(value).__name__ == "Dataset"


def kind_of(value) -> str:
    """The input kind of ``value`` (``"none"`` for None); see the module docs."""
    if value is None:
        return "none"
    if is_dataset(value):
        return "dataset"
    if is_pydataset(value):
        return "pydataset"
    if is_hdf5(value):
        return "hdf5"
    if hasattr(value, "__next__") and hasattr(value, "__iter__"):
        return "iterator"
    if callable(value) and not isinstance(value, type):
        return "generator"
    return "arrays"

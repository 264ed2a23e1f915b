"""HDF5 data that stays on disk: ``h5py.Dataset`` as ``x``, ``y`` or validation data.

R keras read HDF5 through ``HDF5Matrix``; in Python an ``h5py.Dataset`` plays
that part. Keras 3 copies such a dataset into memory whole (a 1.6 GB file
peaked at 5.2 GB), so rkeras serves it itself: contiguous ``batch_size``
slices read on TensorFlow's thread, ahead of the model, each converted with
R's dtype rules (floating data to the backend float type) and checked for
non-finite values. Only a few batches are ever in memory.

* ``shuffle=True`` would need one random read per sample: an error that
  points to ``shuffle="batch"`` (a new order of batch-sized chunks each
  epoch, see :mod:`.batch_shuffle`), or ``shuffle=False`` (file order).
* ``validation_split`` takes the last samples of the file, read the same way.
* ``x``, ``y`` and ``sample_weight`` may mix HDF5 datasets with in-memory
  arrays, and lists or dicts of them serve several inputs.

h5py is never imported by rkeras: an HDF5 dataset is recognised by its class.
"""

from __future__ import annotations


import numpy as np

from ..errors import RKerasError, arg_error
from . import is_hdf5
from ..arguments import validation_split_at
from .arrays import check_finite, keras_array, leaves

__all__ = ["has_hdf5", "hdf5_plan", "hdf5_validation"]


def has_hdf5(value) -> bool:
    """Is ``value`` an ``h5py.Dataset``, or a list, tuple or dict holding one?"""
    if value is None:
        return False
    if is_hdf5(value):
        return True
    if isinstance(value, dict):
        return any(is_hdf5(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(is_hdf5(v) for v in value)
    return False


def _lazy(value, argument: str, names: list[str], what: str):
    """The structure of ``value`` with HDF5 leaves kept on disk and others converted."""
    from .structure import names_error

    if is_hdf5(value):
        _check_hdf5(value, argument)
        return value
    if isinstance(value, dict):
        unknown = [k for k in value if str(k) not in names]
        if unknown or not names:
            raise names_error(argument, list(value), names, what)
        return {str(k): _lazy(v, f"{argument}[{k!r}]", names, what) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and has_hdf5(value):
        if names and len(value) != len(names):
            raise arg_error(argument, value, f"one array per model {what} ({len(names)}: {', '.join(names)})",
                            detail=f"Got a list of {len(value)}.")
        return [_lazy(v, f"{argument}[[{i + 1}]]", names, what) for i, v in enumerate(value)]
    return keras_array(value, argument)


def _check_hdf5(dataset, argument: str) -> None:
    if not _is_open(dataset):
        raise RKerasError(
            f"`{argument}` should be an HDF5 dataset of an open file. Got a dataset whose file is closed "
            "(a `with h5py.File(...)` block that has ended, or `file.close()`): keep the file open "
            "until fit() returns.", argument)
    if dataset.shape is None or len(dataset.shape) == 0:
        raise arg_error(argument, dataset, "an HDF5 dataset with samples along its first dimension")
    if dataset.dtype.kind not in "fiub":
        raise arg_error(argument, dataset, "an HDF5 dataset of numbers",
                        detail=f"Its dtype is {dataset.dtype}.")


def _is_open(dataset) -> bool:
    try:
        return bool(dataset.id.valid)
    except Exception:
        return False


def _samples(parts, names) -> int:
    counts = [(name, int(a.shape[0])) for part, name in zip(parts, names) for a in leaves(part)]
    first = counts[0][1]
    for name, n in counts:
        if n != first:
            raise RKerasError(
                f"`{name}` should have as many samples as `{counts[0][0]}` ({first}). Got {n}.", name)
    return first


def _converter(arguments: tuple[str, ...]):
    """Per-slice conversion: R's dtype rules and the finite check, on each read."""
    import tensorflow as tf

    def convert(batch, begin, end):
        out = []
        for part, argument in zip(batch, arguments):
            # no copy for a slice that already has the right type and order
            arrays = [keras_array(a, argument) for a in tf.nest.flatten(part)]
            for array in arrays:
                _check_finite_rows(array, argument, begin, end)
            out.append(tf.nest.pack_sequence_as(part, arrays))
        return tuple(out)

    return convert


def _check_finite_rows(array, argument: str, begin: int, end: int) -> None:
    """check_finite() for one slice, with the rows counted in the whole file."""
    try:
        check_finite(array, argument)
    except RKerasError:
        mask = ~np.isfinite(array)
        rows = np.flatnonzero(mask.reshape(mask.shape[0], -1).any(axis=1)) + begin + 1
        shown = ", ".join(map(str, rows[:10])) + (", ..." if rows.size > 10 else "")
        raise RKerasError(
            f"`{argument}` should hold finite numbers. Got NaN or infinite values at 1-based "
            f"sample{'s' if rows.size != 1 else ''} {shown} of the HDF5 data "
            f"(found reading samples {begin + 1} to {end}).",
            argument,
        ) from None


def _weights(sample_weight, samples: int):
    from .structure import convert_sample_weight

    if is_hdf5(sample_weight):
        _check_hdf5(sample_weight, "sample_weight")
        if sample_weight.shape[0] != samples:
            raise arg_error("sample_weight", sample_weight, f"one weight per sample of x ({samples})",
                            detail=f"It has {sample_weight.shape[0]}.")
        return sample_weight
    return convert_sample_weight(sample_weight, samples)


def _keras(structure):
    if isinstance(structure, list):
        return tuple(_keras(v) for v in structure)
    return structure


def hdf5_plan(model, x, y, sample_weight, batch_size, shuffle, validation_split, *, steps_per_epoch=None):
    """Training (and validation_split) data read lazily from HDF5 datasets."""
    from .structure import DataPlan
    from ..engines import input_names, output_names
    from .batch_shuffle import ChunkedArrays

    if shuffle is True:
        raise arg_error("shuffle", shuffle, "\"batch\" or False for HDF5 data",
                        detail="Shuffling single samples means one disk read per sample; shuffle=\"batch\" "
                               "shuffles the order of batch-sized chunks each epoch (R keras' HDF5 shuffle), "
                               "False keeps the file's order.")
    xs = _lazy(x, "x", input_names(model), "input")
    parts, names = [_keras(xs)], ["x"]
    if y is not None:
        parts.append(_keras(_lazy(y, "y", output_names(model), "output")))
        names.append("y")
    samples = _samples(parts, names)
    if sample_weight is not None:
        parts.append(_weights(sample_weight, samples))
        names.append("sample_weight")

    split_at = samples
    if validation_split > 0:
        split_at = validation_split_at(validation_split, samples)
    convert = _converter(tuple(names))
    # shuffle has no effect when steps_per_epoch is given (R)
    batch_shuffle = shuffle == "batch" and steps_per_epoch is None
    training = ChunkedArrays(tuple(parts), 0, split_at, batch_size, shuffle=batch_shuffle, convert=convert,
                             model=model)
    plan = DataPlan(keras_args={"x": training.dataset(), "shuffle": False}, samples=split_at)
    plan.chunks = training
    plan.contexts.append(training.guard())
    plan.shuffle_mode = shuffle
    if split_at < samples:
        validation = ChunkedArrays(tuple(parts), split_at, samples, batch_size, shuffle=False, convert=convert,
                                   model=model)
        plan.fit_args["validation_data"] = validation.dataset()
        plan.validation_samples = samples - split_at
        plan.validation_chunks = validation
        plan.contexts.append(validation.guard())
    return plan


def hdf5_validation(plan, model, validation_data, batch_size) -> None:
    """``validation_data`` whose parts include HDF5 datasets, read lazily in order."""
    from ..engines import input_names, output_names
    from .batch_shuffle import ChunkedArrays

    if len(validation_data) not in (2, 3):
        raise arg_error("validation_data", validation_data,
                        "a list (x_val, y_val) or (x_val, y_val, val_sample_weights)")
    parts = [_keras(_lazy(validation_data[0], "validation_data[[1]]", input_names(model), "input")),
             _keras(_lazy(validation_data[1], "validation_data[[2]]", output_names(model), "output"))]
    names = ["validation_data[[1]]", "validation_data[[2]]"]
    samples = _samples(parts, names)
    if len(validation_data) == 3 and validation_data[2] is not None:
        parts.append(_weights(validation_data[2], samples))
        names.append("validation_data[[3]]")
    size = batch_size or 32
    chunks = ChunkedArrays(tuple(parts), 0, samples, size, shuffle=False, convert=_converter(tuple(names)),
                           model=model)
    plan.fit_args["validation_data"] = chunks.dataset()
    plan.validation_samples = samples
    plan.validation_chunks = chunks
    plan.contexts.append(chunks.guard())

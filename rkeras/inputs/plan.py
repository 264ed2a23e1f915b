"""From an R function's data arguments to the arguments of a Keras call.

:func:`resolve_data` is the one entry point: ``fit()``, ``evaluate()``,
``predict()`` and the functions built on them hand it their data arguments
and a ``purpose`` (``"fit"``, ``"evaluate"`` or ``"predict"``); it checks and
converts ``x``, ``y``, ``sample_weight``, ``batch_size`` and, for fit,
``class_weight``, ``validation_split``, ``validation_data`` and ``shuffle``
together (they depend on each other), and returns a
:class:`~rkeras.inputs.structure.DataPlan`: the data arguments of
``Model.fit`` / ``Model.evaluate`` / ``Model.predict``, and what the history
must know. Every check happens here, before Keras is called, so a rejected
call changes nothing.

Each kind of input has its own module (:mod:`.arrays`, :mod:`.generators`,
:mod:`.hdf5`, :mod:`.batch_shuffle`); the structure shared by all of them
(names, sample counts) is :mod:`.structure`.
"""

from __future__ import annotations

from .. import arguments
from ..errors import RKerasError, arg_error, show_value
from . import STREAM_KINDS, kind_of
from .arrays import check_finite, first_dim, keras_array
from .checks import check_input_structure, check_samples, check_targets, require_targets
from .structure import (
    DataPlan,
    check_lengths,
    check_timesteps,
    convert_inputs,
    convert_sample_weight,
    convert_targets,
    keras_structure,
    needs_targets,
    sample_count,
    take,
)

__all__ = ["DataPlan", "resolve_data", "PURPOSES"]

#: what the data is for, and the Keras method it goes to
PURPOSES = ("fit", "evaluate", "predict")

#: data arguments each Keras method takes (the others are fit's alone)
_KERAS_KEYS = {
    "fit": None,
    "evaluate": ("x", "y", "batch_size", "sample_weight", "steps"),
    "predict": ("x", "batch_size", "steps"),
}


def resolve_data(model, engine, *, purpose: str, x, y=None, batch_size=None, sample_weight=None,
                 steps=None, validation_split=0.0, validation_data=None, shuffle=True,
                 class_weight=None, validation_steps=None, epochs=1, initial_epoch=0) -> DataPlan:
    """Check and convert the data arguments of one R function call.

    Parameters
    ----------
    model, engine
        The Keras model and its :class:`~rkeras.engines.Engine`.
    purpose : {"fit", "evaluate", "predict"}
        The Keras method the data goes to.
    x, y, batch_size, sample_weight
        As the R function received them (``y`` and ``sample_weight`` are not
        given for "predict").
    steps
        ``steps_per_epoch`` for "fit"; ``steps`` (batches in all) for the others.
    validation_split, validation_data, shuffle, class_weight, validation_steps, epochs, initial_epoch
        fit()'s own arguments (already checked one by one).

    Returns
    -------
    DataPlan
        ``keras_args`` holds the data arguments of the Keras method.
    """
    if purpose not in PURPOSES:
        raise ValueError(f"purpose should be one of {PURPOSES}, got {purpose!r}")
    kind = kind_of(x)
    if kind == "dataset" and batch_size is not None:
        raise RKerasError("Don't set batch_size with a tfdataset as input. "
                          f"Got batch_size={show_value(batch_size)}.", "batch_size")
    batch_size = arguments.as_nullable_integer("batch_size", batch_size, minimum=1)
    if batch_size is None and steps is None and kind not in STREAM_KINDS:
        batch_size = 32

    if kind == "none":
        what = "training data" if purpose == "fit" else "data"
        raise arg_error("x", x, f"{what}: an array, list, dict, data frame, tf.data.Dataset, "
                                "generator function, iterator or PyDataset")
    if kind in STREAM_KINDS:
        if y is not None:
            raise arg_error("y", y, f"None when `x` is a {kind_label(kind)} (it yields the targets)")
        if validation_split:
            raise arg_error("validation_split", validation_split,
                            f"0 when `x` is a {kind_label(kind)}: only array inputs can be split",
                            detail="Give validation_data instead.")
        if sample_weight is not None:
            raise arg_error("sample_weight", sample_weight,
                            f"None when `x` is a {kind_label(kind)} (it yields the weights as a third element)")

    if kind in ("arrays", "hdf5"):
        # R: validation_data overrides validation_split
        split = validation_split if validation_data is None else 0.0
        plan = _array_plan(model, x, y, sample_weight, batch_size, shuffle, split, steps=steps, purpose=purpose)
    else:
        plan = _stream_plan(kind, x, steps, shuffle, model=model, purpose=purpose, epochs=epochs,
                            initial_epoch=initial_epoch)
    plan.batch_size = batch_size

    if class_weight is not None:
        from ..class_weights import apply_class_weight

        apply_class_weight(class_weight, plan, model, x_kind=kind, y=y)

    if validation_data is not None:
        _add_validation_data(plan, model, validation_data, validation_steps, batch_size=batch_size)

    keys = _KERAS_KEYS[purpose]
    if keys is not None:
        for key in [k for k in plan.keras_args if k not in keys]:
            del plan.keras_args[key]
    return plan


def kind_label(kind: str) -> str:
    """How an error names an input kind."""
    return {
        "dataset": "tf.data.Dataset",
        "pydataset": "PyDataset",
        "iterator": "Python iterator",
        "generator": "generator function",
        "hdf5": "HDF5 dataset",
    }.get(kind, kind)


def _stream_plan(kind, x, steps, shuffle, *, model, purpose, epochs, initial_epoch) -> DataPlan:
    if kind == "dataset":
        from .tfdataset import check_batched

        check_batched(x, model, "x")
        # a dataset shuffles itself (R: tfdatasets::dataset_shuffle); shuffle=False spares Keras' warning
        return DataPlan(keras_args={"x": x, "shuffle": False})
    if kind == "pydataset":
        from .pydataset import pydataset_plan

        transform = (lambda batch: _predict_batch(batch, model)) if purpose == "predict" else None
        return pydataset_plan(x, steps, model, purpose=purpose, shuffle=shuffle, epochs=epochs,
                              initial_epoch=initial_epoch, transform=transform)
    from .generators import check_callable, generator_function_plan, iterator_plan

    if kind == "generator":
        check_callable(x, "x")
    if purpose != "fit":
        # one pass of `steps` batches. A generator function never runs out (R's evaluate_generator
        # required `steps`), and an iterator may not either: without `steps` an endless one would hang
        if kind == "generator" and steps is None:
            raise arg_error("steps", None, f"the number of batches to {purpose} when `x` is a generator function "
                                           "(it never runs out, so R keras required it too)")
        if kind == "iterator" and steps is None:
            raise arg_error("steps", None, f"the number of batches to {purpose} when `x` is a Python iterator or "
                                           "generator object (an endless one would never end the pass)")
        epochs, initial_epoch = 1, 0
        if purpose == "predict":
            x = _inputs_only(x, kind, model)
    make = iterator_plan if kind == "iterator" else generator_function_plan
    return make(x, steps, model, epochs=epochs, initial_epoch=initial_epoch, purpose=purpose)


def _inputs_only(x, kind, model):
    """For predict: batches may be ``x`` alone (R's predict_generator) or ``(x, y[, w])``.

    Each is served as ``(x, None-like targets)`` so the generator machinery sees
    its usual pairs; ``Model.predict`` reads only the inputs.
    """
    def split(batch):
        return _predict_batch(batch, model)

    if kind == "generator":
        return lambda: split(x())
    return (split(batch) for batch in x)


def _predict_batch(batch, model):
    """One predict batch, ``x`` alone or ``(x, y[, w])``, as ``(x, zeros)`` (see :func:`_inputs_only`)."""
    import numpy as np

    from ..engines import input_names

    n_inputs = len(input_names(model))
    # (x, y[, w]): a pair or triple whose first part is the whole input (one array for a
    # one-input model, a list or dict of arrays for several); anything else is x itself
    parts = isinstance(batch, (list, tuple)) and len(batch) in (2, 3)
    if parts and (n_inputs <= 1 or isinstance(batch[0], (list, tuple, dict))):
        inputs = batch[0]
    else:
        inputs = batch
    samples = first_dim(keras_array(inputs, "x"))  # no copy of arrays of the right type
    return (inputs, np.zeros((samples or 0,), dtype=np.float32))


def _array_plan(model, x, y, sample_weight, batch_size, shuffle, validation_split, *, steps, purpose) -> DataPlan:
    from .hdf5 import has_hdf5

    if has_hdf5(x) or has_hdf5(y) or has_hdf5(sample_weight):
        from .hdf5 import hdf5_plan

        return hdf5_plan(model, x, y, sample_weight, batch_size, shuffle if purpose == "fit" else False,
                         validation_split, steps_per_epoch=steps)
    xs = convert_inputs(x, model, "x", check_shapes=True)
    check_input_structure(xs, model, "x")
    samples = sample_count(xs, "x")
    check_samples(xs, "x")
    ys = weights = None
    if purpose != "predict":
        if y is not None:
            ys = convert_targets(y, model, "y")
            check_lengths(samples, ys, "y")
        elif needs_targets(model):
            raise arg_error("y", y, "the targets for `x` (the model was compiled with a loss)",
                            detail="Only a tf.data.Dataset, generator or PyDataset `x` brings its own targets.")
        weights = convert_sample_weight(sample_weight, samples)
        check_timesteps(weights, model)
    check_finite(xs, "x")
    check_finite(ys, "y")
    check_targets(ys, model, "y")

    validation = None
    train_samples = samples
    if validation_split > 0:
        split_at = arguments.validation_split_at(validation_split, samples)
        validation = (take(xs, split_at, None), take(ys, split_at, None), take(weights, split_at, None))
        xs, ys, weights = take(xs, 0, split_at), take(ys, 0, split_at), take(weights, 0, split_at)
        train_samples = split_at

    keras_args = {"x": keras_structure(xs), "batch_size": batch_size}
    if ys is not None:
        keras_args["y"] = keras_structure(ys)
    if weights is not None:
        keras_args["sample_weight"] = weights
    plan = DataPlan(keras_args=keras_args, samples=train_samples)
    plan.arrays = (xs, ys, weights)  # for class weights and batch shuffling
    if purpose != "fit":
        return plan
    if shuffle == "batch":
        from .batch_shuffle import batch_shuffle_plan

        batch_shuffle_plan(plan, batch_size, steps_per_epoch=steps)
    else:
        # R: shuffle "has no effect when steps_per_epoch is not NULL" -- arrays are
        # served in order then, whatever shuffle says (Keras 3 would shuffle them)
        keras_args["shuffle"] = shuffle if steps is None else False
    if validation is not None:
        xv, yv, wv = validation
        plan.keras_args["validation_data"] = tuple(
            keras_structure(v) for v in ((xv, yv) if wv is None else (xv, yv, wv))
        )
        plan.validation_samples = first_dim(xv)
    return plan


def _add_validation_data(plan: DataPlan, model, validation_data, validation_steps, *, batch_size=None) -> None:
    kind = kind_of(validation_data)
    if kind == "dataset":
        from .tfdataset import check_batched

        check_batched(validation_data, model, "validation_data")
        plan.keras_args["validation_data"] = validation_data
        plan.validation_samples = None
        return
    if kind == "pydataset":
        from .pydataset import pydataset_validation

        pydataset_validation(plan, validation_data, validation_steps, model)
        return
    if kind in ("iterator", "generator"):
        from .generators import validation_plan

        validation_plan(plan, validation_data, kind, validation_steps, model)
        return
    from .hdf5 import has_hdf5, hdf5_validation

    if isinstance(validation_data, (list, tuple)) and any(has_hdf5(part) for part in validation_data):
        hdf5_validation(plan, model, validation_data, batch_size)
        return
    if not isinstance(validation_data, (list, tuple)) or len(validation_data) not in (2, 3):
        raise arg_error("validation_data", validation_data,
                        "a list (x_val, y_val) or (x_val, y_val, val_sample_weights), "
                        "a tf.data.Dataset, a generator function or a PyDataset")
    xv = convert_inputs(validation_data[0], model, "validation_data[[1]]", check_shapes=True)
    check_input_structure(xv, model, "validation_data[[1]]")
    samples = sample_count(xv, "validation_data[[1]]")
    check_samples(xv, "validation_data[[1]]")
    yv = convert_targets(validation_data[1], model, "validation_data[[2]]")
    if needs_targets(model):
        require_targets(yv, "validation_data[[2]]", "the validation targets")
    check_lengths(samples, yv, "validation_data[[2]]")
    check_finite(xv, "validation_data[[1]]")
    check_finite(yv, "validation_data[[2]]")
    check_targets(yv, model, "validation_data[[2]]")
    parts = [keras_structure(xv), keras_structure(yv)]
    if len(validation_data) == 3 and validation_data[2] is not None:
        parts.append(convert_sample_weight(validation_data[2], samples, "validation_data[[3]]"))
    plan.keras_args["validation_data"] = tuple(parts)
    plan.validation_samples = samples

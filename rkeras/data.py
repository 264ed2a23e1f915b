"""From fit()'s data arguments to the arguments of Keras' ``Model.fit``.

``resolve_data()`` checks and converts ``x``, ``y``, ``sample_weight``,
``class_weight``, ``validation_split``, ``validation_data``, ``shuffle`` and
``batch_size`` together (they depend on each other), and returns a
:class:`DataPlan`: what to pass to Keras, and what the history must know
(samples, validation samples, batch size). Every check happens here, before
any training.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import numpy as np

from . import arguments
from .engines import input_names, output_names
from .errors import RKerasError, arg_error, show_value
from .inputs import STREAM_KINDS, check_finite, first_dim, flat, keras_array, kind_of

__all__ = ["DataPlan", "resolve_data", "convert_inputs", "convert_targets"]


@dataclass
class DataPlan:
    fit_args: dict
    samples: int | None = None
    validation_samples: int | None = None
    batch_size: int | None = None
    steps: int | None = None
    callbacks: list = field(default_factory=list)
    contexts: list = field(default_factory=list)

    @contextlib.contextmanager
    def context(self):
        """Resources held while Keras trains (open files, prefetch threads)."""
        with contextlib.ExitStack() as stack:
            for ctx in self.contexts:
                stack.enter_context(ctx)
            yield


# -- structure of inputs and outputs -------------------------------------------

def _names_error(argument, given, names, what):
    return RKerasError(
        f"`{argument}` names should be the model's {what} names: {', '.join(repr(n) for n in names) or '(none)'}. "
        f"Got {argument} names {', '.join(repr(str(n)) for n in given) or '(none)'}.",
        argument,
    )


def convert_inputs(x, model, argument: str = "x", *, check_shapes: bool = False):
    """``x`` (array-likes) to the structure the model's inputs take.

    With ``check_shapes``, each array's sample shape must match its input's.
    """
    import pandas as pd

    names = input_names(model)
    if isinstance(x, pd.DataFrame) and len(names) > 1:
        missing = [n for n in names if n not in x.columns]
        if missing:
            raise RKerasError(
                f"`{argument}` is a data frame for a model with {len(names)} inputs, so its columns should "
                f"include the input names {', '.join(repr(n) for n in names)}. "
                f"Got columns {', '.join(repr(str(c)) for c in x.columns)}.",
                argument,
            )
        return {name: _as_column(keras_array(x[name], f"{argument}${name}"), shape)
                for name, shape in zip(names, _input_shapes(model))}
    value = keras_array(x, argument)
    shapes = dict(zip(names, _input_shapes(model)))
    if isinstance(value, dict):
        unknown = [k for k in value if k not in names]
        if unknown or not names or any(n not in value for n in names):  # every input needs its data
            raise _names_error(argument, list(value), names, "input")
        value = {k: _as_column(v, shapes[k]) for k, v in value.items()}
    elif isinstance(value, list) and names:
        if len(value) != len(names):
            raise arg_error(argument, x, f"one array per model input ({len(names)}: {', '.join(names)})",
                            detail=f"Got a list of {len(value)}.")
        value = [_as_column(v, shapes[n]) for v, n in zip(value, names)]
    elif len(names) == 1 and isinstance(value, np.ndarray):
        value = _as_column(value, shapes[names[0]])
    if isinstance(value, dict) and len(names) == 1:
        value = value[names[0]]  # one named input: the array itself (Keras warns about a dict)
    if isinstance(value, dict):
        parts = [(f"[{k!r}]", k, v) for k, v in value.items()]
    elif isinstance(value, list):
        parts = [(f"[[{i + 1}]]", n, v) for i, (n, v) in enumerate(zip(names, value))]
    else:
        parts = [("", names[0] if len(names) == 1 else None, value)]
    for path, name, array in parts if check_shapes else ():
        _check_shape(array, shapes.get(name), argument + path)
    return value


def _check_shape(array, shape, argument: str) -> None:
    """Each sample's shape against the model input's (Keras adds or drops a last axis of 1)."""
    if shape is None or not len(shape) or not isinstance(array, np.ndarray):
        return
    expected, got = tuple(shape[1:]), tuple(array.shape[1:])
    if len(got) == len(expected) + 1 and got[-1:] == (1,):
        got = got[:-1]
    elif len(got) + 1 == len(expected) and expected[-1:] == (1,):
        expected = expected[:-1]
    if len(got) != len(expected) or any(e is not None and e != g for e, g in zip(expected, got)):
        want = "(samples" + "".join(f", {'any' if e is None else e}" for e in shape[1:]) + ")"
        raise RKerasError(
            f"`{argument}` should have the shape of the model's input, {want}. Got shape {tuple(array.shape)}.",
            argument.split("[")[0].split("$")[0].split(" ")[0],
        )


def _input_shapes(model) -> list:
    try:
        return [tuple(getattr(t, "shape", ()) or ()) for t in model.inputs]
    except Exception:
        return []


def _as_column(array, shape):
    """An R vector given for a ``(None, 1)`` input becomes a one-column matrix."""
    if isinstance(array, np.ndarray) and array.ndim == 1 and shape is not None and len(shape) == 2 and shape[1] == 1:
        return array.reshape(-1, 1)
    return array


def convert_targets(y, model, argument: str = "y"):
    """``y`` (array-likes, factors) to the structure of the model's outputs."""
    names = output_names(model)
    value = keras_array(y, argument)
    if isinstance(value, dict):
        unknown = [k for k in value if k not in names]
        if unknown or not value:
            raise _names_error(argument, list(value), names, "output")
        if len(names) == 1:
            value = value[names[0]]  # one named output: Keras 3 takes the array, not a dict
    elif isinstance(value, list) and len(names) and len(value) != len(names):
        raise arg_error(argument, y, f"one array per model output ({len(names)}: {', '.join(names)})",
                        detail=f"Got a list of {len(value)}.")
    return value


def convert_sample_weight(sample_weight, samples: int | None, argument: str = "sample_weight"):
    if sample_weight is None:
        return None
    if isinstance(sample_weight, dict):
        raise arg_error(argument, sample_weight, "one weight per sample (a vector), or a (samples, timesteps) array")
    weights = keras_array(sample_weight, argument)
    if isinstance(weights, list):
        raise arg_error(argument, sample_weight, "one weight per sample (a vector), or a (samples, timesteps) array",
                        detail="A list of arrays is not accepted; give one vector.")
    if weights.ndim > 2 or (weights.ndim == 2 and weights.shape[1] == 1):
        weights = weights.reshape(weights.shape[0], -1) if weights.ndim > 2 else weights[:, 0]
        if weights.ndim > 2:
            raise arg_error(argument, sample_weight, "a vector or a (samples, timesteps) array")
    if samples is not None and weights.shape[0] != samples:
        raise arg_error(argument, sample_weight, f"one weight per sample of x ({samples})",
                        detail=f"It has {weights.shape[0]}.")
    if weights.dtype.kind not in "fiu":
        raise arg_error(argument, sample_weight, "numeric weights")
    weights = weights.astype(np.float32 if weights.dtype.kind != "f" else weights.dtype, copy=False)
    check_finite(weights, argument)
    if (weights < 0).any():
        raise arg_error(argument, sample_weight, "weights that are 0 or more",
                        detail=f"{int((weights < 0).sum())} are negative.")
    return weights


def _needs_targets(model) -> bool:
    """A model compiled with a loss and trained by Keras' own train_step needs `y`."""
    train_step = getattr(type(model), "train_step", None)
    own_step = getattr(train_step, "__module__", "") or ""
    return getattr(model, "loss", None) is not None and own_step.startswith(("keras.", "tf_keras."))


def _check_timesteps(weights, model, argument: str = "sample_weight") -> None:
    """2-D sample weights are per timestep: only for outputs with a timestep axis."""
    if weights is None or weights.ndim != 2:
        return
    try:
        shapes = [tuple(t.shape) for t in model.outputs]
    except Exception:
        return
    steps = {s[1] for s in shapes if len(s) >= 3}
    if not steps or (None not in steps and weights.shape[1] not in steps):
        raise arg_error(argument, weights, "one weight per sample (a vector)" + (
            f", or one per timestep ({', '.join(map(str, sorted(steps)))})" if steps else ""),
            detail="The model's output has no timestep axis." if not steps else None)


def _check_lengths(samples: int, structure, argument: str) -> None:
    for path, array in flat(structure):
        n = first_dim(array)
        if n != samples:
            raise RKerasError(
                f"`{argument}{path}` should have as many samples as `x` ({samples}). "
                f"Got {n} (shape {tuple(getattr(array, 'shape', ()))}).",
                argument,
            )


def _samples(structure, argument: str) -> int:
    counts = [(p, first_dim(a)) for p, a in flat(structure)]
    if not counts:
        raise arg_error(argument, structure, "training data")
    first = counts[0][1]
    for path, n in counts:
        if n != first:
            raise RKerasError(
                f"Every array of `{argument}` should have the same number of samples. "
                f"Got {first} in {argument}{counts[0][0]} and {n} in {argument}{path}.",
                argument,
            )
    return first


def _take(structure, start, stop):
    if isinstance(structure, dict):
        return {k: _take(v, start, stop) for k, v in structure.items()}
    if isinstance(structure, list):
        return [_take(v, start, stop) for v in structure]
    if structure is None:
        return None
    return structure[start:stop]


def _keras_structure(value):
    """Keras wants tuples, not lists, for several inputs/outputs."""
    if isinstance(value, list):
        return tuple(_keras_structure(v) for v in value)
    return value


# -- the whole plan --------------------------------------------------------------

def resolve_data(model, engine, *, x, y, batch_size, validation_split, validation_data, shuffle,
                 class_weight, sample_weight, steps_per_epoch, validation_steps, epochs, initial_epoch) -> DataPlan:
    kind = kind_of(x)
    if kind == "dataset" and batch_size is not None:
        raise RKerasError("Don't set batch_size with a tfdataset as input. "
                          f"Got batch_size={show_value(batch_size)}.", "batch_size")
    batch_size = arguments.as_nullable_integer("batch_size", batch_size, minimum=1)
    if batch_size is None and steps_per_epoch is None and kind not in STREAM_KINDS:
        batch_size = 32

    if kind == "none":
        raise arg_error("x", x, "training data: an array, list, dict, data frame, tf.data.Dataset, "
                                "generator function, iterator or PyDataset")
    if kind in STREAM_KINDS:
        if y is not None:
            raise arg_error("y", y, f"None when `x` is a {_kind_label(kind)} (it yields the targets)")
        if validation_split:
            raise arg_error("validation_split", validation_split,
                            f"0 when `x` is a {_kind_label(kind)}: only array inputs can be split",
                            detail="Give validation_data instead.")
        if sample_weight is not None:
            raise arg_error("sample_weight", sample_weight,
                            f"None when `x` is a {_kind_label(kind)} (it yields the weights as a third element)")

    plan = _stream_plan(kind, x, steps_per_epoch, batch_size, shuffle, model=model, epochs=epochs,
                        initial_epoch=initial_epoch) if kind != "arrays" else None
    if plan is None:
        # R: validation_data overrides validation_split
        split = validation_split if validation_data is None else 0.0
        plan = _array_plan(model, x, y, sample_weight, batch_size, shuffle, split, steps_per_epoch=steps_per_epoch)
    plan.batch_size = batch_size

    if class_weight is not None:
        from .class_weights import apply_class_weight

        apply_class_weight(class_weight, plan, model, x_kind=kind, y=y)

    if validation_data is not None:
        _add_validation_data(plan, model, validation_data, validation_steps, batch_size=batch_size)
    return plan


def _kind_label(kind: str) -> str:
    return {
        "dataset": "tf.data.Dataset",
        "pydataset": "PyDataset",
        "iterator": "Python iterator",
        "generator": "generator function",
        "hdf5": "HDF5 dataset",
    }.get(kind, kind)


def _stream_plan(kind, x, steps_per_epoch, batch_size, shuffle, *, model=None, epochs=None,
                 initial_epoch=0) -> DataPlan | None:
    if kind == "dataset":
        # a dataset shuffles itself (R: tfdatasets::dataset_shuffle); shuffle=False spares Keras' warning
        return DataPlan(fit_args={"x": x, "shuffle": False})
    if kind == "pydataset":
        # Keras shuffles a PyDataset's batch order: R's meaning of "batch" too, never Keras' own "batch"
        return DataPlan(fit_args={"x": x, "shuffle": bool(shuffle)})
    if kind == "iterator":
        from .inputs.generators import iterator_plan

        return iterator_plan(x, steps_per_epoch, model, epochs=epochs, initial_epoch=initial_epoch)
    if kind == "generator":
        from .inputs.generators import generator_function_plan

        return generator_function_plan(x, steps_per_epoch, model, epochs=epochs, initial_epoch=initial_epoch)
    if kind == "hdf5":
        return None
    raise AssertionError(kind)


def _array_plan(model, x, y, sample_weight, batch_size, shuffle, validation_split, *,
                steps_per_epoch=None) -> DataPlan:
    from .inputs.hdf5 import has_hdf5

    if has_hdf5(x) or has_hdf5(y) or has_hdf5(sample_weight):
        from .inputs.hdf5 import hdf5_plan

        return hdf5_plan(model, x, y, sample_weight, batch_size, shuffle, validation_split,
                         steps_per_epoch=steps_per_epoch)
    xs = convert_inputs(x, model, "x", check_shapes=True)
    samples = _samples(xs, "x")
    ys = None
    if y is not None:
        ys = convert_targets(y, model, "y")
        _check_lengths(samples, ys, "y")
    elif _needs_targets(model):
        raise arg_error("y", y, "the targets for `x` (the model was compiled with a loss)",
                        detail="Only a tf.data.Dataset, generator or PyDataset `x` brings its own targets.")
    weights = convert_sample_weight(sample_weight, samples)
    _check_timesteps(weights, model)
    check_finite(xs, "x")
    check_finite(ys, "y")

    validation = None
    train_samples = samples
    if validation_split > 0:
        split_at = arguments.validation_split_at(validation_split, samples)
        validation = (_take(xs, split_at, None), _take(ys, split_at, None), _take(weights, split_at, None))
        xs, ys, weights = _take(xs, 0, split_at), _take(ys, 0, split_at), _take(weights, 0, split_at)
        train_samples = split_at

    fit_args = {"x": _keras_structure(xs), "batch_size": batch_size}
    if ys is not None:
        fit_args["y"] = _keras_structure(ys)
    if weights is not None:
        fit_args["sample_weight"] = weights
    plan = DataPlan(fit_args=fit_args, samples=train_samples)
    plan.arrays = (xs, ys, weights)  # for class weights and batch shuffling
    if shuffle == "batch":
        from .inputs.batch_shuffle import batch_shuffle_plan

        batch_shuffle_plan(plan, batch_size, steps_per_epoch=steps_per_epoch)
    else:
        # R: shuffle "has no effect when steps_per_epoch is not NULL" -- arrays are
        # served in order then, whatever shuffle says (Keras 3 would shuffle them)
        fit_args["shuffle"] = shuffle if steps_per_epoch is None else False
    if validation is not None:
        xv, yv, wv = validation
        plan.fit_args["validation_data"] = tuple(
            _keras_structure(v) for v in ((xv, yv) if wv is None else (xv, yv, wv))
        )
        plan.validation_samples = first_dim(xv)
    return plan


def _add_validation_data(plan: DataPlan, model, validation_data, validation_steps, *, batch_size=None) -> None:
    kind = kind_of(validation_data)
    if kind in ("dataset", "pydataset"):
        plan.fit_args["validation_data"] = validation_data
        plan.validation_samples = None
        return
    if kind in ("iterator", "generator"):
        from .inputs.generators import validation_plan

        validation_plan(plan, validation_data, kind, validation_steps, model)
        return
    from .inputs.hdf5 import has_hdf5, hdf5_validation

    if isinstance(validation_data, (list, tuple)) and any(has_hdf5(part) for part in validation_data):
        hdf5_validation(plan, model, validation_data, batch_size)
        return
    if not isinstance(validation_data, (list, tuple)) or len(validation_data) not in (2, 3):
        raise arg_error("validation_data", validation_data,
                        "a list (x_val, y_val) or (x_val, y_val, val_sample_weights), "
                        "a tf.data.Dataset, a generator function or a PyDataset")
    xv = convert_inputs(validation_data[0], model, "validation_data[[1]]", check_shapes=True)
    samples = _samples(xv, "validation_data[[1]]")
    yv = convert_targets(validation_data[1], model, "validation_data[[2]]")
    _check_lengths(samples, yv, "validation_data[[2]]")
    check_finite(xv, "validation_data[[1]]")
    check_finite(yv, "validation_data[[2]]")
    parts = [_keras_structure(xv), _keras_structure(yv)]
    if len(validation_data) == 3 and validation_data[2] is not None:
        parts.append(convert_sample_weight(validation_data[2], samples, "validation_data[[3]]"))
    plan.fit_args["validation_data"] = tuple(parts)
    plan.validation_samples = samples

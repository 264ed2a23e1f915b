"""Array data in the structure of a model's inputs and outputs.

Shared by every kind of input (arrays, generator batches, HDF5 parts) and by
every R function that takes data (``fit``, ``evaluate``, ``predict``, the
``*_on_batch`` functions), so that each gives the same errors:

* :func:`convert_inputs`, :func:`convert_targets`, :func:`convert_sample_weight`:
  R's data (vectors, matrices, lists, named lists, data frames, factors) to
  what the model takes, matched to the model's own input and output names
  (:func:`rkeras.engines.input_names`);
* :func:`sample_count`, :func:`check_lengths`: samples agree across arrays;
* :func:`take`: rows ``start:stop`` of a structure; :func:`keras_structure`:
  the tuples Keras wants for several inputs;
* :func:`names_error`: the error for names that are not the model's;
* :class:`DataPlan`: what an R function hands to Keras (built by
  :func:`rkeras.inputs.plan.resolve_data`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import numpy as np

from ..engines import input_names, named_structure, output_names
from ..errors import RKerasError, arg_error
from .arrays import check_finite, first_dim, flat, keras_array

__all__ = [
    "DataPlan",
    "convert_inputs",
    "convert_targets",
    "convert_sample_weight",
    "check_lengths",
    "check_timesteps",
    "sample_count",
    "take",
    "keras_structure",
    "names_error",
    "needs_targets",
]


@dataclass
class DataPlan:
    """Data checked and converted for one Keras call.

    ``keras_args`` are the data arguments of ``Model.fit`` / ``evaluate`` /
    ``predict`` (``x``, ``y``, ``batch_size``, ``sample_weight``, ...); the
    rest is what the history must know (samples, validation samples, batch
    size) and the resources held while Keras runs (:meth:`context`).
    """

    keras_args: dict
    samples: int | None = None
    validation_samples: int | None = None
    batch_size: int | None = None
    steps: int | None = None
    callbacks: list = field(default_factory=list)
    contexts: list = field(default_factory=list)

    @property
    def fit_args(self) -> dict:
        """The same dict as :attr:`keras_args` (its name when only fit() used plans)."""
        return self.keras_args

    @contextlib.contextmanager
    def context(self):
        """Resources held while Keras runs (open files, prefetch threads)."""
        with contextlib.ExitStack() as stack:
            for ctx in self.contexts:
                stack.enter_context(ctx)
            yield

    def close(self) -> None:
        """Stop what the plan started without running Keras (the prefetch sources)."""
        for source in getattr(self, "sources", []):
            close = getattr(source, "close", None)
            if callable(close):
                close()


def names_error(argument: str, given, names, what: str) -> RKerasError:
    """``argument``'s names are not the model's ``what`` ("input"/"output") names."""
    shown = ", ".join(repr(n) for n in names) or "(none)"
    got = ", ".join(repr(str(n)) for n in given) or "(none)"
    return RKerasError(
        f"`{argument}` names should be the model's {what} names: {shown}. Got {argument} names {got}.",
        argument,
    )


def _check_names(value: dict, argument: str, names: list[str], what: str) -> None:
    """Every key one of the model's names, and (for inputs) every name given."""
    unknown = [k for k in value if k not in names]
    missing = [n for n in names if n not in value] if what == "input" else []
    if unknown or missing or not names or not value:
        error = names_error(argument, list(value), names, what)
        if missing and not unknown:
            error = RKerasError(f"{error} Missing: {', '.join(repr(n) for n in missing)}.", argument)
        raise error


def convert_inputs(x, model, argument: str = "x", *, check_shapes: bool = False):
    """``x`` (array-likes) to the structure the model's inputs take.

    A dict is matched by the model's own input names (its dict keys when it
    was built with named inputs); a list is positional. With ``check_shapes``,
    each array's sample shape must match its input's.
    """
    import pandas as pd

    names = input_names(model)
    shapes = dict(zip(names, input_shapes(model)))
    if isinstance(x, pd.DataFrame) and len(names) > 1:
        missing = [n for n in names if n not in x.columns]
        if missing:
            raise RKerasError(
                f"`{argument}` is a data frame for a model with {len(names)} inputs, so its columns should "
                f"include the input names {', '.join(repr(n) for n in names)}. "
                f"Got columns {', '.join(repr(str(c)) for c in x.columns)}.",
                argument,
            )
        value = {name: as_column(keras_array(x[name], f"{argument}${name}"), shapes[name]) for name in names}
    else:
        value = keras_array(x, argument)
    if isinstance(value, dict):
        _check_names(value, argument, names, "input")
        value = {n: as_column(value[n], shapes[n]) for n in names}  # the model's order
    elif isinstance(value, list) and names:
        if len(value) != len(names):
            raise arg_error(argument, x, f"one array per model input ({len(names)}: {', '.join(names)})",
                            detail=f"Got a list of {len(value)}.")
        value = [as_column(v, shapes[n]) for v, n in zip(value, names)]
    elif len(names) == 1 and isinstance(value, np.ndarray):
        value = as_column(value, shapes[names[0]])
    if check_shapes:
        for path, name, array in _parts(value, names):
            check_shape(array, shapes.get(name), argument + path)
    if _takes_dict(model, "input"):
        # built with a dict of inputs: Keras matches data by those keys, so give it a dict
        if isinstance(value, list):
            value = dict(zip(names, value))
        elif not isinstance(value, dict) and len(names) == 1:
            value = {names[0]: value}
    elif isinstance(value, dict) and len(names) == 1:
        value = value[names[0]]  # one named input: the array itself (Keras warns about a dict)
    return value


def _parts(value, names):
    if isinstance(value, dict):
        return [(f"[{k!r}]", k, v) for k, v in value.items()]
    if isinstance(value, list):
        return [(f"[[{i + 1}]]", n, v) for i, (n, v) in enumerate(zip(names, value))]
    return [("", names[0] if len(names) == 1 else None, value)]


def _takes_dict(model, what: str) -> bool:
    """Was the model built with a dict of inputs (outputs)? Then Keras wants a dict."""
    return named_structure(model, what) is not None


def check_shape(array, shape, argument: str) -> None:
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


def input_shapes(model) -> list:
    """The shapes of the model's inputs, in the order of :func:`input_names`."""
    named = named_structure(model, "input")
    if named is not None:
        return [tuple(getattr(t, "shape", ()) or ()) for t in named.values()]
    try:
        return [tuple(getattr(t, "shape", ()) or ()) for t in model.inputs]
    except Exception:
        return []


def as_column(array, shape):
    """An R vector given for a ``(None, 1)`` input becomes a one-column matrix."""
    if isinstance(array, np.ndarray) and array.ndim == 1 and shape is not None and len(shape) == 2 and shape[1] == 1:
        return array.reshape(-1, 1)
    return array


def convert_targets(y, model, argument: str = "y"):
    """``y`` (array-likes, factors) to the structure of the model's outputs.

    A dict is matched by the model's own output names; it may leave outputs
    out (those without a loss need no targets).
    """
    names = output_names(model)
    value = keras_array(y, argument)
    named = _takes_dict(model, "output")
    if isinstance(value, dict):
        _check_names(value, argument, names, "output")
        if len(names) == 1 and not named:
            value = value[names[0]]  # one named output: Keras 3 takes the array, not a dict
        else:
            value = {n: value[n] for n in names if n in value}
    elif isinstance(value, list) and len(names) and len(value) != len(names):
        raise arg_error(argument, y, f"one array per model output ({len(names)}: {', '.join(names)})",
                        detail=f"Got a list of {len(value)}.")
    elif named and isinstance(value, list):
        value = dict(zip(names, value))  # positional, in the order the model's dict gave its outputs
    elif named and value is not None and len(names) == 1:
        value = {names[0]: value}
    return value


def convert_sample_weight(sample_weight, samples: int | None, argument: str = "sample_weight"):
    """One weight per sample (a vector) or a ``(samples, timesteps)`` array, as float weights."""
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


def needs_targets(model) -> bool:
    """A model compiled with a loss and trained by Keras' own train_step needs `y`."""
    train_step = getattr(type(model), "train_step", None)
    own_step = getattr(train_step, "__module__", "") or ""
    return getattr(model, "loss", None) is not None and own_step.startswith(("keras.", "tf_keras."))


def check_timesteps(weights, model, argument: str = "sample_weight") -> None:
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


def check_lengths(samples: int, structure, argument: str) -> None:
    """Every array of ``structure`` has ``samples`` rows (those of ``x``)."""
    for path, array in flat(structure):
        n = first_dim(array)
        if n != samples:
            raise RKerasError(
                f"`{argument}{path}` should have as many samples as `x` ({samples}). "
                f"Got {n} (shape {tuple(getattr(array, 'shape', ()))}).",
                argument,
            )


def sample_count(structure, argument: str) -> int:
    """The samples of a structure whose arrays must all have as many."""
    counts = [(p, first_dim(a)) for p, a in flat(structure)]
    if not counts:
        raise arg_error(argument, structure, "data with at least one array")
    first = counts[0][1]
    for path, n in counts:
        if n != first:
            raise RKerasError(
                f"Every array of `{argument}` should have the same number of samples. "
                f"Got {first} in {argument}{counts[0][0]} and {n} in {argument}{path}.",
                argument,
            )
    return first


def take(structure, start, stop):
    """Rows ``start:stop`` of every array of a structure (views, no copy)."""
    if isinstance(structure, dict):
        return {k: take(v, start, stop) for k, v in structure.items()}
    if isinstance(structure, list):
        return [take(v, start, stop) for v in structure]
    if structure is None:
        return None
    return structure[start:stop]


def keras_structure(value):
    """Keras wants tuples, not lists, for several inputs/outputs."""
    if isinstance(value, list):
        return tuple(keras_structure(v) for v in value)
    return value

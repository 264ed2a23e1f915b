"""``class_weight``: R's names, applied as per-sample weights for every input kind.

R users name classes, and R counts from 1: ``class_weight = list("1" = 1, "2" = 5)``
weights the first class (Keras class 0) by 1 and the second by 5. This module
turns what the user wrote into a table of weights indexed by Keras' 0-based
class, checks it against the model, and applies it to the training data as
per-sample weights: directly for arrays, by a ``tf.data`` map for datasets,
generators and HDF5 (where Keras 3 refuses ``class_weight`` or mishandles
string names), and through Keras itself for a ``PyDataset``.

Classes not named keep weight 1 (as in Keras 3). Class weights apply to
training only, never to validation data (R's documentation says so).

R keras 2.15's 0-based names
----------------------------
R keras 2.15 passed the names on unchanged to Keras 2, which required every
class from 0 to K-1 to be named: so every working script written for it names
exactly ``"0"``, ``"1"``, ..., ``"K-1"`` (``list("0" = 1, "1" = 5)``). Such a
``class_weight``, for a K-class output, is read as R keras 2.15 read it
(0-based), with one :class:`~rkeras.errors.RKerasWarning` that says so;
option ``keras.class_weight_base = 0`` chooses that reading for the session,
silently, and ``keras.class_weight_base = 1`` set explicitly refuses it. Any
other set of names containing ``"0"`` is an error that explains both
conventions.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .errors import RKerasError, arg_error, show_value
from .habits import warn_later
from .options import get_option

__all__ = ["apply_class_weight", "class_weight_table", "class_indices"]

_ARG = "class_weight"


# -- what the user wrote -> {0-based class: weight} ------------------------------

def _base() -> int | None:
    """Option ``keras.class_weight_base``: 1, 0, or None when not set."""
    base = get_option("keras.class_weight_base")
    if base is None:
        return None
    if isinstance(base, bool) or not isinstance(base, numbers.Real) or base not in (0, 1):
        raise RKerasError(
            "Option `keras.class_weight_base` should be 1 (class_weight names are R's 1-based "
            f"positions) or 0 (Keras' 0-based classes, as in R keras 2.15). Got {show_value(base)}.",
            "keras.class_weight_base",
        )
    return int(base)


def _weight(key, value) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        raise arg_error(_ARG, value, "a number for each class",
                        detail=f"The weight of class {key!r} is {show_value(value)}.")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise RKerasError(
            f"`{_ARG}` weights should be finite numbers, 0 or more. "
            f"Got {number:g} for class {key!r}.",
            _ARG,
        )
    return number


def _position(key):
    """An integer class name: int, numpy int, integer-valued float, or digits as text."""
    if isinstance(key, (bool, np.bool_)):
        return None
    if isinstance(key, (numbers.Integral, np.integer)):
        return int(key)
    if isinstance(key, (numbers.Real, np.floating)) and float(key).is_integer():
        return int(key)
    if isinstance(key, str):
        text = key.strip()
        if text.lstrip("+-").isdigit():
            return int(text)
    return None


def _zero_name_error(key, classes: int | None) -> RKerasError:
    every = (f"names exactly \"0\" to \"{classes - 1}\" (every class once) are read that way, with a warning; "
             if classes is not None else "")
    return RKerasError(
        f"`{_ARG}` names are R's 1-based class positions: \"1\" is the first class (Keras class 0), "
        f"\"2\" the second, and so on, so a class named {key!r} does not exist. "
        "Scripts written for R keras 2.15 used Keras' 0-based classes (\"0\" the first): "
        f"{every}to keep that meaning for the whole session set `rkeras.options(keras_class_weight_base=0)` "
        "(R: options(keras.class_weight_base = 0)), or add 1 to every name.",
        _ARG,
    )


def _r_keras_215_names(pairs, classes: int | None) -> bool:
    """Are the names exactly R keras 2.15's "0", ..., "K-1" for a K-class output?"""
    if classes is None or len(pairs) != classes:
        return False
    positions = [_position(k) for k, _ in pairs]
    return None not in positions and sorted(positions) == list(range(classes))


def _names_base(pairs, classes: int | None) -> int:
    """1 (R's positions) or 0 (Keras' classes, R keras 2.15's names) for these names."""
    base = _base()
    if base is not None:
        return base  # chosen by the option: no guessing, no warning
    if _r_keras_215_names(pairs, classes):
        names = ", ".join(f'"{i}"' for i in range(classes))
        warn_later(
            f"`{_ARG}` names {names} are read as R keras 2.15 read them: Keras' 0-based classes "
            f'("0" is the first class). rkeras otherwise reads names as R\'s 1-based positions; '
            "set rkeras.options(keras_class_weight_base=0) (R: options(keras.class_weight_base = 0)) "
            "to choose the 0-based reading without this warning."
        )
        return 0
    return 1


def _factor_levels(y):
    """Category labels when ``y`` is a factor (pandas Categorical), else None."""
    if y is None or not type(y).__module__.startswith("pandas"):
        return None
    import pandas as pd

    if isinstance(y, pd.Categorical):
        return [str(c) for c in y.categories]
    if isinstance(y, pd.Series) and isinstance(y.dtype, pd.CategoricalDtype):
        return [str(c) for c in y.cat.categories]
    return None


def _named(class_weight) -> list | None:
    """(name, weight) pairs of a named class_weight, None when it is unnamed."""
    if isinstance(class_weight, dict):
        return list(class_weight.items())
    if type(class_weight).__module__.startswith("pandas") and type(class_weight).__name__ == "Series":
        import pandas as pd

        if isinstance(class_weight.index, pd.RangeIndex) and class_weight.index.start == 0:
            return None  # no names: positional, like an R vector without names
        return list(class_weight.items())
    return None


def class_weight_table(class_weight, *, y=None, classes: int | None = None) -> dict[int, float]:
    """``class_weight`` as ``{0-based Keras class: weight}``.

    Parameters
    ----------
    class_weight : dict, list, tuple, 1-D array or pandas Series
        Names are R's 1-based class positions (option ``keras.class_weight_base``
        switches to 0-based); the category labels when ``y`` is a factor (when
        every name is one of its labels, labels win over positions); an
        unnamed sequence gives the weights of classes 1, 2, ... in order.
        Classes not named keep weight 1.
    y : optional
        The targets as given (a pandas Categorical lends its labels as names).
    classes : int, optional
        How many classes the model's output has; a class beyond it is an error.
    """
    pairs = _named(class_weight)
    base = None
    table: dict[int, float] = {}
    source: dict[int, object] = {}
    if pairs is None:
        if isinstance(class_weight, (str, bytes)) or not hasattr(class_weight, "__len__"):
            raise arg_error(_ARG, class_weight,
                            "a named list (dict) of weights by class, or one weight per class in order")
        values = list(np.asarray(class_weight, dtype=object).reshape(-1)) if not isinstance(
            class_weight, (list, tuple)) else list(class_weight)
        if not values:
            raise arg_error(_ARG, class_weight, "at least one class weight")
        for i, value in enumerate(values):
            table[i] = _weight(i + 1, value)
            source[i] = i + 1
    else:
        if not pairs:
            raise arg_error(_ARG, class_weight, "at least one class weight")
        levels = _factor_levels(y)
        by_label = levels is not None and all(str(k) in levels for k, _ in pairs)
        base = None if by_label else _names_base(pairs, classes)
        for key, value in pairs:
            if by_label:
                index = levels.index(str(key))
            else:
                position = _position(key)
                if position is None:
                    expected = ("a named list whose names are class positions (1, 2, ...)"
                                + (" or the levels of the factor `y`" if levels is not None else ""))
                    strangers = [k for k, _ in pairs
                                 if _position(k) is None and (levels is None or str(k) not in levels)]
                    if not strangers:  # every name is a level or a position, but not all one kind
                        raise arg_error(_ARG, class_weight, expected,
                                        detail="Its names mix levels of the factor `y` and class positions: "
                                               "use one or the other.")
                    hint = (f" `y` is a factor with levels {', '.join(repr(l) for l in levels)}."
                            if levels is not None else "")
                    raise arg_error(_ARG, class_weight, expected,
                                    detail=f"The name {strangers[0]!r} is neither.{hint}")
                if base == 1 and position == 0:
                    raise _zero_name_error(key, classes)
                if position < base:
                    raise RKerasError(
                        f"`{_ARG}` names should be class positions, {base} or more. Got {key!r}.", _ARG)
                index = position - base
            if index in table:
                raise RKerasError(
                    f"`{_ARG}` should name each class once. Got {source[index]!r} and {key!r} for the same class.",
                    _ARG,
                )
            table[index] = _weight(key, value)
            source[index] = key
    if classes is not None:
        beyond = [source[i] for i in sorted(table) if i >= classes]
        if beyond:
            if pairs is None:
                allowed = f"give at most {classes} weights"
            elif base is None:
                allowed = "name its factor levels"
            else:
                allowed = f"names go from {base} to {classes - 1 + base}" + (
                    " (R's 1-based positions)" if base == 1 else " (keras.class_weight_base = 0)")
            raise RKerasError(
                f"`{_ARG}` names classes the model does not have: {', '.join(repr(b) for b in beyond)}. "
                f"The model's output has {classes} classes, so {allowed}.",
                _ARG,
            )
    return table


# -- the model ---------------------------------------------------------------------

def _single_output_classes(model) -> int | None:
    """Classes of the model's one output (2 for a single sigmoid unit)."""
    from .engines import output_names

    names = output_names(model)
    if len(names) > 1:
        raise RKerasError(
            f"`{_ARG}` works for a model with one output; this model has {len(names)} "
            f"({', '.join(names)}). Give per-sample weights for each output in the data instead.",
            _ARG,
        )
    try:
        shape = tuple(model.outputs[0].shape)
    except Exception:
        return None
    if not shape or shape[-1] is None:
        return None
    units = int(shape[-1])
    return 2 if units == 1 else units


def _output_rank(model) -> int | None:
    try:
        return len(model.outputs[0].shape)
    except Exception:
        return None


def class_indices(y: np.ndarray, output_rank: int | None) -> np.ndarray:
    """Keras' class index of each sample (or timestep) of ``y``.

    One-hot (or probability) targets give their argmax; a single column or
    integer labels give the rounded label. ``output_rank`` (the rank of the
    model's output) tells sparse per-timestep labels ``(samples, timesteps)``
    from one-hot ``(samples, classes)``.
    """
    y = np.asarray(y)
    sparse = output_rank is not None and y.ndim == output_rank - 1
    if sparse or y.ndim == 1:
        return np.rint(y).astype(np.int64)
    if y.shape[-1] == 1:
        return np.rint(y[..., 0]).astype(np.int64)
    return np.argmax(y, axis=-1)


def _lookup(table: dict[int, float], size: int) -> np.ndarray:
    weights = np.ones(max(size, max(table) + 1), dtype=np.float32)
    for index, weight in table.items():
        weights[index] = weight
    return weights


# -- applying it -------------------------------------------------------------------

def apply_class_weight(class_weight, plan, model, *, x_kind: str, y=None) -> None:
    """Turn ``class_weight`` into per-sample weights of the training data in ``plan``.

    Called by :func:`rkeras.inputs.plan.resolve_data` after the training plan is built
    and before training: every check happens here. Array plans get
    ``sample_weight``; tf.data-based plans (datasets, generators, HDF5,
    shuffle="batch") get a map that adds the weights; a PyDataset gets Keras'
    own ``class_weight`` with 0-based integer keys.
    """
    classes = _single_output_classes(model)
    table = class_weight_table(class_weight, y=y, classes=classes)
    rank = _output_rank(model)
    size = classes or 0
    arrays = getattr(plan, "arrays", None)
    if arrays is not None:
        xs, ys, weights = arrays
        if ys is None:
            raise arg_error("y", None, f"the class labels when `{_ARG}` is given")
        if weights is not None:
            raise _with_sample_weight_error()
        labels = _labels(ys, rank, "y", classes)
        if not _is_dataset(plan.keras_args.get("x")):
            plan.keras_args["sample_weight"] = _lookup(table, max(size, int(labels.max(initial=0)) + 1))[labels]
            plan.arrays = (xs, ys, plan.keras_args["sample_weight"])
            return
    x = plan.keras_args.get("x")
    if _is_dataset(x):
        plan.keras_args["x"] = dataset_with_class_weights(x, _lookup(table, size), rank)
        return
    if x_kind == "pydataset":
        _check_pydataset(x)
        # every class from 0 on: tf_keras wants them all, Keras 3 takes them too
        plan.keras_args["class_weight"] = {i: float(w) for i, w in enumerate(_lookup(table, size))}
        return
    raise AssertionError(f"class weights for input kind {x_kind!r}")  # pragma: no cover


def _with_sample_weight_error() -> RKerasError:
    return RKerasError(
        f"Give either `{_ARG}` or sample weights, not both: class weights are applied as "
        "per-sample weights. Multiply your sample weights by the class weights instead.",
        _ARG,
    )


def _labels(ys, rank, argument, classes) -> np.ndarray:
    if isinstance(ys, (list, dict)):
        raise RKerasError(f"`{_ARG}` works for a model with one output; `{argument}` holds several.", _ARG)
    labels = class_indices(ys, rank)
    if labels.size and (labels.min() < 0 or (classes is not None and labels.max() >= classes)):
        raise RKerasError(
            f"`{_ARG}` needs class labels in `{argument}`: 0-based integer classes, one-hot rows or "
            f"a factor. Got labels from {labels.min()} to {labels.max()}"
            + (f" for a model with {classes} classes." if classes is not None else "."),
            _ARG,
        )
    return labels


def _is_dataset(value) -> bool:
    from .inputs import is_dataset

    return value is not None and is_dataset(value)


def dataset_with_class_weights(dataset, weights: np.ndarray, output_rank: int | None):
    """``dataset`` of ``(x, y)`` with per-sample class weights as a third element."""
    import tensorflow as tf

    spec = dataset.element_spec
    if not isinstance(spec, tuple) or len(spec) < 2:
        raise RKerasError(
            f"`{_ARG}` needs a dataset of (inputs, targets) pairs. Got elements {show_value(spec)}.", _ARG)
    if len(spec) == 3:
        raise _with_sample_weight_error()
    if not isinstance(spec[1], tf.TensorSpec):
        raise RKerasError(f"`{_ARG}` works for a model with one output; the targets are {show_value(spec[1])}.",
                          _ARG)
    y_rank = spec[1].shape.rank
    sparse = output_rank is not None and y_rank == output_rank - 1
    table = tf.constant(weights, dtype=tf.float32)

    def add_weights(x, y):
        if sparse or y_rank == 1:
            classes = tf.cast(tf.round(tf.cast(y, tf.float32)), tf.int32)
        elif y.shape[-1] == 1:
            classes = tf.cast(tf.round(tf.cast(tf.squeeze(y, -1), tf.float32)), tf.int32)
        else:
            classes = tf.argmax(y, axis=-1, output_type=tf.int32)
        return x, y, tf.gather(table, classes)

    return dataset.map(add_weights, num_parallel_calls=None)


def _check_pydataset(x) -> None:
    try:
        batch = x[0]
    except Exception:
        return
    if isinstance(batch, tuple) and len(batch) == 3 and batch[2] is not None:
        raise _with_sample_weight_error()

"""Checks of converted arrays against the model, before any training.

What :mod:`.arrays` makes (numpy arrays, lists and dicts of them) is checked
here against what the model takes, so that a mistake is an error naming the
argument, what the model expects and what came, never a silent broadcast or a
traceback after an epoch changed the weights:

* :func:`check_samples`: zero samples in ``x``, ``y`` or validation data.
* :func:`check_input_structure`: one array for a model with several inputs.
* :func:`check_targets`: ``y``'s sample shape against each output (a two-column
  ``y`` for a one-unit output is an error, not broadcast) and its labels
  against the loss: integer labels out of range for a sparse cross-entropy
  (R's 1-based factor codes among them), labels outside [0, 1] for a binary
  cross-entropy (R's 1/2 codes for a sigmoid output), one-hot targets given to
  a sparse loss, integer labels given to a categorical one.
* :func:`require_targets`: targets that are missing (``validation_data = (x, None)``).

Shapes follow Keras' own tolerance: a last axis of 1 may be added or dropped
(``y`` of shape ``(n,)`` for an output ``(None, 1)``). Only Keras' built-in
losses are checked (by name, for both engines); a custom loss may take targets
of any shape, so its targets are left alone.
"""

from __future__ import annotations

import numpy as np

from ..engines import input_names, output_names
from ..errors import RKerasError, arg_error
from .arrays import first_dim, flat

__all__ = [
    "check_samples",
    "check_input_structure",
    "check_targets",
    "require_targets",
    "output_losses",
    "sample_shape_matches",
]


# -- samples and structure --------------------------------------------------------------

def check_samples(structure, argument: str) -> None:
    """Every array of ``structure`` must hold at least one sample."""
    for path, array in flat(structure):
        if first_dim(array) == 0:
            raise RKerasError(
                f"`{argument}{path}` should hold at least one sample. "
                f"Got 0 samples (shape {tuple(getattr(array, 'shape', ()))}).",
                argument,
            )


def check_input_structure(value, model, argument: str = "x") -> None:
    """A model with several inputs needs one array per input (a list or a dict)."""
    names = input_names(model)
    if len(names) > 1 and isinstance(value, np.ndarray):
        raise RKerasError(
            f"`{argument}` should give one array per model input ({len(names)}: {', '.join(names)}), as a list "
            f"in that order or a dict by name. Got a single array of shape {tuple(value.shape)}.",
            argument,
        )


def require_targets(value, argument: str, what: str = "the targets") -> None:
    """``None`` where targets must be (``validation_data = (x_val, None)``)."""
    if value is None:
        raise arg_error(argument, value, f"{what}: an array, or a list or dict of arrays (one per output)")


# -- losses -------------------------------------------------------------------------------

#: Built-in losses by family, names lower-cased without underscores (both engines).
_SPARSE = {"sparsecategoricalcrossentropy", "scce"}
_CATEGORICAL = {"categoricalcrossentropy", "categoricalfocalcrossentropy", "cce"}
_BINARY = {"binarycrossentropy", "binaryfocalcrossentropy", "bce"}
_ELEMENTWISE = {
    "mse", "meansquarederror", "mae", "meanabsoluteerror", "mape", "meanabsolutepercentageerror",
    "msle", "meansquaredlogarithmicerror", "huber", "huberloss", "logcosh", "hinge", "squaredhinge",
    "categoricalhinge", "kld", "kldivergence", "kullbackleiblerdivergence", "poisson", "cosinesimilarity",
}


def _loss_key(loss) -> str | None:
    """The family key of one loss as given to compile(), None when unknown or custom."""
    if loss is None:
        return None
    if isinstance(loss, str):
        name = loss
    else:
        is_function = hasattr(loss, "__name__") and not isinstance(loss, type)
        module = (getattr(loss, "__module__", "") if is_function else type(loss).__module__) or ""
        if not module.startswith(("keras", "tf_keras", "tensorflow")):
            return None  # a user's own loss: no assumption about its targets
        fn = getattr(loss, "fn", None)  # Keras' LossFunctionWrapper
        name = getattr(fn, "__name__", None) or getattr(loss, "__name__", None) or type(loss).__name__
    key = name.replace("_", "").lower()
    if key in _SPARSE or key in _CATEGORICAL or key in _BINARY or key in _ELEMENTWISE:
        return key
    return None


def output_losses(model) -> list:
    """The compiled loss of each output, in the model's output order (None if unknown)."""
    names = output_names(model)
    loss = getattr(model, "loss", None)
    if isinstance(loss, dict):
        return [loss.get(n) for n in names]
    if isinstance(loss, (list, tuple)):
        return list(loss) + [None] * (len(names) - len(loss))
    return [loss] * max(1, len(names))


def _output_shapes(model) -> list:
    try:
        return [tuple(None if d is None else int(d) for d in t.shape) for t in model.outputs]
    except Exception:
        return []


def sample_shape_matches(got: tuple, expected: tuple) -> bool:
    """Do two sample shapes agree, as Keras takes them (a last axis of 1 may come or go)?"""
    if len(got) == len(expected) + 1 and got[-1:] == (1,):
        got = got[:-1]
    elif len(got) + 1 == len(expected) and expected[-1:] == (1,):
        expected = expected[:-1]
    return len(got) == len(expected) and all(e is None or e == g for e, g in zip(expected, got))


def _show_shape(sample_shape: tuple) -> str:
    return "(samples" + "".join(f", {'any' if d is None else d}" for d in sample_shape) + ")"


def _parts(ys, model) -> list:
    """(argument path, output name, loss, output shape, array) for each output's targets."""
    names = output_names(model)
    shapes = _output_shapes(model)
    losses = output_losses(model)
    if isinstance(ys, dict):
        items = [(f"[{k!r}]", k, names.index(k) if k in names else None, v) for k, v in ys.items()]
    elif isinstance(ys, (list, tuple)):
        items = [(f"[[{i + 1}]]", names[i] if i < len(names) else None, i, v) for i, v in enumerate(ys)]
    else:
        items = [("", names[0] if names else None, 0, ys)]
    parts = []
    for path, name, index, array in items:
        if index is None or not isinstance(array, np.ndarray):
            continue
        shape = shapes[index] if index < len(shapes) else None
        loss = losses[index] if index < len(losses) else None
        parts.append((path, name, loss, shape, array))
    return parts


def check_targets(ys, model, argument: str = "y") -> None:
    """``y``'s sample shape against each output, and its labels against the loss."""
    names = output_names(model)
    if len(names) > 1 and isinstance(ys, np.ndarray):
        raise RKerasError(
            f"`{argument}` should give one array per model output ({len(names)}: {', '.join(names)}), as a list "
            f"in that order or a dict by name. Got a single array of shape {tuple(ys.shape)}.",
            argument,
        )
    for path, name, loss, shape, array in _parts(ys, model):
        key = _loss_key(loss)
        if key is None or shape is None or len(shape) < 2 or array.ndim == 0:
            continue
        _check_one(argument, path, name, key, loss, shape[1:], array)


def _loss_name(loss) -> str:
    if isinstance(loss, str):
        return loss
    fn = getattr(loss, "fn", None)
    return getattr(fn, "__name__", None) or getattr(loss, "__name__", None) or type(loss).__name__


def _check_one(argument, path, name, key, loss, output, y) -> None:
    where = f"`{argument}{path}`"
    loss_name = _loss_name(loss)
    about = f"the model's output{f' {name!r}' if name else ''} (shape {_show_shape(output)}) and its loss {loss_name}"
    got = tuple(y.shape[1:])
    classes = output[-1]
    if key in _SPARSE:
        if classes is not None and classes > 1 and got == output:
            raise RKerasError(
                f"{where} should hold one integer class label per sample (0 to {classes - 1}) for {about}. "
                f"Got one-hot targets of shape {tuple(y.shape)}: use the loss categorical_crossentropy for them, "
                "or give the class indices (np.argmax(y, axis=-1)).",
                argument,
            )
        if not sample_shape_matches(got, output[:-1]):
            raise RKerasError(
                f"{where} should have shape {_show_shape(output[:-1])}, one class label per sample, for {about}. "
                f"Got shape {tuple(y.shape)}.",
                argument,
            )
        _check_class_labels(where, argument, about, y, classes)
        return
    if not sample_shape_matches(got, output):
        if key in _CATEGORICAL and classes is not None and classes > 1 and sample_shape_matches(got, output[:-1]):
            raise RKerasError(
                f"{where} should be one-hot targets of shape {_show_shape(output)} for {about}. Got integer class "
                f"labels of shape {tuple(y.shape)}: use the loss sparse_categorical_crossentropy for them, or "
                "one-hot encode them (R: to_categorical()).",
                argument,
            )
        raise RKerasError(
            f"{where} should have shape {_show_shape(output)} for {about}. Got shape {tuple(y.shape)}"
            + (" (Keras would broadcast it, silently training on something else)." if y.size else "."),
            argument,
        )
    if key in _BINARY and y.size:
        low, high = _range(y)
        if low < 0 or high > 1:
            codes = set(np.unique(y).tolist()) <= {1, 2} if y.size <= 10_000_000 else False
            hint = (" These look like R's 1-based factor codes 1 and 2: give 0 and 1 (y - 1), or a pandas "
                    "Categorical, whose codes are 0-based." if codes else "")
            raise RKerasError(
                f"{where} should hold labels from 0 to 1 for {about}. Got values from {low:g} to {high:g}.{hint}",
                argument,
            )


def _range(y: np.ndarray) -> tuple[float, float]:
    with np.errstate(invalid="ignore"):
        return float(np.min(y)), float(np.max(y))


def _check_class_labels(where, argument, about, y, classes) -> None:
    if not y.size:
        return
    if y.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            fractional = np.flatnonzero((np.rint(y) != y).reshape(-1))
        if fractional.size:
            raise RKerasError(
                f"{where} should hold integer class labels for {about}. Got {fractional.size} fractional "
                f"value{'s' if fractional.size != 1 else ''}, the first {y.reshape(-1)[fractional[0]]:g}.",
                argument,
            )
    low, high = _range(y)
    if classes is None or (low >= 0 and high < classes):
        return
    hint = ""
    if low >= 1 and high == classes:
        hint = (f" These look like R's 1-based factor codes (1 to {classes}): Keras counts classes from 0, so give "
                "y - 1, or a pandas Categorical, whose codes are 0-based.")
    raise RKerasError(
        f"{where} should hold class labels from 0 to {classes - 1} for {about}. "
        f"Got labels from {low:g} to {high:g}.{hint}",
        argument,
    )

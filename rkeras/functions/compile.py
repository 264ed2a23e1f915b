"""``rkeras.compile()``: R keras' ``compile()``, which returns the model.

Python's ``Model.compile`` returns ``None``, so an R ``build_model()`` that
ends in ``model %>% compile(...)`` would return nothing; this one returns the
model, as R did (invisibly). The arguments keep R's meaning on both engines:
``metrics = "accuracy"`` (one string, refused by Keras 3), a flat list of
metrics for a model with several outputs (every output gets them, as on Keras
2), named metrics, R's numeric vectors of loss weights.
"""

from __future__ import annotations

import numbers

from ..arguments import as_nullable_integer
from ..engines import output_names
from ..errors import RKerasError, arg_error, show_value
from ..habits import flush_warnings, r_function
from .objects import model_engine

__all__ = ["compile"]


@r_function(exact_only=("sample_weight_mode", "target_tensors"))
def compile(
    object,
    optimizer=None,
    loss=None,
    metrics=None,
    loss_weights=None,
    weighted_metrics=None,
    run_eagerly=None,
    steps_per_execution=None,
    sample_weight_mode=None,
    target_tensors=None,
    **kwargs,
):
    """Configure a model for training, in place, and return it: R's ``compile()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        The model to compile.
    optimizer : str, optimizer or None
        R default NULL: Keras' default (``"rmsprop"``).
    loss : str, callable, Loss, list or dict, or None
        R default NULL. One loss for a model with several outputs applies to
        every output. A list is positional, a dict by output name.
    metrics : str, callable, Metric, list or dict, or None
        R default NULL. One metric (R's ``metrics = "accuracy"``) or a list;
        for a model with several outputs a flat list applies to every output,
        a list of lists is one list per output. A dict keyed by output names
        gives each output its metrics; any other dict names its metrics (R's
        ``list(my_mae = fn)``): a function or metric object takes the key as
        its name, a metric given by its string name keeps its own name (R:
        ``c(a = "mae")`` reports ``mae``).
    loss_weights : number, list, numpy array or dict, or None
        R default NULL. A list (R's numeric vector) is positional, one weight
        per output; a dict maps output names to weights.
    weighted_metrics : as ``metrics``, or None
        R default NULL. Metrics weighted by ``sample_weight`` or
        ``class_weight``; one string is a list of one.
    run_eagerly : bool or None
        R default NULL: Keras' default (``False``).
    steps_per_execution : int or None
        R default NULL: Keras' default (1). Fractions truncate as R's
        ``as.integer()`` does, with a warning.
    sample_weight_mode : any
        R default NULL. Accepted and without effect: Keras 3 (and tf_keras)
        take 2-D (temporal) sample weights as they are.
    target_tensors : None
        R default NULL. Anything else is an error, as in R on TensorFlow 2.
    **kwargs
        R's ``...``: passed on to ``Model.compile`` (``jit_compile``, ...).
        A name ``Model.compile`` does not take is Keras' own error, raised
        before the model changes.

    Returns
    -------
    The model, compiled (R returns it invisibly, for pipes and
    ``build_model()`` functions).

    Differences from R keras
    ------------------------
    R keras 2.15 warned "Passing names for custom metrics is deprecated" when
    a function was named in ``metrics``; rkeras names it without a warning.
    A flat list of metrics for a model with several outputs applies to every
    output on Keras 3 too (Keras 3 alone would read it as one metric per output).
    """
    engine = model_engine(object, "compile")
    if target_tensors is not None:
        raise RKerasError(
            "`target_tensors` is not supported on TensorFlow 2 (R keras failed the same way: \"`target_tensors` "
            "argument is not supported when executing eagerly\"); give the targets as `y` to fit(). "
            f"Got target_tensors={show_value(target_tensors)}.",
            "target_tensors",
        )
    outputs = _output_keys(object)
    args = {
        "optimizer": optimizer,
        "loss": loss,
        "metrics": _metrics(metrics, outputs, engine, "metrics"),
        "loss_weights": _loss_weights(loss_weights, outputs),
        "weighted_metrics": _metrics(weighted_metrics, outputs, engine, "weighted_metrics"),
        "run_eagerly": run_eagerly,
        "steps_per_execution": as_nullable_integer("steps_per_execution", steps_per_execution, minimum=1),
    }
    args = {name: value for name, value in args.items() if value is not None}  # R's NULLs are dropped
    # sample_weight_mode: accepted, no effect (see the docstring)
    flush_warnings()
    object.compile(**args, **kwargs)
    return object


def _output_keys(model) -> list[str]:
    """The names a dict of losses, metrics or weights is keyed by, in output order
    ([] for a model whose outputs are not known yet: an unbuilt Sequential)."""
    try:
        known = bool(model.outputs)
    except Exception:
        known = False
    return output_names(model) if known else []


def _is_one_metric(value) -> bool:
    return isinstance(value, str) or callable(value)


def _metrics(value, outputs: list[str], engine, argument: str):
    """R's rules for ``metrics`` (and ``weighted_metrics``): one metric is a list of
    one; a dict keyed by output names is per output; any other dict names its
    metrics; a flat list applies to every output of a multi-output model."""
    if value is None:
        return None
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        value = value.tolist()  # R's c("mae", "mse") may come as a numpy array of strings
    if _is_one_metric(value):
        value = [value]
    if isinstance(value, dict):
        keys = [str(k) for k in value]
        if outputs and all(k in outputs for k in keys):
            return {str(k): ([v] if _is_one_metric(v) else list(v)) for k, v in value.items()}
        value = [_named(v, str(k), engine, argument) for k, v in value.items()]
        value = [m for item in value for m in (item if isinstance(item, list) else [item])]
    elif isinstance(value, (list, tuple)):
        value = list(value)
    else:
        raise arg_error(argument, value, "a metric (a name, function or metric object), a list of them, or a dict")
    if len(outputs) > 1 and value and all(_is_one_metric(v) for v in value):
        return {name: list(value) for name in outputs}  # Keras 2 (R) gave every output a flat list
    return value


def _named(metric, name: str, engine, argument: str):
    """A metric under the name R gave it (``list(my_mae = fn)``)."""
    if isinstance(metric, (list, tuple)):
        return [_named(m, name, engine, argument) for m in metric]
    if isinstance(metric, str) or name == "":
        return metric  # R dropped the name of a metric given by its string name
    if isinstance(metric, engine.module.metrics.Metric):
        try:
            return type(metric).from_config({**metric.get_config(), "name": name})
        except Exception as error:
            raise RKerasError(
                f"`{argument}` names the metric object {show_value(metric)} {name!r}, but it cannot be re-made "
                f"under that name ({type(error).__name__}: {error}). Give the name to its constructor "
                "(name=...) instead.",
                argument,
            ) from None
    if callable(metric):
        def named_metric(y_true, y_pred):
            return metric(y_true, y_pred)

        named_metric.__name__ = name
        named_metric.__qualname__ = name
        return named_metric
    raise arg_error(argument, metric, "metrics given as names, functions or metric objects")


def _loss_weights(value, outputs: list[str]):
    """R's numeric vector is positional (a list), a named one by output (a dict)."""
    if value is None:
        return None
    if isinstance(value, dict):
        unknown = [k for k in value if str(k) not in outputs]
        if outputs and unknown:
            raise RKerasError(
                f"`loss_weights` names should be the model's output names: {', '.join(outputs)}. "
                f"Got {', '.join(repr(k) for k in unknown)}.",
                "loss_weights",
            )
        return {str(k): _weight(v) for k, v in value.items()}
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return [_weight(value)] if len(outputs) < 2 else _wrong_count([value], outputs)  # R: list(w)
    try:
        weights = [_weight(v) for v in list(value)]
    except TypeError:
        raise arg_error("loss_weights", value, "a list of numbers (one per output) or a dict by output name") from None
    if outputs and len(weights) != len(outputs):
        return _wrong_count(weights, outputs)
    return weights


def _wrong_count(weights, outputs):
    raise RKerasError(
        f"`loss_weights` should give one weight per model output ({len(outputs)}: {', '.join(outputs)}), "
        f"or a dict by output name. Got {len(weights)} weight(s).",
        "loss_weights",
    )


def _weight(value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise arg_error("loss_weights", value, "numbers (one per output) or a dict of numbers by output name")
    return float(value)

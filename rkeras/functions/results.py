"""What the data-taking model functions share: R's ``...``, unused arguments,
and metric values in R's order.

Used by :mod:`.evaluate`, :mod:`.predict`, :mod:`.predict_on_batch`,
:mod:`.train_on_batch` and :mod:`.test_on_batch`.
"""

from __future__ import annotations

from ..errors import RKerasError, show_value
from ..habits import warn_later

__all__ = ["metric_values", "batch_result", "passed_on", "unused_arguments", "engine_arguments", "require_arrays"]

#: arguments rkeras sets itself on the Keras call: never taken from R's ``...``
_OWN = {"x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict",
        "class_weight", "self"}


def engine_arguments(method: str):
    """For :func:`rkeras.habits.r_function`'s ``passes_on``: the names ``Model.<method>``
    of the called model takes beyond R's (exact names win over R's partial matching)."""

    def names(bound: dict) -> set[str]:
        from ..engines import engine_of

        model = bound["object"]
        return engine_of(model, compiled=False).method_parameters(model, method) - _OWN

    return names


def passed_on(kwargs: dict, engine, model, method: str, function: str) -> dict:
    """R's ``...``: the arguments ``Model.<method>`` takes go on; others are
    ignored with one warning (R keras ignored them silently)."""
    accepted = engine.method_parameters(model, method) - _OWN
    ignored = [k for k in kwargs if k not in accepted]
    if ignored:
        plural = len(ignored) > 1
        warn_later(
            f"{function}() ignores argument{'s' if plural else ''} {', '.join(repr(k) for k in ignored)}: "
            f"{engine.name}'s Model.{method} does not take {'them' if plural else 'it'} "
            "(R keras ignored such arguments silently)."
        )
    return {k: v for k, v in kwargs.items() if k in accepted}


def unused_arguments(kwargs: dict, function: str, formals: str, hint: str = "") -> None:
    """R's "unused argument" error, for functions that have no ``...`` in R."""
    if not kwargs:
        return
    shown = ", ".join(f"{k} = {show_value(v)}" for k, v in kwargs.items())
    raise RKerasError(
        f"{function}(): unused argument{'s' if len(kwargs) > 1 else ''} ({shown}). "
        f"{function}() takes {formals}." + (f" {hint}" if hint else ""),
        next(iter(kwargs)),
    )


def require_arrays(x, argument: str, function: str) -> None:
    """The ``*_on_batch`` functions take one batch of arrays, as in R."""
    from ..inputs import kind_of
    from ..inputs.plan import kind_label

    kind = kind_of(x)
    if kind not in ("arrays", "none"):
        raise RKerasError(
            f"`{argument}` of {function}() should be one batch of arrays (a vector, matrix, array, list "
            f"or dict of them, or a data frame). Got a {kind_label(kind)}; use "
            f"{'fit()' if function == 'train_on_batch' else 'evaluate()' if function == 'test_on_batch' else 'predict()'}"
            " for streams.",
            argument,
        )


def metric_values(model, logs: dict) -> dict[str, float]:
    """Keras' logs as floats, in R keras 2.15's metric order."""
    from ..metric_order import r_metric_order

    return {name: float(logs[name]) for name in r_metric_order(model, list(logs))}


def batch_result(model, logs: dict):
    """R's result of ``train_on_batch()`` / ``test_on_batch()``: the loss alone as a
    float, else the values (unnamed, as in R) in R's metric order."""
    values = list(metric_values(model, logs).values())
    return values[0] if len(values) == 1 else values

"""``rkeras.test_on_batch()``: R keras' ``test_on_batch()``, loss and metrics of one batch."""

from __future__ import annotations

from ..engines import engine_of
from ..habits import flush_warnings, r_function
from ..inputs.arrays import using_floatx
from ..inputs.plan import resolve_data
from .results import batch_result, require_arrays, unused_arguments

__all__ = ["test_on_batch"]


@r_function
def test_on_batch(object, x, y, sample_weight=None, **kwargs):
    """Loss and metrics of one batch, without training: R keras' ``test_on_batch()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    x, y : array-like, list, dict or DataFrame
        One batch of inputs and targets, converted and checked as by :func:`rkeras.fit`.
    sample_weight : array-like or None
        R default NULL. One weight per sample (a vector works, unlike R keras).
    **kwargs
        R's function has no ``...``: any other argument is an error (R's
        "unused argument"); ``class_weight`` among them, as in R (class weights
        are for training).

    Returns
    -------
    float or list of float
        As :func:`rkeras.train_on_batch` returns; metrics are reset first.
    """
    unused_arguments(kwargs, "test_on_batch", "object, x, y, sample_weight",
                     hint="Class weights apply to training only (train_on_batch())." if "class_weight" in kwargs else "")
    engine = engine_of(object, function="test_on_batch")
    require_arrays(x, "x", "test_on_batch")
    require_arrays(y, "y", "test_on_batch")
    with using_floatx(engine.floatx()):
        plan = resolve_data(object, engine, purpose="evaluate", x=x, y=y, sample_weight=sample_weight)
    args = plan.keras_args
    flush_warnings()
    logs = object.test_on_batch(args["x"], args.get("y"), sample_weight=args.get("sample_weight"),
                                return_dict=True)
    return batch_result(object, logs)

"""``rkeras.train_on_batch()``: R keras' ``train_on_batch()``, one gradient update."""

from __future__ import annotations

from ..engines import engine_of
from ..habits import flush_warnings, r_function
from ..inputs.arrays import using_floatx
from ..inputs.plan import resolve_data
from .results import batch_result, require_arrays, unused_arguments

__all__ = ["train_on_batch"]


@r_function
def train_on_batch(object, x, y, class_weight=None, sample_weight=None, **kwargs):
    """One gradient update on one batch: R keras' ``train_on_batch()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    x, y : array-like, list, dict or DataFrame
        One batch of inputs and targets, converted and checked as by
        :func:`rkeras.fit` (a factor ``y`` is its 0-based codes).
    class_weight : dict, sequence or None
        R default NULL. As for :func:`rkeras.fit`: names are R's 1-based class
        positions; exactly "0" to "K-1" are read as R keras 2.15 read them
        (0-based), with a warning (option ``keras.class_weight_base``).
    sample_weight : array-like or None
        R default NULL. One weight per sample (a vector works, unlike R keras).
    **kwargs
        R's function has no ``...``: any other argument is an error (R's
        "unused argument"), with R's partial matching of the names above.

    Returns
    -------
    float or list of float
        The batch's loss when the model has no metrics, else the loss and
        metrics in R's metric order, unnamed as in R. Metrics are reset first,
        so they are this batch's alone.
    """
    unused_arguments(kwargs, "train_on_batch", "object, x, y, class_weight, sample_weight")
    engine = engine_of(object, function="train_on_batch")
    require_arrays(x, "x", "train_on_batch")
    require_arrays(y, "y", "train_on_batch")
    with using_floatx(engine.floatx()):
        plan = resolve_data(object, engine, purpose="evaluate", x=x, y=y, sample_weight=sample_weight,
                            class_weight=class_weight)
    args = plan.keras_args
    flush_warnings()  # every check passed
    logs = object.train_on_batch(args["x"], args.get("y"), sample_weight=args.get("sample_weight"),
                                 return_dict=True)
    return batch_result(object, logs)

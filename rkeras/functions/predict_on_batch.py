"""``rkeras.predict_on_batch()``: R keras' ``predict_on_batch()``."""

from __future__ import annotations

from ..engines import engine_of
from ..habits import flush_warnings, r_function
from ..inputs.arrays import using_floatx
from ..inputs.plan import resolve_data
from .predict import outputs_as_r
from .results import require_arrays, unused_arguments

__all__ = ["predict_on_batch"]


@r_function
def predict_on_batch(object, x, **kwargs):
    """Predictions for one batch of samples: R keras' ``predict_on_batch()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A model (it need not be compiled).
    x : array-like, list, dict or DataFrame
        One batch of inputs, converted and checked as by :func:`rkeras.fit`.
    **kwargs
        R's function has no ``...``: any other argument is an error (R's
        "unused argument"), with R's partial matching of the names above.

    Returns
    -------
    numpy.ndarray, list or dict
        As :func:`rkeras.predict` returns.
    """
    unused_arguments(kwargs, "predict_on_batch", "object, x")
    engine = engine_of(object, compiled=False)
    require_arrays(x, "x", "predict_on_batch")
    with using_floatx(engine.floatx()):
        plan = resolve_data(object, engine, purpose="predict", x=x)
    flush_warnings()
    return outputs_as_r(object, object.predict_on_batch(plan.keras_args["x"]))

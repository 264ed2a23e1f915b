"""``rkeras.predict()``: R keras' ``predict()`` for a model."""

from __future__ import annotations

from .. import arguments
from ..engines import check_callbacks, engine_of, output_names
from ..habits import flush_warnings, r_function
from ..inputs.arrays import using_floatx
from ..inputs.plan import resolve_data
from .results import engine_arguments, passed_on

__all__ = ["predict", "outputs_as_r"]


@r_function(passes_on=engine_arguments("predict"))
def predict(object, x, batch_size=None, verbose="auto", steps=None, callbacks=None, **kwargs):
    """Predictions of a model for the samples of ``x``: R keras' ``predict()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A model (it need not be compiled, as in R).
    x : array-like, list, dict, DataFrame, tf.data.Dataset, callable, iterator or PyDataset
        Inputs, converted and checked exactly as by :func:`rkeras.fit`. A
        generator (function or iterator) may return only ``x`` per batch, or
        ``(x, y)`` / ``(x, y, sample_weight)`` of which ``x`` is used.
    batch_size : int or None
        R default NULL: 32, unless ``steps`` is given or ``x`` is a dataset,
        generator or PyDataset.
    verbose : 0, 1, 2, bool or "auto"
        R default "auto", resolved as by :func:`rkeras.fit`.
    steps : int or None
        R default NULL. Batches to predict; required for a generator function.
    callbacks : callback, list of callbacks or None
        R default NULL.
    **kwargs
        R's ``...``: arguments the engine's ``Model.predict`` takes are passed
        on, others are ignored with a warning.

    Returns
    -------
    numpy.ndarray, list or dict
        One output: an array (an R vector given for a one-feature input gives
        an n x 1 result). Several outputs: a list in output order, or a dict
        keyed by the model's output names when it was built with named outputs.
    """
    engine = engine_of(object, compiled=False)
    verbose = arguments.resolve_verbose(verbose)
    steps = arguments.as_nullable_integer("steps", steps, minimum=1)
    callbacks = check_callbacks(callbacks, engine)
    extra = passed_on(kwargs, engine, object, "predict", "predict")
    with using_floatx(engine.floatx()):
        plan = resolve_data(object, engine, purpose="predict", x=x, batch_size=batch_size, steps=steps)
    keras_args = dict(plan.keras_args, **extra)
    keras_args.update(verbose=verbose, callbacks=callbacks + plan.callbacks)
    if steps is not None:
        keras_args["steps"] = steps
    flush_warnings()  # every check passed
    with plan.context():
        if one_batch(keras_args, engine):
            result = predict_one_batch(object, engine, keras_args["x"], verbose)
        else:
            result = object.predict(**keras_args)
    return outputs_as_r(object, result)


def one_batch(keras_args, engine) -> bool:
    """Arrays that make one batch, with no callbacks: Model.predict() would build its data
    pipeline and callback list for one step (about 100 ms a call), so they go to the model's
    own predict function in one call instead, with the same result and the same progress line."""
    import numpy as np

    # keras_args' callbacks already hold the plan's; any other argument (steps, ...) keeps Keras' path
    if keras_args.get("callbacks") or set(keras_args) - {"x", "batch_size", "verbose", "callbacks"}:
        return False
    arrays = keras_args["x"]
    arrays = list(arrays.values()) if isinstance(arrays, dict) else arrays
    arrays = list(arrays) if isinstance(arrays, (list, tuple)) else [arrays]
    if not arrays or not all(isinstance(a, np.ndarray) and a.ndim >= 1 for a in arrays):
        return False
    rows = {a.shape[0] for a in arrays}
    batch_size = keras_args.get("batch_size") or 32
    return len(rows) == 1 and 0 < rows.pop() <= batch_size and hasattr(engine.module.utils, "Progbar")


def predict_one_batch(model, engine, x, verbose):
    progbar = engine.module.utils.Progbar(1, verbose=verbose, unit_name="step") if verbose else None
    result = model.predict_on_batch(x)
    if progbar is not None:   # what Keras' ProgbarLogger prints: after the batch (verbose 1), at the end
        if verbose == 1:
            progbar.update(1, finalize=False)
        progbar.update(1, finalize=True)
    return result


def outputs_as_r(model, result):
    """Keras' predictions: a list in output order, or a dict in the order of the
    model's named outputs."""
    if isinstance(result, dict):
        names = output_names(model)
        return {name: result[name] for name in names if name in result} | {
            k: v for k, v in result.items() if k not in names}
    if isinstance(result, tuple):
        return list(result)
    return result

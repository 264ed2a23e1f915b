"""``rkeras.evaluate()``: R keras' ``evaluate()``, a named vector of metric values."""

from __future__ import annotations

from .. import arguments
from ..engines import check_callbacks, engine_of
from ..habits import flush_warnings, r_function
from ..inputs.arrays import using_floatx
from ..inputs.plan import resolve_data
from ..named_vector import NamedVector
from ..runs import record_evaluation
from .results import engine_arguments, metric_values, passed_on

__all__ = ["evaluate"]


@r_function(passes_on=engine_arguments("evaluate"))
def evaluate(object, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
             callbacks=None, **kwargs):
    """Loss and metrics of a model on data: R keras' ``evaluate()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    x, y : array-like, list, dict, DataFrame, Categorical, tf.data.Dataset, callable, iterator or PyDataset
        R default NULL. Data and targets, converted and checked exactly as by
        :func:`rkeras.fit` (a dataset, generator or PyDataset brings its own
        targets: ``y`` None).
    batch_size : int or None
        R default NULL: 32, unless ``steps`` is given or ``x`` is a dataset,
        generator or PyDataset. Fractions are truncated as R's ``as.integer()``.
    verbose : 0, 1, 2, bool or "auto"
        R default "auto": 1, or 2 while a notebook is rendered or output goes
        to a log file (as for :func:`rkeras.fit`).
    sample_weight : array-like or None
        R default NULL. One weight per sample (a vector), or ``(samples, timesteps)``.
    steps : int or None
        R default NULL. Batches to evaluate; required for a generator function.
    callbacks : callback, list of callbacks or None
        R default NULL.
    **kwargs
        R's ``...``: a unique prefix of an argument above is that argument;
        arguments the engine's ``Model.evaluate`` takes are passed on; others
        are ignored with a warning.

    Returns
    -------
    NamedVector (a pandas.Series)
        Floats indexed by metric name in R's order (``loss``, each output's
        loss, then each output's metrics): R's named numeric vector, and it
        prints as R prints one.
        ``result["loss"]``; ``result.iloc[0]`` for R's ``result[[1]]``.

    Differences from R keras 2.15: a vector ``sample_weight`` works (R keras
    failed on one); names are Keras 3's (``learning_rate``, not ``lr``). Inside
    an active run (option ``keras.run_dir`` or ``$RUN_DIR``, or a
    ``training_run()``) the result is written to ``tfruns.d/evaluation.json``
    as a named object (R keras wrote an unnamed array; see :mod:`rkeras.runs`).
    """
    engine = engine_of(object, function="evaluate")
    verbose = arguments.resolve_verbose(verbose)
    steps = arguments.as_nullable_integer("steps", steps, minimum=1)
    callbacks = check_callbacks(callbacks, engine)
    extra = passed_on(kwargs, engine, object, "evaluate", "evaluate")
    with using_floatx(engine.floatx()):
        plan = resolve_data(object, engine, purpose="evaluate", x=x, y=y, batch_size=batch_size,
                            sample_weight=sample_weight, steps=steps)
    keras_args = dict(plan.keras_args, **extra)
    keras_args.update(verbose=verbose, callbacks=callbacks + plan.callbacks, return_dict=True)
    if steps is not None:
        keras_args["steps"] = steps
    flush_warnings()  # every check passed
    with plan.context():
        logs = object.evaluate(**keras_args)
    values = metric_values(object, logs)
    result = NamedVector(list(values.values()), index=list(values), dtype="float64")
    record_evaluation(result)  # inside an active run: tfruns.d/evaluation.json, as R keras wrote
    return result

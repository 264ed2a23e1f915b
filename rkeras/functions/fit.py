"""``rkeras.fit()``: R keras' ``fit()`` with R's meaning, on Keras 3 or tf_keras.

The order of work is R's: resolve defaults (options are read now, at the
call), check and convert every argument, and only then train. Nothing reaches
the model before every argument has passed, so a rejected call leaves the
model's weights as they were.
"""

from __future__ import annotations

from .. import arguments, state
from ..arguments import OPTION
from ..callback import Recorder, make_metrics_callbacks
from ..distribute import check_strategy, shard_plan
from ..engines import check_callbacks, engine_of
from ..errors import arg_error
from ..habits import flush_warnings, r_function, warn_later
from ..inputs.arrays import using_floatx

__all__ = ["fit"]

#: R's arguments of fit(): never passed on through ``...``
_R_ARGUMENTS = {
    "x", "y", "batch_size", "epochs", "verbose", "callbacks", "view_metrics", "validation_split",
    "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch",
    "steps_per_epoch", "validation_steps",
}


def _engine_arguments(bound: dict) -> set[str]:
    """The names today's ``Model.fit`` of this model takes beyond R's (they win over prefixes)."""
    model = bound["object"]
    return engine_of(model).fit_parameters(model) - _R_ARGUMENTS - {"self", "kwargs"}


@r_function(passes_on=_engine_arguments)
def fit(
    object,
    x=None,
    y=None,
    batch_size=None,
    epochs=10,
    verbose=OPTION,
    callbacks=None,
    view_metrics=OPTION,
    validation_split=0.0,
    validation_data=None,
    shuffle=True,
    class_weight=None,
    sample_weight=None,
    initial_epoch=0,
    steps_per_epoch=None,
    validation_steps=None,
    **kwargs,
):
    """Train a Keras model: R keras' ``fit()``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    x, y : array-like, list, dict, DataFrame, Categorical, tf.data.Dataset, callable, iterator or PyDataset
        Training data (R: vector, matrix, array, list, named list, data frame,
        factor, tfdataset, generator function). See the README's table.
    batch_size : int or None
        R default NULL: 32, unless ``steps_per_epoch`` is given or ``x`` is a
        dataset, generator or PyDataset. Must not be given with a tf.data.Dataset.
    epochs : int
        R default 10. The *final* epoch: epochs ``initial_epoch + 1`` to
        ``epochs`` are trained.
    verbose : 0, 1, 2, bool or "auto"
        R default ``getOption("keras.fit_verbose", "auto")``, read at the call.
        "auto" is 1, or 2 while rendering a notebook, when output is a log file,
        and on the chief of distributed training (0 on other workers).
    callbacks : callback, list of callbacks or None
        rkeras adds its own metrics recorder around them (rkeras.callback).
    view_metrics : bool or "auto"
        R default ``getOption("keras.view_metrics", "auto")``: a live plot of
        the metrics in an interactive notebook.
    validation_split : float
        R default 0. The last fraction of the samples, as given, before shuffling.
    validation_data : tuple, list, dataset, callable or PyDataset
        ``(x_val, y_val)`` or ``(x_val, y_val, sample_weights)``; overrides
        ``validation_split``.
    shuffle : bool or "batch"
        R default TRUE. "batch" shuffles the order of batch-sized chunks.
    class_weight : dict or sequence
        Names are R's 1-based class positions; exactly "0" to "K-1" are read as
        R keras 2.15 read them (0-based), with a warning (option
        ``keras.class_weight_base``).
    sample_weight : array-like
        One weight per sample, or ``(samples, timesteps)``.
    initial_epoch : int
        R default 0: the epochs already done (0-based).
    steps_per_epoch, validation_steps : int or None
    **kwargs
        R's ``...``. A unique prefix of one of the arguments above is that
        argument (R's partial matching, with a warning; see
        :mod:`rkeras.habits`). Arguments today's ``Model.fit`` takes
        (``validation_freq``, ``validation_batch_size``, ...) are checked before
        training and passed on; others are ignored with a warning.

    Integer arguments follow R's ``as.integer()``: a fraction is truncated
    toward zero, with a warning. Warnings come once every check has passed; a
    rejected call neither warns nor prints.

    Returns
    -------
    KerasTrainingHistory
        Prints like R, converts with :func:`rkeras.as_data_frame`, plots.

    Differences from R keras 2.15: see the README ("Where rkeras differs").
    """
    engine = engine_of(object)
    check_strategy(object, engine)  # Keras 3 under MultiWorkerMirroredStrategy: error now, not a traceback

    # -- scalar arguments, in R's order; options read now ---------------------
    verbose = arguments.resolve_from_option(verbose, "keras.fit_verbose", arguments.resolve_verbose)
    epochs = arguments.as_integer("epochs", epochs, minimum=0)
    initial_epoch = arguments.as_integer("initial_epoch", initial_epoch, minimum=0)
    if epochs < initial_epoch:
        raise arg_error("epochs", epochs, f"the final epoch, at least initial_epoch ({initial_epoch})",
                        detail="In R keras `epochs` is the final epoch, not a count.")
    steps_per_epoch = arguments.as_nullable_integer("steps_per_epoch", steps_per_epoch, minimum=1)
    validation_steps = arguments.as_nullable_integer("validation_steps", validation_steps, minimum=1)
    shuffle = arguments.check_shuffle(shuffle)
    validation_split = arguments.check_validation_split(validation_split)
    view_metrics = arguments.resolve_from_option(view_metrics, "keras.view_metrics", arguments.resolve_view_metrics,
                                                 verbose=verbose, epochs=epochs, model=object)
    callbacks = check_callbacks(callbacks, engine)
    passed_on = _check_kwargs(kwargs, engine, object)

    # -- data ------------------------------------------------------------------
    from ..inputs.plan import resolve_data

    with using_floatx(engine.floatx()):  # tf_keras has its own floatx
        data = resolve_data(
            object, engine, purpose="fit",
            x=x, y=y, batch_size=batch_size, validation_split=validation_split,
            validation_data=validation_data, shuffle=shuffle, class_weight=class_weight,
            sample_weight=sample_weight, steps=steps_per_epoch,
            validation_steps=validation_steps, epochs=epochs, initial_epoch=initial_epoch,
        )
    # several workers: one shuffle order for all, each its own part of every batch
    shard_plan(data, object, epochs=epochs, initial_epoch=initial_epoch, steps_per_epoch=steps_per_epoch)

    # -- train -----------------------------------------------------------------
    params = {
        "epochs": epochs,
        "initial_epoch": initial_epoch,
        "steps": steps_per_epoch if steps_per_epoch is not None else data.steps,
        "samples": data.samples,
        "validation_samples": data.validation_samples,
        "batch_size": data.batch_size,
        "verbose": verbose,
    }
    from ..observers import observers_for, tensorboard_for
    from ..signals import sigterm_as_interrupt

    recorder = Recorder(params, observers_for(object, params, view_metrics=view_metrics))
    first, last = make_metrics_callbacks(engine, recorder)  # around the user's: see rkeras.callback
    fit_args = dict(data.keras_args)
    fit_args.update(passed_on)
    fit_args.update(
        epochs=epochs,
        initial_epoch=initial_epoch,
        verbose=verbose,
        callbacks=[first] + callbacks + tensorboard_for(engine, callbacks) + data.callbacks + [last],
        steps_per_epoch=steps_per_epoch if steps_per_epoch is not None else data.keras_args.get("steps_per_epoch"),
        validation_steps=validation_steps if validation_steps is not None else data.keras_args.get("validation_steps"),
    )
    for key in ("steps_per_epoch", "validation_steps"):
        if fit_args[key] is None:
            del fit_args[key]
    flush_warnings()  # every check passed: the warnings about accepted arguments, now
    with sigterm_as_interrupt():  # SIGTERM ends training as Ctrl-C does (rkeras.signals)
        try:
            with data.context():
                object.fit(**fit_args)
        except BaseException as error:
            recorder.settle()  # an epoch a callback interrupted is kept
            history = recorder.history()
            state.set_last_history(history)
            try:
                error.history = history  # the finished epochs travel with the error
            except Exception:
                pass
            recorder.stop(error)  # observers complete the run files (status "stopped")
            raise
        history = recorder.train_end()
    state.set_last_history(history)
    return history


def _check_kwargs(kwargs: dict, engine, model) -> dict:
    """R's ``...``: pass on what today's Model.fit takes, warn about the rest."""
    accepted = engine.fit_parameters(model) - _R_ARGUMENTS - {"self", "kwargs"}
    passed = arguments.check_passed_on({k: v for k, v in kwargs.items() if k in accepted})
    ignored = [k for k in kwargs if k not in accepted]
    if ignored:
        warn_later(
            f"fit() ignores argument{'s' if len(ignored) > 1 else ''} {', '.join(repr(k) for k in ignored)}: "
            f"{engine.name}'s Model.fit does not take {'them' if len(ignored) > 1 else 'it'} "
            "(R keras ignored such arguments silently)."
        )
    return passed

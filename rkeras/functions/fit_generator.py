"""``rkeras.fit_generator()``: R's deprecated ``fit_generator()``, which is ``fit()``."""

from __future__ import annotations

from ..habits import r_function, warn_later
from ..options import get_option
from .deprecated import generator_message, queue_arguments

__all__ = ["fit_generator"]

_UNSET = object()


class _Option:
    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:  # shows in help()
        return self.text


#: R's defaults that read an option at the call
VERBOSE_DEFAULT = _Option("<option keras.fit_verbose, default 1>")
VIEW_METRICS_DEFAULT = _Option("<option keras.view_metrics>")


@r_function
def fit_generator(
    object,
    generator,
    steps_per_epoch,
    epochs=1,
    verbose=VERBOSE_DEFAULT,
    callbacks=None,
    view_metrics=VIEW_METRICS_DEFAULT,
    validation_data=None,
    validation_steps=None,
    class_weight=None,
    max_queue_size=10,
    workers=1,
    initial_epoch=0,
):
    """Train on batches from a generator: R's deprecated ``fit_generator()``.

    Warns with R's text ("`fit_generator` is deprecated. Use `fit` instead, it
    now accept generators.", an :class:`~rkeras.RKerasWarning`) and then does
    what :func:`rkeras.fit` does with ``x = generator``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    generator : callable, iterator, PyDataset, Sequence or tf.data.Dataset
        R's generator function (``function() list(x, y)``) or another stream,
        as ``x`` of :func:`rkeras.fit`.
    steps_per_epoch : int
        No R default (required): batches per epoch.
    epochs : int
        R default 1 (not fit()'s 10): the final epoch.
    verbose : 0, 1, 2, bool or "auto"
        R default ``getOption("keras.fit_verbose", default = 1)``: the option
        when set, else 1.
    callbacks : callback, list or None
        R default NULL.
    view_metrics : bool or "auto"
        R default ``getOption("keras.view_metrics", default = "auto")``.
    validation_data : list, tuple, generator or None
        R default NULL.
    validation_steps : int or None
        R default NULL; required for a generator as validation data.
    class_weight : dict, list or None
        R default NULL (R's 1-based class names, as for fit()).
    max_queue_size : int
        R default 10. Passed on only when changed: Keras 3 no longer takes it.
    workers : int
        R default 1. Passed on only when changed: Keras 3 no longer takes it.
    initial_epoch : int
        R default 0.

    Returns
    -------
    KerasTrainingHistory
        As :func:`rkeras.fit` (R returned it invisibly).
    """
    from .. import fit

    warn_later(generator_message("fit_generator", "fit"))
    args = dict(
        x=generator,
        steps_per_epoch=steps_per_epoch,
        epochs=epochs,
        callbacks=callbacks,
        validation_data=validation_data,
        validation_steps=validation_steps,
        class_weight=class_weight,
        initial_epoch=initial_epoch,
    )
    if verbose is VERBOSE_DEFAULT:
        if get_option("keras.fit_verbose", _UNSET) is _UNSET:
            args["verbose"] = 1  # R's default here; a set option is read by fit() itself
    else:
        args["verbose"] = verbose
    if view_metrics is not VIEW_METRICS_DEFAULT:
        args["view_metrics"] = view_metrics
    args.update(queue_arguments(max_queue_size, workers))
    return fit(object, **args)

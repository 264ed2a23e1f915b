"""``rkeras.evaluate_generator()``: R's deprecated ``evaluate_generator()``, which is ``evaluate()``."""

from __future__ import annotations

from ..arguments import as_integer
from ..habits import r_function, warn_later
from .deprecated import generator_message, queue_arguments

__all__ = ["evaluate_generator"]


@r_function
def evaluate_generator(object, generator, steps, max_queue_size=10, workers=1, callbacks=None):
    """Evaluate on batches from a generator: R's deprecated ``evaluate_generator()``.

    Warns with R's text ("`evaluate_generator` is deprecated. Use `evaluate`
    instead, it now accept generators.") and then does what
    :func:`rkeras.evaluate` does with ``x = generator``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A compiled model.
    generator : callable, iterator, PyDataset, Sequence or tf.data.Dataset
        Batches of ``(inputs, targets)`` or ``(inputs, targets, sample_weights)``.
    steps : int
        No R default (required): batches to evaluate (``as.integer()``).
    max_queue_size : int
        R default 10. Passed on only when changed: Keras 3 no longer takes it.
    workers : int
        R default 1. Passed on only when changed: Keras 3 no longer takes it.
    callbacks : callback, list or None
        R default NULL.

    Returns
    -------
    pandas.Series
        As :func:`rkeras.evaluate`: metric values named in R's order.

    Differences from R keras
    ------------------------
    ``verbose`` is :func:`rkeras.evaluate`'s default ("auto"), as R's call
    left it to ``evaluate()``.
    """
    from .. import evaluate

    warn_later(generator_message("evaluate_generator", "evaluate"))
    steps = as_integer("steps", steps, minimum=1)
    return evaluate(object, generator, steps=steps, callbacks=callbacks,
                    **queue_arguments(max_queue_size, workers))

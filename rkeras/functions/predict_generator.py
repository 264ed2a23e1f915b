"""``rkeras.predict_generator()``: R's deprecated ``predict_generator()``, which is ``predict()``."""

from __future__ import annotations

from ..arguments import as_integer
from ..habits import r_function, warn_later
from .deprecated import generator_message, queue_arguments

__all__ = ["predict_generator"]


@r_function
def predict_generator(object, generator, steps, max_queue_size=10, workers=1, verbose=0, callbacks=None):
    """Predict on batches from a generator: R's deprecated ``predict_generator()``.

    Warns with R's text ("`predict_generator` is deprecated. Use `predict`
    instead, it now accept generators.") and then does what
    :func:`rkeras.predict` does with ``x = generator``.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        The model.
    generator : callable, iterator, PyDataset, Sequence or tf.data.Dataset
        Batches of inputs (or ``(inputs, targets)``, whose targets are unused).
    steps : int
        No R default (required): batches to predict (``as.integer()``).
    max_queue_size : int
        R default 10. Passed on only when changed: Keras 3 no longer takes it.
    workers : int
        R default 1. Passed on only when changed: Keras 3 no longer takes it.
    verbose : int
        R default 0 (not predict()'s "auto").
    callbacks : callback, list or None
        R default NULL.

    Returns
    -------
    numpy.ndarray, list or dict
        As :func:`rkeras.predict`.
    """
    from .. import predict

    warn_later(generator_message("predict_generator", "predict"))
    steps = as_integer("steps", steps, minimum=1)
    return predict(object, generator, steps=steps, verbose=verbose, callbacks=callbacks,
                   **queue_arguments(max_queue_size, workers))

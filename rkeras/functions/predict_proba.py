"""``rkeras.predict_proba()``: R's deprecated ``predict_proba()``, which is ``predict()``."""

from __future__ import annotations

from ..habits import r_function, warn_later
from .deprecated import PREDICT_PROBA_MESSAGE

__all__ = ["predict_proba"]


@r_function
def predict_proba(object, x, batch_size=None, verbose=0, steps=None):
    """Class probabilities: R's deprecated ``predict_proba()``.

    R keras 2.15 warned and then failed (TensorFlow 2.6 removed
    ``Model.predict_proba``). rkeras warns with R's text ("`predict_proba()`
    is deprecated and was removed from tensorflow in version 2.6, please use
    `predict()` instead", an :class:`~rkeras.RKerasWarning`) and does what it
    advises: :func:`rkeras.predict`.

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        The model.
    x : array-like, list, dict, DataFrame, tf.data.Dataset, generator or PyDataset
        Inputs, as for :func:`rkeras.predict`.
    batch_size : int or None
        R default NULL: 32 unless ``steps`` is given.
    verbose : int
        R default 0.
    steps : int or None
        R default NULL.

    Returns
    -------
    numpy.ndarray
        The model's output (probabilities for a softmax or sigmoid output).

    Differences from R keras
    ------------------------
    It works (R keras 2.15 failed after the warning).
    """
    from .. import predict

    warn_later(PREDICT_PROBA_MESSAGE)
    return predict(object, x, batch_size=batch_size, verbose=verbose, steps=steps)

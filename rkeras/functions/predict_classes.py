"""``rkeras.predict_classes()``: R's deprecated ``predict_classes()``, done as its warning advises."""

from __future__ import annotations

from ..errors import RKerasError
from ..habits import r_function, warn_later
from .deprecated import PREDICT_CLASSES_MESSAGE

__all__ = ["predict_classes"]


@r_function
def predict_classes(object, x, batch_size=None, verbose=0, steps=None):
    """Predicted classes: R's deprecated ``predict_classes()``.

    R keras 2.15 warned and then failed (TensorFlow 2.6 removed
    ``Model.predict_classes``). rkeras warns with R's text (an
    :class:`~rkeras.RKerasWarning`) and does what it advises: for an output
    with several columns (softmax, multi-class) the 0-based index of the
    largest (R's ``predict(x) %>% k_argmax()``); for a one-column output
    (sigmoid, binary) ``predict(x) > 0.5`` as integers, keeping its shape
    (R's ``predict(x) %>% `>`(0.5) %>% k_cast("int32")``).

    Parameters
    ----------
    object : keras.Model or tf_keras.Model
        A model with one output.
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
        int64 class indices of shape ``(samples,)`` for several columns; int32
        0/1 of the output's shape for one column (Keras 2's dtypes).

    Differences from R keras
    ------------------------
    It works (R keras 2.15 failed after the warning). Classes are 0-based, as
    ``k_argmax()`` and Keras gave them.
    """
    import numpy as np

    from .. import predict

    outputs = _output_count(object)
    if outputs > 1:
        raise RKerasError(
            f"predict_classes() takes a model with one output; this one has {outputs}. "
            "Use predict() and take each output's arg max or threshold.",
            "object",
        )
    warn_later(PREDICT_CLASSES_MESSAGE)
    probabilities = np.asarray(predict(object, x, batch_size=batch_size, verbose=verbose, steps=steps))
    if probabilities.ndim >= 2 and probabilities.shape[-1] > 1:
        return probabilities.argmax(axis=-1)
    return (probabilities > 0.5).astype("int32")


def _output_count(model) -> int:
    try:
        return len(model.outputs or [])
    except Exception:  # an unbuilt Sequential: one output; predict() reports anything else
        return 1

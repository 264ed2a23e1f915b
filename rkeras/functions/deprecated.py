"""What R's deprecated model functions share: R's warning texts and their
engine arguments (``max_queue_size``, ``workers``).

Used by :mod:`.fit_generator`, :mod:`.evaluate_generator`,
:mod:`.predict_generator`, :mod:`.predict_proba` and :mod:`.predict_classes`.
"""

from __future__ import annotations

from ..arguments import as_integer

__all__ = ["generator_message", "PREDICT_PROBA_MESSAGE", "PREDICT_CLASSES_MESSAGE", "queue_arguments"]

#: R keras 2.15's warning text of predict_proba()
PREDICT_PROBA_MESSAGE = (
    "`predict_proba()` is deprecated and was removed from tensorflow in version 2.6, please use `predict()` instead"
)

#: R keras 2.15's warning text of predict_classes() (its "and and" included)
PREDICT_CLASSES_MESSAGE = """`predict_classes()` is deprecated and and was removed from tensorflow in version 2.6.
Please update your code:
  * If your model does multi-class classification:
    (e.g. if it uses a `softmax` last-layer activation).

      model %>% predict(x) %>% k_argmax()

  * if your model does binary classification
    (e.g. if it uses a `sigmoid` last-layer activation).

      model %>% predict(x) %>% `>`(0.5) %>% k_cast("int32")
"""


def generator_message(function: str, replacement: str) -> str:
    """R keras 2.15's warning text of ``fit_generator()`` and its kin."""
    return f"`{function}` is deprecated. Use `{replacement}` instead, it now accept generators."


def queue_arguments(max_queue_size, workers) -> dict:
    """R's ``max_queue_size`` and ``workers`` (``as.integer()``), to pass on only
    when they differ from R's defaults (10 and 1): Keras 3's ``fit()``,
    ``evaluate()`` and ``predict()`` no longer take them (a PyDataset sets its
    own), so the defaults change nothing and give no warning, while a value
    the user chose reaches the engine (tf_keras) or is reported as ignored."""
    chosen = {}
    queue = as_integer("max_queue_size", max_queue_size, minimum=1)
    count = as_integer("workers", workers, minimum=0)
    if queue != 10:
        chosen["max_queue_size"] = queue
    if count != 1:
        chosen["workers"] = count
    return chosen

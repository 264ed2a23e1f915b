"""The class R's ``keras_model_custom()`` made, as the porter writes it: a ``keras.Model`` that
also counts plain ``tf.Variable`` attributes among its variables.

R keras 2.15 ran on tf.keras 2, whose models tracked every ``tf.Variable`` assigned to them
(``self$loc <- tf$compat$v1$get_variable(...)``), so ``model$variables`` and
``model$trainable_variables`` listed them and a custom training loop's ``tape$gradient(loss,
model$variables)`` trained them. Keras 3 models track only ``keras.Variable``: without this,
those variables would silently never train. Imported lazily (it needs Keras).
"""

from __future__ import annotations

import keras
import tensorflow as tf

__all__ = ["CustomModel"]


class CustomModel(keras.Model):
    """``keras.Model`` plus tf.keras 2's tracking of ``tf.Variable`` attributes (in the order
    they were assigned, after the Keras variables).

    Differences from R keras: a model that holds this one as a layer does not see those
    variables (Keras 3 collects its sublayers' variables itself)."""

    def __setattr__(self, name, value):
        super().__setattr__(name, value)
        if isinstance(value, tf.Variable) and not isinstance(value, keras.Variable):
            tracked = self.__dict__.setdefault("_rkeras_tf_variables", {})
            tracked[name] = value

    def _plain_tf_variables(self):
        return list(self.__dict__.get("_rkeras_tf_variables", {}).values())

    # Keras derives trainable_/non_trainable_ weights and variables from these two
    @property
    def weights(self):
        return list(super().weights) + self._plain_tf_variables()

    @property
    def variables(self):
        return list(super().variables) + self._plain_tf_variables()

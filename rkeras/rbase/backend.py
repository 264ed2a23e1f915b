"""R keras' Keras 2 backend functions that Keras 3's ``keras.ops`` has no single function for.
Keras is imported when one is called."""

from __future__ import annotations

__all__ = ["k_batch_flatten"]


def k_batch_flatten(x):
    """R keras' ``k_batch_flatten(x)``: each sample's values in one row, ``(batch, -1)``."""
    import keras

    return keras.ops.reshape(x, (keras.ops.shape(x)[0], -1))

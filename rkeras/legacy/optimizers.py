"""Optimizers with R keras' legacy ``decay`` (R keras before 2.11)."""

from __future__ import annotations

def legacy_decay(learning_rate, decay):
    """Keras 2's ``lr / (1 + decay * iterations)`` as a Keras 3 schedule (or ``learning_rate``
    itself when ``decay`` is 0)."""
    from ..errors import arg_error

    if isinstance(decay, bool) or not isinstance(decay, (int, float)) or decay != decay or decay < 0:
        raise arg_error("decay", decay, "a number >= 0")
    if decay == 0:
        return learning_rate
    import keras

    return keras.optimizers.schedules.InverseTimeDecay(
        initial_learning_rate=learning_rate, decay_steps=1, decay_rate=decay)


def _optimizer(class_name):
    def build(learning_rate=None, decay=0.0, **kwargs):
        import keras

        cls = getattr(keras.optimizers, class_name)
        if "lr" in kwargs:
            learning_rate = kwargs.pop("lr")
        if learning_rate is None:
            learning_rate = __import__("inspect").signature(cls).parameters["learning_rate"].default
        return cls(learning_rate=legacy_decay(learning_rate, decay), **kwargs)

    build.__name__ = build.__qualname__ = class_name
    build.__doc__ = (
        f"``keras.optimizers.{class_name}`` with R keras' legacy ``decay`` (default 0).\n\n"
        "``learning_rate`` (R's ``lr``) decays as ``lr / (1 + decay * iterations)``, Keras 2's\n"
        "meaning, through ``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``. Other\n"
        f"arguments go to ``keras.optimizers.{class_name}`` unchanged.")
    return build


Adadelta = _optimizer("Adadelta")
Adagrad = _optimizer("Adagrad")
Adam = _optimizer("Adam")
Adamax = _optimizer("Adamax")
Ftrl = _optimizer("Ftrl")
Nadam = _optimizer("Nadam")
RMSprop = _optimizer("RMSprop")
SGD = _optimizer("SGD")

"""Frozen models of either engine for the model-function tests.

Zero weights and SGD with learning rate 0: predictions never change, so with
``x = y = 1..n`` the mean squared error over rows is ``mean(y**2)``, ``mae``
is ``mean(y)``, and a sigmoid output predicts 0.5 (binary cross-entropy
``log 2``). Weights and ``optimizer.iterations`` show whether a rejected call
changed anything.
"""

from __future__ import annotations

import importlib

import numpy as np

ENGINES = ["keras", "tf_keras"]


def engine(name: str):
    return importlib.import_module(name)


def frozen(name: str = "keras", *, metrics=("mae",), loss="mse", activation=None, units=1, compiled=True):
    keras = engine(name)
    model = keras.Sequential([
        keras.Input((1,)),
        keras.layers.Dense(units, kernel_initializer="zeros", bias_initializer="zeros", activation=activation),
    ])
    if compiled:
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=loss, metrics=list(metrics))
    return model


def two_outputs(name: str = "keras", *, named: bool = False):
    """Outputs ``reg`` (mse + mae) and ``cls`` (sigmoid, binary cross-entropy + accuracy)."""
    keras = engine(name)
    inputs = keras.Input((1,), name="x")
    reg = keras.layers.Dense(1, name="reg", kernel_initializer="zeros", bias_initializer="zeros")(inputs)
    cls = keras.layers.Dense(1, name="cls", activation="sigmoid",
                             kernel_initializer="zeros", bias_initializer="zeros")(inputs)
    outputs = {"reg": reg, "cls": cls} if named else [reg, cls]
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0),
                  loss={"reg": "mse", "cls": "binary_crossentropy"},
                  metrics={"reg": ["mae"], "cls": ["accuracy"]})
    return model


def ones_to(n: int) -> np.ndarray:
    return np.arange(1, n + 1, dtype="float32")


def alternating(n: int) -> np.ndarray:
    """0, 1, 0, 1, ...: a model predicting 0.5 is right on half (accuracy 0.5)."""
    return (np.arange(n) % 2).astype("float32")


def snapshot(model):
    return [w.copy() for w in model.get_weights()], int(np.asarray(model.optimizer.iterations))


def unchanged(model, before) -> bool:
    weights, iterations = snapshot(model)
    return iterations == before[1] and all(np.array_equal(a, b) for a, b in zip(weights, before[0]))


def batch_counter(name: str, hook: str):
    """A callback of engine ``name`` counting calls of ``on_<hook>_batch_end``."""
    keras = engine(name)

    class Count(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.batches = 0

        def on_test_batch_end(self, batch, logs=None):
            self.batches += hook == "test"

        def on_predict_batch_end(self, batch, logs=None):
            self.batches += hook == "predict"

    return Count()

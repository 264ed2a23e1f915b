"""Shared fixtures: tiny models whose losses are known in closed form.

A *frozen* model (zero weights, SGD with learning rate 0) predicts 0 forever,
so with ``x = y = 1..n`` and mean squared error the loss over any set of rows
is ``mean(y**2)`` over those rows: which rows were trained on, validated on and
how they were weighted is visible in the numbers.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _fresh_options():
    """Every test starts with R's default options and fresh detection."""
    import importlib

    from rkeras import environment

    options_module = importlib.import_module("rkeras.options")  # the module, not rkeras.options()

    saved = dict(options_module._values)
    options_module._values.clear()
    environment.reset()
    yield
    options_module._values.clear()
    options_module._values.update(saved)
    environment.reset()


def make_frozen(inputs: int = 1, outputs: int = 1, metrics=("mae",), loss="mse", activation=None):
    """A compiled model that never learns and predicts 0 (or softmax 1/K)."""
    import keras

    model = keras.Sequential([
        keras.Input((inputs,)),
        keras.layers.Dense(outputs, kernel_initializer="zeros", bias_initializer="zeros", activation=activation),
    ])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=loss, metrics=list(metrics))
    return model


@pytest.fixture
def frozen():
    return make_frozen()


def mean_square(values) -> float:
    values = np.asarray(values, dtype=np.float64)
    return float(np.mean(values**2))

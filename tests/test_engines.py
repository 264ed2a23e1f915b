"""fit() on the legacy Keras 2 engine (tf_keras) means what it means on Keras 3.

A frozen model (zero weights, learning rate 0) is built with each engine; on
the same data both must give the same printed history, the same data frame
and the same params, because the numbers are closed-form.
"""

import math

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import RKerasError
from conftest import make_frozen

tf_keras = pytest.importorskip("tf_keras")

N = 50
X = np.arange(1, N + 1, dtype="float64")


def make_frozen_tf_keras(inputs=1, metrics=("mae",)):
    model = tf_keras.Sequential([
        tf_keras.Input((inputs,)),
        tf_keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros"),
    ])
    model.compile(optimizer=tf_keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=list(metrics))
    return model


def both_engines(**fit_args):
    histories = []
    for model in (make_frozen(), make_frozen_tf_keras()):
        histories.append(rkeras.fit(model, X, X, verbose=0, **fit_args))
    return histories


def test_same_history_as_keras3_with_validation_and_weights():
    weights = np.where(np.arange(N) % 2 == 0, 1.0, 3.0)
    keras3, legacy = both_engines(epochs=3, batch_size=8, validation_split=0.2, sample_weight=weights)
    assert str(legacy) == str(keras3)
    assert legacy.params == keras3.params
    pd.testing.assert_frame_equal(rkeras.as_data_frame(legacy), rkeras.as_data_frame(keras3))
    # training on the first 40 rows, validation on the last 10; each loss times its sample's weight
    assert legacy.metrics["loss"] == pytest.approx([float(np.mean(weights[:40] * X[:40] ** 2))] * 3, rel=1e-6)
    assert legacy.metrics["val_loss"] == pytest.approx([float(np.mean(weights[40:] * X[40:] ** 2))] * 3, rel=1e-6)
    assert str(legacy).splitlines()[0] == "Trained on 40 samples, validated on 10 samples (batch_size=8, epochs=3)"


def test_initial_epoch_and_early_stopping_rows_like_keras3():
    histories = []
    for model, callbacks in (
        (make_frozen(), lambda: __import__("keras").callbacks.EarlyStopping(monitor="loss", patience=1)),
        (make_frozen_tf_keras(), lambda: tf_keras.callbacks.EarlyStopping(monitor="loss", patience=1)),
    ):
        histories.append(rkeras.fit(model, X, X, epochs=8, initial_epoch=2, batch_size=16, verbose=0,
                                    callbacks=[callbacks()]))
    keras3, legacy = histories
    frame = rkeras.as_data_frame(legacy)
    pd.testing.assert_frame_equal(frame, rkeras.as_data_frame(keras3))
    assert frame["epoch"].min() == 3 and frame["epoch"].max() == 8   # true epoch numbers, 1-based
    trained = frame.dropna()["epoch"].tolist()
    assert trained == [3, 4, 3, 4]      # loss and mae: stopped after 2 epochs without improvement
    assert math.isnan(frame.loc[(frame.metric == "loss") & (frame.epoch == 8), "value"].iloc[0])


def test_callback_of_the_other_engine_is_an_error_before_training():
    import keras

    model = make_frozen_tf_keras()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(RKerasError, match=r"callbacks\[\[1\]\].*tf_keras\.callbacks\.Callback") as info:
        rkeras.fit(model, X, X, epochs=1, verbose=0, callbacks=[keras.callbacks.History()])
    assert info.value.argument == "callbacks[[1]]"
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_uncompiled_tf_keras_model_is_an_error_naming_object():
    model = tf_keras.Sequential([tf_keras.Input((1,)), tf_keras.layers.Dense(1)])
    with pytest.raises(RKerasError, match="compile") as info:
        rkeras.fit(model, X, X, verbose=0)
    assert info.value.argument == "object"


def test_data_take_the_float_type_of_the_models_engine():
    """tf_keras keeps its own floatx: float64 there keeps what float32 would round away."""
    y = np.full(8, 1.0 + 1e-9)
    old = tf_keras.backend.floatx()
    tf_keras.backend.set_floatx("float64")
    try:
        model = make_frozen_tf_keras(metrics=())
        history = rkeras.fit(model, np.zeros(8), y, epochs=1, batch_size=8, verbose=0)
    finally:
        tf_keras.backend.set_floatx(old)
    loss = history.metrics["loss"][0]
    assert loss != 1.0                       # float32 data would make it exactly 1
    assert loss == pytest.approx((1.0 + 1e-9) ** 2, abs=1e-12)

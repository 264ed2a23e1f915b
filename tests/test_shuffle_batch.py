"""shuffle="batch": R's meaning, observed batch by batch.

A layer records the samples of every training batch as the model sees them,
so each test checks which samples arrived together and in what order, not
what the code meant to do.
"""

from __future__ import annotations

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

from conftest import mean_square

N, B = 21, 4   # five full chunks of 4 and a partial chunk of 1


def recording_model(log):
    import keras
    import tensorflow as tf

    class Record(keras.layers.Layer):
        def call(self, inputs, training=None):
            if not training:
                return inputs

            def note(batch):
                log.append([int(v) for v in batch.numpy()[:, 0]])
                return batch

            out = tf.py_function(note, [inputs], Tout=inputs.dtype)
            out.set_shape(inputs.shape)
            return out

    model = keras.Sequential([keras.Input((1,)), Record(),
                              keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse", jit_compile=False)
    return model


def data(n=N):
    values = np.arange(1, n + 1, dtype="float64")
    return values.reshape(-1, 1), values


def by_epoch(log, epochs, per_epoch):
    assert len(log) == epochs * per_epoch
    return [log[e * per_epoch:(e + 1) * per_epoch] for e in range(epochs)]


def chunks(n, b):
    return [list(range(s + 1, min(s + b, n) + 1)) for s in range(0, n, b)]


def test_batch_shuffle_moves_whole_chunks_in_a_new_order_each_epoch():
    import keras

    keras.utils.set_random_seed(3)
    log = []
    x, y = data()
    history = rkeras.fit(recording_model(log), x, y, batch_size=B, epochs=3, shuffle="batch", verbose=0)
    expected = chunks(N, B)
    orders = []
    for epoch in by_epoch(log, 3, len(expected)):
        # every batch is one contiguous chunk, samples in order; each chunk once
        assert sorted(epoch) == sorted(expected)
        assert epoch[-1] == expected[-1]          # the partial chunk comes last
        orders.append([expected.index(b) for b in epoch])
    assert any(o != list(range(len(expected))) for o in orders)   # not Keras 3's fixed batch order
    assert len({tuple(o) for o in orders}) > 1                    # a new order each epoch
    assert history.metrics["loss"] == pytest.approx([mean_square(y)] * 3, rel=1e-6)
    assert history.params["samples"] == N and history.params["batch_size"] == B


def test_shuffle_false_keeps_the_order():
    log = []
    x, y = data()
    rkeras.fit(recording_model(log), x, y, batch_size=B, epochs=2, shuffle=False, verbose=0)
    assert log == chunks(N, B) * 2


def test_validation_split_takes_the_tail_before_chunking():
    import keras

    keras.utils.set_random_seed(4)
    log = []
    x, y = data(20)
    history = rkeras.fit(recording_model(log), x, y, batch_size=B, epochs=2, shuffle="batch",
                         validation_split=0.2, verbose=0)
    assert sorted(v for batch in log for v in batch) == sorted(list(range(1, 17)) * 2)
    assert all(b in chunks(16, B) for b in log)
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(y[16:]), rel=1e-6)
    assert history.params["validation_samples"] == 4


def test_weights_travel_with_their_chunk():
    import keras

    keras.utils.set_random_seed(5)
    x, y = data()
    weights = 1.0 / y   # weighted squared error is then the mean of y
    history = rkeras.fit(recording_model([]), x, y, batch_size=B, epochs=2, shuffle="batch",
                         sample_weight=weights, verbose=0)
    assert history.metrics["loss"] == pytest.approx([float(np.mean(y))] * 2, rel=1e-6)


def test_batch_shuffle_with_class_weights():
    import keras
    import math

    keras.utils.set_random_seed(6)
    y = np.array([0, 1, 2, 2, 2, 1, 0, 2, 1])
    model = keras.Sequential([keras.Input((1,)),
                              keras.layers.Dense(3, kernel_initializer="zeros", bias_initializer="zeros",
                                                 activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="sparse_categorical_crossentropy")
    history = rkeras.fit(model, np.zeros((9, 1)), y, batch_size=2, epochs=1, shuffle="batch",
                         class_weight={"1": 1, "2": 2, "3": 5}, verbose=0)
    assert history.metrics["loss"][0] / math.log(3) == pytest.approx(np.mean([[1, 2, 5][c] for c in y]), rel=1e-5)


def test_no_effect_with_steps_per_epoch():
    log = []
    x, y = data(8)
    rkeras.fit(recording_model(log), x, y, batch_size=B, epochs=1, steps_per_epoch=2, shuffle="batch", verbose=0)
    assert log == chunks(8, B)


@pytest.mark.parametrize("value", ["Batch", "chunks", 2, None])
def test_other_shuffle_values_are_errors(value):
    x, y = data()
    with pytest.raises(RKerasError) as caught:
        rkeras.fit(recording_model([]), x, y, shuffle=value, epochs=1, verbose=0)
    assert caught.value.argument == "shuffle"

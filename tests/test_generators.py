"""Generator functions (R's ``function() list(x, y)``) and Python iterators.

The frozen model predicts 0, so an epoch's MSE is the mean of y**2 over the
batches it trained on: which batches were used, in which order, and whether
any were lost or replayed shows in the numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras.errors import RKerasError

from conftest import make_frozen


def counting_function(batch_size=2, weights=False, as_tuple=False):
    """Call k returns a batch whose targets are all k (and weights 1/k)."""
    state = {"calls": 0}

    def batches():
        state["calls"] += 1
        k = float(state["calls"])
        parts = [np.full((batch_size, 1), k), np.full(batch_size, k)]  # R: list(x, y), doubles
        if weights:
            parts.append(np.full(batch_size, 1.0 / k))
        return tuple(parts) if as_tuple else parts

    return batches, state


def epoch_means(first, steps, epochs, power=2, weighted=False):
    out = []
    for e in range(epochs):
        ks = np.arange(first + e * steps, first + (e + 1) * steps, dtype=float)
        out.append(float(np.mean(ks ** (power - 1) if weighted else ks ** power)))
    return out


@pytest.mark.parametrize("as_tuple", [False, True])
def test_generator_function_trains_on_each_call_in_order(as_tuple):
    batches, state = counting_function(as_tuple=as_tuple)
    history = rkeras.fit(make_frozen(), batches, steps_per_epoch=3, epochs=2, verbose=0)
    assert history.metrics["loss"] == pytest.approx(epoch_means(1, 3, 2), rel=1e-6)
    assert state["calls"] == 6  # nothing peeked and thrown away, nothing pulled beyond the need
    assert history.params["samples"] is None and history.params["steps"] == 3


def test_third_element_is_sample_weights():
    batches, _ = counting_function(weights=True)
    history = rkeras.fit(make_frozen(), batches, steps_per_epoch=2, epochs=1, verbose=0)
    assert history.metrics["loss"] == pytest.approx(epoch_means(1, 2, 1, weighted=True), rel=1e-6)


def test_batches_are_converted_like_array_inputs():
    import keras

    inp = keras.Input((1,), name="dose")
    out = keras.layers.Dense(3, kernel_initializer="zeros", bias_initializer="zeros", activation="softmax")(inp)
    model = keras.Model(inp, out)
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="sparse_categorical_crossentropy")

    def batches():  # R: list(list(dose = c(1, 2, 3)), factor(c("a", "b", "c")))
        return [{"dose": [1, 2, 3]}, pd.Categorical(["a", "b", "c"])]

    history = rkeras.fit(model, batches, steps_per_epoch=2, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.log(3), rel=1e-5)


def test_steps_per_epoch_is_required():
    batches, state = counting_function()
    with pytest.raises(RKerasError, match="number of batches per epoch") as caught:
        rkeras.fit(make_frozen(), batches, epochs=1, verbose=0)
    assert caught.value.argument == "steps_per_epoch"
    assert state["calls"] == 0


@pytest.mark.parametrize("value, pattern", [
    (np.zeros((2, 1)), r"batch 1, should be a list or tuple \(inputs, targets\)"),
    ([np.zeros((2, 1))] * 4, "with 4 parts"),
    ([np.zeros((2, 1)), np.zeros(3)], "as many samples"),
    ([np.zeros((2, 1)), np.array(["a", "b"])], "numeric"),
    ([np.array([[np.nan], [1.0]]), np.zeros(2)], "finite"),
])
def test_bad_first_batch_is_error_before_training(value, pattern):
    with pytest.raises(RKerasError, match=pattern):
        rkeras.fit(make_frozen(), lambda: value, steps_per_epoch=2, epochs=1, verbose=0)


def test_bad_later_batch_is_named_error():
    state = {"calls": 0}

    def batches():
        state["calls"] += 1
        width = 2 if state["calls"] == 3 else 1
        return [np.ones((2, width)), np.ones(2)]

    with pytest.raises(RKerasError, match=r"batch 3, should have the shape of the first batch") as caught:
        rkeras.fit(make_frozen(), batches, steps_per_epoch=2, epochs=2, verbose=0)
    assert caught.value.history.metrics["loss"] == [pytest.approx(1.0)]  # epoch 1 finished


def test_error_in_the_function_is_raised_as_itself():
    class DataError(Exception):
        pass

    state = {"calls": 0}

    def batches():
        state["calls"] += 1
        if state["calls"] == 4:
            raise DataError("file vanished")
        return [np.ones((2, 1)), np.ones(2)]

    with pytest.raises(DataError, match="file vanished"):
        rkeras.fit(make_frozen(), batches, steps_per_epoch=2, epochs=3, verbose=0)


def test_generator_function_as_validation_data():
    batches, _ = counting_function()
    val, val_state = counting_function()
    history = rkeras.fit(make_frozen(), batches, steps_per_epoch=2, epochs=3, verbose=0,
                         validation_data=val, validation_steps=2)
    assert history.metrics["val_loss"] == pytest.approx(epoch_means(1, 2, 3), rel=1e-6)
    assert val_state["calls"] == 6


def test_validation_steps_required_for_validation_function():
    batches, _ = counting_function()
    val, _ = counting_function()
    with pytest.raises(RKerasError) as caught:
        rkeras.fit(make_frozen(), batches, steps_per_epoch=2, epochs=1, verbose=0, validation_data=val)
    assert caught.value.argument == "validation_steps"


# -- iterators and generator objects ---------------------------------------------

def finite(count, batch_size=2):
    for k in range(1, count + 1):
        yield [np.full((batch_size, 1), float(k)), np.full(batch_size, float(k))]  # lists: Keras 3 refuses them


def test_iterator_with_enough_batches():
    history = rkeras.fit(make_frozen(), finite(6), steps_per_epoch=3, epochs=2, verbose=0)
    assert history.metrics["loss"] == pytest.approx(epoch_means(1, 3, 2), rel=1e-6)


def test_iterator_that_runs_out_is_error_not_replay():
    with pytest.raises(RKerasError, match=r"ran out of batches at batch 6 \(it gave 5\): training needs "
                                          "epochs x steps_per_epoch = 6 batches") as caught:
        rkeras.fit(make_frozen(), finite(5), steps_per_epoch=3, epochs=2, verbose=0)
    assert caught.value.argument == "x"
    assert caught.value.history.metrics["loss"] == pytest.approx(epoch_means(1, 3, 1), rel=1e-6)


def endless():
    while True:
        yield [np.ones((2, 1)), np.ones(2)]


@pytest.mark.parametrize("make", [lambda: finite(4), endless], ids=["finite", "endless"])
def test_iterator_without_steps_is_error_before_training(make):
    # R required steps_per_epoch for generators; an endless iterator used to hang here forever
    model = make_frozen()
    iterator = make()
    with pytest.raises(RKerasError, match="`steps_per_epoch` should be the number of batches per epoch when `x` "
                                          "is a Python iterator") as caught:
        rkeras.fit(model, iterator, epochs=1, verbose=0)
    assert caught.value.argument == "steps_per_epoch"
    assert int(model.optimizer.iterations.numpy()) == 0
    assert next(iterator)[1][0] == 1.0  # nothing was taken from it


def test_iterator_as_validation_data_needs_validation_steps():
    batches, state = counting_function()
    model = make_frozen()
    with pytest.raises(RKerasError, match="`validation_steps` should be the number of batches per validation "
                                          "when `validation_data` is a Python iterator") as caught:
        rkeras.fit(model, batches, steps_per_epoch=1, epochs=1, verbose=0, validation_data=endless())
    assert caught.value.argument == "validation_steps"
    assert int(model.optimizer.iterations.numpy()) == 0


@pytest.mark.parametrize("argument", ["x", "validation_data"])
def test_generator_function_that_needs_arguments_is_error(argument):
    def make_batch(data, size):  # R: a generator factory given instead of the generator it makes
        return [data[:size], data[:size, 0]]

    model = make_frozen()
    batches, _ = counting_function()
    x, validation = (make_batch, None) if argument == "x" else (batches, make_batch)
    with pytest.raises(RKerasError, match="a generator function that takes no arguments.*It needs arguments "
                                          "data, size") as caught:
        rkeras.fit(model, x, steps_per_epoch=1, epochs=1, verbose=0, validation_data=validation, validation_steps=1)
    assert caught.value.argument == argument
    assert int(model.optimizer.iterations.numpy()) == 0


def test_generator_function_with_defaults_or_a_call_method_is_fine():
    class Batches:
        def __call__(self, size=2):
            return [np.ones((size, 1)), np.ones(size)]

    history = rkeras.fit(make_frozen(), Batches(), steps_per_epoch=2, epochs=1, verbose=0)
    assert history.metrics["loss"] == [pytest.approx(1.0)]


def test_iterator_as_validation_data_runs_out():
    batches, _ = counting_function()
    with pytest.raises(RKerasError, match=r"validation_data.*ran out of batches at batch 4 \(it gave 3\): each "
                                          "validation needs validation_steps = 2"):
        rkeras.fit(make_frozen(), batches, steps_per_epoch=1, epochs=2, verbose=0,
                   validation_data=finite(3), validation_steps=2)


def test_empty_iterator_is_error_before_training():
    with pytest.raises(RKerasError, match="yielded none"):
        rkeras.fit(make_frozen(), iter([]), steps_per_epoch=1, epochs=1, verbose=0)


def test_under_a_strategy_keras_peeks_do_not_use_up_batches():
    import tensorflow as tf

    with tf.distribute.MirroredStrategy(["/cpu:0"]).scope():
        model = make_frozen()
    batches, state = counting_function()
    val, val_state = counting_function()
    history = rkeras.fit(model, batches, steps_per_epoch=3, epochs=2, verbose=0,
                         validation_data=val, validation_steps=2)
    assert history.metrics["loss"] == pytest.approx(epoch_means(1, 3, 2), rel=1e-6)
    assert history.metrics["val_loss"] == pytest.approx(epoch_means(1, 2, 2), rel=1e-6)
    assert (state["calls"], val_state["calls"]) == (6, 4)

"""rkeras.predict() and rkeras.predict_on_batch(): arrays, lists in output order,
dicts by the model's output names, generators that return only x."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

from _models import ENGINES, batch_counter, engine, frozen, ones_to, two_outputs


@pytest.mark.parametrize("engine_name", ENGINES)
def test_vector_for_a_one_feature_input_gives_n_by_1(engine_name):
    model = frozen(engine_name, compiled=False)  # R predicts with uncompiled models too
    result = rkeras.predict(model, ones_to(5), verbose=0)
    assert isinstance(result, np.ndarray) and result.shape == (5, 1)
    assert np.all(result == 0)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_batch_size_null_is_32(engine_name):
    counter = batch_counter(engine_name, "predict")
    rkeras.predict(frozen(engine_name), ones_to(100), verbose=0, callbacks=counter)
    assert counter.batches == 4
    counter = batch_counter(engine_name, "predict")
    rkeras.predict(frozen(engine_name), ones_to(100), batch_size=25, steps=2, verbose=0, callbacks=[counter])
    assert counter.batches == 2


@pytest.mark.parametrize("engine_name", ENGINES)
def test_several_outputs_a_list_in_output_order(engine_name):
    result = rkeras.predict(two_outputs(engine_name), ones_to(6), verbose=0)
    assert isinstance(result, list) and len(result) == 2
    assert np.all(result[0] == 0) and np.allclose(result[1], 0.5)  # reg, then the sigmoid cls


@pytest.mark.parametrize("engine_name", ENGINES)
def test_named_outputs_a_dict_by_the_models_names(engine_name):
    result = rkeras.predict(two_outputs(engine_name, named=True), ones_to(6), verbose=0)
    assert isinstance(result, dict) and list(result) == ["reg", "cls"]
    assert np.allclose(result["cls"], 0.5) and np.all(result["reg"] == 0)
    on_batch = rkeras.predict_on_batch(two_outputs(engine_name, named=True), ones_to(6))
    assert list(on_batch) == ["reg", "cls"] and np.allclose(on_batch["cls"], 0.5)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_generator_may_return_only_x(engine_name):
    model = frozen(engine_name, activation="sigmoid")
    x = ones_to(10)
    result = rkeras.predict(model, lambda: x, steps=3, verbose=0)
    assert result.shape == (30, 1) and np.allclose(result, 0.5)
    result = rkeras.predict(model, lambda: (x, x), steps=2, verbose=0)  # (x, y): y is not used
    assert result.shape == (20, 1)
    result = rkeras.predict(model, iter([x[:4], x[4:]]), steps=2, verbose=0)  # an iterator: `steps` batches
    assert result.shape == (10, 1)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_generator_function_needs_steps(engine_name):
    with pytest.raises(RKerasError) as error:
        rkeras.predict(frozen(engine_name), lambda: ones_to(3), verbose=0)
    assert error.value.argument == "steps"


def test_dataset_and_multiple_inputs():
    import tensorflow as tf

    keras = engine("keras")
    a, b = keras.Input((1,), name="a"), keras.Input((2,), name="b")
    out = keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    x = ones_to(4)
    both = [x, np.stack([x, x], 1)]
    assert rkeras.predict(model, both, verbose=0)[:, 0] == pytest.approx(3 * x)
    assert rkeras.predict(model, {"b": both[1], "a": x}, verbose=0)[:, 0] == pytest.approx(3 * x)
    dataset = tf.data.Dataset.from_tensor_slices((x.reshape(-1, 1), both[1])).batch(2).map(lambda p, q: ((p, q),))
    assert rkeras.predict(model, dataset, verbose=0)[:, 0] == pytest.approx(3 * x)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_predict_on_batch(engine_name):
    result = rkeras.predict_on_batch(frozen(engine_name, activation="sigmoid"), ones_to(7))
    assert isinstance(result, np.ndarray) and result.shape == (7, 1) and np.allclose(result, 0.5)


@pytest.mark.parametrize("call, argument, message", [
    (lambda m: rkeras.predict(m, None, verbose=0), "x", "data"),
    (lambda m: rkeras.predict(m, np.ones((3, 2)), verbose=0), "x", "shape of the model's input"),
    (lambda m: rkeras.predict(m, ["a", "b"], verbose=0), "x", "numeric"),
    (lambda m: rkeras.predict(m, ones_to(3), verbose="yes"), "verbose", "0, 1, 2"),
    (lambda m: rkeras.predict(m, ones_to(3), verbose=0, batch_size=0), "batch_size", "1 or more"),
    (lambda m: rkeras.predict_on_batch(m, np.ones((3, 2))), "x", "shape of the model's input"),
    (lambda m: rkeras.predict_on_batch(m, lambda: ones_to(3)), "x", "one batch of arrays"),
    (lambda m: rkeras.predict_on_batch(m, ones_to(3), batch_size=2), "batch_size", "unused argument"),
])
def test_errors(call, argument, message, capsys):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError, match=message) as error:
            call(frozen())
    assert error.value.argument == argument
    assert not [w for w in caught if issubclass(w.category, RKerasWarning)]
    assert capsys.readouterr().out == ""


def test_generator_batches_for_several_inputs():
    """For a two-input model, ``[a, b]`` is x; ``([a, b], y)`` is x with targets."""
    keras = engine("keras")
    a, b = keras.Input((1,), name="a"), keras.Input((2,), name="b")
    out = keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    x = ones_to(4).reshape(-1, 1)
    both = [x, np.concatenate([x, x], 1)]
    assert rkeras.predict(model, lambda: both, steps=1, verbose=0)[:, 0] == pytest.approx(3 * x[:, 0])
    assert rkeras.predict(model, lambda: (both, x), steps=2, verbose=0)[:, 0] == pytest.approx(np.tile(3 * x[:, 0], 2))

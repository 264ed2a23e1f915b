"""rkeras.train_on_batch() and rkeras.test_on_batch(): unnamed values in R's
metric order, metrics reset every call, class weights by R's rules."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

from _models import ENGINES, alternating, engine, frozen, ones_to, snapshot, two_outputs, unchanged


def iterations(model) -> int:
    return int(np.asarray(model.optimizer.iterations))


@pytest.mark.parametrize("engine_name", ENGINES)
def test_loss_and_metrics_unnamed(engine_name):
    x = ones_to(20)
    model = frozen(engine_name)
    assert rkeras.train_on_batch(model, x, x) == pytest.approx([143.5, 10.5])
    assert iterations(model) == 1  # one gradient update
    assert rkeras.test_on_batch(model, x, x) == pytest.approx([143.5, 10.5])
    assert iterations(model) == 1


@pytest.mark.parametrize("engine_name", ENGINES)
def test_only_a_loss_is_a_float(engine_name):
    x = ones_to(20)
    model = frozen(engine_name, metrics=())
    loss = rkeras.train_on_batch(model, x, x)
    assert isinstance(loss, float) and loss == pytest.approx(143.5)
    assert isinstance(rkeras.test_on_batch(model, x, x), float)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_two_outputs_in_rs_metric_order(engine_name):
    x = ones_to(20)
    expected = [144.1931, 143.5, 0.6931, 10.5, 0.5]  # loss, reg_loss, cls_loss, reg_mae, cls_accuracy
    model = two_outputs(engine_name)
    assert rkeras.test_on_batch(model, x, [x, alternating(20)]) == pytest.approx(expected, abs=1e-4)
    assert rkeras.train_on_batch(model, x, {"cls": alternating(20), "reg": x}) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_metrics_reset_every_call(engine_name):
    model = frozen(engine_name)
    x = ones_to(20)
    rkeras.test_on_batch(model, x, x)
    assert rkeras.test_on_batch(model, x[:2], x[:2]) == pytest.approx([2.5, 1.5])
    rkeras.train_on_batch(model, x, x)
    assert rkeras.train_on_batch(model, x[:2], x[:2]) == pytest.approx([2.5, 1.5])


@pytest.mark.parametrize("engine_name", ENGINES)
def test_vector_sample_weight(engine_name):
    x = ones_to(20)
    model = frozen(engine_name)
    assert rkeras.test_on_batch(model, x, x, sample_weight=np.full(20, 2.0))[0] == pytest.approx(287.0)
    assert rkeras.train_on_batch(model, x, x, sample_weight=[2.0] * 20)[0] == pytest.approx(287.0)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_class_weight_r_names(engine_name):
    """Class 1 (Keras 0) weighs 1, class 2 (Keras 1) weighs 5: mean weight 3 on 0/1 alternating."""
    model = frozen(engine_name, metrics=(), loss="binary_crossentropy", activation="sigmoid")
    x, labels = ones_to(20), alternating(20)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RKerasWarning)
        loss = rkeras.train_on_batch(model, x, labels, class_weight={"1": 1, "2": 5})
    assert loss == pytest.approx(3 * math.log(2), abs=1e-4)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_class_weight_r_keras_215_names_warn(engine_name):
    """R keras 2.15's scripts name classes "0", "1": read 0-based, with a warning."""
    model = frozen(engine_name, metrics=(), loss="binary_crossentropy", activation="sigmoid")
    with pytest.warns(RKerasWarning, match="0-based"):
        loss = rkeras.train_on_batch(model, ones_to(20), alternating(20), class_weight={"0": 1, "1": 5})
    assert loss == pytest.approx(2.0794, abs=1e-4)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_test_on_batch_has_no_class_weight(engine_name):
    model = frozen(engine_name)
    before = snapshot(model)
    with pytest.raises(RKerasError, match=r"test_on_batch\(\): unused argument \(class_weight = ") as error:
        rkeras.test_on_batch(model, ones_to(4), ones_to(4), class_weight={"1": 2})
    assert error.value.argument == "class_weight"
    assert unchanged(model, before)


def test_partial_names():
    model = frozen(metrics=())
    x = ones_to(20)
    with pytest.warns(RKerasWarning, match="`sample` to `sample_weight`"):
        assert rkeras.test_on_batch(model, x, x, sample=np.full(20, 2.0)) == pytest.approx(287.0)


def trainable(engine_name):
    """A model that learns: a rejected call must leave its weights as they were."""
    keras = engine(engine_name)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse", metrics=["mae"])
    return model


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("call, argument, message", [
    (lambda m, x: rkeras.train_on_batch(m, x, x[:5]), "y", "as many samples as `x`"),
    (lambda m, x: rkeras.train_on_batch(m, x, None), "y", "targets"),
    (lambda m, x: rkeras.train_on_batch(m, x, x, sample_weight=-np.ones(10)), "sample_weight", "0 or more"),
    (lambda m, x: rkeras.train_on_batch(m, x, x, class_weight={"1": 1}, sample_weight=np.ones(10)),
     "class_weight", "sample weights, not both"),
    (lambda m, x: rkeras.train_on_batch(m, x, x, class_weight={"1": -1}), "class_weight", ""),
    (lambda m, x: rkeras.train_on_batch(m, lambda: (x, x), x), "x", "one batch of arrays"),
    (lambda m, x: rkeras.train_on_batch(m, np.ones((10, 3)), x), "x", "shape of the model's input"),
    (lambda m, x: rkeras.train_on_batch(m, x, x, epochs=2), "epochs", "unused argument"),
    (lambda m, x: rkeras.test_on_batch(m, x, np.where(x > 2, np.inf, x)), "y", "finite"),
])
def test_errors_change_nothing(engine_name, call, argument, message, capsys):
    model = trainable(engine_name)
    x = ones_to(10)
    before = snapshot(model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError, match=message) as error:
            call(model, x)
    assert error.value.argument == argument
    assert unchanged(model, before)
    assert not [w for w in caught if issubclass(w.category, RKerasWarning)]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("engine_name", ENGINES)
def test_a_right_call_does_change_the_trainable_model(engine_name):
    """What the error cases compare against: a right call updates weights and iterations."""
    model = trainable(engine_name)
    before = snapshot(model)
    rkeras.train_on_batch(model, ones_to(10), ones_to(10))
    assert not unchanged(model, before) and iterations(model) == before[1] + 1


@pytest.mark.parametrize("engine_name", ENGINES)
def test_uncompiled_model(engine_name):
    with pytest.raises(RKerasError, match=r"before train_on_batch\(\)"):
        rkeras.train_on_batch(frozen(engine_name, compiled=False), ones_to(3), ones_to(3))

"""R's deprecated model functions: fit_generator, evaluate_generator, predict_generator,
predict_proba, predict_classes. Each warns with R's text and does what R's warning advises.

Frozen models (zero weights, SGD learning rate 0) on x = y = 1..n: every value is closed-form.
"""

import warnings

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning
from _models import ENGINES, engine, frozen, ones_to, snapshot

FIT_MESSAGE = "`fit_generator` is deprecated. Use `fit` instead, it now accept generators."
EVALUATE_MESSAGE = "`evaluate_generator` is deprecated. Use `evaluate` instead, it now accept generators."
PREDICT_MESSAGE = "`predict_generator` is deprecated. Use `predict` instead, it now accept generators."


def batches(n=20, size=5):
    """R's generator function: each call returns the next batch list(x, y), wrapping around."""
    data = ones_to(n)
    state = {"at": 0}

    def generator():
        start = state["at"]
        state["at"] = (start + size) % n
        rows = data[start:start + size]
        return rows, rows

    return generator


def messages(record):
    return [str(w.message) for w in record if issubclass(w.category, RKerasWarning)]


@pytest.mark.parametrize("name", ENGINES)
def test_fit_generator_warns_and_fits_with_its_own_defaults(name, capsys):
    model = frozen(name)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        history = rkeras.fit_generator(model, batches(), steps_per_epoch=4, verbose=0)
    assert FIT_MESSAGE in messages(record)
    assert history.params["epochs"] == 1                       # R's default epochs = 1, not fit()'s 10
    assert len(history.metrics["loss"]) == 1
    assert history.metrics["loss"][0] == pytest.approx(np.mean(ones_to(20) ** 2))   # 143.5
    assert history.metrics["mae"][0] == pytest.approx(10.5)


@pytest.mark.parametrize("name", ENGINES)
def test_fit_generator_verbose_default_is_option_else_1(name, capsys, monkeypatch):
    model = frozen(name)
    monkeypatch.setenv("RKERAS_CONTEXT", "batch")   # fit()'s "auto" would be 2 here; R's default is 1
    with pytest.warns(RKerasWarning):
        rkeras.fit_generator(model, batches(), steps_per_epoch=2, epochs=2)
    out = capsys.readouterr().out
    assert "Epoch 2/2" in out and ("━━" in out or "[====" in out)    # verbose 1: the progress bar
    with rkeras.options({"keras.fit_verbose": 0}), pytest.warns(RKerasWarning):
        rkeras.fit_generator(model, batches(), steps_per_epoch=2, epochs=2)
    assert "Epoch" not in capsys.readouterr().out


@pytest.mark.parametrize("name", ENGINES)
def test_fit_generator_validation_and_initial_epoch(name):
    model = frozen(name)
    val = (np.array([10.0, 20.0], dtype="float32"), np.array([10.0, 20.0], dtype="float32"))
    with pytest.warns(RKerasWarning, match="fit_generator"):
        history = rkeras.fit_generator(model, batches(), 4, epochs=3, verbose=0, validation_data=val,
                                       initial_epoch=1)
    assert history.epoch == [1, 2]
    assert history.metrics["val_loss"][-1] == pytest.approx(250.0)


@pytest.mark.parametrize("name", ENGINES)
def test_fit_generator_rejected_call_warns_nothing_and_trains_nothing(name):
    model = frozen(name)
    before = snapshot(model)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match="steps_per_epoch"):
            rkeras.fit_generator(model, batches(), steps_per_epoch=-1, verbose=0)
        with pytest.raises(RKerasError, match="max_queue_size"):
            rkeras.fit_generator(model, batches(), steps_per_epoch=2, verbose=0, max_queue_size=0)
    after = snapshot(model)
    assert after[1] == before[1] and all(np.array_equal(a, b) for a, b in zip(after[0], before[0]))
    with pytest.raises(TypeError):
        rkeras.fit_generator(model, batches())                 # steps_per_epoch has no default, as in R


def test_fit_generator_changed_workers_reach_fit():
    model = frozen("keras")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        rkeras.fit_generator(model, batches(), steps_per_epoch=2, verbose=0, workers=4)
    texts = messages(record)
    assert FIT_MESSAGE in texts
    assert any("'workers'" in t and "ignores" in t for t in texts)   # Keras 3's fit() no longer takes it


@pytest.mark.parametrize("name", ENGINES)
def test_evaluate_generator(name):
    model = frozen(name)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        result = rkeras.evaluate_generator(model, batches(), steps=4.0)
    assert messages(record) == [EVALUATE_MESSAGE]
    assert list(result.index) == ["loss", "mae"]
    assert result["loss"] == pytest.approx(143.5) and result["mae"] == pytest.approx(10.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match="`steps` should be a finite number, 1 or more"):
            rkeras.evaluate_generator(model, batches(), steps=0)


@pytest.mark.parametrize("name", ENGINES)
def test_predict_generator(name):
    model = frozen(name, compiled=False)
    data = ones_to(6).reshape(-1, 1)
    chunks = iter([data[:3], data[3:]])
    with pytest.warns(RKerasWarning) as record:
        result = rkeras.predict_generator(model, lambda: next(chunks), steps=2)
    assert PREDICT_MESSAGE in messages(record)
    assert isinstance(result, np.ndarray) and result.shape == (6, 1) and not result.any()


@pytest.mark.parametrize("name", ENGINES)
def test_predict_proba_is_predict(name):
    k = engine(name)
    model = k.Sequential([k.Input((2,)), k.layers.Dense(3, activation="softmax", kernel_initializer="zeros")])
    with pytest.warns(RKerasWarning, match=r"`predict_proba\(\)` is deprecated and was removed from tensorflow in "
                                           r"version 2.6, please use `predict\(\)` instead"):
        result = rkeras.predict_proba(model, np.ones((4, 2), dtype="float32"))
    assert result.shape == (4, 3) and np.allclose(result, 1 / 3)


@pytest.mark.parametrize("name", ENGINES)
def test_predict_classes_multi_column_is_0_based_argmax(name):
    k = engine(name)
    model = k.Sequential([k.Input((3,)), k.layers.Dense(3, activation="softmax", use_bias=False,
                                                         kernel_initializer="identity")])
    x = np.array([[5, 0, 0], [0, 0, 5], [0, 5, 0], [0, 0, 9]], dtype="float32")
    with pytest.warns(RKerasWarning) as record:
        classes = rkeras.predict_classes(model, x)
    text = messages(record)[0]
    assert text.startswith("`predict_classes()` is deprecated and and was removed from tensorflow in version 2.6.")
    assert "model %>% predict(x) %>% k_argmax()" in text
    assert classes.tolist() == [0, 2, 1, 2]
    assert classes.shape == (4,)


@pytest.mark.parametrize("name", ENGINES)
def test_predict_classes_one_column_is_threshold_as_int(name):
    k = engine(name)
    model = k.Sequential([k.Input((1,)), k.layers.Dense(1, activation="sigmoid", kernel_initializer="ones",
                                                         bias_initializer="zeros")])
    x = np.array([-2.0, -0.1, 0.0, 0.1, 3.0], dtype="float32")
    with pytest.warns(RKerasWarning):
        classes = rkeras.predict_classes(model, x)
    assert classes.dtype == np.int32 and classes.shape == (5, 1)
    assert classes[:, 0].tolist() == [0, 0, 0, 1, 1]    # sigmoid(0) = 0.5 is not > 0.5


def test_predict_classes_several_outputs_is_an_error_without_warning():
    from _models import two_outputs

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match=r"predict_classes\(\) takes a model with one output; this one has 2"):
            rkeras.predict_classes(two_outputs("keras"), ones_to(3))

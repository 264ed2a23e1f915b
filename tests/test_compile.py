"""compile(): returns the model, R's argument rules, both engines.

Frozen models (zero weights, SGD learning rate 0) on x = y = 1..20 make the
values closed-form: mse = mean(x^2) = 143.5, mae = mean(x) = 10.5, a sigmoid
output's binary cross-entropy against alternating 0/1 targets = log 2.
"""

import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

ENGINES = ["keras", "tf_keras"]
X = np.arange(1, 21, dtype="float32").reshape(-1, 1)
YC = (np.arange(20) % 2).astype("float32").reshape(-1, 1)


def engine_module(name):
    return pytest.importorskip(name)


def single(k):
    return k.Sequential([k.Input((1,)), k.layers.Dense(1, kernel_initializer="zeros", name="out")])


def two_outputs(k):
    a = k.Input((1,), name="x")
    reg = k.layers.Dense(1, kernel_initializer="zeros", name="reg")(a)
    cls = k.layers.Dense(1, kernel_initializer="zeros", activation="sigmoid", name="cls")(a)
    return k.Model(a, [reg, cls])


def sgd0(k):
    return k.optimizers.SGD(learning_rate=0.0)


def last(history):
    return {name: values[-1] for name, values in history.metrics.items()}


def is_compiled(model):
    return bool(getattr(model, "compiled", getattr(model, "_is_compiled", False)))


@pytest.mark.parametrize("engine", ENGINES)
def test_returns_the_model_and_one_metric_string_works(engine):
    k = engine_module(engine)
    model = single(k)
    result = rkeras.compile(model, optimizer=sgd0(k), loss="mse", metrics="mae")
    assert result is model and is_compiled(model)
    history = rkeras.fit(model, X, X, epochs=1, verbose=0)
    assert list(history.metrics) == ["loss", "mae"]
    assert last(history) == {"loss": pytest.approx(143.5), "mae": pytest.approx(10.5)}


def test_build_model_function_returns_the_model():
    import keras

    def build_model():  # R: build_model <- function() { model <- ...; model %>% compile(...) }
        model = single(keras)
        return rkeras.compile(model, optimizer="rmsprop", loss="mse")

    model = build_model()
    assert isinstance(model, keras.Model) and is_compiled(model)


@pytest.mark.parametrize("engine", ENGINES)
def test_none_arguments_are_dropped_optimizer_default_rmsprop(engine):
    k = engine_module(engine)
    model = rkeras.compile(single(k), loss="mse", optimizer=None, metrics=None, run_eagerly=None,
                           steps_per_execution=None, loss_weights=None, weighted_metrics=None)
    assert type(model.optimizer).__name__ == "RMSprop"


@pytest.mark.parametrize("engine", ENGINES)
def test_one_loss_and_flat_metrics_apply_to_every_output(engine):
    k = engine_module(engine)
    model = rkeras.compile(two_outputs(k), optimizer=sgd0(k), loss="mse", metrics=np.array(["mae", "mse"]))
    history = rkeras.fit(model, X, [X, YC], epochs=1, verbose=0)
    assert list(history.metrics) == ["loss", "reg_loss", "cls_loss", "reg_mae", "reg_mse", "cls_mae", "cls_mse"]
    values = last(history)
    assert values["reg_loss"] == pytest.approx(143.5)
    assert values["cls_loss"] == pytest.approx(0.25)        # (0.5 - y)^2 for y in {0, 1}
    assert values["loss"] == pytest.approx(143.75)
    assert values["reg_mae"] == pytest.approx(10.5)
    assert values["cls_mse"] == pytest.approx(0.25)


@pytest.mark.parametrize("engine", ENGINES)
def test_metrics_by_output_name_and_r_evaluate_example(engine):
    k = engine_module(engine)
    model = rkeras.compile(two_outputs(k), optimizer=sgd0(k), loss={"reg": "mse", "cls": "binary_crossentropy"},
                           metrics={"reg": "mae", "cls": "accuracy"})
    history = rkeras.fit(model, X, [X, YC], epochs=1, verbose=0)
    values = last(history)
    # R keras 2.15: loss, reg_loss, cls_loss, reg_mae, cls_accuracy = 144.1931, 143.5, 0.6931, 10.5, 0.5
    assert list(values) == ["loss", "reg_loss", "cls_loss", "reg_mae", "cls_accuracy"]
    assert [round(v, 4) for v in values.values()] == [144.1931, 143.5, 0.6931, 10.5, 0.5]


@pytest.mark.parametrize("engine", ENGINES)
def test_loss_weights_list_is_positional_dict_by_name(engine):
    k = engine_module(engine)
    losses = {"reg": "mse", "cls": "binary_crossentropy"}
    by_list = rkeras.compile(two_outputs(k), optimizer=sgd0(k), loss=losses, loss_weights=np.array([0.0, 2.0]))
    by_dict = rkeras.compile(two_outputs(k), optimizer=sgd0(k), loss=losses, loss_weights={"cls": 2.0, "reg": 0.0})
    for model in (by_list, by_dict):
        loss = last(rkeras.fit(model, X, [X, YC], epochs=1, verbose=0))["loss"]
        assert loss == pytest.approx(2 * math.log(2), rel=1e-5)


@pytest.mark.parametrize("engine", ENGINES)
def test_named_metrics_function_takes_the_name_string_keeps_its_own(engine):
    k = engine_module(engine)

    def mean_pred(y_true, y_pred):
        return k.ops.mean(y_pred) if hasattr(k, "ops") else k.backend.mean(y_pred)

    absolute = k.metrics.MeanAbsoluteError()
    model = rkeras.compile(single(k), optimizer=sgd0(k), loss="mse",
                           metrics={"my_pred": mean_pred, "a": "mse", "abs_err": absolute})
    history = rkeras.fit(model, X, X, epochs=1, verbose=0)
    assert list(history.metrics) == ["loss", "my_pred", "mse", "abs_err"]
    assert last(history)["abs_err"] == pytest.approx(10.5)
    assert absolute.name == "mean_absolute_error"  # the user's object is not renamed


@pytest.mark.parametrize("engine", ENGINES)
def test_weighted_metrics_one_string(engine):
    k = engine_module(engine)
    model = rkeras.compile(single(k), optimizer=sgd0(k), loss="mse", weighted_metrics="mae")
    weights = np.where(np.arange(20) < 10, 0.0, 1.0)
    history = rkeras.fit(model, X, X, epochs=1, verbose=0, sample_weight=weights)
    assert list(history.metrics) == ["loss", "mae"]
    assert last(history)["mae"] == pytest.approx(15.5)   # mean of 11..20: only weighted rows count


@pytest.mark.parametrize("engine", ENGINES)
def test_sample_weight_mode_accepted_without_effect(engine):
    k = engine_module(engine)
    model = rkeras.compile(single(k), optimizer=sgd0(k), loss="mse", sample_weight_mode="temporal")
    assert last(rkeras.fit(model, X, X, epochs=1, verbose=0))["loss"] == pytest.approx(143.5)


@pytest.mark.parametrize("engine", ENGINES)
def test_steps_per_execution_truncated_with_a_warning(engine):
    k = engine_module(engine)
    with pytest.warns(RKerasWarning, match=r"`steps_per_execution` = 2.7 is not a whole number: truncated to 2"):
        model = rkeras.compile(single(k), optimizer=sgd0(k), loss="mse", steps_per_execution=2.7)
    assert int(np.asarray(model._steps_per_execution if hasattr(model, "_steps_per_execution")
                          else model.steps_per_execution)) == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_partial_argument_names(engine):
    k = engine_module(engine)
    with pytest.warns(RKerasWarning, match="partial argument match of `metric` to `metrics`"):
        model = rkeras.compile(single(k), optimizer=sgd0(k), loss="mse", metric="mae")
    assert list(rkeras.fit(model, X, X, epochs=1, verbose=0).metrics) == ["loss", "mae"]


@pytest.mark.parametrize("engine", ENGINES)
def test_target_tensors_is_an_error_model_unchanged(engine):
    k = engine_module(engine)
    model = single(k)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match="`target_tensors` is not supported on TensorFlow 2") as error:
            rkeras.compile(model, optimizer=sgd0(k), loss="mse", metric="mae", target_tensors=[X])
    assert error.value.argument == "target_tensors"
    assert not is_compiled(model)


@pytest.mark.parametrize("engine", ENGINES)
def test_unknown_argument_is_keras_own_error_before_anything_changes(engine):
    k = engine_module(engine)
    model = single(k)
    with pytest.raises(TypeError, match="foo"):
        rkeras.compile(model, optimizer=sgd0(k), loss="mse", metrics="mae", foo=1)
    assert not is_compiled(model)
    assert getattr(model, "optimizer", None) is None


@pytest.mark.parametrize("engine", ENGINES)
def test_argument_errors(engine):
    k = engine_module(engine)
    model = two_outputs(k)
    with pytest.raises(RKerasError, match=r"`loss_weights` should give one weight per model output \(2: reg, cls\)"):
        rkeras.compile(model, loss="mse", loss_weights=[1.0])
    with pytest.raises(RKerasError, match=r"`loss_weights` names should be the model's output names: reg, cls. "
                                          r"Got 'other'"):
        rkeras.compile(model, loss="mse", loss_weights={"other": 1.0})
    with pytest.raises(RKerasError, match=r"`loss_weights` should be numbers"):
        rkeras.compile(model, loss="mse", loss_weights=["a", "b"])
    with pytest.raises(RKerasError, match=r"`metrics` should be a metric"):
        rkeras.compile(model, loss="mse", metrics=3)
    with pytest.raises(RKerasError, match=r"`object` of compile\(\) should be a Keras model"):
        rkeras.compile("model", loss="mse")
    with pytest.raises(RKerasError, match="matches several arguments: loss, loss_weights"):
        rkeras.compile(model, los="mse")
    assert not is_compiled(model)


def test_model_functions_do_not_import_tensorflow_until_called():
    code = (
        "import json, sys, rkeras\n"
        "names = [n for n in rkeras.__all__ if n not in ('plot_history', 'load_iris')]\n"
        "found = {n: callable(getattr(rkeras, n)) for n in names}\n"
        "print(json.dumps({'tf': [m for m in ('tensorflow', 'keras', 'tf_keras') if m in sys.modules], "
        "'found': found}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["tf"] == []
    assert all(report["found"].values())
    for name in ("compile", "get_layer", "pop_layer", "get_config", "from_config", "keras_model",
                 "keras_model_sequential", "summary", "format_model"):
        assert name in report["found"]

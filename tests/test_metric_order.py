"""Metrics in R keras 2.15's order: losses, compiled metrics by output, val_, callback keys.

The two-output model (``reg``: mse + mae, ``cls``: binary cross-entropy +
accuracy) is frozen (zero weights, SGD learning rate 0) on x = 1..20, so its
values are closed-form: reg_loss = mean(x^2) = 143.5, reg_mae = mean(x) = 10.5,
cls_loss = log 2, cls_accuracy = 0.5 (targets alternate 0/1, output 0.5).
"""

import math

import numpy as np
import pytest

import rkeras
from rkeras.metric_order import r_metric_order

ENGINES = ["keras", "tf_keras"]
X = np.arange(1, 21, dtype="float32").reshape(-1, 1)
YC = (np.arange(20) % 2).astype("float32").reshape(-1, 1)
R_ORDER = ["loss", "reg_loss", "cls_loss", "reg_mae", "cls_accuracy"]


def engine_module(name):
    return pytest.importorskip(name)


def two_outputs(name, metrics=None, weighted_metrics=None):
    k = engine_module(name)
    a = k.Input((1,), name="x")
    reg = k.layers.Dense(1, kernel_initializer="zeros", name="reg")(a)
    cls = k.layers.Dense(1, kernel_initializer="zeros", activation="sigmoid", name="cls")(a)
    model = k.Model(a, [reg, cls])
    model.compile(
        optimizer=k.optimizers.SGD(learning_rate=0.0),
        loss={"reg": "mse", "cls": "binary_crossentropy"},
        metrics=metrics or {"reg": ["mae"], "cls": ["accuracy"]},
        weighted_metrics=weighted_metrics,
    )
    return k, model


def lr_callback(k):
    class WritesLearningRate(k.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["learning_rate"] = 0.25

    return WritesLearningRate()


@pytest.mark.parametrize("engine", ENGINES)
def test_two_outputs_history_in_r_order_with_learning_rate_last(engine):
    k, model = two_outputs(engine)
    history = rkeras.fit(model, X, [X, YC], epochs=2, verbose=0, validation_data=(X, [X, YC]),
                         callbacks=[lr_callback(k)])
    expected = R_ORDER + ["val_" + n for n in R_ORDER] + ["learning_rate"]
    assert list(history.metrics) == expected
    last = {name: values[-1] for name, values in history.metrics.items()}
    assert last["loss"] == pytest.approx(143.5 + math.log(2), rel=1e-5)
    assert last["reg_loss"] == pytest.approx(143.5)
    assert last["cls_loss"] == pytest.approx(math.log(2), rel=1e-5)
    assert last["reg_mae"] == pytest.approx(10.5)
    assert last["cls_accuracy"] == pytest.approx(0.5)
    assert last["val_reg_mae"] == pytest.approx(10.5)
    assert last["learning_rate"] == 0.25
    # print, data frame and plot panels follow the same order
    printed = [line.split(":")[0].strip() for line in str(history).splitlines()[2:]]
    assert printed == expected
    frame = history.to_data_frame()
    assert list(frame["metric"].cat.categories) == R_ORDER + ["learning_rate"]
    if engine == "keras":  # the plot's panels (drawn once: the order comes from the history alone)
        pytest.importorskip("matplotlib")
        figure = history.plot(method="matplotlib")
        assert [ax.get_ylabel() for ax in figure.axes] == R_ORDER + ["learning_rate"]


@pytest.mark.parametrize("engine", ENGINES)
def test_weighted_metrics_follow_their_output(engine):
    # Keras 2 (R) lists each output's metrics, then that output's weighted metrics
    k, model = two_outputs(engine, metrics={"reg": ["mae", "mse"], "cls": ["accuracy"]},
                           weighted_metrics={"reg": ["mae"]})
    history = rkeras.fit(model, X, [X, YC], epochs=1, verbose=0)
    names = list(history.metrics)
    assert names[:3] == ["loss", "reg_loss", "cls_loss"]
    assert names.index("reg_mse") < names.index("reg_weighted_mae") < names.index("cls_accuracy")
    assert names.index("reg_mae") < names.index("reg_mse")
    assert len(names) == 7


@pytest.mark.parametrize("engine", ENGINES)
def test_single_output_compile_order_kept(engine):
    k = engine_module(engine)
    model = k.Sequential([k.Input((1,)), k.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer=k.optimizers.SGD(learning_rate=0.0), loss="mse",
                  metrics=["mse", "mae", k.metrics.MeanAbsoluteError(name="abs")])
    history = rkeras.fit(model, X, X, epochs=1, verbose=0, validation_split=0.5, callbacks=[lr_callback(k)])
    assert list(history.metrics) == [
        "loss", "mse", "mae", "abs", "val_loss", "val_mse", "val_mae", "val_abs", "learning_rate"
    ]
    assert history.metrics["mae"][0] == pytest.approx(5.5)
    assert history.metrics["val_mae"][0] == pytest.approx(15.5)


def test_keras3_sorted_logs_are_reordered_for_the_model():
    _, model = two_outputs("keras")
    model.evaluate(X, [X, YC], verbose=0)  # builds the compiled metrics
    sorted_logs = ["cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae", "learning_rate",
                   "val_cls_accuracy", "val_cls_loss", "val_loss", "val_reg_loss", "val_reg_mae"]
    assert r_metric_order(model, sorted_logs) == (
        R_ORDER + ["val_" + n for n in R_ORDER] + ["learning_rate"]
    )


def test_result_is_a_permutation_and_unknown_metrics_are_kept():
    _, model = two_outputs("keras")
    model.evaluate(X, [X, YC], verbose=0)
    names = ["zeta", "cls_accuracy", "lr", "loss", "val_zeta", "reg_mae", "reg_loss", "cls_loss"]
    # zeta has a val_ twin: a metric (after the known ones); lr has none: a callback key, last
    assert r_metric_order(model, names) == [
        "loss", "reg_loss", "cls_loss", "reg_mae", "cls_accuracy", "zeta", "val_zeta", "lr"
    ]
    assert r_metric_order(model, names + ["loss"]).count("loss") == 1


def test_without_a_model_loss_first_training_before_validation_callback_keys_last():
    names = ["accuracy", "loss", "learning_rate", "val_accuracy", "val_loss"]
    assert r_metric_order(None, names) == ["loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"]
    assert r_metric_order(None, []) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_unbuilt_model_orders_by_rule(engine):
    _, model = two_outputs(engine)
    names = ["cls_loss", "loss", "reg_loss", "val_loss"]
    assert r_metric_order(model, names) == ["loss", "reg_loss", "cls_loss", "val_loss"]


@pytest.mark.parametrize("engine", ENGINES)
def test_dict_outputs_losses_before_metrics(engine):
    k = engine_module(engine)
    a = k.Input((1,), name="a")
    o1 = k.layers.Dense(1, kernel_initializer="zeros", name="d1")(a)
    o2 = k.layers.Dense(1, kernel_initializer="zeros", name="d2")(a)
    model = k.Model(a, {"out1": o1, "out2": o2})
    model.compile(optimizer=k.optimizers.SGD(learning_rate=0.0), loss={"out1": "mse", "out2": "mae"},
                  metrics={"out1": ["mae"]})
    logged = model.fit(X, {"out1": X, "out2": X}, epochs=1, verbose=0).history
    prefix = "out" if engine == "keras" else "d"   # Keras 3 names by the dict's keys, Keras 2 by layer names
    expected = ["loss", f"{prefix}1_loss", f"{prefix}2_loss", f"{prefix}1_mae"]
    assert sorted(logged) == sorted(expected)
    assert r_metric_order(model, sorted(logged)) == expected

"""Data are matched by the model's own input and output names (SPEC "Inputs").

A functional model built with dict inputs (R's ``keras_model(inputs = list(first
= a, second = b))``) takes its data by those keys on both engines; names that
match none, or a dict that leaves an input out, are errors listing the model's
names, raised before anything is trained.
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest

import rkeras

pytestmark = pytest.mark.filterwarnings("ignore:When providing `inputs` as a dict")
from rkeras import RKerasError

ENGINES = ["keras", "tf_keras"]
N = 8


def named_model(engine: str, *, named_outputs: bool = False):
    """Inputs ``zeta`` (1 feature) and ``alpha`` (2 features), given in that order
    (not the sorted one), and a frozen output: loss = mean(y^2)."""
    keras = importlib.import_module(engine)
    zeta = keras.Input((1,), name="in_zeta")
    alpha = keras.Input((2,), name="in_alpha")
    joined = keras.layers.Concatenate()([zeta, alpha])

    def dense(name, activation=None):
        return keras.layers.Dense(1, name=name, activation=activation,
                                  kernel_initializer="zeros", bias_initializer="zeros")(joined)

    if named_outputs:
        outputs = {"reg": dense("reg_layer"), "cls": dense("cls_layer", "sigmoid")}
        loss = {"reg": "mse", "cls": "binary_crossentropy"}
    else:
        outputs = dense("out")
        loss = "mse"
    model = keras.Model(inputs={"zeta": zeta, "alpha": alpha}, outputs=outputs)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss=loss)
    return model


def data():
    y = np.arange(1, N + 1, dtype="float32")
    return {"zeta": y.reshape(-1, 1), "alpha": np.stack([y, y], axis=1)}, y


def snapshot(model):
    return [w.copy() for w in model.get_weights()], int(np.asarray(model.optimizer.iterations))


def unchanged(model, before) -> bool:
    weights, iterations = snapshot(model)
    return iterations == before[1] and all(np.array_equal(a, b) for a, b in zip(weights, before[0]))


@pytest.mark.parametrize("engine", ENGINES)
def test_dict_inputs_by_the_models_own_keys(engine):
    model = named_model(engine)
    x, y = data()
    history = rkeras.fit(model, x, y, epochs=1, verbose=0, shuffle=False)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2))


@pytest.mark.parametrize("engine", ENGINES)
def test_list_inputs_follow_the_order_the_dict_was_given_in(engine):
    """zeta first (1 column), alpha second (2 columns): swapped would be a shape error."""
    model = named_model(engine)
    x, y = data()
    history = rkeras.fit(model, [x["zeta"], x["alpha"]], y, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2))
    with pytest.raises(RKerasError, match=r"x\[\[1\]\]` should have the shape of the model's input, \(samples, 1\)"):
        rkeras.fit(model, [x["alpha"], x["zeta"]], y, epochs=1, verbose=0)


@pytest.mark.parametrize("engine", ENGINES)
def test_input_layer_names_are_not_the_models_names(engine):
    model = named_model(engine)
    x, y = data()
    before = snapshot(model)
    with pytest.raises(RKerasError) as error:
        rkeras.fit(model, {"in_zeta": x["zeta"], "in_alpha": x["alpha"]}, y, epochs=1, verbose=0)
    assert error.value.argument == "x"
    assert "the model's input names: 'zeta', 'alpha'" in str(error.value)
    assert "'in_zeta', 'in_alpha'" in str(error.value)
    assert unchanged(model, before)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_dict_that_leaves_an_input_out(engine):
    model = named_model(engine)
    x, y = data()
    before = snapshot(model)
    with pytest.raises(RKerasError, match=r"input names: 'zeta', 'alpha'.*Missing: 'alpha'"):
        rkeras.fit(model, {"zeta": x["zeta"]}, y, epochs=1, verbose=0)
    assert unchanged(model, before)


@pytest.mark.parametrize("engine", ENGINES)
def test_data_frame_columns_by_the_models_input_names(engine):
    keras = importlib.import_module(engine)
    a, b = keras.Input((1,), name="layer_a"), keras.Input((1,), name="layer_b")
    out = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")(
        keras.layers.Concatenate()([a, b]))
    model = keras.Model(inputs={"height": a, "weight": b}, outputs=out)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    y = np.arange(1, N + 1, dtype="float32")
    frame = pd.DataFrame({"weight": y, "other": -y, "height": y})
    history = rkeras.fit(model, frame, y, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2))


@pytest.mark.parametrize("engine", ENGINES)
def test_dict_outputs_by_the_models_own_keys(engine):
    model = named_model(engine, named_outputs=True)
    x, y = data()
    labels = (np.arange(N) % 2).astype("float32")
    history = rkeras.fit(model, x, {"cls": labels, "reg": y}, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2) + np.log(2), rel=1e-5)
    # a list is positional, in the order the outputs were given (reg, cls)
    history = rkeras.fit(model, x, [y, labels], epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2) + np.log(2), rel=1e-5)


@pytest.mark.parametrize("engine", ENGINES)
def test_output_layer_names_are_not_the_models_names(engine):
    model = named_model(engine, named_outputs=True)
    x, y = data()
    before = snapshot(model)
    with pytest.raises(RKerasError) as error:
        rkeras.fit(model, x, {"reg_layer": y, "cls_layer": y}, epochs=1, verbose=0)
    assert error.value.argument == "y"
    assert "the model's output names: 'reg', 'cls'" in str(error.value)
    assert unchanged(model, before)


@pytest.mark.parametrize("engine", ENGINES)
def test_models_built_with_lists_still_take_input_layer_names(engine):
    keras = importlib.import_module(engine)
    a, b = keras.Input((1,), name="first"), keras.Input((2,), name="second")
    out = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")(
        keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    x, y = data()
    history = rkeras.fit(model, {"second": x["alpha"], "first": x["zeta"]}, y, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(y**2))
    with pytest.raises(RKerasError, match="input names: 'first', 'second'"):
        rkeras.fit(model, {"zeta": x["zeta"], "alpha": x["alpha"]}, y, epochs=1, verbose=0)


@pytest.mark.parametrize("engine", ENGINES)
def test_model_functions_take_the_same_names(engine):
    model = named_model(engine, named_outputs=True)
    x, y = data()
    labels = (np.arange(N) % 2).astype("float32")
    result = rkeras.evaluate(model, x, {"reg": y, "cls": labels}, verbose=0)
    assert result["loss"] == pytest.approx(np.mean(y**2) + np.log(2), rel=1e-5)
    predictions = rkeras.predict(model, x, verbose=0)
    assert list(predictions) == ["reg", "cls"] and predictions["reg"].shape == (N, 1)
    assert rkeras.test_on_batch(model, [x["zeta"], x["alpha"]], [y, labels])[0] == pytest.approx(
        np.mean(y**2) + np.log(2), rel=1e-5)
    with pytest.raises(RKerasError, match="input names: 'zeta', 'alpha'"):
        rkeras.predict(model, {"in_zeta": x["zeta"], "in_alpha": x["alpha"]}, verbose=0)
    with pytest.raises(RKerasError, match="output names: 'reg', 'cls'"):
        rkeras.evaluate(model, x, {"reg_layer": y}, verbose=0)

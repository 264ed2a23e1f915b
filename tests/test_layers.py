"""get_layer, pop_layer, get_config/from_config, keras_model, keras_model_sequential on both engines."""

import warnings
from copy import deepcopy

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

ENGINES = ["keras", "tf_keras"]


def engine_module(name):
    return pytest.importorskip(name)


def sequential(k):
    return k.Sequential([k.Input((4,)), k.layers.Dense(3, name="first"), k.layers.Dense(2, name="second"),
                         k.layers.Dense(1, name="third")], name="seq")


def functional(k):
    a = k.Input((4,), name="inp")
    h = k.layers.Dense(3, name="hidden")(a)
    return k.Model(a, k.layers.Dense(1, name="out")(h), name="fun")


# -- get_layer ----------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_get_layer_index_is_1_based_sequential_skips_input_functional_counts_it(engine):
    k = engine_module(engine)
    seq, fun = sequential(k), functional(k)
    assert rkeras.get_layer(seq, index=1).name == "first"
    assert rkeras.get_layer(seq, index=3).name == "third"
    assert rkeras.get_layer(seq, index=-1).name == "third"
    assert rkeras.get_layer(seq, index=-3).name == "first"
    assert rkeras.get_layer(fun, index=1).name == "inp"
    assert rkeras.get_layer(fun, index=2).name == "hidden"
    assert rkeras.get_layer(fun, name="out") is fun.layers[-1]
    assert rkeras.get_layer(seq, index=np.int64(2)).name == "second"
    assert rkeras.get_layer(seq, index=2.0).name == "second"


@pytest.mark.parametrize("engine", ENGINES)
def test_get_layer_errors(engine):
    k = engine_module(engine)
    seq = sequential(k)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a rejected call gives no warning
        with pytest.raises(RKerasError) as error:
            rkeras.get_layer(seq, index=0)
        assert str(error.value) == "`index` for get_layer() is 1-based (0 was passed as the index)"
        with pytest.raises(RKerasError, match=r"1-based \(0 was passed"):
            rkeras.get_layer(seq, index=0.5)         # as.integer(0.5) is 0 in R too
    with pytest.raises(RKerasError, match=r"`index` should be a layer position from 1 to 3 \(or -1 to -3 from "
                                          r"the end\). Got index=4. The model's layers: 1 'first', 2 'second', "
                                          r"3 'third'."):
        rkeras.get_layer(seq, index=4)
    with pytest.raises(RKerasError, match="Got index=-4"):
        rkeras.get_layer(seq, index=-4)
    with pytest.raises(RKerasError, match=r"`name` should be the name of one of the model's layers. Got "
                                          r"name='fourth'. The model's layers: 1 'first'"):
        rkeras.get_layer(seq, name="fourth")
    with pytest.raises(RKerasError, match=r"get_layer\(\) needs `name` or `index` \(1-based\). The model's layers"):
        rkeras.get_layer(seq)
    with pytest.raises(RKerasError, match="not both"):
        rkeras.get_layer(seq, name="first", index=1)
    with pytest.raises(RKerasError, match="`index` should be a finite number"):
        rkeras.get_layer(seq, index=float("nan"))
    with pytest.raises(RKerasError, match="`index` should be a finite number"):
        rkeras.get_layer(seq, index=True)
    with pytest.raises(RKerasError, match=r"`object` of get_layer\(\) should be a Keras model"):
        rkeras.get_layer([1, 2], index=1)


@pytest.mark.parametrize("engine", ENGINES)
def test_get_layer_fraction_truncates_with_a_warning_and_partial_names(engine):
    k = engine_module(engine)
    with pytest.warns(RKerasWarning, match=r"`index` = 2.7 is not a whole number: truncated to 2"):
        assert rkeras.get_layer(sequential(k), index=2.7).name == "second"
    with pytest.warns(RKerasWarning, match="partial argument match of `ind` to `index`"):
        assert rkeras.get_layer(sequential(k), ind=1).name == "first"


# -- pop_layer ----------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_pop_layer_in_place_returns_none(engine):
    k = engine_module(engine)
    seq = sequential(k)
    assert rkeras.pop_layer(seq) is None
    assert [layer.name for layer in seq.layers] == ["first", "second"]
    assert seq.output_shape == (None, 2)
    rkeras.pop_layer(seq)
    rkeras.pop_layer(seq)
    assert seq.layers == []
    with pytest.raises(RKerasError, match="has no layers to remove"):
        rkeras.pop_layer(seq)
    with pytest.raises(RKerasError, match=r"pop_layer\(\) removes the last layer of a Sequential model; `object` is "
                                          r"a (Functional|Model) named 'fun'"):
        rkeras.pop_layer(functional(k))
    with pytest.raises(RKerasError, match="should be a Keras model"):
        rkeras.pop_layer(None)


# -- get_config / from_config -------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_config_round_trip_same_class_uncompiled_fresh_weights(engine):
    k = engine_module(engine)
    for model in (sequential(k), functional(k)):
        model.compile(optimizer="sgd", loss="mse")
        for w in model.weights:
            w.assign(np.full(w.shape, 7.0, dtype="float32"))
        config = rkeras.get_config(model)
        assert isinstance(config, dict) and config["name"] == model.name
        copy = rkeras.from_config(config)
        assert type(copy) is type(model)
        assert [layer.name for layer in copy.layers] == [layer.name for layer in model.layers]
        assert not getattr(copy, "compiled", getattr(copy, "_is_compiled", False))
        assert not any(np.all(w == 7.0) for w in copy.get_weights() if w.size > 1)
        assert rkeras.get_config(copy) == config
        assert type(rkeras.from_config(deepcopy(config))) is type(model)   # a copied config keeps its class


@pytest.mark.parametrize("engine", ENGINES)
def test_config_of_a_layer_and_custom_objects(engine):
    k = engine_module(engine)
    dense = k.layers.Dense(5, activation="relu", name="d")
    layer = rkeras.from_config(rkeras.get_config(dense))
    assert type(layer) is type(dense) and layer.units == 5 and layer.name == "d"

    class Twice(k.layers.Layer):
        def call(self, x):
            return x * 2

    a = k.Input((2,))
    model = k.Model(a, Twice(name="twice")(a))
    if engine == "keras":
        config = dict(rkeras.get_config(model))  # a plain dict is read as R's default class, keras$Model
        for objects in ({"Twice": Twice}, [Twice]):
            rebuilt = rkeras.from_config(config, custom_objects=objects)
            assert np.allclose(rebuilt.predict(np.ones((1, 2)), verbose=0), 2.0)
    rebuilt = rkeras.from_config(rkeras.get_config(model), custom_objects={"Twice": Twice})
    assert type(rebuilt.layers[-1]).__name__ == "Twice"
    assert np.allclose(rebuilt.predict(np.ones((1, 2)), verbose=0), 2.0)


def test_config_errors():
    with pytest.raises(RKerasError, match=r"`config` should be a configuration dict"):
        rkeras.from_config("config")
    with pytest.raises(RKerasError, match=r"`custom_objects` should be a dict by name"):
        rkeras.from_config({}, custom_objects=3)
    with pytest.raises(RKerasError, match=r"`object` of get_config\(\) should be a Keras layer or model"):
        rkeras.get_config(3)


# -- keras_model --------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_keras_model_lists_and_name(engine):
    k = engine_module(engine)
    a, b = k.Input((2,), name="a"), k.Input((3,), name="b")
    merged = k.layers.Concatenate()([a, b])
    out1, out2 = k.layers.Dense(1, name="o1")(merged), k.layers.Dense(2, name="o2")(merged)
    model = rkeras.keras_model([a, b], (out1, out2), name="two")
    assert isinstance(model, k.Model) and model.name == "two"
    assert list(model.output_names) == ["o1", "o2"]
    result = model.predict([np.ones((4, 2)), np.ones((4, 3))], verbose=0)
    assert [r.shape for r in result] == [(4, 1), (4, 2)]


@pytest.mark.parametrize("engine", ENGINES)
def test_keras_model_named_inputs_and_outputs_keep_their_names(engine):
    k = engine_module(engine)
    a, b = k.Input((1,), name="a"), k.Input((1,), name="b")
    total = k.layers.Add()([a, b])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Keras 3's warning about dict keys vs tensor names is kept quiet
        model = rkeras.keras_model({"first": a, "second": b},
                                   {"total": k.layers.Dense(1, kernel_initializer="ones", name="d1")(total),
                                    "copy": k.layers.Dense(1, kernel_initializer="ones", name="d2")(a)})
    result = model.predict({"first": np.array([[1.0]]), "second": np.array([[2.0]])}, verbose=0)
    assert isinstance(result, dict) and set(result) == {"total", "copy"}
    assert float(result["total"][0, 0]) == pytest.approx(3.0) and float(result["copy"][0, 0]) == pytest.approx(1.0)
    rkeras.compile(model, optimizer=k.optimizers.SGD(learning_rate=0.0), loss={"total": "mse", "copy": "mae"})
    logs = model.evaluate({"first": np.array([[1.0]]), "second": np.array([[2.0]])},
                          {"total": np.array([[0.0]]), "copy": np.array([[0.0]])}, verbose=0, return_dict=True)
    assert logs["loss"] == pytest.approx(9.0 + 1.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_keras_model_errors(engine):
    k = engine_module(engine)
    a = k.Input((1,))
    with pytest.raises(RKerasError, match=r"keras_model\(\) needs `outputs`"):
        rkeras.keras_model(a)
    with pytest.raises(RKerasError, match=r"`inputs` of keras_model\(\) should be a Keras tensor"):
        rkeras.keras_model(np.ones((2, 1)), a)
    with pytest.raises(RKerasError, match=r"`outputs` of keras_model\(\) should be a Keras tensor"):
        rkeras.keras_model(a, [a, "b"])


# -- keras_model_sequential ---------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_keras_model_sequential_input_shape_r_vector(engine, monkeypatch):
    k = engine_module(engine)
    monkeypatch.setenv("TF_USE_LEGACY_KERAS", "1" if engine == "tf_keras" else "0")
    model = rkeras.keras_model_sequential(k.layers.Dense(2), input_shape=784, name="m", input_layer_name="pixels")
    assert isinstance(model, k.Sequential) and model.name == "m"
    assert model.built and model.input_shape == (None, 784) and model.output_shape == (None, 2)
    assert model.layers[0].name.startswith("dense")      # the input layer is not listed, as in R
    assert model.inputs[0].name.split(":")[0].startswith("pixels")
    images = rkeras.keras_model_sequential([k.layers.Flatten(), k.layers.Dense(3)], input_shape=[28.0, 28],
                                           batch_size=16.0)
    assert images.input_shape == (16, 28, 28) and images.output_shape == (16, 3)
    sequences = rkeras.keras_model_sequential(input_shape=(None, 10))   # R: input_shape = c(NA, 10)
    sequences.add(k.layers.Dense(2))                                     # R: %>% layer_dense(2)
    assert sequences.input_shape == (None, None, 10) and sequences.output_shape == (None, None, 2)


def test_keras_model_sequential_without_arguments_and_engine_from_layers():
    import keras
    tf_keras = pytest.importorskip("tf_keras")

    empty = rkeras.keras_model_sequential()
    assert isinstance(empty, keras.Sequential) and empty.layers == [] and not empty.built
    assert isinstance(rkeras.keras_model_sequential(tf_keras.layers.Dense(1), input_shape=3), tf_keras.Sequential)
    with pytest.raises(RKerasError, match="mixes Keras 3 and tf_keras layers"):
        rkeras.keras_model_sequential([keras.layers.Dense(1), tf_keras.layers.Dense(1)])


@pytest.mark.parametrize("engine", ENGINES)
def test_keras_model_sequential_coercion_and_errors(engine):
    k = engine_module(engine)
    with pytest.warns(RKerasWarning, match=r"`input_shape` = 4.5 is not a whole number: truncated to 4"):
        assert rkeras.keras_model_sequential(k.layers.Dense(1), input_shape=4.5).input_shape == (None, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match="`input_shape` should be a finite number, 1 or more"):
            rkeras.keras_model_sequential(k.layers.Dense(1), input_shape=[4.5, float("nan")])
    with pytest.raises(RKerasError, match="`input_shape` should be a finite number, 1 or more"):
        rkeras.keras_model_sequential(k.layers.Dense(1), input_shape=[0])
    with pytest.raises(RKerasError, match=r"`input_shape` should be a vector of dimensions"):
        rkeras.keras_model_sequential(k.layers.Dense(1), input_shape=[])
    with pytest.raises(RKerasError, match=r"the input layer needs `input_shape`.*got batch_size, dtype"):
        rkeras.keras_model_sequential(k.layers.Dense(1), batch_size=2, dtype="float32")
    with pytest.raises(RKerasError, match="`batch_size` should be a finite number, 1 or more"):
        rkeras.keras_model_sequential(k.layers.Dense(1), input_shape=3, batch_size=0)
    with pytest.warns(RKerasWarning, match="partial argument match of `input` to `input_shape`"):
        assert rkeras.keras_model_sequential(k.layers.Dense(1), input=3).input_shape == (None, 3)

"""class_weight: R's 1-based names, factor labels, positions; every input kind.

A frozen softmax model with K classes predicts 1/K for every class, so each
sample's cross-entropy is exactly log(K) and the reported loss divided by
log(K) is the mean per-sample weight: which class got which weight is visible
in the number.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras.errors import RKerasError

from conftest import make_frozen

K = 3
Y = np.array([0, 0, 0, 1, 2, 2])           # three of class 1, one of class 2, two of class 3 (R's counting)
X = np.zeros((len(Y), 2), dtype="float32")


def softmax_model(classes=K, loss="sparse_categorical_crossentropy"):
    return make_frozen(inputs=2, outputs=classes, metrics=(), loss=loss, activation="softmax")


def mean_weight(history, classes=K, key="loss") -> float:
    return history.metrics[key][-1] / math.log(classes)


def expected(weights_by_keras_class, y=Y) -> float:
    return float(np.mean([weights_by_keras_class[c] for c in y]))


def fit(model, x=X, y=Y, **kwargs):
    kwargs.setdefault("epochs", 1)
    kwargs.setdefault("verbose", 0)
    return rkeras.fit(model, x, y, **kwargs)


# -- names and positions --------------------------------------------------------------

@pytest.mark.parametrize("class_weight", [
    {"1": 1, "2": 2, "3": 6},            # R: list("1" = 1, "2" = 2, "3" = 6)
    {1: 1, 2: 2, 3: 6},                  # numeric names
    [1, 2, 6],                           # unnamed: positions
    np.array([1.0, 2.0, 6.0]),
])
def test_names_are_r_positions(class_weight):
    history = fit(softmax_model(), class_weight=class_weight, batch_size=4)
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)


def test_unnamed_classes_keep_weight_one():
    history = fit(softmax_model(), class_weight={"3": 4})
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 1, 2: 4}), rel=1e-5)


def test_factor_labels_name_classes():
    y = pd.Categorical(["cat", "cat", "cat", "dog", "bird", "bird"], categories=["cat", "dog", "bird"])
    history = fit(softmax_model(), y=y, class_weight={"dog": 5, "bird": 2, "cat": 1})
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 5, 2: 2}), rel=1e-5)


def test_factor_label_not_a_level_lists_the_levels():
    y = pd.Categorical(["cat", "dog", "bird", "cat", "dog", "bird"], categories=["cat", "dog", "bird"])
    with pytest.raises(RKerasError, match=r"'cow'.*levels 'cat', 'dog', 'bird'"):
        fit(softmax_model(), y=y, class_weight={"cow": 2})


def test_the_name_that_is_not_a_level_is_the_one_named():
    y = pd.Categorical(["cat", "dog", "bird", "cat", "dog", "bird"], categories=["cat", "dog", "bird"])
    with pytest.raises(RKerasError, match=r"The name 'cow' is neither"):
        fit(softmax_model(), y=y, class_weight={"cat": 1, "cow": 2})
    with pytest.raises(RKerasError, match=r"mix levels of the factor `y` and class positions"):
        fit(softmax_model(), y=y, class_weight={"cat": 1, "2": 2})


def test_one_hot_targets_use_their_class():
    y = np.eye(K, dtype="float32")[Y]
    history = fit(softmax_model(loss="categorical_crossentropy"), y=y, class_weight={"1": 3, "2": 1, "3": 0})
    assert mean_weight(history) == pytest.approx(expected({0: 3, 1: 1, 2: 0}), rel=1e-5)


def test_single_sigmoid_unit_has_two_classes():
    model = make_frozen(inputs=2, outputs=1, metrics=(), loss="binary_crossentropy", activation="sigmoid")
    y = np.array([0, 1, 1, 1, 0, 1], dtype="float32")
    history = fit(model, y=y, class_weight={"1": 4, "2": 1})
    assert mean_weight(history, classes=2) == pytest.approx(expected({0: 4, 1: 1}, y.astype(int)), rel=1e-5)
    with pytest.raises(RKerasError, match="2 classes"):
        fit(model, y=y, class_weight={"3": 1})


# -- R keras 2.15's 0-based names -----------------------------------------------------

def test_name_zero_explains_both_conventions():
    with pytest.raises(RKerasError) as caught:
        fit(softmax_model(), class_weight={"0": 1, "1": 5})
    message = str(caught.value)
    assert "1-based" in message and "0-based" in message and "R keras 2.15" in message
    assert "keras.class_weight_base" in message or "keras_class_weight_base" in message
    assert caught.value.argument == "class_weight"


def _recording(call):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, [w for w in caught if issubclass(w.category, rkeras.RKerasWarning)]


@pytest.mark.parametrize("class_weight", [
    {"0": 1, "1": 2, "2": 6},      # R keras 2.15: list("0" = 1, "1" = 2, "2" = 6), as every public script wrote
    {"2": 6, "0": 1, "1": 2},      # any order
    {0: 1, 1: 2, 2: 6},
])
def test_names_zero_to_k_minus_1_are_read_as_r_keras_215_did_with_one_warning(class_weight):
    history, caught = _recording(lambda: fit(softmax_model(), class_weight=class_weight))
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "R keras 2.15" in message and "0-based" in message and "keras_class_weight_base=0" in message


def test_r_keras_215_names_for_a_sigmoid_output():
    # issue 9's example: list("0" = 1, "1" = 5) on a 0/1 target weights class 1 by 5
    model = make_frozen(inputs=2, outputs=1, metrics=(), loss="binary_crossentropy", activation="sigmoid")
    y = np.array([0, 1, 1, 1, 0, 1], dtype="float32")
    history, caught = _recording(lambda: fit(model, y=y, class_weight={"0": 1, "1": 5}))
    assert mean_weight(history, classes=2) == pytest.approx(expected({0: 1, 1: 5}, y.astype(int)), rel=1e-5)
    assert len(caught) == 1


def test_option_base_zero_reads_r_keras_215_names_silently_and_option_one_refuses_them():
    with rkeras.options(keras_class_weight_base=0):
        history, caught = _recording(lambda: fit(softmax_model(), class_weight={"0": 1, "1": 2, "2": 6}))
    assert caught == [] and mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)
    with rkeras.options(keras_class_weight_base=1), pytest.raises(RKerasError, match="1-based"):
        fit(softmax_model(), class_weight={"0": 1, "1": 2, "2": 6})


@pytest.mark.parametrize("class_weight", [{"0": 1, "2": 5}, {"0": 1}, {"0": 1, "1": 1, "2": 1, "3": 1}])
def test_other_names_with_zero_explain_both_conventions_before_training(class_weight):
    model = softmax_model()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(RKerasError) as caught:
        _recording(lambda: fit(model, class_weight=class_weight))
    message = str(caught.value)
    if "3" not in class_weight:
        assert "1-based" in message and "0-based" in message and "R keras 2.15" in message
        assert '"0" to "2"' in message
    assert int(model.optimizer.iterations) == 0
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_option_base_zero_reads_keras_classes():
    with rkeras.options(keras_class_weight_base=0):
        history = fit(softmax_model(), class_weight={"0": 1, "1": 2, "2": 6})
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)
    with rkeras.options(keras_class_weight_base=0), pytest.raises(RKerasError, match="names go from 0 to 2"):
        fit(softmax_model(), class_weight={"3": 1})


def test_option_base_must_be_zero_or_one():
    with rkeras.options(keras_class_weight_base=2), pytest.raises(RKerasError, match="keras.class_weight_base"):
        fit(softmax_model(), class_weight={"1": 1})


# -- bad values, before training ---------------------------------------------------------

@pytest.mark.parametrize("class_weight, pattern", [
    ({"1": -1}, "0 or more"),
    ({"1": float("nan")}, "finite"),
    ({"2": float("inf")}, "finite"),
    ({"1": "heavy"}, "a number"),
    ({"4": 1}, "does not have: '4'.*3 classes.*1 to 3"),
    ([1, 1, 1, 1], "at most 3 weights"),
    ({"one": 1}, "neither"),
    ({"1": 1, 1: 2}, "each class once"),
    ("1", "named list"),
    ({}, "at least one"),
])
def test_bad_class_weight_is_named_error(class_weight, pattern):
    model = softmax_model()
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(RKerasError, match=pattern) as caught:
        fit(model, class_weight=class_weight)
    assert caught.value.argument == "class_weight"
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))


def test_class_and_sample_weights_together_is_error():
    with pytest.raises(RKerasError, match="either `class_weight` or sample weights"):
        fit(softmax_model(), class_weight={"1": 2}, sample_weight=np.ones(len(Y)))


def test_several_outputs_is_error():
    import keras

    inp = keras.Input((2,))
    model = keras.Model(inp, [keras.layers.Dense(K, activation="softmax", name="a")(inp),
                              keras.layers.Dense(K, activation="softmax", name="b")(inp)])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    with pytest.raises(RKerasError, match="one output; this model has 2"):
        rkeras.fit(model, X, [Y, Y], class_weight={"1": 2}, verbose=0)


def test_labels_outside_the_model_classes_is_error():
    with pytest.raises(RKerasError, match="class labels from 0 to 2 .*Got labels from 0 to 5"):
        fit(softmax_model(), y=np.array([0, 1, 2, 3, 4, 5]), class_weight={"1": 2})


# -- validation and every input kind -----------------------------------------------------

def test_validation_is_not_weighted():
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 2])
    x = np.zeros((10, 2), dtype="float32")
    history = fit(softmax_model(), x=x, y=y, validation_split=0.2, class_weight={"1": 2, "2": 4, "3": 8})
    assert mean_weight(history) == pytest.approx(expected({0: 2, 1: 4, 2: 8}, y[:8]), rel=1e-5)
    assert mean_weight(history, key="val_loss") == pytest.approx(1.0, rel=1e-5)


def test_tf_dataset_gets_class_weights():
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices((X, Y)).batch(4)
    history = rkeras.fit(softmax_model(), dataset, epochs=1, verbose=0, class_weight={"1": 1, "2": 2, "3": 6})
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)


def test_tf_dataset_with_weights_and_class_weights_is_error():
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices((X, Y, np.ones(len(Y), "float32"))).batch(4)
    with pytest.raises(RKerasError, match="either `class_weight` or sample weights"):
        rkeras.fit(softmax_model(), dataset, epochs=1, verbose=0, class_weight={"1": 2})


def test_generator_function_gets_class_weights():
    def batches():
        return [X, Y]

    history = rkeras.fit(softmax_model(), batches, steps_per_epoch=2, epochs=1, verbose=0,
                         class_weight=[1, 2, 6])
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)


def test_generator_function_with_weights_and_class_weights_is_error():
    def batches():
        return [X, Y, np.ones(len(Y))]

    with pytest.raises(RKerasError, match="either `class_weight` or sample weights"):
        rkeras.fit(softmax_model(), batches, steps_per_epoch=2, epochs=1, verbose=0, class_weight=[1, 2, 6])


def test_pydataset_gets_class_weights():
    import keras

    class Batches(keras.utils.PyDataset):
        def __len__(self):
            return 2

        def __getitem__(self, index):
            return X[index * 3:(index + 1) * 3], Y[index * 3:(index + 1) * 3]

    history = rkeras.fit(softmax_model(), Batches(), epochs=1, verbose=0, class_weight={"1": 1, "2": 2, "3": 6})
    assert mean_weight(history) == pytest.approx(expected({0: 1, 1: 2, 2: 6}), rel=1e-5)

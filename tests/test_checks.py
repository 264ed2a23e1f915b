"""Data checked against what it is and what the model takes, before training.

SPEC "Inputs": text is never parsed, missing values (masked entries included)
are errors saying how many and where, zero samples are errors, ``y``'s shape
is checked against the output and its labels against the loss, and one array
for a two-input model is an error. Each error names the argument, what the
model expects and what came, and leaves no trace: weights and optimizer step
unchanged, nothing printed, no warning.
"""

from __future__ import annotations

import warnings

import keras
import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import RKerasError
from rkeras.inputs.checks import check_targets, sample_shape_matches

from conftest import make_frozen, mean_square

N = 10
X = np.arange(1, N + 1, dtype="float32")
LABELS = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
FEATURES = np.zeros((N, 2), dtype="float32")


def softmax(loss="sparse_categorical_crossentropy"):
    return make_frozen(inputs=2, outputs=3, metrics=(), loss=loss, activation="softmax")


def sigmoid():
    return make_frozen(inputs=2, outputs=1, metrics=(), loss="binary_crossentropy", activation="sigmoid")


def two_inputs():
    a, b = keras.Input((1,), name="a"), keras.Input((1,), name="b")
    out = keras.layers.Dense(1, kernel_initializer="zeros")(keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    return model


def assert_rejected(model, argument, match, capfd, **kwargs):
    """fit() raises an error naming ``argument`` and leaves no trace."""
    before = [w.copy() for w in model.get_weights()]
    kwargs.setdefault("epochs", 1)
    kwargs.setdefault("verbose", 1)
    capfd.readouterr()
    with warnings.catch_warnings(record=True) as caught, pytest.raises(RKerasError) as error:
        warnings.simplefilter("always")
        rkeras.fit(model, epoch=1.5, **kwargs)  # a partial name and a fraction: their warnings must not come
    assert error.value.argument is not None and error.value.argument.startswith(argument), error.value.argument
    assert f"`{argument}" in str(error.value)
    assert match in str(error.value), str(error.value)
    assert [str(w.message) for w in caught] == []
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert int(model.optimizer.iterations) == 0
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    return str(error.value)


# -- text and missing values --------------------------------------------------------------

def test_numbers_stored_as_text_are_never_parsed(capfd):
    frame = pd.DataFrame({"a": X.astype(str).astype(object)})  # a CSV column read as text
    message = assert_rejected(make_frozen(), "x", "text", capfd, x=frame, y=X)
    assert "'1.0' at 1-based row 1, column 'a'" in message
    assert_rejected(make_frozen(), "x", "text", capfd, x=np.array([str(v) for v in X], dtype=object), y=X)
    assert_rejected(make_frozen(), "y", "text", capfd, x=X, y=pd.Series(X.astype(str), dtype="string"))
    assert_rejected(make_frozen(), "x", "text", capfd, x=[str(v) for v in X], y=X)


def test_object_numbers_still_train():
    history = rkeras.fit(make_frozen(), np.array(list(X), dtype=object), X, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_masked_entries_are_missing_values_saying_how_many_and_where(capfd):
    masked = np.ma.array(X, mask=[False, False, True] + [False] * 3 + [True] + [False] * 3)
    message = assert_rejected(make_frozen(), "x", "2 masked entries", capfd, x=masked, y=X)
    assert "1-based rows 3, 7" in message
    assert_rejected(make_frozen(), "y", "1 masked entry", capfd, x=X, y=np.ma.masked_greater(X, 9))
    xv = np.ma.masked_equal(X[:4], 2)
    assert_rejected(make_frozen(), "validation_data[[1]]", "masked", capfd, x=X, y=X, validation_data=(xv, X[:4]))


def test_masked_array_without_masked_entries_trains():
    history = rkeras.fit(make_frozen(), np.ma.array(X), X, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_none_and_pandas_na_are_missing_values(capfd):
    values = np.array(list(X), dtype=object)
    values[[1, 4]] = None
    assert_rejected(make_frozen(), "x", "2 missing values", capfd, x=values, y=X)
    nullable = pd.Series(list(range(1, N)) + [None], dtype="Int64")
    message = assert_rejected(make_frozen(), "y", "NaN or infinite values in 1 sample", capfd, x=X, y=nullable)
    assert "row 10" in message


# -- zero samples ---------------------------------------------------------------------------

def test_zero_samples_are_an_error(capfd):
    empty = np.zeros((0, 1), dtype="float32")
    assert_rejected(make_frozen(), "x", "at least one sample", capfd, x=empty, y=empty)
    assert_rejected(make_frozen(), "validation_data[[1]]", "at least one sample", capfd, x=X, y=X,
                    validation_data=(empty, empty))
    assert_rejected(make_frozen(), "x", "at least one sample", capfd, x=pd.DataFrame({"a": []}, dtype="float32"),
                    y=np.zeros(0, dtype="float32"))


# -- y against the output and the loss -------------------------------------------------------

def test_two_column_y_for_a_one_unit_output_is_not_broadcast(capfd):
    y = np.stack([X, X], axis=1)
    message = assert_rejected(make_frozen(), "y", "(samples, 1)", capfd, x=X, y=y)
    assert "Got shape (10, 2)" in message
    assert_rejected(make_frozen(), "validation_data[[2]]", "(samples, 1)", capfd, x=X, y=X,
                    validation_data=(X[:4], y[:4]))


def test_y_vector_for_a_one_unit_output_trains():
    history = rkeras.fit(make_frozen(), X.reshape(-1, 1), X, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_r_one_based_factor_codes_for_a_sparse_loss(capfd):
    message = assert_rejected(softmax(), "y", "class labels from 0 to 2", capfd, x=FEATURES, y=LABELS + 1)
    assert "R's 1-based factor codes" in message and "Got labels from 1 to 3" in message
    assert_rejected(softmax(), "y", "from 0 to 2", capfd, x=FEATURES, y=LABELS - 1)
    assert_rejected(softmax(), "y", "integer class labels", capfd, x=FEATURES, y=LABELS + 0.5)


def test_one_hot_targets_to_a_sparse_loss(capfd):
    message = assert_rejected(softmax(), "y", "one-hot", capfd, x=FEATURES, y=np.eye(3)[LABELS])
    assert "categorical_crossentropy" in message


def test_integer_labels_to_a_categorical_loss(capfd):
    message = assert_rejected(softmax("categorical_crossentropy"), "y", "one-hot targets of shape (samples, 3)",
                              capfd, x=FEATURES, y=LABELS)
    assert "sparse_categorical_crossentropy" in message and "to_categorical" in message


def test_r_factor_codes_for_a_sigmoid_output(capfd):
    y = np.array([1, 2] * 5, dtype="float32")  # R's as.integer(factor): 1 and 2
    message = assert_rejected(sigmoid(), "y", "labels from 0 to 1", capfd, x=FEATURES, y=y)
    assert "R's 1-based factor codes 1 and 2" in message


def test_labels_the_loss_takes_train():
    history = rkeras.fit(softmax(), FEATURES, LABELS.astype("float64"), epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.log(3), rel=1e-5)
    history = rkeras.fit(softmax("categorical_crossentropy"), FEATURES, np.eye(3)[LABELS], epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.log(3), rel=1e-5)
    factor = pd.Categorical.from_codes(LABELS, ["a", "b", "c"])  # codes 0..2, not R's 1..3
    history = rkeras.fit(softmax(), FEATURES, factor, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.log(3), rel=1e-5)
    history = rkeras.fit(sigmoid(), FEATURES, (LABELS > 0).astype("float32"), epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.log(2), rel=1e-5)


def test_a_custom_loss_takes_any_targets():
    model = make_frozen(loss=lambda y_true, y_pred: keras.ops.mean(y_pred, axis=-1) * 0 + 1.0, metrics=())
    history = rkeras.fit(model, X, np.stack([X, X, X], axis=1), epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(1.0)


# -- structure ---------------------------------------------------------------------------------

def test_a_single_matrix_for_a_two_input_model(capfd):
    message = assert_rejected(two_inputs(), "x", "one array per model input (2: a, b)", capfd,
                              x=np.zeros((N, 2), dtype="float32"), y=X)
    assert "single array of shape (10, 2)" in message
    history = rkeras.fit(two_inputs(), [X, X], X, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_validation_data_without_targets(capfd):
    message = assert_rejected(make_frozen(), "validation_data", "validation targets", capfd, x=X, y=X,
                              validation_data=(X, None))
    assert "validation_data[[2]]" in message


# -- the helpers themselves ------------------------------------------------------------------------

def test_sample_shapes_agree_as_keras_takes_them():
    assert sample_shape_matches((), (1,)) and sample_shape_matches((1,), ())
    assert sample_shape_matches((5, 3), (None, 3))
    assert not sample_shape_matches((2,), (1,)) and not sample_shape_matches((3,), (4,))


def test_check_targets_on_a_tf_keras_model():
    tf_keras = pytest.importorskip("tf_keras")
    model = tf_keras.Sequential([tf_keras.Input((2,)), tf_keras.layers.Dense(3, activation="softmax")])
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
    with pytest.raises(RKerasError, match="R's 1-based factor codes"):
        check_targets(LABELS + 1, model)
    check_targets(LABELS, model)

"""fit() end to end on a frozen model: which rows trained, validated, weighted.

With x = y = 1..n and a model that always predicts 0, the MSE loss over a set
of rows is mean(y**2) over those rows, so every number below is exact.
"""

import math
import warnings

import keras
import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning
from conftest import make_frozen, mean_square

N = 100
X = np.arange(1, N + 1, dtype="float32")


def weights_of(model):
    return [w.copy() for w in model.get_weights()]


def test_r_defaults_epochs_10_batch_size_32(frozen):
    history = rkeras.fit(frozen, X, X, verbose=0)
    assert history.params["epochs"] == 10
    assert history.params["batch_size"] == 32
    assert history.params["steps"] == 4          # ceil(100 / 32)
    assert history.params["samples"] == 100
    assert history.params["validation_samples"] is None
    assert len(history.metrics["loss"]) == 10
    assert history.metrics["loss"][-1] == pytest.approx(mean_square(X))
    assert str(history).splitlines()[0] == "Trained on 100 samples (batch_size=32, epochs=10)"
    assert "loss: 3,384" in str(history)


def test_epochs_is_the_final_epoch_with_initial_epoch(frozen):
    history = rkeras.fit(frozen, X, X, epochs=5.0, initial_epoch=2, verbose=0)
    assert len(history.metrics["loss"]) == 3
    assert history.epoch == [2, 3, 4]
    assert history.to_data_frame()["epoch"].tolist()[:3] == [3, 4, 5]


def test_epochs_equal_initial_epoch_trains_nothing(frozen):
    before = weights_of(frozen)
    history = rkeras.fit(frozen, X, X, epochs=3, initial_epoch=3, verbose=0)
    assert history.metrics == {}
    assert len(history.to_data_frame()) == 0
    assert all(np.array_equal(a, b) for a, b in zip(before, weights_of(frozen)))


def test_validation_split_takes_last_rows_before_shuffling(frozen):
    history = rkeras.fit(frozen, X, X, epochs=2, validation_split=0.2, verbose=0)
    assert history.params["samples"] == 80
    assert history.params["validation_samples"] == 20
    assert history.metrics["loss"][-1] == pytest.approx(mean_square(X[:80]))
    assert history.metrics["val_loss"][-1] == pytest.approx(mean_square(X[80:]))
    assert str(history).splitlines()[0] == "Trained on 80 samples, validated on 20 samples (batch_size=32, epochs=2)"


def test_validation_data_overrides_validation_split(frozen):
    xv = np.array([10.0, 20.0], dtype="float32")
    history = rkeras.fit(frozen, X, X, epochs=1, validation_split=0.5, validation_data=[xv, xv], verbose=0)
    assert history.params["samples"] == 100
    assert history.params["validation_samples"] == 2
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))
    assert history.metrics["val_loss"][0] == pytest.approx(250.0)


def test_validation_data_with_weights(frozen):
    xv = np.array([10.0, 20.0], dtype="float32")
    history = rkeras.fit(frozen, X, X, epochs=1, validation_data=(xv, xv, [1.0, 0.0]), verbose=0)
    assert history.metrics["val_loss"][0] == pytest.approx(100 / 2)


def test_sample_weight_weights_each_row(frozen):
    w = np.where(X <= 50, 0.0, 2.0)
    history = rkeras.fit(frozen, X, X, epochs=1, sample_weight=pd.Series(w), verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(float(np.sum(w * X.astype(float) ** 2) / N), rel=1e-5)


def test_verbose_0_prints_nothing_and_2_one_line_per_epoch(frozen, capfd):
    rkeras.fit(frozen, X, X, epochs=2, verbose=0)
    assert capfd.readouterr().out == ""
    rkeras.fit(frozen, X, X, epochs=2, verbose=2)
    out = capfd.readouterr().out
    assert out.count("Epoch ") == 2 and "\r" not in out
    history = rkeras.fit(frozen, X, X, epochs=1, verbose=False)
    assert history.params["verbose"] == 0
    assert capfd.readouterr().out == ""


def test_user_callbacks_one_or_a_list_and_rkeras_records_last(frozen):
    seen = []

    class Seen(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append((epoch, round(logs["loss"], 1)))

    rkeras.fit(frozen, X, X, epochs=2, callbacks=Seen(), verbose=0)
    rkeras.fit(frozen, X, X, epochs=1, callbacks=[Seen(), keras.callbacks.TerminateOnNaN()], verbose=0)
    assert seen == [(0, 3383.5), (1, 3383.5), (0, 3383.5)]


def test_early_stopping_keeps_rows_for_epochs_not_run(frozen):
    stop = keras.callbacks.EarlyStopping(monitor="loss", patience=0, min_delta=1.0)
    history = rkeras.fit(frozen, X, X, epochs=10, callbacks=[stop], verbose=0)
    assert len(history.metrics["loss"]) == 2
    df = history.to_data_frame()
    assert len(df) == 20 and df["value"].isna().sum() == 16
    assert "epochs=2)" in str(history)


def test_kwargs_keras_takes_are_passed_on(frozen):
    history = rkeras.fit(frozen, X, X, epochs=4, validation_split=0.2, validation_freq=2, verbose=0)
    val = history.metrics["val_loss"]
    assert math.isnan(val[0]) and math.isnan(val[2])
    assert val[1] == pytest.approx(mean_square(X[80:]))


def test_unknown_kwargs_ignored_with_one_warning_naming_them(frozen):
    with pytest.warns(RKerasWarning, match="'max_queue_sise'") as record:
        rkeras.fit(frozen, X, X, epochs=1, verbose=0, max_queue_sise=3)
    assert len([w for w in record if issubclass(w.category, RKerasWarning)]) == 1


def test_keras_logs_that_are_not_metrics_are_kept(frozen):
    class LogLr(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs["lr"] = 0.5

    history = rkeras.fit(frozen, X, X, epochs=2, callbacks=[LogLr()], verbose=0)
    assert history.metrics["lr"] == [0.5, 0.5]
    assert "lr" in list(history.to_data_frame()["metric"].cat.categories)


# -- R's calling habits ---------------------------------------------------------------

def _fit_recording(model, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = rkeras.fit(model, *args, **kwargs)
    return history, [w for w in caught if issubclass(w.category, RKerasWarning)]


def test_partial_name_epoch_is_epochs_with_one_warning(frozen):
    history, caught = _fit_recording(frozen, X, X, epoch=3, batch=50, verbose=0)  # R: fit(..., epoch = 3, batch = 50)
    assert history.params["epochs"] == 3 and len(history.metrics["loss"]) == 3
    assert history.params["batch_size"] == 50 and history.params["steps"] == 2
    assert len(caught) == 2
    assert "`epoch` to `epochs`" in str(caught[0].message) and "`batch` to `batch_size`" in str(caught[1].message)
    assert caught[0].filename == __file__  # points at the user's call


def test_ambiguous_partial_name_lists_the_candidates(frozen):
    with pytest.raises(RKerasError) as info:
        rkeras.fit(frozen, X, X, valid=0.2, verbose=0)
    assert "validation_split, validation_data, validation_steps" in str(info.value)
    assert info.value.argument == "valid"


def test_fractional_integers_are_truncated_like_r_with_one_warning(frozen):
    # "Deep Learning with R": validation_steps = 769.54 is 769 in R
    xv = np.arange(1, 31, dtype="float32")
    history, caught = _fit_recording(frozen, X, X, epochs=2.9, batch_size=10.5, validation_data=(xv, xv),
                                     validation_steps=2.54, verbose=0)
    assert len(history.metrics["loss"]) == 2 and history.params["batch_size"] == 10
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(xv[:20]))  # 2 steps of 10
    messages = [str(w.message) for w in caught]
    assert len(messages) == 3
    assert "`epochs` = 2.9 is not a whole number: truncated to 2" in messages[0]
    assert any("`validation_steps` = 2.54" in m and "truncated to 2" in m for m in messages)
    assert any("`batch_size` = 10.5" in m and "truncated to 10" in m for m in messages)


def test_numpy_float32_validation_split_splits_as_written(frozen):
    x = np.arange(1, 11, dtype="float32")
    history = rkeras.fit(frozen, x, x, epochs=1, validation_split=np.float32(0.2), verbose=0)
    assert history.params["samples"] == 8 and history.params["validation_samples"] == 2
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(x[8:]))


def test_passed_on_arguments_take_r_numbers(frozen):
    # R passes doubles and vectors: validation_freq = 2 (a double), c(1, 3)
    history = rkeras.fit(frozen, X, X, epochs=3, validation_split=0.2, validation_freq=np.int64(2), verbose=0)
    assert [math.isnan(v) for v in history.metrics["val_loss"]] == [True, False, True]
    history = rkeras.fit(frozen, X, X, epochs=3, validation_split=0.2, validation_freq=[1.0, 3.0],
                         validation_batch_size=np.float64(5), verbose=0)
    assert [math.isnan(v) for v in history.metrics["val_loss"]] == [False, True, False]


def test_bad_context_option_is_blamed_on_that_option(frozen):
    with rkeras.options(rkeras_context="tv"), pytest.raises(RKerasError) as info:
        rkeras.fit(frozen, X, X, epochs=1)
    assert info.value.argument == "rkeras.context"
    assert "keras.fit_verbose" not in str(info.value)


# -- inputs -------------------------------------------------------------------------

def test_list_of_scalars_is_a_vector(frozen):
    values = [1, 2, 3, 4]
    history = rkeras.fit(frozen, values, values, epochs=1, verbose=0)
    assert history.params["samples"] == 4
    assert history.metrics["loss"][0] == pytest.approx(7.5)


def test_fortran_float64_matrix_like_r(frozen):
    model = make_frozen(inputs=2)
    x = np.asfortranarray(np.column_stack([X, X]).astype(np.float64))
    history = rkeras.fit(model, x, X.astype(np.float64), epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_dataframe_is_a_matrix_for_a_single_input_model():
    model = make_frozen(inputs=2)
    frame = pd.DataFrame({"a": X, "b": X * 2})
    history = rkeras.fit(model, frame, X, epochs=1, verbose=0)
    assert history.params["samples"] == N


def two_input_model():
    a = keras.Input((1,), name="height")
    b = keras.Input((1,), name="weight")
    dense = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros", name="out")
    model = keras.Model([a, b], dense(keras.layers.Concatenate()([a, b])))
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    return model


def test_dataframe_columns_by_input_name_and_dict_by_name_and_list_in_order():
    model = two_input_model()
    frame = pd.DataFrame({"weight": X, "other": X, "height": X})
    h1 = rkeras.fit(model, frame, X, epochs=1, verbose=0)
    h2 = rkeras.fit(model, {"weight": X, "height": X}, X, epochs=1, verbose=0)
    h3 = rkeras.fit(model, [X, X], X, epochs=1, verbose=0)
    for h in (h1, h2, h3):
        assert h.metrics["loss"][0] == pytest.approx(mean_square(X))


def test_dict_with_unknown_input_name_lists_the_models_names():
    model = two_input_model()
    with pytest.raises(RKerasError, match=r"`x` names should be the model's input names: 'height', 'weight'.*'hieght'"):
        rkeras.fit(model, {"hieght": X, "weight": X}, X, epochs=1, verbose=0)
    with pytest.raises(RKerasError, match="columns should include the input names"):
        rkeras.fit(model, pd.DataFrame({"a": X, "b": X}), X, epochs=1, verbose=0)


def test_dict_y_with_wrong_output_name_lists_the_output_names():
    model = two_input_model()
    with pytest.raises(RKerasError, match=r"`y` names should be the model's output names: 'out'. Got y names 'output'"):
        rkeras.fit(model, [X, X], {"output": X}, epochs=1, verbose=0)


def test_factor_y_uses_its_codes():
    model = make_frozen(inputs=1, outputs=3, metrics=("accuracy",), loss="sparse_categorical_crossentropy",
                        activation="softmax")
    y = pd.Categorical(["b", "a", "c", "a"] * 5, categories=["a", "b", "c"])
    history = rkeras.fit(model, np.ones(20, "float32"), y, epochs=1, verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(math.log(3), rel=1e-5)


def test_factor_with_missing_values_is_an_error_saying_how_many_and_where(frozen):
    y = pd.Series(pd.Categorical(["a", None, "b", None, "a"]))
    with pytest.raises(RKerasError, match=r"`y` should be a factor with no missing values. Got 2 missing values \(NA\) of 5, at 1-based positions 2, 4"):
        rkeras.fit(frozen, np.ones(5), y, epochs=1, verbose=0)


def test_no_copy_when_the_array_is_already_right():
    from rkeras.inputs import keras_array

    a = np.ones((5, 3), dtype="float32")
    assert keras_array(a, "x") is a
    f = np.asfortranarray(np.ones((5, 3)))
    converted = keras_array(f, "x")
    assert converted.flags.c_contiguous and converted.dtype == np.float32
    i = np.arange(6, dtype=np.int64)
    assert keras_array(i, "y") is i


# -- errors, all before training ------------------------------------------------------

BAD = [
    (dict(epochs=math.nan), "epochs"),
    (dict(epochs=-1), "epochs"),
    (dict(epochs="10"), "epochs"),
    (dict(epochs=2, initial_epoch=3), "epochs"),
    (dict(initial_epoch=-0.5), "initial_epoch"),
    (dict(batch_size=0), "batch_size"),
    (dict(batch_size=0.5), "batch_size"),
    (dict(batch_size="32"), "batch_size"),
    (dict(verbose=3), "verbose"),
    (dict(verbose="loud"), "verbose"),
    (dict(verbose=None), "verbose"),
    (dict(view_metrics="yes"), "view_metrics"),
    (dict(shuffle="foo"), "shuffle"),
    (dict(shuffle=None), "shuffle"),
    (dict(validation_split=1.0), "validation_split"),
    (dict(validation_split=-0.1), "validation_split"),
    (dict(validation_split=1e-17), "validation_split"),
    (dict(validation_data=[X]), "validation_data"),
    (dict(validation_data=(X, X[:5])), "validation_data[[2]]"),
    (dict(sample_weight=np.ones(99)), "sample_weight"),
    (dict(sample_weight=[np.ones(100), np.ones(100)]), "sample_weight"),
    (dict(sample_weight=-np.ones(100)), "sample_weight"),
    (dict(callbacks="not a callback"), "callbacks"),
    (dict(callbacks=[print]), "callbacks[[1]]"),
    (dict(steps_per_epoch=0), "steps_per_epoch"),
    (dict(validation_steps=0.99), "validation_steps"),
    (dict(validation_freq=0), "validation_freq"),
    (dict(validation_freq="2"), "validation_freq"),
    (dict(validation_freq=1.5), "validation_freq"),
    (dict(validation_batch_size="a"), "validation_batch_size"),
    (dict(validation_batch_size=0), "validation_batch_size"),
    (dict(valid=0.2), "valid"),
    (dict(y=X[:99]), "y"),
    (dict(y=np.where(X > 98, np.nan, X)), "y"),
    (dict(x=np.where(X == 7, np.inf, X)), "x"),
    (dict(x=None), "x"),
    (dict(x=["a", "b"]), "x"),
]


@pytest.mark.parametrize("bad, argument", BAD, ids=[f"{a}-{i}" for i, (_, a) in enumerate(BAD)])
def test_bad_input_is_a_named_error_before_training(frozen, capfd, bad, argument):
    before = weights_of(frozen)
    steps = int(frozen.optimizer.iterations)
    kwargs = dict(x=X, y=X, verbose=0, epoch=1.5)  # a partial name and a fraction: warnings to drop
    kwargs.update(bad)
    if "epochs" in kwargs:
        kwargs.pop("epoch")
    with pytest.raises(RKerasError) as info, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rkeras.fit(frozen, **kwargs)
    assert [str(w.message) for w in caught] == []  # a rejected call neither warns nor prints
    assert int(frozen.optimizer.iterations) == steps
    assert info.value.argument is not None
    assert argument.split("[")[0] in info.value.argument or argument in str(info.value)
    assert f"`{argument}`" in str(info.value) or argument in str(info.value)
    assert capfd.readouterr().out == ""
    assert all(np.array_equal(a, b) for a, b in zip(before, weights_of(frozen)))


def test_nan_labels_error_says_how_many_and_where(frozen):
    y = X.copy()
    y[[4, 9]] = np.nan
    with pytest.raises(RKerasError, match=r"`y` should hold finite numbers. Got NaN or infinite values in 2 samples, at 1-based rows 5, 10"):
        rkeras.fit(frozen, X, y, epochs=1, verbose=0)


def test_not_a_model_and_uncompiled_model():
    with pytest.raises(RKerasError, match="`object` should be a Keras model"):
        rkeras.fit("model", X, X)
    raw = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    with pytest.raises(RKerasError, match="`object` should be a compiled model"):
        rkeras.fit(raw, X, X)


def test_error_message_names_value_and_expectation(frozen):
    with pytest.raises(RKerasError) as info:
        rkeras.fit(frozen, X, X, shuffle="foo")
    assert str(info.value) == "`shuffle` should be True, False or 'batch'. Got shuffle='foo'."
    with pytest.raises(RKerasError) as info:
        rkeras.fit(frozen, X, X, epochs=-1)
    assert str(info.value) == ("`epochs` should be a finite number, 0 or more (an integer; fractions are "
                               "truncated as by R's as.integer()). Got epochs=-1.")


@pytest.mark.parametrize("shuffle", [True, False])
def test_shuffle_has_no_effect_when_steps_per_epoch_is_given(frozen, shuffle):
    # R: shuffle "has no effect when steps_per_epoch is not NULL": rows come in order,
    # and each epoch goes on where the last one stopped (10 rows a batch, 2 batches an epoch)
    history = rkeras.fit(frozen, X, X, batch_size=10, epochs=2, steps_per_epoch=2, shuffle=shuffle, verbose=0)
    assert history.metrics["loss"] == pytest.approx([mean_square(X[:20]), mean_square(X[20:40])])
    assert history.params["steps"] == 2

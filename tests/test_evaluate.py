"""rkeras.evaluate(): R's named vector of metric values, with fit()'s data handling.

Values are R keras 2.15's for the same frozen models (tests/_models.py).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

from _models import ENGINES, alternating, batch_counter, frozen, ones_to, snapshot, two_outputs, unchanged


@pytest.mark.parametrize("engine", ENGINES)
def test_loss_and_mae_named_in_rs_order(engine):
    x = ones_to(100)
    result = rkeras.evaluate(frozen(engine), x, x, verbose=0)
    assert isinstance(result, pd.Series) and result.dtype == np.float64
    assert list(result.index) == ["loss", "mae"]
    assert result["loss"] == pytest.approx(3383.5) and result["mae"] == pytest.approx(50.5)
    assert result.iloc[0] == result["loss"]  # R's result[[1]]


@pytest.mark.parametrize("engine", ENGINES)
def test_batch_size_null_is_32(engine):
    x = ones_to(100)
    counter = batch_counter(engine, "test")
    rkeras.evaluate(frozen(engine), x, x, verbose=0, callbacks=counter)
    assert counter.batches == 4  # 32, 32, 32, 4
    counter = batch_counter(engine, "test")
    rkeras.evaluate(frozen(engine), x, x, verbose=0, batch_size=50, callbacks=[counter])
    assert counter.batches == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_steps_limit_the_batches(engine):
    x = ones_to(100)
    counter = batch_counter(engine, "test")
    result = rkeras.evaluate(frozen(engine), x, x, verbose=0, batch_size=10, steps=3, callbacks=counter)
    assert counter.batches == 3
    assert result["mae"] == pytest.approx(15.5)  # rows 1..30


@pytest.mark.parametrize("engine", ENGINES)
def test_two_outputs_in_rs_metric_order(engine):
    x = ones_to(20)
    result = rkeras.evaluate(two_outputs(engine), x, [x, alternating(20)], verbose=0)
    assert list(result.index) == ["loss", "reg_loss", "cls_loss", "reg_mae", "cls_accuracy"]
    assert result.to_numpy() == pytest.approx([144.1931, 143.5, 0.6931, 10.5, 0.5], abs=1e-4)


@pytest.mark.parametrize("engine", ENGINES)
def test_only_a_loss_is_a_one_element_series(engine):
    x = ones_to(10)
    result = rkeras.evaluate(frozen(engine, metrics=()), x, x, verbose=0)
    assert list(result.index) == ["loss"] and result["loss"] == pytest.approx(38.5)


@pytest.mark.parametrize("engine", ENGINES)
def test_vector_sample_weight(engine):
    x = ones_to(100)
    result = rkeras.evaluate(frozen(engine), x, x, sample_weight=np.full(100, 2.0), verbose=0)
    assert result["loss"] == pytest.approx(2 * 3383.5)
    assert result["mae"] == pytest.approx(50.5)  # an unweighted metric


@pytest.mark.parametrize("engine", ENGINES)
def test_data_frame_and_list_inputs(engine):
    x = ones_to(10)
    frame = pd.DataFrame({"value": x})
    assert rkeras.evaluate(frozen(engine), frame, list(map(float, x)), verbose=0)["loss"] == pytest.approx(38.5)


@pytest.mark.parametrize("engine", ENGINES)
def test_generator_function_needs_steps(engine):
    x = ones_to(10)
    model = frozen(engine)
    result = rkeras.evaluate(model, lambda: (x, x), steps=3, verbose=0)
    assert result["loss"] == pytest.approx(38.5)
    before = snapshot(model)
    with pytest.raises(RKerasError) as error:
        rkeras.evaluate(model, lambda: (x, x), verbose=0)
    assert error.value.argument == "steps" and "generator function" in str(error.value)
    assert unchanged(model, before)


@pytest.mark.parametrize("engine", ENGINES)
def test_iterator_needs_steps_and_then_is_that_many_batches(engine):
    import itertools

    x = ones_to(20)
    batches = iter([(x[:10], x[:10]), (x[10:], x[10:])])
    result = rkeras.evaluate(frozen(engine), batches, steps=2, verbose=0)
    assert result["loss"] == pytest.approx(np.mean(x**2))
    # an endless iterator without steps would never end the pass: an error, not a hang
    model = frozen(engine)
    for evaluate_or_predict in (rkeras.evaluate, rkeras.predict):
        with pytest.raises(RKerasError, match=r"`steps` should be the number of batches .* Python iterator") as error:
            evaluate_or_predict(model, itertools.repeat((x[:10], x[:10])), verbose=0)
        assert error.value.argument == "steps"


def test_dataset():
    import tensorflow as tf

    x = ones_to(20)
    dataset = tf.data.Dataset.from_tensor_slices((x, x)).batch(8)
    assert rkeras.evaluate(frozen(), dataset, verbose=0)["loss"] == pytest.approx(143.5)
    with pytest.raises(RKerasError, match="Don't set batch_size with a tfdataset"):
        rkeras.evaluate(frozen(), dataset, batch_size=8, verbose=0)


def test_verbose_auto_resolves_as_fits(capsys):
    x = ones_to(40)
    with rkeras.options({"rkeras.context": "batch"}):  # a log file: one line, no progress bar
        rkeras.evaluate(frozen(), x, x)
    out = capsys.readouterr().out
    assert "loss" in out and "━" not in out
    with rkeras.options({"rkeras.context": "terminal"}):
        rkeras.evaluate(frozen(), x, x)
    assert "━" in capsys.readouterr().out


def test_partial_names_and_engine_arguments():
    x = ones_to(100)
    counter = batch_counter("keras", "test")
    with pytest.warns(RKerasWarning, match="partial argument match of `batch` to `batch_size`"):
        rkeras.evaluate(frozen(), x, x, verbose=0, batch=50, callbacks=counter)
    assert counter.batches == 2
    with pytest.warns(RKerasWarning, match="evaluate\\(\\) ignores argument 'not_an_argument'"):
        rkeras.evaluate(frozen(), x, x, verbose=0, not_an_argument=1)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("call, argument, message", [
    (lambda m, x: rkeras.evaluate(m, x, verbose=0), "y", "targets"),
    (lambda m, x: rkeras.evaluate(m, x, x[:5], verbose=0), "y", "as many samples as `x` \\(20\\)"),
    (lambda m, x: rkeras.evaluate(m, x, x, verbose=3), "verbose", "0, 1, 2"),
    (lambda m, x: rkeras.evaluate(m, x, x, verbose=0, steps=0), "steps", "1 or more"),
    (lambda m, x: rkeras.evaluate(m, x, x, verbose=0, batch_size=-1), "batch_size", "1 or more"),
    (lambda m, x: rkeras.evaluate(m, x, x, verbose=0, sample_weight=np.ones(3)), "sample_weight", "one weight per sample"),
    (lambda m, x: rkeras.evaluate(m, x, x, verbose=0, callbacks="print"), "callbacks", "Callback"),
    (lambda m, x: rkeras.evaluate(m, np.stack([x, x], 1), x, verbose=0), "x", "shape of the model's input"),
    (lambda m, x: rkeras.evaluate(m, x.astype(str), x, verbose=0), "x", "numeric"),
    (lambda m, x: rkeras.evaluate(m, np.where(x > 3, np.nan, x), x, verbose=0), "x", "finite"),
    (lambda m, x: rkeras.evaluate(m, {"nope": x}, x, verbose=0), "x", "input names"),
])
def test_errors_before_anything_happens(engine, call, argument, message, capsys):
    model = frozen(engine)
    before = snapshot(model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError, match=message) as error:
            call(model, ones_to(20))
    assert error.value.argument == argument
    assert unchanged(model, before)
    assert not [w for w in caught if issubclass(w.category, RKerasWarning)]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("engine", ENGINES)
def test_uncompiled_model(engine):
    with pytest.raises(RKerasError, match=r"compiled model.*before evaluate\(\)"):
        rkeras.evaluate(frozen(engine, compiled=False), ones_to(3), ones_to(3), verbose=0)


def test_rejected_call_gives_no_warning():
    """A partial name's warning is dropped when the call is then rejected."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError):
            rkeras.evaluate(frozen(), ones_to(3), ones_to(3), batch=2, steps=-1)
    assert not [w for w in caught if issubclass(w.category, RKerasWarning)]


@pytest.mark.parametrize("engine", ENGINES)
def test_hdf5_read_in_batches(engine, tmp_path):
    h5py = pytest.importorskip("h5py")
    x = ones_to(100)
    with h5py.File(tmp_path / "data.h5", "w") as file:
        file["x"], file["y"] = x.reshape(-1, 1), x
        result = rkeras.evaluate(frozen(engine), file["x"], file["y"], verbose=0)
        assert list(result) == pytest.approx([3383.5, 50.5])
        assert rkeras.predict(frozen(engine), file["x"], verbose=0).shape == (100, 1)


def test_pydataset():
    import keras

    x = ones_to(30)

    class Batches(keras.utils.PyDataset):
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return x[i * 10:(i + 1) * 10].reshape(-1, 1), x[i * 10:(i + 1) * 10]

    assert rkeras.evaluate(frozen(), Batches(), verbose=0)["loss"] == pytest.approx(np.mean(x**2))
    assert rkeras.predict(frozen(), Batches(), verbose=0).shape == (30, 1)

"""predict() of arrays that make one batch: the model's own predict function in one call, giving
what Model.predict() gives and printing the same progress line."""

from __future__ import annotations

import re

import numpy as np
import pytest

import rkeras


def _line(text):
    return re.sub(r"\d+m?s", "T", text).replace("\x08", "")   # backspaces depend on the timings


@pytest.mark.parametrize("verbose", [0, 1, 2])
def test_one_batch_predictions_and_progress_line_match_keras(capsys, verbose):
    import keras

    inp = keras.Input((3,))
    model = keras.Model(inp, [keras.layers.Dense(2, name="a")(inp), keras.layers.Dense(1, name="b")(inp)])
    x = np.arange(12, dtype="float32").reshape(4, 3)
    expected = model.predict(x, verbose=verbose)
    keras_out = capsys.readouterr().out
    got = rkeras.predict(model, x, verbose=verbose)
    assert isinstance(got, list) and len(got) == 2
    assert all(np.array_equal(e, g) for e, g in zip(expected, got))
    assert _line(capsys.readouterr().out) == _line(keras_out)
    if verbose == 2:
        assert _line(keras_out) == "1/1 - T - T/step\n"


def test_several_batches_still_use_model_predict(capsys):
    import keras

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    x = np.ones((5, 2), dtype="float32")
    got = rkeras.predict(model, x, batch_size=2, verbose=2)
    assert _line(capsys.readouterr().out) == "3/3 - T - T/step\n"
    assert got.shape == (5, 1) and np.allclose(got, model.predict(x, verbose=0))

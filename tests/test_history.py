import math
import sys

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import KerasTrainingHistory, combine_histories
from rkeras.history import format_number


def spec_history():
    params = {"epochs": 10, "samples": 800, "validation_samples": 200, "batch_size": 32, "verbose": 1}
    metrics = {
        "loss": [0.9] * 9 + [0.34523],
        "accuracy": [0.5] * 9 + [0.88123],
        "val_loss": [1.0] * 9 + [0.40123],
        "val_accuracy": [0.4] * 9 + [0.85],
    }
    return KerasTrainingHistory(params, metrics)


def test_print_matches_r_text():
    assert str(spec_history()) == (
        "Trained on 800 samples, validated on 200 samples (batch_size=32, epochs=10)\n"
        "Final epoch (plot to see history):\n"
        "        loss: 0.3452\n"
        "    accuracy: 0.8812\n"
        "    val_loss: 0.4012\n"
        "val_accuracy: 0.85"
    )
    assert repr(spec_history()) == str(spec_history())


def test_print_labels_right_aligned_to_longest():
    lines = str(spec_history()).splitlines()[2:]
    assert lines == [
        "        loss: 0.3452",
        "    accuracy: 0.8812",
        "    val_loss: 0.4012",
        "val_accuracy: 0.85",
    ]


@pytest.mark.parametrize(
    "value, text",
    [
        (3383.5, "3,384"),
        (0.34523, "0.3452"),
        (0.85, "0.85"),
        (1234567.891, "1,234,568"),
        (12.345678, "12.35"),
        (2.0, "2"),
        (-0.5, "-0.5"),
        (0.0, "0"),
        (float("nan"), "NaN"),
        (float("inf"), "Inf"),
        (1e-7, "0.0000001"),
    ],
)
def test_format_number_is_rs_prettynum(value, text):
    assert format_number(value) == text


def test_first_line_only_when_samples_known_and_validation_part_only_with_validation():
    h = KerasTrainingHistory({"epochs": 2}, {"loss": [1.0, 0.5]})
    assert str(h) == "Final epoch (plot to see history):\nloss: 0.5"
    h = KerasTrainingHistory({"epochs": 2, "samples": 1500, "batch_size": 32}, {"loss": [1.0, 0.5]})
    assert str(h).splitlines()[0] == "Trained on 1,500 samples (batch_size=32, epochs=2)"


def test_print_counts_epochs_actually_trained_early_stopping():
    h = KerasTrainingHistory({"epochs": 10, "samples": 100, "batch_size": 32}, {"loss": [3.0, 2.0, 1.0]})
    assert "epochs=3)" in str(h)
    assert str(h).endswith("loss: 1")


def test_metrics_padded_with_nan_to_common_length():
    h = KerasTrainingHistory({"epochs": 3}, {"loss": [1, 2, 3], "val_loss": [4]})
    assert h.metrics["loss"] == [1.0, 2.0, 3.0]
    assert h.metrics["val_loss"][0] == 4.0 and all(math.isnan(v) for v in h.metrics["val_loss"][1:])
    assert h.history is h.metrics
    assert h.epoch == [0, 1, 2]


def test_data_frame_long_format_like_r():
    df = rkeras.as_data_frame(spec_history())
    assert list(df.columns) == ["epoch", "value", "metric", "data"]
    assert len(df) == 40
    assert df["epoch"].dtype == np.int64
    assert df["value"].dtype == np.float64
    assert isinstance(df["metric"].dtype, pd.CategoricalDtype)
    assert list(df["metric"].cat.categories) == ["loss", "accuracy"]
    assert list(df["data"].cat.categories) == ["training", "validation"]
    assert df["epoch"].tolist()[:10] == list(range(1, 11))
    last_val_acc = df[(df.metric == "accuracy") & (df.data == "validation") & (df.epoch == 10)]["value"]
    assert last_val_acc.tolist() == [0.85]
    assert spec_history().to_data_frame().equals(df)


def test_data_frame_true_epoch_numbers_after_initial_epoch_and_nan_for_epochs_not_run():
    h = KerasTrainingHistory({"epochs": 8, "initial_epoch": 3}, {"loss": [5.0, 4.0], "lr": [0.1, 0.1]})
    df = h.to_data_frame()
    loss = df[df.metric == "loss"]
    assert loss["epoch"].tolist() == [4, 5, 6, 7, 8]
    assert loss["value"].tolist()[:2] == [5.0, 4.0]
    assert loss["value"].isna().tolist() == [False, False, True, True, True]
    assert list(df["metric"].cat.categories) == ["loss", "lr"]   # a non-metric log kept as its own metric


def test_zero_epochs_gives_empty_frame_with_right_columns():
    df = KerasTrainingHistory({"epochs": 0}, {}).to_data_frame()
    assert list(df.columns) == ["epoch", "value", "metric", "data"]
    assert len(df) == 0
    assert list(df["data"].cat.categories) == ["training", "validation"]
    assert str(KerasTrainingHistory({"epochs": 0, "samples": 5, "batch_size": 32}, {})) == (
        "Trained on 5 samples (batch_size=32, epochs=0)\nFinal epoch (plot to see history):"
    )


def test_combine_resumed_histories_keeps_true_epochs():
    a = KerasTrainingHistory({"epochs": 3, "initial_epoch": 0, "samples": 10}, {"loss": [3, 2, 1]})
    b = KerasTrainingHistory({"epochs": 5, "initial_epoch": 3, "samples": 10}, {"loss": [0.5, 0.25]})
    c = combine_histories([a, b])
    assert c.metrics["loss"] == [3, 2, 1, 0.5, 0.25]
    assert c.params["epochs"] == 5
    df = c.to_data_frame()
    assert df["epoch"].tolist() == [1, 2, 3, 4, 5]
    assert (a + b).metrics == c.metrics


def test_combine_loop_of_one_epoch_fits_numbers_on():
    parts = [KerasTrainingHistory({"epochs": 1}, {"loss": [float(i)], "val_loss": [i + 0.5]}) for i in range(3)]
    c = combine_histories(parts)
    assert c.metrics["loss"] == [0.0, 1.0, 2.0]
    assert c.to_data_frame()[lambda d: d.data == "validation"]["epoch"].tolist() == [1, 2, 3]


def test_combined_history_prints_what_the_last_fit_trained_on():
    a = KerasTrainingHistory({"epochs": 2, "samples": 48, "validation_samples": 16, "batch_size": 32},
                             {"loss": [2, 1], "val_loss": [3, 2]})
    b = KerasTrainingHistory({"epochs": 4, "initial_epoch": 2, "samples": 64, "batch_size": 16}, {"loss": [0.5, 0.25]})
    c = a + b
    assert str(c).splitlines()[0] == "Trained on 64 samples (batch_size=16, epochs=4)"
    assert c.params["initial_epoch"] == 0 and c.params["epochs"] == 4
    assert math.isnan(c.metrics["val_loss"][3])


def test_combine_keeps_epochs_never_run_as_nan_and_union_of_metrics():
    a = KerasTrainingHistory({"epochs": 4}, {"loss": [3, 2]})           # stopped early at 2 of 4
    b = KerasTrainingHistory({"epochs": 6, "initial_epoch": 4}, {"loss": [1, 0.5], "mae": [9, 8]})
    c = combine_histories([a, b])
    df = c.to_data_frame()
    loss = df[df.metric == "loss"]["value"].tolist()
    assert loss[:2] == [3, 2] and math.isnan(loss[2]) and math.isnan(loss[3]) and loss[4:] == [1, 0.5]
    assert list(c.metrics) == ["loss", "mae"]


def test_history_does_not_need_tensorflow():
    spec_history().to_data_frame()
    str(spec_history())
    # importing rkeras and using histories imported no TensorFlow in this check's own process
    import subprocess

    code = (
        "import sys, rkeras\n"
        "h = rkeras.KerasTrainingHistory({'epochs': 2, 'samples': 3}, {'loss': [1, 2]})\n"
        "str(h); rkeras.as_data_frame(h); rkeras.options(keras_fit_verbose=0)\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False False", out.stderr

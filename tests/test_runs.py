"""Run metadata (rkeras.runs): what lands in the run directory, and that it survives SIGKILL.

In-process tests read the files a fit() wrote; two subprocess tests kill a
process with SIGKILL: one that only writes run files (no TensorFlow, cheap,
killed at random instants, many times), and one that is training a model.
"""

from __future__ import annotations

import json
import math
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import keras
import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import runs
from conftest import make_frozen, mean_square

N = 40
X = np.arange(1, N + 1, dtype="float32")
TESTS = os.path.dirname(os.path.abspath(__file__))


def read_run(directory):
    with open(os.path.join(directory, "properties.json"), encoding="utf-8") as handle:
        properties = json.load(handle)
    with open(os.path.join(directory, "metrics.json"), encoding="utf-8") as handle:
        metrics = json.load(handle)
    frame = pd.read_csv(os.path.join(directory, "metrics.csv"))
    return properties, metrics, frame


def finished(column):
    return [v for v in column if v is not None]


def test_run_directory_holds_properties_and_every_epoch(tmp_path):
    model = make_frozen()
    directory = tmp_path / "runs" / "one"  # made with its parents
    with rkeras.options({"keras.run_dir": str(directory)}):
        history = rkeras.fit(model, X, X, epochs=3, batch_size=8, validation_split=0.25, verbose=0)
    properties, metrics, frame = read_run(directory)

    assert properties["samples"] == 30
    assert properties["validation_samples"] == 10
    assert properties["batch_size"] == 8
    assert properties["epochs"] == 3
    assert properties["initial_epoch"] == 0
    assert properties["steps"] == 4
    assert properties["loss_function"] == "mse"
    assert properties["optimizer"] == "SGD"
    assert properties["learning_rate"] == 0.0
    assert properties["engine"] == "keras"
    assert model.name in properties["model"] and "Total params: 2" in properties["model"]
    assert properties["status"] == "finished"
    assert properties["epochs_completed"] == 3

    assert list(metrics) == list(history.metrics)
    assert metrics["loss"] == pytest.approx([mean_square(X[:30])] * 3)
    assert metrics["val_loss"] == pytest.approx([mean_square(X[30:])] * 3)
    for name, values in history.metrics.items():
        assert metrics[name] == pytest.approx(values)

    expected = history.to_data_frame()
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert frame["epoch"].tolist() == expected["epoch"].tolist()
    assert frame["metric"].tolist() == expected["metric"].astype(str).tolist()
    assert frame["data"].tolist() == expected["data"].astype(str).tolist()
    np.testing.assert_allclose(frame["value"], expected["value"], rtol=1e-6)
    assert not [f for f in os.listdir(directory) if f.endswith(".tmp")]
    assert all(os.stat(directory / f).st_mode & 0o044 == 0o044 for f in os.listdir(directory))  # readable by others


def test_metrics_are_on_disk_after_every_epoch(tmp_path):
    seen = []

    class Peek(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch:
                _, metrics, frame = read_run(tmp_path)
                seen.append((len(finished(metrics["loss"])), len(metrics["loss"]), int(frame["value"].notna().sum())))

    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(make_frozen(), X, X, epochs=4, batch_size=20, verbose=0, callbacks=Peek())
    # before epoch k+1 starts, epochs 1..k are on disk; lists run to the final epoch
    assert seen == [(1, 4, 2), (2, 4, 4), (3, 4, 6)]


def test_run_dir_environment_variable_and_option_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "from_env"))
    rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert read_run(tmp_path / "from_env")[0]["epochs_completed"] == 1
    with rkeras.options({"keras.run_dir": str(tmp_path / "from_option")}):
        rkeras.fit(make_frozen(), X, X, epochs=2, verbose=0)
    assert read_run(tmp_path / "from_option")[0]["epochs_completed"] == 2
    assert read_run(tmp_path / "from_env")[0]["epochs_completed"] == 1


def test_no_run_directory_no_files_and_none_on_workers(tmp_path, monkeypatch):
    monkeypatch.delenv("RUN_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert os.listdir(tmp_path) == []
    with rkeras.options({"keras.run_dir": str(tmp_path / "run"), "rkeras.role": "worker"}):
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert not (tmp_path / "run").exists()  # only the chief writes run files


def test_resumed_and_early_stopped_runs_keep_true_epochs(tmp_path):
    model = make_frozen()
    stop = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: setattr(model, "stop_training", epoch == 3))
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(model, X, X, epochs=8, initial_epoch=2, verbose=0, callbacks=[stop])
    properties, metrics, frame = read_run(tmp_path)
    assert properties["initial_epoch"] == 2 and properties["epochs"] == 8
    assert properties["epochs_completed"] == 2 and properties["status"] == "finished"
    # epochs 3..8: two trained, four never run (null / NaN), as in R's padded frame
    assert metrics["loss"] == pytest.approx([mean_square(X)] * 2 + [None] * 4)
    loss = frame[(frame["metric"] == "loss") & (frame["data"] == "training")]
    assert loss["epoch"].tolist() == [3, 4, 5, 6, 7, 8]
    assert loss["value"].isna().tolist() == [False, False, True, True, True, True]


def test_non_finite_metrics_are_null_in_json_and_kept_in_csv(tmp_path):
    history = rkeras.KerasTrainingHistory({"epochs": 3, "samples": 5}, {"loss": [1.5, math.inf, math.nan]})
    writer = runs.RunWriter(tmp_path)
    writer.on_train_begin(rkeras.KerasTrainingHistory({"epochs": 3, "samples": 5}), None)
    writer.on_epoch_end(history)
    with open(tmp_path / "metrics.json") as handle:
        assert json.load(handle) == {"loss": [1.5, None, None]}  # strict JSON, no Infinity/NaN tokens
    frame = pd.read_csv(tmp_path / "metrics.csv")
    assert frame["value"].iloc[0] == 1.5 and frame["value"].iloc[1] == math.inf and math.isnan(frame["value"].iloc[2])


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "metrics.json"
    runs.write_atomic(str(path), '{"loss": [1.0]}\n')

    def broken_fsync(fd):
        raise KeyboardInterrupt  # Ctrl-C in the middle of a write

    monkeypatch.setattr(runs.os, "fsync", broken_fsync)
    with pytest.raises(KeyboardInterrupt):
        runs.write_atomic(str(path), '{"loss": [1.0, 2.0]}\n')
    assert path.read_text() == '{"loss": [1.0]}\n'
    assert os.listdir(tmp_path) == ["metrics.json"]


# -- SIGKILL ----------------------------------------------------------------------

WRITER_CHILD = textwrap.dedent(
    """
    import sys
    from rkeras import KerasTrainingHistory
    from rkeras.runs import RunWriter

    directory = sys.argv[1]
    writer = RunWriter(directory)
    writer.on_train_begin(KerasTrainingHistory({"samples": 10}), None)
    print("ready", flush=True)
    loss, accuracy = [], []
    for epoch in range(1, 100000):
        loss.append(1.0 / epoch)
        accuracy.append(epoch / 10.0)
        writer.on_epoch_end(KerasTrainingHistory({"samples": 10}, {"loss": loss, "accuracy": accuracy}))
    """
)


def _env():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=TESTS + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("RUN_DIR", None)
    return env


def test_sigkill_at_any_instant_leaves_valid_files(tmp_path):
    """Killed at random instants while rewriting the files: never a partial file."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER_CHILD)
    rng = random.Random(6)
    seen_epochs = []
    for attempt in range(4):
        directory = tmp_path / f"run{attempt}"
        child = subprocess.Popen([sys.executable, str(script), str(directory)], stdout=subprocess.PIPE, env=_env())
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        properties, metrics, frame = read_run(directory)  # every file parses
        assert properties["status"] == "running"
        done = len(metrics.get("loss", []))  # {} until the first epoch is written
        assert metrics.get("loss", []) == pytest.approx([1.0 / e for e in range(1, done + 1)])
        assert metrics.get("accuracy", []) == pytest.approx([e / 10.0 for e in range(1, done + 1)])
        # the CSV is written right after the JSON: it holds the same epochs or one fewer
        csv_done = int(frame.loc[frame["metric"] == "loss", "value"].notna().sum()) if len(frame) else 0
        assert csv_done in (done, done - 1)
        seen_epochs.append(done)
    assert max(seen_epochs) > 0


TRAINING_CHILD = textwrap.dedent(
    """
    import json, os, sys, time
    import keras, numpy as np
    import rkeras

    directory, ready = sys.argv[1], sys.argv[2]
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    x = np.random.default_rng(0).normal(size=(80, 2)).astype("float32")
    y = x @ np.array([[1.0], [-2.0]], dtype="float32")

    class Ready(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):  # what Keras logged, for the parent to compare
            print(json.dumps({"epoch": epoch + 1, "loss": float(logs["loss"])}), flush=True)

        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 3:
                open(ready, "w").close()  # three epochs finished: the parent may kill

        def on_train_batch_end(self, batch, logs=None):
            if os.path.exists(ready):
                time.sleep(0.05)  # epoch 4 takes over 1 s: the kill lands mid-epoch

    with rkeras.options({"keras.run_dir": directory}):
        rkeras.fit(model, x, y, epochs=50, batch_size=4, verbose=0, callbacks=[Ready()])
    print("finished", flush=True)
    """
)


def wait_for(path, child, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if child.poll() is not None:
            raise AssertionError(f"child ended early: {child.communicate()}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError("child never became ready")
        time.sleep(0.02)


def test_sigkill_mid_training_leaves_every_finished_epoch(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(TRAINING_CHILD)
    directory, ready = tmp_path / "run", tmp_path / "ready"
    child = subprocess.Popen([sys.executable, str(script), str(directory), str(ready)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    wait_for(ready, child)
    time.sleep(0.2)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    logged = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    assert [r["epoch"] for r in logged] == [1, 2, 3]

    properties, metrics, frame = read_run(directory)
    assert properties["status"] == "running" and properties["samples"] == 80 and properties["epochs"] == 50
    assert len(metrics["loss"]) == 50
    assert metrics["loss"][:3] == pytest.approx([r["loss"] for r in logged], rel=1e-6)
    assert metrics["loss"][3:] == [None] * 47
    loss = frame[frame["metric"] == "loss"]
    assert loss["value"].iloc[:3].tolist() == pytest.approx([r["loss"] for r in logged], rel=1e-6)
    assert loss["value"].iloc[3:].isna().all()


# -- the low-level API the tfruns tools use --------------------------------------

def test_properties_are_plain_text_files_as_tfruns_writes_them(tmp_path):
    assert runs.meta_dir(tmp_path) == os.path.join(str(tmp_path), "tfruns.d")
    assert not (tmp_path / "tfruns.d").exists()  # reading a path makes nothing
    values = {"samples": np.int64(80), "completed": True, "learning_rate": np.float32(0.001),
              "start": 1701234567.123456789, "model": "Model: one\nTotal params: 2\n",
              "metrics": ["loss", "val_loss"], "ratio": math.nan, "big": 100000.0}
    for name, value in values.items():
        runs.write_property(tmp_path, name, value)
    assert runs.write_property(tmp_path, "nothing", None) is None  # R's NULL drops a property
    folder = tmp_path / "tfruns.d" / "properties"
    assert sorted(os.listdir(folder)) == sorted(values)
    text = {name: (folder / name).read_text() for name in values}
    assert text == {"samples": "80\n", "completed": "TRUE\n", "learning_rate": "0.001\n",
                    "start": "1701234567.12346\n", "model": "Model: one\nTotal params: 2\n",
                    "metrics": "loss\nval_loss\n", "ratio": "NaN\n", "big": "100000\n"}
    assert runs.read_property(tmp_path, "model") == "Model: one\nTotal params: 2"
    assert runs.read_property(tmp_path, "absent") is None
    with pytest.raises(rkeras.RKerasError):
        runs.write_property(tmp_path, "../escape", 1)


def test_write_json_is_atomic_pretty_and_strict(tmp_path):
    path = runs.write_json(tmp_path, "flags.json", {"dense_units": np.int32(64), "dropout": 0.5,
                                                    "bad": math.inf, "name": "ä", "array": np.arange(2)})
    assert path == os.path.join(str(tmp_path), "tfruns.d", "flags.json")
    text = open(path, encoding="utf-8").read()
    assert json.loads(text) == {"dense_units": 64, "dropout": 0.5, "bad": None, "name": "ä", "array": [0, 1]}
    assert text.startswith('{\n  "dense_units": 64,')
    assert os.listdir(tmp_path / "tfruns.d") == ["flags.json"]  # no temporary left


def test_record_evaluation_writes_a_named_object_into_the_active_run(tmp_path, monkeypatch):
    monkeypatch.delenv("RUN_DIR", raising=False)
    result = pd.Series([0.25, 0.875], index=["loss", "accuracy"])
    assert runs.record_evaluation(result) is None  # no active run: nothing written
    with rkeras.options(keras_run_dir=str(tmp_path / "run")):
        path = runs.record_evaluation(result)
        with rkeras.options({"rkeras.role": "worker"}):
            assert runs.record_evaluation(result) is None  # only the chief writes
    with open(path) as handle:
        assert json.load(handle) == {"loss": 0.25, "accuracy": 0.875}
    runs.record_evaluation(1.5, run_dir=tmp_path / "other")
    with open(tmp_path / "other" / "tfruns.d" / "evaluation.json") as handle:
        assert json.load(handle) == {"loss": 1.5}
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "env"))
    runs.record_evaluation({"loss": np.float32(2.0)})
    assert json.loads((tmp_path / "env" / "tfruns.d" / "evaluation.json").read_text()) == {"loss": 2.0}


def test_record_error_has_message_and_traceback_lines(tmp_path):
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        runs.record_error(tmp_path, error)
    record = json.loads((tmp_path / "tfruns.d" / "error.json").read_text())
    assert record["message"] == "division by zero"
    assert record["traceback"][0] == "Traceback (most recent call last):"
    assert record["traceback"][-1] == "ZeroDivisionError: division by zero"

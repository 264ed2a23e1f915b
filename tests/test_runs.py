"""Run directories (rkeras.runs): tfruns' layout, file by file, and that it survives SIGKILL.

tfruns 1.5.3 is the spec: ``tfruns_record()`` below reads a run the way its
``run_record()`` (R/ls_runs.R) does, so what it returns is what R's
``ls_runs()`` would list. In-process tests read the files a fit() wrote; two
subprocess tests kill a process with SIGKILL: one that only writes run files
(no TensorFlow, killed at random instants), and one that is training a model.
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
from rkeras.run_writer import RunWriter
from conftest import make_frozen, mean_square

N = 40
X = np.arange(1, N + 1, dtype="float32")
TESTS = os.path.dirname(os.path.abspath(__file__))


def read_properties(directory) -> dict:
    folder = os.path.join(directory, "tfruns.d", "properties")
    result = {}
    for name in os.listdir(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            result[name] = handle.read()
    return result


def read_run(directory):
    """(properties as text without the final newline, tfruns.d/metrics.json, metrics.csv)."""
    properties = {k: v[:-1] if v.endswith("\n") else v for k, v in read_properties(directory).items()}
    with open(os.path.join(directory, "tfruns.d", "metrics.json"), encoding="utf-8") as handle:
        metrics = json.load(handle)
    frame = pd.read_csv(os.path.join(directory, "metrics.csv"))
    return properties, metrics, frame


def tfruns_record(run_dir) -> dict:
    """tfruns 1.5.3's run_record(): properties (converted as it converts them),
    eval_*, metric_* (the last non-null value), epochs_completed (non-null
    values of the last metric), flag_*, error_message."""
    meta = os.path.join(run_dir, "tfruns.d")
    assert os.path.isdir(meta)  # list_run_dirs() only lists directories holding tfruns.d
    columns = {"run_dir": str(run_dir)}
    properties = {k: v.rstrip("\n") for k, v in read_properties(run_dir).items()}
    for name in ("start", "end", "learning_rate"):
        if name in properties:
            properties[name] = float(properties[name])
    for name in ("samples", "validation_samples", "steps", "epochs", "batch_size"):
        if name in properties:
            properties[name] = int(properties[name])
    if "completed" in properties:
        properties["completed"] = {"TRUE": True, "true": True, "FALSE": False, "false": False}[properties["completed"]]
    columns.update(properties)
    for file, prefix in (("evaluation.json", "eval"), ("flags.json", "flag")):
        path = os.path.join(meta, file)
        if os.path.exists(path):
            with open(path) as handle:
                columns.update({f"{prefix}_{k}": v for k, v in json.load(handle).items()})
    completed = 0
    path = os.path.join(meta, "metrics.json")
    if os.path.exists(path):
        with open(path) as handle:
            metrics = json.load(handle)
        for name, values in metrics.items():
            available = [v for v in values if v is not None]
            completed = len(available)
            if completed:
                columns[f"metric_{name}"] = available[-1]
    unit = "steps" if "steps" in columns else "epochs"  # tfruns' get_steps_unit()
    columns[f"{unit}_completed"] = completed
    path = os.path.join(meta, "error.json")
    if os.path.exists(path):
        with open(path) as handle:
            columns["error_message"] = json.load(handle)["message"]
    return columns


def finished(column):
    return [v for v in column if v is not None]


def test_run_directory_holds_tfruns_layout_file_by_file(tmp_path):
    model = make_frozen()
    directory = tmp_path / "runs" / "one"  # made with its parents
    before = time.time()
    with rkeras.options({"keras.run_dir": str(directory)}):
        history = rkeras.fit(model, X, X, epochs=3, batch_size=8, validation_split=0.25, verbose=0)
    properties, metrics, frame = read_run(directory)

    assert sorted(os.listdir(directory)) == ["logs", "metrics.csv", "tfruns.d"]
    assert sorted(os.listdir(directory / "tfruns.d")) == ["metrics.json", "properties"]
    # what R keras' metrics callback wrote, what tfruns' training_run() wrote, and rkeras' own
    assert sorted(properties) == sorted([
        "samples", "validation_samples", "batch_size", "epochs", "model", "loss_function", "optimizer",
        "learning_rate", "start", "end", "completed", "initial_epoch", "engine", "status", "epochs_completed"])
    assert {k: properties[k] for k in ("samples", "validation_samples", "batch_size", "epochs", "loss_function",
                                       "optimizer", "learning_rate", "completed", "initial_epoch", "engine",
                                       "status", "epochs_completed")} == {
        "samples": "30", "validation_samples": "10", "batch_size": "8", "epochs": "3", "loss_function": "mse",
        "optimizer": "SGD", "learning_rate": "0", "completed": "TRUE", "initial_epoch": "0", "engine": "keras",
        "status": "finished", "epochs_completed": "3"}
    assert model.name in properties["model"] and "Total params: 2" in properties["model"]
    assert before <= float(properties["start"]) <= float(properties["end"]) <= time.time()

    assert list(metrics) == list(history.metrics) == ["loss", "mae", "val_loss", "val_mae"]
    assert metrics["loss"] == pytest.approx([mean_square(X[:30])] * 3)
    assert metrics["val_loss"] == pytest.approx([mean_square(X[30:])] * 3)
    for name, values in history.metrics.items():
        assert metrics[name] == pytest.approx(values)

    # metrics.csv: R's as.data.frame(history), epoch by epoch
    expected = history.to_data_frame().sort_values(["epoch", "data", "metric"]).reset_index(drop=True)
    got = frame.sort_values(["epoch", "data", "metric"]).reset_index(drop=True)
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert got["epoch"].tolist() == expected["epoch"].tolist()
    assert got["metric"].tolist() == expected["metric"].astype(str).tolist()
    assert got["data"].tolist() == expected["data"].astype(str).tolist()
    np.testing.assert_allclose(got["value"], expected["value"], rtol=1e-6)

    everything = [os.path.join(root, f) for root, _, files in os.walk(directory) for f in files]
    assert not [f for f in everything if f.endswith(".tmp")]
    assert all(os.stat(f).st_mode & 0o044 == 0o044 for f in everything)  # readable by others

    record = tfruns_record(directory)  # what R's ls_runs() lists
    assert record["epochs_completed"] == 3 and record["completed"] is True
    assert record["samples"] == 30 and record["batch_size"] == 8 and record["epochs"] == 3
    assert record["metric_loss"] == pytest.approx(mean_square(X[:30]))
    assert record["metric_val_mae"] == pytest.approx(float(np.mean(X[30:])))
    assert isinstance(record["start"], float) and isinstance(record["end"], float)


def test_metrics_are_on_disk_after_every_epoch(tmp_path):
    seen = []

    class Peek(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch:
                properties, metrics, frame = read_run(tmp_path)
                seen.append((properties["status"], len(finished(metrics["loss"])), len(metrics["loss"]),
                             int(frame["value"].notna().sum())))

    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(make_frozen(), X, X, epochs=4, batch_size=20, verbose=0, callbacks=Peek())
    # before epoch k+1 starts, epochs 1..k are on disk; lists run to the final epoch
    assert seen == [("running", 1, 4, 2), ("running", 2, 4, 4), ("running", 3, 4, 6)]


def test_run_dir_environment_variable_and_option_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "from_env"))
    rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert read_run(tmp_path / "from_env")[0]["epochs_completed"] == "1"
    with rkeras.options({"keras.run_dir": str(tmp_path / "from_option")}):
        rkeras.fit(make_frozen(), X, X, epochs=2, verbose=0)
    assert read_run(tmp_path / "from_option")[0]["epochs_completed"] == "2"
    assert read_run(tmp_path / "from_env")[0]["epochs_completed"] == "1"


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
    assert properties["initial_epoch"] == "2" and properties["epochs"] == "8"
    assert properties["epochs_completed"] == "2" and properties["status"] == "finished"
    # epochs 3..8: two trained, four never run (null), as R keras padded them
    assert metrics["loss"] == pytest.approx([mean_square(X)] * 2 + [None] * 4)
    loss = frame[(frame["metric"] == "loss") & (frame["data"] == "training")]
    assert loss["epoch"].tolist() == [3, 4]  # only epochs that finished have rows
    assert tfruns_record(tmp_path)["epochs_completed"] == 2


def test_a_metric_first_logged_later_gets_its_column(tmp_path):
    """validation_freq = 2: val_ metrics appear at epoch 2; metrics.json is laid out again."""
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        history = rkeras.fit(make_frozen(), X, X, epochs=4, batch_size=10, validation_data=(X[:10], X[:10]),
                             validation_freq=2, verbose=0)
    _, metrics, frame = read_run(tmp_path)
    assert list(metrics) == list(history.metrics)
    assert metrics["val_loss"] == [None, pytest.approx(mean_square(X[:10])), None, pytest.approx(mean_square(X[:10]))]
    validation = frame[frame["data"] == "validation"].dropna()
    assert validation.groupby("epoch")["value"].count().to_dict() == {2: 2, 4: 2}


def test_successive_fits_in_one_run_keep_its_start(tmp_path):
    model = make_frozen()
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(model, X, X, epochs=1, verbose=0)
        first = read_run(tmp_path)[0]
        rkeras.fit(model, X, X, epochs=2, verbose=0)
    second = read_run(tmp_path)[0]
    assert second["start"] == first["start"]  # one run, as a loop of fits inside a training_run()
    assert float(second["end"]) >= float(first["end"])
    assert second["epochs_completed"] == "2"


def test_a_run_made_by_training_run_keeps_its_completed_and_start(tmp_path):
    """training_run() writes `type`, `start` and `completed`; fit() leaves those to it."""
    runs.write_property(tmp_path, "type", "training")
    runs.write_property(tmp_path, "start", 1000.5)
    runs.write_property(tmp_path, "completed", False)
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    properties = read_run(tmp_path)[0]
    assert properties["start"] == "1000.5" and properties["completed"] == "FALSE"
    assert properties["status"] == "finished" and float(properties["end"]) > 1000.5


def test_tensorboard_logs_unless_the_user_gave_one(tmp_path):
    with rkeras.options({"keras.run_dir": str(tmp_path / "a")}):
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert sorted(os.listdir(tmp_path / "a" / "logs")) == ["train"]
    own = keras.callbacks.TensorBoard(log_dir=str(tmp_path / "mine"))
    with rkeras.options({"keras.run_dir": str(tmp_path / "b")}):
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0, callbacks=[own])
    assert not (tmp_path / "b" / "logs").exists()  # no second TensorBoard callback
    assert os.listdir(tmp_path / "mine") == ["train"]


def test_non_finite_metrics_are_null_in_json_and_kept_in_csv(tmp_path):
    writer = RunWriter(tmp_path)
    writer.on_train_begin(rkeras.KerasTrainingHistory({"epochs": 3, "samples": 5}), None)
    writer.on_epoch_end(rkeras.KerasTrainingHistory({"epochs": 3, "samples": 5}, {"loss": [1.5, math.inf, math.nan]}))
    with open(tmp_path / "tfruns.d" / "metrics.json") as handle:
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
    from rkeras.callback import Recorder
    from rkeras.run_writer import RunWriter

    directory = sys.argv[1]
    recorder = Recorder({"samples": 10, "epochs": 100000}, [RunWriter(directory)])
    recorder.train_begin(None, {})
    print("ready", flush=True)
    for epoch in range(100000):
        logs = {"loss": 1.0 / (epoch + 1), "accuracy": (epoch + 1) / 10.0}
        recorder.epoch_recorded(epoch, logs)
        recorder.epoch_end(epoch, logs)
    """
)


def _env():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=TESTS + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("RUN_DIR", None)
    return env


def test_sigkill_at_any_instant_leaves_valid_files(tmp_path):
    """Killed at random instants while writing: every file parses and holds whole epochs."""
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
        loss, accuracy = finished(metrics.get("loss", [])), finished(metrics.get("accuracy", []))
        done = len(loss)  # {} until the first epoch is written
        assert loss == pytest.approx([1.0 / e for e in range(1, done + 1)])
        assert len(accuracy) in (done, done - 1)  # columns are written one after the other
        assert accuracy == pytest.approx([e / 10.0 for e in range(1, len(accuracy) + 1)])
        # the CSV is appended right after the JSON: it holds the same epochs or one fewer
        csv_done = int(frame.loc[frame["metric"] == "loss", "value"].notna().sum()) if len(frame) else 0
        assert csv_done in (done, done - 1)
        assert frame["epoch"].tolist() == sorted(frame["epoch"].tolist())
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
    assert properties["status"] == "running" and properties["samples"] == "80" and properties["epochs"] == "50"
    assert "end" not in properties
    assert len(metrics["loss"]) == 50
    assert metrics["loss"][:3] == pytest.approx([r["loss"] for r in logged], rel=1e-6)
    assert metrics["loss"][3:] == [None] * 47
    loss = frame[frame["metric"] == "loss"]
    assert loss["value"].tolist() == pytest.approx([r["loss"] for r in logged], rel=1e-6)


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


# -- writes that fail, and what writing costs --------------------------------------

LONG_NAMES = [f"metric_{i:02d}_" + "x" * 200 for i in range(20)]  # each epoch appends > 4 KiB to metrics.csv


def logs_of(epoch):
    return {name: float(epoch + i) for i, name in enumerate(LONG_NAMES)}


class Disk:
    """A run directory whose writes can be made to fail and work again.

    As root (CI): a 256 KiB tmpfs, filled up ("full": ENOSPC) or remounted
    read-only ("read-only": EROFS). Otherwise: "read-only" only, by taking the
    write permission off the run directory, its folders and files.
    """

    def __init__(self, base, mode):
        self.mode, self.root = mode, os.geteuid() == 0
        self.mount = base / "disk"
        self.mount.mkdir()
        if self.root:
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(self.mount)], check=True)
        self.directory = self.mount / "run"

    def break_(self):
        if self.root and self.mode == "full":
            fd = os.open(self.mount / "filler", os.O_WRONLY | os.O_CREAT)
            try:
                while True:
                    os.write(fd, b"\0" * 1024)
            except OSError:
                pass
            finally:
                os.close(fd)
        elif self.root:
            subprocess.run(["mount", "-o", "remount,ro", str(self.mount)], check=True)
        else:
            for root, dirs, files in os.walk(self.directory):
                for name in files:
                    os.chmod(os.path.join(root, name), 0o444)
                os.chmod(root, 0o555)

    def repair(self):
        if self.root and self.mode == "full":
            os.remove(self.mount / "filler")
        elif self.root:
            subprocess.run(["mount", "-o", "remount,rw", str(self.mount)], check=True)
        else:
            for root, dirs, files in os.walk(self.directory):
                os.chmod(root, 0o755)
                for name in files:
                    os.chmod(os.path.join(root, name), 0o644)

    def close(self):
        if self.root:
            subprocess.run(["umount", "-l", str(self.mount)], check=False)


def disk_modes():
    return ["full", "read-only"] if os.geteuid() == 0 else ["read-only"]


@pytest.fixture(params=disk_modes())
def disk(tmp_path, request):
    made = Disk(tmp_path, request.param)
    yield made
    made.close()


def drive(recorder, epochs):
    for epoch in epochs:
        recorder.epoch_recorded(epoch, logs_of(epoch))
        recorder.epoch_end(epoch, logs_of(epoch))


def test_a_failed_write_warns_once_and_is_retried_until_the_files_are_complete(disk):
    from rkeras.callback import Recorder

    recorder = Recorder({"epochs": 6, "samples": 10}, [RunWriter(disk.directory)])
    recorder.train_begin(None, {})
    with pytest.warns(rkeras.RKerasWarning) as caught:
        drive(recorder, [0, 1])
        disk.break_()
        drive(recorder, [2, 3])  # these writes fail
        disk.repair()
        drive(recorder, [4])  # retried here, with epoch 5's
        recorder.train_end()
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and "written again after the next epoch and at the end" in messages[0]
    properties, metrics, frame = read_run(disk.directory)
    assert properties["status"] == "finished" and properties["epochs_completed"] == "5"
    assert metrics[LONG_NAMES[3]] == [float(e + 3) for e in range(5)] + [None]
    assert frame.groupby("metric")["epoch"].apply(list).tolist() == [[1, 2, 3, 4, 5]] * 20  # no row twice
    assert not [f for r, _, fs in os.walk(disk.directory) for f in fs if f.endswith(".tmp")]


def test_writes_failing_to_the_end_say_the_files_are_incomplete(disk):
    from rkeras.callback import Recorder

    recorder = Recorder({"epochs": 3, "samples": 10}, [RunWriter(disk.directory)])
    recorder.train_begin(None, {})
    drive(recorder, [0])
    disk.break_()
    try:
        with pytest.warns(rkeras.RKerasWarning) as caught:
            drive(recorder, [1, 2])
            recorder.train_end()
    finally:
        disk.repair()
    assert len(caught) == 2 and "incomplete" in str(caught[1].message)
    properties, metrics, _ = read_run(disk.directory)
    assert properties["status"] == "running"  # the last status that could be written
    assert len(finished(metrics[LONG_NAMES[0]])) >= 1


def test_a_run_directory_that_cannot_be_written_is_an_error_before_training(disk, capsys):
    disk.directory.mkdir()
    disk.break_()
    model = make_frozen(metrics=())
    model.layers[0].kernel.assign([[5.0]])
    try:
        with rkeras.options({"keras.run_dir": str(disk.directory)}):
            with pytest.raises(rkeras.RKerasError, match="keras.run_dir") as caught:
                rkeras.fit(model, X, X, epochs=2, verbose=1)
    finally:
        disk.repair()
    assert caught.value.argument == "keras.run_dir" and str(disk.directory) in str(caught.value)
    assert int(model.optimizer.iterations.numpy()) == 0 and model.layers[0].kernel.numpy().tolist() == [[5.0]]
    assert capsys.readouterr().out == ""


def test_writing_an_epoch_costs_the_same_after_100000_epochs_as_after_10(tmp_path, monkeypatch):
    """The bytes and system calls one epoch costs do not grow with the history,
    and the recorder never builds the whole history for the run writer."""
    from rkeras import run_metrics
    from rkeras.callback import Recorder

    def cost(directory, recorded):
        recorder = Recorder({"epochs": recorded + 4, "samples": 10}, [RunWriter(directory)])
        recorder.train_begin(None, {})
        names = ["loss", "accuracy", "val_loss", "val_accuracy"]
        for epoch in range(recorded):  # the history so far, handed over at once
            recorder.record(epoch, {n: 1.0 / (epoch + 1 + i) for i, n in enumerate(names)})
        recorder.epoch_end(recorded - 1, {n: 0.5 for n in names})
        calls = {"pwrite": 0, "bytes": 0, "whole files": 0, "histories": 0}
        pwrite, atomic, history = os.pwrite, run_metrics.write_atomic, Recorder.history

        def counted_pwrite(fd, data, offset):
            calls["pwrite"] += 1
            calls["bytes"] += len(data)
            return pwrite(fd, data, offset)

        def counted(name, function):
            def wrapper(*args, **kwargs):
                calls[name] += 1
                return function(*args, **kwargs)
            return wrapper

        monkeypatch.setattr(os, "pwrite", counted_pwrite)
        monkeypatch.setattr(run_metrics, "write_atomic", counted("whole files", atomic))
        monkeypatch.setattr(runs, "write_atomic", counted("whole files", runs.write_atomic))
        monkeypatch.setattr(Recorder, "history", counted("histories", history))

        class Rows(dict):  # walking every recorded epoch would cost more at 100,000 epochs
            def __iter__(self):
                calls["walks"] += 1
                return super().__iter__()

            def keys(self):
                calls["walks"] += 1
                return super().keys()

            def values(self):
                calls["walks"] += 1
                return super().values()

            def items(self):
                calls["walks"] += 1
                return super().items()

        calls["walks"] = 0
        recorder.rows = Rows(recorder.rows)
        for epoch in range(recorded, recorded + 3):
            logs = {n: 0.25 for n in names}
            recorder.epoch_recorded(epoch, logs)
            recorder.epoch_end(epoch, logs)
        monkeypatch.undo()
        return calls

    small, large = cost(tmp_path / "ten", 10), cost(tmp_path / "many", 100_000)
    assert small["whole files"] == large["whole files"] == 0
    assert small["histories"] == large["histories"] == 0
    assert small["walks"] == large["walks"] == 0
    # per epoch: one slot per metric in metrics.json, one append to metrics.csv
    assert small["pwrite"] == large["pwrite"] == 3 * (4 + 1)
    # the same bytes, but for the longer epoch numbers in metrics.csv's 4 rows per epoch (11..13 vs 100001..100003)
    assert large["bytes"] - small["bytes"] == 3 * 4 * (len("100001") - len("11"))
    with open(tmp_path / "many" / "tfruns.d" / "metrics.json") as handle:
        assert json.load(handle)["loss"][-5:] == [0.5, 0.25, 0.25, 0.25, None]


def test_evaluate_inside_a_run_writes_evaluation_json(tmp_path, monkeypatch):
    monkeypatch.delenv("RUN_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    model = make_frozen()
    result = rkeras.evaluate(model, X, X, verbose=0)
    assert os.listdir(tmp_path) == []  # no active run: nothing written
    with rkeras.options({"keras.run_dir": str(tmp_path / "run")}):
        rkeras.fit(model, X, X, epochs=1, verbose=0)
        result = rkeras.evaluate(model, X, X, verbose=0)
    with open(tmp_path / "run" / "tfruns.d" / "evaluation.json") as handle:
        written = json.load(handle)
    assert list(written) == ["loss", "mae"]
    assert written == pytest.approx({"loss": mean_square(X), "mae": float(np.mean(X))})
    assert written == pytest.approx(result.to_dict())
    record = tfruns_record(tmp_path / "run")
    assert record["eval_loss"] == pytest.approx(mean_square(X)) and record["eval_mae"] == pytest.approx(np.mean(X))

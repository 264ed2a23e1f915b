"""TensorBoard logs in the run directory, as R keras wrote them whenever a run was active.

The event files are read back with TensorFlow's own reader: they must hold
every epoch's metrics, training under ``logs/train`` and validation under
``logs/validation`` (Keras' layout), with the values the history holds.
"""

from __future__ import annotations

import glob
import os

import numpy as np
import pytest

import rkeras
from conftest import make_frozen, mean_square

X = np.arange(1, 41, dtype="float32")


def epoch_scalars(folder) -> dict:
    """{tag: {step: value}} of the scalars in every event file under ``folder``."""
    import tensorflow as tf

    found: dict = {}
    for path in glob.glob(os.path.join(folder, "events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(path):
            for value in event.summary.value:
                if value.HasField("tensor"):
                    array = tf.make_ndarray(value.tensor)
                    if array.dtype.kind not in "fiu":
                        continue  # the model's config, written as text
                    number = float(array)
                else:
                    number = float(value.simple_value)
                found.setdefault(value.tag, {})[int(event.step)] = number
    return found


def test_event_files_hold_every_epochs_metrics(tmp_path):
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        history = rkeras.fit(make_frozen(), X, X, epochs=3, batch_size=10, validation_split=0.25, verbose=0)
    train = epoch_scalars(tmp_path / "logs" / "train")
    validation = epoch_scalars(tmp_path / "logs" / "validation")
    assert train["epoch_loss"] == pytest.approx({0: mean_square(X[:30]), 1: mean_square(X[:30]), 2: mean_square(X[:30])})
    assert train["epoch_mae"] == pytest.approx(dict(enumerate(history.metrics["mae"])))
    assert validation["epoch_loss"] == pytest.approx(dict(enumerate(history.metrics["val_loss"])))
    assert validation["epoch_mae"] == pytest.approx(dict(enumerate(history.metrics["val_mae"])))


def test_tf_keras_models_log_too(tmp_path):
    tf_keras = pytest.importorskip("tf_keras")
    model = tf_keras.Sequential([tf_keras.Input((1,)), tf_keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer=tf_keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        rkeras.fit(model, X, X, epochs=2, batch_size=20, verbose=0)
    train = epoch_scalars(tmp_path / "logs" / "train")
    assert train["epoch_loss"] == pytest.approx({0: mean_square(X), 1: mean_square(X)})


def test_no_logs_without_a_run_directory_and_none_on_workers(tmp_path, monkeypatch):
    monkeypatch.delenv("RUN_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    with rkeras.options({"keras.run_dir": str(tmp_path / "run"), "rkeras.role": "worker"}):
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0)
    assert os.listdir(tmp_path) == []


def test_without_the_tensorboard_package_one_warning_and_training_goes_on(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tensorboard" else real(name, *a))
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        with pytest.warns(rkeras.RKerasWarning, match="tensorboard package is not installed") as caught:
            history = rkeras.fit(make_frozen(), X, X, epochs=2, verbose=0)
    assert len([w for w in caught if "tensorboard" in str(w.message)]) == 1
    assert history.epochs_trained == 2 and not (tmp_path / "logs").exists()


def test_a_stopped_fit_leaves_its_finished_epochs_in_the_event_files(tmp_path):
    """Keras flushes the event files at every epoch's end, so a fit a callback stops keeps them."""
    import keras

    class Fails(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 2:
                raise RuntimeError("stop")

    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        with pytest.raises(RuntimeError):
            rkeras.fit(make_frozen(), X, X, epochs=5, batch_size=20, verbose=0, callbacks=[Fails()])
    train = epoch_scalars(tmp_path / "logs" / "train")  # read while this process still runs
    assert train["epoch_loss"] == pytest.approx({0: mean_square(X), 1: mean_square(X)})

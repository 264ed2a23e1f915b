"""Nothing lost when fit() is stopped: Ctrl-C and callbacks that raise.

The error reaches the user unchanged (same object, type, message and
traceback); the history of the finished epochs travels with it as
``error.history``, is ``rkeras.last_history()``, and the run directory holds
those epochs with status "stopped". Ctrl-C is a real SIGINT sent to a child
process that is training.
"""

from __future__ import annotations

import json
import os
import threading
import signal
import subprocess
import sys
import textwrap
import time

import keras
import numpy as np
import pytest

import rkeras
from conftest import make_frozen, mean_square
from test_runs import TESTS, read_run, wait_for

N = 40
X = np.arange(1, N + 1, dtype="float32")


class Boom(Exception):
    """A user's own error type, with its own attribute."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class RaiseAt(keras.callbacks.Callback):
    def __init__(self, event, epoch, error):
        super().__init__()
        self.event, self.epoch, self.error = event, epoch, error

    def on_epoch_begin(self, epoch, logs=None):
        if self.event == "epoch_begin" and epoch == self.epoch:
            raise self.error

    def on_train_batch_end(self, batch, logs=None):
        if self.event == "batch_end" and self.current == self.epoch and batch == 1:
            raise self.error

    def on_epoch_end(self, epoch, logs=None):
        self.current = epoch + 1

    def on_train_begin(self, logs=None):
        self.current = 0


@pytest.mark.parametrize("event", ["epoch_begin", "batch_end"])
def test_failing_callback_error_reaches_user_unchanged_with_history(tmp_path, event):
    error = Boom("the user's callback failed", code=7)
    model = make_frozen()
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        with pytest.raises(Boom) as caught:
            rkeras.fit(model, X, X, epochs=6, batch_size=10, validation_split=0.5, verbose=0,
                       callbacks=[RaiseAt(event, 2, error)])
    assert caught.value is error  # the very object raised: not wrapped, not re-created
    assert type(caught.value) is Boom and str(caught.value) == "the user's callback failed"
    assert caught.value.code == 7
    assert caught.traceback[-1].name in ("on_epoch_begin", "on_train_batch_end")  # raised where it was

    history = caught.value.history
    assert rkeras.last_history() is history
    assert history.epochs_trained == 2  # epochs 1 and 2 finished, epoch 3 did not
    assert history.metrics["loss"] == pytest.approx([mean_square(X[:20])] * 2)
    assert history.metrics["val_loss"] == pytest.approx([mean_square(X[20:])] * 2)
    assert str(history).splitlines()[0] == "Trained on 20 samples, validated on 20 samples (batch_size=10, epochs=2)"
    frame = history.to_data_frame()
    assert frame["epoch"].max() == 6 and frame["value"].notna().sum() == 2 * 4  # 2 epochs x 4 metrics

    properties, metrics, _ = read_run(tmp_path)
    assert properties["status"] == "stopped" and properties["completed"] == "FALSE"
    assert properties["stopped_by"] == "Boom: the user's callback failed"
    assert properties["epochs_completed"] == "2"
    assert metrics["loss"] == pytest.approx([mean_square(X[:20])] * 2 + [None] * 4)
    error_json = json.loads((tmp_path / "tfruns.d" / "error.json").read_text())
    assert error_json["message"] == "the user's callback failed"
    assert error_json["traceback"][-1].endswith("Boom: the user's callback failed")


class Writes(keras.callbacks.Callback):
    """A user callback that adds a value to the logs, as R users' callbacks do."""

    def on_epoch_end(self, epoch, logs=None):
        logs["written_by_user"] = 10.0 * (epoch + 1)


@pytest.mark.parametrize("error", [Boom("raised at an epoch's end", code=1), KeyboardInterrupt()])
def test_a_callback_raising_in_on_epoch_end_loses_no_epoch(tmp_path, error):
    """The recorder sees the epoch before any user callback: epoch 2 ended, so it is kept,
    with what a callback wrote into the logs before the failing one ran."""
    model = make_frozen()
    with rkeras.options({"keras.run_dir": str(tmp_path)}):
        with pytest.raises(type(error)) as caught:
            rkeras.fit(model, X, X, epochs=5, batch_size=10, validation_split=0.5, verbose=0,
                       callbacks=[Writes(), RaiseAtEpochEnd(1, error)])
    assert caught.value is error
    history = caught.value.history
    assert rkeras.last_history() is history
    assert history.epochs_trained == 2
    assert history.metrics["loss"] == pytest.approx([mean_square(X[:20])] * 2)
    assert history.metrics["written_by_user"] == [10.0, 20.0]

    properties, metrics, frame = read_run(tmp_path)
    assert properties["status"] == "stopped" and properties["epochs_completed"] == "2"
    assert metrics["loss"] == pytest.approx([mean_square(X[:20])] * 2 + [None] * 3)
    assert metrics["written_by_user"] == [10.0, 20.0, None, None, None]
    assert sorted(frame["epoch"].unique().tolist()) == [1, 2]
    assert (tmp_path / "tfruns.d" / "error.json").exists() is isinstance(error, Exception)  # not for Ctrl-C


class RaiseAtEpochEnd(keras.callbacks.Callback):
    def __init__(self, epoch, error):
        super().__init__()
        self.epoch, self.error = epoch, error

    def on_epoch_end(self, epoch, logs=None):
        if epoch == self.epoch:
            raise self.error


def test_a_failing_observer_warns_once_and_training_goes_on(tmp_path):
    from rkeras.callback import Recorder

    class Broken:
        def on_epoch_end(self, history):
            raise OSError("the viewer's disk went away")

    recorder = Recorder({"epochs": 3}, [Broken()])
    recorder.train_begin(None, {})
    with pytest.warns(rkeras.RKerasWarning, match="Broken stopped after an error") as caught:
        for epoch in range(3):
            recorder.epoch_recorded(epoch, {"loss": 1.0})
            recorder.epoch_end(epoch, {"loss": 1.0})
    assert len(caught) == 1 and recorder.train_end().epochs_trained == 3


def test_error_before_the_first_epoch_ends_keeps_an_empty_history():
    error = RuntimeError("no epoch finished")
    with pytest.raises(RuntimeError) as caught:
        rkeras.fit(make_frozen(), X, X, epochs=3, verbose=0, callbacks=[RaiseAt("epoch_begin", 0, error)])
    assert caught.value is error
    assert caught.value.history.epochs_trained == 0
    assert rkeras.last_history() is caught.value.history
    assert str(caught.value.history) == "Trained on 40 samples (batch_size=32, epochs=0)\nFinal epoch (plot to see history):"


def test_model_trains_normally_after_a_stopped_fit():
    model = make_frozen()
    with pytest.raises(ValueError):
        rkeras.fit(model, X, X, epochs=3, verbose=0, callbacks=[RaiseAt("epoch_begin", 1, ValueError("x"))])
    history = rkeras.fit(model, X, X, epochs=2, verbose=0)
    assert history.epochs_trained == 2 and rkeras.last_history() is history


# -- a real Ctrl-C (SIGINT) and a failing callback in a training process -------

CHILD = textwrap.dedent(
    """
    import json, os, signal, sys, time
    import keras, numpy as np
    import rkeras

    # As in a terminal: Ctrl-C raises KeyboardInterrupt. (A process started from a
    # background job, as CI may be, inherits SIGINT ignored and Python keeps it so.)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    directory, ready = sys.argv[1], sys.argv[2]
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).normal(size=(80, 2)).astype("float32")
    y = x @ np.array([[1.0], [-2.0]], dtype="float32")
    report = {}

    class Logged(keras.callbacks.Callback):  # what Keras logged at each epoch's end
        def on_train_begin(self, logs=None):
            self.losses = []
        def on_epoch_end(self, epoch, logs=None):
            self.losses.append(float(logs["loss"]))

    # 1. a callback that raises in epoch 3
    class Fails(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 2:
                raise ZeroDivisionError("division by zero in a callback")

    logged = Logged()
    try:
        rkeras.fit(model, x, y, epochs=5, batch_size=20, verbose=0, callbacks=[logged, Fails()])
    except ZeroDivisionError as error:
        report["callback"] = {
            "type": type(error).__name__, "message": str(error),
            "same_history": error.history is rkeras.last_history(),
            "loss": error.history.metrics["loss"], "logged": logged.losses,
        }

    # 2. Ctrl-C in epoch 4, run directory set
    class Ready(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 3:
                open(ready, "w").close()  # three epochs finished: the parent may press Ctrl-C
        def on_train_batch_end(self, batch, logs=None):
            if os.path.exists(ready):
                time.sleep(0.05)  # epoch 4 takes over 1 s

    logged = Logged()
    try:
        with rkeras.options({"keras.run_dir": directory}):
            rkeras.fit(model, x, y, epochs=50, batch_size=4, verbose=0, callbacks=[logged, Ready()])
        report["interrupt"] = "fit returned"
    except KeyboardInterrupt as error:
        report["interrupt"] = {
            "type": type(error).__name__,
            "same_history": error.history is rkeras.last_history(),
            "epochs_trained": error.history.epochs_trained,
            "loss": error.history.metrics["loss"], "logged": logged.losses,
            "printed": str(error.history),
            "rows": len(error.history.to_data_frame()),
        }
    print(json.dumps(report), flush=True)
    """
)


def test_ctrl_c_and_failing_callback_in_a_training_process(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    directory, ready = tmp_path / "run", tmp_path / "ready"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=TESTS + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("RUN_DIR", None)
    child = subprocess.Popen([sys.executable, str(script), str(directory), str(ready)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wait_for(ready, child)
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)  # what Ctrl-C in a terminal sends
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()[-2000:]
    report = json.loads(out.decode().strip().splitlines()[-1])

    failed = report["callback"]
    assert failed["type"] == "ZeroDivisionError" and failed["message"] == "division by zero in a callback"
    assert failed["same_history"] is True
    assert len(failed["loss"]) == 2 and failed["loss"] == pytest.approx(failed["logged"], rel=1e-6)

    stopped = report["interrupt"]
    assert stopped["type"] == "KeyboardInterrupt" and stopped["same_history"] is True
    assert stopped["epochs_trained"] == 3
    assert stopped["loss"] == pytest.approx(stopped["logged"], rel=1e-6)
    assert stopped["printed"].splitlines()[0] == "Trained on 80 samples (batch_size=4, epochs=3)"
    assert stopped["rows"] == 50 * 2  # epochs 1..50 x (loss, mae), unfinished ones NaN

    properties, metrics, frame = read_run(directory)
    assert properties["status"] == "stopped" and properties["stopped_by"] == "KeyboardInterrupt"
    assert properties["epochs_completed"] == "3" and "end" in properties
    assert metrics["loss"][:3] == pytest.approx(stopped["logged"], rel=1e-6)
    assert metrics["loss"][3:] == [None] * 47
    assert int(frame["value"].notna().sum()) == 3 * 2


# -- SIGTERM: handled like Ctrl-C ----------------------------------------------------

SIGTERM_CHILD = textwrap.dedent(
    """
    import json, os, signal, sys, time
    import keras, numpy as np
    import rkeras

    directory, ready = sys.argv[1], sys.argv[2]
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse", metrics=["mae"])
    x = np.random.default_rng(0).normal(size=(80, 2)).astype("float32")
    y = x @ np.array([[1.0], [-2.0]], dtype="float32")

    class Ready(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.losses = []
        def on_epoch_end(self, epoch, logs=None):
            self.losses.append(float(logs["loss"]))
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 3:
                open(ready, "w").close()  # three epochs finished: the parent may send SIGTERM
        def on_train_batch_end(self, batch, logs=None):
            if os.path.exists(ready):
                time.sleep(0.05)

    logged = Ready()
    report = {"before": str(signal.getsignal(signal.SIGTERM))}
    try:
        with rkeras.options({"keras.run_dir": directory}):
            rkeras.fit(model, x, y, epochs=50, batch_size=4, verbose=0, callbacks=[logged])
        report["sigterm"] = "fit returned"
    except KeyboardInterrupt as error:
        report["sigterm"] = {"type": type(error).__name__, "epochs_trained": error.history.epochs_trained,
                             "same_history": error.history is rkeras.last_history(),
                             "loss": error.history.metrics["loss"], "logged": logged.losses}
    report["after"] = str(signal.getsignal(signal.SIGTERM))  # the default again
    print(json.dumps(report), flush=True)
    """
)


def test_sigterm_stops_training_like_ctrl_c_and_completes_the_run_files(tmp_path):
    script = tmp_path / "child.py"
    script.write_text(SIGTERM_CHILD)
    directory, ready = tmp_path / "run", tmp_path / "ready"
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=TESTS + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("RUN_DIR", None)
    child = subprocess.Popen([sys.executable, str(script), str(directory), str(ready)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wait_for(ready, child)
    time.sleep(0.2)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err.decode()[-2000:]
    report = json.loads(out.decode().strip().splitlines()[-1])
    assert report["before"] == report["after"] == str(signal.SIG_DFL)

    stopped = report["sigterm"]
    assert stopped["type"] == "Terminated" and stopped["same_history"] is True
    assert stopped["epochs_trained"] == 3
    assert stopped["loss"] == pytest.approx(stopped["logged"], rel=1e-6)

    properties, metrics, frame = read_run(directory)
    assert properties["status"] == "stopped" and properties["stopped_by"] == "Terminated: SIGTERM"
    assert properties["epochs_completed"] == "3" and properties["completed"] == "FALSE" and "end" in properties
    assert metrics["loss"][:3] == pytest.approx(stopped["logged"], rel=1e-6)
    assert metrics["loss"][3:] == [None] * 47
    assert int(frame["value"].notna().sum()) == 3 * 2
    assert not (directory / "tfruns.d" / "error.json").exists()  # an interrupt, not an error


def test_sigterm_handler_only_during_fit_in_the_main_thread_and_never_over_the_programs_own():
    import signal as signals

    from rkeras.signals import sigterm_as_interrupt

    seen = {}

    class Peek(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen[threading.current_thread().name] = signals.getsignal(signals.SIGTERM)

    assert signals.getsignal(signals.SIGTERM) is signals.SIG_DFL
    rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0, callbacks=[Peek()])
    assert callable(seen["MainThread"]) and seen["MainThread"] is not signals.SIG_DFL
    assert signals.getsignal(signals.SIGTERM) is signals.SIG_DFL  # restored

    worker = threading.Thread(target=lambda: rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0, callbacks=[Peek()]),
                              name="worker")
    worker.start()
    worker.join()
    assert seen["worker"] is signals.SIG_DFL  # signal handlers belong to the main thread

    def own(signum, frame):
        pass

    previous = signals.signal(signals.SIGTERM, own)
    try:
        rkeras.fit(make_frozen(), X, X, epochs=1, verbose=0, callbacks=[Peek()])
        assert seen["MainThread"] is own
        with sigterm_as_interrupt():
            assert signals.getsignal(signals.SIGTERM) is own
    finally:
        signals.signal(signals.SIGTERM, previous)

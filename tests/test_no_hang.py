"""No process hangs: after fit() on the streams rkeras pipes through tf.data, the process exits.

A tf.data iterator over a Python source still alive at interpreter exit
(kept by a stored exception's traceback, by the model, or by a reference
cycle) made one full test run in three hang at exit, and delayed others by
5-40 s. Here many processes each train on every such kind of input --
generator functions, iterators, HDF5 files, validation generators and
iterators, PyDatasets and tf_keras Sequences, and a fit that raises, whose
error is kept until exit -- and then exit normally; every one must exit
promptly.

To keep this affordable, the processes are forked from one that has
imported TensorFlow, Keras and rkeras but run nothing (so no TensorFlow
thread exists yet): each child starts TensorFlow's runtime itself, trains,
and goes through the normal interpreter exit (atexit handlers, garbage
collection, TensorFlow's destructors), which is what is under test. The
parent's imported objects are frozen (``gc.freeze()``) so that the child's
exit does not spend seconds collecting them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

pytest.importorskip("h5py")
pytest.importorskip("tf_keras")

#: processes forked, each training on every kind once
RUNS = 20
#: seconds a child may take from the end of its script to being gone (a hang is forever;
#: exits delayed by tf.data's autotune thread took 10, 20, 40 s; a normal exit takes under 1 s
#: on an idle machine, a few on a busy one)
EXIT_LIMIT = 10.0
#: children alive at a time (the machine has two cores)
PARALLEL = 2
#: seconds a child may take in all before it is killed and counted as hung
CHILD_LIMIT = 90.0

CHILD = textwrap.dedent('''
    import gc
    import numpy as np
    import keras, tf_keras, h5py
    import rkeras

    def frozen():
        model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")])
        model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
        return model

    def batch():
        return [np.ones((2, 1)), np.ones(2)]

    def endless():
        while True:
            yield batch()

    class Flow(keras.utils.PyDataset):
        def __len__(self):
            return 3

        def __getitem__(self, index):
            return np.ones((2, 1)), np.ones(2)

    class Sequence(tf_keras.utils.Sequence):
        def __len__(self):
            return 3

        def __getitem__(self, index):
            return np.ones((2, 1)), np.ones(2)

    calls = [0]

    def failing():
        calls[0] += 1
        if calls[0] > 3:
            raise RuntimeError("the data went away")
        return batch()

    model = frozen()
    fit = lambda *args, **kwargs: rkeras.fit(model, *args, verbose=0, **kwargs)
    # generator function, validation iterator
    fit(batch, steps_per_epoch=2, epochs=1, validation_data=endless(), validation_steps=2)
    # iterator, validation generator function
    fit(endless(), steps_per_epoch=2, epochs=1, validation_data=batch, validation_steps=2)
    # HDF5, validation from the same file
    with h5py.File(HDF5, "r") as f:
        fit(f["x"], f["y"], batch_size=4, epochs=1, shuffle="batch", validation_split=0.3)
    # PyDataset (an endless stream), tf_keras Sequence as validation (one pass)
    fit(Flow(), steps_per_epoch=2, epochs=1, validation_data=Sequence())
    # a fit that raises in the third epoch; its error (and traceback) is kept until exit
    try:
        fit(failing, steps_per_epoch=2, epochs=2, validation_data=Flow(), validation_steps=1)
    except RuntimeError as error:
        kept = error
''')

ZYGOTE = textwrap.dedent('''
    import gc, json, os, select, sys, time
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import numpy as np, tensorflow, keras, tf_keras, h5py, rkeras

    runs, parallel, child_limit, path, code = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
    with h5py.File(path, "w") as f:
        f["x"] = np.arange(10.0).reshape(-1, 1)
        f["y"] = np.arange(10.0)
    child = compile(code, "no_hang_child", "exec")
    gc.collect()
    gc.freeze()
    def start():
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)  # TensorFlow's log lines
            status = 0
            try:
                exec(child, {"__name__": "__main__", "HDF5": path})
            except BaseException as error:
                os.write(write, ("error " + repr(error)[:300]).encode())
                status = 1
            else:
                os.write(write, b"done %f" % time.time())
            os.close(write)
            sys.exit(status)   # the normal interpreter exit: what is under test
        os.close(write)
        return {"pid": pid, "read": read, "started": time.time(), "message": b""}

    results, active, remaining = [], [], runs
    while remaining or active:
        while remaining and len(active) < parallel:
            active.append(start())
            remaining -= 1
        ready, _, _ = select.select([c["read"] for c in active], [], [], 0.05)
        for c in list(active):
            if c["read"] in ready:
                c["message"] += os.read(c["read"], 400)
            done, status = os.waitpid(c["pid"], os.WNOHANG)
            if not done and time.time() - c["started"] < child_limit:
                continue
            if not done:
                os.kill(c["pid"], 9)
                os.waitpid(c["pid"], 0)
                status = "killed"
            gone = time.time()
            if status != "killed":
                c["message"] += os.read(c["read"], 400)
            os.close(c["read"])
            active.remove(c)
            text = c["message"].decode()
            exit_seconds = gone - float(text.split()[1]) if text.startswith("done") else None
            results.append({"status": status, "message": text[:300], "exit_seconds": exit_seconds})
    print(json.dumps(results))
''')


def test_processes_exit_promptly_after_streams(tmp_path):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", ZYGOTE, str(RUNS), str(PARALLEL), str(CHILD_LIMIT), str(tmp_path / "data.h5"), CHILD],
        capture_output=True, text=True, env=env, timeout=RUNS * CHILD_LIMIT + 120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    results = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(results) == RUNS
    failed = [r for r in results if r["status"] != 0 or not r["message"].startswith("done")]
    assert not failed, failed
    slow = [r["exit_seconds"] for r in results if r["exit_seconds"] > EXIT_LIMIT]
    clean = RUNS - len(slow)
    print(f"{clean} of {RUNS} processes exited cleanly within {EXIT_LIMIT} s ({time.time() - started:.0f} s "
          f"in all); exit times: "
          + ", ".join(f"{r['exit_seconds']:.2f}" for r in results))
    assert not slow, f"{len(slow)} of {RUNS} processes took more than {EXIT_LIMIT} s to exit: {slow}"


# -- in process: what makes the exits safe ---------------------------------------------

@pytest.fixture
def sources(monkeypatch):
    """Every pipeline rkeras builds during the test."""
    from rkeras.inputs import pipeline

    made = []
    original = pipeline.Pipeline.dataset

    def recording(self, *args, **kwargs):
        made.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pipeline.Pipeline, "dataset", recording)
    return made


def frozen_model():
    import keras

    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    return model


def test_a_fit_that_raises_leaves_no_iterator_alive(sources):
    import numpy as np

    calls = [0]

    def failing():
        calls[0] += 1
        if calls[0] > 3:
            raise RuntimeError("the data went away")
        return [np.ones((2, 1)), np.ones(2)]

    def batch():
        return [np.ones((2, 1)), np.ones(2)]

    model = frozen_model()
    with pytest.raises(RuntimeError, match="the data went away") as caught:
        rkeras_fit(model, failing, steps_per_epoch=2, epochs=3, validation_data=batch, validation_steps=1)
    kept = caught.value  # the error and its traceback stay alive, as in a notebook's last error
    assert len(sources) == 2
    # every tf.data iterator over them is gone (the model's validation iterator, Keras' frames' locals)
    assert [s.live_passes() for s in sources] == [0, 0]
    assert all(s.closed for s in sources)
    assert getattr(model, "_eval_epoch_iterator", None) is None
    frames = [tb for tb in __import__("traceback").walk_tb(kept.__traceback__)]
    assert "failing" in [frame.f_code.co_name for frame, _ in frames]   # still readable
    assert [f.f_locals["calls"] for f, _ in frames if f.f_code.co_name == "failing"] == [[4]]  # your locals kept


def test_pipelines_run_without_the_autotune_thread(sources):
    import numpy as np

    rkeras_fit(frozen_model(), lambda: [np.ones((2, 1)), np.ones(2)], steps_per_epoch=1, epochs=1)
    source = sources[0]
    assert source.dataset().options().autotune.enabled is False


def rkeras_fit(*args, **kwargs):
    import rkeras

    return rkeras.fit(*args, verbose=0, **kwargs)

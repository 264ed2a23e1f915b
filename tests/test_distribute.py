"""fit() under tf.distribute, R's multi_gpu_model(), and the local launcher.

Device layouts can only be chosen before TensorFlow starts, and workers are
processes, so the strategy tests run in subprocesses (with timeouts): one for
MirroredStrategy over two logical CPU devices, one launch of two workers on
127.0.0.1. Each script writes what it saw as JSON; the asserts are here.
"""

import io
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError
from rkeras.launch import TIMEOUT_STATUS, launch

pytest.importorskip("tf_keras")


def run_python(args, timeout, cwd):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    env.pop("TF_CONFIG", None)
    env.pop("RKERAS_ROLE", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def write(path, text):
    path.write_text(textwrap.dedent(text))
    return str(path)


# -- one machine, two devices ---------------------------------------------------

MIRRORED = """
import json, sys
import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras, tf_keras, rkeras

rng = np.random.default_rng(0)
x = rng.normal(size=(40, 3))
y = x @ np.array([1.0, -2.0, 0.5]) + 0.1

def build(engine):
    model = engine.Sequential([engine.Input((3,)), engine.layers.Dense(1, kernel_initializer="ones")])
    model.compile(optimizer=engine.optimizers.SGD(learning_rate=0.05), loss="mse", metrics=["mae"])
    return model

def train(model):
    history = rkeras.fit(model, x, y, epochs=3, batch_size=8, shuffle=False, verbose=0)
    return {"metrics": history.metrics, "params": history.params, "text": str(history),
            "weights": [w.tolist() for w in model.get_weights()],
            "replicas": model.distribute_strategy.num_replicas_in_sync}

out = {}
out["single"] = train(build(keras))
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    mirrored = build(keras)
out["mirrored"] = train(mirrored)

for engine in (keras, tf_keras):
    template = build(engine)
    template.set_weights([w * 0.5 for w in template.get_weights()])
    copy = rkeras.multi_gpu_model(template, gpus=["/cpu:0", "/device:CPU:1"])
    out["copy_" + engine.__name__] = {
        "same_weights": all(np.array_equal(a, b) for a, b in zip(template.get_weights(), copy.get_weights())),
        "shares_weights": copy.weights[0] is template.weights[0],
        "class": type(copy).__module__.split(".")[0],
        "compile": copy.get_compile_config() == template.get_compile_config(),
    }
    template.set_weights([np.ones_like(w) if i == 0 else np.zeros_like(w) for i, w in enumerate(template.get_weights())])
    copy.set_weights(template.get_weights())
    out["copy_" + engine.__name__].update(train(copy))
out["single_tf_keras"] = train(build(tf_keras))

try:
    rkeras.multi_gpu_model(build(keras), gpus=["/cpu:0", "/cpu:5"])
except rkeras.RKerasError as error:
    out["bad_device"] = {"argument": error.argument, "message": str(error)}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory):
    directory = tmp_path_factory.mktemp("mirrored")
    result = run_python([write(directory / "mirrored.py", MIRRORED)], timeout=240, cwd=directory)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_mirrored_strategy_trains_like_one_device(mirrored):
    single, mirror = mirrored["single"], mirrored["mirrored"]
    assert single["replicas"] == 1 and mirror["replicas"] == 2
    assert mirror["params"] == single["params"]                   # batch_size is the global batch
    assert mirror["params"]["steps"] == 5
    for name in ("loss", "mae"):
        np.testing.assert_allclose(mirror["metrics"][name], single["metrics"][name], rtol=1e-5)
    assert single["metrics"]["loss"][-1] < single["metrics"]["loss"][0]
    for a, b in zip(mirror["weights"], single["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("engine", ["keras", "tf_keras"])
def test_multi_gpu_model_copies_the_model_onto_the_devices(mirrored, engine):
    copy = mirrored[f"copy_{engine}"]
    single = mirrored["single" if engine == "keras" else "single_tf_keras"]
    assert copy["class"] == engine
    assert copy["same_weights"] and not copy["shares_weights"] and copy["compile"]
    assert copy["replicas"] == 2
    for name in ("loss", "mae"):
        np.testing.assert_allclose(copy["metrics"][name], single["metrics"][name], rtol=1e-5)


def test_multi_gpu_model_names_an_unknown_device(mirrored):
    error = mirrored["bad_device"]
    assert error["argument"] == "gpus"
    assert "'/cpu:5' is not one" in error["message"] and "/device:CPU:1" in error["message"]


def test_multi_gpu_model_without_gpu_is_an_error_naming_gpus():
    import tensorflow as tf

    if tf.config.list_logical_devices("GPU"):
        pytest.skip("this machine has a GPU")
    from conftest import make_frozen

    model = make_frozen()
    with pytest.raises(RKerasError, match=r"`gpus`.*no GPU.*Got gpus=None") as info:
        rkeras.multi_gpu_model(model)
    assert info.value.argument == "gpus"
    with pytest.raises(RKerasError, match=r"`gpus` should be at most the number of GPUs available \(0\)\. Got gpus=2"):
        rkeras.multi_gpu_model(model, gpus=2)
    with pytest.raises(RKerasError, match="`gpus`"):
        rkeras.multi_gpu_model(model, gpus=True)


# -- several workers on loopback ------------------------------------------------

WORKER = """
import json, os, sys
import numpy as np
import tensorflow as tf
import keras, tf_keras, rkeras

out_dir = sys.argv[1]
task = json.loads(os.environ["TF_CONFIG"])["task"]["index"]
np.random.seed(task)                          # different on each worker: the order must still agree
rkeras.options({"keras.run_dir": os.path.join(out_dir, f"run-{task}")})
strategy = tf.distribute.MultiWorkerMirroredStrategy()
out = {"role": rkeras.environment.role()}

x = np.arange(1, 21, dtype="float64")       # 16 to train, 4 to validate; batches of 6, 6, 4
with strategy.scope():
    frozen = tf_keras.Sequential([tf_keras.Input((1,)), tf_keras.layers.Dense(1, kernel_initializer="zeros")])
    frozen.compile(optimizer=tf_keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mae"])
history = rkeras.fit(frozen, x, x, epochs=3, batch_size=6, validation_split=0.2)   # verbose "auto"
out["frozen"] = {"metrics": history.metrics, "params": history.params, "text": str(history)}

class FirstBatch(tf_keras.callbacks.Callback):
    values = []
    def on_train_batch_end(self, batch, logs=None):
        if batch == 0:
            self.values.append(float(logs["loss"]))

history = rkeras.fit(frozen, x, x, epochs=2, batch_size=3, shuffle="batch", verbose=0, callbacks=[FirstBatch()])
out["frozen_batch_shuffle"] = {"loss": history.metrics["loss"], "first_batch": FirstBatch.values}
history = rkeras.fit(frozen, x, x, epochs=2, batch_size=4, steps_per_epoch=5, verbose=0)   # Keras shuffles here too
out["frozen_steps"] = history.metrics["loss"]

rng = np.random.default_rng(0)
x2 = rng.normal(size=(30, 2))
y2 = x2 @ np.array([2.0, -1.0]) + 0.5
with strategy.scope():
    learner = tf_keras.Sequential([tf_keras.Input((2,)), tf_keras.layers.Dense(1)])
    learner.compile(optimizer=tf_keras.optimizers.SGD(learning_rate=0.05), loss="mse")
history = rkeras.fit(learner, x2, y2, epochs=4, batch_size=8, verbose=0)
out["learner"] = {"loss": history.metrics["loss"], "weights": [w.tolist() for w in learner.get_weights()]}

with strategy.scope():
    modern = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    modern.compile(optimizer="sgd", loss="mse")
before = [w.copy() for w in modern.get_weights()]
try:
    rkeras.fit(modern, x, x, epochs=1, verbose=0)
except rkeras.RKerasError as error:
    out["keras3"] = {"argument": error.argument, "message": str(error),
                     "untouched": all(np.array_equal(a, b) for a, b in zip(before, modern.get_weights()))}
with open(os.path.join(out_dir, f"worker-{task}.json"), "w") as f:
    json.dump(out, f)
"""


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    directory = tmp_path_factory.mktemp("workers")
    script = write(directory / "worker.py", WORKER)
    result = run_python(["-m", "rkeras.launch", "--workers", "2", "--timeout", "300", script, str(directory)],
                        timeout=360, cwd=directory)
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-3000:])
    outputs = [json.loads((directory / f"worker-{i}.json").read_text()) for i in range(2)]
    return directory, result, outputs


def test_two_workers_visit_every_sample_once_per_epoch(two_workers):
    _, _, (chief, other) = two_workers
    assert (chief["role"], other["role"]) == ("chief", "worker")
    x = np.arange(1, 21, dtype="float64")
    for out in (chief, other):
        frozen = out["frozen"]
        # closed form: predictions are 0, so each loss is the mean of y**2 over exactly those rows
        assert frozen["metrics"]["loss"] == pytest.approx([np.mean(x[:16] ** 2)] * 3)
        assert frozen["metrics"]["mae"] == pytest.approx([np.mean(x[:16])] * 3)
        assert frozen["metrics"]["val_loss"] == pytest.approx([np.mean(x[16:] ** 2)] * 3)
        assert frozen["params"]["samples"] == 16 and frozen["params"]["steps"] == 3
        # R's shuffle="batch": chunks of 3 in a new order each epoch (the last, of 2, last);
        # every global batch is one whole chunk, whose halves the two workers share
        batch_shuffle = out["frozen_batch_shuffle"]
        assert batch_shuffle["loss"] == pytest.approx([np.mean(x**2)] * 2)
        assert out["frozen_steps"] == pytest.approx([np.mean(x**2)] * 2)
        # (batch logs are the cluster's, not summed over workers as tf_keras' own default has them)
        chunk_losses = [np.mean(x[i:i + 3] ** 2) for i in range(0, 18, 3)]
        for first in batch_shuffle["first_batch"]:
            assert min(abs(first - c) for c in chunk_losses) < 1e-3, (first, chunk_losses)
    assert chief["frozen"]["text"] == other["frozen"]["text"]
    assert chief["frozen"]["text"].startswith("Trained on 16 samples, validated on 4 samples (batch_size=6, epochs=3)")


def test_two_workers_end_with_the_same_weights(two_workers):
    _, _, (chief, other) = two_workers
    assert chief["learner"]["weights"] == other["learner"]["weights"]
    assert chief["learner"]["loss"] == other["learner"]["loss"]
    assert chief["learner"]["loss"][-1] < chief["learner"]["loss"][0]


def test_only_the_chief_prints_and_writes_run_files(two_workers):
    directory, result, _ = two_workers
    lines = result.stdout.splitlines()
    chief_epochs = [l for l in lines if l.startswith("[worker 0] Epoch ")]
    assert chief_epochs == ["[worker 0] Epoch 1/3", "[worker 0] Epoch 2/3", "[worker 0] Epoch 3/3"]
    assert any(l.startswith("[worker 0] 3/3 - ") and "val_loss: 343.5000" in l for l in lines)  # verbose 2: mean(17..20 ** 2)
    assert not any(l.startswith("[worker 1]") and ("Epoch" in l or "loss" in l) for l in lines)
    assert (directory / "run-0" / "tfruns.d" / "metrics.json").exists() and (directory / "run-0" / "logs").is_dir()
    assert not (directory / "run-1").exists()


def test_keras3_model_under_multi_worker_strategy_is_an_error_before_training(two_workers):
    _, _, outputs = two_workers
    for out in outputs:
        error = out["keras3"]
        assert error["argument"] == "object"
        assert "tf_keras" in error["message"] and "MultiWorkerMirroredStrategy" in error["message"]
        assert error["untouched"]


# -- the launcher itself (no TensorFlow) -------------------------------------------

ECHO = """
import json, os, sys, time
config = json.loads(os.environ["TF_CONFIG"])
task = config["task"]["index"]
print(json.dumps(config), flush=True)
print(f"note from {task}", file=sys.stderr, flush=True)
if sys.argv[1] == "fail" and task == 1:
    sys.exit(3)
time.sleep(float(sys.argv[2]))
print("finished", flush=True)
"""


def test_launch_gives_each_worker_its_task_on_loopback(tmp_path):
    script = write(tmp_path / "echo.py", ECHO)
    out, err = io.StringIO(), io.StringIO()
    assert launch([script, "ok", "0"], workers=3, stdout=out, stderr=err) == 0
    configs = {}
    for line in out.getvalue().splitlines():
        prefix, _, rest = line.partition("] ")
        if rest.startswith("{"):
            configs[prefix + "]"] = json.loads(rest)
    assert sorted(configs) == ["[worker 0]", "[worker 1]", "[worker 2]"]
    clusters = {json.dumps(c["cluster"]) for c in configs.values()}
    assert len(clusters) == 1
    addresses = configs["[worker 0]"]["cluster"]["worker"]
    assert len(set(addresses)) == 3 and all(a.startswith("127.0.0.1:") for a in addresses)
    assert {p: c["task"] for p, c in configs.items()} == {f"[worker {i}]": {"type": "worker", "index": i} for i in range(3)}
    assert sorted(err.getvalue().splitlines()) == [f"[worker {i}] note from {i}" for i in range(3)]


def test_launch_stops_the_others_when_one_worker_fails(tmp_path):
    script = write(tmp_path / "echo.py", ECHO)
    out, err = io.StringIO(), io.StringIO()
    assert launch([script, "fail", "120"], workers=2, stdout=out, stderr=err) == 3
    assert "finished" not in out.getvalue()          # worker 0 was stopped, not waited for
    assert "rkeras.launch: worker 1 failed with status 3; stopping worker 0." in err.getvalue()


def test_launch_timeout_stops_every_worker(tmp_path):
    script = write(tmp_path / "echo.py", ECHO)
    out, err = io.StringIO(), io.StringIO()
    assert launch([script, "ok", "120"], workers=2, timeout=1, stdout=out, stderr=err) == TIMEOUT_STATUS
    assert "finished" not in out.getvalue()
    assert "timeout" in err.getvalue()


def test_launch_command_line_checks_its_arguments(tmp_path):
    with pytest.raises(RKerasError, match="`workers` should be a whole number, 1 or more. Got workers=0"):
        launch([str(tmp_path / "x.py")], workers=0)
    result = run_python(["-m", "rkeras.launch", "--workers", "0", "x.py"], timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "--workers" in result.stderr and "1 or more" in result.stderr
    result = run_python(["-m", "rkeras.launch", str(tmp_path / "missing.py")], timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "missing.py" in result.stderr

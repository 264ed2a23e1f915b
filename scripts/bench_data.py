"""Benchmark: data the R way against plain Keras, measured in one run.

(a) An R-style generator function serving slices of in-memory arrays
    (``rkeras.fit(model, function() list(x[i, ], y[i]), steps_per_epoch=...)``)
    versus the same batches from a tf.data pipeline given to plain Keras
    (prefetched with AUTOTUNE, as Keras' guides write it, and with the fixed
    prefetch and no autotuning rkeras uses). Goal: no more than 1.10x the wall
    time per epoch.
(b) An epoch over an HDF5 file with ``shuffle="batch"`` (rkeras) versus the
    same data in memory (plain Keras, ``shuffle=True``). Goal: no more than
    1.2x. And the peak memory growth while fitting on an HDF5 file many times
    larger than a batch, in a fresh process (goal: a few batches, not the
    file), next to plain Keras given the same ``h5py.Dataset``.

Model: a 784-256-10 MLP, batch 128. Sides alternate, each is repeated, and
the fastest epoch of each side is compared (the first epoch of every fit,
which traces the training function, is left out).

Usage: ``python scripts/bench_data.py [--repeats 5] [--epochs 4] [--steps 150]
[--memory-samples 60000]``; the default run takes a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

BATCH = 128


def mlp():
    import keras

    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    return model


class EpochTimes:
    """Wall time of every epoch but the first of each fit (which traces)."""

    def __new__(cls):
        import keras

        class _Times(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.times = []

            def on_epoch_begin(self, epoch, logs=None):
                self._start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                self.times.append(time.perf_counter() - self._start)

        return _Times()


def best(times_by_fit):
    return min(t for times in times_by_fit for t in times[1:])


def compare(sides: dict, repeats: int):
    """Run each side ``repeats`` times, alternating; fastest epoch of each."""
    results = {name: [] for name in sides}
    names = list(sides)
    for r in range(repeats):
        order = names if r % 2 == 0 else names[::-1]
        for name in order:
            results[name].append(sides[name]())
    return {name: best(times) for name, times in results.items()}


def bench_generator(repeats, epochs, steps):
    import numpy as np
    import tensorflow as tf

    import rkeras

    rng = np.random.default_rng(0)
    n = steps * BATCH
    x = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, n)
    model = mlp()

    def generator_function():
        position = {"i": 0}

        def next_batch():  # R: function() { i <<- ...; list(x[rows, ], y[rows]) }
            i = position["i"]
            position["i"] = (i + 1) % steps
            return [x[i * BATCH:(i + 1) * BATCH], y[i * BATCH:(i + 1) * BATCH]]

        return next_batch

    # the same batches, each element of the pipeline already one batch (the fastest tf.data can serve them):
    # as Keras' guide writes it (AUTOTUNE prefetch), and with rkeras' fixed prefetch and no autotuning
    tensors = tf.data.Dataset.from_tensor_slices((x.reshape(steps, BATCH, 784), y.reshape(steps, BATCH))).repeat()
    autotuned = tensors.prefetch(tf.data.AUTOTUNE)
    options = tf.data.Options()
    options.autotune.enabled = False
    fixed = tensors.prefetch(2).with_options(options)

    def rkeras_side():
        times = EpochTimes()
        rkeras.fit(model, generator_function(), steps_per_epoch=steps, epochs=epochs, verbose=0,
                   callbacks=[times])
        return times.times

    def keras_side(pipeline):
        def run():
            times = EpochTimes()
            model.fit(pipeline, steps_per_epoch=steps, epochs=epochs, verbose=0, callbacks=[times], shuffle=False)
            return times.times

        return run

    return compare({"rkeras generator function": rkeras_side, "keras tf.data": keras_side(autotuned),
                    "keras tf.data, fixed prefetch": keras_side(fixed)}, repeats)


def write_h5(path, n, seed=0):
    import h5py
    import numpy as np

    rng = np.random.default_rng(seed)
    with h5py.File(path, "w") as f:
        xs = f.create_dataset("x", (n, 784), dtype="float32")
        for start in range(0, n, 8192):
            stop = min(n, start + 8192)
            xs[start:stop] = rng.random((stop - start, 784), dtype=np.float32)
        f["y"] = rng.integers(0, 10, n)


def bench_hdf5(repeats, epochs, steps, directory):
    import h5py

    import rkeras

    n = steps * BATCH
    path = os.path.join(directory, "bench.h5")
    write_h5(path, n)
    f = h5py.File(path, "r")
    x_memory, y_memory = f["x"][:], f["y"][:]
    model = mlp()

    def hdf5_side():
        times = EpochTimes()
        rkeras.fit(model, f["x"], f["y"], batch_size=BATCH, epochs=epochs, shuffle="batch", verbose=0,
                   callbacks=[times])
        return times.times

    def memory_side():
        times = EpochTimes()
        model.fit(x_memory, y_memory, batch_size=BATCH, epochs=epochs, shuffle=True, verbose=0, callbacks=[times])
        return times.times

    try:
        return compare({"rkeras HDF5 shuffle='batch'": hdf5_side, "keras in memory": memory_side}, repeats)
    finally:
        f.close()


_MEMORY_CHILD = r"""
import json, os, sys, threading, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
sys.path.insert(0, {scripts!r})
from bench_data import mlp, BATCH
import h5py, numpy as np, rkeras
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * page
model = mlp()
# warm up on a 4-batch file the same way: tracing and TensorFlow's own buffers are not the data
small_path = {path!r} + ".small.h5"
with h5py.File(small_path, "w") as s:
    s["x"] = np.zeros((BATCH * 4, 784), "float32")
    s["y"] = np.zeros(BATCH * 4, "int64")
small = h5py.File(small_path, "r")
def fit(f):
    if {side!r} == "rkeras":
        rkeras.fit(model, f["x"], f["y"], batch_size=BATCH, epochs=1, shuffle="batch", verbose=0)
    else:
        model.fit(f["x"], f["y"], batch_size=BATCH, epochs=1, verbose=0)   # Keras' defaults (shuffle=True)
fit(small)
fit(small)
f = h5py.File({path!r}, "r")
before = rss()
peak = [before]
done = threading.Event()
def watch():
    while not done.is_set():
        peak[0] = max(peak[0], rss())
        time.sleep(0.005)
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
fit(f)
done.set()
watcher.join()
print(json.dumps({{"growth_kb": (max(peak[0], rss()) - before) / 1024}}))
"""


def peak_growth(path, side):
    code = _MEMORY_CHILD.format(scripts=os.path.dirname(os.path.abspath(__file__)), path=path, side=side)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900, env=env)
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[-1:]
    return json.loads(out.stdout.strip().splitlines()[-1])["growth_kb"] / 1024, None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--steps", type=int, default=150, help="batches per epoch")
    parser.add_argument("--memory-samples", type=int, default=60000, help="samples in the memory-test file")
    parser.add_argument("--skip-keras-memory", action="store_true", help="skip plain Keras' copy of the file")
    args = parser.parse_args(argv)

    print(f"# rkeras data benchmark: 784-256-10 MLP, batch {BATCH}, {args.steps} steps/epoch, "
          f"{args.epochs} epochs x {args.repeats} alternating repeats, fastest epoch compared")
    a = bench_generator(args.repeats, args.epochs, args.steps)
    ratio_a = a["rkeras generator function"] / a["keras tf.data"]
    for name, t in a.items():
        print(f"(a) {name:32s} {t * 1000:8.1f} ms/epoch")
    print(f"(a) ratio generator function / tf.data: {ratio_a:.3f}x  (goal <= 1.10x)")
    ratio_fixed = a["rkeras generator function"] / a["keras tf.data, fixed prefetch"]
    print(f"(a) ratio generator function / tf.data with rkeras' fixed prefetch: {ratio_fixed:.3f}x")

    with tempfile.TemporaryDirectory() as directory:
        b = bench_hdf5(args.repeats, args.epochs, args.steps, directory)
        ratio_b = b["rkeras HDF5 shuffle='batch'"] / b["keras in memory"]
        for name, t in b.items():
            print(f"(b) {name:32s} {t * 1000:8.1f} ms/epoch")
        print(f"(b) ratio HDF5 shuffle='batch' / in memory: {ratio_b:.3f}x  (goal <= 1.2x)")

        path = os.path.join(directory, "memory.h5")
        write_h5(path, args.memory_samples, seed=1)
        file_mb = os.path.getsize(path) / 2**20
        batch_mb = BATCH * 784 * 4 / 2**20
        growth, error = peak_growth(path, "rkeras")
        print(f"(b) HDF5 file {file_mb:.0f} MB = {file_mb / batch_mb:.0f} batches of {batch_mb:.2f} MB")
        if growth is None:
            print(f"(b) rkeras peak memory growth: failed: {error}")
        else:
            print(f"(b) rkeras peak RSS growth (sampled every 5 ms) fitting one epoch on it: {growth:.1f} MB = "
                  f"{growth / batch_mb:.1f} batches = {growth / file_mb:.2f} x the file")
        if not args.skip_keras_memory:
            growth_keras, error = peak_growth(path, "keras")
            if growth_keras is None:
                print(f"(b) plain Keras given the h5py.Dataset: failed: {error}")
            else:
                print(f"(b) plain Keras given the same h5py.Dataset: {growth_keras:.1f} MB = "
                      f"{growth_keras / file_mb:.2f} x the file")


if __name__ == "__main__":
    main()

"""What writing a run directory costs per epoch, and whether it grows with the epochs.

Run: ``python scripts/bench_runs.py`` (about two minutes on 2 busy cores);
``--quick`` for a smaller run.

1. The run writer alone (no training): rkeras' recorder and
   :class:`rkeras.run_writer.RunWriter` are driven epoch by epoch, as the
   metrics callbacks drive them, after a history of 10 and of 100,000 epochs
   has been written (four metrics, a temporary directory on the same disk as
   the working directory). The time of one epoch's writing is measured over a
   block of epochs, alternating the two histories, fastest block of several.
   For comparison the same is done for a whole-file writer (every epoch
   rewrites ``metrics.json`` and ``metrics.csv`` atomically, what rkeras did
   before), with 10 and 10,000 epochs of history.
2. A whole fit: ``rkeras.fit`` with a run directory (run files, TensorBoard
   logs) against plain Keras ``model.fit`` and ``rkeras.fit`` without one, on
   a small model, alternating sides, fastest of several.

Prints the figures and the ratios: the per-epoch cost at 100,000 epochs over
the cost at 10 (goal: 1, within measurement noise) and the fit's wall time
over plain Keras'.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time

NAMES = ["loss", "accuracy", "val_loss", "val_accuracy"]


def logs(epoch: int) -> dict:
    return {name: 1.0 / (epoch + 1 + i) for i, name in enumerate(NAMES)}


def tfruns_writer(directory: str, history: int, block: int):
    """A recorder with rkeras' run writer, ``history`` epochs already written."""
    from rkeras.callback import Recorder
    from rkeras.run_writer import RunWriter

    recorder = Recorder({"epochs": history + 100 * block, "samples": 100}, [RunWriter(directory)])
    recorder.train_begin(None, {})
    for epoch in range(history):
        recorder.record(epoch, logs(epoch))
    recorder.epoch_end(history - 1, logs(history - 1))
    state = {"epoch": history}

    def one_block():
        start = time.perf_counter()
        for _ in range(block):
            epoch = state["epoch"]
            recorder.epoch_recorded(epoch, logs(epoch))
            recorder.epoch_end(epoch, logs(epoch))
            state["epoch"] += 1
        return (time.perf_counter() - start) / block

    return one_block


def whole_file_writer(directory: str, history: int, block: int):
    """What rkeras did before: rewrite metrics.json and metrics.csv whole every epoch."""
    from rkeras.history import KerasTrainingHistory
    from rkeras.runs import write_atomic

    metrics = {name: [logs(e)[name] for e in range(history)] for name in NAMES}
    params = {"epochs": history + 100 * block}

    def one_block():
        start = time.perf_counter()
        for _ in range(block):
            epoch = len(metrics["loss"])
            for name, value in logs(epoch).items():
                metrics[name].append(value)
            built = KerasTrainingHistory(params, metrics)
            columns = {n: v + [None] * (params["epochs"] - len(v)) for n, v in built.metrics.items()}
            write_atomic(os.path.join(directory, "metrics.json"), json.dumps(columns))
            buffer = io.StringIO()
            built.to_data_frame().to_csv(buffer, index=False)
            write_atomic(os.path.join(directory, "metrics.csv"), buffer.getvalue())
        return (time.perf_counter() - start) / block

    return one_block


def alternate(makers: dict, rounds: int) -> dict:
    best = {label: float("inf") for label in makers}
    for r in range(rounds):
        order = list(makers) if r % 2 == 0 else list(reversed(makers))
        for label in order:
            best[label] = min(best[label], makers[label]())
    return best


def writer_benchmark(quick: bool) -> None:
    base = tempfile.mkdtemp(prefix="bench_runs.", dir=os.getcwd())
    try:
        block, rounds = (20, 3) if quick else (50, 7)
        print("Run writer, seconds per epoch (fastest block):", flush=True)
        ours = alternate({
            "rkeras, 10 epochs before": tfruns_writer(os.path.join(base, "a"), 10, block),
            "rkeras, 100,000 epochs before": tfruns_writer(os.path.join(base, "b"), 100_000, block),
        }, rounds)
        for label, seconds in ours.items():
            print(f"  {label:<36} {seconds * 1e6:10.0f} us")
        ratio = ours["rkeras, 100,000 epochs before"] / ours["rkeras, 10 epochs before"]
        print(f"  ratio 100,000 / 10: {ratio:.2f}")
        os.makedirs(os.path.join(base, "c"))
        os.makedirs(os.path.join(base, "d"))
        whole = alternate({
            "whole-file rewrite, 10 before": whole_file_writer(os.path.join(base, "c"), 10, max(block // 10, 2)),
            "whole-file rewrite, 10,000 before": whole_file_writer(os.path.join(base, "d"), 10_000, max(block // 10, 2)),
        }, max(rounds // 2, 2))
        for label, seconds in whole.items():
            print(f"  {label:<36} {seconds * 1e6:10.0f} us")
        print(f"  ratio 10,000 / 10: {whole['whole-file rewrite, 10,000 before'] / whole['whole-file rewrite, 10 before']:.2f}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def fit_benchmark(quick: bool) -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import numpy as np

    import rkeras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(512, 16)).astype("float32")
    y = (x[:, :1] > 0).astype("float32")
    epochs = 10 if quick else 30
    base = tempfile.mkdtemp(prefix="bench_runs_fit.", dir=os.getcwd())

    def model():
        keras.utils.set_random_seed(1)
        made = keras.Sequential([keras.Input((16,)), keras.layers.Dense(8, activation="relu"),
                                 keras.layers.Dense(1, activation="sigmoid")])
        made.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        return made

    counter = {"n": 0}

    def keras_fit():
        m = model()
        start = time.perf_counter()
        m.fit(x, y, epochs=epochs, batch_size=64, validation_split=0.2, verbose=0)
        return time.perf_counter() - start

    def rkeras_fit(run_dir):
        def fit():
            m = model()
            counter["n"] += 1
            directory = os.path.join(base, f"run{counter['n']}") if run_dir else None
            with rkeras.options({"keras.run_dir": directory}):
                start = time.perf_counter()
                rkeras.fit(m, x, y, epochs=epochs, batch_size=64, validation_split=0.2, verbose=0)
                return time.perf_counter() - start
        return fit

    try:
        keras_fit(), rkeras_fit(True)()  # warm up: imports, TensorBoard's first writer
        best = alternate({"keras model.fit": keras_fit, "rkeras.fit, no run directory": rkeras_fit(False),
                          "rkeras.fit, run directory": rkeras_fit(True)}, 3 if quick else 5)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"\nFit of {epochs} epochs (512 samples, batch 64), seconds (fastest):")
    for label, seconds in best.items():
        print(f"  {label:<36} {seconds:8.3f}  ratio to Keras {seconds / best['keras model.fit']:.2f}")
    print(f"  run directory's own cost per epoch: "
          f"{(best['rkeras.fit, run directory'] - best['rkeras.fit, no run directory']) / epochs * 1e3:.1f} ms")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer epochs and rounds")
    args = parser.parse_args(argv)
    writer_benchmark(args.quick)
    fit_benchmark(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

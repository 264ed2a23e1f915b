"""What rkeras adds per epoch and per call on tiny data: the ported-script case.

Run: ``python scripts/bench_epochs.py`` (about 3 to 6 minutes on 2 busy cores), or see
``--help``.

Ported R scripts run with small data sets (the corpus plants 40 rows) and many
epochs, with ``validation_data`` and progress output, so whatever rkeras does
once per epoch or per call (argument checks, input planning, its metrics
recorder, the history, the printed evaluate() result) weighs most there. This
measures it against plain Keras on the same model and data:

* ``fit``: ``rkeras.fit(model, x, y, epochs=E, validation_data=...)`` vs
  ``model.fit(...)`` (same weights and seed each time), for ``verbose`` 0 and 1
  (progress written to a pipe, as the corpus runner captures it);
* ``evaluate``: ``rkeras.evaluate(model, x, y)`` vs ``model.evaluate(x, y)``
  (one call, verbose 0).

Sides alternate (the first side changes each repeat) in one process after a
warm-up of both (tracing); the report gives the fastest of N for each side, the
ratio of the fastest, the median of the per-pair ratios of wall time and of CPU
time (all threads of the process), and rkeras' own time measured directly:
its call's wall time minus the time inside Keras' ``Model.fit``/``evaluate``
(argument checks, input planning, the history), and the time inside its
metrics recorder (the only rkeras code that runs every epoch). On a busy
shared machine the wall-time ratios move by +-15% between runs; the direct
measurements do not.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import time


def _model(kind: str):
    import keras

    keras.utils.set_random_seed(1)
    if kind == "lstm":
        layers = [keras.Input((20, 8)), keras.layers.LSTM(16), keras.layers.Dense(3, activation="softmax")]
    else:
        layers = [keras.Input((20 * 8,)), keras.layers.Dense(32, activation="relu"),
                  keras.layers.Dense(3, activation="softmax")]
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _data(kind: str, rows: int):
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((rows, 20, 8), dtype=np.float32)
    if kind != "lstm":
        x = x.reshape(rows, -1)
    return x, rng.integers(0, 3, rows)


class _Timers:
    """Seconds spent inside Keras' Model.fit / Model.evaluate, and inside rkeras'
    metrics recorder (its two callbacks), during one rkeras call."""

    def __init__(self, model):
        from rkeras.callback import Recorder

        self.keras = 0.0
        self.recorder = 0.0
        self.depth = {"keras": 0, "recorder": 0}  # Model.fit calls Model.evaluate: time the outer call only
        for method in ("fit", "evaluate"):
            setattr(model, method, self._timed(getattr(model, method), "keras"))
        for method in ("train_begin", "epoch_recorded", "epoch_end", "train_end"):
            setattr(Recorder, method, self._timed(getattr(Recorder, method), "recorder"))

    def _timed(self, function, slot):
        import functools

        @functools.wraps(function)  # keeps inspect.signature(model.fit) for rkeras' `...` check
        def timed(*args, **kwargs):
            start = time.perf_counter()
            self.depth[slot] += 1
            try:
                return function(*args, **kwargs)
            finally:
                self.depth[slot] -= 1
                if not self.depth[slot]:
                    setattr(self, slot, getattr(self, slot) + time.perf_counter() - start)

        return timed

    def reset(self):
        self.keras = self.recorder = 0.0


def measure(kind: str, rows: int, epochs: int, repeats: int) -> dict:
    import keras

    import rkeras

    x, y = _data(kind, rows)
    xv, yv = _data(kind, rows)
    model = _model(kind)
    weights = model.get_weights()
    keras_fit, keras_evaluate = model.fit, model.evaluate
    timers = _Timers(model)  # rkeras' calls go through the timed methods; the keras side calls the originals

    def fit(side: str, verbose: int, n_epochs: int):
        model.set_weights(weights)
        keras.utils.set_random_seed(2)
        sink = io.StringIO()  # progress goes to a pipe-like stream, as in the corpus runner
        with contextlib.redirect_stdout(sink):
            if side == "keras":
                keras_fit(x, y, batch_size=32, epochs=n_epochs, verbose=verbose, validation_data=(xv, yv))
            else:
                rkeras.fit(model, x, y, batch_size=32, epochs=n_epochs, verbose=verbose,
                           validation_data=[xv, yv])

    def evaluate(side: str):
        if side == "keras":
            keras_evaluate(xv, yv, verbose=0)
        else:
            rkeras.evaluate(model, xv, yv, verbose=0)

    cases = {
        "fit, verbose 0": (lambda side: fit(side, 0, epochs), epochs),
        "fit, verbose 1": (lambda side: fit(side, 1, epochs), epochs),
        "evaluate": (evaluate, 1),
    }
    for side in ("keras", "rkeras"):  # warm-up: tracing, first-call imports
        fit(side, 1, 2)
        evaluate(side)
    results = {}
    for name, (run, units) in cases.items():
        times = {"keras": [], "rkeras": []}
        cpu = {"keras": [], "rkeras": []}
        outside, recorder = [], []
        for rep in range(repeats):
            for side in (("keras", "rkeras") if rep % 2 == 0 else ("rkeras", "keras")):
                timers.reset()
                start, cpu_start = time.perf_counter(), time.process_time()
                run(side)
                times[side].append(time.perf_counter() - start)
                cpu[side].append(time.process_time() - cpu_start)
                if side == "rkeras":
                    outside.append(times[side][-1] - timers.keras)
                    recorder.append(timers.recorder)
        ratios = [r / k for r, k in zip(times["rkeras"], times["keras"])]
        cpu_ratios = [r / k for r, k in zip(cpu["rkeras"], cpu["keras"])]
        results[name] = {
            "units": units,
            "keras": min(times["keras"]),
            "rkeras": min(times["rkeras"]),
            "ratio_fastest": min(times["rkeras"]) / min(times["keras"]),
            "ratio_median": statistics.median(ratios),
            "cpu_ratio_median": statistics.median(cpu_ratios),
            "outside": statistics.median(outside),
            "recorder": statistics.median(recorder),
        }
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=40, help="rows of x and of the validation data (default 40)")
    parser.add_argument("--epochs", type=int, default=30, help="epochs per fit (default 30)")
    parser.add_argument("--repeats", type=int, default=6, help="alternating pairs per case (default 6)")
    parser.add_argument("--models", default="dense,lstm", help="dense and/or lstm (default both)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    started = time.time()
    lines = []
    for kind in args.models.split(","):
        results = measure(kind, args.rows, args.epochs, args.repeats)
        lines.append(f"{kind} model, {args.rows} rows (2 batches of 32) + {args.rows} validation rows, "
                     f"fastest of {args.repeats} alternating:")
        for name, r in results.items():
            unit = "epoch" if r["units"] > 1 else "call"
            extra = (r["rkeras"] - r["keras"]) / r["units"] * 1000
            lines.append(
                f"  {name:15} keras {r['keras'] / r['units'] * 1000:7.1f} ms/{unit}, rkeras "
                f"{r['rkeras'] / r['units'] * 1000:7.1f} ms/{unit}: wall ratio of fastest {r['ratio_fastest']:.3f} "
                f"({extra:+.1f} ms/{unit}), median {r['ratio_median']:.3f}; CPU ratio median "
                f"{r['cpu_ratio_median']:.3f}")
            lines.append(
                f"  {'':15} rkeras' own time (median): outside Keras {r['outside'] * 1000:.1f} ms per call, "
                f"its metrics recorder {r['recorder'] / r['units'] * 1000:.3f} ms/{unit}")
    lines.append(f"total {time.time() - started:.0f} s")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())

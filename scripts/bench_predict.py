"""What rkeras.evaluate() and rkeras.predict() cost over plain Keras.

Run: ``python scripts/bench_predict.py`` (one to two minutes on 2 busy cores),
or see ``--help``.

One fresh process per input case,

(a) C-contiguous float32 numpy arrays (what Keras wants),
(b) Fortran-ordered float64 arrays (what an R matrix looks like; rkeras makes
    the float32 copy that Keras would make),

evaluates and predicts a 784-256-10 MLP (sparse categorical cross-entropy,
accuracy) on the same data with ``rkeras.evaluate(model, x, y)`` /
``rkeras.predict(model, x)`` and with ``model.evaluate(x, y)`` /
``model.predict(x)``, alternating sides (the side that goes first changes
every repeat), after one warm-up call of each. For each call:

* wall time and CPU time (all threads of the process, which other processes
  on a busy machine disturb less); the fastest of the repeats of each side
  is compared, and the median ratio of adjacent pairs is shown too;
* rkeras' own time: the rkeras call's wall time minus the time spent inside
  Keras' ``Model.evaluate`` / ``Model.predict`` (wrapped by a timer on the
  instance), measured inside the same call: conversion, checks, results;
* peak memory growth: the process' peak resident set size during the call
  (the kernel's high-water mark, reset before each call through
  ``/proc/self/clear_refs``) minus the resident size just before it.

Goals (issue 9), for (a): rkeras' own time at most 1% of Keras' call, and
peak memory growth within 5% of Keras' (no extra copy of the data).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.abspath(__file__)


def _status() -> dict[str, int]:
    values = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                values[key] = int(value.split()[0]) * 1024
    return values


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")


def worker(case: str, samples: int, repeats: int) -> None:
    import gc

    import keras
    import numpy as np

    import rkeras

    rng = np.random.default_rng(0)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, samples).astype(np.int64)
    if case == "b":
        x = np.asfortranarray(x.astype(np.float64))
    keras.utils.set_random_seed(1)
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    inner = {"seconds": 0.0}

    def timer(method):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                inner["seconds"] += time.perf_counter() - start

        timed.__wrapped__ = method  # keeps inspect.signature for rkeras' `...` check
        return timed

    keras_calls = {"evaluate": model.evaluate, "predict": model.predict}

    def run(function: str, side: str):
        if side == "keras":
            if function == "evaluate":
                return keras_calls["evaluate"](x, y, batch_size=32, verbose=0)
            return keras_calls["predict"](x, batch_size=32, verbose=0)
        setattr(model, function, timer(keras_calls[function]))
        try:
            if function == "evaluate":
                return rkeras.evaluate(model, x, y, verbose=0)
            return rkeras.predict(model, x, verbose=0)
        finally:
            delattr(model, function)

    for function in ("evaluate", "predict"):
        for side in ("keras", "rkeras"):  # warm up: tracing, first-call imports
            run(function, side)
        for rep in range(repeats):
            for side in ("keras", "rkeras") if rep % 2 == 0 else ("rkeras", "keras"):
                gc.collect()
                inner["seconds"] = 0.0
                before = _status()["VmRSS"]
                _reset_peak()
                start, cpu_start = time.perf_counter(), time.process_time()
                result = run(function, side)
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
                peak = _status()["VmHWM"]
                del result
                print(json.dumps({
                    "case": case, "function": function, "side": side, "rep": rep, "wall": wall, "cpu": cpu,
                    "growth": peak - before, "own": wall - inner["seconds"] if side == "rkeras" else None,
                    "inside": inner["seconds"] if side == "rkeras" else None,
                }), flush=True)
    print(json.dumps({"case": case, "data_bytes": int(x.nbytes)}), flush=True)


def _run_worker(case: str, samples: int, repeats: int) -> list[dict]:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONHASHSEED="0")
    command = [sys.executable, HERE, "--worker", case, "--samples", str(samples), "--repeats", str(repeats)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"worker {case} failed:\n{result.stderr[-3000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _mb(n: float) -> str:
    return f"{n / 2**20:,.1f} MB"


def report(records: list[dict]) -> list[str]:
    names = {"a": "(a) C-contiguous float32", "b": "(b) Fortran float64"}
    lines = []
    for case in "ab":
        size = next((r["data_bytes"] for r in records if r.get("case") == case and "data_bytes" in r), 0)
        lines.append(f"{names[case]}, x {_mb(size)}")
        for function in ("evaluate", "predict"):
            rows = [r for r in records if r.get("case") == case and r.get("function") == function]
            if not rows:
                continue
            keras_rows = [r for r in rows if r["side"] == "keras"]
            ours = [r for r in rows if r["side"] == "rkeras"]
            fastest_keras = min(r["wall"] for r in keras_rows)
            fastest_ours = min(r["wall"] for r in ours)
            pairs = [o["wall"] / k["wall"] for o, k in zip(ours, keras_rows)]
            own_share = [r["own"] / r["inside"] for r in ours]
            growth_keras = statistics.median(r["growth"] for r in keras_rows)
            growth_ours = statistics.median(r["growth"] for r in ours)
            lines.append(
                f"  {function:8s} wall fastest: Keras {fastest_keras:.3f} s, rkeras {fastest_ours:.3f} s "
                f"(ratio {fastest_ours / fastest_keras:.3f}; median pair ratio {statistics.median(pairs):.3f})")
            cpu_keras = min(r["cpu"] for r in keras_rows)
            cpu_ours = min(r["cpu"] for r in ours)
            cpu_pairs = [o["cpu"] / k["cpu"] for o, k in zip(ours, keras_rows)]
            lines.append(
                f"           CPU fastest: Keras {cpu_keras:.3f} s, rkeras {cpu_ours:.3f} s "
                f"(ratio {cpu_ours / cpu_keras:.3f}; median pair ratio {statistics.median(cpu_pairs):.3f})")
            lines.append(
                f"           rkeras' own time outside Keras' call: min {min(r['own'] for r in ours) * 1000:.1f} ms, "
                f"median {statistics.median(r['own'] for r in ours) * 1000:.1f} ms = "
                f"{100 * min(own_share):.2f}% (min) / {100 * statistics.median(own_share):.2f}% (median) of Keras' call")
            lines.append(
                f"           peak memory growth (median): Keras {_mb(growth_keras)}, rkeras {_mb(growth_ours)} "
                f"(ratio {growth_ours / growth_keras if growth_keras else float('nan'):.3f})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cases", default="ab")
    parser.add_argument("--worker")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.samples, args.repeats)
        return
    records = []
    for case in args.cases:
        records += _run_worker(case, args.samples, args.repeats)
    print(f"rkeras.evaluate / rkeras.predict vs Model.evaluate / Model.predict: {args.samples} samples x 784, "
          f"MLP 784-256-10, batch_size 32, fastest of {args.repeats} alternating calls per side")
    print("\n".join(report(records)))


if __name__ == "__main__":
    main()

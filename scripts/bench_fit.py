"""What rkeras.fit() costs over plain Keras ``model.fit``: wall time, peak memory, import.

Run: ``python scripts/bench_fit.py`` (about 5 minutes on 2 busy cores), or see
``--help`` for a smaller or larger run.

For each input case

(a) C-contiguous float32 numpy arrays (what Keras wants),
(b) Fortran-ordered float64 arrays (what an R matrix looks like),
(c) a pandas DataFrame of float32 columns,

a 784-256-10 MLP (Adam, sparse categorical cross-entropy, accuracy) is trained
on the same data, from the same initial weights and with the same seed, by
``rkeras.fit(model, x, y, ...)`` and by ``model.fit(x, y, ...)``, alternating
sides (the side that goes first changes every repeat), in several fresh
processes per case. Every fit is measured for

* wall time and CPU time (all threads of the process, which other processes
  on a busy machine disturb less), and the ratio rkeras / Keras of each
  adjacent pair;
* rkeras' own time: the rkeras call's wall time minus the time spent inside
  Keras' ``Model.fit`` (``model.fit`` is wrapped by a timer on the instance),
  i.e. argument checks, conversion and rkeras' callback bookkeeping outside it;
* peak memory growth: the process' peak resident set size during the fit
  (the kernel's high-water mark, reset before each fit through
  ``/proc/self/clear_refs``) minus the resident size just before it.

Memory is also reported for the first measured fit of each fresh process
alone (no memory left over by an earlier fit), alternating which side goes
first between processes.

Import: ``import rkeras`` and ``import tensorflow`` in fresh processes, timed
and compared, and checked that ``import rkeras`` does not import TensorFlow.

Goals (issue 6): wall-time ratio at most 1.01 for (a); peak memory growth at
most +5% (no copy of data that already has the right layout; at most one
conversion for (b)).
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


# -- measurements inside a worker process ----------------------------------------

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


def _make_data(case: str, samples: int):
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, samples).astype(np.int64)
    if case == "a":
        return x, y
    if case == "b":
        return np.asfortranarray(x.astype(np.float64)), y
    if case == "c":
        import pandas as pd

        return pd.DataFrame(x, columns=[f"p{i}" for i in range(784)]), y
    raise ValueError(case)


def _build_model():
    import keras

    keras.utils.set_random_seed(1)
    model = keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def worker(case: str, samples: int, epochs: int, repeats: int, first: str) -> None:
    import gc

    import keras
    import numpy as np

    import rkeras

    x, y = _make_data(case, samples)
    model = _build_model()
    weights = model.get_weights()
    keras_fit = model.fit
    inner = {"seconds": 0.0}

    def timed_fit(*args, **kwargs):  # rkeras calls object.fit(...): time spent inside Keras
        start = time.perf_counter()
        try:
            return keras_fit(*args, **kwargs)
        finally:
            inner["seconds"] += time.perf_counter() - start

    timed_fit.__wrapped__ = keras_fit  # keeps inspect.signature(model.fit) for rkeras' `...` check

    def run(side: str, xs, ys, n_epochs: int):
        model.set_weights(weights)
        keras.utils.set_random_seed(2)
        if side == "keras":
            return keras_fit(xs, ys, batch_size=32, epochs=n_epochs, verbose=0, shuffle=True)
        model.fit = timed_fit
        try:
            return rkeras.fit(model, xs, ys, batch_size=32, epochs=n_epochs, verbose=0)
        finally:
            del model.fit

    # warm up both sides (tracing, first-call imports) on a slice of the same data
    part = x.iloc[:2048] if hasattr(x, "iloc") else x[:2048]
    for side in ("keras", "rkeras"):
        run(side, part, y[:2048], 1)
    order = [first, "keras" if first == "rkeras" else "rkeras"]
    for rep in range(repeats):
        for side in order if rep % 2 == 0 else order[::-1]:
            gc.collect()
            inner["seconds"] = 0.0
            before = _status()["VmRSS"]
            _reset_peak()
            start, cpu_start = time.perf_counter(), time.process_time()
            run(side, x, y, epochs)
            wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            peak = _status()["VmHWM"]
            record = {
                "case": case, "side": side, "rep": rep, "wall": wall, "cpu": cpu, "growth": peak - before,
                "own": (wall - inner["seconds"]) if side == "rkeras" else None,
            }
            print(json.dumps(record), flush=True)
    data_bytes = int(x.memory_usage(index=False).sum()) if hasattr(x, "memory_usage") else int(np.asarray(x).nbytes)
    print(json.dumps({"case": case, "data_bytes": data_bytes}), flush=True)


# -- the driver --------------------------------------------------------------------

def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _run_worker(case, samples, epochs, repeats, first) -> list[dict]:
    command = [sys.executable, HERE, "--worker", case, "--samples", str(samples), "--epochs", str(epochs),
               "--repeats", str(repeats), "--first", first]
    result = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"worker {case} failed:\n{result.stderr[-3000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _import_time(module: str) -> tuple[float, bool]:
    code = (
        "import sys, time; t = time.perf_counter(); import " + module + "; "
        "d = time.perf_counter() - t; print(d, 'tensorflow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=300)
    seconds, tf_loaded = out.stdout.split()
    return float(seconds), tf_loaded == "True"


def _median(values):
    return statistics.median(values) if values else float("nan")


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def report(records: list[dict], samples: int, epochs: int) -> list[str]:
    lines = []
    names = {"a": "(a) C-contiguous float32", "b": "(b) Fortran float64", "c": "(c) pandas DataFrame"}
    for case in "abc":
        rows = [r for r in records if r.get("case") == case and "side" in r]
        if not rows:
            continue
        data = [r["data_bytes"] for r in records if r.get("case") == case and "data_bytes" in r][0]
        pairs = {}
        for r in rows:
            pairs.setdefault((r["proc"], r["rep"]), {})[r["side"]] = r
        wall_ratios = [p["rkeras"]["wall"] / p["keras"]["wall"] for p in pairs.values() if len(p) == 2]
        mem_ratios = [p["rkeras"]["growth"] / p["keras"]["growth"] for p in pairs.values() if len(p) == 2]
        cpu_ratios = [p["rkeras"]["cpu"] / p["keras"]["cpu"] for p in pairs.values() if len(p) == 2]
        firsts = {}
        for r in rows:  # in the order measured: the first fit of each process
            firsts.setdefault(r["proc"], r)
        first_by_side = {s: [r["growth"] for r in firsts.values() if r["side"] == s] for s in ("keras", "rkeras")}
        walls = {s: [r["wall"] for r in rows if r["side"] == s] for s in ("keras", "rkeras")}
        growth = {s: [r["growth"] for r in rows if r["side"] == s] for s in ("keras", "rkeras")}
        own = [r["own"] for r in rows if r["side"] == "rkeras"]
        lines += [
            f"{names[case]}: {samples:,} samples x 784 ({_mb(data)} of x), {epochs} epoch(s) per fit, "
            f"{len(wall_ratios)} pairs",
            f"  wall time   keras median {_median(walls['keras']):.3f} s (fastest {min(walls['keras']):.3f}), "
            f"rkeras median {_median(walls['rkeras']):.3f} s (fastest {min(walls['rkeras']):.3f})",
            f"  wall ratio  median {_median(wall_ratios):.4f}, of fastest {min(walls['rkeras']) / min(walls['keras']):.4f}, "
            f"range {min(wall_ratios):.3f}-{max(wall_ratios):.3f}",
            f"  CPU time ratio (all threads of the process; less disturbed by other processes) median "
            f"{_median(cpu_ratios):.4f}, range {min(cpu_ratios):.3f}-{max(cpu_ratios):.3f}",
            f"  rkeras' own time outside Model.fit: median {_median(own) * 1000:.1f} ms "
            f"({_median(own) / _median(walls['keras']) * 100:.2f}% of a Keras fit)",
            f"  peak memory growth  keras median {_mb(_median(growth['keras']))}, rkeras median "
            f"{_mb(_median(growth['rkeras']))}; ratio median {_median(mem_ratios):.4f}, "
            f"of smallest {min(growth['rkeras']) / min(growth['keras']):.4f}",
            f"  first fit of a fresh process: keras {', '.join(_mb(g) for g in first_by_side['keras'])}; "
            f"rkeras {', '.join(_mb(g) for g in first_by_side['rkeras'])}",
        ]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=20000, help="training samples (default 20000)")
    parser.add_argument("--epochs", type=int, default=2, help="epochs per fit (default 2)")
    parser.add_argument("--repeats", type=int, default=4, help="alternating pairs per process (default 4)")
    parser.add_argument("--processes", type=int, default=2, help="fresh processes per case (default 2)")
    parser.add_argument("--cases", default="abc", help="which cases (default abc)")
    parser.add_argument("--imports", type=int, default=3, help="import timings per module (default 3)")
    parser.add_argument("--json", help="also write every measurement to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--first", default="keras", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.samples, args.epochs, args.repeats, args.first)
        return 0

    started = time.time()
    records = []
    for case in args.cases:
        for proc in range(args.processes):
            first = "keras" if proc % 2 == 0 else "rkeras"
            for r in _run_worker(case, args.samples, args.epochs, args.repeats, first):
                r["proc"] = proc
                records.append(r)
            print(f"  case {case}, process {proc + 1}/{args.processes} done ({time.time() - started:.0f} s)",
                  file=sys.stderr, flush=True)
    imports = {"rkeras": [], "tensorflow": []}
    leaked = False
    for _ in range(args.imports):
        for module in ("rkeras", "tensorflow"):
            seconds, tf_loaded = _import_time(module)
            imports[module].append(seconds)
            if module == "rkeras":
                leaked |= tf_loaded
    lines = report(records, args.samples, args.epochs)
    lines.append(
        f"import rkeras {_median(imports['rkeras']):.3f} s (median of {args.imports}), import tensorflow "
        f"{_median(imports['tensorflow']):.2f} s: ratio {_median(imports['rkeras']) / _median(imports['tensorflow']):.3f}; "
        f"tensorflow imported by `import rkeras`: {'YES' if leaked else 'no'}"
    )
    lines.append(f"total {time.time() - started:.0f} s")
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"records": records, "imports": imports, "args": vars(args)}, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

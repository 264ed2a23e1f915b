"""Wall time of a small model on 1 vs 2 local workers, rkeras.fit() against plain tf_keras.

Each configuration is one launch of ``python -m rkeras.launch --workers N``
running a tf_keras MLP under ``MultiWorkerMirroredStrategy`` on the same
synthetic arrays (every worker holds them all, as with R data on each
machine). Two times are kept per launch: the ``fit()`` call as the chief
measured it, and the whole launch (interpreters, TensorFlow import, cluster
start-up). Sides alternate (rkeras, plain, rkeras, ...) and every
configuration is repeated; the fastest of each is compared.

    python scripts/bench_distribute.py [--repeats 3] [--samples 20000] [--epochs 5]

On one machine, two workers share its cores and talk over loopback, so they
are not expected to be faster than one: this measures what the launcher and
rkeras' multi-worker path cost, not a cluster's speed-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

WORKER = """
import json, os, sys, time
import numpy as np
import tensorflow as tf
import tf_keras
import rkeras

api, samples, epochs, batch_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
strategy = tf.distribute.MultiWorkerMirroredStrategy()
rng = np.random.default_rng(0)
x = rng.normal(size=(samples, 32)).astype("float32")
y = (x[:, :4].sum(axis=1) > 0).astype("int32")
with strategy.scope():
    model = tf_keras.Sequential([
        tf_keras.Input((32,)),
        tf_keras.layers.Dense(64, activation="relu"),
        tf_keras.layers.Dense(64, activation="relu"),
        tf_keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
if api == "rkeras":
    history = rkeras.fit(model, x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    accuracy = history.metrics["accuracy"][-1]
else:
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0, shuffle=True)
    accuracy = history.history["accuracy"][-1]
seconds = time.perf_counter() - start
if rkeras.environment.is_chief():
    print("RESULT " + json.dumps({"fit": seconds, "accuracy": float(accuracy)}), flush=True)
"""


def run(script: str, workers: int, api: str, args) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("TF_CONFIG", None)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "rkeras.launch", "--workers", str(workers), "--timeout", str(args.timeout),
         script, api, str(args.samples), str(args.epochs), str(args.batch_size)],
        env=env, capture_output=True, text=True, timeout=args.timeout + 60,
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{workers} worker(s), {api}: failed\n{result.stderr[-3000:]}")
    line = next(l for l in result.stdout.splitlines() if "RESULT " in l)
    out = json.loads(line.split("RESULT ", 1)[1])
    out["wall"] = wall
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as directory:
        script = os.path.join(directory, "worker.py")
        with open(script, "w") as f:
            f.write(textwrap.dedent(WORKER))
        results: dict[tuple[int, str], list[dict]] = {}
        for repeat in range(args.repeats):
            for workers in (1, 2):
                sides = ("rkeras", "plain") if repeat % 2 == 0 else ("plain", "rkeras")  # alternate
                for api in sides:
                    out = run(script, workers, api, args)
                    results.setdefault((workers, api), []).append(out)
                    print(f"repeat {repeat + 1}: {workers} worker(s) {api:6s} fit {out['fit']:6.2f} s, "
                          f"launch {out['wall']:6.2f} s, accuracy {out['accuracy']:.3f}", flush=True)

    best = {key: {k: min(o[k] for o in runs) for k in ("fit", "wall")} for key, runs in results.items()}
    print()
    print(f"{args.samples} samples x 32 features, MLP 32-64-64-2, batch_size={args.batch_size}, "
          f"epochs={args.epochs}; fastest of {args.repeats}")
    print(f"{'workers':>7}  {'rkeras fit':>10}  {'plain fit':>9}  {'rkeras/plain':>12}  {'rkeras launch':>13}")
    for workers in (1, 2):
        r, p = best[(workers, "rkeras")], best[(workers, "plain")]
        print(f"{workers:>7}  {r['fit']:>9.2f}s  {p['fit']:>8.2f}s  {r['fit'] / p['fit']:>12.2f}  {r['wall']:>12.2f}s")
    one, two = best[(1, "rkeras")], best[(2, "rkeras")]
    print(f"2 workers / 1 worker (rkeras): fit {two['fit'] / one['fit']:.2f}x the time, "
          f"whole launch {two['wall'] / one['wall']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

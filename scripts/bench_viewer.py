"""What the live metrics view costs per epoch, against plain Keras.

    python scripts/bench_viewer.py [--epochs 20] [--repeats 3] [--no-notebook]

For a small model (two Dense layers on 2,000 x 20 samples, batch 32, 20 %
validation), times ``fit`` in four ways, alternating them and repeating, and
keeps the fastest of each:

* ``keras``: plain ``model.fit`` (the reference);
* ``rkeras``: ``rkeras.fit(view_metrics=False)``;
* ``rkeras+view``: ``rkeras.fit(view_metrics=True)`` with the default throttle;
* ``rkeras+view, unthrottled``: the view redrawing after every epoch.

Run in this process the view is the HTML page; run in a Jupyter kernel (via
nbclient, unless ``--no-notebook``) it is the in-place notebook display, the
one that draws PNGs. For each, prints seconds per epoch, the ratio to plain
Keras, and the viewer's own count: how many draws, what one costs, and the
share of the fit's wall time spent drawing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def run_benchmark(epochs: int = 20, repeats: int = 3) -> dict:
    """Time the four ways; returns {way: {...figures...}} (fastest repeat of each)."""
    import keras
    import numpy as np

    import rkeras
    import rkeras.viewer as viewer_package
    from rkeras.viewer.html import HtmlViewer
    from rkeras.viewer.notebook import NotebookViewer

    keras.utils.set_random_seed(0)
    x = np.random.rand(2000, 20).astype("float32")
    y = (x[:, :10].sum(axis=1) > x[:, 10:].sum(axis=1)).astype("float32")

    def new_model():
        model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(32, activation="relu"),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        return model

    made = []
    real_make_viewer = viewer_package.make_viewer

    def capturing(params):
        view = real_make_viewer(params)
        made.append(view)
        return view

    viewer_package.make_viewer = capturing
    os.chdir(tempfile.mkdtemp(prefix="bench_viewer_"))
    quiet = open(os.devnull, "w")

    def way_keras(model):
        model.fit(x, y, batch_size=32, epochs=epochs, validation_split=0.2, verbose=0)

    def way_rkeras(model, view):  # no run directory: only the view writes (runs/ in a temporary directory)
        rkeras.fit(model, x, y, batch_size=32, epochs=epochs, validation_split=0.2, verbose=0, view_metrics=view)

    def unthrottled(model):
        saved = [(cls, cls.min_interval, cls.budget) for cls in (HtmlViewer, NotebookViewer)]
        for cls in (HtmlViewer, NotebookViewer):
            cls.min_interval, cls.budget = 0.0, 1.0
        try:
            way_rkeras(model, True)
        finally:
            for cls, interval, budget in saved:
                cls.min_interval, cls.budget = interval, budget

    ways = {
        "keras": way_keras,
        "rkeras": lambda m: way_rkeras(m, False),
        "rkeras+view": lambda m: way_rkeras(m, True),
        "rkeras+view, unthrottled": unthrottled,
    }
    models = {name: new_model() for name in ways}
    stdout = sys.stdout
    for name, way in ways.items():  # warm up: tracing, first draw, imports
        sys.stdout = quiet
        try:
            way(models[name])
        finally:
            sys.stdout = stdout
    best: dict = {}
    for _ in range(repeats):
        for name, way in ways.items():
            made.clear()
            sys.stdout = quiet  # the HTML view prints its path once per fit
            try:
                start = time.perf_counter()
                way(models[name])
                seconds = time.perf_counter() - start
            finally:
                sys.stdout = stdout
            figures = {"seconds_per_epoch": seconds / epochs}
            if made:
                throttle = made[0].throttle
                figures.update(
                    viewer=type(made[0]).__name__,
                    draws=throttle.draws,
                    seconds_per_draw=throttle.time_drawing / max(throttle.draws, 1),
                    drawing_share=throttle.time_drawing / seconds,
                )
            if name not in best or figures["seconds_per_epoch"] < best[name]["seconds_per_epoch"]:
                best[name] = figures
    viewer_package.make_viewer = real_make_viewer
    reference = best["keras"]["seconds_per_epoch"]
    for figures in best.values():
        figures["ratio_to_keras"] = figures["seconds_per_epoch"] / reference
    return best


def in_notebook(epochs: int, repeats: int) -> dict:
    """The same benchmark inside a Jupyter kernel, where the view is the notebook display."""
    import nbformat
    from nbclient import NotebookClient

    here = os.path.abspath(__file__)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "import json, runpy\n"
        f"bench = runpy.run_path({here!r})\n"
        f"result = bench['run_benchmark']({epochs}, {repeats})\n"
        "from IPython.display import clear_output\n"
        "clear_output()\n"
        "print('RESULT' + json.dumps(result))"
    )]
    NotebookClient(nb, kernel_name="python3", timeout=3600).execute()
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.output_type == "stream")
    return json.loads(text.split("RESULT", 1)[1])


def report(title: str, best: dict) -> None:
    print(f"\n{title}")
    print(f"{'way':<26} {'s/epoch':>9} {'x keras':>8} {'draws':>6} {'s/draw':>8} {'drawing':>8}")
    for name, f in best.items():
        extra = ""
        if "draws" in f:
            extra = f" {f['draws']:>6} {f['seconds_per_draw']:>8.4f} {100 * f['drawing_share']:>7.1f}%"
        print(f"{name:<26} {f['seconds_per_epoch']:>9.4f} {f['ratio_to_keras']:>8.2f}{extra}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-notebook", action="store_true")
    args = parser.parse_args(argv)
    from rkeras import options

    with options(rkeras_context="batch"):
        report(f"HTML page (this process), {args.epochs} epochs, fastest of {args.repeats}",
               run_benchmark(args.epochs, args.repeats))
    if not args.no_notebook:
        report(f"Notebook display (Jupyter kernel), {args.epochs} epochs, fastest of {args.repeats}",
               in_notebook(args.epochs, args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())

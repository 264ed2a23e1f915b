"""Render the baseline images that tests/test_plotting.py compares against.

    python scripts/make_baseline_images.py        # rewrites tests/baseline_images/*.png

Run it only when a change to the plots is intended, look at the new images,
and commit them with that change. Images are drawn at a fixed size and DPI
with the font matplotlib ships (DejaVu Sans), so they do not depend on the
fonts of the machine; the test compares with a small tolerance
(``matplotlib.testing.compare.compare_images``) for antialiasing noise.
"""

from __future__ import annotations

import contextlib
import pathlib
import sys

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "baseline_images"
WIDTH, HEIGHT, DPI = 6, 5, 60


def history():
    """A fixed 12-epoch history with validation; no TensorFlow needed."""
    from rkeras import KerasTrainingHistory

    noise = np.random.RandomState(0).normal(0, 0.02, size=(4, 12))
    epoch = np.arange(1, 13)
    metrics = {
        "loss": 1 / (1 + 0.4 * epoch) + noise[0],
        "accuracy": 1 - 0.5 / (1 + 0.3 * epoch) + noise[1],
        "val_loss": 1.1 / (1 + 0.35 * epoch) + noise[2],
        "val_accuracy": 0.95 - 0.5 / (1 + 0.3 * epoch) + noise[3],
    }
    params = {"epochs": 12, "samples": 800, "validation_samples": 200, "batch_size": 32}
    return KerasTrainingHistory(params, {k: [round(float(v), 6) for v in vals] for k, vals in metrics.items()})


#: name -> keyword arguments of plot_history
CASES = {
    "history_plotnine": {"method": "plotnine", "smooth": True, "theme_bw": False},
    "history_plotnine_bw": {"method": "plotnine", "smooth": True, "theme_bw": True},
    "history_matplotlib": {"method": "matplotlib", "smooth": True, "theme_bw": False},
}


@contextlib.contextmanager
def fixed_style():
    """Same font and rendering settings everywhere."""
    import matplotlib
    import plotnine.options

    old_family = plotnine.options.get_option("base_family")
    plotnine.options.set_option("base_family", "DejaVu Sans")
    try:
        with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 10, "savefig.dpi": DPI}):
            yield
    finally:
        plotnine.options.set_option("base_family", old_family)


def render(name: str, path) -> None:
    """Draw case ``name`` to the PNG file ``path``."""
    from rkeras.plotting import plot_history, save_plot

    with fixed_style():
        save_plot(plot_history(history(), **CASES[name]), path, width=WIDTH, height=HEIGHT, dpi=DPI)


def main(argv=None) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in CASES:
        target = OUT / f"{name}.png"
        render(name, target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

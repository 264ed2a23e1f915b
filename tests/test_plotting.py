"""plot(history): what the figure contains, and how it looks against baselines."""

from __future__ import annotations

import base64
import importlib.util
import io
import pathlib
import re

import numpy as np
import pytest

import rkeras
from rkeras import KerasTrainingHistory, RKerasError, RKerasWarning
from rkeras.plotting import loess, plot_history, save_plot

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASELINES = ROOT / "tests" / "baseline_images"


def _baseline_script():
    spec = importlib.util.spec_from_file_location("make_baseline_images", ROOT / "scripts" / "make_baseline_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_history(epochs=12, trained=None, validation=True, extra=(), initial_epoch=0):
    trained = epochs - initial_epoch if trained is None else trained
    e = np.arange(1, trained + 1)
    metrics = {"loss": list(1 / (1 + 0.4 * e)), "accuracy": list(1 - 0.5 / (1 + 0.3 * e))}
    for name in extra:
        metrics[name] = list(0.1 * e)
    if validation:
        metrics["val_loss"] = list(1.1 / (1 + 0.35 * e))
        metrics["val_accuracy"] = list(0.95 - 0.5 / (1 + 0.3 * e))
    params = {"epochs": epochs, "initial_epoch": initial_epoch, "samples": 100, "batch_size": 32,
              "validation_samples": 20 if validation else None}
    return KerasTrainingHistory(params, metrics)


def layer_names(plot):
    return [type(layer.geom).__name__ for layer in plot.layers]


def points_by_label(figure):
    """{legend label: number of points} for each matplotlib axes, in order."""
    panels = []
    for ax in figure.axes:
        found = {}
        for line in ax.get_lines():
            if line.get_marker() not in (None, "None", "") and not line.get_label().startswith("_"):
                found[line.get_label()] = len(line.get_xdata())
        panels.append(found)
    return panels


# -- plotnine (R's ggplot2 method) ------------------------------------------------
def test_plotnine_one_panel_per_metric_with_validation_in_its_panel():
    p9 = pytest.importorskip("plotnine")
    plot = make_history().plot(method="plotnine")
    assert isinstance(plot, p9.ggplot)
    assert layer_names(plot) == ["geom_point", "geom_smooth"]
    assert plot.facet.rows == ["metric"]
    assert list(plot.data["metric"].cat.categories) == ["loss", "accuracy"]
    counts = plot.data.groupby(["metric", "data"], observed=True).size().to_dict()
    assert counts == {("loss", "training"): 12, ("loss", "validation"): 12,
                      ("accuracy", "training"): 12, ("accuracy", "validation"): 12}
    assert {"color", "fill"} <= set(plot.mapping) and plot.mapping["color"] == "data"
    figure = plot.draw()
    texts = {t.get_text() for t in figure.findobj(match=lambda a: hasattr(a, "get_text"))}
    assert {"loss", "accuracy", "epoch", "training", "validation"} <= texts
    panels = [ax for ax in figure.axes if ax.collections]
    assert len(panels) == 2
    # every point drawn: 12 training + 12 validation in each panel
    assert [sum(len(c.get_offsets()) for c in ax.collections) for ax in panels] == [24, 24]


def test_plotnine_without_validation_maps_no_colour():
    pytest.importorskip("plotnine")
    plot = make_history(validation=False).plot(method="ggplot2")
    assert "color" not in plot.mapping
    assert set(plot.data["data"]) == {"training"}


def test_no_smooth_line_below_ten_epochs_or_when_turned_off():
    pytest.importorskip("plotnine")
    assert layer_names(make_history(epochs=9).plot(method="plotnine")) == ["geom_point"]
    assert layer_names(make_history(epochs=12).plot(method="plotnine", smooth=False)) == ["geom_point"]
    with rkeras.options(keras_plot_history_smooth=False):  # option read at the call
        assert layer_names(make_history().plot(method="plotnine")) == ["geom_point"]
    assert layer_names(make_history().plot(method="plotnine")) == ["geom_point", "geom_smooth"]


def test_theme_bw_from_argument_or_option():
    p9 = pytest.importorskip("plotnine")
    plot = make_history().plot(method="plotnine", theme_bw=True)
    assert isinstance(plot.theme, p9.theme_bw)
    assert {"shape", "linetype"} <= set(plot.mapping)
    with rkeras.options({"keras.plot.history.theme_bw": True}):
        assert isinstance(make_history().plot(method="plotnine").theme, p9.theme_bw)
    assert not isinstance(make_history().plot(method="plotnine").theme, p9.theme_bw)


def test_epochs_never_run_are_skipped():
    pytest.importorskip("plotnine")
    history = make_history(epochs=12, trained=7)  # early stopping after epoch 7
    assert history.to_data_frame()["value"].isna().sum() == 4 * 5
    plot = history.plot(method="plotnine")
    assert len(plot.data) == 4 * 7 and plot.data["value"].notna().all()
    assert plot.data["epoch"].max() == 7
    figure = history.plot(method="matplotlib")
    assert points_by_label(figure) == [{"loss": 7, "val_loss": 7}, {"accuracy": 7, "val_accuracy": 7}]


def test_metrics_picks_panels_in_the_order_given():
    pytest.importorskip("plotnine")
    history = make_history(extra=("lr",))
    plot = history.plot(metrics=["accuracy", "loss"], method="plotnine")
    assert list(plot.data["metric"].cat.categories) == ["accuracy", "loss"]
    one = history.plot(metrics="lr", method="plotnine")
    assert set(one.data["metric"]) == {"lr"} and set(one.data["data"]) == {"training"}
    figure = history.plot(metrics=["accuracy"], method="matplotlib")
    assert points_by_label(figure) == [{"accuracy": 12, "val_accuracy": 12}]


def test_true_epoch_numbers_after_initial_epoch():
    figure = make_history(epochs=15, initial_epoch=5).plot(method="matplotlib")
    line = next(l for l in figure.axes[0].get_lines() if l.get_label() == "loss")
    assert list(line.get_xdata()) == list(range(6, 16))


# -- matplotlib (R's base method) -------------------------------------------------
def test_matplotlib_panels_labels_points_and_smooth():
    from matplotlib.figure import Figure

    figure = make_history().plot(method="base")
    assert isinstance(figure, Figure)
    assert [ax.get_ylabel() for ax in figure.axes] == ["loss", "accuracy"]
    assert figure.axes[-1].get_xlabel() == "epoch"
    assert points_by_label(figure) == [{"loss": 12, "val_loss": 12}, {"accuracy": 12, "val_accuracy": 12}]
    legends = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in figure.axes]
    assert legends == [["loss", "val_loss"], ["accuracy", "val_accuracy"]]
    smooth = [l for l in figure.axes[0].get_lines() if l.get_label() == "_smooth"]
    assert len(smooth) == 2 and all(len(l.get_xdata()) == 80 for l in smooth)
    colours = {l.get_label(): l.get_markerfacecolor() for l in figure.axes[0].get_lines()}
    assert colours["loss"] != colours["val_loss"]  # training and validation told apart
    unsmoothed = make_history(epochs=9).plot(method="matplotlib")
    assert not [l for l in unsmoothed.axes[0].get_lines() if l.get_label() == "_smooth"]


def test_matplotlib_black_and_white_and_kwargs():
    from matplotlib.colors import to_hex

    figure = make_history().plot(method="matplotlib", theme_bw=True, markersize=9)
    lines = {l.get_label(): l for l in figure.axes[0].get_lines() if not l.get_label().startswith("_")}
    assert lines["loss"].get_marker() != lines["val_loss"].get_marker()
    assert {to_hex(l.get_color()) for l in figure.axes[0].get_lines()} <= {"#000000", "#787878"}
    assert lines["loss"].get_markersize() == 9


def test_method_auto_prefers_plotnine(monkeypatch):
    from matplotlib.figure import Figure

    import rkeras.plotting as plotting

    if plotting._plotnine_installed():
        assert type(make_history().plot()).__name__ == "ggplot"
    monkeypatch.setattr(plotting, "_plotnine_installed", lambda: False)
    assert isinstance(make_history().plot(), Figure)


def test_plot_history_is_exported():
    assert rkeras.plot_history is plot_history
    assert type(rkeras.plot_history(make_history(), method="matplotlib")).__name__ == "HistoryFigure"


# -- bad input ----------------------------------------------------------------------
@pytest.mark.parametrize("method", ["ggplot", "lattice", None, 1])
def test_unknown_method_is_an_error(method):
    with pytest.raises(RKerasError, match=r"`method` should be one of 'auto', 'plotnine', 'ggplot2'") as info:
        make_history().plot(method=method)
    assert info.value.argument == "method"


def test_unknown_metric_lists_the_available_ones():
    with pytest.raises(RKerasError, match=r"`metrics` should be names of metrics in the history: 'loss', 'accuracy'.*Not found: 'acc'"):
        make_history().plot(metrics=["loss", "acc"], method="matplotlib")
    with pytest.raises(RKerasError, match=r"Not found: 'val_loss' \(a val_ series is drawn in its metric's panel\)"):
        make_history().plot(metrics="val_loss", method="matplotlib")
    with pytest.raises(RKerasError, match="`metrics` should be a metric name or a list"):
        make_history().plot(metrics=[], method="matplotlib")


@pytest.mark.parametrize("argument", ["smooth", "theme_bw"])
def test_flags_must_be_true_or_false(argument):
    with pytest.raises(RKerasError, match=f"`{argument}` should be True or False. Got {argument}='yes'"):
        make_history().plot(method="matplotlib", **{argument: "yes"})


def test_not_a_history():
    with pytest.raises(RKerasError, match="`x` should be a training history"):
        plot_history({"loss": [1, 2]})


def test_nothing_to_plot_is_an_error():
    with pytest.raises(RKerasError, match="`x` should be a history with at least one value to plot"):
        KerasTrainingHistory({"epochs": 3}, {}).plot(method="matplotlib")
    with pytest.raises(RKerasError, match="No epoch of the chosen metrics was trained"):
        KerasTrainingHistory({"epochs": 3}, {"loss": [float("nan")]}).plot(method="plotnine")


def test_plotnine_warns_about_arguments_it_ignores():
    pytest.importorskip("plotnine")
    with pytest.warns(RKerasWarning, match="ignores 'markersize' with method='plotnine'"):
        make_history().plot(method="plotnine", markersize=3)


# -- loess ----------------------------------------------------------------------------
def test_loess_reproduces_a_quadratic_and_smooths_noise():
    x = np.arange(1.0, 16.0)
    y = 0.5 - 0.1 * x + 0.01 * x**2
    grid = np.linspace(1, 15, 29)
    assert np.allclose(loess(x, y, grid), 0.5 - 0.1 * grid + 0.01 * grid**2)
    noisy = y + np.random.RandomState(3).normal(0, 0.05, len(x))
    fitted = loess(x, noisy, x)
    assert np.mean((fitted - y) ** 2) < np.mean((noisy - y) ** 2)
    assert np.isnan(loess([1.0, 2.0], [1.0, 2.0], [1.5])).all()  # too few points: no line


# -- saving and baselines --------------------------------------------------------------
@pytest.mark.parametrize("method", ["plotnine", "matplotlib"])
def test_save_plot_writes_a_png_of_the_asked_size(tmp_path, method):
    if method == "plotnine":
        pytest.importorskip("plotnine")
    from PIL import Image

    path = save_plot(make_history(epochs=3).plot(method=method), tmp_path / "h.png", width=4, height=3, dpi=50)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (200, 150)
    default = save_plot(make_history(epochs=3).plot(method=method), tmp_path / "d.png", dpi=20)
    with Image.open(default) as image:  # 6 inches wide, taller with more panels
        assert image.size == (120, 100)
    with pytest.raises(RKerasError, match="`plot` should be a plot returned by plot_history"):
        save_plot("not a plot", tmp_path / "x.png")


@pytest.mark.parametrize("case", ["history_plotnine", "history_plotnine_bw", "history_matplotlib"])
def test_looks_like_the_baseline_image(tmp_path, case):
    pytest.importorskip("plotnine")
    from matplotlib.testing.compare import compare_images

    script = _baseline_script()
    actual = tmp_path / f"{case}.png"
    script.render(case, actual)
    expected = BASELINES / f"{case}.png"
    assert expected.exists(), "run scripts/make_baseline_images.py and commit the images"
    difference = compare_images(str(expected), str(actual), tol=6)
    assert difference is None, difference


def test_the_baseline_comparison_can_fail(tmp_path):
    """A different plot (theme) is far beyond the tolerance: the comparison has teeth."""
    pytest.importorskip("plotnine")
    from matplotlib.testing.compare import compare_images

    script = _baseline_script()
    actual = tmp_path / "other.png"
    script.render("history_plotnine_bw", actual)
    assert compare_images(str(BASELINES / "history_plotnine.png"), str(actual), tol=6) is not None


# -- the notebook representation --------------------------------------------------------
def test_repr_html_is_r_print_text_and_a_small_plot():
    from PIL import Image

    history = make_history(extra=("<b>x</b>",))
    page = history._repr_html_()
    text = re.search(r"<pre>(.*)</pre>", page, re.S).group(1)
    assert "<b>" not in page
    assert text.replace("&lt;", "<").replace("&gt;", ">") == str(history)
    assert "Final epoch (plot to see history):" in text
    encoded = re.search(r'<img alt="training history plot" src="data:image/png;base64,([A-Za-z0-9+/=]+)"/>', page).group(1)
    with Image.open(io.BytesIO(base64.b64decode(encoded))) as image:
        assert image.format == "PNG" and image.size[0] <= 400


def test_repr_html_of_an_empty_history_is_text_only():
    page = KerasTrainingHistory({"epochs": 3}, {})._repr_html_()
    assert page == "<pre>Final epoch (plot to see history):</pre>"

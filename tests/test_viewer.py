"""The live metrics view: one in-place display in notebooks, an HTML page elsewhere."""

from __future__ import annotations

import base64
import json
import os
import re
import warnings

import numpy as np
import pytest

import rkeras
from rkeras import KerasTrainingHistory, RKerasWarning
from rkeras.viewer import make_viewer
from rkeras.viewer.html import DATA, PAGE, HtmlViewer
from rkeras.viewer.notebook import NotebookViewer
from rkeras.viewer.throttle import Throttle

FULL = {
    "loss": [0.9, 0.7, 0.5, 0.4],
    "<b>x</b>": [1.0, 2.0, 3.0, 4.0],
    "val_loss": [1.0, 0.8, 0.6, 0.55],
    "val_<b>x</b>": [1.5, 2.5, 3.5, 4.5],
}
PARAMS = {"epochs": 6, "initial_epoch": 0, "samples": 10, "batch_size": 5}


def upto(k, metrics=FULL, params=PARAMS):
    return KerasTrainingHistory(params, {name: values[:k] for name, values in metrics.items()})


@pytest.fixture(autouse=True)
def _every_epoch(monkeypatch):
    """No time budget in these tests: every epoch is written (the budget is tested apart)."""
    monkeypatch.setattr(HtmlViewer, "budget", 1.0)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="rkeras-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


# -- which view ------------------------------------------------------------------------
@pytest.mark.parametrize("context, kind", [("notebook", NotebookViewer), ("rendering", NotebookViewer),
                                           ("terminal", HtmlViewer), ("batch", HtmlViewer)])
def test_make_viewer_follows_the_context(context, kind, monkeypatch):
    import rkeras.viewer as viewer_package

    monkeypatch.setattr(viewer_package, "_ipython_shell", lambda: True)
    with rkeras.options(rkeras_context=context):
        assert type(make_viewer(PARAMS)) is kind


def test_no_ipython_shell_means_the_html_page():
    with rkeras.options(rkeras_context="notebook"):  # forced, but nothing to display in
        assert type(make_viewer(PARAMS)) is HtmlViewer


# -- the HTML page ---------------------------------------------------------------------
def test_page_in_run_dir_updated_each_epoch_and_path_printed_once(tmp_path, capsys):
    with rkeras.options(keras_run_dir=str(tmp_path / "run")):
        viewer = HtmlViewer(PARAMS)
        viewer.on_train_begin(upto(0))
    page = tmp_path / "run" / PAGE
    assert embedded_data(page.read_text())["epochs_trained"] == 0
    for k in range(1, 5):
        viewer.on_epoch_end(upto(k))
        data = json.loads((tmp_path / "run" / DATA).read_text())
        assert data["epochs_trained"] == k and data["running"] is True
        assert data["metrics"][0] == {"name": "loss", "training": FULL["loss"][:k] + [None] * (6 - k),
                                      "validation": FULL["val_loss"][:k] + [None] * (6 - k)}
        assert embedded_data(page.read_text()) == data
    viewer.on_train_end(upto(4))
    data = json.loads((tmp_path / "run" / DATA).read_text())
    assert data["running"] is False and data["status"] == "finished" and data["epochs"] == 6
    assert sorted(os.listdir(tmp_path / "run")) == sorted([DATA, PAGE])  # no temporary files left
    assert all(os.stat(tmp_path / "run" / name).st_mode & 0o044 == 0o044 for name in (DATA, PAGE))
    printed = capsys.readouterr().out
    assert printed == f"Viewing metrics live at {page.as_uri()}\n"


def test_page_defaults_to_runs_under_the_working_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RUN_DIR", raising=False)
    viewer = HtmlViewer(PARAMS)
    viewer.on_train_begin(upto(0))
    assert (tmp_path / "runs" / PAGE).is_file()
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "env"))
    HtmlViewer(PARAMS).on_train_begin(upto(0))
    assert (tmp_path / "env" / PAGE).is_file()


def test_page_is_replaced_atomically(tmp_path, monkeypatch):
    viewer = HtmlViewer(PARAMS, directory=tmp_path, stream=open(os.devnull, "w"))
    viewer.on_train_begin(upto(0))
    viewer.on_epoch_end(upto(1))
    before = (tmp_path / PAGE).read_text()
    renames = []
    real_replace = os.replace

    def replace(src, dst):
        renames.append((os.path.dirname(src), os.path.basename(src), dst))
        if dst.endswith(PAGE):
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        viewer.write(upto(2), running=True)
    # the new page went to a temporary file in the same directory, then was to be renamed over
    assert [(d, dst) for d, _, dst in renames] == [(str(tmp_path), str(tmp_path / DATA)), (str(tmp_path), str(tmp_path / PAGE))]
    assert all(name.startswith(".") and name.endswith(".tmp") for _, name, _ in renames)
    assert (tmp_path / PAGE).read_text() == before  # the old page is intact
    assert sorted(os.listdir(tmp_path)) == sorted([DATA, PAGE])  # and the temporary file is gone


def test_metric_names_are_data_never_markup(tmp_path):
    hostile = "</script><script>alert(1)</script>"
    metrics = {"loss": [1.0, 0.5], "<b>x</b>": [1.0, 2.0], hostile: [3.0, 4.0], "a&b": [0.1, 0.2]}
    viewer = HtmlViewer(PARAMS, directory=tmp_path, stream=open(os.devnull, "w"))
    viewer.on_train_begin(upto(0, metrics))
    viewer.on_epoch_end(upto(2, metrics))
    page = (tmp_path / PAGE).read_text()
    assert "<b>" not in page and "alert(1)</script>" not in page and "a&b" not in page
    assert page.count("<script") == 2  # the data block and the page's own script, nothing injected
    names = [m["name"] for m in embedded_data(page)["metrics"]]
    assert names == ["loss", "<b>x</b>", hostile, "a&b"]
    # the script writes names with textContent only
    script = (tmp_path / PAGE).read_text().split('id="rkeras-data">', 1)[1]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def test_stopped_training_is_shown_and_reloading_ends(tmp_path):
    viewer = HtmlViewer(PARAMS, directory=tmp_path, stream=open(os.devnull, "w"))
    viewer.on_train_begin(upto(0))
    viewer.on_epoch_end(upto(2))
    viewer.on_train_stopped(KeyboardInterrupt())
    viewer.on_train_end(upto(2))
    data = embedded_data((tmp_path / PAGE).read_text())
    assert data["running"] is False and data["status"] == "stopped by KeyboardInterrupt"
    assert data["epochs_trained"] == 2


def test_nan_and_infinite_values_become_null(tmp_path):
    viewer = HtmlViewer(PARAMS, directory=tmp_path, stream=open(os.devnull, "w"))
    viewer.on_train_begin(upto(0))
    viewer.on_epoch_end(KerasTrainingHistory(PARAMS, {"loss": [1.0, float("nan"), float("inf")]}))
    data = json.loads((tmp_path / DATA).read_text())
    assert data["metrics"][0]["training"] == [1.0, None, None, None, None, None]


# -- throttling --------------------------------------------------------------------------
def test_throttle_keeps_drawing_within_its_budget():
    now = [0.0]
    throttle = Throttle(min_interval=0.5, budget=0.1, clock=lambda: now[0])
    assert throttle.ready()  # the first draw always
    with throttle.measure():
        now[0] += 0.2  # a draw that costs 0.2 s
    # the next waits 0.2 * (1/0.1 - 1) = 1.8 s, more than min_interval
    now[0] += 1.7
    assert not throttle.ready()
    now[0] += 0.1
    assert throttle.ready()
    with throttle.measure():
        now[0] += 0.01  # a cheap draw: min_interval rules
    now[0] += 0.4
    assert not throttle.ready()
    now[0] += 0.1
    assert throttle.ready()
    assert throttle.draws == 2 and throttle.time_drawing == pytest.approx(0.21)


# -- a real fit ------------------------------------------------------------------------------
def _small_model():
    import keras

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    return model


def test_fit_with_view_metrics_outside_a_notebook(tmp_path, capsys):
    x = np.random.RandomState(0).rand(40, 3).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    with rkeras.options(rkeras_context="batch", keras_run_dir=str(tmp_path)):
        history = rkeras.fit(_small_model(), x, y, epochs=3, verbose=0, view_metrics=True, validation_split=0.25)
    data = json.loads((tmp_path / DATA).read_text())
    assert data["running"] is False and data["epochs_trained"] == 3
    assert [m["name"] for m in data["metrics"]] == ["loss", "mae"]
    assert data["metrics"][0]["training"] == pytest.approx(history.metrics["loss"])
    assert data["metrics"][1]["validation"] == pytest.approx(history.metrics["val_mae"])
    assert capsys.readouterr().out.count("Viewing metrics live at") == 1


def test_a_failing_view_is_one_warning_and_training_goes_on(tmp_path, monkeypatch):
    import rkeras.viewer.html as html_view

    calls = []

    def broken(data):
        calls.append(data["epochs_trained"])
        raise RuntimeError("cannot draw")

    monkeypatch.setattr(html_view, "page_html", broken)
    x = np.random.RandomState(0).rand(40, 3).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with rkeras.options(rkeras_context="batch", keras_run_dir=str(tmp_path)):
            history = rkeras.fit(_small_model(), x, y, epochs=4, verbose=0, view_metrics=True)
    ours = [w for w in caught if issubclass(w.category, RKerasWarning)]
    assert len(ours) == 1
    assert "HtmlViewer stopped after an error and training goes on: RuntimeError: cannot draw" in str(ours[0].message)
    assert calls == [0]  # dropped after its first failure
    assert history.epochs_trained == 4 and len(history.metrics["loss"]) == 4


# -- in a Jupyter kernel ------------------------------------------------------------------------
SETUP = """
import warnings
import numpy as np, keras, rkeras
from rkeras.viewer.notebook import NotebookViewer
keras.utils.set_random_seed(0)
x = np.random.rand(40, 3).astype("float32"); y = x.sum(axis=1, keepdims=True)
def model():
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    m.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    return m
m = model()
NotebookViewer.min_interval = 0; NotebookViewer.budget = 1.0   # draw every epoch
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from _notebooks import kernel_available, notebook, run_notebook

    assert kernel_available(), "no python3 Jupyter kernel: is ipykernel installed?"
    nb = notebook(
        SETUP,
        # 1: a display at the first epoch's end, updated after every other epoch
        "h = rkeras.fit(m, x, y, epochs=4, verbose=0, view_metrics=True, validation_split=0.25)",
        # 2: throttled hard: the first epoch, then the final state only
        "NotebookViewer.min_interval = 3600\n"
        "h = rkeras.fit(m, x, y, epochs=5, verbose=0, view_metrics=True)\n"
        "NotebookViewer.min_interval = 0",
        # 3: "auto" while rendering: no live view (and writing run files shows nothing either)
        "with rkeras.options(keras_run_dir='run3'):\n"
        "    h = rkeras.fit(m, x, y, epochs=3, verbose=0, view_metrics='auto')",
        # 4: drawing fails: one warning, training goes on
        "import rkeras.viewer.notebook as nbv\n"
        "def boom(*a, **k): raise RuntimeError('no canvas')\n"
        "nbv.render_png, saved = boom, nbv.render_png\n"
        "h = rkeras.fit(m, x, y, epochs=3, verbose=0, view_metrics=True)\n"
        "nbv.render_png = saved\n"
        "print('epochs trained:', h.epochs_trained)",
        # 5: the history shows itself
        "h",
    )
    client = run_notebook(nb, cwd=tmp_path_factory.mktemp("nb"), timeout=240)
    return nb, client.messages


def _displays(messages, cell):
    return [(m["msg_type"], m["content"]) for i, m in messages
            if i == cell and m["msg_type"] in ("display_data", "update_display_data", "clear_output")]


def test_notebook_one_display_updated_in_place_each_epoch(executed):
    nb, messages = executed
    shown = _displays(messages, 1)
    kinds = [kind for kind, _ in shown]
    assert kinds == ["display_data"] + ["update_display_data"] * 3  # never cleared
    ids = {content["transient"]["display_id"] for _, content in shown}
    assert len(ids) == 1
    texts = [content["data"]["text/plain"] for _, content in shown]
    assert [t.split(" - ")[0] for t in texts] == ["Epoch 1/4", "Epoch 2/4", "Epoch 3/4", "Epoch 4/4"]
    assert "val_loss:" in texts[-1]
    for _, content in shown:
        assert base64.b64decode(content["data"]["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    # the stored notebook holds one output: the final state
    outputs = nb.cells[1].outputs
    assert [o.output_type for o in outputs] == ["display_data"]
    assert outputs[0].data["text/plain"] == texts[-1]


def test_notebook_view_is_throttled_but_ends_on_the_final_state(executed):
    nb, messages = executed
    shown = _displays(messages, 2)
    assert [kind for kind, _ in shown] == ["display_data", "update_display_data"]
    assert shown[0][1]["data"]["text/plain"].startswith("Epoch 1/5 - loss:")
    assert shown[1][1]["data"]["text/plain"].startswith("Epoch 5/5 - loss:")


def test_no_live_view_by_default_while_rendering(executed):
    nb, messages = executed
    assert _displays(messages, 3) == []


def test_notebook_drawing_failure_is_one_warning(executed):
    nb, messages = executed
    streams = [m["content"] for i, m in messages if i == 4 and m["msg_type"] == "stream"]
    stderr = "".join(s["text"] for s in streams if s["name"] == "stderr")
    stdout = "".join(s["text"] for s in streams if s["name"] == "stdout")
    assert stderr.count("RKerasWarning") == 1
    assert "NotebookViewer stopped after an error and training goes on: RuntimeError: no canvas" in stderr
    assert stdout == "epochs trained: 3\n"
    assert _displays(messages, 4) == []


def test_history_shows_as_r_text_and_plot_in_a_notebook(executed):
    nb, messages = executed
    (result,) = [o for o in nb.cells[5].outputs if o.output_type == "execute_result"]
    assert result.data["text/plain"].startswith("Trained on 40 samples (batch_size=32, epochs=3)")
    assert result.data["text/html"].startswith("<pre>Trained on 40 samples")
    assert 'src="data:image/png;base64,' in result.data["text/html"]

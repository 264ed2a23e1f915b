"""R's tfruns tools (tfruns 1.5.3): ls_runs, run_info, latest_run, training_run,
tuning_run, view_run and compare_runs.

Run directories are made by hand in tfruns' layout for the readers; a few
end-to-end runs start real script processes (each costs seconds).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
import subprocess
import tarfile
import textwrap
import warnings
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning
from rkeras.tfruns import run_context
from rkeras.tfruns.training_run import TrainingRunError
from rkeras.tfruns.tuning_run import flag_grid

MODEL = "Model\n________________\n Layer (type)    Output Shape\n dense (Dense)   (None, 1)\n"


@pytest.fixture(autouse=True)
def _workdir(tmp_path, monkeypatch):
    for name in ("RUN_DIR", "R_CONFIG_ACTIVE", run_context.FLAGS_VARIABLE, run_context.FLAGS_FILE_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def make_run(name, runs_dir="runs", properties=None, metrics=None, evaluation=None, flags=None, error=None):
    """A run directory in tfruns' layout, written as tfruns writes it."""
    meta = os.path.join(runs_dir, name, "tfruns.d")
    os.makedirs(os.path.join(meta, "properties"))
    for key, value in (properties or {}).items():
        with open(os.path.join(meta, "properties", key), "w") as handle:
            handle.write(f"{value}\n")
    for filename, data in (("metrics.json", metrics), ("evaluation.json", evaluation), ("flags.json", flags),
                           ("error.json", error)):
        if data is not None:
            with open(os.path.join(meta, filename), "w") as handle:
                json.dump(data, handle, indent=2)
    return os.path.join(runs_dir, name)


def keras_run(name, start, loss, dense_units, **extra):
    properties = {"type": "training", "context": "local", "script": "train.py", "start": start,
                  "end": start + 5.5, "completed": "TRUE", "samples": 10, "validation_samples": 2,
                  "batch_size": 32, "epochs": 3, "model": MODEL, "loss_function": "mse", "optimizer": "SGD",
                  "learning_rate": 0.001, "engine": "keras"}
    properties.update(extra)
    return make_run(name, properties=properties,
                    metrics={"loss": [loss + 0.2, loss, None], "val_loss": [loss + 0.3, loss + 0.1, None]},
                    evaluation={"loss": loss, "mae": loss / 2},
                    flags={"dense_units": dense_units, "dropout": 0.2})


TFRUNS_COLUMNS = ["run_dir", "eval_loss", "eval_mae", "metric_loss", "metric_val_loss", "flag_dense_units",
                  "flag_dropout", "samples", "validation_samples", "batch_size", "epochs", "epochs_completed",
                  "metrics", "model", "loss_function", "optimizer", "learning_rate", "script", "start", "end",
                  "completed", "context", "type", "engine"]


@pytest.fixture
def two_runs():
    first = keras_run("2024-05-01T09-00-00Z", 1714554000.0, 0.5, 64)
    second = keras_run("2024-05-01T10-00-00Z", 1714557600.0, 0.3, 128)
    return first, second


# -- ls_runs ------------------------------------------------------------------------------------------


def test_ls_runs_has_tfruns_columns_in_tfruns_order(two_runs):
    runs = rkeras.ls_runs()
    assert list(runs.columns) == TFRUNS_COLUMNS
    assert list(runs["run_dir"]) == [two_runs[1], two_runs[0]]  # newest start first
    row = runs.iloc[0]
    assert (row.eval_loss, row.eval_mae, row.metric_loss, row.metric_val_loss) == (0.3, 0.15, 0.3, 0.4)
    assert (row.flag_dense_units, row.flag_dropout, row.epochs, row.epochs_completed) == (128, 0.2, 3, 2)
    assert (row.samples, row.batch_size, row.learning_rate, row.completed) == (10, 32, 0.001, True)
    assert row.model == MODEL  # the file ends with an empty line: readLines() keeps it
    assert row.metrics == os.path.join(two_runs[1], "tfruns.d", "metrics.json")
    assert row.start == pd.Timestamp("2024-05-01T10:00:00", tz="UTC")
    assert row.end == pd.Timestamp("2024-05-01T10:00:05.5", tz="UTC")
    assert runs.attrs["order"] is None


def test_ls_runs_order_brings_the_column_forward_and_sorts(two_runs):
    runs = rkeras.ls_runs(order="metric_loss")
    assert list(runs.columns[:3]) == ["run_dir", "metric_loss", "eval_loss"]
    assert list(runs["metric_loss"]) == [0.5, 0.3]
    runs = rkeras.ls_runs(order="metric_loss", decreasing=False)
    assert list(runs["metric_loss"]) == [0.3, 0.5]
    runs = rkeras.ls_runs(order=["flag_dropout", "eval_mae"])
    assert list(runs.columns[:3]) == ["run_dir", "flag_dropout", "eval_mae"]
    assert list(runs["eval_mae"]) == [0.25, 0.15]


def test_ls_runs_missing_values_sort_last(two_runs):
    make_run("2024-05-01T11-00-00Z", properties={"start": 1714561200.0})
    assert list(rkeras.ls_runs(order="eval_loss")["eval_loss"].isna()) == [False, False, True]
    assert list(rkeras.ls_runs(order="eval_loss", decreasing=False)["eval_loss"].isna()) == [False, False, True]


def test_ls_runs_latest_n_subset_and_errors(two_runs):
    assert list(rkeras.ls_runs(latest_n=1)["run_dir"]) == [two_runs[1]]
    assert list(rkeras.ls_runs("flag_dense_units > 100")["run_dir"]) == [two_runs[1]]
    assert list(rkeras.ls_runs(lambda runs: runs.eval_loss > 0.4)["run_dir"]) == [two_runs[0]]
    with pytest.raises(RKerasError, match=r"`order` should be names of columns of the runs\. Got order='eval_acc'"):
        rkeras.ls_runs(order="eval_acc")
    with pytest.raises(RKerasError, match="`latest_n`"):
        rkeras.ls_runs(latest_n=-1)


def test_ls_runs_without_runs():
    runs = rkeras.ls_runs()
    assert len(runs) == 0
    assert list(runs.columns) == ["run_dir", "start", "end", "type"]


def test_ls_runs_lists_only_directories_with_tfruns_d(two_runs):
    os.makedirs("runs/not-a-run")
    assert len(rkeras.ls_runs()) == 2


def test_run_without_keras_properties_has_tfruns_defaults():
    """No epochs property: steps_completed; type and context default; an unnamed
    evaluation array (R keras 2.15) gives tfruns' eval_ and NA. columns."""
    make_run("r1", properties={"start": 1.0, "type": "local"}, metrics={"loss": [1.0, 0.5]},
             evaluation=[0.25, 0.75], error={"message": "boom", "traceback": ["f()", "g()"]})
    row = rkeras.ls_runs().iloc[0]
    assert (row.steps_completed, row.type, row.context) == (2, "training", "local")
    assert (row["eval_"], row["NA."]) == (0.25, 0.75)
    assert (row.error_message, row.error_traceback) == ("boom", "f()\ng()")


# -- run_info, latest_run ---------------------------------------------------------------------------


def test_run_info_and_latest_run(two_runs):
    info = rkeras.run_info(two_runs[0])
    assert info.run_dir == two_runs[0] and info["flag_dense_units"] == 64
    assert list(info)[:3] == ["run_dir", "eval_loss", "eval_mae"]
    assert info.start == 1714554000.0
    assert list(info.metrics.columns) == ["loss", "val_loss"]
    np.testing.assert_array_equal(info.metrics["loss"].to_numpy(), [0.7, 0.5, np.nan])
    assert ' $ metrics           : chr "(metrics data frame)"' in repr(info).splitlines()
    assert ' $ start             : num 1.71e+09' in repr(info).splitlines()
    assert rkeras.run_info("2024-05-01T09-00-00Z").run_dir == two_runs[0]  # a name under runs_dir
    assert [i.run_dir for i in rkeras.run_info(rkeras.ls_runs())] == [two_runs[1], two_runs[0]]
    assert rkeras.latest_run().run_dir == two_runs[1]
    with pytest.raises(RKerasError, match="Run directory nowhere does not exist"):
        rkeras.run_info("nowhere")


def test_latest_run_without_runs_is_none():
    assert rkeras.latest_run() is None


# -- view_run, compare_runs -------------------------------------------------------------------------


class Structure(HTMLParser):
    """Tags must nest; collects ids, external references and the embedded data."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "col"}

    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.external, self.data, self.errors = [], [], [], {}, []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        for key in ("src", "href"):
            if attrs.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag == "script" and attrs.get("type") == "application/json":
            self._script = attrs["id"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()
        self._script = None

    def handle_data(self, data):
        if self._script:
            self.data[self._script] = json.loads(data)


def parse(page: str) -> Structure:
    structure = Structure()
    structure.feed(page)
    structure.close()
    assert structure.errors == [] and structure.stack == [], structure.errors
    assert structure.external == []
    return structure


def test_view_run_page_holds_flags_metrics_evaluation_and_summary(two_runs, capsys):
    path = rkeras.view_run(two_runs[0])
    assert capsys.readouterr().out == f"Run view: file://{os.path.realpath(path)}\n"
    assert os.path.basename(path) == "run-2024-05-01T09-00-00Z.html"
    page = open(path, encoding="utf-8").read()
    structure = parse(page)
    for section in ("attributes", "metrics", "evaluation", "flags", "optimization", "training", "history",
                    "model", "charts", "status"):
        assert section in structure.ids
    chart = structure.data["rkeras-data"]
    assert (chart["epochs"], chart["epochs_trained"], chart["running"], chart["status"]) == (3, 2, False, "completed")
    assert chart["metrics"] == [{"name": "loss", "training": [0.7, 0.5, None], "validation": [0.8, 0.6, None]}]
    text = html.unescape(page)
    assert "<title>Training Run: 2024-05-01T09-00-00Z</title>" in page
    assert re.search(r">dense_units</td><td class=\"value\">64<", page)
    assert re.search(r">eval_loss</td><td class=\"value\">0.5<", page)
    assert re.search(r">loss</td><td class=\"value\">0.5000<", page)  # last metric, 4 decimals as tfruns
    assert re.search(r">epochs</td><td class=\"value\">2/3<", page)
    assert re.search(r">started</td><td class=\"value\">2024-05-01 09:00:00 GMT<", page)
    assert re.search(r">time</td><td class=\"value\">00:00:05<", page)
    assert " dense (Dense)   (None, 1)" in text and "Model\n___" not in text  # tfruns strips the title
    assert rkeras.view_run(viewer=False).endswith("run-2024-05-01T09-00-00Z.html") is False  # latest: 10-00


def test_view_run_escapes_text_and_shows_errors(tmp_path):
    make_run("r1", properties={"start": 1.0, "end": 2.0, "completed": "FALSE"},
             flags={"name": "<script>alert(1)</script>"}, error={"message": "bad <b>", "traceback": ["x()"]})
    page = open(rkeras.save_run_view("runs/r1", filename=str(tmp_path / "v.html")), encoding="utf-8").read()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    structure = parse(page)
    assert "error" in structure.ids
    assert "bad &lt;b&gt;" in page
    assert structure.data["rkeras-data"]["epochs_trained"] == 0


def test_view_run_without_runs_is_an_error():
    with pytest.raises(RKerasError, match="No runs available in the current directory"):
        rkeras.view_run()


def test_compare_runs_side_by_side(two_runs):
    path = rkeras.compare_runs(viewer=False)
    assert os.path.basename(path) == "compare-runs-2024-05-01T09-00-00Z-2024-05-01T10-00-00Z.html"
    page = open(path, encoding="utf-8").read()
    structure = parse(page)
    assert structure.ids[:1] == ["comparison"] and structure.ids[-2:] == ["run_a", "run_b"]
    frames = re.findall(r'<iframe id="(run_[ab])" title="([^"]+)" srcdoc="([^"]*)"', page)
    assert [(f[0], f[1]) for f in frames] == [("run_a", "2024-05-01T09-00-00Z"), ("run_b", "2024-05-01T10-00-00Z")]
    for _, _, srcdoc in frames:
        parse(html.unescape(srcdoc))
    assert re.search(r"<td>flag_dense_units</td><td class=\"differs\">64</td><td class=\"differs\">128</td>", page)
    assert re.search(r"<td>flag_dropout</td><td>0.2</td><td>0.2</td>", page)
    assert '<span class="removed">-dense_units: 64</span>' in page
    assert '<span class="added">+dense_units: 128</span>' in page
    with pytest.raises(RKerasError, match="You must pass 2 run directories to compare_runs. Got 1."):
        rkeras.compare_runs(two_runs[0])


@pytest.fixture
def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail("chromium is not installed")
    pytest.skip("chromium is not installed")


def test_view_run_page_draws_in_a_browser(two_runs, chromium, tmp_path):
    path = rkeras.save_run_view(two_runs[1], filename=str(tmp_path / "view.html"))
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                          "--dump-dom", f"file://{path}"], capture_output=True, text=True, timeout=90).stdout
    charts = dom[dom.index('id="charts"'):]
    assert charts.count('class="line training"') == 1 and charts.count('class="line validation"') == 1
    assert charts.count("<circle") == 4  # two epochs trained, two series
    assert "Training completed after epoch 2 of 3" in dom


# -- training_run, tuning_run (end to end) -------------------------------------------------------------

FLAGS_SCRIPT = """\
import rkeras

# the flags of the run
FLAGS = rkeras.flags(rkeras.flag_numeric("learning_rate", 0.01, "Learning rate"),
                     rkeras.flag_integer("units", 1))
FLAGS.learning_rate * 2
print("units:", FLAGS.units)
"""


def test_training_run_of_a_failing_script(tmp_path, capsys):
    (tmp_path / "train-error.py").write_text(FLAGS_SCRIPT + 'raise RuntimeError("Training error occurred")\n')
    with pytest.raises(TrainingRunError, match="Training error occurred") as raised:
        rkeras.training_run("train-error.py", echo=False)
    run = rkeras.ls_runs(latest_n=1).iloc[0]
    assert run.run_dir == raised.value.run_dir
    assert not run.completed
    assert run.error_message == "Training error occurred"
    assert 'train-error.py", line 8' in run.error_traceback and "runner.py" not in run.error_traceback
    assert run.output == "units: 1"
    assert "Run completed" not in capsys.readouterr().err


def test_training_run_flags_echo_and_files(tmp_path, capsys):
    (tmp_path / "helper.py").write_text("X = 1\n")
    (tmp_path / "flags.yml").write_text("learning_rate: 0.05\n")
    (tmp_path / "train.py").write_text(FLAGS_SCRIPT + 'open("notes.txt", "w").write("made by the run")\n'
                                       'import matplotlib.pyplot as plt\nplt.plot([1, 2]);\n')
    runs = rkeras.training_run(flags={"units": 3}, properties={"note": "first"}, view=False)
    captured = capsys.readouterr()
    run = runs.iloc[0]
    assert re.fullmatch(r"runs/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ", run.run_dir)
    assert captured.err.startswith(f"Using run directory {run.run_dir}\n")
    assert f"\nRun completed: {run.run_dir}\n" in captured.err
    assert ">>> # the flags of the run\n>>> import rkeras\n" not in captured.out  # comments come before their line
    assert ">>> # the flags of the run\n>>> FLAGS = rkeras.flags(" in captured.out
    assert '...                      rkeras.flag_integer("units", 1))\n>>> FLAGS.learning_rate * 2\n0.1\n' \
        in captured.out
    assert "units: 3\n" in captured.out
    assert (run.flag_learning_rate, run.flag_units, run.completed, run.script, run.note) == (0.05, 3, True,
                                                                                            "train.py", "first")
    assert (run.type, run.context) == ("training", "local") and run.end >= run.start
    assert run.output == captured.out.rstrip("\n")
    with tarfile.open(run.source_code) as archive:
        assert sorted(archive.getnames()) == ["source/helper.py", "source/train.py"]
    assert open(os.path.join(run.run_dir, "notes.txt")).read() == "made by the run"
    assert sorted(os.listdir(run.run_dir)) == ["notes.txt", "plots", "tfruns.d"]
    assert os.listdir(os.path.join(run.run_dir, "plots")) == ["Rplot001.png"]
    page = open(rkeras.view_run(run.run_dir, viewer=False), encoding="utf-8").read()
    assert page.count('<img alt="Rplot001.png" src="data:image/png;base64,iVBOR') == 1
    assert "Console" in page and "units: 3" in page


TRAIN_SCRIPT = """\
import numpy as np
import keras
import rkeras

FLAGS = rkeras.flags(rkeras.flag_integer("epochs", 2))
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros",
                                                                bias_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mae"])
x = np.arange(1, 5, dtype="float32").reshape(-1, 1)
history = rkeras.fit(model, x, x, epochs=FLAGS.epochs, batch_size=4, verbose=0, view_metrics=False)
rkeras.evaluate(model, x, x, verbose=0)  # writes evaluation.json, as R keras did
"""


def test_training_run_of_a_keras_script_then_ls_runs_and_view(tmp_path, capsys):
    (tmp_path / "train.py").write_text(TRAIN_SCRIPT)
    rkeras.training_run("train.py", flags={"epochs": 2}, echo=False, view=False)
    capsys.readouterr()
    run = rkeras.ls_runs().iloc[0]
    loss = float(np.mean(np.arange(1, 5) ** 2))  # a frozen model: mean(y^2)
    assert (run.metric_loss, run.metric_mae, run.eval_loss, run.eval_mae) == (loss, 2.5, loss, 2.5)
    assert (run.flag_epochs, run.epochs, run.epochs_completed, run.samples, run.batch_size) == (2, 2, 2, 4, 4)
    assert (run.loss_function, run.completed) == ("mse", True)
    page = open(rkeras.view_run(run.run_dir, viewer=False), encoding="utf-8").read()
    data = parse(page).data["rkeras-data"]
    assert [m["name"] for m in data["metrics"]] == ["loss", "mae"]
    assert data["metrics"][0]["training"] == [loss, loss]
    assert "dense (Dense)" in page


def test_tuning_run_grid_order_and_errors(tmp_path):
    assert flag_grid({"a": [1, 2], "b": ["x", "y"]}) == [{"a": 1, "b": "x"}, {"a": 2, "b": "x"},
                                                         {"a": 1, "b": "y"}, {"a": 2, "b": "y"}]  # expand.grid
    assert flag_grid(pd.DataFrame({"a": [1, 2], "b": [0.5, 0.25]})) == [{"a": 1, "b": 0.5}, {"a": 2, "b": 0.25}]
    (tmp_path / "train.py").write_text(FLAGS_SCRIPT)
    grid = {"learning_rate": [0.01, 0.02], "units": [1, 2]}
    with pytest.raises(RKerasError, match="sample must be a floating point value less or equal to 1"):
        rkeras.tuning_run(flags=grid, sample=1.1, confirm=False)
    with pytest.raises(RKerasError, match="sample must be a floating point value greater than 0"):
        rkeras.tuning_run(flags=grid, sample=0, confirm=False)
    for flags in (None, [[0.01, 0.02]], {}):
        with pytest.raises(RKerasError, match="flags must be specified as a named list or a data frame"):
            rkeras.tuning_run(flags=flags, confirm=False)
    assert not os.path.exists("runs")


def test_tuning_run_cancelled_at_the_prompt(tmp_path, monkeypatch, capsys):
    (tmp_path / "train.py").write_text(FLAGS_SCRIPT)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert rkeras.tuning_run(flags={"units": [1, 2]}, confirm=True) is None
    assert capsys.readouterr().err == "2 total combinations of flags \n(use sample parameter to run a random subset)\n"
    assert not os.path.exists("runs")


def test_tuning_run_samples_the_grid(tmp_path, capsys):
    (tmp_path / "train.py").write_text(FLAGS_SCRIPT)
    np.random.seed(1)
    runs = rkeras.tuning_run(flags={"learning_rate": [0.01, 0.02], "units": [1, 2]}, sample=0.5, confirm=False,
                             echo=False)
    err = capsys.readouterr().err
    assert "4 total combinations of flags \n(sampled to 2 combinations)\n" in err
    assert err.count("Training run 1/2 (flags = {'learning_rate': ") == 1
    assert len(runs) == 2 and runs["completed"].all()
    pairs = set(zip(runs.flag_learning_rate, runs.flag_units))
    assert len(pairs) == 2 and pairs <= {(0.01, 1), (0.02, 1), (0.01, 2), (0.02, 2)}
    assert list(runs.columns[:3]) == ["run_dir", "flag_learning_rate", "flag_units"]


def test_tfruns_tools_do_not_import_tensorflow(two_runs, tmp_path):
    child = textwrap.dedent("""
        import sys
        import rkeras
        rkeras.flags(rkeras.flag_integer("units", 1), arguments=[])
        rkeras.ls_runs(); rkeras.run_info(rkeras.latest_run()); rkeras.save_run_view(filename="v.html")
        rkeras.save_run_comparison(filename="c.html")
        print(sorted(m for m in ("tensorflow", "keras", "tf_keras") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_runs_print_as_tfruns(two_runs):
    runs = rkeras.ls_runs(order="flag_dropout")
    lines = repr(runs).splitlines()
    assert lines[0] == "Data frame: 2 x 24 "
    assert lines[1].split() == ["run_dir", "flag_dropout", "eval_loss", "eval_mae", "metric_loss", "metric_val_loss"]
    assert lines[4] == "# ... with 18 more columns:"
    assert lines[5].startswith("#   flag_dense_units, samples, validation_samples, batch_size,")
    assert type(runs[["run_dir"]]) is pd.DataFrame  # selections are plain data frames
    assert repr(rkeras.ls_runs(latest_n=1)).splitlines()[:2] == [
        ' $ run_dir           : chr "runs/2024-05-01T10-00-00Z"', ' $ eval_loss         : num 0.3']
    assert repr(rkeras.ls_runs(runs_dir="none")) == "No training runs found."


def test_ctrl_c_stops_the_script_and_the_run_is_closed(tmp_path):
    """Ctrl-C in the caller reaches the script (as at the console in R); the run
    keeps its end time, is not completed and has no error; nothing hangs."""
    (tmp_path / "slow.py").write_text("import time\nprint('started', flush=True)\ntime.sleep(60)\n")
    caller = subprocess.Popen([sys.executable, "-c", "import rkeras; rkeras.training_run('slow.py', echo=False)"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert caller.stdout.readline() == "started\n"
    caller.send_signal(__import__("signal").SIGINT)
    _, err = caller.communicate(timeout=60)
    assert caller.returncode != 0 and "KeyboardInterrupt" in err
    run = rkeras.ls_runs().iloc[0]
    assert not run.completed
    assert run.end >= run.start and "error_message" not in run.index
    assert run.output == "started"


def test_training_run_in_a_notebook(tmp_path):
    """In Jupyter the script's output reaches the cell, and the run's page shows under it."""
    from _notebooks import kernel_available, notebook, run_notebook

    assert kernel_available(), "no python3 Jupyter kernel: is ipykernel installed?"
    (tmp_path / "train.py").write_text(FLAGS_SCRIPT)
    nb = notebook("import rkeras\nrkeras.options({'rkeras.context': 'notebook'})\n"
                  "run = rkeras.training_run(flags={'units': 5})")
    run_notebook(nb, cwd=tmp_path, timeout=240)
    outputs = nb.cells[0].outputs
    stdout = "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stdout")
    stderr = "".join(o.text for o in outputs if o.output_type == "stream" and o.name == "stderr")
    assert "units: 5\n" in stdout and stdout.rstrip().splitlines()[-1].startswith("Run view: file://")
    assert "Using run directory runs/" in stderr and "Warning" not in stderr
    pages = [o.data["text/html"] for o in outputs if o.output_type == "display_data"]
    assert len(pages) == 1 and pages[0].startswith("<div><iframe srcdoc=") and "units" in html.unescape(pages[0])


def test_r_calling_habits(two_runs):
    """Partial argument names as in R, with one warning; a rejected call does not warn."""
    with pytest.warns(RKerasWarning, match="partial argument match of `latest` to `latest_n`"):
        assert len(rkeras.ls_runs(latest=1)) == 1
    with pytest.warns(RKerasWarning, match="partial argument match of `desc` to `description`"):
        assert rkeras.flag_integer("units", 1, desc="Units").description == "Units"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RKerasError, match="provided but not declared: other"):
            rkeras.flags(rkeras.flag_integer("units", 1), arguments=["--units", "2.5", "--other", "1"])

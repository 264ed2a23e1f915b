"""``verbose = "auto"`` and ``view_metrics = "auto"``: where output goes, for real.

Three real runs (the TensorFlow import makes each one cost seconds): a fit in
a pseudo-terminal, a fit whose output is a log file (both started together),
and a notebook executed by nbclient in an ipykernel kernel. Everything else is
in-process: distributed roles from ``TF_CONFIG``, the overrides, the option
``keras.fit_verbose`` and the values ``verbose`` and ``view_metrics`` accept.

What tells verbose 1 from 2 in the output: Keras' progress bar (verbose 1)
redraws its line with carriage returns and backspaces; verbose 2 writes one
plain line per epoch.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import tty

import numpy as np
import pytest

import rkeras
from rkeras import arguments, environment
from rkeras.errors import RKerasError

from conftest import make_frozen

TIMEOUT = 300  # seconds; the machine is slow and shared

#: A fit with every default, as a user's script would run it. It first asks
#: where it runs *before* anything heavy is imported, to show that asking
#: imports neither TensorFlow nor IPython.
FIT_SCRIPT = r"""
import sys
import rkeras
from rkeras import environment
print("CONTEXT", environment.context(), environment.role(), flush=True)
print("IMPORTED", [m for m in ("tensorflow", "keras", "IPython") if m in sys.modules], flush=True)
import numpy as np
import keras
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mae"])
x = np.arange(1, 9, dtype="float32")
history = rkeras.fit(model, x, x, epochs=3, batch_size=4)
print("VERBOSE", history.params["verbose"], flush=True)
"""

_DETECTION_VARIABLES = (
    "RKERAS_CONTEXT", "RKERAS_ROLE", "TF_CONFIG", "KERAS_DISTRIBUTION_NUM_PROCESSES",
    "KERAS_DISTRIBUTION_PROCESS_ID", "QUARTO_DOCUMENT_PATH", "QUARTO_EXECUTE_INFO", "RUN_DIR",
)


def _child_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _DETECTION_VARIABLES}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    return env


@pytest.fixture(autouse=True)
def _no_detection_variables(monkeypatch):
    for name in _DETECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    environment.reset()


def _marker(text: str, name: str) -> str:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return line[len(name) + 1:].strip()
    raise AssertionError(f"no {name} line in the output:\n{text}")


def _loss_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "loss:" in line]


# -- real runs: a terminal and a log file ---------------------------------------


@pytest.fixture(scope="module")
def script_runs(tmp_path_factory):
    """Run FIT_SCRIPT in a pseudo-terminal and with stdout to a file, at the same time."""
    work = tmp_path_factory.mktemp("verbose_runs")
    command = [sys.executable, "-c", FIT_SCRIPT]

    # A pseudo-terminal in raw mode: no "\n" -> "\r\n" translation, so every
    # carriage return read back was written by the program itself.
    master, slave = os.openpty()
    tty.setraw(slave)
    terminal_err = open(work / "terminal.err", "wb")
    terminal = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=slave, stderr=terminal_err,
                                cwd=work, env=_child_env(), close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []

    def read_terminal():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO on Linux once the child has closed the terminal
                break
            if not data:
                break
            chunks.append(data)

    reader = threading.Thread(target=read_terminal, daemon=True)
    reader.start()

    with open(work / "log.out", "wb") as log_out, open(work / "log.err", "wb") as log_err:
        logged = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log_out, stderr=log_err,
                                  cwd=work, env=_child_env())
        try:
            logged.wait(timeout=TIMEOUT)
            terminal.wait(timeout=TIMEOUT)
        finally:
            for process in (logged, terminal):
                if process.poll() is None:
                    process.kill()
                    process.wait()
    reader.join(timeout=30)
    os.close(master)
    terminal_err.close()
    return {
        "terminal": (terminal.returncode, b"".join(chunks).decode("utf-8", "replace"),
                     (work / "terminal.err").read_text(errors="replace")),
        "log": (logged.returncode, (work / "log.out").read_text(errors="replace"),
                (work / "log.err").read_text(errors="replace")),
    }


def test_in_a_terminal_auto_is_1_with_a_live_progress_bar(script_runs):
    code, out, err = script_runs["terminal"]
    assert code == 0, err
    assert _marker(out, "CONTEXT") == "terminal single"
    assert _marker(out, "VERBOSE") == "1"
    # the progress bar redraws its line: carriage returns not ending a line
    assert "\r" in out.replace("\r\n", "\n"), out
    assert "Epoch 3/3" in out


def test_with_output_to_a_log_file_auto_is_2_one_line_per_epoch(script_runs):
    code, out, err = script_runs["log"]
    assert code == 0, err
    assert _marker(out, "CONTEXT") == "batch single"
    assert _marker(out, "VERBOSE") == "2"
    for control in ("\r", "\x08", "\x1b"):
        assert control not in out, f"{control!r} in the log:\n{out!r}"
    assert [line for line in out.splitlines() if line.startswith("Epoch ")] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    assert len(_loss_lines(out)) == 3, out


def test_asking_where_we_run_imports_neither_tensorflow_nor_ipython(script_runs):
    for name in ("terminal", "log"):
        code, out, err = script_runs[name]
        assert code == 0, err
        assert _marker(out, "IMPORTED") == "[]"


# -- a real notebook: rendered by nbclient, then used interactively ---------------

NOTEBOOK_CELLS = [
    """\
import numpy as np
import keras
import rkeras
from rkeras import arguments, environment
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse", metrics=["mae"])
x = np.arange(1, 9, dtype="float32")""",
    "history = rkeras.fit(model, x, x, epochs=3, batch_size=4)",
    """\
print("VERBOSE", history.params["verbose"])
print("CONTEXT", environment.context())
print("VIEW", arguments.resolve_view_metrics("auto", verbose=1, epochs=3, model=model))""",
]

#: Sent afterwards the way JupyterLab, Notebook, VS Code and Colab send cells:
#: with input allowed.
INTERACTIVE_CELL = """\
history = rkeras.fit(model, x, x, epochs=2, batch_size=4, view_metrics=False)
print("VERBOSE", history.params["verbose"])
print("CONTEXT", environment.context())
print("VIEW", arguments.resolve_view_metrics("auto", verbose=1, epochs=3, model=model))"""


def _stdout_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stdout")


@pytest.fixture
def python_kernel(tmp_path, monkeypatch):
    """A kernelspec for this very interpreter, written by ipykernel itself.

    nbclient's usual ``kernel_name="python3"`` resolves through the Jupyter
    data paths, where a user-level ``python3`` spec may point at another
    Python; a spec of our own on ``JUPYTER_PATH`` (searched first) cannot.
    """
    from ipykernel.kernelspec import write_kernel_spec

    name = "rkeras-test-python"
    write_kernel_spec(tmp_path / "jupyter" / "kernels" / name, overrides={"display_name": name})
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "2")
    return name


def test_notebook_rendered_by_nbclient_is_2_and_no_live_plot_then_interactive_is_1(python_kernel, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS]
    client = NotebookClient(notebook, kernel_name=python_kernel, timeout=TIMEOUT, startup_timeout=120,
                            resources={"metadata": {"path": str(tmp_path)}})
    interactive = nbformat.v4.new_code_cell(INTERACTIVE_CELL)
    client.reset_execution_trackers()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        notebook.cells.append(interactive)
        client.kc.allow_stdin = True  # what an interactive front end sends
        client.execute_cell(interactive, len(notebook.cells) - 1)

    # Rendered (nbclient, so nbconvert, papermill and Quarto): verbose 2, no live plot.
    fit_cell, report_cell = notebook.cells[1], notebook.cells[2]
    fit_output = _stdout_of(fit_cell)
    assert _marker(_stdout_of(report_cell), "VERBOSE") == "2"
    assert _marker(_stdout_of(report_cell), "CONTEXT") == "rendering"
    assert _marker(_stdout_of(report_cell), "VIEW") == "False"
    assert "\r" not in fit_output and "\x08" not in fit_output, repr(fit_output)
    assert len(_loss_lines(fit_output)) == 3, fit_output
    assert not [o for o in fit_cell.outputs if o.get("output_type") in ("display_data", "update_display_data")]

    # The same kernel driven like JupyterLab: an interactive notebook.
    out = _stdout_of(interactive)
    assert _marker(out, "VERBOSE") == "1"
    assert _marker(out, "CONTEXT") == "notebook"
    assert _marker(out, "VIEW") == "True"
    assert "\r" in out.replace("\r\n", "\n"), repr(out)


# -- distributed roles from TF_CONFIG (resolution only, no cluster) ---------------

WORKERS = ["localhost:12345", "localhost:23456"]


def _tf_config(cluster: dict, task: dict | None) -> str:
    config = {"cluster": cluster}
    if task is not None:
        config["task"] = task
    return json.dumps(config)


@pytest.mark.parametrize(
    "cluster, task, expected",
    [
        ({"worker": WORKERS}, {"type": "worker", "index": 0}, 2),   # worker 0 is the chief
        ({"worker": WORKERS}, {"type": "worker", "index": 1}, 0),
        ({"chief": ["localhost:1"], "worker": WORKERS}, {"type": "chief", "index": 0}, 2),
        ({"chief": ["localhost:1"], "worker": WORKERS}, {"type": "worker", "index": 0}, 0),
        ({"worker": {"0": WORKERS[0], "3": WORKERS[1]}}, {"type": "worker", "index": "3"}, 0),
        ({"worker": WORKERS, "ps": ["localhost:3"]}, {"type": "ps", "index": 0}, 0),
    ],
)
def test_tf_config_cluster_decides_auto_verbose(monkeypatch, cluster, task, expected):
    monkeypatch.setenv("TF_CONFIG", _tf_config(cluster, task))
    environment.reset()
    assert arguments.resolve_verbose("auto") == expected
    # explicit values are not changed by the role
    assert arguments.resolve_verbose(1) == 1


@pytest.mark.parametrize("console, expected", [("terminal", 1), ("batch", 2)])
def test_single_task_cluster_is_not_distributed(monkeypatch, console, expected):
    monkeypatch.setenv("TF_CONFIG", _tf_config({"worker": WORKERS[:1]}, {"type": "worker", "index": 0}))
    monkeypatch.setenv("RKERAS_CONTEXT", console)
    environment.reset()
    assert environment.role() == "single"
    assert arguments.resolve_verbose("auto") == expected


@pytest.mark.parametrize("process, expected", [("0", 2), ("1", 0)])
def test_keras_distribution_variables_decide_too(monkeypatch, process, expected):
    monkeypatch.setenv("KERAS_DISTRIBUTION_NUM_PROCESSES", "2")
    monkeypatch.setenv("KERAS_DISTRIBUTION_PROCESS_ID", process)
    environment.reset()
    assert arguments.resolve_verbose("auto") == expected


@pytest.mark.parametrize(
    "raw, problem",
    [
        ("{'cluster': 1}", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        (_tf_config({"worker": WORKERS}, None), "does not say which is this one"),
        (_tf_config({"worker": WORKERS}, {"type": "worker", "index": "first"}), "not a whole number"),
    ],
)
def test_unreadable_tf_config_is_an_error_naming_it(monkeypatch, raw, problem):
    monkeypatch.setenv("TF_CONFIG", raw)
    environment.reset()
    with pytest.raises(RKerasError, match=problem) as caught:
        arguments.resolve_verbose("auto")
    assert caught.value.argument == "TF_CONFIG"
    assert "rkeras.role" in str(caught.value)  # says how to get past it


def test_detection_is_cached_until_reset(monkeypatch):
    monkeypatch.setenv("TF_CONFIG", _tf_config({"worker": WORKERS}, {"type": "worker", "index": 1}))
    environment.reset()
    assert arguments.resolve_verbose("auto") == 0
    monkeypatch.setenv("TF_CONFIG", _tf_config({"worker": WORKERS}, {"type": "worker", "index": 0}))
    assert arguments.resolve_verbose("auto") == 0
    environment.reset()
    assert arguments.resolve_verbose("auto") == 2


# -- overrides --------------------------------------------------------------------


@pytest.mark.parametrize("where, expected", [("terminal", 1), ("notebook", 1), ("rendering", 2), ("batch", 2)])
def test_context_option_overrides_detection(where, expected):
    with rkeras.options({"rkeras.context": where}):
        assert environment.context() == where
        assert arguments.resolve_verbose("auto") == expected


def test_context_variable_overrides_detection_and_the_option_beats_it(monkeypatch):
    # Under pytest, stdout is captured: detection alone says "batch".
    assert arguments.resolve_verbose("auto") == 2
    monkeypatch.setenv("RKERAS_CONTEXT", "terminal")
    assert arguments.resolve_verbose("auto") == 1  # read at every call, not cached
    with rkeras.options({"rkeras.context": "rendering"}):
        assert arguments.resolve_verbose("auto") == 2


def test_role_overrides(monkeypatch):
    monkeypatch.setenv("RKERAS_CONTEXT", "terminal")
    monkeypatch.setenv("RKERAS_ROLE", "worker")
    assert arguments.resolve_verbose("auto") == 0
    with rkeras.options({"rkeras.role": "chief"}):
        assert arguments.resolve_verbose("auto") == 2
    with rkeras.options({"rkeras.role": "single"}):
        assert arguments.resolve_verbose("auto") == 1


@pytest.mark.parametrize(
    "setting, value, named",
    [
        ("option", "Terminal", "option rkeras.context"),
        ("option", "jupyter", "option rkeras.context"),
        ("option", 1, "option rkeras.context"),
        ("variable", "tty", "environment variable RKERAS_CONTEXT"),
    ],
)
def test_invalid_context_override_is_an_error_naming_it(monkeypatch, setting, value, named):
    if setting == "option":
        rkeras.options({"rkeras.context": value})
    else:
        monkeypatch.setenv("RKERAS_CONTEXT", value)
    with pytest.raises(RKerasError) as caught:
        arguments.resolve_verbose("auto")
    message = str(caught.value)
    assert caught.value.argument == "rkeras.context"
    assert named in message and repr(value) in message
    assert "'terminal', 'notebook', 'rendering', 'batch'" in message


@pytest.mark.parametrize("setting", ["option", "variable"])
def test_invalid_role_override_is_an_error_naming_it(monkeypatch, setting):
    if setting == "option":
        rkeras.options({"rkeras.role": "master"})
    else:
        monkeypatch.setenv("RKERAS_ROLE", "master")
    with pytest.raises(RKerasError, match="'single', 'chief', 'worker'. Got 'master'") as caught:
        arguments.resolve_verbose("auto")
    assert caught.value.argument == "rkeras.role"
    assert ("RKERAS_ROLE" in str(caught.value)) == (setting == "variable")


# -- verbose through fit(), in-process --------------------------------------------


@pytest.fixture(scope="module")
def model():
    return make_frozen()


X = np.arange(1, 9, dtype="float32")


def _fit(model, **kwargs):
    return rkeras.fit(model, X, X, epochs=2, batch_size=4, **kwargs)


@pytest.mark.parametrize("value, expected", [(True, 1), (False, 0), (0, 0), (1, 1), (2, 2), (2.0, 2), (np.int64(2), 2)])
def test_verbose_values_reach_keras(model, capsys, value, expected):
    history = _fit(model, verbose=value)
    assert history.params["verbose"] == expected and type(history.params["verbose"]) is int
    out = capsys.readouterr().out
    if expected == 0:
        assert out == ""
    elif expected == 1:
        assert "\r" in out  # the progress bar (Keras draws it on any POSIX stdout)
    else:
        assert "\r" not in out and "\x08" not in out
        assert len(_loss_lines(out)) == 2


@pytest.mark.parametrize("value", [3, -1, "foo", "AUTO", 3.5, None, float("nan"), [1]])  # 1.5 is 1: R ran as.integer()
def test_bad_verbose_is_an_error_naming_it(model, capsys, value):
    with pytest.raises(RKerasError) as caught:
        _fit(model, verbose=value)
    assert caught.value.argument == "verbose"
    assert "`verbose` should be 0, 1, 2, True, False or 'auto'. Got verbose=" in str(caught.value)
    assert capsys.readouterr().out == ""  # rejected before any training


def test_fit_verbose_option_is_read_at_each_call(model, capsys):
    with rkeras.options({"keras.fit_verbose": 2}):
        assert _fit(model).params["verbose"] == 2
    assert len(_loss_lines(capsys.readouterr().out)) == 2
    rkeras.options({"keras.fit_verbose": 0})
    assert _fit(model).params["verbose"] == 0
    assert capsys.readouterr().out == ""
    rkeras.options({"keras.fit_verbose": None})  # back to R's default, "auto"
    with rkeras.options({"rkeras.context": "terminal"}):
        assert _fit(model).params["verbose"] == 1
    with rkeras.options({"keras.fit_verbose": 3}), pytest.raises(RKerasError, match="Got verbose=3"):
        _fit(model)


def test_on_a_worker_fit_prints_nothing(model, capsys, monkeypatch):
    monkeypatch.setenv("RKERAS_ROLE", "worker")
    assert _fit(model).params["verbose"] == 0
    assert capsys.readouterr().out == ""


def test_invalid_override_stops_fit_before_training(model, capsys):
    with rkeras.options({"rkeras.context": "console"}), pytest.raises(RKerasError, match="rkeras.context"):
        _fit(model)
    assert capsys.readouterr().out == ""


# -- view_metrics = "auto" ----------------------------------------------------------


@pytest.mark.parametrize("where", ["terminal", "rendering", "batch"])
def test_view_metrics_auto_is_false_outside_notebooks(model, where):
    with rkeras.options({"rkeras.context": where}):
        assert arguments.resolve_view_metrics("auto", verbose=1, epochs=10, model=model) is False


def test_view_metrics_auto_in_a_notebook_needs_metrics_epochs_and_verbose(model):
    bare = make_frozen(metrics=())
    with rkeras.options({"rkeras.context": "notebook"}):
        assert arguments.resolve_view_metrics("auto", verbose=1, epochs=2, model=model) is True
        assert arguments.resolve_view_metrics("auto", verbose=2, epochs=10, model=model) is True
        assert arguments.resolve_view_metrics("auto", verbose=1, epochs=10, model=bare) is False
        assert arguments.resolve_view_metrics("auto", verbose=1, epochs=1, model=model) is False
        assert arguments.resolve_view_metrics("auto", verbose=0, epochs=10, model=model) is False
        with rkeras.options({"rkeras.role": "worker"}):
            assert arguments.resolve_view_metrics("auto", verbose=1, epochs=10, model=model) is False


@pytest.mark.parametrize("value", ["yes", None, "TRUE"])
def test_bad_view_metrics_is_an_error_naming_it(model, value):
    with pytest.raises(RKerasError, match="`view_metrics` should be True, False or 'auto'") as caught:
        _fit(model, verbose=0, view_metrics=value)
    assert caught.value.argument == "view_metrics"


def test_view_metrics_option_is_read_at_the_call(model):
    with rkeras.options({"keras.view_metrics": "sometimes"}):
        with pytest.raises(RKerasError, match="Got view_metrics='sometimes'"):
            _fit(model, verbose=0)

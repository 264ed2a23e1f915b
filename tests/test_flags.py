"""rkeras.flags(): tfruns 1.5.3's flags, from every source, with R's types and errors."""

from __future__ import annotations

import json
import sys
import warnings

import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning
from rkeras.tfruns import run_context


@pytest.fixture(autouse=True)
def _no_run(tmp_path, monkeypatch):
    """No active run, no training_run() context, an empty working directory."""
    for name in ("RUN_DIR", "R_CONFIG_ACTIVE", run_context.FLAGS_VARIABLE, run_context.FLAGS_FILE_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def define(*extra, **kwargs):
    """The flags of tfruns' own tests."""
    kwargs.setdefault("arguments", [])
    return rkeras.flags(
        rkeras.flag_numeric("learning_rate", 0.01, "Initial learning rate."),
        rkeras.flag_integer("max_steps", 5000, "Number of steps to run trainer."),
        rkeras.flag_string("data_dir", "MNIST-data", "Directory for training data"),
        rkeras.flag_boolean("fake_data", False, "If true, use fake data for testing"),
        *extra, **kwargs)


def test_defaults_types_and_descriptions():
    FLAGS = define()
    assert dict(FLAGS) == {"learning_rate": 0.01, "max_steps": 5000, "data_dir": "MNIST-data", "fake_data": False}
    assert type(FLAGS.learning_rate) is float and type(FLAGS.max_steps) is int
    assert type(FLAGS.data_dir) is str and type(FLAGS.fake_data) is bool
    assert FLAGS["max_steps"] == FLAGS.max_steps
    definition = FLAGS.definitions["max_steps"]
    assert (definition.type, definition.default, definition.description) == \
        ("integer", 5000, "Number of steps to run trainer.")
    frame = FLAGS.to_data_frame()
    assert list(frame.columns) == ["name", "type", "value", "description"]
    assert list(frame["value"]) == ["0.01", "5000", "MNIST-data", "FALSE"]
    assert list(frame["type"]) == ["numeric", "integer", "string", "boolean"]


def test_definitions_convert_defaults_as_r():
    FLAGS = rkeras.flags(rkeras.flag_numeric("a", 1), rkeras.flag_integer("b", "12"), rkeras.flag_boolean("c", 0),
                         rkeras.flag_string("d", 1e-5), rkeras.flag_string("e", True), arguments=[])
    assert dict(FLAGS) == {"a": 1.0, "b": 12, "c": False, "d": "1e-05", "e": "TRUE"}
    assert type(FLAGS.a) is float
    with pytest.warns(RKerasWarning, match=r"truncated to 2"):
        assert rkeras.flag_integer("n", 2.7).default == 2


def test_print_is_r_data_frame():
    text = repr(define())
    lines = text.splitlines()
    assert lines[0].split() == ["name", "type", "value", "description"]
    assert lines[1].split()[:3] == ["learning_rate", "numeric", "0.01"]
    assert "If true, use fake data for testing" in lines[4]


def test_command_line_forms():
    FLAGS = define(arguments=["script-arg", "--learning-rate", "0.02", "--max_steps=100", "--data-dir", "123",
                              "--fake_data", "yes"])
    assert dict(FLAGS) == {"learning_rate": 0.02, "max_steps": 100, "data_dir": "123", "fake_data": True}
    assert type(FLAGS.data_dir) is str


@pytest.mark.parametrize("text, value", [("yes", True), ("no", False), ("true", True), ("TRUE", True),
                                         ("False", False), ("1", True), ("0", False), ("on", True)])
def test_boolean_values_as_r(text, value):
    assert define(arguments=["--fake_data", text]).fake_data is value


def test_args_ends_flags_and_empty_value_keeps_default():
    FLAGS = rkeras.flags(rkeras.flag_numeric("gradient_descent_optimizer", 0.5), rkeras.flag_integer("n", 3),
                         arguments=["--gradient-descent-optimizer", "0.47", "--n=", "--args", "--job-dir", "gs://x"])
    assert dict(FLAGS) == {"gradient_descent_optimizer": 0.47, "n": 3}


def test_sys_argv_is_the_default_command_line(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["train.py", "--max_steps", "7"])
    assert define(arguments=None).max_steps == 7


def test_notebook_kernel_argv_is_not_read(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["ipykernel_launcher.py", "--f=/tmp/kernel.json"])
    with rkeras.options({"rkeras.context": "notebook"}):
        assert define(arguments=None).max_steps == 5000


def test_unknown_flag_is_an_error():
    with pytest.raises(RKerasError, match=r"^The following flags were provided but not declared: learn_rate, x$"):
        define(arguments=["--learn-rate", "0.02", "--x", "1"])


@pytest.mark.parametrize("argument, message", [
    ("--max_steps=abc", "Unable to convert flag 'max_steps' with value 'abc' to type integer"),
    ("--fake_data=maybe", "Unable to convert flag 'fake_data' with value 'maybe' to type boolean"),
    ("--learning_rate=fast", "Unable to convert flag 'learning_rate' with value 'fast' to type numeric"),
    ("--max_steps=3e10", "Unable to convert flag 'max_steps' with value '3e+10' to type integer"),
])
def test_wrong_type_is_an_error(argument, message):
    with pytest.raises(RKerasError) as raised:
        define(arguments=[argument])
    assert str(raised.value) == message


def test_list_value_is_an_error():
    with pytest.raises(RKerasError, match=r'^flag "max_steps" has length > 1 \(only scalar flag values'):
        define(arguments=["--max_steps", "[1, 2]"])


def test_fraction_of_integer_flag_truncates_with_a_warning():
    with pytest.warns(RKerasWarning, match=r"Flag 'max_steps': 64.5 is truncated to 64"):
        assert define(arguments=["--max_steps", "64.5"]).max_steps == 64


def test_duplicate_and_bad_definitions():
    with pytest.raises(RKerasError, match="A flag named 'a' has already been defined"):
        rkeras.flags(rkeras.flag_integer("a", 1), rkeras.flag_numeric("a", 2), arguments=[])
    with pytest.raises(RKerasError, match=r"`default` should be a single value R can convert to type integer"):
        rkeras.flag_integer("a", "many")
    with pytest.raises(RKerasError, match=r"`\.\.\.` should be flag definitions"):
        rkeras.flags({"a": 1}, arguments=[])


def test_list_of_definitions():
    FLAGS = rkeras.flags([rkeras.flag_integer("a", 1), rkeras.flag_string("b", "x")], arguments=["--b", "y"])
    assert dict(FLAGS) == {"a": 1, "b": "y"}


def test_flags_yml_top_level_is_read_from_the_working_directory(tmp_path):
    (tmp_path / "flags.yml").write_text("learning_rate: 0.02\n")
    assert define().learning_rate == 0.02


def test_flags_file_profiles_and_config(tmp_path, monkeypatch):
    (tmp_path / "profiles.yml").write_text(
        "default:\n  max_steps: 10\nmyconfig:\n  learning_rate: 0.03\n"
        "child:\n  inherits: myconfig\n  data_dir: other\n")
    assert (define(file="profiles.yml").learning_rate, define(file="profiles.yml").max_steps) == (0.01, 10)
    FLAGS = define(file="profiles.yml", config="myconfig")
    assert (FLAGS.learning_rate, FLAGS.max_steps) == (0.03, 10)
    FLAGS = define(file="profiles.yml", config="child")
    assert (FLAGS.learning_rate, FLAGS.data_dir, FLAGS.max_steps) == (0.03, "other", 10)
    monkeypatch.setenv("R_CONFIG_ACTIVE", "myconfig")
    assert define(file="profiles.yml").learning_rate == 0.03
    assert define(file="profiles.yml", config="nosuchconfig").learning_rate == 0.01  # as config::get


def test_flags_file_values_are_checked(tmp_path):
    (tmp_path / "flags.yml").write_text("learning_rate: 0.02\nunknown: 1\n")
    with pytest.raises(RKerasError, match="provided but not declared: unknown"):
        define()
    (tmp_path / "flags.yml").write_text("max_steps: lots\n")
    with pytest.raises(RKerasError, match="Unable to convert flag 'max_steps' with value 'lots' to type integer"):
        define()


def test_missing_flags_file_warns_and_is_skipped():
    with pytest.warns(RKerasWarning, match="configuration file 'nothere.yml' does not exist"):
        assert define(file="nothere.yml").learning_rate == 0.01


def test_precedence_file_then_command_line_then_training_run(tmp_path, monkeypatch):
    (tmp_path / "flags.yml").write_text("learning_rate: 0.02\nmax_steps: 20\ndata_dir: fromfile\n")
    FLAGS = define(arguments=["--max_steps", "30", "--data_dir", "fromcli"])
    assert (FLAGS.learning_rate, FLAGS.max_steps, FLAGS.data_dir) == (0.02, 30, "fromcli")
    monkeypatch.setenv(run_context.FLAGS_VARIABLE, json.dumps({"data_dir": "fromrun", "fake_data": "TRUE"}))
    FLAGS = define(arguments=["--max_steps", "30", "--data_dir", "fromcli"])
    assert (FLAGS.learning_rate, FLAGS.max_steps, FLAGS.data_dir, FLAGS.fake_data) == (0.02, 30, "fromrun", True)


def test_training_run_flags_file(tmp_path, monkeypatch):
    (tmp_path / "flags-learning-rate.yml").write_text("learning_rate: 0.05\n")
    monkeypatch.setenv(run_context.FLAGS_FILE_VARIABLE, str(tmp_path / "flags-learning-rate.yml"))
    assert define().learning_rate == 0.05


def test_help_prints_flags_and_exits(capsys):
    with pytest.raises(SystemExit) as exited:
        rkeras.flags(rkeras.flag_numeric("learning_rate", 0.01, "Initial learning rate."),
                     rkeras.flag_boolean("fake_data", False), arguments=["--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == ("\nOptions:\n"
                                       "  --learning-rate    Initial learning rate. (0.01)\n"
                                       "  --fake-data        (FALSE)\n\n")


def test_flags_json_written_into_the_active_run(tmp_path, monkeypatch):
    define()
    assert not list(tmp_path.rglob("flags.json"))
    monkeypatch.setenv("RUN_DIR", str(tmp_path / "run"))
    define(arguments=["--max_steps", "9"])
    written = json.loads((tmp_path / "run" / "tfruns.d" / "flags.json").read_text())
    assert written == {"learning_rate": 0.01, "max_steps": 9, "data_dir": "MNIST-data", "fake_data": False}
    assert list(written) == ["learning_rate", "max_steps", "data_dir", "fake_data"]


def test_attribute_access_and_assignment():
    FLAGS = define()
    FLAGS.max_steps = 3
    assert FLAGS["max_steps"] == 3
    with pytest.raises(AttributeError, match="No flag named 'nope'"):
        FLAGS.nope  # noqa: B018


def test_no_warning_for_plain_use():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        define(arguments=["--max_steps", "10"])

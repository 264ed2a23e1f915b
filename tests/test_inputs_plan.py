"""The one input-conversion layer: resolve_data() for fit, evaluate and predict,
and the layering R function -> rkeras.inputs -> Keras (one way, public names only)."""

from __future__ import annotations

import ast
import pathlib

import numpy as np
import pytest

from rkeras import RKerasError
from rkeras.engines import engine_of
from rkeras.inputs.plan import resolve_data

from _models import frozen, ones_to

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "rkeras"
#: the modules the input layer serves: it never imports them
UPWARD = {"functions", "callback", "history", "observers", "viewer", "plotting", "runs", "tfruns",
          "port", "launch", "distribute"}


def _imports(path: pathlib.Path):
    """(module imported, names) of every ``from ... import`` in a file, resolved in the package."""
    tree = ast.parse(path.read_text())
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                base = parts[: len(parts) - node.level]  # the package the dots climb to
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names]


LAYER = sorted(
    [*PACKAGE.joinpath("inputs").glob("*.py"), *PACKAGE.joinpath("functions").glob("*.py"),
     PACKAGE / "engines.py", PACKAGE / "distribute.py", PACKAGE / "functions" / "fit.py", PACKAGE / "class_weights.py"]
)


@pytest.mark.parametrize("path", LAYER, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_names_from_rkeras_modules(path):
    private = [(m, n) for m, names in _imports(path) for n in names
               if m.startswith("rkeras") and n.startswith("_")]
    assert not private, f"{path.name} imports private names {private}"


@pytest.mark.parametrize("path", sorted(PACKAGE.joinpath("inputs").glob("*.py")), ids=lambda p: p.name)
def test_inputs_never_import_upward(path):
    upward = [m for m, names in _imports(path) for n in names
              if m.startswith("rkeras") and ({*m.split(".")[1:2], n} & UPWARD)]
    assert not upward, f"inputs/{path.name} imports {upward}"


def test_data_py_is_gone():
    assert not (PACKAGE / "data.py").exists()


def test_keras_arguments_per_purpose():
    model = frozen()
    x = ones_to(10).reshape(-1, 1)
    fit = resolve_data(model, engine_of(model), purpose="fit", x=x, y=x, sample_weight=np.ones(10),
                       validation_split=0.2)
    assert set(fit.keras_args) == {"x", "y", "batch_size", "sample_weight", "shuffle", "validation_data"}
    assert fit.samples == 8 and fit.validation_samples == 2
    evaluate = resolve_data(model, engine_of(model), purpose="evaluate", x=x, y=x, sample_weight=np.ones(10))
    assert set(evaluate.keras_args) == {"x", "y", "batch_size", "sample_weight"}
    predict = resolve_data(model, engine_of(model), purpose="predict", x=x)
    assert set(predict.keras_args) == {"x", "batch_size"} and predict.keras_args["batch_size"] == 32
    assert resolve_data(model, engine_of(model), purpose="predict", x=x, steps=2).keras_args["batch_size"] is None


def test_right_typed_arrays_are_not_copied():
    model = frozen()
    x = ones_to(10).reshape(-1, 1)
    for purpose in ("fit", "evaluate", "predict"):
        plan = resolve_data(model, engine_of(model), purpose=purpose, x=x, y=x)
        assert plan.keras_args["x"] is x
        if purpose != "predict":
            assert plan.keras_args["y"] is x


def test_unknown_purpose():
    model = frozen()
    with pytest.raises(ValueError, match="purpose"):
        resolve_data(model, engine_of(model), purpose="train", x=ones_to(3))


def test_same_errors_for_every_purpose():
    model = frozen()
    for purpose in ("fit", "evaluate", "predict"):
        with pytest.raises(RKerasError, match="shape of the model's input") as error:
            resolve_data(model, engine_of(model), purpose=purpose, x=np.ones((4, 3)), y=ones_to(4))
        assert error.value.argument == "x"

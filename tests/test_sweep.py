"""A bad-input sweep over every argument of fit(), generated with hypothesis.

Each example is a valid R-style call (its arguments drawn from valid values)
with one argument made bad: a wrong type, a value out of range, a wrong shape
or length, an unknown name, NaN or infinity, a wrong class-weight name, a
mismatched ``validation_data``, a bad option. Every one must raise
:class:`rkeras.RKerasError` naming the argument, and leave no trace: the
model's weights and optimizer step unchanged, nothing printed, no run
directory made. A second sweep draws only valid values and must train.

One small compiled model serves every example: unchanged weights after a
rejected call prove no training happened, since a valid call does change them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import keras
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rkeras
from rkeras import RKerasError

N = 24
CLASSES = 3
RNG = np.random.default_rng(6)
X = RNG.normal(size=(N, 2)).astype("float32")
Y = np.arange(N) % CLASSES  # every class present
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)


@pytest.fixture(scope="module")
def model():
    keras.utils.set_random_seed(6)
    model = keras.Sequential([
        keras.Input((2,), name="features"),
        keras.layers.Dense(CLASSES, activation="softmax", name="species"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


@pytest.fixture(scope="module")
def uncompiled():
    return keras.Sequential([keras.Input((2,)), keras.layers.Dense(CLASSES)])


@pytest.fixture(scope="module")
def h5_data(tmp_path_factory):
    h5py = pytest.importorskip("h5py")
    path = tmp_path_factory.mktemp("h5") / "data.h5"
    with h5py.File(path, "w") as handle:
        handle["x"] = X
        handle["y"] = Y
    handle = h5py.File(path, "r")
    yield handle["x"], handle["y"]
    handle.close()


# -- valid R-style values -----------------------------------------------------------

class Call(dict):
    """fit()'s keyword arguments, shown briefly in hypothesis' reports."""

    def __repr__(self):
        return "Call(" + ", ".join(f"{k}={rkeras.errors.show_value(v)}" for k, v in self.items()) + ")"


def r_integer(values):
    """R passes doubles where integers are meant: 2, 2.0, numpy ints and floats."""
    return st.sampled_from(values).flatmap(
        lambda v: st.sampled_from([v, float(v), np.int64(v), np.int32(v), np.float64(v)])
    )


@st.composite
def valid_call(draw):
    """Arguments of a valid fit() call on the sweep's model, R-style values drawn."""
    kwargs = Call(x=X, y=Y)
    x_form = draw(st.sampled_from(["array", "fortran64", "frame", "dict"]))
    if x_form == "fortran64":
        kwargs["x"] = np.asfortranarray(X.astype(np.float64))
    elif x_form == "frame":
        kwargs["x"] = pd.DataFrame(X, columns=["a", "b"])
    elif x_form == "dict":
        kwargs["x"] = {"features": X}
    y_form = draw(st.sampled_from(["ints", "floats", "list", "series", "factor", "dict"]))
    if y_form == "floats":
        kwargs["y"] = Y.astype(np.float64)
    elif y_form == "list":
        kwargs["y"] = [int(v) for v in Y]
    elif y_form == "series":
        kwargs["y"] = pd.Series(Y)
    elif y_form == "factor":
        kwargs["y"] = pd.Categorical.from_codes(Y, ["setosa", "versicolor", "virginica"])
    elif y_form == "dict":
        kwargs["y"] = {"species": Y}
    kwargs["epochs"] = draw(r_integer([1, 2]))
    kwargs["initial_epoch"] = draw(st.sampled_from([0, 0.0, np.int64(0), 1])) if kwargs["epochs"] == 2 else 0
    kwargs["batch_size"] = draw(st.one_of(st.none(), r_integer([4, 8, 32])))
    kwargs["verbose"] = draw(st.sampled_from([0, 0.0, False, np.int64(0)]))
    kwargs["view_metrics"] = draw(st.sampled_from([False, "auto", np.bool_(False)]))
    kwargs["shuffle"] = draw(st.sampled_from([True, False, np.bool_(True), "batch"]))
    split = draw(st.sampled_from(["none", "split", "data", "data3"]))
    if split == "split":
        kwargs["validation_split"] = draw(st.sampled_from([0.25, 0.5, np.float32(0.2), 0]))
    elif split == "data":
        kwargs["validation_data"] = draw(st.sampled_from([(X[:6], Y[:6]), [X[:6], list(map(int, Y[:6]))]]))
    elif split == "data3":
        kwargs["validation_data"] = (X[:6], Y[:6], np.ones(6))
    if draw(st.booleans()):
        kwargs["sample_weight"] = draw(st.sampled_from([np.ones(N), list(np.linspace(0.5, 1.5, N)), pd.Series(np.ones(N))]))
    # class weights are applied as sample weights: giving both is an error (as in Keras 3)
    weights = "none" if "sample_weight" in kwargs else draw(st.sampled_from(["none", "names", "ints", "vector", "labels"]))
    if weights == "names":
        kwargs["class_weight"] = {"1": 1, "2": 2.5, "3": 1}
    elif weights == "ints":
        kwargs["class_weight"] = {1: 1.0, 3: 2}
    elif weights == "vector":
        kwargs["class_weight"] = [1, 2, 0.5]
    elif weights == "labels" and y_form == "factor":
        kwargs["class_weight"] = {"setosa": 1, "virginica": 3}
    kwargs["steps_per_epoch"] = draw(st.sampled_from([None, None, None, 2, 2.0]))
    if kwargs["steps_per_epoch"] is not None:
        kwargs["batch_size"] = draw(st.sampled_from([None, 4]))
    return kwargs


# -- invalid values -------------------------------------------------------------------

A_LAYER = keras.layers.Dense(2)
NOT_NUMBERS = ["10", "ten", b"2", [2], (2,), {"n": 2}, {2}, 2 + 0j, np.array([2, 3]), object(), keras]


def not_integers(minimum, nullable):
    """Values an integer argument with this minimum must refuse (a fraction at or
    above the minimum is truncated as R's as.integer() does: see the sweep below)."""
    bad = st.one_of(
        st.sampled_from(NOT_NUMBERS + [True, False, math.nan, math.inf, -math.inf, np.float64("nan")]),
        st.floats(max_value=minimum, exclude_max=True, allow_nan=False, allow_infinity=False),
        st.integers(min_value=-(2**62), max_value=minimum - 1),
        st.integers(min_value=-(2**62), max_value=minimum - 1).map(float),
        st.integers(min_value=-(2**62), max_value=minimum - 1).map(np.int64),
    )
    return bad if nullable else st.one_of(bad, st.none())


@dataclass
class Bad:
    """One bad value: the arguments to change and which argument(s) the error may name."""

    arguments: tuple[str, ...]
    changes: dict
    options: dict = field(default_factory=dict)
    drop: tuple = ()
    accept: tuple = ()  # other argument names the error may rightly name

    def __repr__(self):  # short, for hypothesis' falsifying example
        shown = {k: rkeras.errors.show_value(v) for k, v in self.changes.items()}
        return f"Bad({self.arguments}, {shown}, options={self.options}, drop={self.drop})"


def with_nonfinite(array, draw):
    array = np.array(array, dtype=np.float64, copy=True)
    flat = array.reshape(-1)
    flat[draw(st.integers(0, flat.size - 1))] = draw(st.sampled_from([math.nan, math.inf, -math.inf]))
    return array


@st.composite
def bad_object(draw, uncompiled):
    value = draw(st.sampled_from(["model", 42, None, {"model": 1}, [1], A_LAYER, "uncompiled"]))
    return Bad(("object",), {"object": uncompiled if value == "uncompiled" else value})


@st.composite
def bad_x(draw):
    form = draw(st.sampled_from(["nonfinite", "nonfinite_df", "text", "mixed", "empty", "none", "names",
                                 "complex", "dates", "text_column", "factor_column", "length", "columns",
                                 "rank", "too_many_inputs", "huge", "masked", "object_text", "zero"]))
    if form == "nonfinite":
        value = with_nonfinite(X, draw)
    elif form == "nonfinite_df":
        value = pd.DataFrame(with_nonfinite(X, draw), columns=["a", "b"])
    elif form == "text":
        value = draw(st.sampled_from(["features.csv", np.array([["a", "b"]] * N), [["1", "2"]] * N]))
    elif form == "mixed":
        value = [1.0, X]
    elif form == "empty":
        value = draw(st.sampled_from([[], (), {}]))
    elif form == "none":
        value = None
    elif form == "names":
        value = {draw(st.sampled_from(["feature", "x", "input", "Features"])): X}
    elif form == "complex":
        value = X.astype(np.complex64)
    elif form == "dates":
        value = np.array(["2024-01-01"] * N * 2, dtype="datetime64[D]").reshape(N, 2)
    elif form == "text_column":
        value = pd.DataFrame({"a": X[:, 0], "b": ["x"] * N})
    elif form == "factor_column":
        value = pd.DataFrame({"a": X[:, 0], "b": pd.Categorical(["u", "v"] * (N // 2))})
    elif form == "length":
        value = X[: draw(st.integers(1, N - 1))]
        return Bad(("x", "y"), {"x": value})
    elif form == "columns":
        value = RNG.normal(size=(N, draw(st.sampled_from([1, 3, 5])))).astype("float32")
    elif form == "rank":
        value = draw(st.sampled_from([X.reshape(N, 1, 2), X[:, :1].reshape(N), np.stack([X, X], axis=1)]))
    elif form == "too_many_inputs":
        value = [X, X]
    elif form == "masked":  # masked entries are R's NA, never trained on
        value = np.ma.array(X, mask=np.zeros(X.shape, dtype=bool))
        value[draw(st.integers(0, N - 1)), draw(st.integers(0, 1))] = np.ma.masked
    elif form == "object_text":  # numbers stored as text are never parsed
        value = draw(st.sampled_from([X.astype(str).astype(object), pd.DataFrame({"a": X[:, 0], "b": X[:, 1].astype(str)})]))
    elif form == "zero":
        value = X[:0]
    elif form == "huge":  # finite in float64, infinite in float32
        value = X.astype(np.float64)
        value[draw(st.integers(0, N - 1)), 0] = draw(st.sampled_from([1e39, -1e300, 3.5e38]))
    return Bad(("x",), {"x": value})


@st.composite
def bad_y(draw):
    form = draw(st.sampled_from(["nonfinite", "text", "factor_na", "length", "names", "list", "complex", "none",
                                 "r_codes", "one_hot", "masked", "object_text"]))
    if form == "nonfinite":
        value = with_nonfinite(Y, draw)
    elif form == "text":
        value = draw(st.sampled_from([np.array(["a", "b", "c"] * (N // 3)), ["setosa"] * N, pd.Series(["s"] * N)]))
    elif form == "factor_na":
        codes = Y.copy()
        codes[draw(st.integers(0, N - 1))] = -1
        value = pd.Categorical.from_codes(codes, ["a", "b", "c"])
    elif form == "length":
        value = Y[: draw(st.integers(1, N - 1))]
    elif form == "names":
        value = {draw(st.sampled_from(["label", "y", "output", "Species"])): Y}
    elif form == "list":
        value = [Y, Y]
    elif form == "complex":
        value = Y.astype(np.complex128)
    elif form == "none":
        value = None
    elif form == "r_codes":  # R's 1-based factor codes for a sparse cross-entropy
        value = draw(st.sampled_from([Y + 1, (Y + 1).astype(np.float64), list(map(int, Y + 1))]))
    elif form == "one_hot":  # one-hot targets for a sparse loss
        value = np.eye(CLASSES)[Y]
    elif form == "masked":
        value = np.ma.masked_equal(Y, draw(st.integers(0, CLASSES - 1)))
    elif form == "object_text":
        value = draw(st.sampled_from([Y.astype(str).astype(object), pd.Series(Y).astype(str)]))
    return Bad(("y",), {"y": value})


@st.composite
def bad_batch_size(draw):
    return Bad(("batch_size",), {"batch_size": draw(not_integers(1, nullable=True))})


@st.composite
def bad_epochs(draw):
    value = draw(not_integers(0, nullable=False))
    return Bad(("epochs",), {"epochs": value, "initial_epoch": 0})


@st.composite
def bad_initial_epoch(draw):
    if draw(st.booleans()):
        return Bad(("initial_epoch",), {"initial_epoch": draw(not_integers(0, nullable=False))})
    # an initial epoch past the final epoch: R's `epochs` is the final epoch, not a count
    epochs = draw(st.integers(0, 3))
    return Bad(("epochs", "initial_epoch"), {"epochs": epochs, "initial_epoch": draw(st.integers(epochs + 1, 9))})


@st.composite
def bad_verbose(draw):
    value = draw(st.one_of(
        st.sampled_from(["yes", "AUTO", "Auto", "2", "", None, [1], {"v": 1}, 3.5, math.nan, -math.inf, np.array([1])]),
        st.integers().filter(lambda v: v not in (0, 1, 2)),
        st.integers().filter(lambda v: v not in (0, 1, 2)).map(float),
    ))
    return Bad(("verbose",), {"verbose": value})


@st.composite
def bad_view_metrics(draw):
    value = draw(st.sampled_from(["yes", "AUTO", "true", "", None, [True], {"v": True}, 0.5, math.nan, "TRUE"]))
    return Bad(("view_metrics",), {"view_metrics": value})


@st.composite
def bad_callbacks(draw):
    value = draw(st.sampled_from([
        "early_stopping", 42, lambda epoch: None, keras.callbacks.History, {"cb": keras.callbacks.History()},
        [keras.callbacks.History(), "stop"], [None], [keras.callbacks.History, keras.callbacks.History()],
    ]))
    return Bad(("callbacks",), {"callbacks": value})


@st.composite
def bad_validation_split(draw):
    value = draw(st.one_of(
        st.sampled_from(["0.2", None, True, [0.2], math.nan, math.inf, -math.inf, 1, 1.0, np.float64(1.0), 0.2 + 0j]),
        st.floats(min_value=1.0, allow_infinity=False),
        st.floats(max_value=-1e-9, allow_infinity=False),
        st.floats(min_value=0.97, max_value=0.999),  # leaves no training samples of 24
    ))
    return Bad(("validation_split",), {"validation_split": value})


@st.composite
def bad_validation_data(draw):
    form = draw(st.sampled_from(["type", "length", "mismatch", "nonfinite_x", "nonfinite_y", "text_y",
                                 "weights_length", "weights_negative", "columns", "names"]))
    expected = ("validation_data",)
    if form == "type":
        value = draw(st.sampled_from(["val.csv", 5, {"x": X, "y": Y}, X, 0.2]))
    elif form == "length":
        value = draw(st.sampled_from([(X,), [X], (X, Y, np.ones(N), np.ones(N)), ()]))
    elif form == "mismatch":
        n = draw(st.integers(1, 5))
        value = (X[:6], Y[:n])
    elif form == "nonfinite_x":
        value = (with_nonfinite(X[:6], draw), Y[:6])
    elif form == "nonfinite_y":
        value = (X[:6], with_nonfinite(Y[:6], draw))
    elif form == "text_y":
        value = (X[:6], ["a"] * 6)
    elif form == "weights_length":
        value = (X[:6], Y[:6], np.ones(draw(st.integers(1, 5))))
    elif form == "weights_negative":
        value = (X[:6], Y[:6], -np.ones(6))
    elif form == "columns":
        value = (RNG.normal(size=(6, 3)).astype("float32"), Y[:6])
    elif form == "names":
        value = ({"feature": X[:6]}, Y[:6])
    return Bad(expected, {"validation_data": value})


@st.composite
def bad_shuffle(draw):
    value = draw(st.sampled_from(["foo", "Batch", "BATCH", "true", "TRUE", "", None, 0.5, [True], {"s": 1}, "batches"]))
    return Bad(("shuffle",), {"shuffle": value})


@st.composite
def bad_class_weight(draw):
    form = draw(st.sampled_from(["zero_name", "out_of_range", "negative", "nonfinite", "text_weight",
                                 "unknown_name", "type", "too_long", "empty", "none_weight", "base_option"]))
    if form == "zero_name":
        # R keras 2.15's "0".."K-1" (all three) are read 0-based with a warning: these name "0" otherwise
        value = draw(st.sampled_from([{"0": 1, "1": 5}, {0: 1, 2: 1}, {"0": 2}, {0: 1, 1: 2, 2: 1, 3: 1}]))
    elif form == "out_of_range":
        value = {str(draw(st.integers(CLASSES + 1, 50))): 2.0}
    elif form == "negative":
        value = {"1": draw(st.floats(max_value=-1e-6, allow_infinity=False)), "2": 1}
    elif form == "nonfinite":
        value = {"2": draw(st.sampled_from([math.nan, math.inf, -math.inf]))}
    elif form == "text_weight":
        value = {"1": draw(st.sampled_from(["heavy", "2", None, [2]]))}
    elif form == "unknown_name":
        value = {draw(st.sampled_from(["cat", "setosa", "first", "1.5", "one"])): 2}
    elif form == "type":
        value = draw(st.sampled_from(["balanced", 5, 2.0, True]))
    elif form == "too_long":
        value = [1.0] * draw(st.integers(CLASSES + 1, 8))
    elif form == "empty":
        value = draw(st.sampled_from([{}, []]))
    elif form == "none_weight":
        value = [1, None, 2]
    elif form == "base_option":
        base = draw(st.sampled_from([2, -1, "1", 0.5, True]))
        return Bad(("keras.class_weight_base",), {"class_weight": {"1": 1, "2": 2}},
                   options={"keras.class_weight_base": base})
    return Bad(("class_weight",), {"class_weight": value})


@st.composite
def bad_sample_weight(draw):
    form = draw(st.sampled_from(["length", "negative", "nonfinite", "text", "dict", "list_of_arrays", "columns"]))
    if form == "length":
        n = draw(st.integers(1, 2 * N).filter(lambda n: n != N))
        value = np.ones(n)
    elif form == "negative":
        value = np.ones(N)
        value[draw(st.integers(0, N - 1))] = draw(st.floats(max_value=-1e-6, allow_infinity=False))
    elif form == "nonfinite":
        value = with_nonfinite(np.ones(N), draw)
    elif form == "text":
        value = ["1"] * N
    elif form == "dict":
        value = {"species": np.ones(N)}
    elif form == "list_of_arrays":
        value = [np.ones(N), np.ones(N)]
    elif form == "columns":  # per-timestep weights for a model whose output has no timesteps
        value = np.ones((N, draw(st.integers(2, 4))))
    return Bad(("sample_weight",), {"sample_weight": value})


@st.composite
def bad_steps(draw):
    argument = draw(st.sampled_from(["steps_per_epoch", "validation_steps"]))
    return Bad((argument,), {argument: draw(not_integers(1, nullable=True))})


@st.composite
def bad_passed_on(draw):
    """Engine arguments passed on through R's `...`: checked before training, not after an epoch."""
    argument = draw(st.sampled_from(["validation_freq", "validation_batch_size"]))
    if argument == "validation_freq":
        value = draw(st.sampled_from([0, -1, "2", 1.5, None, [], [0, 2], [1.5], math.nan, True, {"every": 2}]))
    else:
        value = draw(st.sampled_from(["a", "32", 0, -3, 2.5, True, math.inf, [8]]))
    return Bad((argument,), {argument: value})


@st.composite
def bad_option(draw):
    option = draw(st.sampled_from(["keras.fit_verbose", "keras.view_metrics", "rkeras.context", "rkeras.role",
                                   "keras.run_dir"]))
    if option == "keras.fit_verbose":
        value = draw(st.sampled_from([5, 3, -1, "loud", "AUTO", -1.5, [1]]))
        return Bad((option,), {}, options={option: value}, drop=("verbose",))
    if option == "keras.view_metrics":
        value = draw(st.sampled_from(["sometimes", "yes", 0.5, [True]]))
        return Bad((option,), {}, options={option: value}, drop=("view_metrics",))
    if option == "rkeras.context":
        value = draw(st.sampled_from(["tv", "Terminal", "jupyter"]))
        return Bad((option,), {"verbose": "auto"}, options={option: value})
    if option == "rkeras.role":
        value = draw(st.sampled_from(["boss", "Chief", "master"]))
        return Bad((option,), {"verbose": "auto"}, options={option: value})
    value = draw(st.sampled_from([5, 2.5, ["runs"], "<a file>"]))
    return Bad((option,), {}, options={option: value})


@st.composite
def bad_stream(draw, h5_data):
    """Inputs that bring their own batches (SPEC "Inputs"), with arguments they exclude."""
    import tensorflow as tf

    def batches():
        return X[:8], Y[:8]

    form = draw(st.sampled_from(["dataset_batch_size", "dataset_y", "dataset_split", "dataset_weights",
                                 "generator_steps", "generator_y", "generator_split", "hdf5_shuffle"]))
    dataset = tf.data.Dataset.from_tensor_slices((X, Y)).batch(8)
    if form == "dataset_batch_size":
        return Bad(("batch_size",), {"x": dataset, "y": None, "batch_size": draw(st.sampled_from([8, 32, 8.0]))})
    if form == "dataset_y":
        return Bad(("y",), {"x": dataset, "y": Y, "batch_size": None})
    if form == "dataset_split":
        return Bad(("validation_split",), {"x": dataset, "y": None, "batch_size": None, "validation_split": 0.2})
    if form == "dataset_weights":
        return Bad(("sample_weight",), {"x": dataset, "y": None, "batch_size": None, "sample_weight": np.ones(N)})
    if form == "generator_steps":
        return Bad(("steps_per_epoch",), {"x": batches, "y": None, "batch_size": None, "steps_per_epoch": None})
    if form == "generator_y":
        return Bad(("y",), {"x": batches, "y": Y, "batch_size": None, "steps_per_epoch": 3})
    if form == "generator_split":
        return Bad(("validation_split",), {"x": batches, "y": None, "batch_size": None, "steps_per_epoch": 3,
                                           "validation_split": 0.25})
    x5, y5 = h5_data
    return Bad(("shuffle",), {"x": x5, "y": y5, "shuffle": True, "validation_split": 0, "class_weight": None})


# -- the sweeps -----------------------------------------------------------------------

def weights_of(model):
    return [w.copy() for w in model.get_weights()]


def check_rejected(model, bad: Bad, background: dict, capfd, tmp_path):
    kwargs = dict(background)
    for name in bad.drop:
        kwargs.pop(name, None)
    kwargs.update(bad.changes)
    target = kwargs.pop("object", model)
    options = dict(bad.options)
    run_dir = tmp_path / "run"
    if options.get("keras.run_dir") == "<a file>":
        run_dir = tmp_path / "a_file"
        run_dir.write_text("not a directory")
        options["keras.run_dir"] = str(run_dir)
    options.setdefault("keras.run_dir", str(run_dir))
    before = weights_of(model)
    steps = int(model.optimizer.iterations)
    capfd.readouterr()
    with rkeras.options(options):
        with pytest.raises(RKerasError) as caught:
            rkeras.fit(target, **kwargs)
    out, err = capfd.readouterr()
    error = caught.value
    names = bad.arguments + bad.accept
    assert error.argument is not None and error.argument.split("[")[0].split("$")[0] in names, (error.argument, str(error))
    assert any(name in str(error) for name in names), str(error)
    assert out == "" and err == "", (out, err)
    assert int(model.optimizer.iterations) == steps
    for a, b in zip(before, weights_of(model)):
        np.testing.assert_array_equal(a, b)
    if options["keras.run_dir"] == str(tmp_path / "run"):
        assert not run_dir.exists()


FAMILIES = ["object", "x", "y", "batch_size", "epochs", "initial_epoch", "verbose", "view_metrics", "callbacks",
            "validation_split", "validation_data", "shuffle", "class_weight", "sample_weight", "steps", "options",
            "streams", "passed_on"]


def family_strategy(name, uncompiled, h5_data):
    return {
        "object": lambda: bad_object(uncompiled),
        "x": bad_x,
        "y": bad_y,
        "batch_size": bad_batch_size,
        "epochs": bad_epochs,
        "initial_epoch": bad_initial_epoch,
        "verbose": bad_verbose,
        "view_metrics": bad_view_metrics,
        "callbacks": bad_callbacks,
        "validation_split": bad_validation_split,
        "validation_data": bad_validation_data,
        "shuffle": bad_shuffle,
        "class_weight": bad_class_weight,
        "sample_weight": bad_sample_weight,
        "steps": bad_steps,
        "options": bad_option,
        "streams": lambda: bad_stream(h5_data),
        "passed_on": bad_passed_on,
    }[name]()


@pytest.mark.parametrize("family", FAMILIES)
def test_bad_value_is_refused_before_training(family, model, uncompiled, h5_data, capfd, tmp_path_factory):
    """18 families x 15 examples: over 200 distinct bad calls, each on a random valid background."""

    seen = set()

    @settings(max_examples=15, **SETTINGS)
    @given(data=st.data())
    def sweep(data):
        bad = data.draw(family_strategy(family, uncompiled, h5_data), label="bad")
        if family == "streams":  # inputs with their own batches exclude most array arguments
            background = Call(epochs=data.draw(r_integer([1, 2]), label="epochs"))
        else:
            background = data.draw(valid_call(), label="valid background")
            if family in ("x", "y"):
                background.pop("class_weight", None)  # class weights read y: keep the one error under test
            if family == "validation_split":
                background.pop("validation_data", None)  # R: validation_data overrides validation_split
            if family == "class_weight":
                background["y"] = Y  # a plain integer y: names are positions
        background["verbose"] = data.draw(st.sampled_from([0, 1, 2, True, "auto"]), label="verbose")
        check_rejected(model, bad, background, capfd, tmp_path_factory.mktemp("sweep"))
        seen.add(repr(bad) + repr(background))

    sweep()
    assert len(seen) >= 12  # 17 families: over 200 distinct invalid combinations


INTEGER_ARGUMENTS = {"epochs": 1, "initial_epoch": 0, "batch_size": 1, "steps_per_epoch": 1, "validation_steps": 1}


@settings(max_examples=15, **SETTINGS)
@given(data=st.data())
def test_fractional_integers_are_truncated_like_r_with_one_warning(model, data):
    """R's as.integer() truncates toward zero: a fraction at or above the minimum trains, with one warning."""
    import warnings

    argument = data.draw(st.sampled_from(sorted(INTEGER_ARGUMENTS)), label="argument")
    whole = data.draw(st.integers(INTEGER_ARGUMENTS[argument], 3), label="whole")
    value = data.draw(st.floats(whole, whole + 1, exclude_max=True).filter(lambda v: not v.is_integer())
                      .flatmap(lambda v: st.sampled_from([v, np.float64(v)])), label="value")
    kwargs = Call(x=X, y=Y, epochs=2, verbose=0, validation_data=(X[:6], Y[:6]))
    if argument == "initial_epoch":
        kwargs["epochs"] = whole + 1
    kwargs[argument] = value
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = rkeras.fit(model, **kwargs)
    messages = [str(w.message) for w in caught if issubclass(w.category, rkeras.RKerasWarning)]
    assert len(messages) == 1 and f"`{argument}`" in messages[0] and f"truncated to {whole}" in messages[0], messages
    expected = {"epochs": whole, "batch_size": whole, "steps_per_epoch": whole}
    if argument in expected:
        assert history.params[{"steps_per_epoch": "steps"}.get(argument, argument)] == expected[argument]
    if argument == "initial_epoch":
        assert len(history.metrics["loss"]) == 1 and history.epoch == [whole]


@settings(max_examples=25, **SETTINGS)
@given(call=valid_call())
def test_valid_r_style_values_train(model, call, capfd):
    """Valid values never raise, and training does happen (so unchanged weights above mean something)."""
    steps = int(model.optimizer.iterations)
    before = weights_of(model)
    history = rkeras.fit(model, **call)
    epochs = int(call["epochs"]) - int(call["initial_epoch"])
    assert history.epochs_trained == epochs
    assert len(history.metrics["loss"]) == epochs
    validated = call.get("validation_data") is not None or float(call.get("validation_split", 0)) > 0
    assert ("val_loss" in history.metrics) == validated
    if epochs:
        assert int(model.optimizer.iterations) > steps
        assert any(not np.array_equal(a, b) for a, b in zip(before, weights_of(model)))

"""summary() and format_model(): Keras' summary as R printed it.

R keras 2.15 captured Keras' summary as text, trimmed it, removed blank lines
(compact = TRUE), made it 80 columns wide (getOption("width")), showed the
"Trainable" column when part of the model is frozen, and printed
"Model: <no summary available, model was not built>" for an unbuilt model.
"""

import pytest

import rkeras
from rkeras import RKerasError, RKerasWarning

ENGINES = ["keras", "tf_keras"]


def engine_module(name):
    return pytest.importorskip(name)


def built(k):
    return k.Sequential([k.Input((4,)), k.layers.Dense(3, name="d1"), k.layers.Dense(1, name="d2")], name="seq")


def rows(text):
    return text.splitlines()


@pytest.mark.parametrize("engine", ENGINES)
def test_built_model_summary_text(engine, capsys):
    k = engine_module(engine)
    model = built(k)
    text = rkeras.format_model(model)
    assert rkeras.summary(model) is None
    assert capsys.readouterr().out == text + "\n"
    lines = rows(text)
    assert lines[0] == 'Model: "seq"'
    assert all(line.strip() for line in lines)                      # blank lines removed
    assert text == text.strip()                                     # R's trimws()
    assert max(len(line) for line in lines) == 80                   # getOption("width")
    assert any("d1 (Dense)" in line and "15" in line for line in lines)
    assert any("d2 (Dense)" in line and " 4 " in line + " " for line in lines)
    assert "Trainable  " not in text and "Trai" not in lines[2]     # nothing frozen: no Trainable column
    totals = [line.strip() for line in lines if "params:" in line]
    unit = "B" if engine == "keras" else "Byte"
    assert totals == [f"Total params: 19 (76.00 {unit})", f"Trainable params: 19 (76.00 {unit})",
                      f"Non-trainable params: 0 (0.00 {unit})"]


def test_tf_keras_text_is_keras_2s_table_as_r_printed_it():
    tf_keras = engine_module("tf_keras")
    text = rkeras.format_model(built(tf_keras))
    lines = rows(text)
    assert lines[1] == "_" * 80 and lines[3] == "=" * 80 and lines[-1] == "_" * 80
    assert lines[2].split() == ["Layer", "(type)", "Output", "Shape", "Param", "#"]
    assert lines[4].split() == ["d1", "(Dense)", "(None,", "3)", "15"]
    assert lines[5].split() == ["d2", "(Dense)", "(None,", "1)", "4"]       # no blank line between layers
    loose = rkeras.format_model(built(tf_keras), compact=False)
    assert any(not line.strip() for line in rows(loose))              # Keras 2's own blank lines


@pytest.mark.parametrize("engine", ENGINES)
def test_partly_frozen_model_shows_the_trainable_column(engine):
    k = engine_module(engine)
    model = built(k)
    model.layers[0].trainable = False
    lines = rows(rkeras.format_model(model))
    header = lines[2]
    assert "Trai" in header                                          # Keras 3 abbreviates it to fit
    assert max(len(line) for line in lines) == 80                     # still 80 wide, as in R
    d1 = next(line for line in lines if "d1 (Dense)" in line)
    d2 = next(line for line in lines if "d2 (Dense)" in line)
    assert d1.split()[-1].strip("│ ") == "N" or d1.rstrip(" │").endswith("N")
    assert d2.rstrip(" │").endswith("Y")
    assert any("Non-trainable params: 15" in line for line in lines)
    hidden = rows(rkeras.format_model(model, show_trainable=False))
    assert "Trai" not in hidden[2]


@pytest.mark.parametrize("engine", ENGINES)
def test_unbuilt_model(engine, capsys):
    k = engine_module(engine)
    model = k.Sequential([k.layers.Dense(2)])
    rkeras.summary(model)
    assert capsys.readouterr().out == "Model: <no summary available, model was not built>\n"
    assert rkeras.format_model(model) == "Model: <no summary available, model was not built>"


@pytest.mark.parametrize("engine", ENGINES)
def test_functional_model_and_width(engine):
    k = engine_module(engine)
    a = k.Input((4,), name="inp")
    model = k.Model(a, k.layers.Dense(2, name="o")(a), name="fun")
    lines = rows(rkeras.format_model(model, width=100))
    assert lines[0] == 'Model: "fun"'
    assert any("inp (InputLayer)" in line for line in lines)          # functional models list their input
    assert max(len(line) for line in lines) == 100
    assert max(len(line) for line in rows(rkeras.format_model(model, line_length=60))) == 60


@pytest.mark.parametrize("engine", ENGINES)
def test_summary_errors_and_habits(engine):
    k = engine_module(engine)
    with pytest.raises(RKerasError, match=r"`object` of summary\(\) should be a Keras model"):
        rkeras.summary("model")
    with pytest.raises(RKerasError, match=r"`object` of format\(\) should be a Keras model"):
        rkeras.format_model(None)
    with pytest.raises(RKerasError, match="`show_trainable` should be True, False or None"):
        rkeras.format_model(built(k), show_trainable="yes")
    with pytest.raises(RKerasError, match="`line_length` should be a finite number, 20 or more"):
        rkeras.format_model(built(k), line_length=5)
    with pytest.warns(RKerasWarning, match="partial argument match of `line` to `line_length`"):
        text = rkeras.format_model(built(k), line=70)
    assert max(len(line) for line in rows(text)) == 70

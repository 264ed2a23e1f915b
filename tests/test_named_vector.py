"""evaluate()'s result prints as R prints a named numeric vector (R's print.default)."""

from __future__ import annotations

import numpy as np
import pandas as pd

import rkeras
from rkeras.named_vector import NamedVector, format_r_numbers


def show(values, names) -> str:
    return repr(NamedVector(values, index=names, dtype="float64"))


def test_r_prints_named_vectors_in_one_column_width():
    # R 4.x: print(c(loss = 3383.5, mae = 50.5)) and friends
    assert show([3383.5, 50.5], ["loss", "mae"]) == "  loss    mae \n3383.5   50.5 "
    assert show([1, 2], ["a", "bbbbbb"]) == "     a bbbbbb \n     1      2 "
    assert show([0.144107, 1.0], ["loss", "accuracy"]) == "    loss accuracy \n0.144107 1.000000 "


def test_seven_significant_digits_and_scientific_when_narrower():
    assert format_r_numbers([144.1931, 143.5, np.log(2), 10.5, 0.5]) == [
        "144.1931000", "143.5000000", "0.6931472", "10.5000000", "0.5000000"]
    assert format_r_numbers([1.23e-5, 2.0]) == ["1.23e-05", "2.00e+00"]
    assert format_r_numbers([np.nan, 1.5, np.inf]) == ["NaN", "1.5", "Inf"]
    assert format_r_numbers([0.0, 2.0]) == ["0", "2"]


def test_lines_wrap_at_80_characters():
    text = show([float(i) for i in range(12)], [f"metric_{i}" for i in range(12)])
    lines = text.split("\n")
    assert len(lines) == 4 and all(len(line) <= 80 for line in lines)
    assert lines[0].split() == [f"metric_{i}" for i in range(8)] and lines[3].split() == ["8", "9", "10", "11"]


def test_it_is_a_series_everywhere_else():
    v = NamedVector([3383.5, 50.5], index=["loss", "mae"], dtype="float64")
    assert isinstance(v, pd.Series) and v["loss"] == 3383.5 and v.iloc[1] == 50.5
    assert (v * 2)["mae"] == 101.0 and v.to_dict() == {"loss": 3383.5, "mae": 50.5}


def test_evaluate_prints_r_named_vector(capsys):
    from conftest import make_frozen

    x = np.arange(1, 101, dtype="float32")
    result = rkeras.evaluate(make_frozen(), x, x, verbose=0)
    print(result)
    assert capsys.readouterr().out == "  loss    mae \n3383.5   50.5 \n"

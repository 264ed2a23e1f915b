"""tidyr's gather/pivot_longer/spread/pivot_wider: R snippets -> Python, with tidyr's names and row orders."""

from __future__ import annotations

import pytest

from port_helpers import expect, run

SOURCE = """
df <- data.frame(id = c("a", "b"), x = c(1, 2), y = c(3, 4))
g <- df %>% gather(key, value, -id)
l <- df %>% pivot_longer(c(x, y), names_to = "metric")
w <- l %>% pivot_wider(names_from = metric, values_from = value)
s <- spread(g, key, value)
"""


def test_tidyr_verbs_port_with_bare_column_names():
    expect(SOURCE, """
        df = rbase.data_frame(id=np.array(["a", "b"]), x=np.array([1, 2], dtype=float), y=np.array([3, 4], dtype=float))  # R:1
        g = rbase.gather(df, "key", "value", ("-", "id"))  # R:2
        l = rbase.pivot_longer(df, cols=["x", "y"], names_to="metric")  # R:3
        w = rbase.pivot_wider(l, names_from="metric", values_from="value")  # R:4
        s = rbase.spread(g, key="key", value="value")  # R:5
        """)


def test_tidyr_verbs_give_tidyr_rows_and_columns():
    ns = run(SOURCE, ["g", "l", "w", "s"])
    g, l = ns["g"], ns["l"]
    assert list(g.columns) == ["id", "key", "value"]
    assert g["key"].tolist() == ["x", "x", "y", "y"] and g["value"].tolist() == [1, 2, 3, 4]   # column by column
    assert list(l.columns) == ["id", "metric", "value"]
    assert l["id"].tolist() == ["a", "a", "b", "b"] and l["value"].tolist() == [1, 3, 2, 4]    # row by row
    for wide in (ns["w"], ns["s"]):
        assert list(wide.columns) == ["id", "x", "y"]
        assert wide["x"].tolist() == [1, 2] and wide["y"].tolist() == [3, 4]


def test_spread_sorts_keys_and_fills_missing_cells():
    from rkeras import rbase
    import pandas as pd

    long = pd.DataFrame({"id": [2, 1, 1], "k": ["b", "b", "a"], "v": [5.0, 6.0, 7.0]})
    wide = rbase.spread(long, "k", "v", fill=0)
    assert list(wide.columns) == ["id", "a", "b"]
    assert wide["id"].tolist() == [1, 2] and wide["a"].tolist() == [7.0, 0.0] and wide["b"].tolist() == [6.0, 5.0]
    with pytest.raises(rbase.RError, match="names_sep"):
        rbase.pivot_longer(long, ["v"], names_sep="_")

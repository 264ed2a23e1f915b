"""R's indexing: 1-based, inclusive, negative drops, logical masks, $ and [[, read and assigned."""

from __future__ import annotations

import numpy as np
import pandas as pd

from port_helpers import expect, run


def test_indexing_is_written_as_rbase_helpers_when_the_kind_is_unknown():
    expect(
        """
        a <- v[-1]
        b <- m[1:2, ]
        c2 <- v[v > 1]
        d <- l[["a"]]
        e <- l[[2]]
        f <- obj$name
        """,
        """
        a = rbase.subset(v, -1)  # R:1
        b = rbase.subset(m, np.arange(1, 3), None)  # R:2
        c2 = rbase.subset(v, v > 1)  # R:3
        d = l["a"]  # R:4
        e = rbase.elem(l, 2)  # R:5
        f = rbase.dollar(obj, "name")  # R:6
        """,
    )


def test_known_arrays_get_numpy_slices():
    expect(
        """
        m <- matrix(0, 4, 3)
        a <- m[1:2, ]
        b <- m[2, 3]
        for (i in 1:4) m[i, 1] <- i
        """,
        """
        m = rbase.matrix(0, 4, 3)  # R:1
        a = m[:2, :]  # R:2
        b = m[1, 2]  # R:3
        for i in range(1, 5):  # R:4
            m = rbase.put(m, np.s_[i - 1, 0], i)  # R:4
        """,
    )
    ns = run("m <- matrix(0, 4, 3)\nfor (i in 1:4) m[i, 1] <- i\n")
    assert ns["m"][:, 0].tolist() == [1, 2, 3, 4]


def test_values_follow_r_rules():
    ns = run(
        """
        v <- c(10, 20, 30, 40)
        a <- v[-1]
        b <- v[-c(1, 2)]
        c2 <- v[v > 15]
        d <- v[2:3]
        m <- matrix(1:6, nrow = 2)
        e <- m[2, ]
        f <- m[, 2:3]
        g <- m[5]
        l <- list(a = 1, b = "x")
        h <- l[[2]]
        k <- l$b
        """
    )
    assert ns["a"].tolist() == [20, 30, 40]
    assert ns["b"].tolist() == [30, 40]
    assert ns["c2"].tolist() == [20, 30, 40]
    assert ns["d"].tolist() == [20, 30]
    assert ns["e"].tolist() == [2, 4, 6]
    assert ns["f"].tolist() == [[3, 5], [4, 6]]
    assert ns["g"].tolist() == [5]  # column-major linear index, as R
    assert ns["h"] == "x" and ns["k"] == "x"


def test_assignment_into_parts():
    ns = run(
        """
        v <- c(1, 2, 3)
        v[2] <- 20
        v[5] <- 5
        l <- list()
        l$a <- 1
        l[["b"]] <- 2
        names(v) <- c("p", "q", "r", "s", "t")
        """
    )
    assert ns["l"] == {"a": 1, "b": 2}
    assert list(ns["v"].index) == ["p", "q", "r", "s", "t"]
    assert ns["v"].tolist()[:3] == [1, 20, 3] and np.isnan(ns["v"].tolist()[3]) and ns["v"].tolist()[4] == 5


def test_data_frame_columns_and_rows():
    ns = run(
        """
        df <- data.frame(x = c(1, 2, 3), y = c(4, 5, 6))
        first <- df[1, ]
        col <- df$y
        sub <- df[df$x > 1, "y"]
        """
    )
    assert isinstance(ns["first"], pd.DataFrame) and ns["first"].to_numpy().tolist() == [[1, 4]]
    assert ns["col"].tolist() == [4, 5, 6]
    assert ns["sub"].tolist() == [5, 6]


def test_dataset_lists_by_name():
    expect(
        """
        mnist <- list(train = list(x = 1, y = 2))
        x <- mnist$train$x
        """,
        """
        mnist = {"train": {"x": 1, "y": 2}}  # R:1
        x = mnist["train"]["x"]  # R:2
        """,
    )


def test_a_logical_array_index_is_read_column_major_as_in_r():
    # R: m <- matrix(c(1, 5, 2, 6, 3, 7), nrow = 2); m[m > 2] is 5 6 3 7 (column-major), and
    # m[m > 2] <- c(10, 20, 30, 40) fills those cells in that order
    ns = run(
        """
        m <- matrix(c(1, 5, 2, 6, 3, 7), nrow = 2)
        picked <- m[m > 2]
        m[m > 2] <- c(10, 20, 30, 40)
        a <- array(0, dim = c(2, 3, 8, 8))
        a[1, 1, 4, 4] <- 2
        a <- a[, , 3:6, 3:6]
        a[a > 1] <- 1
        """
    )
    assert ns["picked"].tolist() == [5, 6, 3, 7]
    assert ns["m"].tolist() == [[1, 2, 30], [10, 20, 40]]
    # conv_lstm's clipping: on a cut (non-contiguous) array the mask must land on its own cells
    assert ns["a"].max() == 1 and ns["a"].sum() == 1


def test_array_of_a_bare_number_holds_doubles_as_in_r():
    # R: a <- array(0, dim = c(2, 2)); a[1, 1] <- a[1, 1] + 0.1 gives 0.1, not a truncated 0
    ns = run(
        """
        a <- array(0, dim = c(2, 2))
        a[1, 1] <- a[1, 1] + 0.1
        m <- matrix(0, nrow = 2, ncol = 2)
        m[m == 0] <- 0.5
        """
    )
    assert ns["a"][0, 0] == 0.1
    assert ns["m"].tolist() == [[0.5, 0.5], [0.5, 0.5]]

"""Base R's values as R shows and types them: print() of vectors and matrices, class(), typeof(),
and assignment widening a vector's type as R does (never truncating)."""

from __future__ import annotations

import numpy as np

from port_helpers import run


def test_vectors_print_as_r_prints_them(capsys):
    run(
        """
        print(1:30)
        print(c(60000, 28, 28))
        print(c(0.5, 2))
        print(c(TRUE, FALSE))
        print(c("a", "bbb"))
        print(c(1.5, NA))
        print(c(0.001234, 123.5, 1e-10))
        print(numeric(0))
        """
    )
    assert capsys.readouterr().out == (
        " [1]  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25\n"
        "[26] 26 27 28 29 30\n"
        "[1] 60000    28    28\n"
        "[1] 0.5 2.0\n"
        "[1]  TRUE FALSE\n"
        '[1] "a"   "bbb"\n'
        "[1] 1.5  NA\n"
        "[1] 1.234e-03 1.235e+02 1.000e-10\n"
        "numeric(0)\n"
    )


def test_a_matrix_prints_with_r_labels_and_each_column_in_its_own_format(capsys):
    run("m <- matrix(c(0.25, 0, 1, 10), nrow = 2)\nprint(m)\nprint(matrix(1:10, ncol = 1))\n")
    out = capsys.readouterr().out
    assert out.startswith("     [,1] [,2]\n[1,] 0.25    1\n[2,] 0.00   10\n")
    assert out.endswith("      [,1]\n [1,]    1\n [2,]    2\n [3,]    3\n [4,]    4\n [5,]    5\n"
                        " [6,]    6\n [7,]    7\n [8,]    8\n [9,]    9\n[10,]   10\n")


def test_wide_matrices_are_printed_in_blocks_of_columns(capsys):
    run("m <- matrix(1000000 + 1:24, nrow = 2)\nprint(m)\n")
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].split()[0] == "[,1]" and lines[3].split()[0] == "[,10]"   # 9 columns of 8 a block
    assert lines[1] == "[1,] " + " ".join(str(1000000 + v) for v in range(1, 18, 2))


def test_assigning_a_fraction_widens_the_vector_as_r_does():
    ns = run(
        """
        x <- c(1, 2)
        x[1] <- 0.5
        y <- rep(0, 3)
        y[2] <- 1.5
        z <- 1:3
        z[[1]] <- 2.5
        m <- matrix(1:4, 2)
        m[[1, 2]] <- 0.25
        b <- c(TRUE, FALSE)
        b[2] <- 3
        """,
        ["x", "y", "z", "m", "b"],
    )
    assert ns["x"].tolist() == [0.5, 2.0]
    assert ns["y"].tolist() == [0.0, 1.5, 0.0]
    assert ns["z"].tolist() == [2.5, 2.0, 3.0]
    assert ns["m"].tolist() == [[1.0, 0.25], [2.0, 4.0]]
    assert ns["b"].tolist() == [1, 3] and ns["b"].dtype.kind in "iu"


def test_an_integer_vector_stays_integer_when_an_integer_is_written():
    ns = run("z <- 1:3\nz[2] <- 7L\n", ["z"])
    assert ns["z"].dtype.kind == "i" and ns["z"].tolist() == [1, 7, 3]


def test_class_and_typeof_give_r_names():
    ns = run(
        """
        a <- class(c(0.5, 2))
        b <- class(matrix(0.5, 2, 2))
        c2 <- class(array(0, c(2, 2, 2)))
        d <- class(list(1, 2))
        e <- class(data.frame(x = 1:2))
        f <- class("s")
        g <- typeof(1:3)
        h <- typeof(2.5)
        k <- typeof(TRUE)
        l <- class(NULL)
        """,
        ["a", "b", "c2", "d", "e", "f", "g", "h", "k", "l"],
    )
    assert ns["a"] == "numeric" and list(ns["b"]) == ["matrix", "array"] and ns["c2"] == "array"
    assert ns["d"] == "list" and ns["e"] == "data.frame" and ns["f"] == "character"
    assert (ns["g"], ns["h"], ns["k"], ns["l"]) == ("integer", "double", "logical", "NULL")
    assert isinstance(ns["b"], np.ndarray)

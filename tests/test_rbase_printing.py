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


def test_numbers_print_with_seven_digits_and_r_choice_of_scientific(capsys):
    run("print(1e6)\nprint(100000)\nprint(123456789)\nprint(1/3)\nprint(exp(1))\nprint(nrow(iris))\n")
    assert capsys.readouterr().out == "[1] 1e+06\n[1] 1e+05\n[1] 123456789\n[1] 0.3333333\n[1] 2.718282\n[1] 150\n"


def test_named_vectors_factors_lists_and_tables_print_as_r(capsys):
    run(
        """
        print(c(a = 1, b = 2.5))
        f <- factor(c("lo", "hi", "lo"))
        print(f)
        print(list(1, "a"))
        print(list(a = 1, b = list(c = "x")))
        y <- c("a", "b", "a")
        print(table(y))
        print(table(c(3, 1, 3)))
        print(summary(c(1, 2, 3, 4)))
        """
    )
    assert capsys.readouterr().out == (
        "  a   b \n1.0 2.5 \n"
        "[1] lo hi lo\nLevels: hi lo\n"
        '[[1]]\n[1] 1\n\n[[2]]\n[1] "a"\n\n'
        '$a\n[1] 1\n\n$b$c\n[1] "x"\n\n'
        "y\na b \n2 1 \n"
        "\n1 3 \n1 2 \n"
        "   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n   1.00    1.75    2.50    2.50    3.25    4.00 \n"
    )


def test_a_factor_as_a_number_is_its_level_code_as_in_r():
    ns = run(
        """
        f <- factor(c(30, 10, 30))
        n <- as.numeric(f)
        i <- as.integer(factor(c("b", "a", "b"))) - 1
        l <- levels(f)
        """,
        ["n", "i", "l"],
    )
    assert ns["n"].tolist() == [2.0, 1.0, 2.0]       # the codes, not the values 30, 10, 30
    assert ns["i"].tolist() == [1, 0, 1]
    assert list(ns["l"]) == ["10", "30"]


def test_mean_diff_names_and_letters_have_r_meaning():
    ns = run(
        """
        m1 <- mean(c(1, NA))
        m2 <- mean(c(1, NA, 3), na.rm = TRUE)
        m3 <- mean(c(1, 2, 3, 100), trim = 0.25)
        d <- diff(c(1, 4, 9, 16))
        d2 <- diff(c(1, 4, 9, 16), differences = 2)
        x <- c(b = 2, a = 1)
        is_a <- names(x) == "a"
        l3 <- head(letters, 3)
        """,
        ["m1", "m2", "m3", "d", "d2", "is_a", "l3"],
    )
    assert np.isnan(ns["m1"]) and ns["m2"] == 2.0 and ns["m3"] == 2.5
    assert ns["d"].tolist() == [3, 5, 7] and ns["d2"].tolist() == [2, 2]
    assert ns["is_a"].tolist() == [False, True]
    assert list(ns["l3"]) == ["a", "b", "c"]


def test_paste_and_cat_write_numbers_as_r_does(capsys):
    ns = run(
        """
        a <- paste(1/3)
        b <- paste0("n", 100000)
        c2 <- sprintf("%s", 0.1 + 0.2)
        d <- as.character(123456)
        cat(1/3, 100000, 1e-20, "\\n")
        print(vector("list", 1))
        s <- signif(123456, 2)
        total <- Reduce(`+`, 1:4)
        """,
        ["a", "b", "c2", "d", "s", "total"],
    )
    assert (ns["a"], ns["b"], ns["c2"], ns["d"]) == ("0.333333333333333", "n1e+05", "0.3", "123456")
    assert capsys.readouterr().out == "0.3333333 1e+05 1e-20 \n[[1]]\nNULL\n\n"
    assert ns["s"] == 120000 and ns["total"] == 10


def test_crossprod_and_apply_over_cells_have_r_meaning():
    ns = run(
        """
        z <- matrix(1:6, 2)
        cp <- crossprod(z)
        tcp <- tcrossprod(z)
        cells <- apply(z, c(1, 2), function(v) v * 10)
        """,
        ["z", "cp", "tcp", "cells"],
    )
    z = np.array([[1, 3, 5], [2, 4, 6]])
    assert ns["cp"].tolist() == (z.T @ z).tolist()
    assert ns["tcp"].tolist() == (z @ z.T).tolist()
    assert ns["cells"].tolist() == (z * 10).tolist()


def test_str_writes_r_compact_display(capsys):
    run(
        """
        str(1:5)
        str(c(1.2345, 2))
        str("a")
        str(list(a = 1, b = "x"))
        str(matrix(1:4, 2))
        str(1:100)
        str(data.frame(x = c(1, 2), f = factor(c("u", "v"))))
        """
    )
    assert capsys.readouterr().out == (
        " int [1:5] 1 2 3 4 5\n"
        " num [1:2] 1.23 2\n"
        ' chr "a"\n'
        'List of 2\n $ a: num 1\n $ b: chr "x"\n'
        " int [1:2, 1:2] 1 2 3 4\n"
        " int [1:100] 1 2 3 4 5 6 7 8 9 10 ...\n"
        "'data.frame':\t2 obs. of  2 variables:\n"
        ' $ x: num  1 2\n $ f: Factor w/ 2 levels "u","v": 1 2\n'
    )


def test_data_frames_print_with_r_row_names(capsys):
    run(
        """
        df <- data.frame(x = c(1.5, 2, 3), y = c("a", "bb", "c"))
        print(df)
        print(df[df$x > 1.5, ])
        print(df$x)
        print(rbind(df, data.frame(x = 4, y = "d")))
        """
    )
    assert capsys.readouterr().out == (
        "    x  y\n1 1.5  a\n2 2.0 bb\n3 3.0  c\n"
        "  x  y\n2 2 bb\n3 3  c\n"
        "[1] 1.5 2.0 3.0\n"
        "    x  y\n1 1.5  a\n2 2.0 bb\n3 3.0  c\n4 4.0  d\n"
    )


def test_r_keras_options_as_lists_and_set_names(capsys):
    from port_helpers import port

    import rkeras

    try:
        ns = run(
            """
            options(keras.view_metrics = FALSE)
            v <- getOption("keras.view_metrics")
            l <- as.list(c(1, 2))
            n <- set_names(c(1, 2), c("a", "b"))
            print(n)
            s <- if_else(c(1, 5) > 2, "big", "small")
            """,
            ["v", "l", "s"],
        )
    finally:
        rkeras.options({"keras.view_metrics": "auto"})
    assert ns["v"] is False and ns["l"] == [1.0, 2.0] and list(ns["s"]) == ["small", "big"]
    assert capsys.readouterr().out == "a b \n1 2 \n"
    result = port("options(digits = 3)\n")
    assert "R option `digits` has no rkeras counterpart" in result.not_ported[0].reason


def test_a_changed_value_leaves_its_copies_alone_as_in_r(capsys):
    run(
        """
        x <- c(1, 2, 3)
        y <- x
        x[1] <- 100
        f <- function(v) { v[2] <- -1; v }
        a <- c(7, 8, 9)
        b <- f(a)
        l <- list(a = 1, b = 2)
        l2 <- l
        l$a <- 5
        l$b <- NULL
        big <- matrix(1:6, 2)
        part <- big[1, ]
        part[1] <- 99
        print(y); print(a); print(b); print(l2$a); print(names(l)); print(big[1, 1])
        """
    )
    assert capsys.readouterr().out == (
        "[1] 1 2 3\n[1] 7 8 9\n[1]  7 -1  9\n[1] 1\n[1] \"a\"\n[1] 1\n")


def test_a_layer_function_used_as_a_value_keeps_r_keras_conversions(capsys):
    ns = run(
        """
        library(keras)
        dc <- curry::set_defaults(layer_conv_2d, list(padding = "same"))
        shp <- c(28, 28, 1)
        l <- dc(filters = shp[3], kernel_size = 5)
        x <- layer_input(shape = c(8, 8, 1)) %>% dc(filters = 2, kernel_size = 3)
        print(dim(x))
        """,
        ["l"],
    )
    assert ns["l"].filters == 1 and tuple(ns["l"].kernel_size) == (5, 5) and ns["l"].padding == "same"
    assert capsys.readouterr().out.endswith("[1] NA  8  8  2\n")

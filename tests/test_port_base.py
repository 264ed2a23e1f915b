"""Base R constructs: each R snippet becomes exactly this Python, and gives R's values when run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from port_helpers import body, expect, port, run


def test_assignment_forms_and_trace_comments():
    expect(
        """
        a <- 1
        b = 2.5
        3 -> d
        x.y <- "text"
        """,
        """
        a = 1  # R:1
        b = 2.5  # R:2
        d = 3  # R:3
        x_y = "text"  # R:4
        """,
    )


def test_literals():
    expect(
        'v <- list(TRUE, FALSE, NULL, NA, Inf, 5L, 1e-3, "a\\tb")',
        'v = [True, False, None, np.nan, np.inf, 5, 1e-3, "a\\tb"]  # R:1',
    )


def test_vectors_and_lists():
    expect(
        """
        v <- c(1, 2, 3)
        w <- c(v, 4)
        l <- list(a = 1, b = "x")
        u <- list(1, 2)
        """,
        """
        v = np.array([1, 2, 3], dtype=float)  # R:1
        w = rbase.c(v, 4)  # R:2
        l = {"a": 1, "b": "x"}  # R:3
        u = [1, 2]  # R:4
        """,
    )
    ns = run("v <- c(1, 2, 3)\nw <- c(v, c(4, 5))\n")
    assert ns["w"].tolist() == [1, 2, 3, 4, 5]


def test_colon_is_inclusive_and_counts_down():
    expect("a <- 1:3\nb <- 3:1\n", "a = np.arange(1, 4)  # R:1\nb = np.arange(3, 0, -1)  # R:2")
    ns = run("n <- 0\nv <- 1:n\n")
    assert ns["v"].tolist() == [1, 0]  # R's 1:0 is c(1, 0)


def test_operators_keep_r_precedence_and_meaning():
    expect(
        """
        x <- -2^2 + 7 %% 3 + 7 %/% 2
        y <- a * b %% k
        z <- (a + b) * k - d - (e - f)
        w <- a < b & k == d | !e
        v <- a %in% b
        m <- p %*% q
        """,
        """
        x = -2 ** 2 + 7 % 3 + 7 // 2  # R:1
        y = a * (b % k)  # R:2
        z = (a + b) * k - d - (e - f)  # R:3
        w = (a < b) & (k == d) | np.logical_not(e)  # R:4
        v = np.isin(a, b)  # R:5
        m = p @ q  # R:6
        """,
    )
    ns = run("x <- -2^2 + 7 %% 3 + 7 %/% 2\ny <- 2 * 7 %% 4\n")
    assert ns["x"] == -4 + 1 + 3 and ns["y"] == 6  # R's %% binds tighter than *


def test_if_else_chain():
    expect(
        """
        if (x > 1 && !done) {
          y <- 1
        } else if (x < 0) {
          y <- 2
        } else y <- 3
        """,
        """
        if x > 1 and not done:  # R:1
            y = 1  # R:2
        elif x < 0:  # R:3
            y = 2  # R:4
        else:
            y = 3  # R:5
        """,
    )


def test_for_over_ranges_is_one_based():
    expect(
        """
        for (i in 1:3) print(i)
        for (i in seq_len(n)) next
        for (v in values) break
        """,
        """
        for i in range(1, 4):  # R:1
            rbase.print(i)  # R:1
        for i in range(1, n + 1):  # R:2
            continue  # R:2
        for v in rbase.each(values):  # R:3
            break  # R:3
        """,
    )


def test_while_and_repeat():
    ns = run(
        """
        i <- 0
        while (i < 5) i <- i + 1
        j <- 0
        repeat {
          j <- j + 2
          if (j >= 6) break
        }
        """
    )
    assert (ns["i"], ns["j"]) == (5, 6)


def test_functions_return_their_last_value_and_lazy_defaults():
    expect(
        """
        f <- function(x, n = length(x), ...) {
          y <- x * 2
          sum(y) + n
        }
        """,
        """
        def f(x, n=None, *args, **kwargs):  # R:1
            if n is None:
                n = rbase.length(x)
            y = x * 2  # R:2
            return rbase.sum(y) + n  # R:3
        """,
    )
    ns = run("f <- function(x, n = length(x)) sum(x) + n\nr <- f(c(1, 2, 3))\n")
    assert ns["r"] == 9


def test_superassignment_is_global():
    expect(
        """
        counter <- 0
        bump <- function() {
          counter <<- counter + 1
        }
        """,
        """
        counter = 0  # R:1
        def bump():  # R:2
            global counter
            counter = counter + 1  # R:3
            return counter
        """,
    )
    ns = run("counter <- 0\nbump <- function() counter <<- counter + 1\nbump()\nbump()\n")
    assert ns["counter"] == 2


def test_anonymous_functions():
    expect("f <- sapply(1:3, function(i) i^2)", "f = rbase.sapply(np.arange(1, 4), lambda i: i ** 2)  # R:1")
    ns = run("f <- sapply(1:3, function(i) i^2)\n")
    assert ns["f"].tolist() == [1, 4, 9]


def test_zeallot_unpacks_named_lists_by_position():
    expect(
        "c(c(a, b), c(d, e)) %<-% list(train = list(x = 1, y = 2), test = list(x = 3, y = 4))",
        '(a, b), (d, e) = rbase.unpack({"train": {"x": 1, "y": 2}, "test": {"x": 3, "y": 4}}, depth=2)  # R:1',
    )
    ns = run("c(c(a, b), c(d, e)) %<-% list(train = list(x = 1, y = 2), test = list(x = 3, y = 4))\n")
    assert (ns["a"], ns["b"], ns["d"], ns["e"]) == (1, 2, 3, 4)


def test_matrix_and_array_fill_column_major_and_array_reshape_row_major():
    ns = run(
        """
        m <- matrix(1:6, nrow = 2)
        b <- matrix(1:6, nrow = 2, byrow = TRUE)
        a <- array(1:24, dim = c(2, 3, 4))
        r <- array_reshape(1:6, c(2, 3))
        """
    )
    assert ns["m"].tolist() == [[1, 3, 5], [2, 4, 6]]
    assert ns["b"].tolist() == [[1, 2, 3], [4, 5, 6]]
    assert ns["a"][1, 2, 3] == 24 and ns["a"][1, 0, 0] == 2
    assert ns["r"].tolist() == [[1, 2, 3], [4, 5, 6]]


def test_seq_rep_and_summaries():
    ns = run(
        """
        s <- seq(0, 1, by = 0.25)
        t <- seq(2, 10, length.out = 5)
        r <- rep(c(1, 2), times = 2)
        e <- rep(c(1, 2), each = 2)
        total <- sum(1:10)
        avg <- mean(c(1, 2, 3, 4))
        spread <- sd(c(2, 4, 4, 4, 5, 5, 7, 9))
        top <- which.max(c(3, 9, 2))
        """
    )
    assert ns["s"].tolist() == [0, 0.25, 0.5, 0.75, 1]
    assert ns["t"].tolist() == [2, 4, 6, 8, 10]
    assert ns["r"].tolist() == [1, 2, 1, 2] and ns["e"].tolist() == [1, 1, 2, 2]
    assert ns["total"] == 55 and ns["avg"] == 2.5
    assert ns["spread"] == pytest.approx(2.13808993529939)
    assert ns["top"] == 2  # 1-based, as R


def test_sample_and_set_seed_are_repeatable_and_one_based():
    a = run("set.seed(42)\np <- sample(5)\n")["p"]
    b = run("set.seed(42)\np <- sample(5)\n")["p"]
    assert a.tolist() == b.tolist() and sorted(a.tolist()) == [1, 2, 3, 4, 5]
    ns = run("set.seed(1)\nu <- runif(4, min = 2, max = 3)\nz <- rnorm(3)\n")
    assert ns["u"].shape == (4,) and ((ns["u"] >= 2) & (ns["u"] <= 3)).all() and ns["z"].shape == (3,)


def test_paste_sprintf_cat(capsys):
    ns = run(
        """
        p <- paste("a", 1:2)
        q <- paste0("x", 1, collapse = "")
        s <- sprintf("%d items at %.2f", 3, 1.5)
        cat("loss:", 0.25, "\\n")
        cat(dim(matrix(0, 2, 3)), "\\n")
        """
    )
    assert ns["p"].tolist() == ["a 1", "a 2"] and ns["q"] == "x1"
    assert ns["s"] == "3 items at 1.50"
    assert capsys.readouterr().out == "loss: 0.25 \n2 3 \n"


def test_top_level_values_print_as_r_prints_them(capsys):
    expect("x <- 3\nx\nx + 1\n", "x = 3  # R:1\nrbase.print(x)  # R:2\nrbase.print(x + 1)  # R:3")
    run("x <- 3\nx\n")
    assert capsys.readouterr().out == "[1] 3\n"


def test_a_top_level_call_of_the_scripts_own_function_prints_when_r_would(capsys):
    # R prints f()'s value when its last expression is visible; an assignment, print() or
    # invisible() last makes it invisible, so nothing more is printed
    code = port(
        """
        f <- function(a) a + 1
        g <- function() { v <- 1 }
        h <- function() { print(7) }
        k <- function() { return(f(1) * 2) }
        m <- function() invisible(4)
        f(2)
        g()
        h()
        k()
        m()
        """
    ).code
    assert "rbase.print(f(2))" in code and "rbase.print(k())" in code
    assert "rbase.print(g())" not in code and "rbase.print(h())" not in code and "rbase.print(m())" not in code
    run(
        """
        f <- function(a) a + 1
        h <- function() { print(7) }
        f(2)
        h()
        """
    )
    assert capsys.readouterr().out == "[1] 3\n[1] 7\n"


def test_library_is_dropped_with_a_comment():
    expect("library(keras)\n", "# library(keras): nothing to do in Python (imports are at the top)  # R:1")


def test_comments_are_kept():
    expect("# heading\nx <- 1  # trailing\n", "# heading\nx = 1  # R:2  # trailing")


def test_iris_data_frame_and_factor():
    ns = run(
        """
        x <- as.matrix(iris[, 1:4])
        y <- iris$Species
        h <- head(iris, 3)
        f <- factor(c("b", "a", "b"))
        d <- data.frame(u = 1:2, v = c("p", "q"))
        """
    )
    assert ns["x"].shape == (150, 4) and ns["x"].dtype == float
    assert list(ns["y"].cat.categories) == ["setosa", "versicolor", "virginica"]
    assert len(ns["h"]) == 3
    assert list(ns["f"].cat.categories) == ["a", "b"] and ns["f"].cat.codes.tolist() == [1, 0, 1]
    assert isinstance(ns["d"], pd.DataFrame) and list(ns["d"].columns) == ["u", "v"]


def test_purrr_map_with_formula_lambda_and_glue():
    expect("r <- map_dbl(1:3, ~ .x * 2)", "r = rbase.sapply(np.arange(1, 4), lambda _x: _x * 2)  # R:1")
    ns = run('r <- map_dbl(1:3, ~ .x * 2)\nepoch <- 4\ng <- glue("epoch {epoch}: {epoch * 2}")\n')
    assert ns["r"].tolist() == [2, 4, 6] and ns["g"] == "epoch 4: 8"


def test_with_as_is_a_python_with_statement():
    expect(
        """
        with(tf$GradientTape() %as% tape, {
          y <- x * x
        })
        """,
        """
        with tf.GradientTape() as tape:  # R:1
            y = x * x  # R:2
        """,
    )


def test_output_is_deterministic():
    source = "model <- keras_model_sequential() %>% layer_dense(4, input_shape = 2)\nf <- function(x) { y <- x; y }\n"
    assert port(source).code == port(source).code


def test_r_names_that_would_shadow_what_the_port_writes_get_an_underscore():
    expect(
        "iter <- make_iterator_one_shot(ds)\nb <- iterator_get_next(iter)\nlen <- 3\nlambda <- 0.1\n",
        """
        iter_ = iter(ds)  # R:1
        b = next(iter_)  # R:2
        len_ = 3  # R:3
        lambda_ = 0.1  # R:4
        """,
    )


def test_apply_family_over_ragged_sequences():
    ns = run("seqs <- list(c(1, 2, 3), c(4, 5))\nlens <- sapply(seqs, length)\nm <- mean(lens)\n")
    assert ns["lens"].tolist() == [3, 2] and ns["m"] == 2.5


def test_switch_picks_one_alternative_lazily_as_r_does(capsys):
    # R: only the chosen alternative is evaluated; `tanh = ,` falls through to the next one;
    # an unnamed alternative is the default; a number picks by 1-based position; no match is NULL
    expect(
        'y <- switch(k, a = 1, 2)',
        'y = rbase.switch(k, ("a", lambda: 1), (None, lambda: 2))  # R:1',
    )
    ns = run(
        """
        f <- function(type) switch(type, relu = "r", tanh = , sigm = "s", stop("unknown"))
        a <- f("relu")
        b <- f("tanh")
        d <- switch(2, "x", "y", stop("not evaluated"))
        e <- switch("zzz", a = 1)
        """
    )
    assert (ns["a"], ns["b"], ns["d"], ns["e"]) == ("r", "s", "y", None)
    with pytest.raises(Exception, match="unknown"):
        ns["f"]("softmax")

"""Constructs of the text scripts (nmt_attention, lstm_seq2seq): magrittr's `.[[1]]`, purrr's
compose(), Vectorize(), str_squish(), keras_array(), k_cast_to_floatx(), unused arguments,
R's local copy `x <- x`, and a data frame's single cell."""

from __future__ import annotations

import numpy as np

from port_helpers import body, expect, run


def test_dot_index_on_the_right_of_a_pipe():
    expect(
        """
        first <- x %>% str_split(pattern = " ") %>% .[[1]]
        rows <- m %>% .[1:2, ]
        """,
        """
        first = rbase.elem(rbase.str_split(x, " "), 1)  # R:1
        rows = rbase.subset(m, np.arange(1, 3), None)  # R:2
        """,
    )
    ns = run('x <- "a b c"\nfirst <- x %>% str_split(pattern = " ") %>% .[[1]]\n', ["first"])
    assert list(ns["first"]) == ["a", "b", "c"]


def test_compose_vectorize_and_str_squish():
    ns = run(
        """
        add_tokens <- function(sentence) paste0("<start> ", sentence, " <stop>")
        add_tokens <- Vectorize(add_tokens, USE.NAMES = FALSE)
        spaced <- function(s) str_replace_all(s, "([?.!])", " \\\\1")
        prep <- compose(add_tokens, str_squish, spaced)
        one <- prep("Hi  there!")
        two <- add_tokens(c("a", "b"))
        forward <- compose(function(x) x + 1, function(x) x * 10, .dir = "forward")(1)
        """,
        ["one", "two", "forward"],
    )
    assert ns["one"] == "<start> Hi there ! <stop>"
    assert list(ns["two"]) == ["<start> a <stop>", "<start> b <stop>"]
    assert ns["forward"] == 20


def test_keras_array_and_cast_to_floatx():
    assert "rbase.keras_array([x, y])" in body("d <- keras_array(list(x, y))")
    ns = run(
        """
        d <- keras_array(list(matrix(0.5, 2, 2), 1:3))
        f <- k_cast_to_floatx(dim(matrix(0, 2, 5))[2])
        """,
        ["d", "f"],
    )
    assert isinstance(ns["d"], list) and ns["d"][0].dtype == np.float32 and ns["d"][1].dtype.kind == "i"
    assert ns["f"].dtype == np.float32 and float(ns["f"]) == 5.0


def test_unused_arguments_may_be_left_out_and_local_copies():
    expect(
        """
        f <- function(object, units, name = NULL) {
          g <- function() {
            units <- units
            units * 2
          }
          g()
        }
        """,
        """
        def f(object_=None, units=None, name=None):  # R:1
            def g():  # R:2
                # units <- units: R's local copy of the enclosing `units` (Python reads that one)  # R:3
                return units * 2  # R:4
            return g()  # R:6
        """,
    )
    ns = run(
        """
        maker <- function(object, units) {
          inner <- function() {
            units <- units
            units + 1
          }
          inner()
        }
        r <- maker(units = 4)
        """,
        ["r"],
    )
    assert ns["r"] == 5


def test_single_cell_of_a_data_frame_is_a_value():
    ns = run(
        """
        index_df <- data.frame(word = c("a", "b"), index = c(1, 2), stringsAsFactors = FALSE)
        i <- index_df[index_df$word == "b", "index"]
        both <- index_df[, "index"]
        """,
        ["i", "both"],
    )
    assert ns["i"] == 2 and np.ndim(ns["i"]) == 0
    assert list(ns["both"]) == [1, 2]


def test_replace_na_in_a_data_frame_and_vector():
    ns = run(
        """
        df <- data.frame(a = c(1, NA), b = c(NA, 4))
        filled <- df %>% replace(., is.na(.), 0) %>% as.matrix()
        v <- replace(c(5, 6, 7), 2, 0)
        """,
        ["filled", "v"],
    )
    assert ns["filled"].tolist() == [[1.0, 0.0], [0.0, 4.0]]
    assert list(ns["v"]) == [5, 0, 7]

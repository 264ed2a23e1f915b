"""Base R that the "Deep Learning with R" (1st edition) notebooks use: each snippet becomes this
Python and gives R's values when run."""

from __future__ import annotations

import numpy as np
import pandas as pd

from port_helpers import expect, run


def test_a_function_name_given_to_apply_is_the_function_even_when_the_script_reuses_the_name():
    # R's match.fun(): `mean` is still the function after `mean <- ...` binds a vector
    expect(
        """
        x <- matrix(c(1, 2, 3, 4, 5, 6), nrow = 2)
        mean <- apply(x, 2, mean)
        again <- apply(x, 1, mean)
        """,
        """
        x = rbase.matrix(np.array([1, 2, 3, 4, 5, 6], dtype=float), 2)  # R:1
        mean = rbase.apply(x, 2, rbase.mean)  # R:2
        again = rbase.apply(x, 1, rbase.mean)  # R:3
        """,
    )
    out = run("""
    x <- matrix(c(1, 2, 3, 4, 5, 6), nrow = 2)
    mean <- apply(x, 2, mean)
    again <- apply(x, 1, mean)
    """, ["mean", "again"])
    assert np.asarray(out["mean"]).tolist() == [1.5, 3.5, 5.5]
    assert np.asarray(out["again"]).tolist() == [3.0, 4.0]


def test_a_script_function_of_a_base_name_is_used_as_written():
    out = run("""
    mean <- function(v) 42
    y <- sapply(c(1, 2), mean)
    """, ["y"])
    assert np.asarray(out["y"]).tolist() == [42, 42]


def test_cut_into_equal_folds_with_codes():
    expect("folds <- cut(1:10, breaks = 3, labels = FALSE)",
           "folds = rbase.cut(np.arange(1, 11), 3, False)  # R:1")
    # R: cut(1:10, breaks = 3, labels = FALSE) is 1 1 1 1 2 2 2 3 3 3
    assert run("folds <- cut(1:10, breaks = 3, labels = FALSE)", ["folds"])["folds"].tolist() == [1, 1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_cut_labels_are_r_intervals():
    out = run("""
    f <- cut(c(1, 2, 3, 4, 5, 6), 3)
    g <- cut(c(0, 1, 2, 3), c(0, 1, 3), include.lowest = TRUE)
    h <- cut(c(0.5, 5), c(0, 1, 3), labels = c("low", "mid"))
    """)
    # R: levels(cut(1:6, 3)) is "(0.995,2.67]" "(2.67,4.33]" "(4.33,6]"
    assert list(out["f"].cat.categories) == ["(0.995,2.67]", "(2.67,4.33]", "(4.33,6]"]
    assert out["f"].astype(str).tolist() == ["(0.995,2.67]"] * 2 + ["(2.67,4.33]"] * 2 + ["(4.33,6]"] * 2
    assert out["g"].astype(str).tolist() == ["[0,1]", "[0,1]", "(1,3]", "(1,3]"]
    assert out["h"].iloc[0] == "low" and pd.isna(out["h"].iloc[1])


def test_names_set_from_a_named_list_are_its_values_as_character():
    # the book's reverse word index: names(word_index) become the values, the indices the names
    out = run("""
    word_index <- list(the = 1, movie = 2)
    reverse_word_index <- names(word_index)
    names(reverse_word_index) <- word_index
    w <- reverse_word_index[[as.character(2)]]
    """, ["reverse_word_index", "w"])
    assert out["w"] == "movie"
    from rkeras import rbase

    assert list(rbase.names(out["reverse_word_index"])) == ["1", "2"]


def test_rbind_onto_an_empty_c_starts_the_matrix():
    out = run("""
    scores <- c()
    for (i in 1:2) scores <- rbind(scores, c(i, i * 10, i * 100))
    both <- cbind(c(), c(1, 2))
    """, ["scores", "both"])
    assert out["scores"].tolist() == [[1, 10, 100], [2, 20, 200]]
    assert out["both"].tolist() == [[1], [2]]


def test_ascii_characters_from_raw_bytes():
    expect('ascii_tokens <- c("", sapply(as.raw(c(32:126)), rawToChar))',
           'ascii_tokens = rbase.c("", rbase.sapply(rbase.as_raw(rbase.c(np.arange(32, 127))), rbase.raw_to_char))  # R:1')
    out = run("""
    ascii_tokens <- c("", sapply(as.raw(c(32:126)), rawToChar))
    word <- rawToChar(as.raw(c(72, 105)))
    """)
    assert len(out["ascii_tokens"]) == 96 and list(out["ascii_tokens"][:4]) == ["", " ", "!", '"']
    assert out["ascii_tokens"][-1] == "~" and out["word"] == "Hi"


def test_as_integer_of_a_named_list_of_numbers():
    out = run("""
    token_index <- list()
    token_index[["cat"]] <- 2
    token_index[["sat"]] <- 3
    biggest <- max(as.integer(token_index))
    """, ["biggest"])
    assert out["biggest"] == 3


def test_glob2rx_and_file_copy_into_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("cat.1.jpg", "cat.2.jpg", "notes.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "train").mkdir()
    out = run("""
    rx <- glob2rx("*.jpg")
    fnames <- list.files(".", pattern = glob2rx("cat.*.jpg"))
    copied <- file.copy(file.path(".", fnames), file.path("train"))
    again <- file.copy(file.path(".", fnames), file.path("train"))
    """)
    assert out["rx"] == "^.*\\.jpg$"   # R prints it "^.*\\\\.jpg$"
    assert list(out["fnames"]) == ["cat.1.jpg", "cat.2.jpg"]
    assert out["copied"].tolist() == [True, True] and out["again"].tolist() == [False, False]
    assert sorted(p.name for p in (tmp_path / "train").iterdir()) == ["cat.1.jpg", "cat.2.jpg"]


def test_an_environment_used_as_a_hash_map():
    expect("embeddings_index <- new.env(hash = TRUE, parent = emptyenv())",
           "embeddings_index = rbase.new_env(True, rbase.emptyenv())  # R:1")
    out = run("""
    embeddings_index <- new.env(hash = TRUE, parent = emptyenv())
    embeddings_index[["the"]] <- c(0.5, 1.5)
    n <- length(embeddings_index)
    v <- embeddings_index[["the"]]
    word <- "zzz"
    missing <- is.null(embeddings_index[[word]])
    """)
    assert out["n"] == 1 and list(out["v"]) == [0.5, 1.5] and out["missing"]


def test_read_a_whole_text_file_with_readchar_and_file_info(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.txt").write_text("The Will To Power")
    expect('text <- tolower(readChar(path, file.info(path)$size))',
           'text = rbase.tolower(rbase.read_char(path, rbase.dollar(rbase.file_info(path), "size")))  # R:1')
    out = run("""
    path <- "corpus.txt"
    text <- tolower(readChar(path, file.info(path)$size))
    first <- readChar(path, 3)
    bytes <- file.size(path)
    """)
    assert out["text"] == "the will to power" and out["first"] == "The" and out["bytes"] == 17


def test_str_sub_and_substring_are_vectorised_over_positions():
    out = run("""
    library(stringr)
    text <- "abcdefgh"
    starts <- seq(1, 5, by = 2)
    pieces <- str_sub(text, starts, starts + 2)
    tail3 <- str_sub(text, -3)
    rest <- substring(text, 2)
    firsts <- substring(c("abc", "xyz"), 1, 2)
    """)
    assert list(out["pieces"]) == ["abc", "cde", "efg"]
    assert out["tail3"] == "fgh" and out["rest"] == "bcdefgh" and list(out["firsts"]) == ["ab", "xy"]


def test_normal_quantiles_and_replicate():
    out = run("""
    grid_x <- qnorm(seq(0.05, 0.95, length.out = 3))
    p <- pnorm(1.96)
    z_sample <- matrix(c(0.5, -1), nrow = 1, ncol = 2)
    rows <- t(replicate(4, z_sample, simplify = "matrix"))
    draws <- replicate(3, 7)
    """)
    # R: qnorm(c(0.05, 0.5, 0.95)) is -1.644854 0.000000 1.644854; pnorm(1.96) is 0.9750021
    assert np.allclose(out["grid_x"], [-1.644854, 0.0, 1.644854], atol=1e-6)
    assert abs(out["p"] - 0.9750021) < 1e-7
    assert out["rows"].tolist() == [[0.5, -1.0]] * 4
    assert out["draws"].tolist() == [7, 7, 7]


def test_replicate_evaluates_its_expression_each_time():
    expect("x <- replicate(3, rnorm(2))", "x = rbase.replicate(3, lambda: rbase.rnorm(2))  # R:1")
    out = run("""
    set.seed(1)
    x <- replicate(3, rnorm(2))
    """, ["x"])
    assert out["x"].shape == (2, 3) and len(set(out["x"][0].tolist())) == 3


def test_generator_next_takes_the_next_batch():
    expect("batch <- generator_next(gen)", "batch = rbase.generator_next(gen)  # R:1")
    from rkeras import rbase

    gen = iter([1, 2])   # what flow_images_from_directory() returns is a Python iterator too
    assert rbase.generator_next(gen) == 1 and rbase.generator_next(gen) == 2
    assert rbase.generator_next(gen, completed="end") == "end"


def test_a_comment_inside_unbraced_nested_loops_is_written_once():
    expect(
        """
        for (s in c(1, 2))
          for (w in c(3, 4))
            if (w > s)
              # a note
              x <- w
        """,
        """
        # a note
        for s in rbase.each(np.array([1, 2], dtype=float)):  # R:1
            for w in rbase.each(np.array([3, 4], dtype=float)):  # R:2
                if w > s:  # R:3
                    x = w  # R:5
        """,
    )


def test_data_matrix_and_glimpse_of_a_frame(capsys):
    out = run("""
    data <- data.frame(when = c("b", "a", "b"), p = c(996.5, 996.25, 997), ok = c(TRUE, FALSE, TRUE))
    glimpse(data)
    m <- data.matrix(data[, -1])
    all_codes <- data.matrix(data)
    """)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == ["Rows: 3", "Columns: 3"]
    assert printed[2].split() == ["$", "when", "<chr>", '"b",', '"a",', '"b"']
    assert printed[4].split() == ["$", "ok", "<lgl>", "TRUE,", "FALSE,", "TRUE"]
    assert out["m"].tolist() == [[996.5, 1.0], [996.25, 0.0], [997.0, 1.0]]
    # R: text columns become factors (sorted levels), then their codes
    assert out["all_codes"][:, 0].tolist() == [2.0, 1.0, 2.0]


def test_gather_columns_named_by_values():
    out = run("""
    library(tidyr)
    losses <- data.frame(a = c(1, 2), b = c(3, 4), epoch = c(1, 2))
    loss_names <- c("a", "b")
    long <- gather(losses, model, loss, loss_names[[1]], loss_names[[2]])
    """, ["long"])
    assert out["long"]["model"].tolist() == ["a", "a", "b", "b"]
    assert out["long"]["loss"].tolist() == [1, 2, 3, 4]


def test_file_functions_expand_the_home_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Downloads" / "aclImdb" / "neg").mkdir(parents=True)
    (tmp_path / "Downloads" / "aclImdb" / "neg" / "1_1.txt").write_text("bad film\n")
    out = run("""
    dir_name <- file.path("~/Downloads/aclImdb", "neg")
    found <- dir.exists(dir_name)
    fnames <- list.files(dir_name, pattern = glob2rx("*.txt"), full.names = TRUE)
    text <- readLines(fnames[[1]])
    there <- file.exists(fnames[[1]])
    """)
    assert out["found"] and out["there"]
    assert list(out["fnames"]) == ["~/Downloads/aclImdb/neg/1_1.txt"] and list(out["text"]) == ["bad film"]

"""dplyr verbs, readr/data.table readers and writers, tokenizers and stringr as ported scripts use them:
each R snippet becomes this Python and gives the values R gives."""

from __future__ import annotations

import numpy as np
import pandas as pd

from port_helpers import expect, run


def test_filter_and_mutate_mask_columns_before_variables():
    expect(
        """
        limit <- 2
        out <- df %>% filter(x > limit, !is.na(y)) %>% mutate(z = x * 2, w = z + 1)
        """,
        """
        limit = 2  # R:1
        out = rbase.mutate(rbase.dplyr_filter(df, lambda _d: _d["x"] > (_d["limit"] if "limit" in _d else limit), lambda _d: np.logical_not(pd.isna(_d["y"]))), z=lambda _d: _d["x"] * 2, w=lambda _d: _d["z"] + 1)  # R:2
        """,
    )
    ns = run(
        """
        limit <- 2
        df <- data.frame(x = c(1, 2, 3, 4), y = c(NA, 1, 2, NA))
        out <- df %>% filter(x > limit, !is.na(y)) %>% mutate(z = x * 2, w = z + 1)
        shadow <- data.frame(limit = c(10, 0), x = c(5, 5)) %>% filter(x > limit)
        """,
        ["out", "shadow"],
    )
    assert ns["out"].to_dict("list") == {"x": [3.0], "y": [2.0], "z": [6.0], "w": [7.0]}
    assert ns["shadow"]["limit"].tolist() == [0]          # the column, not the variable, as in R


def test_select_tidyselect_forms():
    expect(
        "s <- df %>% select(new = a, b, -c, starts_with('x'))",
        's = rbase.select(df, ("new", "a"), "b", ("-", "c"), rbase.selector("starts_with", "x"))  # R:1',
    )
    ns = run(
        """
        df <- data.frame(a = 1, b = 2, c = 3, x1 = 4)
        s1 <- df %>% select(new = a, x1)
        s2 <- df %>% select(-c, -a)
        s3 <- select(df, c(b, a))
        """,
        ["s1", "s2", "s3"],
    )
    assert list(ns["s1"].columns) == ["new", "x1"] and ns["s1"]["new"].tolist() == [1]
    assert list(ns["s2"].columns) == ["b", "x1"]
    assert list(ns["s3"].columns) == ["b", "a"]


def test_group_by_summarise_sorted_groups_drop_last_and_row_number():
    ns = run(
        """
        df <- data.frame(g = c("b", "a", "b", "a"), h = c(1, 1, 1, 2), w = c("x", "y", "z", "v"))
        s <- df %>% group_by(g, key = h) %>% summarise(words = paste(w, collapse = " "), count = n())
        u <- s %>% ungroup() %>% mutate(id = row_number())
        """,
        ["s", "u"],
    )
    s = ns["s"]
    assert s.to_dict("list") == {"g": ["a", "a", "b"], "key": [1.0, 2.0, 1.0], "words": ["y", "v", "x z"],
                                 "count": [1, 1, 2]}
    assert s.attrs["groups"] == ["g"]                       # summarise() drops the last level
    assert ns["u"]["id"].tolist() == [1, 2, 3] and "groups" not in ns["u"].attrs


def test_joins_arrange_desc_pull_distinct_and_list_columns():
    ns = run(
        """
        a <- data.frame(k = c(2, 1, 3), v = c("b", "a", "c"))
        b <- data.frame(k = c(1, 2), w = c(10, 20))
        j <- left_join(a, b, by = "k")
        natural <- a %>% left_join(b)
        o <- a %>% arrange(desc(k))
        p <- a %>% pull(v)
        d <- data.frame(x = c(1, 1, 2)) %>% distinct()
        l <- a %>% mutate(parts = map(v, ~c(.x, .x)), n_parts = map_int(parts, ~length(.x)))
        """,
        ["j", "natural", "o", "p", "d", "l"],
    )
    assert ns["j"]["k"].tolist() == [2, 1, 3] and ns["j"]["w"].fillna(-1).tolist() == [20, 10, -1]
    assert ns["natural"].equals(ns["j"])
    assert ns["o"]["v"].tolist() == ["c", "b", "a"]
    assert list(ns["p"]) == ["b", "a", "c"]
    assert ns["d"]["x"].tolist() == [1, 2]
    assert list(ns["l"]["parts"].iloc[0]) == ["b", "b"] and ns["l"]["n_parts"].tolist() == [2, 2, 2]


def test_tibble_columns_see_earlier_ones_and_add_row():
    ns = run(
        """
        t <- tibble(a = c(1, 2), b = a * 10, label = "same")
        r <- t %>% add_row(a = 0, b = 0, label = "first", .before = 1)
        """,
        ["t", "r"],
    )
    assert ns["t"].to_dict("list") == {"a": [1.0, 2.0], "b": [10.0, 20.0], "label": ["same", "same"]}
    assert ns["r"]["label"].tolist() == ["first", "same", "same"]


def test_readers_and_writers_keep_r_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pairs.txt").write_text("Go.\tVa !\nHi.\tSalut !\nRun!\tCours !\n", encoding="utf-8")
    (tmp_path / "h.tsv").write_text("id\tname\n1\tx\n2\t\n", encoding="utf-8")
    expect(
        'text <- fread("pairs.txt", sep = "\\t", header = FALSE, nrows = 2)',
        'text = rbase.fread("pairs.txt", sep="\\t", nrows=2, header=False)  # R:1',
    )
    ns = run(
        """
        text <- fread("pairs.txt", sep = "\\t", header = FALSE, nrows = 2)
        first <- text[[1]]
        df <- read_tsv("h.tsv")
        raw <- read_delim("h.tsv", delim = "\\t", col_names = FALSE)
        write_tsv(data.frame(y = c(3, NA)), "out.tsv", col_names = FALSE)
        readr::write_csv(data.frame(a = 1, b = "q"), "out.csv")
        """,
        ["text", "first", "df", "raw"],
    )
    assert list(ns["text"].columns) == ["V1", "V2"] and len(ns["text"]) == 2
    assert list(ns["first"]) == ["Go.", "Hi."]
    assert ns["df"]["id"].tolist() == [1, 2] and pd.isna(ns["df"]["name"].iloc[1])
    assert list(ns["raw"].columns) == ["X1", "X2"] and ns["raw"]["X1"].tolist() == ["id", "1", "2"]
    assert (tmp_path / "out.tsv").read_text() == "3.0\nNA\n"
    assert (tmp_path / "out.csv").read_text() == "a,b\n1,q\n"


def test_tokenizers_and_str_split_n():
    ns = run(
        """
        chars <- tokenize_characters("Ab, c", strip_non_alphanum = FALSE, simplify = TRUE)
        alnum <- tokenize_characters(c("Ab, c", "d!"))
        words <- tokenize_words("Don't stop, Mary.", simplify = TRUE)
        halves <- str_split(c("1 Mary went", "2 John"), " ", n = 2)
        cleaned <- gsub("([[:punct:]]+)", " \\\\1", "Where is Mary?")
        past <- c("a", "b")[3]
        """,
        ["chars", "alnum", "words", "halves", "cleaned", "past"],
    )
    assert list(ns["chars"]) == ["a", "b", ",", " ", "c"]
    assert [list(t) for t in ns["alnum"]] == [["a", "b", "c"], ["d"]]
    assert list(ns["words"]) == ["don't", "stop", "mary"]
    assert [list(h) for h in ns["halves"]] == [["1", "Mary went"], ["2", "John"]]
    assert ns["cleaned"] == "Where is Mary ?"
    assert ns["past"] is None                               # R: NA past the end of a vector


def test_c_of_keras_tensors_is_a_flat_list():
    expect(
        """
        states <- c(state_h, state_c)
        m <- keras_model(inputs = c(inp, states), outputs = out)
        """,
        """
        states = rbase.c(state_h, state_c)  # R:1
        m = rkeras.keras_model(inputs=rbase.c_list(inp, states), outputs=out)  # R:2
        """,
    )
    ns = run(
        """
        inp <- layer_input(shape = 3)
        h <- layer_input(shape = 2)
        c_ <- layer_input(shape = 2)
        states <- c(h, c_)
        both <- c(inp, states)
        """,
        ["states", "both"],
    )
    assert isinstance(ns["states"], list) and len(ns["states"]) == 2
    assert isinstance(ns["both"], list) and len(ns["both"]) == 3


def test_summarise_groups_argument():
    expect(
        's <- summarise(g, m = mean(x), .groups = "drop")',
        's = rbase.summarise(g, m=lambda _d: rbase.mean(_d["x"]), _groups="drop")  # R:1',
    )
    ns = run(
        """
        df <- data.frame(a = c(1, 1, 2), b = c(1, 2, 2), x = c(1, 2, 3))
        keep <- df %>% group_by(a, b) %>% summarise(m = mean(x), .groups = "keep")
        drop <- df %>% group_by(a, b) %>% summarise(m = mean(x), .groups = "drop")
        """,
        ["keep", "drop"],
    )
    assert ns["keep"].attrs["groups"] == ["a", "b"] and "groups" not in ns["drop"].attrs
    assert ns["drop"]["m"].tolist() == [1.0, 2.0, 3.0]


def test_column_names_python_cannot_spell_keep_r_names():
    expect(
        "d <- df %>% mutate(class = y + 1)",
        'd = rbase.mutate(df, **{"class": lambda _d: _d["y"] + 1})  # R:1',
    )
    ns = run('df <- data.frame(y = c(1, 2))\nd <- df %>% mutate(class = y + 1, a.b = 0)\n', ["d"])
    assert list(ns["d"].columns) == ["y", "class", "a.b"] and ns["d"]["class"].tolist() == [2, 3]

"""Smaller porter fixes found on the eager/custom-layer scripts: R's try(), a trailing empty
argument, fs::file_delete(), and a model object piped into (R keras' compose_layer())."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, run


def test_try_catches_the_error_as_a_try_error(capsys):
    assert body("out <- try(log(-1) + sqrt(4), silent = TRUE)") == (
        'out = rbase.r_try(lambda: rbase.log(-1) + np.sqrt(4), silent=True)  # R:1')
    ns = run("""
out <- try(stop("no such image"), silent = TRUE)
failed <- inherits(out, "try-error")
ok <- try(1 + 1)
fine <- inherits(ok, "try-error")
loud <- try({ stop("told") })
""", ["failed", "ok", "fine"])
    assert ns == {"failed": True, "ok": 2, "fine": False}
    assert "Error : told" in capsys.readouterr().err   # not silent: R prints the error


def test_trailing_empty_argument_is_missing():
    assert body("x <- seq(1, 3, )") == body("x <- seq(1, 3)")


def test_fs_file_delete(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.jpg").write_bytes(b"x")
    assert body('fs::file_delete("a.jpg")') == 'rbase.unlink("a.jpg")  # R:1'
    run('fs::file_delete("a.jpg")')
    assert not (tmp_path / "a.jpg").exists()


def test_model_piped_into_is_added_to_a_sequential_model():
    pytest.importorskip("keras")
    code = body("""
library(keras)
base <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = c(3))
model <- keras_model_sequential() %>%
  base() %>%
  layer_dense(units = 1)
""")
    assert "rbase.compose_layer(rkeras.keras_model_sequential(), base)" in code
    ns = run("""
library(keras)
base <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = c(3))
model <- keras_model_sequential() %>%
  base() %>%
  layer_dense(units = 1)
y <- predict(model, matrix(0, nrow = 2, ncol = 3))
""", ["model", "y"])
    assert len(ns["model"].layers) == 2
    assert np.asarray(ns["y"]).shape == (2, 1)

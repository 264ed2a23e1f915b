"""Ported scripts run and give R's values: frozen closed-form models make fit/evaluate exact."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import port

FROZEN = """
library(keras)
x <- matrix(1:8, ncol = 1)
y <- 1:8
model <- keras_model_sequential() %>%
  layer_dense(units = 1, input_shape = 1, kernel_initializer = "zeros", bias_initializer = "zeros")
model %>% compile(optimizer = optimizer_sgd(learning_rate = 0), loss = "mse", metrics = "mae")
history <- model %>% fit(x, y, epochs = 3, batch_size = 4, verbose = 0)
df <- as.data.frame(history)
losses <- history$metrics$loss
"""


def _run(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__ported__"}
    exec(compile(port(source).code, "<ported>", "exec"), namespace)
    return namespace


def test_frozen_model_fit_gives_r_values(tmp_path, monkeypatch):
    ns = _run(FROZEN, tmp_path, monkeypatch)
    # a zero Dense layer with learning rate 0 predicts 0: loss = mean(y^2) = 25.5, mae = mean(y) = 4.5
    assert ns["losses"] == pytest.approx([25.5, 25.5, 25.5])
    df = ns["df"]
    assert list(df.columns) == ["epoch", "value", "metric", "data"]
    assert df["value"].tolist() == pytest.approx([25.5] * 3 + [4.5] * 3)


def test_frozen_model_evaluate_is_r_named_vector(tmp_path, monkeypatch):
    ns = _run(FROZEN + "score <- model %>% evaluate(x, y, verbose = 0)\nfirst <- score[[1]]\nmae <- score[['mae']]\n",
              tmp_path, monkeypatch)
    assert ns["first"] == pytest.approx(25.5) and ns["mae"] == pytest.approx(4.5)


def test_plot_history_is_saved_as_rscript_does(tmp_path, monkeypatch):
    ns = _run(FROZEN + "plot(history)\n", tmp_path, monkeypatch)
    assert (tmp_path / "Rplots.pdf").read_bytes()[:4] == b"%PDF"


def test_dataset_loader_with_planted_files(tmp_path, monkeypatch):
    from rkeras.dataset_files import plant_dataset

    plant_dataset("mnist", str(tmp_path / "keras_home"), n=20)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    ns = _run(
        """
        c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()
        x_train <- array_reshape(x_train, c(nrow(x_train), 784)) / 255
        y_train <- to_categorical(y_train, 10)
        mnist <- dataset_mnist()
        same <- identical(dim(mnist$train$x), c(20L, 28L, 28L))
        """,
        tmp_path, monkeypatch,
    )
    assert ns["x_train"].shape == (20, 784) and ns["x_train"].max() <= 1
    assert ns["y_train"].shape == (20, 10)
    assert ns["same"]

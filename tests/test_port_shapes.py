"""Shapes, one-element indexing, tensors indexed the R way, and magrittr's `.` evaluated once."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, expect, run


# ----------------------------------------------------------------- x[[i, j, k]] read and assigned
def test_double_bracket_with_several_indices_on_a_known_array_is_numpy_indexing():
    expect(
        """
        a <- array(data = numeric(6), dim = c(3, 2, 1))
        for (i in 1:3) {
          a[[i, 2, 1]] <- i * 10
        }
        b <- a[[2, 2, 1]]
        """,
        """
        a = rbase.array(rbase.numeric(6), np.array([3, 2, 1], dtype=float))  # R:1
        for i in range(1, 4):  # R:2
            a = rbase.put(a, np.s_[i - 1, 1, 0], i * 10)  # R:3
        b = a[1, 1, 0]  # R:5
        """,
    )
    ns = run(
        """
        a <- array(data = numeric(6), dim = c(3, 2, 1))
        for (i in 1:3) {
          a[[i, 2, 1]] <- i * 10
        }
        b <- a[[2, 2, 1]]
        """
    )
    assert ns["b"] == 20.0
    assert ns["a"][:, 1, 0].tolist() == [10.0, 20.0, 30.0]
    assert ns["a"][:, 0, 0].tolist() == [0.0, 0.0, 0.0]


def test_double_bracket_with_several_indices_on_an_unknown_object_uses_rbase():
    r = """
        f <- function(m, k) {
          m[[k, 1]] <- m[[1, k]] + 100
          m
        }
        out <- f(matrix(1:4, 2), 2)
        """
    code = body(r)
    assert "m = rbase.set_elem_at(m, rbase.elem_at(m, 1, k) + 100, k, 1)" in code
    # matrix(1:4, 2) is column-major: m[1, 2] is 3, so m[2, 1] becomes 103
    assert run(r)["out"].tolist() == [[1, 3], [103, 4]]


def test_elem_at_refuses_what_r_refuses():
    from rkeras import rbase
    from rkeras.rbase import RError

    m = np.zeros((2, 2))
    with pytest.raises(RError, match="out of bounds"):
        rbase.elem_at(m, 3, 1)
    with pytest.raises(RError, match="one position"):
        rbase.elem_at(m, np.array([1, 2]), 1)
    with pytest.raises(RError, match="number of subscripts"):
        rbase.set_elem_at(m, 1.0, 1)
    with pytest.raises(RError, match="more elements"):
        rbase.set_elem_at(m, np.array([1.0, 2.0]), 1, 1)


# ------------------------------------------------------ input shape arguments of the first layer
def test_batch_size_and_batch_input_shape_and_input_dim_become_a_keras_input():
    expect(
        """
        model <- keras_model_sequential()
        model %>%
          layer_lstm(units = 5, input_shape = c(1, 1), batch_size = 4, stateful = TRUE) %>%
          layer_dense(units = 1)
        m2 <- keras_model_sequential() %>% layer_dense(units = 3, input_dim = 7) %>% layer_dense(1)
        m3 <- keras_model_sequential() %>% layer_lstm(units = 3, batch_input_shape = c(2, 5, 1))
        m4 <- keras_model_sequential() %>% layer_embedding(input_dim = 100, output_dim = 4)
        """,
        """
        model = rkeras.keras_model_sequential()  # R:1
        model.add(keras.Input(shape=(1, 1), batch_size=4))  # R:2
        model.add(keras.layers.LSTM(units=5, stateful=True))  # R:2
        model.add(keras.layers.Dense(units=1))  # R:2
        m2 = keras.Sequential([  # R:5
            keras.Input(shape=(7,)),
            keras.layers.Dense(units=3),
            keras.layers.Dense(units=1),
        ])
        m3 = keras.Sequential([  # R:6
            keras.Input(batch_shape=(2, 5, 1)),
            keras.layers.LSTM(units=3),
        ])
        m4 = keras.Sequential([  # R:7
            keras.layers.Embedding(input_dim=100, output_dim=4),
        ])
        """,
    )


def test_a_stateful_model_with_batch_size_builds_with_r_batch_size():
    ns = run(
        """
        model <- keras_model_sequential()
        model %>%
          layer_lstm(units = 2, input_shape = c(3, 1), batch_size = 4, stateful = TRUE) %>%
          layer_dense(units = 1)
        m3 <- keras_model_sequential() %>% layer_dense(units = 3, batch_input_shape = c(5, 7))
        """
    )
    assert tuple(ns["model"].inputs[0].shape) == (4, 3, 1)
    assert tuple(ns["m3"].inputs[0].shape) == (5, 7)


# --------------------------------------------------------------- `[` on tensors (R's tensorflow)
def test_r_indexing_of_a_tensor_inside_a_lambda_layer_is_tensor_slicing():
    ns = run(
        """
        latent_dim <- 2
        split_mean <- function(args) {
          args[, 1:(latent_dim)] + 10 * args[, (latent_dim + 1):(2 * latent_dim)]
        }
        inp <- layer_input(shape = 4)
        out <- inp %>% layer_lambda(split_mean)
        model <- keras_model(inp, out)
        res <- predict(model, matrix(c(1, 2, 3, 4), nrow = 1))
        """
    )
    assert np.asarray(ns["res"]).tolist() == [[31.0, 42.0]]


def test_tensor_subset_follows_r_tensorflow_rules():
    keras = pytest.importorskip("keras")
    from rkeras import rbase
    from rkeras.errors import RKerasWarning

    x = keras.ops.convert_to_tensor(np.arange(12.0).reshape(3, 4))
    assert np.asarray(rbase.subset(x, 2, None)).tolist() == [4.0, 5.0, 6.0, 7.0]          # one position drops
    assert tuple(rbase.subset(x, 2, None, drop=False).shape) == (1, 4)
    assert np.asarray(rbase.subset(x, None, np.array([1, 3]))).tolist() == [[0, 2], [4, 6], [8, 10]]
    assert np.asarray(rbase.subset(x, rbase.colon(2, 3), 4)).tolist() == [7.0, 11.0]
    with pytest.warns(RKerasWarning, match="counts from the end"):
        last = rbase.subset(x, -1, None)
    assert np.asarray(last).tolist() == [8.0, 9.0, 10.0, 11.0]
    # a shape made of a tensor stays a tensor (k_random_normal(shape = c(k_shape(z)[[1]])))
    n = keras.ops.shape(x)[0]
    assert rbase.as_shape(rbase.c(n)) == (3,)


def test_is_tensor_leaves_numpy_and_python_values_alone():
    from rkeras.rbase.tensors import is_tensor

    assert not is_tensor(np.zeros(3))
    assert not is_tensor([1, 2])
    assert not is_tensor(3.0)


# ----------------------------------------------------------------------- magrittr's `.` once
def test_the_left_side_of_a_pipe_is_evaluated_once_however_many_dots():
    r = """
        counter <- 0
        draw <- function() {
          counter <<- counter + 1
          c(1, 2, 3)
        }
        y <- draw() %>% rep(times = length(.))
        z <- draw() %>% { . * length(.) }
        w <- c(4, 5) %>% rep(times = length(.))
        """
    code = body(r)
    assert "y = rbase.rep((_dot1 := draw()), rbase.length(_dot1))" in code
    assert "z = (_dot2 := draw()) * rbase.length(_dot2)" in code
    ns = run(r)
    assert ns["counter"] == 2
    assert ns["y"].tolist() == [1, 2, 3] * 3
    assert ns["z"].tolist() == [3, 6, 9]
    assert ns["w"].tolist() == [4, 5, 4, 5]


# ------------------------------------------------------------------- a layer piped into a layer
def test_a_layer_piped_into_a_layer_fails_as_in_r_with_a_clear_error():
    from rkeras.rbase import RError

    r = """
        feature_layers <- layer_conv_2d(filters = 2, kernel_size = c(3, 3), input_shape = c(8, 8, 1)) %>%
          layer_activation(activation = 'relu')
        """
    with pytest.raises(RError, match=r"Activation: `object` is a Conv2D layer; R keras calls the new layer"):
        run(r)
    # a Sequential model and a tensor are still composed with
    ns = run(
        """
        m <- keras_model_sequential(input_shape = 3)
        m2 <- layer_dense(m, units = 2)
        x <- layer_input(shape = 3)
        y <- layer_dense(x, units = 2)
        """
    )
    assert ns["m2"] is ns["m"] and len(ns["m"].layers) == 1
    assert tuple(ns["y"].shape) == (None, 2)


def test_batch_arguments_reach_a_model_the_port_cannot_see():
    r = """
        add_lstm <- function(model) {
          model %>% layer_lstm(units = 2, batch_input_shape = c(4, 3, 1), stateful = TRUE)
        }
        model <- add_lstm(keras_model_sequential())
        """
    assert ("rbase.compose_layer(model, keras.layers.LSTM(units=2, stateful=True), "
            "input=keras.Input(batch_shape=(4, 3, 1)))") in body(r)
    model = run(r)["model"]
    assert tuple(model.inputs[0].shape) == (4, 3, 1)


# ------------------------------------------------------------------- the progress package's bar
def test_progress_bar_ports_and_draws_on_stderr(capsys):
    r = """
        library(progress)
        pb <- progress_bar$new(total = 4, format = "epoch 1/2 [:bar] :percent :current/:total",
                               clear = FALSE, width = 40)
        for (i in 1:4) {
          pb$tick()
        }
        """
    assert 'pb = rbase.dollar(rbase.progress_bar, "new")(total=4, format_=' in body(r)
    ns = run(r)
    err = capsys.readouterr().err
    frames = err.split("\r")
    assert frames[1] == "epoch 1/2 [===>---------------]  25% 1/4"
    assert frames[-1] == "epoch 1/2 [===================] 100% 4/4\n"   # clear = FALSE keeps it
    assert ns["pb"].finished
    from rkeras.rbase import RError

    with pytest.raises(RError, match="already finished"):
        ns["pb"].tick()


# ------------------------------------------------------- k_shape() and [[ on tensors (reticulate)
def test_k_shape_is_a_tensor_indexed_as_r_indexed_it():
    r = """
        x <- k_zeros(c(5, 3))
        s <- k_shape(x)
        second <- k_shape(x)[[1]]
        first <- k_shape(x)[1]
        """
    assert "second = rbase.elem(rbase.k_shape(x), 1)" in body(r)
    ns = run(r)
    assert np.asarray(ns["s"]).tolist() == [5, 3]
    # reticulate's [[ passes 1 to Python: the second dimension; R tensorflow's [ is 1-based
    assert int(ns["second"]) == 3
    assert int(ns["first"]) == 5


def test_sampling_with_k_shape_double_bracket_broadcasts_as_in_r():
    # R keras' VAE example: epsilon has shape (latent_dim,), which broadcasts over the batch
    ns = run(
        """
        latent_dim <- 2
        sampling <- function(arg) {
          z_mean <- arg[, 1:(latent_dim)]
          z_log_var <- arg[, (latent_dim + 1):(2 * latent_dim)]
          epsilon <- k_random_normal(shape = c(k_shape(z_mean)[[1]]), mean = 0, stddev = 1)
          z_mean + k_exp(z_log_var / 2) * epsilon * 0
        }
        inp <- layer_input(shape = 4)
        out <- inp %>% layer_lambda(sampling)
        model <- keras_model(inp, out)
        res <- predict(model, matrix(1:12, nrow = 3, byrow = TRUE))
        """
    )
    # three samples: an epsilon of the batch's shape (3,) would not broadcast against (3, 2)
    assert np.asarray(ns["res"]).tolist() == [[1.0, 2.0], [5.0, 6.0], [9.0, 10.0]]


def test_tensor_subset_in_a_graph_and_with_a_tensor_index():
    tf = pytest.importorskip("tensorflow")
    from rkeras import rbase

    x = tf.reshape(tf.range(12), (3, 4))

    @tf.function
    def parts(x, i):
        return (rbase.subset(x, None, rbase.colon(2, 3)),   # 1-based inclusive run
                rbase.subset(x, i, None),                    # a tensor index is Python's, as is
                rbase.subset(x, 2, rbase.c(1, 4)))           # a scalar drops, a vector gathers

    run_, row, picked = parts(x, tf.constant(2))
    assert run_.numpy().tolist() == [[1, 2], [5, 6], [9, 10]]
    assert row.numpy().tolist() == [8, 9, 10, 11]
    assert picked.numpy().tolist() == [4, 7]


def test_tf_reached_through_its_package_is_the_module():
    expect(
        """
        a <- tensorflow::tf$constant(1)
        b <- tensorflow::tf$compat$v1$get_variable("x")
        """,
        """
        a = tf.constant(1)  # R:1
        b = tf.compat.v1.get_variable("x")  # R:2
        """,
    )


# --------------------------------------------------------------------- plot() of numbers
def test_plot_of_numbers_draws_against_the_index_and_par_op_restores(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    r = """
        expected_output <- matrix(c(3, 1, 2), ncol = 1)
        png("grid.png")
        op <- par(mfrow = c(2, 1))
        a <- plot(expected_output, xlab = '')
        title("Expected")
        b <- plot(1:3, c(2, 4, 8), type = "l")
        par(op)
        cc <- plot(c(5, 6))
        dev.off()
        png("out.png")
        d <- plot(c(7, 8))
        dev.off()
        """
    ns = run(r)
    xs, ys = ns["a"].lines[0].get_data()
    assert xs.tolist() == [1, 2, 3] and ys.tolist() == [3.0, 1.0, 2.0]
    assert ns["a"].get_title() == "Expected"
    assert ns["b"].lines[0].get_linestyle() == "-" and ns["b"].lines[0].get_marker() in ("None", "", None)
    assert ns["op"] == {"mfrow": [1, 1]}
    assert ns["a"].get_subplotspec().get_geometry()[:2] == (2, 1)
    assert ns["cc"].get_subplotspec().get_geometry()[:2] == (1, 1)   # par(op) put one panel back
    assert (tmp_path / "out.png").exists() and (tmp_path / "grid.png").exists()
    from rkeras.rbase import RError, plot

    with pytest.raises(RError, match="lengths differ"):
        plot([1, 2], [1, 2, 3])


# ------------------------------------------------------------- R vectors that are shapes
def test_shape_arguments_built_from_vectors_are_flat_tuples():
    r = """
        dims <- c(2, 3)
        b <- k_ones(c(dims, 1))
        g <- k_tile(k_zeros(dims), c(1, 2))
        j <- k_constant(7, shape = dims)
        v <- k_constant(1:6, shape = c(2, 3))
        s <- k_constant(1)
        """
    code = body(r)
    assert "b = keras.ops.ones(rbase.as_shape(rbase.c(dims, 1)))" in code
    assert "g = keras.ops.tile(keras.ops.zeros(rbase.as_shape(dims)), (1, 2))" in code
    assert "j = rbase.k_constant(7, shape=rbase.as_shape(dims))" in code
    ns = run(r)
    assert tuple(ns["b"].shape) == (2, 3, 1)
    assert tuple(ns["g"].shape) == (2, 6)
    assert np.asarray(ns["j"]).tolist() == [[7.0] * 3] * 2            # R's k_constant fills the shape
    assert np.asarray(ns["v"]).tolist() == [[1, 2, 3], [4, 5, 6]]     # tf.constant lays values by row
    assert str(ns["s"].dtype) in ("float32", "<dtype: 'float32'>")   # floatx, as Keras 2's constant

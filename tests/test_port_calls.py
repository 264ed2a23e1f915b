"""Calls through the API tables: R's argument matching, renames, integers, shapes, 1-based axes,
defaults, legacy targets; the script's own functions; Python methods by $."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import expect, port
from rkeras.port.core import port_r
from rkeras.port.table import RFunction

DEMO = {
    "layer_demo": RFunction("layer_demo", "keras.layers.Dense", ("object", "units", "activation", "input_shape"),
                            kind="layer", integers=frozenset({"units"}), shapes=frozenset({"input_shape"})),
    "k_demo": RFunction("k_demo", "keras.ops.sum", ("x", "axis", "keepdims"), one_based=frozenset({"axis"})),
    "optimizer_demo": RFunction("optimizer_demo", "keras.optimizers.SGD", ("learning_rate", "momentum", "...", "lr"),
                                kind="constructor", renames={"lr": "learning_rate"}),
    "fit_demo": RFunction("fit_demo", "rkeras.fit", ("object", "x", "y", "batch_size", "epochs", "validation_split",
                                                     "validation_data", "..."),
                          kind="model_method", defaults={"epochs": "10"}),
}


def demo(r_code):
    lines = port_r(r_code, table=DEMO).code.splitlines()
    return "\n".join(l for l in lines[1:] if l and not l.startswith(("import ", "from ")))


def test_partial_names_are_matched_as_r_does():
    assert demo("h <- fit_demo(m, x, y, batch = 16)") == "h = rkeras.fit(m, x, y, batch_size=16, epochs=10)  # R:1"


def test_r_defaults_that_differ_are_written_out():
    assert demo("h <- fit_demo(m, x, y)") == "h = rkeras.fit(m, x, y, epochs=10)  # R:1"


def test_renames_and_integers_and_shapes():
    assert demo("l <- layer_demo(units = 10.7, input_shape = c(28, NA))") == (
        "l = keras.layers.Dense(units=10, input_shape=(28, None))  # R:1"
    )
    assert demo("o <- optimizer_demo(lr = 0.1)") == "o = keras.optimizers.SGD(learning_rate=0.1)  # R:1"


def test_one_based_axes_lose_one_and_negative_ones_stay():
    assert demo("a <- k_demo(x, axis = 2)\nb <- k_demo(x, axis = -1)\nc2 <- k_demo(x, axis = ax)") == (
        "a = keras.ops.sum(x, axis=1)  # R:1\n"
        "b = keras.ops.sum(x, axis=-1)  # R:2\n"
        "c2 = keras.ops.sum(x, axis=rbase.axis0(ax))  # R:3"
    )


def test_ambiguous_prefix_is_not_guessed():
    ported = port_r("h <- fit_demo(m, x, y, valid = 0.2)\nq <- 1\n", table=DEMO)
    assert ported.translated == 1 and [(n.line, n.reason) for n in ported.not_ported] == [
        (1, "argument `valid` matches several arguments: validation_split, validation_data")
    ]


def test_the_real_tables():
    expect(
        """
        y <- to_categorical(y, 10)
        opt <- optimizer_rmsprop(lr = 0.001)
        old <- optimizer_sgd(lr = 0.01, decay = 1e-6)
        s <- k_sum(x, axis = 2)
        p <- pad_sequences(seqs, maxlen = 80)
        """,
        """
        y = keras.utils.to_categorical(y, 10)  # R:1
        opt = keras.optimizers.RMSprop(learning_rate=0.001)  # R:2
        old = rkeras.legacy.SGD(learning_rate=0.01, decay=1e-6)  # R:3
        s = keras.ops.sum(x, axis=1)  # R:4
        p = keras.utils.pad_sequences(seqs, maxlen=80)  # R:5
        """,
    )


def test_functional_layers_and_merge_layers():
    expect(
        """
        inp <- layer_input(shape = c(28, 28, 1))
        a <- inp %>% layer_conv_2d(8, c(3, 3)) %>% layer_flatten()
        z <- layer_concatenate(list(a, a))
        m <- keras_model(inp, z)
        """,
        """
        inp = keras.Input(shape=(28, 28, 1))  # R:1
        a = keras.layers.Conv2D(filters=8, kernel_size=[3, 3])(inp)  # R:2
        a = keras.layers.Flatten()(a)  # R:2
        z = keras.layers.Concatenate()([a, a])  # R:3
        m = rkeras.keras_model(inp, z)  # R:4
        """,
    )


def test_own_functions_win_over_keras_and_base_names():
    expect(
        """
        fit <- function(a) a + 1
        r <- fit(2)
        """,
        """
        def fit(a):  # R:1
            return a + 1  # R:1
        r = fit(2)  # R:2
        """,
    )


def test_python_methods_and_modules_through_dollar():
    expect(
        """
        t <- tf$constant(1)
        w <- model$get_weights()
        """,
        """
        t = tf.constant(1)  # R:1
        w = rbase.dollar(model, "get_weights")()  # R:2
        """,
    )


def test_keras_function_passed_as_a_value():
    expect("m <- metric_binary_accuracy", "m = keras.metrics.binary_accuracy  # R:1")


def test_a_shape_vector_holding_a_vector_is_flattened_as_r_does():
    expect(
        """
        maxlen <- 40
        sz <- c(28, 28, 1)
        a <- layer_dense(units = 2, input_shape = c(maxlen))
        b <- layer_dense(units = 2, input_shape = c(sz))
        """,
        """
        maxlen = 40  # R:1
        sz = np.array([28, 28, 1], dtype=float)  # R:2
        a = keras.layers.Dense(units=2, input_shape=(maxlen,))  # R:3
        b = keras.layers.Dense(units=2, input_shape=rbase.as_shape(rbase.c(sz)))  # R:4
        """,
    )
    from rkeras import rbase

    assert rbase.as_shape(rbase.c(np.array([28, 28, 1]))) == (28, 28, 1)


def test_integer_arguments_from_variables_go_through_r_keras_as_integer():
    # R keras passed these through as.integer(): c(3, 3) is a double vector in R, n / 2 a double;
    # Keras refuses floats, so the port converts as R keras did
    from port_helpers import body, run

    code = body(
        """
        ks <- c(3, 3)
        n <- 8
        layer <- layer_conv_2d(filters = n / 2, kernel_size = ks)
        dense <- layer_dense(units = n)
        """
    )
    assert "keras.layers.Conv2D(filters=rbase.as_integers(n / 2), kernel_size=rbase.as_integers(ks))" in code
    assert "keras.layers.Dense(units=n)" in code   # a number the script wrote is used as it is
    ns = run("ks <- c(3, 3)\nn <- 8\nlayer <- layer_conv_2d(filters = n / 2, kernel_size = ks)\n", ["layer"])
    assert ns["layer"].filters == 4 and tuple(ns["layer"].kernel_size) == (3, 3)

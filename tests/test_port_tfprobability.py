"""R's tfprobability (tfd_* distributions and methods, tfb_* bijectors) and what its keras
scripts lean on: custom models holding tf.Variables, one optimizer for several models."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, port, run

pytest.importorskip("tensorflow_probability")


def test_distribution_and_methods_are_tfp_calls():
    source = """
    library(tfprobability)
    d <- tfd_normal(0, 1)
    lp <- d %>% tfd_log_prob(0)
    s <- d %>% tfd_sample(3)
    """
    assert body(source).splitlines()[1:] == [
        "d = tfp.distributions.Normal(0, 1.0)  # R:2",
        "lp = tfp.distributions.Distribution.log_prob(d, 0)  # R:3",
        "s = tfp.distributions.Distribution.sample(d, (3,))  # R:4",
    ]
    assert "import tensorflow_probability as tfp" in port(source).code
    ns = run(source, ["lp", "s"])
    assert float(ns["lp"]) == pytest.approx(-0.9189385, abs=1e-6)
    assert tuple(ns["s"].shape) == (3,)


def test_independent_bernoulli_and_integer_coercion():
    source = """
    b <- tfd_independent(tfd_bernoulli(logits = c(0, 0)), reinterpreted_batch_ndims = 1)
    lp <- b$log_prob(c(1, 0))
    m <- tfd_multivariate_normal_diag(loc = c(1, 2), scale_diag = c(1, 1)) %>% tfd_mean()
    """
    assert "reinterpreted_batch_ndims=1)" in body(source)   # R's as.integer(): 1, not 1.0
    ns = run(source, ["lp", "m"])
    assert float(ns["lp"]) == pytest.approx(2 * np.log(0.5))
    np.testing.assert_allclose(ns["m"], [1.0, 2.0])


def test_bijector_and_its_method():
    ns = run("y <- tfb_shift(2) %>% tfb_forward(c(1, 2))", ["y"])
    np.testing.assert_allclose(ns["y"], [3.0, 4.0])


def test_every_tfd_is_tabled_from_r_formals():
    from rkeras.port.keras_api import TABLE

    tfd = [name for name in TABLE if name.startswith("tfd_")]
    assert len(tfd) > 80
    assert TABLE["tfd_mixture_same_family"].args[:2] == ("mixture_distribution", "components_distribution")
    assert TABLE["tfd_kl_divergence"].target.endswith("Distribution.kl_divergence")


def test_custom_model_trains_its_tf_variables():
    # tf.keras 2 (R keras 2.15) listed tf.Variable attributes in model$variables
    source = """
    prior_model <- function(name = NULL) {
      keras_model_custom(name = name, function(self) {
        self$loc <- tf$Variable(c(0, 0), dtype = tf$float32)
        function(x, mask = NULL) {
          tfd_normal(loc = self$loc, scale = 1)
        }
      })
    }
    prior <- prior_model()
    n <- length(prior$variables)
    lp <- prior(NULL)$log_prob(c(0, 0))
    """
    assert "class _CustomModel1(rkeras.legacy.CustomModel):" in body(source)
    ns = run(source, ["n", "lp", "prior"])
    assert ns["n"] == 1
    assert len(ns["prior"].trainable_variables) == 1
    np.testing.assert_allclose(ns["lp"], [-0.9189385] * 2, atol=1e-6)


def test_one_optimizer_steps_two_models_in_turn():
    # tf.keras 2's optimizers took new variables on any apply_gradients() call
    ns = run("""
    a <- tf$Variable(tf$ones(2L))
    b <- tf$Variable(tf$ones(3L) * 2)
    opt <- tf$optimizers$SGD(learning_rate = 0.5)
    opt$apply_gradients(list(list(tf$ones(2L), a)))
    opt$apply_gradients(list(list(tf$ones(3L), b)))
    opt$apply_gradients(list(list(tf$ones(2L), a)))
    va <- as.numeric(a)
    vb <- as.numeric(b)
    """, ["va", "vb"])
    np.testing.assert_allclose(ns["va"], [0.0, 0.0])
    np.testing.assert_allclose(ns["vb"], [1.5, 1.5, 1.5])


def test_rbind_and_cbind_drop_null():
    ns = run("""
    rows <- NULL
    for (i in 1:2) rows <- rbind(rows, c(i, i))
    cols <- cbind(NULL, c(1, 2))
    """, ["rows", "cols"])
    np.testing.assert_array_equal(ns["rows"], [[1, 1], [2, 2]])
    np.testing.assert_array_equal(ns["cols"], [[1], [2]])


def test_curry_set_defaults_and_installed_packages():
    source = """
    default_dense <- set_defaults(layer_dense, list(units = 3, activation = "relu"))
    layer <- default_dense(use_bias = FALSE)
    wide <- default_dense(units = 5)
    has_devtools <- 'devtools' %in% rownames(installed.packages())
    has_numpy <- 'numpy' %in% rownames(installed.packages())
    """
    assert body(source).splitlines()[0] == (
        "default_dense = rbase.set_defaults(rbase.layer_function(keras.layers.Dense, integers=('batch_size', 'units'), "
        "shapes=('batch_input_shape', 'input_shape')), {\"units\": 3, \"activation\": \"relu\"})  # R:1")
    ns = run(source, ["layer", "wide", "has_devtools", "has_numpy"])
    assert ns["layer"].units == 3 and ns["layer"].use_bias is False
    assert ns["layer"].activation.__name__ == "relu"
    assert ns["wide"].units == 5
    assert (ns["has_devtools"], ns["has_numpy"]) == (False, True)


def test_tf_python_and_initialized_value():
    source = """
    moving_averages <- tf$python$training$moving_averages
    v <- tf$Variable(tf$ones(2L))
    w <- tf$Variable(v$initialized_value())
    ema <- moving_averages$assign_moving_average(v, tf$zeros(2L), 0.5, zero_debias = FALSE)
    out <- as.numeric(v)
    copy <- as.numeric(w)
    """
    assert 'rbase.py_import("tensorflow.python").training.moving_averages' in body(source)
    ns = run(source, ["out", "copy"])
    np.testing.assert_allclose(ns["out"], [0.5, 0.5])
    np.testing.assert_allclose(ns["copy"], [1.0, 1.0])

"""Classes written in R (R6's R6Class, R keras' Layer(), create_layer()) and tf_function(): the
Python they become, and what that Python does."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, expect, run

ANTIRECTIFIER = """
library(keras)
Anti <- R6::R6Class("KerasLayer",
  inherit = KerasLayer,
  public = list(
    call = function(x, mask = NULL) {
      k_concatenate(c(k_relu(x), k_relu(-x)), axis = 2)
    },
    compute_output_shape = function(input_shape) {
      input_shape[[2]] <- input_shape[[2]] * 2L
      input_shape
    }
  )
)
layer_anti <- function(object) {
  create_layer(Anti, object)
}
"""


def test_r6_keras_layer_becomes_a_keraslayer_subclass():
    expect(ANTIRECTIFIER, '''
# library(keras): nothing to do in Python (imports are at the top)  # R:1
class Anti(rkeras.KerasLayer):  # R:2
    def call(self, x, mask=None):  # R:5
        return keras.ops.concatenate([keras.activations.relu(x), keras.activations.relu(-x)], axis=1)  # R:6
    def compute_output_shape(self, input_shape):  # R:8
        input_shape = rbase.set_elem(input_shape, 2, rbase.elem(input_shape, 2) * 2)  # R:9
        return input_shape  # R:10
def layer_anti(object_):  # R:14
    return rkeras.create_layer(Anti, object_)  # R:15''')


def test_r6_keras_layer_composes_into_a_sequential_model_with_r_shapes():
    ns = run(ANTIRECTIFIER + """
model <- keras_model_sequential() %>%
  layer_dense(units = 3, input_shape = c(2), use_bias = FALSE, kernel_initializer = "ones") %>%
  layer_anti()
out <- predict(model, matrix(c(1, -2), nrow = 1))
""", ["model", "out"])
    assert ns["model"].output_shape == (None, 6)   # compute_output_shape got a list, 1-based [[2]]
    np.testing.assert_allclose(ns["out"], [[0, 0, 0, 1, 1, 1]])   # x = -1 per unit


def test_r6_keras_layer_initialize_gets_own_args_and_build_makes_weights():
    ns = run("""
library(keras)
CustomLayer <- R6::R6Class("CustomLayer",
  inherit = KerasLayer,
  public = list(
    output_dim = NULL,
    kernel = NULL,
    initialize = function(output_dim) {
      self$output_dim <- output_dim
    },
    build = function(input_shape) {
      self$kernel <- self$add_weight(name = 'kernel', shape = list(input_shape[[2]], self$output_dim),
                                     initializer = initializer_ones(), trainable = TRUE)
    },
    call = function(x, mask = NULL) {
      k_dot(x, self$kernel)
    },
    compute_output_shape = function(input_shape) {
      list(input_shape[[1]], self$output_dim)
    }
  )
)
layer_custom <- function(object, output_dim, name = NULL, trainable = TRUE) {
  create_layer(CustomLayer, object, list(output_dim = as.integer(output_dim), name = name, trainable = trainable))
}
model <- keras_model_sequential() %>%
  layer_dense(units = 3, input_shape = c(3), use_bias = FALSE, kernel_initializer = "ones") %>%
  layer_custom(output_dim = 2, name = "mine")
out <- predict(model, matrix(1, nrow = 1, ncol = 3))
""", ["model", "out"])
    assert ns["model"].layers[-1].name == "mine"
    assert ns["model"].output_shape == (None, 2)
    np.testing.assert_allclose(ns["out"], [[9.0, 9.0]])


def test_plain_r6_class_has_new_and_public_fields():
    ns = run("""
Counter <- R6::R6Class("Counter",
  public = list(
    n = 0,
    add = function(k) {
      self$n <- self$n + k
      invisible(self)
    }
  )
)
cnt <- Counter$new()
cnt$add(2)
cnt$add(3)
total <- cnt$n
""", ["total"])
    assert ns["total"] == 5


def test_layer_function_becomes_a_class_and_its_wrapper():
    code = body("""
library(keras)
layer_scale <- Layer(
  classname = "Scale",
  initialize = function(factor, ...) {
    super()$`__init__`(...)
    self$factor <- factor
  },
  call = function(inputs, ...) {
    inputs * self$factor
  }
)
""")
    code = "\n".join(line for line in code.splitlines() if not line.startswith("# library"))
    assert code.splitlines()[:6] == [
        "class Scale(keras.layers.Layer):  # R:2",
        "    def __init__(self, factor, *args, **kwargs):  # R:4",
        "        super().__init__(*args, **kwargs)  # R:5",
        "        self.factor = factor  # R:6",
        "    def call(self, inputs, *args, **kwargs):  # R:8",
        "        return inputs * self.factor  # R:9",
    ]
    assert code.splitlines()[6] == "layer_scale = rkeras.create_layer_wrapper(Scale)  # R:2"


def test_layer_function_wrapper_makes_and_calls_the_layer():
    ns = run("""
library(keras)
layer_scale <- Layer(
  classname = "Scale",
  initialize = function(factor, ...) {
    super()$`__init__`(...)
    self$factor <- factor
  },
  call = function(inputs, ...) {
    inputs * self$factor
  }
)
triple <- layer_scale(factor = 3, name = "triple")
y <- triple(k_constant(c(1, 2)))
inputs <- layer_input(shape = 2)
out <- inputs %>% layer_scale(factor = 2)
""", ["triple", "y", "out"])
    assert ns["triple"].name == "triple"
    np.testing.assert_allclose(np.asarray(ns["y"]), [3.0, 6.0])
    assert tuple(ns["out"].shape) == (None, 2)   # called on a tensor, as R's wrapper did


def test_shape_splices_shapes_given_to_it():
    from rkeras import rbase

    assert rbase.shape(rbase.subset((None, 64), 2), 32) == (64, 32)


def test_tf_function_ports_to_rbase_and_keeps_gradients_of_an_unbuilt_model():
    assert body("f2 <- tf_function(autograph(f))") == "f2 = rbase.tf_function(rbase.autograph(f))  # R:1"
    assert body("m$call <- tf$`function`(m$call)").startswith("m = rbase.set_dollar(m, \"call\", rbase.tf_function(")
    tf = pytest.importorskip("tensorflow")
    ns = run("""
library(keras)
make <- function() {
  keras_model_custom(name = "m", function(self) {
    self$d <- layer_dense(units = 1, use_bias = FALSE)
    function(inputs, mask = NULL, training = TRUE) {
      self$d(inputs)
    }
  })
}
m <- make()
m$call <- tf$`function`(m$call)
x <- k_ones(c(2, 3))
for (i in 1:2) {
  with(tf$GradientTape() %as% tape, {
    loss <- k_sum(m(x))
  })
  grads <- tape$gradient(loss, m$trainable_variables)
}
""", ["grads"])
    assert ns["grads"][0] is not None
    np.testing.assert_allclose(np.asarray(ns["grads"][0]), np.full((3, 1), 2.0))
    assert isinstance(tf, object)


def test_k_batch_flatten_keeps_the_batch_axis():
    ns = run("""
library(keras)
gram_matrix <- function(x) {
  features <- k_batch_flatten(k_permute_dimensions(x, c(3, 1, 2)))
  k_dot(features, k_transpose(features))
}
g <- gram_matrix(k_ones(c(4, 5, 3)))
""", ["g"])
    assert tuple(ns["g"].shape) == (3, 3)          # channels first, then each channel in one row
    np.testing.assert_allclose(np.asarray(ns["g"]), np.full((3, 3), 20.0))


def test_graph_tensor_subset_stays_a_tensor_with_r_indices():
    tf = pytest.importorskip("tensorflow")
    ns = run("""
library(tensorflow)
halves <- function(image) {
  list(image[, 1L:2L, ], image[, 3L:4L, ], image[1, , 2])
}
halves_graph <- tf_function(halves)
parts <- halves_graph(tf$reshape(tf$range(24L), c(2L, 4L, 3L)))
""", ["parts"])
    x = np.arange(24).reshape(2, 4, 3)
    left, right, row = (np.asarray(p) for p in ns["parts"])
    np.testing.assert_array_equal(left, x[:, 0:2, :])
    np.testing.assert_array_equal(right, x[:, 2:4, :])
    np.testing.assert_array_equal(row, x[0, :, 1])
    assert isinstance(ns["parts"][0], tf.Tensor)


def test_r6_keras_callback_collects_batch_losses():
    ns = run("""
library(keras)
LossHistory <- R6::R6Class("LossHistory",
  inherit = KerasCallback,
  public = list(
    losses = NULL,
    on_batch_end = function(batch, logs = list()) {
      self$losses <- c(self$losses, logs[["loss"]])
    }
))
model <- keras_model_sequential() %>% layer_dense(units = 1, input_shape = c(1))
model %>% compile(loss = "mse", optimizer = optimizer_sgd(learning_rate = 0))
history <- LossHistory$new()
model %>% fit(matrix(1:6), 1:6, batch_size = 2, epochs = 2, verbose = 0, callbacks = list(history))
n <- length(history$losses)
""", ["n"])
    assert ns["n"] == 6   # 3 batches a epoch, 2 epochs


def test_eager_tensor_subset_stays_a_tensor_as_in_tensorflow_r():
    tf = pytest.importorskip("tensorflow")
    ns = run("""
library(tensorflow)
x <- tf$reshape(tf$range(24L), c(2L, 3L, 4L))
first <- x[1, , ]$numpy()
last <- x[-1, , 4]
names <- tf$constant(c("a.jpg", "b.jpg"))
second <- names[2]$numpy()$decode("utf-8")
""", ["first", "last", "second"])
    arr = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(ns["first"], arr[0])          # R's x[1, , ]$numpy() works on a tensor
    assert isinstance(ns["last"], tf.Tensor)
    np.testing.assert_array_equal(np.asarray(ns["last"]), arr[-1, :, 3])   # tensorflow's negatives: from the end
    assert ns["second"] == "b.jpg"

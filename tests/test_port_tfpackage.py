"""R keras 2.x on TF 2 idioms of "Deep Learning with R" (2nd edition): magrittr's ``%<>%``,
tensorflow's ``as_tensor()``, reticulate's iterators, ``zip_lists()`` and R's assignment used
as a value (``while (!is.null(x <- iter_next(it)))``)."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, run


def test_assignment_pipe_assigns_the_whole_chain_back():
    assert body("""
x <- c(4, 9)
x %<>% sqrt() %>% sum()
""").splitlines()[-1] == "x = rbase.sum(np.sqrt(x))  # R:2"
    ns = run("""
x <- c(4, 9)
x %<>% sqrt() %>% sum()
df <- list(a = c(1, 4))
df$a %<>% `+`(1)
f <- function(z) {
  z %<>% `*`(2)
}
y <- f(3)
""", ["x", "df", "y"])
    assert ns["x"] == 5
    assert list(ns["df"]["a"]) == [2, 5]
    assert ns["y"] == 6


def test_as_tensor_keeps_r_dtypes_and_fills_or_reshapes():
    pytest.importorskip("tensorflow")
    assert body("x <- as_tensor(1)") == "x = rbase.as_tensor(1.0)  # R:1"
    assert body('x <- as_tensor(2L, "int32", shape = c(2, 3))') == (
        'x = rbase.as_tensor(2, "int32", shape=np.array([2, 3], dtype=float))  # R:1')
    ns = run("""
a <- as_tensor(1)
b <- as_tensor(1:6, shape = c(NA, 3))
c0 <- as_tensor(0, shape = c(2, 3))
d <- as_tensor(1:6, dtype = "float32")
""")
    assert ns["a"].dtype.name == "float64"       # an R double
    assert ns["b"].dtype.name == "int32"         # an R integer
    assert ns["b"].numpy().tolist() == [[1, 2, 3], [4, 5, 6]]     # row-major, as tf$reshape
    assert ns["c0"].numpy().tolist() == [[0.0] * 3] * 2          # a scalar fills the shape
    assert ns["d"].dtype.name == "float32"


def test_iterators_and_assignment_as_a_value():
    pytest.importorskip("tensorflow")
    code = body("""
ds <- tensor_slices_dataset(1:5) %>% dataset_batch(2)
it <- as_iterator(ds)
n <- 0
while (!is.null(iter_next(it) -> batch)) n <- n + 1
a <- iter_next(as_array_iterator(ds))
""")
    assert "it = iter(ds)  # R:2" in code
    assert "(batch := rbase.iter_next(it))" in code
    assert "a = rbase.iter_next(ds.as_numpy_iterator())  # R:5" in code
    ns = run("""
ds <- tensor_slices_dataset(1:5) %>% dataset_batch(2)
it <- as_iterator(ds)
n <- 0
while (!is.null(iter_next(it) -> batch)) n <- n + 1
a <- iter_next(as_array_iterator(ds))
u <- ds %>% dataset_unbatch() %>% as_iterator() %>% iter_next()
""")
    assert ns["n"] == 3
    assert ns["batch"] is None
    assert isinstance(ns["a"], np.ndarray) and ns["a"].tolist() == [1, 2]
    assert int(ns["u"]) == 1


def test_zip_lists_by_position_and_by_name():
    ns = run("""
pairs <- zip_lists(list(1, 2), list("a", "b"))
named <- zip_lists(g = list(1, 2), w = list(3, 4))
byname <- zip_lists(list(x = 1, y = 2), list(y = 20, x = 10))
""")
    assert ns["pairs"] == [[1, "a"], [2, "b"]]
    assert ns["named"] == [{"g": 1, "w": 3}, {"g": 2, "w": 4}]
    assert ns["byname"] == {"x": [1, 10], "y": [2, 20]}


def test_chained_assignment():
    assert run("a <- b <- 3", ["a", "b"]) == {"a": 3, "b": 3}


def test_braced_block_as_a_value():
    assert body("c(a, b) %<-% {\n  list(1, 2)\n}") == "a, b = rbase.unpack(([1, 2]), depth=1)  # R:1"
    ns = run("""
z <- {
  u <- 3
  u + 1
}
""", ["z", "u"])
    assert ns == {"z": 4, "u": 3}      # the block assigns in the script's environment, as in R


NEW_MODEL = """
library(keras)
loss_fn <- loss_sparse_categorical_crossentropy()
loss_tracker <- metric_mean(name = "loss")
CustomModel <- new_model_class(
  classname = "CustomModel",
  train_step = function(data) {
    c(inputs, targets) %<-% data
    with(tf$GradientTape() %as% tape, {
      predictions <- self(inputs, training = TRUE)
      loss <- loss_fn(targets, predictions)
    })
    gradients <- tape$gradient(loss, self$trainable_weights)
    self$optimizer$apply_gradients(zip_lists(gradients, self$trainable_weights))
    loss_tracker$update_state(loss)
    list(loss = loss_tracker$result())
  },
  metrics = mark_active(function() list(loss_tracker))
)
layer_twice <- new_layer_class(
  classname = "Twice",
  initialize = function(...) {
    super$initialize(...)
  },
  call = function(inputs) inputs * 2
)
inputs <- layer_input(shape = c(4))
outputs <- inputs %>% layer_twice() %>% layer_dense(3, activation = "softmax")
model <- CustomModel(inputs = inputs, outputs = outputs)
model %>% compile(optimizer = optimizer_sgd(learning_rate = 0))
x <- matrix(1, nrow = 8, ncol = 4)
y <- rep(0L, 8)
history <- model %>% fit(x, y, epochs = 2, verbose = 0)
"""


def test_new_model_class_with_active_metrics_and_new_layer_class():
    pytest.importorskip("keras")
    code = body(NEW_MODEL)
    assert "class CustomModel(keras.Model):  # R:4" in code
    assert "            predictions = self(inputs, training=True)  # R:9" in code
    assert "    @property  # R:17\n    def metrics(self):  # R:17\n        return [loss_tracker]  # R:17" in code
    assert "        super().__init__(*args, **kwargs)  # R:22" in code
    assert "layer_twice = rkeras.create_layer_wrapper(Twice)" in code
    assert "CustomModel = CustomModel" not in code
    ns = run(NEW_MODEL)
    losses = ns["history"].history["loss"]
    assert len(losses) == 2 and losses[0] == pytest.approx(losses[1])   # learning rate 0: the same loss


def test_new_callback_and_metric_classes():
    pytest.importorskip("keras")
    code = body("""
cb <- new_callback_class("Counter", on_epoch_end = function(epoch, logs = NULL) {
  seen <<- c(seen, epoch)
})
m <- new_metric_class("Total", initialize = function(name = "total", ...) {
  super$initialize(name = name, ...)
}, update_state = function(y_true, y_pred, sample_weight = NULL) NULL, result = function() 0)
""")
    assert "class Counter(keras.callbacks.Callback):  # R:1" in code
    assert "cb = Counter  # R:1" in code
    assert "class Total(keras.metrics.Metric):" in code
    assert "super().__init__(name=name, *args, **kwargs)" in code


def test_function_passed_by_name_before_the_script_assigns_it_is_base_r():
    code = body("x <- matrix(1:6, 2)\nmean <- apply(x, 2, mean)\nsd <- apply(x, 2, sd)\ny <- scale(x, mean, sd)")
    assert "mean = rbase.apply(x, 2, rbase.mean)  # R:2" in code
    assert "y = rbase.scale(x, mean, sd)  # R:4" in code
    ns = run("x <- matrix(c(1, 3, 5, 9), 2)\nmean <- apply(x, 2, mean)\nsd <- apply(x, 2, sd)", ["mean", "sd"])
    assert list(ns["mean"]) == [2, 7]
    assert list(ns["sd"]) == pytest.approx([np.sqrt(2), np.sqrt(8)])


def test_as_character_of_a_named_list_is_one_string_per_element():
    ns = run("""
word_index <- list(the = 1, movie = 2)
reverse <- names(word_index)
names(reverse) <- as.character(word_index)
w <- reverse[["2"]]
""", ["w"])
    assert ns["w"] == "movie"


def test_tensor_slices_open_ranges_all_dims_and_newaxis():
    pytest.importorskip("tensorflow")
    r_code = """
x <- as_tensor(1:24, "float64", shape = c(2, 3, 4))
a <- x[, 2:NA, 2:NA]
b <- x[, 2:-2, ]
d <- x[1, all_dims()]
y <- as_tensor(2, shape = c(3, 4))
z <- x + y[tf$newaxis, , ]
"""
    code = body(r_code)
    assert "z = x + rbase.subset(y, rbase.NEWAXIS, None, None)  # R:6" in code
    ns = run(r_code)
    x = np.arange(1, 25, dtype=float).reshape(2, 3, 4)
    assert ns["a"].numpy().tolist() == x[:, 1:, 1:].tolist()     # 2:NA: from 2 to the end
    assert ns["b"].numpy().tolist() == x[:, 1:-1, :].tolist()    # 2:-2: to the 2nd from the end
    assert ns["d"].numpy().tolist() == x[0].tolist()
    assert ns["z"].numpy().tolist() == (x + 2).tolist()


def test_methods_of_a_python_class():
    pytest.importorskip("tensorflow")
    ns = run('m <- methods(class = "tensorflow.tensor")\nn <- c(5)[1]')
    assert "ndim" in list(ns["m"]) and "get_shape" in list(ns["m"])
    assert ns["n"] == 5


def test_purled_chunk_with_error_true_shows_the_error_and_goes_on(capsys):
    r_code = """
## ---- error = TRUE------------------
stop("tensors are immutable")
y <- 2

## -----------------------------------
z <- y + 1
"""
    code = body(r_code)
    assert code.count("except Exception as _error:  # knitr chunk option error = TRUE") == 2
    assert "\nz = y + 1  # R:6" in code           # the next chunk is not wrapped
    ns = run(r_code, ["y", "z"])
    assert ns == {"y": 2, "z": 3}
    assert "Error: tensors are immutable" in capsys.readouterr().err


def test_r_doubles_reach_python_as_floats_through_reticulate():
    pytest.importorskip("tensorflow")
    assert body("v <- tf$Variable(initial_value = 3)\nr <- tf$range(3L)") == (
        "v = tf.Variable(initial_value=3.0)  # R:1\nr = tf.range(3)  # R:2")
    ns = run("v <- tf$Variable(0)\nr <- tf$range(3L)")
    assert ns["v"].dtype.name == "float32"      # R's double 0 is Python's 0.0: a float32 variable
    assert ns["r"].dtype.name == "int32"


def test_private_environment_of_a_class_written_in_r():
    pytest.importorskip("keras")
    r_code = """
cb <- new_callback_class(
  "Losses",
  initialize = function(file = "x.pdf") {
    private$outfile <- file
  },
  on_epoch_end = function(epoch, logs = NULL) {
    private$n <- c(private$n, epoch)
  }
)
c1 <- cb()
c1$on_epoch_end(1)
c1$on_epoch_end(2)
c2 <- cb("y.pdf")
"""
    assert "        private = rbase.private(self)\n        private.outfile = file  # R:4" in body(r_code)
    ns = run(r_code)
    from rkeras import rbase

    assert list(rbase.private(ns["c1"]).n) == [1, 2]
    assert rbase.private(ns["c2"]).outfile == "y.pdf" and rbase.private(ns["c2"]).n is None


def test_package_function_until_the_script_defines_its_own():
    code = body("""
fit(model, x, y, epochs = 1)
fit <- function(model, x, y, epochs) NULL
fit(model, x, y, epochs = 2)
""")
    assert code.splitlines()[0] == "rkeras.fit(model, x, y, epochs=1)  # R:1"
    assert code.splitlines()[-1] == "fit(model, x, y, epochs=2)  # R:3"


def test_system_time_times_its_expression():
    r_code = 'x <- 0\ne <- system.time({\n  for (i in 1:3) x <- x + 1\n})[["elapsed"]]\nt <- system.time(Sys.sleep(0.05))'
    assert "rbase.system_time(lambda: _block" in body(r_code)
    ns = run(r_code)
    assert ns["x"] == 3 and ns["e"] >= 0
    assert ns["t"]["elapsed"] >= 0.05
    assert str(ns["t"]).splitlines()[0].split() == ["user", "system", "elapsed"]


def test_match_path_drop_and_local():
    ns = run("""
vocabulary <- c("the", "cat", "sat")
i <- match("cat", vocabulary)
j <- match(c("sat", "dog"), vocabulary, nomatch = 1)
k <- match(c("sat", "dog"), vocabulary)
p <- fs::path("data", "train")
q <- path("a", "b", ext = "csv")
x <- drop(array(1:3, c(1, 3)))
y <- 1
r <- local({
  y <- 10
  y + 1
})
""")
    assert ns["i"] == 2 and list(ns["j"]) == [3, 1]
    assert ns["k"][0] == 3 and np.isnan(ns["k"][1])          # NA where there is no match
    assert (ns["p"], ns["q"]) == ("data/train", "a/b.csv")
    assert ns["p"] / "cats" == "data/train/cats"             # fs's paths extend with /
    assert ns["x"].shape == (3,)
    assert (ns["y"], ns["r"]) == (1, 11)                     # local()'s y stays inside


def test_seq_len_of_a_double_count():
    assert "for i in range(1, int(n) + 1):  # R:2" in body("n <- ceiling(10 / 4)\nfor (i in seq_len(n)) print(i)")
    assert run("n <- ceiling(10 / 4)\nk <- 0\nfor (i in seq_len(n)) k <- k + i", ["k"]) == {"k": 6}


def test_py_class_operator_writes_a_python_class():
    r_code = """
Base <- R6::R6Class("Base", public = list(scale = function(x) x * 10))
Doubler(Base) %py_class% {
  `__init__` <- function(k) {
    self$k <- k
  }
  twice <- function(x) self$scale(x) * self$k
}
d <- Doubler(2)
y <- d$twice(3)
"""
    code = body(r_code)
    assert "class Doubler(Base):  # R:2\n    def __init__(self, k):  # R:3" in code
    assert run(r_code, ["y"]) == {"y": 60}


def test_python_extract_style_and_dot_inside_an_index():
    pytest.importorskip("tensorflow")
    r_code = """
vocab <- as_tensor(c("a", "b", "c"))
f <- function(x, i) {
  withr::local_options(tensorflow.extract.style = "python")
  ag_loop_vars(x)
  y <- x[0, i, ]
  w <- 1L %>% vocab[.]
  list(y, w)
}
x <- as_tensor(1:24, shape = c(2, 3, 4))
r <- f(x, 1L)
g <- function(x) x[, 1, style = "python"]
s <- g(x)
"""
    code = body(r_code)
    assert "    y = rbase.subset(x, 0, i, None, style=\"python\")  # R:5" in code
    ns = run(r_code)
    y, w = ns["r"]
    assert y.numpy().tolist() == [5, 6, 7, 8]          # 0-based: first of axis 1, second of axis 2
    assert w.numpy() == b"b"
    assert ns["s"].numpy().tolist() == [[5, 6, 7, 8], [17, 18, 19, 20]]


def test_environment_changed_by_a_closure():
    r_code = """
counter <- function() {
  self <- new.env()
  self$n <- 0
  self$bump <- function() {
    self$n <- self$n + 1
  }
  self
}
c1 <- counter()
c1$bump()
c1$bump()
n <- c1$n
"""
    assert '        rbase.set_dollar(self, "n", rbase.dollar(self, "n") + 1, inplace=True)  # R:5' in body(r_code)
    assert run(r_code, ["n"]) == {"n": 2}


def test_dots_handed_on_to_a_function_with_dots():
    code = body("show <- function(x, ...) {\n  x %>% plot(..., main = \"t\")\n}\nf <- function(...) paste(..., sep = \"-\")")
    assert 'return rbase.plot(x, *args, **kwargs, main="t")  # R:2' in code
    assert run('f <- function(...) paste(..., sep = "-")\ny <- f("a", "b")', ["y"]) == {"y": "a-b"}


def test_summaries_of_a_tensor_are_tensorflow_reductions():
    pytest.importorskip("tensorflow")
    ns = run("""
m <- as_tensor(rbind(c(1, 2), c(3, 4)), "float32")
a <- mean(m)
b <- mean(m, axis = 1, keepdims = TRUE)
s <- sum(m)
x <- max(m, axis = 2)
v <- sum(c(1, 2))
""")
    assert ns["a"].numpy() == 2.5 and hasattr(ns["a"], "dtype")      # a tensor, as in R
    assert ns["b"].numpy().tolist() == [[2.0, 3.0]]                   # axis 1 is the first
    assert ns["s"].numpy() == 10.0
    assert ns["x"].numpy().tolist() == [2.0, 4.0]
    assert ns["v"] == 3


def test_with_data_as_a_value():
    code = body("r <- list(total = 10, n = 4)\nmae <- with(r, total / n)")
    assert code.splitlines()[-1] == 'mae = rbase.with_data(r, lambda _d: _d["total"] / _d["n"])  # R:2'
    ns = run("r <- list(total = 10, n = 4)\nmae <- with(r, total / n)\ndf <- data.frame(a = 1:3)\ns <- with(df, sum(a))")
    assert (ns["mae"], ns["s"]) == (2.5, 6)


def test_dataset_reduce_with_r_doubles_in_its_state():
    pytest.importorskip("tensorflow")
    r_code = """
ds <- tensor_slices_dataset(c(1, 2, 3)) %>% dataset_map(function(x) tf$cast(x, "float32"))
red <- ds %>% dataset_reduce(
  initial_state = list(n = 0L, total = 0),
  reduce_func = function(state, element) {
    state$n %<>% `+`(1L)
    state$total %<>% `+`(element)
    state
  }) %>% lapply(as.numeric)
m <- with(red, total / n)
"""
    assert 'ds.reduce({"n": 0, "total": 0.0}, _fn' in body(r_code)
    ns = run(r_code)
    assert ns["red"] == {"n": 3.0, "total": 6.0} and ns["m"] == 2.0


def test_within_assigns_columns():
    r_code = ('df <- data.frame(spanish = c("a", "b"), n = 1:2)\n'
              'd2 <- df %>% within(spanish %<>% paste("[start]", ., "[end]"))\n'
              'd3 <- within(df, { m <- n * 2 })')
    assert 'd3 = rbase.mutate(df, m=lambda _d: _d["n"] * 2)  # R:3' in body(r_code)
    ns = run(r_code)
    assert list(ns["d2"]["spanish"]) == ["[start] a [end]", "[start] b [end]"]
    assert list(ns["d3"]["m"]) == [2, 4] and list(ns["df"].columns) == ["spanish", "n"]


def test_vector_grows_when_assigned_past_its_end():
    ns = run("all_scores <- numeric()\nfor (i in 1:3) all_scores[[i]] <- i / 2\ngap <- numeric()\ngap[[3]] <- 1")
    assert list(ns["all_scores"]) == [0.5, 1.0, 1.5]
    assert np.isnan(ns["gap"][:2]).all() and ns["gap"][2] == 1      # R fills the gap with NA


def test_a_free_name_like_path_is_not_taken_for_a_function():
    assert body("x <- readLines(path)") == "x = rbase.read_lines(path)  # R:1"

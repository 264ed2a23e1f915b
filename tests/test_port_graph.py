"""TF1 graph mode: a script that turns eager execution off is ported onto tf_keras (Keras 2)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from port_helpers import body, port

GRAPH = """
if (tensorflow::tf$executing_eagerly())
  tensorflow::tf$compat$v1$disable_eager_execution()
library(keras)
"""


def test_the_switch_is_ported_and_the_script_imports_tf_keras_as_keras():
    result = port(GRAPH + "x <- layer_input(shape = 3)\n")
    assert "import tf_keras as keras" in result.code.splitlines()
    assert "import keras" not in result.code.splitlines()
    assert "    tf.compat.v1.disable_eager_execution()  # R:2" in result.code
    assert "x = keras.Input(shape=(3,))  # R:4" in result.code
    assert result.not_ported == []
    assert "note, line 2: TF1 graph mode: the script is ported onto tf_keras (Keras 2)" in result.report()


def test_k_functions_are_keras_2_backend_calls_with_r_axes():
    code = body(GRAPH + """
        m <- k_mean(x, axis = 2)
        s <- k_sum(x, axis = -1)
        e <- k_random_normal(shape = c(2, 3), stddev = 0.5)
        g <- k_gradients(loss, w)[[1]]
        p <- k_placeholder(shape = c(1, 4, 4, 3))
        f <- k_function(list(p), list(loss, g))
        v <- k_batch_get_value(list(w))
    """)
    assert "m = keras.backend.mean(x, axis=1)" in code          # 1-based in R
    assert "s = keras.backend.sum(x, axis=-1)" in code          # negative: as it is
    assert "e = keras.backend.random_normal(shape=(2, 3), stddev=0.5)" in code
    assert "g = rbase.elem(keras.backend.gradients(loss, w), 1)" in code
    assert "p = keras.backend.placeholder(shape=(1, 4, 4, 3))" in code
    assert "f = keras.backend.function([p], [loss, g])" in code
    assert "v = keras.backend.batch_get_value([w])" in code


def test_without_the_switch_k_functions_stay_keras_3_and_tf1_ones_are_reported():
    result = port("library(keras)\nm <- k_mean(x, axis = 2)\ng <- k_gradients(loss, w)\n")
    assert "import keras" in result.code.splitlines()
    assert "m = keras.ops.mean(x, axis=1)" in result.code
    assert [n.line for n in result.not_ported] == [3]
    assert "TF1 symbolic gradients" in result.not_ported[0].reason


def test_the_graph_table_covers_r_keras_backend_and_names_real_keras_2_functions():
    import importlib

    from rkeras.port.keras_api.backend_graph import FUNCTIONS

    assert len(FUNCTIONS) >= 140
    tf_keras = importlib.import_module("tf_keras")
    for entry in FUNCTIONS:
        assert entry.r_name.startswith("k_")
        if entry.target.startswith("keras.backend."):
            assert callable(getattr(tf_keras.backend, entry.target.rsplit(".", 1)[1])), entry


# A variational autoencoder as pre-TF2 R keras scripts wrote it: the loss reads the encoder's
# inner tensors (z_mean, z_log_var), which only Keras 2 in graph mode allows.
VAE = GRAPH + """
x <- layer_input(shape = c(6))
h <- layer_dense(x, 4, activation = "relu")
z_mean <- layer_dense(h, 2)
z_log_var <- layer_dense(h, 2)
sampling <- function(arg) {
  z_mean <- arg[, 1:2]
  z_log_var <- arg[, 3:4]
  epsilon <- k_random_normal(shape = c(k_shape(z_mean)[[1]]), mean = 0, stddev = 1)
  z_mean + k_exp(z_log_var / 2) * epsilon
}
z <- layer_concatenate(list(z_mean, z_log_var)) %>% layer_lambda(sampling)
decoder <- layer_dense(units = 6, activation = "sigmoid")
vae <- keras_model(x, decoder(z))
encoder <- keras_model(x, z_mean)
vae_loss <- function(x, x_decoded) {
  xent <- 6 * loss_binary_crossentropy(x, x_decoded)
  kl <- -0.5 * k_mean(1 + z_log_var - k_square(z_mean) - k_exp(z_log_var), axis = -1L)
  xent + kl
}
vae %>% compile(optimizer = "rmsprop", loss = vae_loss)
set.seed(1)
data <- matrix(runif(48), ncol = 6)
history <- vae %>% fit(data, data, epochs = 3, batch_size = 4, verbose = 0)
seq_model <- keras_model_sequential() %>% layer_dense(units = 2, input_shape = 6)
encoded <- predict(encoder, data, verbose = 0)
"""


def test_a_graph_mode_vae_ported_from_r_trains_on_tf_keras(tmp_path):
    script = tmp_path / "vae.py"
    script.write_text(port(VAE).code + """
import json
print(json.dumps({"eager": tf.executing_eagerly(), "losses": list(map(float, history.metrics["loss"])),
                  "epochs": history.params["epochs"], "encoded": list(encoded.shape),
                  "engine": type(vae).__module__.split(".")[0], "seq": type(seq_model).__module__.split(".")[0]}))
""")
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["eager"] is False
    assert result["engine"] == result["seq"] == "tf_keras"
    assert result["epochs"] == 3 and len(result["losses"]) == 3
    assert all(loss == pytest.approx(loss) and loss > 0 for loss in result["losses"])   # finite, positive
    assert result["encoded"] == [8, 2]

"""One snippet per family of R keras' API tables: the exact Python it becomes, and runs where it can."""

from __future__ import annotations

import pytest

from port_helpers import body, port

FAMILIES = {
    "layers": ('l <- layer_conv_2d(filters = 32, kernel_size = c(3, 3), activation = "relu", input_shape = c(28, 28, 1))',
               'l = keras.layers.Conv2D(filters=32, kernel_size=[3, 3], activation="relu", input_shape=(28, 28, 1))  # R:1'),
    "activations": ("a <- activation_relu(x)", "a = keras.activations.relu(x)  # R:1"),
    "optimizers": ("o <- optimizer_adam(lr = 0.001, decay = 1e-6)",
                   "o = rkeras.legacy.Adam(learning_rate=0.001, decay=1e-6)  # R:1"),
    "losses": ("l <- loss_categorical_crossentropy(y_true, y_pred)",
               "l = keras.losses.categorical_crossentropy(y_true, y_pred)  # R:1"),
    "metrics": ("m <- metric_mean_absolute_error(y_true, y_pred)",
                "m = keras.metrics.mean_absolute_error(y_true, y_pred)  # R:1"),
    "callbacks": ('cb <- callback_early_stopping(monitor = "val_loss", patience = 2)',
                  'cb = keras.callbacks.EarlyStopping(monitor="val_loss", patience=2)  # R:1'),
    "initializers": ("i <- initializer_random_normal(stddev = 0.01)",
                     "i = keras.initializers.RandomNormal(stddev=0.01)  # R:1"),
    "regularizers": ("r <- regularizer_l2(l = 0.001)", "r = keras.regularizers.l2(l2=0.001)  # R:1"),
    "constraints": ("k <- constraint_maxnorm(max_value = 2)", "k = keras.constraints.MaxNorm(max_value=2)  # R:1"),
    "applications": ("base <- application_vgg16(weights = NULL, include_top = FALSE, input_shape = c(32, 32, 3))",
                     "base = keras.applications.VGG16(weights=None, include_top=False, input_shape=(32, 32, 3))  # R:1"),
    "datasets": ("mnist <- dataset_mnist()", "mnist = rkeras.dataset_mnist()  # R:1"),
    "backend": ("s <- k_mean(x, axis = 1, keepdims = TRUE)", "s = keras.ops.mean(x, axis=0, keepdims=True)  # R:1"),
    "preprocessing": ("tok <- text_tokenizer(num_words = 1000) %>% fit_text_tokenizer(texts)",
                      "tok = rkeras.legacy.fit_text_tokenizer(tf_keras.preprocessing.text.Tokenizer(num_words=1000), texts)  # R:1"),
    "models": ('save_model_hdf5(model, "m.h5")', 'keras.saving.save_model(model, "m.h5")  # R:1'),
    "utils": ("y <- to_categorical(labels, num_classes = 10)", "y = keras.utils.to_categorical(labels, num_classes=10)  # R:1"),
    "tfruns": ('FLAGS <- flags(flag_integer("units", 8, "dense units"), flag_numeric("dropout", 0.2), file = "f.yml")',
               'FLAGS = rkeras.flags(rkeras.flag_integer("units", 8, "dense units"), rkeras.flag_numeric("dropout", 0.2), '
               'file="f.yml")  # R:1'),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_snippet_ports_exactly(family):
    r_code, python = FAMILIES[family]
    assert body(r_code) == python


def test_backend_axes_and_callbacks_run():
    ported = port("""
    x <- k_constant(matrix(1:6, nrow = 2))
    s <- k_sum(x, axis = 2)
    cb <- callback_early_stopping(monitor = "val_loss", patience = 2)
    tok <- text_tokenizer(num_words = 10) %>% fit_text_tokenizer(c("a b", "b c"))
    """)
    namespace = {}
    exec(ported.code, namespace)
    assert [float(v) for v in namespace["s"]] == [9.0, 12.0]   # R's axis 2 (columns of the rows summed)
    assert namespace["cb"].patience == 2
    assert namespace["tok"].word_index["b"] == 1


def test_ported_flags_take_the_command_line(tmp_path, monkeypatch):
    ported = port("""
    FLAGS <- flags(flag_integer("units", 8), flag_boolean("scale", FALSE))
    units <- FLAGS$units
    """)
    monkeypatch.chdir(tmp_path)
    namespace = {}
    monkeypatch.setattr("sys.argv", ["train.py", "--units", "5", "--scale", "true"])
    exec(ported.code, namespace)
    assert namespace["units"] == 5 and namespace["FLAGS"]["scale"] is True


def test_training_run_of_an_r_script_says_to_port_it(tmp_path, monkeypatch):
    import rkeras

    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.R").write_text("x <- 1\n")
    with pytest.raises(rkeras.RKerasError, match=r"rkeras port train.R.*train.py") as error:
        rkeras.training_run("train.R", echo=False)
    assert error.value.argument == "file" and not (tmp_path / "runs").exists()

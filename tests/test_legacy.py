"""rkeras.legacy: what Keras 3 dropped, with R keras' meaning."""

import numpy as np
import pytest

from rkeras import legacy
from rkeras.errors import RKerasError


def test_legacy_decay_is_keras2_inverse_time():
    import keras

    opt = legacy.RMSprop(lr=0.1, decay=0.5, rho=0.8)
    assert isinstance(opt, keras.optimizers.RMSprop) and opt.rho == 0.8
    values = []
    for step in (0, 1, 4):
        opt.iterations.assign(step)
        values.append(float(opt.learning_rate))
    assert values == pytest.approx([0.1 / (1 + 0.5 * k) for k in (0, 1, 4)])


def test_no_decay_is_the_plain_optimizer_and_bad_decay_is_an_error():
    import keras

    opt = legacy.SGD(learning_rate=0.2)
    assert isinstance(opt, keras.optimizers.SGD) and float(opt.learning_rate) == pytest.approx(0.2)
    with pytest.raises(RKerasError, match="decay"):
        legacy.Adam(decay=-1)


def tiny_model():
    import keras

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_weights_hdf5_any_path_roundtrip(tmp_path):
    model = tiny_model()
    path = tmp_path / "weights.hdf5"
    assert legacy.save_model_weights_hdf5(model, str(path)) is model
    other = tiny_model()
    legacy.load_model_weights_hdf5(other, str(path))
    for a, b in zip(model.get_weights(), other.get_weights()):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(RKerasError, match="already exists"):
        legacy.save_model_weights_hdf5(model, str(path), overwrite=False)


def test_save_and_load_model_tf(tmp_path):
    model = tiny_model()
    legacy.save_model_tf(model, str(tmp_path / "m"))
    loaded = legacy.load_model_tf(str(tmp_path / "m"))
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0))


def test_freeze_weights_from_to_one_based():
    model = tiny_model()
    legacy.freeze_weights(model, **{"from": 1, "to": 1})
    assert [layer.trainable for layer in model.layers] == [False, True]
    legacy.unfreeze_weights(model)
    assert model.trainable and all(layer.trainable for layer in model.layers)
    legacy.freeze_weights(model, which=-1)
    assert [layer.trainable for layer in model.layers] == [True, False]
    with pytest.raises(RKerasError, match="1-based"):
        legacy.freeze_weights(model, to=0)


def test_text_tokenizer_pipe_returns_it(tmp_path):
    import tf_keras

    tok = legacy.fit_text_tokenizer(tf_keras.preprocessing.text.Tokenizer(num_words=10), ["a b b", "c"])
    assert tok.word_index["b"] == 1
    legacy.save_text_tokenizer(tok, tmp_path / "tok")
    assert legacy.load_text_tokenizer(tmp_path / "tok").word_index == tok.word_index


def test_flow_images_from_data_is_a_pydataset():
    import keras

    batches = legacy.flow_images_from_data(np.zeros((5, 4, 4, 3)), np.arange(5), batch_size=2, shuffle=False)
    assert isinstance(batches, keras.utils.PyDataset) and len(batches) == 3
    x, y = batches[0]
    assert x.shape == (2, 4, 4, 3) and list(y) == [0, 1]


def test_model_checkpoint_writes_to_r_paths(tmp_path):
    import os

    model = tiny_model()
    x, y = np.ones((4, 3), "float32"), np.ones((4, 1), "float32")
    weights = legacy.callback_model_checkpoint(str(tmp_path / "w.{epoch:02d}.hdf5"), monitor="loss",
                                               save_weights_only=True)
    whole = legacy.callback_model_checkpoint(str(tmp_path / "m.hdf5"), monitor="loss", save_best_only=True)
    folder = legacy.callback_model_checkpoint(str(tmp_path / "saved"), monitor="loss")
    model.fit(x, y, epochs=2, verbose=0, callbacks=[weights, whole, folder])
    assert sorted(os.listdir(tmp_path)) == ["m.hdf5", "saved", "w.01.hdf5", "w.02.hdf5"]
    other = tiny_model()
    legacy.load_model_weights_hdf5(other, str(tmp_path / "w.02.hdf5"))
    np.testing.assert_array_equal(other.get_weights()[0], model.get_weights()[0])
    assert legacy.load_model_tf(str(tmp_path / "saved"), compile=False).count_params() == model.count_params()


def test_model_checkpoint_period_warns_as_r_did(tmp_path):
    from rkeras.errors import RKerasWarning

    with pytest.warns(RKerasWarning, match="period argument is deprecated"):
        legacy.callback_model_checkpoint(str(tmp_path / "m.h5"), period=2)
    with pytest.raises(RKerasError, match="mode"):
        legacy.callback_model_checkpoint(str(tmp_path / "m.h5"), mode="best")


def test_reached_from_a_plain_import_rkeras():
    import subprocess
    import sys

    code = "import sys, rkeras; f = rkeras.legacy.fit_text_tokenizer; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # the module itself imports neither TensorFlow nor Keras


def test_decayed_optimizer_trains_on_a_planted_dataset(tmp_path, monkeypatch):
    # R: mnist <- dataset_mnist(); model %>% compile(optimizer = optimizer_rmsprop(lr = 0.01, decay = 0.1), ...)
    import keras

    import rkeras
    from rkeras.dataset_files import plant_dataset

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    plant_dataset("mnist", tmp_path, n=20)
    mnist = rkeras.dataset_mnist()
    x = mnist.train.x.reshape(20, 784).astype("float32") / 255
    y = keras.utils.to_categorical(mnist.train.y, 10)
    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10, activation="softmax")])
    optimizer = legacy.RMSprop(lr=0.01, decay=0.1)
    model.compile(optimizer=optimizer, loss="categorical_crossentropy")
    rkeras.fit(model, x, y, epochs=2, batch_size=5, verbose=0)
    assert int(optimizer.iterations) == 8
    assert float(optimizer.learning_rate) == pytest.approx(0.01 / (1 + 0.1 * 8))


def test_backend_is_keras2s_backend_module():
    # R: K <- backend(); K$mean(x, axis = -1L) inside a layer_lambda function
    import tensorflow as tf

    K = legacy.backend()
    x = tf.constant([[1.0, 3.0], [5.0, 7.0]])
    np.testing.assert_allclose(K.mean(x, axis=-1).numpy(), [2.0, 6.0])
    assert K.epsilon() == pytest.approx(1e-7)

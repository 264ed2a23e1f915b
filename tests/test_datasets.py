"""tf.data datasets (R's tfdatasets) and PyDatasets: passed through, with R's checks."""

from __future__ import annotations

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

from conftest import make_frozen, mean_square

N = 8
X = np.arange(1, N + 1, dtype="float32").reshape(-1, 1)
Y = np.arange(1, N + 1, dtype="float32")


def dataset(batch=3):
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices((X, Y)).batch(batch)


def pydataset(batch=2, seen=None):
    import keras

    class Batches(keras.utils.PyDataset):
        def __len__(self):
            return N // batch

        def __getitem__(self, index):
            if seen is not None:
                seen.append(index)
            return X[index * batch:(index + 1) * batch], Y[index * batch:(index + 1) * batch]

    return Batches()


def generator_function():
    return [X[:2], Y[:2]]


def test_dataset_is_passed_through(recwarn):
    history = rkeras.fit(make_frozen(), dataset(), epochs=2, verbose=0)
    assert history.metrics["loss"] == pytest.approx([mean_square(Y)] * 2, rel=1e-6)
    assert history.params["samples"] is None and history.params["batch_size"] is None
    # shuffle=TRUE, R's default, is not passed on to earn Keras' "will be ignored" warning
    assert not [w for w in recwarn if "shuffle" in str(w.message)]


def test_dataset_as_validation_data():
    history = rkeras.fit(make_frozen(), X[:4], Y[:4], epochs=1, verbose=0, validation_data=dataset())
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(Y), rel=1e-6)


def test_batch_size_with_a_dataset_is_r_error():
    with pytest.raises(RKerasError) as caught:
        rkeras.fit(make_frozen(), dataset(), batch_size=4, epochs=1, verbose=0)
    assert str(caught.value).startswith("Don't set batch_size with a tfdataset as input.")
    assert caught.value.argument == "batch_size"


@pytest.mark.parametrize("make_x", [dataset, pydataset, lambda: generator_function, lambda: iter([(X, Y)])],
                         ids=["dataset", "pydataset", "generator", "iterator"])
def test_y_with_a_stream_is_named_error(make_x):
    with pytest.raises(RKerasError, match="`y` should be None") as caught:
        rkeras.fit(make_frozen(), make_x(), Y, steps_per_epoch=1, epochs=1, verbose=0)
    assert caught.value.argument == "y"


@pytest.mark.parametrize("make_x", [dataset, pydataset, lambda: generator_function, lambda: iter([(X, Y)])],
                         ids=["dataset", "pydataset", "generator", "iterator"])
def test_validation_split_with_a_stream_is_named_error(make_x):
    with pytest.raises(RKerasError, match="only array inputs can be split") as caught:
        rkeras.fit(make_frozen(), make_x(), validation_split=0.2, steps_per_epoch=1, epochs=1, verbose=0)
    assert caught.value.argument == "validation_split"


def test_sample_weight_with_a_stream_is_named_error():
    with pytest.raises(RKerasError, match="third element") as caught:
        rkeras.fit(make_frozen(), dataset(), sample_weight=np.ones(N), epochs=1, verbose=0)
    assert caught.value.argument == "sample_weight"


def test_pydataset_trains_and_shuffles_its_batch_order():
    import keras

    keras.utils.set_random_seed(1)
    seen = []
    history = rkeras.fit(make_frozen(), pydataset(seen=seen), epochs=3, verbose=0, shuffle="batch")
    assert history.metrics["loss"] == pytest.approx([mean_square(Y)] * 3, rel=1e-6)
    seen = seen[-12:]  # Keras reads a batch or two first to learn the shapes
    epochs = [seen[i * 4:(i + 1) * 4] for i in range(3)]
    assert all(sorted(e) == [0, 1, 2, 3] for e in epochs)      # every batch once per epoch
    assert any(e != [0, 1, 2, 3] for e in epochs)              # in a new order (R's "batch" meaning)

    seen = []
    rkeras.fit(make_frozen(), pydataset(seen=seen), epochs=2, verbose=0, shuffle=False)
    assert seen[-8:] == [0, 1, 2, 3] * 2


# --- R's dataset_*() loaders, reading tiny stand-ins planted in a temporary Keras home ----------

from rkeras.dataset_files import DATASETS, plant_dataset  # noqa: E402


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))

    def no_download(*args, **kwargs):
        raise AssertionError(f"tried to download {args} {kwargs}")

    import keras

    monkeypatch.setattr(keras.utils, "get_file", no_download)
    return tmp_path


@pytest.mark.parametrize("name, x_shape, y_shape", [
    ("mnist", (5, 28, 28), (5,)), ("fashion_mnist", (5, 28, 28), (5,)),
    ("cifar10", (5, 32, 32, 3), (5, 1)), ("cifar100", (5, 32, 32, 3), (5, 1)),
])
def test_image_datasets_have_r_structure(keras_home, name, x_shape, y_shape):
    plant_dataset(name, keras_home, n=5)
    data = getattr(rkeras, f"dataset_{name}")()
    assert set(data) == {"train", "test"} and set(data.train) == {"x", "y"}
    assert data.train.x.shape == x_shape and data["test"]["y"].shape == y_shape
    assert data.train.x.dtype == np.uint8
    assert data.train.x is data["train"]["x"]


def test_mnist_reads_the_planted_values_and_path(keras_home):
    import os

    path = plant_dataset("mnist", keras_home, n=4)
    os.rename(path, os.path.join(os.path.dirname(path), "other.npz"))
    with np.load(os.path.join(os.path.dirname(path), "other.npz")) as f:
        expected = f["x_test"]
    np.testing.assert_array_equal(rkeras.dataset_mnist(path="other.npz").test.x, expected)


def test_cifar100_label_modes(keras_home):
    plant_dataset("cifar100", keras_home, n=40)
    assert rkeras.dataset_cifar100().train.y.max() >= 20          # "fine", R's first choice
    assert rkeras.dataset_cifar100(label_mode="coarse").train.y.max() < 20
    with pytest.raises(RKerasError, match="label_mode"):
        rkeras.dataset_cifar100(label_mode="medium")


def test_cifar10_reads_the_layout_older_keras_left(keras_home):
    import shutil

    path = plant_dataset("cifar10", keras_home, n=3)
    shutil.move(path, keras_home / "datasets" / "cifar-10-batches-py")
    assert rkeras.dataset_cifar10().train.x.shape == (3, 32, 32, 3)


def test_imdb_sequences_as_keras_makes_them(keras_home):
    plant_dataset("imdb", keras_home, n=10)
    f = np.load(keras_home / "datasets" / "imdb.npz", allow_pickle=True)
    data = rkeras.dataset_imdb(num_words=50, maxlen=25.7)  # maxlen truncated as R's as.integer
    assert isinstance(data.train.x, list) and data.train.y.dtype == np.int32
    assert all(x[0] == 1 and len(x) < 25 for x in data.train.x)          # start_char, maxlen
    assert all(w == 2 or 3 <= w < 50 for x in data.train.x for w in x[1:])  # oov_char, index_from
    # no argument given: every word kept, shifted by index_from, order by seed 113
    full = rkeras.dataset_imdb()
    rng = np.random.RandomState(113)
    order = np.arange(10)
    rng.shuffle(order)
    assert full.train.x[0] == [1] + [w + 3 for w in f["x_train"][order[0]]]
    assert full.train.y[0] == f["y_train"][order[0]]


def test_reuters_test_split_and_word_indexes(keras_home):
    for name in ("reuters", "reuters_word_index", "imdb_word_index"):
        plant_dataset(name, keras_home, n=10)
    data = rkeras.dataset_reuters(test_split=0.3)
    assert len(data.train.x) == 14 and len(data.test.x) == 6
    assert rkeras.dataset_reuters_word_index()["word1"] == 1           # reads reuters_word_index.pkl
    assert rkeras.dataset_imdb_word_index()["word2"] == 2


def test_boston_housing_split(keras_home):
    plant_dataset("boston_housing", keras_home, n=10)
    data = rkeras.dataset_boston_housing()
    assert data.train.x.shape == (16, 13) and data.test.y.shape == (4,)
    with pytest.raises(RKerasError, match="test_split"):
        rkeras.dataset_boston_housing(test_split=1)


def test_missing_file_goes_to_keras_downloader(tmp_path, monkeypatch):
    import keras

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    calls = []

    def fake_get_file(fname, origin=None, file_hash=None, cache_subdir="datasets", cache_dir=None, **kw):
        calls.append((fname, origin, file_hash, cache_dir))
        return plant_dataset("mnist", tmp_path, n=2)

    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    assert rkeras.dataset_mnist().train.x.shape == (2, 28, 28)
    assert calls == [("mnist.npz", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
                      "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1", str(tmp_path))]


def test_plant_dataset_names(tmp_path):
    assert len(DATASETS) == 9
    with pytest.raises(ValueError, match="name should be one of"):
        plant_dataset("iris", tmp_path)


@pytest.mark.parametrize("kwargs", [{}, {"num_words": 40, "skip_top": 5}, {"maxlen": 12, "oov_char": None},
                                    {"start_char": None, "index_from": 0, "seed": 7}])
def test_sequences_equal_keras_own_loader(keras_home, monkeypatch, kwargs):
    # Keras' loader run on the same planted file (its download-and-hash step skipped)
    from keras.src.datasets import imdb, reuters

    for name, module in (("imdb", imdb), ("reuters", reuters)):
        path = plant_dataset(name, keras_home, n=25)
        monkeypatch.setattr(module, "get_file", lambda *a, path=path, **k: path)
        (x_train, y_train), (x_test, y_test) = module.load_data(**kwargs)
        ours = getattr(rkeras, f"dataset_{name}")(**kwargs)
        assert ours.train.x == [list(x) for x in x_train] and ours.test.x == [list(x) for x in x_test]
        assert list(ours.train.y) == list(y_train) and list(ours.test.y) == list(y_test)


def test_boston_housing_equals_keras_own_loader(keras_home, monkeypatch):
    from keras.src.datasets import boston_housing

    path = plant_dataset("boston_housing", keras_home, n=15)
    monkeypatch.setattr(boston_housing, "get_file", lambda *a, **k: path)
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data(test_split=0.3, seed=5)
    ours = rkeras.dataset_boston_housing(test_split=0.3, seed=5)
    np.testing.assert_array_equal(ours.train.x, x_train)
    np.testing.assert_array_equal(ours.test.y, y_test)

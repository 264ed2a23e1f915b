"""Tiny stand-ins for Keras' data set files, in Keras' exact formats (for tests and offline runs).

``plant_dataset("mnist", keras_home, n=20)`` writes a 20-row ``mnist.npz`` into
``keras_home/datasets/``; with ``KERAS_HOME`` pointing there, ``rkeras.dataset_mnist()`` (and
a ported R script calling ``dataset_mnist()``) reads it without any network. Values are
random but of the right shapes and types (labels cover every class when ``n`` allows).
"""

from __future__ import annotations

import gzip
import json
import os
import pickle

__all__ = ["plant_dataset", "DATASETS"]

DATASETS = ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "imdb_word_index",
            "reuters", "reuters_word_index", "boston_housing")


def _labels(rng, n, classes):
    import numpy as np

    y = np.arange(n) % classes
    rng.shuffle(y)
    return y


def _sequences(rng, n, vocabulary=200, longest=30):
    import numpy as np

    out = np.empty(n, dtype=object)
    for i in range(n):
        out[i] = [int(w) for w in rng.randint(1, vocabulary, size=rng.randint(3, longest))]
    return out


def _words(vocabulary=200):
    return {f"word{i}": i for i in range(1, vocabulary)}


def plant_dataset(name, keras_home, n=20, seed=0):
    """Write a small stand-in of Keras' files for data set ``name`` under ``keras_home``.

    Parameters
    ----------
    name : one of :data:`DATASETS` (R's ``dataset_<name>()``).
    keras_home : the directory to use as ``KERAS_HOME``.
    n : rows in each of train and test (CIFAR: per batch file, one ``data_batch_1``).
    seed : seed of the random values.

    Returns
    -------
    The path written (a file, or the data set's folder).
    """
    import numpy as np

    if name not in DATASETS:
        raise ValueError(f"name should be one of {', '.join(DATASETS)}. Got name={name!r}.")
    rng = np.random.RandomState(seed)
    folder = os.path.join(os.fspath(keras_home), "datasets")
    os.makedirs(folder, exist_ok=True)

    def images(shape):
        return rng.randint(0, 256, size=(n,) + shape).astype("uint8")

    if name == "mnist":
        path = os.path.join(folder, "mnist.npz")
        np.savez(path, x_train=images((28, 28)), y_train=_labels(rng, n, 10).astype("uint8"),
                 x_test=images((28, 28)), y_test=_labels(rng, n, 10).astype("uint8"))
        return path
    if name == "fashion_mnist":
        path = os.path.join(folder, "fashion-mnist")
        os.makedirs(path, exist_ok=True)
        for prefix in ("train", "t10k"):
            with gzip.open(os.path.join(path, f"{prefix}-labels-idx1-ubyte.gz"), "wb") as handle:
                handle.write(b"\0" * 8 + _labels(rng, n, 10).astype("uint8").tobytes())
            with gzip.open(os.path.join(path, f"{prefix}-images-idx3-ubyte.gz"), "wb") as handle:
                handle.write(b"\0" * 16 + images((28, 28)).tobytes())
        return path
    if name in ("cifar10", "cifar100"):
        inner = "cifar-10-batches-py" if name == "cifar10" else "cifar-100-python"
        path = os.path.join(folder, inner + "-target", inner)
        os.makedirs(path, exist_ok=True)
        files = ("data_batch_1", "test_batch") if name == "cifar10" else ("train", "test")
        for fname in files:
            batch = {b"data": images((3072,))}
            if name == "cifar10":
                batch[b"labels"] = [int(v) for v in _labels(rng, n, 10)]
            else:
                batch[b"fine_labels"] = [int(v) for v in _labels(rng, n, 100)]
                batch[b"coarse_labels"] = [int(v) for v in _labels(rng, n, 20)]
            with open(os.path.join(path, fname), "wb") as handle:
                pickle.dump(batch, handle)
        return path
    if name == "imdb":
        path = os.path.join(folder, "imdb.npz")
        np.savez(path, x_train=_sequences(rng, n), y_train=_labels(rng, n, 2),
                 x_test=_sequences(rng, n), y_test=_labels(rng, n, 2))
        return path
    if name == "reuters":
        path = os.path.join(folder, "reuters.npz")
        np.savez(path, x=_sequences(rng, 2 * n), y=_labels(rng, 2 * n, 46))
        return path
    if name in ("imdb_word_index", "reuters_word_index"):
        fname = "imdb_word_index.json" if name == "imdb_word_index" else "reuters_word_index.pkl"
        path = os.path.join(folder, fname)
        with open(path, "w", encoding="utf8") as handle:
            json.dump(_words(), handle)
        return path
    path = os.path.join(folder, "boston_housing.npz")
    np.savez(path, x=rng.uniform(0, 100, size=(2 * n, 13)), y=rng.uniform(5, 50, size=2 * n))
    return path

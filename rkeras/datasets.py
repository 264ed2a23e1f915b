"""R's data sets: ``iris`` shipped inside rkeras, and R keras' ``dataset_*()`` loaders.

The loaders return R's structure, ``list(train = list(x, y), test = list(x, y))``, as a
:class:`NamedList` (a dict whose names are also attributes): R's ``mnist$train$x`` is
``mnist.train.x`` or ``mnist["train"]["x"]``.

Files come from Keras' own cache and downloader: the Keras home (``KERAS_HOME``, else
``~/.keras``, read at each call) under ``datasets/``, with Keras' file names, so a machine
where Keras (or R keras) already downloaded a data set needs no network. A file that is
missing is downloaded with ``keras.utils.get_file``, which checks Keras' published hash.

Differences from R keras
------------------------
- A file already in the cache is read as it is, without Keras' hash check, by rkeras'
  readers of Keras' formats (Keras 3.15's loaders re-download and delete a cached file whose
  hash differs). So small stand-in files planted by :func:`plant_dataset` work offline.
- CIFAR: every ``data_batch_*`` file present is read, whatever its size (Keras 3.15 always
  allocates 50,000 training rows); the real files give Keras' 50,000. rkeras also finds the
  layout older Keras (and R keras) left, ``datasets/cifar-10-batches-py/``.
- ``dataset_imdb()`` / ``dataset_reuters()``: ``x`` is a list of lists of ints (R: a list of
  integer vectors), ``y`` an int32 array.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
from importlib import resources

__all__ = [
    "load_iris", "NamedList", "keras_home", "plant_dataset",
    "dataset_mnist", "dataset_fashion_mnist", "dataset_cifar10", "dataset_cifar100",
    "dataset_imdb", "dataset_imdb_word_index", "dataset_reuters", "dataset_reuters_word_index",
    "dataset_boston_housing",
]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
#: Keras 3.15's published hashes (sha256), checked when a file is downloaded.
_HASHES = {
    "mnist.npz": "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    "imdb.npz": "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
    "reuters.npz": "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
    "boston_housing.npz": "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
    "cifar-10": "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
}
_FASHION = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"]
_CIFAR = {
    "cifar10": ("cifar-10-batches-py", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"),
    "cifar100": ("cifar-100-python", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"),
}


class NamedList(dict):
    """An R named list: a dict whose names are also attributes (``x.train.x``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self):
        return list(self) + list(super().__dir__())


def _split(x_train, y_train, x_test, y_test):
    return NamedList(train=NamedList(x=x_train, y=y_train), test=NamedList(x=x_test, y=y_test))


def load_iris():
    """R's ``datasets::iris`` as a pandas DataFrame.

    150 rows; columns ``Sepal.Length``, ``Sepal.Width``, ``Petal.Length``,
    ``Petal.Width`` (floats) and ``Species``, a factor (pandas Categorical)
    with levels ``setosa``, ``versicolor``, ``virginica``, as in R.
    """
    import pandas as pd

    with resources.files("rkeras").joinpath("data/iris.csv").open("r") as handle:
        frame = pd.read_csv(handle)
    frame["Species"] = pd.Categorical(frame["Species"], categories=["setosa", "versicolor", "virginica"])
    return frame


# --- the cache -------------------------------------------------------------------------------

def keras_home():
    """Keras' home directory, read now: ``KERAS_HOME``, else ``~/.keras``."""
    return os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")


def cached_path(fname, subdir="datasets", cache_dir=None):
    """Path of ``fname`` already in Keras' cache (``cache_dir``, else Keras' home), or None.
    A file found there is used as it is, without Keras' hash check."""
    path = os.path.join(os.path.expanduser(cache_dir or keras_home()), subdir or "datasets", str(fname))
    return path if os.path.exists(path) else None


def _cached(fname, origin, file_hash=None, subdir="datasets"):
    """Path of ``fname`` in Keras' cache, downloading it (hash checked) when it is missing."""
    path = cached_path(fname, subdir)
    if path is not None:
        return path
    from keras.utils import get_file

    return get_file(fname, origin=origin, file_hash=file_hash, cache_subdir=subdir, cache_dir=keras_home())


def _int(argument, value, allow_none=False):
    from .errors import arg_error

    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
            or value in (float("inf"), float("-inf")):
        raise arg_error(argument, value, "a whole number" + (" or None" if allow_none else ""))
    return int(value)


def _load_npz(path):
    """An npz file, object (ragged) arrays included, through Keras' restricted unpickler."""
    try:
        from keras.src.datasets.npz_utils import load_npz
    except ImportError:  # older Keras 3 read these with allow_pickle
        import numpy as np

        with np.load(path, allow_pickle=True) as f:
            return {k: f[k] for k in f.files}
    return load_npz(path)


# --- image data sets -------------------------------------------------------------------------

def dataset_mnist(path="mnist.npz"):
    """R's ``dataset_mnist(path = "mnist.npz")``: 28 x 28 grayscale digits.

    Returns ``train`` / ``test``, each with ``x`` (uint8, n x 28 x 28) and ``y`` (uint8, n).
    """
    import numpy as np

    with np.load(_cached(path, _ORIGIN + "mnist.npz", _HASHES["mnist.npz"]), allow_pickle=False) as f:
        return _split(f["x_train"], f["y_train"], f["x_test"], f["y_test"])


def dataset_fashion_mnist():
    """R's ``dataset_fashion_mnist()``: Zalando's 28 x 28 grayscale clothes images."""
    import numpy as np

    parts = []
    for fname in _FASHION:
        path = _cached(fname, _ORIGIN + fname, subdir=os.path.join("datasets", "fashion-mnist"))
        with gzip.open(path, "rb") as handle:
            data = handle.read()
        if "labels" in fname:
            parts.append(np.frombuffer(data, np.uint8, offset=8))
        else:
            parts.append(np.frombuffer(data, np.uint8, offset=16).reshape(-1, 28, 28))
    y_train, x_train, y_test, x_test = parts
    return _split(x_train, y_train, x_test, y_test)


class _ArraysOnly(pickle.Unpickler):
    """Unpickles CIFAR batches: numpy arrays and builtins only."""

    allowed = {("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
               ("numpy._core.multiarray", "_reconstruct")}

    def find_class(self, module, name):
        if (module, name) in self.allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a CIFAR batch file")


def _cifar_dir(which):
    inner, origin = _CIFAR[which]
    home = os.path.join(keras_home(), "datasets")
    for candidate in (os.path.join(home, inner + "-target", inner), os.path.join(home, inner)):
        if os.path.isdir(candidate):
            return candidate
    from keras.utils import get_file

    path = get_file(inner + "-target", origin=origin, extract=True, cache_dir=keras_home(),
                    file_hash=_HASHES["cifar-10"] if which == "cifar10" else None)
    return os.path.join(path, inner)


def _cifar_batch(path, label_key):
    import numpy as np

    with open(path, "rb") as handle:
        batch = {k.decode("utf8") if isinstance(k, bytes) else k: v
                 for k, v in _ArraysOnly(handle, encoding="bytes").load().items()}
    x = np.asarray(batch["data"], dtype="uint8").reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    y = np.asarray(batch[label_key], dtype="uint8").reshape(-1, 1)
    return x, y


def dataset_cifar10():
    """R's ``dataset_cifar10()``: 32 x 32 colour images of 10 classes.

    ``x`` is uint8, n x 32 x 32 x 3 (channels last); ``y`` is uint8, n x 1, as Keras gives.
    """
    import numpy as np

    folder = _cifar_dir("cifar10")
    names = sorted(n for n in os.listdir(folder) if n.startswith("data_batch_"))
    batches = [_cifar_batch(os.path.join(folder, n), "labels") for n in names]
    x_test, y_test = _cifar_batch(os.path.join(folder, "test_batch"), "labels")
    return _split(np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches]),
                  x_test, y_test)


def dataset_cifar100(label_mode=("fine", "coarse")):
    """R's ``dataset_cifar100(label_mode = c("fine", "coarse"))``: 100 fine or 20 coarse classes."""
    from .errors import arg_error

    if isinstance(label_mode, (tuple, list)):
        label_mode = label_mode[0]
    if label_mode not in ("fine", "coarse"):
        raise arg_error("label_mode", label_mode, 'one of "fine", "coarse"')
    folder = _cifar_dir("cifar100")
    x_train, y_train = _cifar_batch(os.path.join(folder, "train"), f"{label_mode}_labels")
    x_test, y_test = _cifar_batch(os.path.join(folder, "test"), f"{label_mode}_labels")
    return _split(x_train, y_train, x_test, y_test)


# --- word sequences --------------------------------------------------------------------------

def _sequences(parts, num_words, skip_top, maxlen, start_char, oov_char, index_from):
    """Keras' processing of word-index sequences, same steps in the same order, on
    ``parts`` (a list of ``(sequences, labels)``, e.g. train and test)."""
    from .errors import arg_error

    out = []
    for xs, labels in parts:
        if start_char is not None:
            xs = [[start_char] + [int(w) + index_from for w in x] for x in xs]
        elif index_from:
            xs = [[int(w) + index_from for w in x] for x in xs]
        else:
            xs = [[int(w) for w in x] for x in xs]
        labels = list(labels)
        if maxlen:
            kept = [(x, y) for x, y in zip(xs, labels) if len(x) < maxlen]
            if not kept:
                raise arg_error("maxlen", maxlen, "larger: no sequence is shorter than it")
            xs, labels = [k[0] for k in kept], [k[1] for k in kept]
        out.append((xs, labels))
    if not num_words:
        num_words = max((max(x) for xs, _ in out for x in xs if x), default=0)
    if oov_char is not None:
        return [([[w if skip_top <= w < num_words else oov_char for w in x] for x in xs], labels)
                for xs, labels in out]
    return [([[w for w in x if skip_top <= w < num_words] for x in xs], labels) for xs, labels in out]


def _shuffled(rng, *arrays):
    import numpy as np

    indices = np.arange(len(arrays[0]))
    rng.shuffle(indices)
    return [a[indices] for a in arrays]


def dataset_imdb(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1,
                 oov_char=2, index_from=3):
    """R's ``dataset_imdb()`` (R defaults shown): movie reviews as word-index sequences.

    Each of ``train`` / ``test`` has ``x``, a list of lists of word indices, and ``y``,
    0/1 labels. The arguments mean what Keras' ``imdb.load_data`` makes of them; numbers
    are truncated as R's ``as.integer()`` did.
    """
    import numpy as np

    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    f = _load_npz(_cached(path, _ORIGIN + "imdb.npz", _HASHES["imdb.npz"]))
    rng = np.random.RandomState(args["seed"])
    x_train, y_train = _shuffled(rng, f["x_train"], f["y_train"])
    x_test, y_test = _shuffled(rng, f["x_test"], f["y_test"])
    args.pop("seed")
    (x_train, y_train), (x_test, y_test) = _sequences([(x_train, y_train), (x_test, y_test)], **args)
    return _split(x_train, np.asarray(y_train, dtype="int32"), x_test, np.asarray(y_test, dtype="int32"))


def dataset_reuters(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2, seed=113,
                    start_char=1, oov_char=2, index_from=3):
    """R's ``dataset_reuters()`` (R defaults shown): newswires as word-index sequences, 46 topics."""
    import numpy as np

    args = _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from)
    f = _load_npz(_cached(path, _ORIGIN + "reuters.npz", _HASHES["reuters.npz"]))
    rng = np.random.RandomState(args["seed"])
    xs, labels = _shuffled(rng, f["x"], f["y"])
    args.pop("seed")
    ((xs, labels),) = _sequences([(xs, labels)], **args)
    n = int(len(xs) * (1 - test_split))
    return _split(xs[:n], np.asarray(labels[:n], dtype="int32"), xs[n:], np.asarray(labels[n:], dtype="int32"))


def _seq_args(num_words, skip_top, maxlen, seed, start_char, oov_char, index_from):
    return dict(num_words=_int("num_words", num_words, True), skip_top=_int("skip_top", skip_top),
                maxlen=_int("maxlen", maxlen, True), seed=_int("seed", seed),
                start_char=_int("start_char", start_char, True), oov_char=_int("oov_char", oov_char, True),
                index_from=_int("index_from", index_from))


def dataset_imdb_word_index(path="imdb_word_index.json"):
    """R's ``dataset_imdb_word_index()``: a dict word -> index (R: a named list)."""
    with open(_cached(path, _ORIGIN + "imdb_word_index.json"), encoding="utf8") as handle:
        return json.load(handle)


def dataset_reuters_word_index(path="reuters_word_index.pkl"):
    """R's ``dataset_reuters_word_index(path = "reuters_word_index.pkl")``: a dict word -> index.

    R keras cached Keras' JSON word index under the name ``reuters_word_index.pkl``; rkeras
    reads the same file (JSON, whatever its name).
    """
    with open(_cached(path, _ORIGIN + "reuters_word_index.json"), encoding="utf8") as handle:
        return json.load(handle)


# --- tabular -----------------------------------------------------------------------------------

def dataset_boston_housing(path="boston_housing.npz", test_split=0.2, seed=113):
    """R's ``dataset_boston_housing()``: 13 features of Boston suburbs and median prices."""
    import numpy as np

    from .errors import arg_error

    if not 0 <= test_split < 1:
        raise arg_error("test_split", test_split, "a number in [0, 1)")
    with np.load(_cached(path, _ORIGIN + "boston_housing.npz", _HASHES["boston_housing.npz"]),
                 allow_pickle=False) as f:
        x, y = f["x"], f["y"]
    x, y = _shuffled(np.random.RandomState(_int("seed", seed)), x, y)
    n = int(len(x) * (1 - test_split))
    return _split(np.array(x[:n]), np.array(y[:n]), np.array(x[n:]), np.array(y[n:]))


from .dataset_files import plant_dataset  # noqa: E402  (the stand-in writer, for tests and the corpus runner)

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

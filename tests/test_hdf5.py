"""HDF5 data (R's HDF5Matrix, here an h5py.Dataset) read lazily in batch-sized slices."""

from __future__ import annotations

import math

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

from conftest import make_frozen, mean_square

h5py = pytest.importorskip("h5py")

N, B = 22, 4


@pytest.fixture
def h5(tmp_path):
    """x = y = 1..N (doubles, as R writes them), labels 0, 1, 2, 0, ... and an open file."""
    path = tmp_path / "data.h5"
    values = np.arange(1, N + 1, dtype="float64")
    with h5py.File(path, "w") as f:
        f["x"] = values.reshape(-1, 1)
        f["y"] = values
        f["labels"] = np.arange(N) % 3
        f["weights"] = 1.0 / values
        bad = values.reshape(-1, 1).copy()
        bad[13] = np.nan
        f["bad"] = bad
    handle = h5py.File(path, "r")
    yield handle
    handle.close()


@pytest.fixture
def reads(monkeypatch):
    """Every slice rkeras reads from an HDF5 dataset: (dataset name, start, stop)."""
    log = []
    original = h5py.Dataset.__getitem__

    def recording(self, key):
        if isinstance(key, slice):
            log.append((self.name, key.start or 0, self.shape[0] if key.stop is None else key.stop))
        else:
            log.append((self.name, "whole", key))
        return original(self, key)

    monkeypatch.setattr(h5py.Dataset, "__getitem__", recording)
    return log


def test_fit_on_hdf5_reads_contiguous_batches_never_whole(h5, reads):
    history = rkeras.fit(make_frozen(), h5["x"], h5["y"], batch_size=B, epochs=2, shuffle=False, verbose=0)
    values = np.arange(1, N + 1, dtype="float64")
    assert history.metrics["loss"] == pytest.approx([mean_square(values)] * 2, rel=1e-6)
    assert history.params["samples"] == N
    assert reads and all(isinstance(start, int) and 0 < stop - start <= B for _, start, stop in reads)
    x_reads = [(start, stop) for name, start, stop in reads if name == "/x"]
    # the first slice is read once up front (to learn its shapes), then every epoch in order
    expected = [(s, min(s + B, N)) for s in range(0, N, B)]
    assert x_reads[-2 * len(expected):] == expected * 2


def test_shuffle_batch_reads_chunks_in_a_new_order(h5, reads):
    import keras

    keras.utils.set_random_seed(2)
    rkeras.fit(make_frozen(), h5["x"], h5["y"], batch_size=B, epochs=3, shuffle="batch", verbose=0)
    chunks = [(s, min(s + B, N)) for s in range(0, N, B)]
    x_reads = [(start, stop) for name, start, stop in reads if name == "/x"][-3 * len(chunks):]
    epochs = [x_reads[i * len(chunks):(i + 1) * len(chunks)] for i in range(3)]
    assert all(sorted(e) == chunks and e[-1] == chunks[-1] for e in epochs)
    assert len({tuple(e) for e in epochs}) > 1


def test_shuffle_true_on_hdf5_points_to_batch(h5):
    with pytest.raises(RKerasError, match='shuffle="batch"') as caught:
        rkeras.fit(make_frozen(), h5["x"], h5["y"], epochs=1, verbose=0)   # R's default shuffle = TRUE
    assert caught.value.argument == "shuffle"


def test_validation_split_slices_the_tail(h5, reads):
    history = rkeras.fit(make_frozen(), h5["x"], h5["y"], batch_size=B, epochs=1, shuffle="batch",
                         validation_split=0.25, verbose=0)
    values = np.arange(1, N + 1, dtype="float64")
    split = math.floor(N * 0.75)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(values[:split]), rel=1e-6)
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(values[split:]), rel=1e-6)
    assert history.params["samples"] == split and history.params["validation_samples"] == N - split
    assert all(stop - start <= B for _, start, stop in reads)


def test_hdf5_validation_data_and_mixed_inputs(h5, reads):
    values = np.arange(1, N + 1, dtype="float64")
    history = rkeras.fit(make_frozen(), values[:8].reshape(-1, 1), values[:8], batch_size=B, epochs=1,
                         verbose=0, validation_data=(h5["x"], values))   # HDF5 x_val, in-memory y_val
    assert history.metrics["val_loss"][0] == pytest.approx(mean_square(values), rel=1e-6)
    assert history.params["validation_samples"] == N
    assert all(stop - start <= B for _, start, stop in reads)


def test_hdf5_sample_weights(h5):
    history = rkeras.fit(make_frozen(), h5["x"], h5["y"], sample_weight=h5["weights"], batch_size=B,
                         epochs=1, shuffle="batch", verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(np.mean(np.arange(1, N + 1)), rel=1e-6)


def test_hdf5_class_weights(h5):
    model = make_frozen(inputs=1, outputs=3, metrics=(), loss="sparse_categorical_crossentropy",
                        activation="softmax")
    history = rkeras.fit(model, h5["x"], h5["labels"], class_weight={"1": 1, "2": 2, "3": 6}, batch_size=B,
                         epochs=1, shuffle=False, verbose=0)
    labels = np.arange(N) % 3
    assert history.metrics["loss"][0] / math.log(3) == pytest.approx(np.mean([[1, 2, 6][c] for c in labels]),
                                                                     rel=1e-5)


def test_non_finite_values_in_the_file_are_named(h5):
    with pytest.raises(RKerasError, match=r"`x` should hold finite numbers\. .* at 1-based sample 14 of the HDF5 data") as caught:
        rkeras.fit(make_frozen(), h5["bad"], h5["y"], batch_size=B, epochs=1, shuffle=False, verbose=0)
    assert caught.value.argument == "x"


def test_sample_counts_must_agree(h5):
    with pytest.raises(RKerasError, match="as many samples"):
        rkeras.fit(make_frozen(), h5["x"], np.ones(N - 1), epochs=1, shuffle=False, verbose=0)


def test_several_inputs_from_hdf5_by_name(h5, reads):
    import keras

    a, b = keras.Input((1,), name="a"), keras.Input((1,), name="b")
    out = keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")(
        keras.layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    history = rkeras.fit(model, {"a": h5["x"], "b": np.zeros((N, 1))}, h5["y"], batch_size=B, epochs=1,
                         shuffle="batch", verbose=0)
    assert history.metrics["loss"][0] == pytest.approx(mean_square(np.arange(1, N + 1)), rel=1e-6)
    assert all(stop - start <= B for _, start, stop in reads)
    with pytest.raises(RKerasError, match="input names"):
        rkeras.fit(model, {"a": h5["x"], "c": h5["x"]}, h5["y"], shuffle=False, epochs=1, verbose=0)


@pytest.mark.parametrize("argument", ["x", "validation_data"])
def test_closed_file_is_clear_error_before_training(h5, argument):
    x, y = h5["x"], h5["y"]
    h5.close()   # R: the HDF5Matrix's file closed before fit()
    model = make_frozen()
    data = (x, y) if argument == "x" else (np.ones((4, 1)), np.ones(4))
    validation = (x, y) if argument == "validation_data" else None
    with pytest.raises(RKerasError, match="should be an HDF5 dataset of an open file.*closed") as caught:
        rkeras.fit(model, *data, batch_size=B, epochs=1, verbose=0, shuffle=False, validation_data=validation)
    assert caught.value.argument == ("x" if argument == "x" else "validation_data[[1]]")
    assert int(model.optimizer.iterations.numpy()) == 0

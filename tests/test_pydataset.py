"""PyDatasets and tf_keras Sequences (R's image and text flows) on either engine's model.

Batch ``i`` of the recording datasets below holds ``x = y = i + 1``, so with a
frozen model (it predicts 0) an epoch's loss is the mean of ``(i + 1)**2`` over
the batches it trained on: which batches each epoch got shows in the numbers,
and ``optimizer.iterations`` counts them.
"""

from __future__ import annotations

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

ENGINES = ["keras", "tf_keras"]


def engine_module(name):
    return pytest.importorskip(name)


def frozen(engine="keras"):
    k = engine_module(engine)
    model = k.Sequential([k.Input((1,)), k.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")])
    model.compile(optimizer=k.optimizers.SGD(learning_rate=0.0), loss="mse")
    return model


def recording(engine="keras", length=4, batch=2, log=None, bad_index=None, endless=False):
    """A PyDataset (keras) or Sequence (tf_keras) that logs what is read and its epoch hooks."""
    k = engine_module(engine)
    base = k.utils.PyDataset if engine == "keras" else k.utils.Sequence
    log = [] if log is None else log

    class Recording(base):
        def __init__(self):
            super().__init__()

        def __len__(self):
            return length

        if endless:
            @property
            def num_batches(self):
                return None

        def __getitem__(self, index):
            log.append(index)
            value = float(index + 1)
            x = np.full((batch, 1), value)
            if index == bad_index:
                x = np.full((batch, 2), value)
            return x, np.full(batch, value)

        def on_epoch_end(self):
            log.append("end")

    return Recording(), log


def losses(batches):
    """The frozen model's loss over the given 0-based batch indices."""
    return float(np.mean([(i + 1.0) ** 2 for i in batches]))


def trained(model) -> int:
    return int(model.optimizer.iterations.numpy())


def cross(engine):
    """The other engine's kind of data."""
    return "tf_keras" if engine == "keras" else "keras"


@pytest.mark.parametrize("model_engine", ENGINES)
@pytest.mark.parametrize("data_engine", ENGINES)
def test_one_pass_is_one_epoch_on_either_engine(model_engine, data_engine):
    data, log = recording(data_engine)
    model = frozen(model_engine)
    history = rkeras.fit(model, data, epochs=3, verbose=0, shuffle=False)
    assert history.metrics["loss"] == pytest.approx([losses(range(4))] * 3, rel=1e-6)
    assert trained(model) == 12
    reads = [i for i in log if i != "end"]
    assert reads == [0, 1, 2, 3] * 3       # batch 0 read once to learn the shapes, then served
    assert log.count("end") == 3           # on_epoch_end after every pass, as Keras calls it


@pytest.mark.parametrize("model_engine", ENGINES)
@pytest.mark.parametrize("data_engine", ENGINES)
def test_steps_per_epoch_one_less_than_length_is_an_endless_stream(model_engine, data_engine):
    # R: flow_images_from_data() with steps_per_epoch = as.integer(n / batch_size), one batch short:
    # every epoch trains steps_per_epoch batches, continuing where the last stopped and wrapping around
    data, log = recording(data_engine, length=4)
    model = frozen(model_engine)
    history = rkeras.fit(model, data, steps_per_epoch=3, epochs=4, verbose=0)
    order = [0, 1, 2, 3] * 3
    assert history.metrics["loss"] == pytest.approx([losses(order[e * 3:(e + 1) * 3]) for e in range(4)], rel=1e-6)
    assert trained(model) == 12            # Keras 3 alone: 3 + 1 + 3 + 1
    assert [i for i in log if i != "end"] == order  # nothing read beyond what training needs
    assert log.count("end") == 3           # one per full pass


def test_shuffle_gives_each_epoch_a_new_order_of_all_batches():
    import keras

    keras.utils.set_random_seed(3)
    data, log = recording(length=6)
    history = rkeras.fit(frozen(), data, epochs=3, verbose=0)   # shuffle = TRUE, R's default
    assert history.metrics["loss"] == pytest.approx([losses(range(6))] * 3, rel=1e-6)
    reads = [i for i in log if i != "end"]
    assert sorted(reads) == sorted(list(range(6)) * 3)
    assert reads[1:] != [1, 2, 3, 4, 5] + [0, 1, 2, 3, 4, 5] * 2


def test_validation_pydataset_one_pass_or_validation_steps_continuing():
    data, _ = recording(length=2)
    val, val_log = recording(length=3)
    history = rkeras.fit(frozen(), data, epochs=2, verbose=0, validation_data=val)
    assert history.metrics["val_loss"] == pytest.approx([losses(range(3))] * 2, rel=1e-6)

    val, val_log = recording("tf_keras", length=3)
    history = rkeras.fit(frozen(), data, epochs=3, verbose=0, validation_data=val, validation_steps=2)
    order = [0, 1, 2] * 2
    assert history.metrics["val_loss"] == pytest.approx([losses(order[e * 2:(e + 1) * 2]) for e in range(3)],
                                                        rel=1e-6)


def test_tf_keras_image_flow_with_a_keras_3_model():
    tf_keras = engine_module("tf_keras")
    import keras

    images = np.arange(1, 11, dtype="float32").reshape(10, 1, 1, 1)
    labels = np.arange(1, 11, dtype="float32")
    flow = tf_keras.preprocessing.image.ImageDataGenerator().flow(images, labels, batch_size=4, shuffle=False)
    model = keras.Sequential([keras.Input((1, 1, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(1, kernel_initializer="zeros", bias_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")
    history = rkeras.fit(model, flow, steps_per_epoch=10 // 4, epochs=3, verbose=0)  # len(flow) = 3
    batches = [labels[0:4], labels[4:8], labels[8:10]]
    stream = [batches[i % 3] for i in range(6)]
    expected = [float(np.mean(np.concatenate(stream[e * 2:(e + 1) * 2]) ** 2)) for e in range(3)]
    assert history.metrics["loss"] == pytest.approx(expected, rel=1e-6)
    assert trained(model) == 6


@pytest.mark.parametrize("engine", ENGINES)
def test_evaluate_and_predict_take_the_other_engines_data(engine):
    data, _ = recording(cross(engine), length=3)
    model = frozen(engine)
    assert rkeras.evaluate(model, data, verbose=0)["loss"] == pytest.approx(losses(range(3)), rel=1e-6)
    assert rkeras.predict(model, data, verbose=0).shape == (6, 1)


def test_endless_pydataset_needs_steps_per_epoch():
    data, log = recording(endless=True)
    model = frozen()
    with pytest.raises(RKerasError, match="without an end") as caught:
        rkeras.fit(model, data, epochs=1, verbose=0)
    assert caught.value.argument == "steps_per_epoch" and log == [] and trained(model) == 0
    history = rkeras.fit(model, data, steps_per_epoch=3, epochs=2, verbose=0)
    assert history.metrics["loss"] == pytest.approx([losses([0, 1, 2]), losses([3, 4, 5])], rel=1e-6)


def test_bad_batch_is_error_naming_it():
    data, _ = recording(length=4, bad_index=2)
    with pytest.raises(RKerasError, match=r"`x` \(a PyDataset\), batch 3, should have the shape of the first batch"):
        rkeras.fit(frozen(), data, epochs=1, verbose=0, shuffle=False)


def test_empty_pydataset_is_error():
    data, _ = recording(length=0)
    with pytest.raises(RKerasError, match="at least one batch") as caught:
        rkeras.fit(frozen(), data, epochs=1, verbose=0)
    assert caught.value.argument == "x"

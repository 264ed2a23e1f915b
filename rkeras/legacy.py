"""What R keras scripts used that Keras 3 dropped or changed, kept with R's meaning.

The porter targets these where idiomatic Keras 3 has no call with the same meaning
(``rkeras.port.keras_api``); they are plain public functions, usable by hand too.

- Optimizers with the legacy ``decay`` (R keras before 2.11: ``optimizer_rmsprop(lr = 1e-4,
  decay = 1e-6)``): :func:`RMSprop`, :func:`Adam`, :func:`SGD`, ... build the Keras 3
  optimizer with ``learning_rate`` an ``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``,
  which is Keras 2's ``lr / (1 + decay * iterations)``.
- Saving: :func:`save_model_tf` / :func:`load_model_tf`, :func:`save_model_weights_hdf5` /
  :func:`load_model_weights_hdf5` (and the ``_tf`` pair) write and read at the path R gave.
- Methods R called as functions and that return their object in R (so pipes work):
  :func:`fit_text_tokenizer`, :func:`adapt`, :func:`set_vocabulary`, :func:`reset_states`,
  :func:`freeze_weights`, :func:`unfreeze_weights`, :func:`fit_image_data_generator`.
- Image generators: :func:`flow_images_from_data` / ``_directory`` / ``_dataframe`` use
  tf_keras' ``ImageDataGenerator`` (Keras 3 removed it) and return a Keras 3
  ``PyDataset``, which ``fit`` / ``evaluate`` / ``predict`` take directly.

Differences from R keras
------------------------
``save_model_tf`` writes a directory holding ``model.keras`` (Keras 3 cannot reload a
SavedModel as a model); ``load_model_tf`` reads that, and loads a SavedModel written by R
keras with ``tf_keras`` (the legacy engine). Weights written by ``save_model_weights_tf``
are HDF5 (Keras 3 has no TensorFlow-checkpoint weights).
"""

from __future__ import annotations

import os
import pickle

__all__ = [
    "Adadelta", "Adagrad", "Adam", "Adamax", "Ftrl", "Nadam", "RMSprop", "SGD",
    "legacy_decay", "save_model_tf", "load_model_tf", "save_model_weights_hdf5",
    "load_model_weights_hdf5", "save_model_weights_tf", "load_model_weights_tf",
    "fit_text_tokenizer", "save_text_tokenizer", "load_text_tokenizer", "adapt",
    "get_vocabulary", "set_vocabulary", "reset_states", "freeze_weights", "unfreeze_weights",
    "fit_image_data_generator", "flow_images_from_data", "flow_images_from_directory",
    "flow_images_from_dataframe", "image_array_resize",
]

_MODEL_FILE = "model.keras"


# --- optimizers with R keras' legacy decay -------------------------------------------------

def legacy_decay(learning_rate, decay):
    """Keras 2's ``lr / (1 + decay * iterations)`` as a Keras 3 schedule (or ``learning_rate``
    itself when ``decay`` is 0)."""
    from .errors import arg_error

    if isinstance(decay, bool) or not isinstance(decay, (int, float)) or decay != decay or decay < 0:
        raise arg_error("decay", decay, "a number >= 0")
    if decay == 0:
        return learning_rate
    import keras

    return keras.optimizers.schedules.InverseTimeDecay(
        initial_learning_rate=learning_rate, decay_steps=1, decay_rate=decay)


def _optimizer(class_name):
    def build(learning_rate=None, decay=0.0, **kwargs):
        import keras

        cls = getattr(keras.optimizers, class_name)
        if "lr" in kwargs:
            learning_rate = kwargs.pop("lr")
        if learning_rate is None:
            learning_rate = __import__("inspect").signature(cls).parameters["learning_rate"].default
        return cls(learning_rate=legacy_decay(learning_rate, decay), **kwargs)

    build.__name__ = build.__qualname__ = class_name
    build.__doc__ = (
        f"``keras.optimizers.{class_name}`` with R keras' legacy ``decay`` (default 0).\n\n"
        "``learning_rate`` (R's ``lr``) decays as ``lr / (1 + decay * iterations)``, Keras 2's\n"
        "meaning, through ``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``. Other\n"
        f"arguments go to ``keras.optimizers.{class_name}`` unchanged.")
    return build


Adadelta = _optimizer("Adadelta")
Adagrad = _optimizer("Adagrad")
Adam = _optimizer("Adam")
Adamax = _optimizer("Adamax")
Ftrl = _optimizer("Ftrl")
Nadam = _optimizer("Nadam")
RMSprop = _optimizer("RMSprop")
SGD = _optimizer("SGD")


# --- saving and loading ---------------------------------------------------------------------

def _check_overwrite(filepath, overwrite):
    from .errors import RKerasError

    if not overwrite and os.path.exists(filepath):
        raise RKerasError(f"File '{filepath}' already exists (pass overwrite = TRUE to force save).")


def save_model_tf(object, filepath, overwrite=True, include_optimizer=True, signatures=None, options=None):
    """R's ``save_model_tf()``: the model in directory ``filepath`` (as ``model.keras``).

    R defaults: ``overwrite = TRUE``, ``include_optimizer = TRUE``. ``signatures`` and
    ``options`` (SavedModel settings) have no Keras 3 counterpart and must stay NULL.
    Returns the model, as R did (invisibly).
    """
    from .errors import arg_error

    for name, value in (("signatures", signatures), ("options", options)):
        if value is not None:
            raise arg_error(name, value, "NULL (Keras 3 models are not saved as SavedModels)")
    _check_overwrite(filepath, overwrite)
    os.makedirs(filepath, exist_ok=True)
    if include_optimizer:
        object.save(os.path.join(filepath, _MODEL_FILE))
    else:
        # a .keras file without the optimizer: save a compile-free copy
        import keras

        clone = keras.models.clone_model(object)
        clone.set_weights(object.get_weights())
        clone.save(os.path.join(filepath, _MODEL_FILE))
    return object


def load_model_tf(filepath, custom_objects=None, compile=True):
    """R's ``load_model_tf()``: reads :func:`save_model_tf`'s directory; a TensorFlow
    SavedModel (written by R keras) loads with ``tf_keras`` (a legacy-engine model)."""
    model_file = os.path.join(filepath, _MODEL_FILE)
    if os.path.isfile(model_file):
        import keras

        return keras.saving.load_model(model_file, custom_objects=custom_objects, compile=compile)
    import tf_keras

    return tf_keras.models.load_model(filepath, custom_objects=custom_objects, compile=compile)


def save_model_weights_hdf5(object, filepath, overwrite=True):
    """R's ``save_model_weights_hdf5()``: Keras' HDF5 weights at ``filepath`` (any name;
    Keras 3's ``save_weights`` insists on ``.weights.h5``). Returns the model."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    _check_overwrite(filepath, overwrite)
    with h5py.File(filepath, "w") as handle:
        legacy_h5_format.save_weights_to_hdf5_group(handle, object)
    return object


def load_model_weights_hdf5(object, filepath, by_name=False, skip_mismatch=False, reshape=False):
    """R's ``load_model_weights_hdf5()``: reads :func:`save_model_weights_hdf5`'s file, or
    one written by R keras. ``reshape`` has no Keras 3 counterpart. Returns the model."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    from .errors import arg_error

    if reshape:
        raise arg_error("reshape", reshape, "FALSE (Keras 3 does not reshape weights on loading)")
    with h5py.File(filepath, "r") as handle:
        group = handle["model_weights"] if "model_weights" in handle else handle
        if by_name:
            legacy_h5_format.load_weights_from_hdf5_group_by_name(group, object, skip_mismatch=skip_mismatch)
        else:
            legacy_h5_format.load_weights_from_hdf5_group(group, object)
    return object


def save_model_weights_tf(object, filepath, overwrite=True):
    """R's ``save_model_weights_tf()``: HDF5 weights at ``filepath`` (see the module notes)."""
    return save_model_weights_hdf5(object, filepath, overwrite=overwrite)


def load_model_weights_tf(object, filepath, by_name=False, skip_mismatch=False, reshape=False):
    """R's ``load_model_weights_tf()``: reads :func:`save_model_weights_tf`'s file."""
    return load_model_weights_hdf5(object, filepath, by_name=by_name, skip_mismatch=skip_mismatch,
                                   reshape=reshape)


# --- methods R called as functions ----------------------------------------------------------

def fit_text_tokenizer(object, x):
    """R's ``fit_text_tokenizer()``: fits on texts (or, for a list of sequences, on sequences)
    and returns the tokenizer, so ``text_tokenizer() %>% fit_text_tokenizer(texts)`` works."""
    if isinstance(x, str):
        x = [x]
    items = list(x)
    if items and not isinstance(items[0], str):
        object.fit_on_sequences(items)
    else:
        object.fit_on_texts(items)
    return object


def save_text_tokenizer(object, filename):
    """R's ``save_text_tokenizer()``: pickles the tokenizer (R used Python's pickle too)."""
    with open(filename, "wb") as handle:
        pickle.dump(object, handle)
    return object


def load_text_tokenizer(filename):
    """R's ``load_text_tokenizer()``: the tokenizer :func:`save_text_tokenizer` wrote."""
    with open(filename, "rb") as handle:
        return pickle.load(handle)


def adapt(object, data, batch_size=None, steps=None, **kwargs):
    """R's ``adapt()``: ``object.adapt(data, ...)``, returning the layer as R did."""
    object.adapt(data, batch_size=batch_size, steps=steps, **kwargs)
    return object


def get_vocabulary(object, include_special_tokens=True):
    """R's ``get_vocabulary()``."""
    return object.get_vocabulary(include_special_tokens=include_special_tokens)


def set_vocabulary(object, vocabulary, idf_weights=None, **kwargs):
    """R's ``set_vocabulary()``, returning the layer as R did."""
    object.set_vocabulary(vocabulary, idf_weights=idf_weights, **kwargs)
    return object


def reset_states(object):
    """R's ``reset_states()``: resets every stateful layer's state; returns the object."""
    layers = getattr(object, "layers", None)
    for layer in [object] + list(layers or []):
        for method in ("reset_states", "reset_state"):
            if getattr(layer, "stateful", False) and hasattr(layer, method):
                getattr(layer, method)()
                break
    return object


def _layer_position(layers, value, argument):
    from .errors import arg_error

    names = [layer.name for layer in layers]
    if isinstance(value, str):
        if value not in names:
            raise arg_error(argument, value, f"a layer name ({', '.join(names)})")
        return names.index(value)
    if hasattr(value, "name") and not isinstance(value, (int, float)):
        return _layer_position(layers, value.name, argument)
    index = int(value)
    if index == 0 or abs(index) > len(layers):
        raise arg_error(argument, value, f"a 1-based layer index within 1..{len(layers)} (or negative from the end)")
    return index - 1 if index > 0 else len(layers) + index


def _set_trainable(object, from_, to, which, trainable):
    from .errors import RKerasError

    layers = list(object.layers)
    if which is not None:
        if from_ is not None and to is not None:
            raise RKerasError("both `which` and `from`/`to` can not be supplied")
        object.trainable = True
        if callable(which):
            which = [bool(which(layer)) for layer in layers]
        which = [which] if isinstance(which, (str, int)) else list(which)
        if which and all(isinstance(w, bool) for w in which):
            chosen = {i for i, w in enumerate(which) if w}
        else:
            chosen = {_layer_position(layers, w, "which") for w in which}
        for i, layer in enumerate(layers):
            layer.trainable = trainable if i in chosen else not trainable
        return object
    if from_ is None and to is None:
        object.trainable = trainable
        return object
    object.trainable = True
    start = 0 if from_ is None else _layer_position(layers, from_, "from")
    end = len(layers) - 1 if to is None else _layer_position(layers, to, "to")
    for i, layer in enumerate(layers):
        layer.trainable = trainable if start <= i <= end else not trainable
    return object


def freeze_weights(object, from_=None, to=None, which=None, **kwargs):
    """R's ``freeze_weights(object, from = NULL, to = NULL, which = NULL)``.

    Without ``from``/``to``/``which`` the whole model is frozen; with them, layers ``from``
    through ``to`` (names, layers, or 1-based positions, negative from the end, as in R)
    are frozen and the others made trainable; ``which`` picks layers by name, 1-based
    position, logical vector or function. R's ``from`` is Python's keyword, so it is
    ``from_`` here (``from=`` is accepted through ``**kwargs``). Returns the model.
    """
    from_ = kwargs.pop("from", from_)
    if kwargs:
        raise TypeError(f"freeze_weights() got unexpected arguments {sorted(kwargs)}")
    return _set_trainable(object, from_, to, which, False)


def unfreeze_weights(object, from_=None, to=None, which=None, **kwargs):
    """R's ``unfreeze_weights()``: as :func:`freeze_weights`, making layers trainable."""
    from_ = kwargs.pop("from", from_)
    if kwargs:
        raise TypeError(f"unfreeze_weights() got unexpected arguments {sorted(kwargs)}")
    object.trainable = True
    return _set_trainable(object, from_, to, which, True)


# --- image generators (tf_keras) --------------------------------------------------------------

def fit_image_data_generator(object, x, augment=False, rounds=1, seed=None):
    """R's ``fit_image_data_generator()``: fits the generator's statistics to ``x``; returns it."""
    import numpy as np

    object.fit(np.asarray(x), augment=augment, rounds=int(rounds), seed=seed)
    return object


def _as_py_dataset(iterator):
    """A Keras 3 PyDataset over a tf_keras image iterator (a tf_keras Sequence)."""
    import keras

    class ImageBatches(keras.utils.PyDataset):
        def __init__(self, source):
            super().__init__()
            self.source = source

        def __len__(self):
            return len(self.source)

        def __getitem__(self, index):
            return self.source[index]

        def on_epoch_end(self):
            self.source.on_epoch_end()

        def __next__(self):
            return next(self.source)

        def __getattr__(self, name):
            if name == "source":
                raise AttributeError(name)
            return getattr(self.source, name)

    return ImageBatches(iterator)


def _generator(generator):
    if generator is None:
        import tf_keras

        generator = tf_keras.preprocessing.image.ImageDataGenerator()
    return generator


def flow_images_from_data(x, y=None, generator=None, batch_size=32, shuffle=True, sample_weight=None,
                          seed=None, save_to_dir=None, save_prefix="", save_format="png", subset=None):
    """R's ``flow_images_from_data()`` (R default ``generator = image_data_generator()``)."""
    it = _generator(generator).flow(x, y, batch_size=int(batch_size), shuffle=shuffle,
                                    sample_weight=sample_weight, seed=seed, save_to_dir=save_to_dir,
                                    save_prefix=save_prefix, save_format=save_format, subset=subset)
    return _as_py_dataset(it)


def flow_images_from_directory(directory, generator=None, target_size=(256, 256), color_mode="rgb",
                               classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                               seed=None, save_to_dir=None, save_prefix="", save_format="png",
                               follow_links=False, subset=None, interpolation="nearest"):
    """R's ``flow_images_from_directory()`` (R defaults shown)."""
    it = _generator(generator).flow_from_directory(
        directory, target_size=tuple(int(v) for v in target_size), color_mode=color_mode,
        classes=classes, class_mode=class_mode, batch_size=int(batch_size), shuffle=shuffle, seed=seed,
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
        follow_links=follow_links, subset=subset, interpolation=interpolation)
    return _as_py_dataset(it)


def flow_images_from_dataframe(dataframe, directory=None, x_col="filename", y_col="class", generator=None,
                               target_size=(256, 256), color_mode="rgb", classes=None,
                               class_mode="categorical", batch_size=32, shuffle=True, seed=None,
                               save_to_dir=None, save_prefix="", save_format="png", subset=None,
                               interpolation="nearest", drop_duplicates=None):
    """R's ``flow_images_from_dataframe()`` (R defaults shown; ``drop_duplicates`` is gone
    from Keras and must stay NULL)."""
    from .errors import arg_error

    if drop_duplicates is not None:
        raise arg_error("drop_duplicates", drop_duplicates, "NULL (removed from Keras)")
    it = _generator(generator).flow_from_dataframe(
        dataframe, directory=directory, x_col=x_col, y_col=y_col,
        target_size=tuple(int(v) for v in target_size), color_mode=color_mode, classes=classes,
        class_mode=class_mode, batch_size=int(batch_size), shuffle=shuffle, seed=seed,
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format, subset=subset,
        interpolation=interpolation)
    return _as_py_dataset(it)


def image_array_resize(img, height, width, data_format=None):
    """R's ``image_array_resize()``: an image array resized to ``height`` x ``width``."""
    import keras
    import numpy as np

    out = keras.ops.image.resize(np.asarray(img, dtype="float32"), (int(height), int(width)),
                                 data_format=data_format)
    return keras.ops.convert_to_numpy(out)

"""R's image generators, on tf_keras' ImageDataGenerator (Keras 3 removed it)."""

from __future__ import annotations

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
    from ..errors import arg_error

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

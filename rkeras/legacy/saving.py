"""Saving and loading at the paths R keras gave, and checkpoints written there."""

from __future__ import annotations

import os

_MODEL_FILE = "model.keras"


def _check_overwrite(filepath, overwrite):
    from ..errors import RKerasError

    if not overwrite and os.path.exists(filepath):
        raise RKerasError(f"File '{filepath}' already exists (pass overwrite = TRUE to force save).")


def save_model_tf(object, filepath, overwrite=True, include_optimizer=True, signatures=None, options=None):
    """R's ``save_model_tf()``: the model in directory ``filepath`` (as ``model.keras``).

    R defaults: ``overwrite = TRUE``, ``include_optimizer = TRUE``. ``signatures`` and
    ``options`` (SavedModel settings) have no Keras 3 counterpart and must stay NULL.
    Returns the model, as R did (invisibly).
    """
    from ..errors import arg_error

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

    from ..errors import arg_error

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


# --- checkpoints at R's paths ---------------------------------------------------------------

_CHECKPOINT_CLASS = []


def _checkpoint_class():
    if _CHECKPOINT_CLASS:
        return _CHECKPOINT_CLASS[0]
    import keras

    class ModelCheckpoint(keras.callbacks.ModelCheckpoint):
        """Keras' ModelCheckpoint writing to any path, as R keras' did."""

        def __init__(self, filepath, save_weights_only=False, **kwargs):
            stand_in = "checkpoint.weights.h5" if save_weights_only else "checkpoint.keras"
            super().__init__(stand_in, save_weights_only=save_weights_only, **kwargs)
            self.filepath = os.path.expanduser(os.fspath(filepath))

        def _save_model(self, epoch, batch, logs):
            filepath = self._get_file_path(epoch, batch, logs)
            should = getattr(self, "_should_save_model", None)
            if should is not None and not should(epoch, batch, logs, filepath):
                return
            folder = os.path.dirname(filepath)
            if folder:
                os.makedirs(folder, exist_ok=True)
            if self.save_weights_only:
                if filepath.endswith(".weights.h5"):
                    self.model.save_weights(filepath, overwrite=True)
                else:
                    save_model_weights_hdf5(self.model, filepath)
            elif filepath.endswith((".keras", ".h5", ".hdf5")):
                self.model.save(filepath, overwrite=True)
            else:
                save_model_tf(self.model, filepath)
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: finished saving model to {filepath}")

    _CHECKPOINT_CLASS.append(ModelCheckpoint)
    return ModelCheckpoint


def callback_model_checkpoint(filepath, monitor="val_loss", verbose=0, save_best_only=False,
                              save_weights_only=False, mode=("auto", "min", "max"), period=None,
                              save_freq="epoch"):
    """R's ``callback_model_checkpoint()`` (R defaults shown): Keras' ModelCheckpoint, saving
    to the path R gave.

    Keras 3 insists on ``.keras`` (or ``.weights.h5`` with ``save_weights_only = TRUE``); R
    scripts save ``weights.{epoch:02d}-{val_loss:.2f}.hdf5``. Here weights go to any path as
    HDF5, a whole model to ``.keras``/``.h5``/``.hdf5`` as Keras writes those, and to any
    other path as :func:`save_model_tf`'s directory. ``period`` was ignored by R keras 2.15
    on TensorFlow 2 (with a warning): the same warning here.
    """
    import warnings

    from ..errors import RKerasWarning, arg_error

    if isinstance(mode, (tuple, list)):
        mode = mode[0]
    if mode not in ("auto", "min", "max"):
        raise arg_error("mode", mode, 'one of "auto", "min", "max"')
    if period is not None:
        warnings.warn("The period argument is deprecated since TF v1.14 and will be ignored. "
                      "Use save_freq instead.", RKerasWarning, stacklevel=2)
    if not isinstance(save_freq, str):
        save_freq = int(save_freq)
    return _checkpoint_class()(filepath, monitor=monitor, verbose=int(verbose), save_best_only=save_best_only,
                               save_weights_only=save_weights_only, mode=mode, save_freq=save_freq)

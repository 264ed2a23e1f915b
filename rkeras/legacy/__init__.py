"""What R keras scripts used that Keras 3 dropped or changed, kept with R's meaning.

The porter targets these where idiomatic Keras 3 has no call with the same meaning
(``rkeras.port.keras_api``); they are plain public functions, usable by hand too, in four
modules: ``optimizers``, ``saving``, ``methods`` and ``images``.

- Optimizers with the legacy ``decay`` (R keras before 2.11: ``optimizer_rmsprop(lr = 1e-4,
  decay = 1e-6)``): :func:`RMSprop`, :func:`Adam`, :func:`SGD`, ... build the Keras 3
  optimizer with ``learning_rate`` an ``InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)``,
  which is Keras 2's ``lr / (1 + decay * iterations)``.
- Saving: :func:`save_model_tf` / :func:`load_model_tf`, :func:`save_model_weights_hdf5` /
  :func:`load_model_weights_hdf5` (and the ``_tf`` pair) write and read at the path R gave;
  :func:`callback_model_checkpoint` checkpoints there too (``weights.{epoch:02d}.hdf5``).
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

from .images import (fit_image_data_generator, flow_images_from_data, flow_images_from_dataframe,
                     flow_images_from_directory, image_array_resize)
from .methods import (adapt, backend, fit_text_tokenizer, freeze_weights, get_vocabulary, load_text_tokenizer,
                      reset_states, save_text_tokenizer, set_vocabulary, unfreeze_weights)
from .optimizers import SGD, Adadelta, Adagrad, Adam, Adamax, Ftrl, Nadam, RMSprop, legacy_decay
from .saving import (callback_model_checkpoint, load_model_tf, load_model_weights_hdf5, load_model_weights_tf,
                     save_model_tf, save_model_weights_hdf5, save_model_weights_tf)

__all__ = [
    "Adadelta", "Adagrad", "Adam", "Adamax", "Ftrl", "Nadam", "RMSprop", "SGD",
    "legacy_decay", "save_model_tf", "load_model_tf", "save_model_weights_hdf5",
    "load_model_weights_hdf5", "save_model_weights_tf", "load_model_weights_tf",
    "fit_text_tokenizer", "save_text_tokenizer", "load_text_tokenizer", "adapt",
    "get_vocabulary", "set_vocabulary", "reset_states", "freeze_weights", "unfreeze_weights",
    "fit_image_data_generator", "flow_images_from_data", "flow_images_from_directory",
    "flow_images_from_dataframe", "image_array_resize", "callback_model_checkpoint", "backend",
]


def __getattr__(name):
    # CustomModel subclasses keras.Model: loaded on first use, so importing rkeras.legacy stays light
    if name == "CustomModel":
        from .custom_model import CustomModel

        return CustomModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""rkeras: R keras' fit() for Python, with R's meaning, on Keras 3.

``import rkeras`` does not import TensorFlow: options and histories work
without it; ``fit()`` imports it when called.
"""

from __future__ import annotations

from .errors import RKerasError, RKerasWarning
from .history import KerasTrainingHistory, as_data_frame, combine_histories
from .options import get_option, options
from .state import last_history
from .functions.fit import fit

__version__ = "0.1.0"

__all__ = [
    "fit",
    "options",
    "get_option",
    "as_data_frame",
    "combine_histories",
    "plot_history",
    "last_history",
    "KerasTrainingHistory",
    "RKerasError",
    "RKerasWarning",
    "load_iris",
    # R's model functions (rkeras/functions/, one module per R function), loaded lazily
    "compile",
    "fit_generator",
    "evaluate_generator",
    "predict_generator",
    "predict_proba",
    "predict_classes",
    "get_layer",
    "pop_layer",
    "get_config",
    "from_config",
    "keras_model",
    "keras_model_sequential",
    "summary",
    "format_model",
    "evaluate",
    "predict",
    "predict_on_batch",
    "train_on_batch",
    "test_on_batch",
    "tensorboard",
    # R's tfruns (rkeras/tfruns/)
    "flags",
    "flag_numeric",
    "flag_integer",
    "flag_boolean",
    "flag_string",
    "training_run",
    "tuning_run",
    "ls_runs",
    "latest_run",
    "run_info",
    "view_run",
    "save_run_view",
    "compare_runs",
    "save_run_comparison",
    "unique_run_dir",
    "dataset_mnist",
    "dataset_fashion_mnist",
    "dataset_cifar10",
    "dataset_cifar100",
    "dataset_imdb",
    "dataset_imdb_word_index",
    "dataset_reuters",
    "dataset_reuters_word_index",
    "dataset_boston_housing",
    "create_layer",
    "create_layer_wrapper",
    "application",
]

#: rkeras.<name> -> the module of rkeras.functions that defines it (imported on first use)
_FUNCTIONS = {
    "compile": "compile",
    "fit_generator": "fit_generator",
    "evaluate_generator": "evaluate_generator",
    "predict_generator": "predict_generator",
    "predict_proba": "predict_proba",
    "predict_classes": "predict_classes",
    "get_layer": "get_layer",
    "pop_layer": "pop_layer",
    "get_config": "get_config",
    "from_config": "from_config",
    "keras_model": "keras_model",
    "keras_model_sequential": "keras_model_sequential",
    "summary": "summary",
    "format_model": "summary",
    "evaluate": "evaluate",
    "predict": "predict",
    "predict_on_batch": "predict_on_batch",
    "train_on_batch": "train_on_batch",
    "test_on_batch": "test_on_batch",
    "tensorboard": "tensorboard",
}

#: model functions taking data (rkeras/functions/, one module each), imported on first use
_DATA_FUNCTIONS = ("evaluate", "predict", "predict_on_batch", "train_on_batch", "test_on_batch")
_FUNCTIONS.update({name: name for name in _DATA_FUNCTIONS})


def __getattr__(name):
    if name in _FUNCTIONS:
        import importlib

        return getattr(importlib.import_module(f".functions.{_FUNCTIONS[name]}", __name__), name)
    if name == "plot_history":
        from .plotting import plot_history

        return plot_history
    if name in ("legacy", "datasets", "dataset_files"):
        # submodules ported scripts reach as rkeras.legacy.RMSprop after a plain `import rkeras`
        import importlib

        return importlib.import_module(f".{name}", __name__)
    if name == "load_iris" or name.startswith("dataset_"):
        from . import datasets

        if name in datasets.__all__:
            return getattr(datasets, name)
    if name == "application":
        from .applications import application   # imports Keras

        return application
    if name in ("create_layer", "create_layer_wrapper"):
        from . import layer_custom as module   # R-written layers

        return getattr(module, name)
    if name == "KerasLayer":
        from .keras_layer import KerasLayer   # a keras.layers.Layer subclass: imports Keras

        return KerasLayer
    if name == "multi_gpu_model":
        from .distribute import multi_gpu_model

        return multi_gpu_model
    from .tfruns import EXPORTS as tfruns_exports

    if name in tfruns_exports:
        import importlib

        return getattr(importlib.import_module(f".tfruns.{tfruns_exports[name]}", __name__), name)
    raise AttributeError(f"module 'rkeras' has no attribute {name!r}")

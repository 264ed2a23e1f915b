"""R keras' ``application_*()`` pretrained models, made through Keras' constructors.

``rkeras port`` writes ``application_vgg16(weights = "imagenet")`` as
``rkeras.application(keras.applications.VGG16, weights="imagenet")``: the model is Keras'
own, and its weights file comes through Keras' downloader and cache as before, except that a
file already in the cache (``$KERAS_HOME/models/``) is used as it is, without Keras' hash
check, as :mod:`rkeras.datasets` does for data sets. So a script works offline once its
weights are cached, and tests can plant small stand-ins. A missing file is downloaded and its
hash checked as Keras does.
"""

from __future__ import annotations

import contextlib
import inspect

__all__ = ["application", "cached_downloads"]


@contextlib.contextmanager
def cached_downloads():
    """While active, Keras' ``get_file`` takes a file already in its cache without the hash check."""
    from keras.src.utils import file_utils

    from .datasets import cached_path, keras_home

    original = file_utils.get_file
    signature = inspect.signature(original)

    def get_file(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        given = bound.arguments
        fname = given.get("fname")
        cache_dir = given.get("cache_dir")
        if cache_dir is None:
            given["cache_dir"] = cache_dir = keras_home()   # KERAS_HOME read now, as rkeras.datasets does
        if fname and not given.get("untar") and not given.get("extract") \
                and cached_path(fname, given.get("cache_subdir"), cache_dir) is not None:
            given["file_hash"] = None
            given["md5_hash"] = None
        return original(*bound.args, **bound.kwargs)

    file_utils.get_file = get_file
    try:
        yield
    finally:
        file_utils.get_file = original


def application(constructor, *args, **kwargs):
    """Call a ``keras.applications`` constructor (R's ``application_*()``), with weights already
    in Keras' cache used without the hash check (see the module's note).

    Differences from R keras
    ------------------------
    R keras let Keras check the hash of a cached file and download it again when it differs;
    rkeras uses the cached file as it is.
    """
    with cached_downloads():
        return constructor(*args, **kwargs)

"""``rkeras.get_config()``: a layer's or model's configuration, remembering its class."""

from __future__ import annotations

from ..habits import r_function
from .objects import layer_engine

__all__ = ["get_config", "KerasConfig"]


class KerasConfig(dict):
    """The configuration of a layer or model: a dict that remembers the class
    it came from (R's ``attr(config, "config_class")``), so that
    :func:`rkeras.from_config` makes an object of that class again. It is a
    plain dict otherwise (JSON-serialisable, comparable with ``==``)."""

    def __init__(self, config=(), config_class=None):
        super().__init__(config)
        self.config_class = config_class

    def __reduce__(self):  # copy, deepcopy and pickle keep the class
        return (type(self), (dict(self), self.config_class))


@r_function
def get_config(object):
    """The configuration of a layer or model: R's ``get_config()``.

    Parameters
    ----------
    object : keras.layers.Layer or keras.Model (either engine)
        The layer or model.

    Returns
    -------
    KerasConfig
        The dict ``object.get_config()`` returns, with ``config_class`` (the
        object's class, R's ``config_class`` attribute) for
        :func:`rkeras.from_config`. It holds no weights and no compile
        settings.
    """
    layer_engine(object, "get_config")
    return KerasConfig(object.get_config(), type(object))

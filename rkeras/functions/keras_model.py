"""``rkeras.keras_model()``: a functional model from input and output tensors."""

from __future__ import annotations

import warnings

from ..errors import RKerasError, show_value
from ..habits import r_function
from .objects import tensor_engine

__all__ = ["keras_model"]


@r_function
def keras_model(inputs, outputs=None, name=None, **kwargs):
    """A functional model: R's ``keras_model()``.

    Parameters
    ----------
    inputs : Keras tensor, list or dict of them
        The model's inputs (``layer_input()`` in R, ``keras.Input`` in
        Python). A dict (R's named list, ``list(first = a, second = b)``)
        names them: data is then given by those names (``x = {"first": ...}``).
    outputs : Keras tensor, list or dict of them
        R default NULL (required). A dict names the outputs: losses, metrics,
        loss weights and targets are matched by those names.
    name : str or None
        R default NULL (given through R's ``...``): the model's name.
    **kwargs
        R's ``...``: passed on to ``Model()`` (``trainable``, ...).

    Returns
    -------
    A ``keras.Model`` (or ``tf_keras.Model`` when the tensors are tf_keras'),
    of the engine the tensors belong to.

    Differences from R keras
    ------------------------
    Keras 3 warns when the keys of a dict of inputs differ from the names of
    the ``Input`` tensors; R keras 2.15 did not, and the keys work as names on
    both engines, so rkeras keeps that warning quiet.
    """
    module = _module(inputs, "inputs")
    if outputs is None:
        raise RKerasError(
            "keras_model() needs `outputs`: the tensor(s) the model computes from `inputs`. Got outputs=None.",
            "outputs",
        )
    _module(outputs, "outputs")
    if name is not None:
        kwargs["name"] = name
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"When providing `inputs` as a dict, all keys in the dict must")
        return module.Model(inputs=_plain(inputs), outputs=_plain(outputs), **kwargs)


def _plain(value):
    """R's unnamed list is a Python list (tuples too); dicts and tensors stay."""
    return list(value) if isinstance(value, tuple) else value


def _tensors(value):
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _module(value, argument: str):
    import importlib

    tensors = _tensors(value)
    engines = {tensor_engine(t) for t in tensors}
    if not tensors or None in engines:
        raise RKerasError(
            f"`{argument}` of keras_model() should be a Keras tensor (keras.Input(), R's layer_input(), or a layer "
            f"applied to one), or a list or dict of them. Got {argument}={show_value(value)}.",
            argument,
        )
    if len(engines) > 1:
        raise RKerasError(f"`{argument}` of keras_model() mixes Keras 3 and tf_keras tensors.", argument)
    return importlib.import_module(engines.pop())

"""Methods R called as functions, returning their object as R did (so pipes work)."""

from __future__ import annotations

import pickle


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
    from ..errors import arg_error

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


def _set_all(layer, value):
    """Keras 2's ``trainable`` setter: the layer and every layer inside it (Keras 3's skips
    nested layers when the outer value does not change)."""
    layer.trainable = value
    for inner in getattr(layer, "layers", None) or []:
        _set_all(inner, value)


def _set_trainable(object, from_, to, which, trainable):
    from ..errors import RKerasError

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
        _set_all(object, trainable)
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
    return _set_trainable(object, from_, to, which, True)


def backend(convert=True):
    """R's ``backend()`` (``K <- backend()``): Keras 2's backend module, ``tf_keras.backend``.

    R scripts call its functions with Python's conventions (``K$mean(x, axis = -1L)``), so
    they port as they are (``K.mean(x, axis=-1)``). They take TensorFlow tensors: inside
    ``layer_lambda`` functions, custom losses and metrics, as in R. ``convert`` (R's
    reticulate conversion flag) has no meaning in Python.
    """
    import tf_keras

    return tf_keras.backend

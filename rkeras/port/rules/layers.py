"""R's ``layer_*(object, ...)``: a layer, added to a Sequential model or called on a tensor.

R keras composes a layer with its ``object``: a Sequential model gets it added (and is
returned), anything else has the layer called on it. Where the port knows what ``object``
holds it writes Keras' own idiom (``model.add(...)``, ``Dense(...)(x)``); where it cannot
know, ``rbase.compose_layer(object, layer)`` makes the same choice at run time.
An ``input_shape`` (or ``batch_input_shape``, ``batch_size``, ``input_dim``) on the first layer
becomes a ``keras.Input(...)`` where the model is built from a list.
"""

from __future__ import annotations

from .calls import arg_code, arg_kind, format_kwargs, keras_kwargs

SHAPE_ARGS = ("input_shape", "batch_input_shape", "input_dim")


def object_formal(entry):
    """The formal a layer function is composed with: ``object``, or ``inputs`` for merge layers."""
    first = entry.args[0] if entry.args else None
    return first if first in ("object", "inputs") else "object"


def layer_parts(tr, node, entry, matched, extras, target):
    """(layer code without its input shape, input shape or None, layer code with it).

    The input shape is a dict of the R arguments that describe the model's input: R's
    ``input_shape``, ``batch_input_shape``, ``batch_size`` (with a shape) and ``input_dim`` (on
    layers where it is not an argument of their own, as it is of ``layer_embedding``)."""
    pairs = keras_kwargs(tr, node, entry, matched, extras, skip=(object_formal(entry),))
    shape = {}
    rest = []
    for kw, code in pairs:
        if kw in ("input_shape", "batch_input_shape") and not ({"input_shape", "batch_input_shape"} & set(shape)):
            shape[kw] = code
        elif kw == "input_dim" and "input_dim" not in entry.args and not shape:
            shape["input_shape"] = f"({code},)"
        elif kw == "batch_size" and "batch_size" not in shape:
            shape[kw] = code
        else:
            rest.append((kw, code))
    if not ({"input_shape", "batch_input_shape"} & set(shape)):
        # a batch size alone describes no input: it stays on the layer (Keras says it is not known)
        rest = list(pairs)
        shape = {}
    bare = f"{target}({format_kwargs(rest)})"
    full = f"{target}({format_kwargs(pairs)})"
    return bare, shape or None, full


def input_code(tr, shape) -> str:
    """``keras.Input(...)`` for R's input shape arguments (``batch_input_shape = c(32, 10)`` is
    ``batch_shape=(32, 10)``; ``input_shape`` with ``batch_size`` is ``shape=..., batch_size=...``)."""
    tr.need("keras")
    if "batch_input_shape" in shape:
        return f"keras.Input(batch_shape={shape['batch_input_shape']})"
    extra = f", batch_size={shape['batch_size']}" if "batch_size" in shape else ""
    return f"keras.Input(shape={shape['input_shape']}{extra})"


def layer_call(tr, node, entry, matched, extras, target):
    formal = object_formal(entry)
    obj = matched.get(formal)
    bare, shape, full = layer_parts(tr, node, entry, matched, extras, target)
    if obj is None or (obj.value is not None and obj.value.type == "null" and not hasattr(obj, "code")):
        return full
    kind = arg_kind(tr, obj)
    obj_code = arg_code(tr, obj)
    if kind == "tensor" or formal == "inputs":
        return f"{bare}({obj_code})"   # merge layers (inputs = list(a, b)) are always called on their inputs
    tr.need("rbase")
    if shape is not None and ({"batch_size", "batch_input_shape"} & set(shape)):
        # Keras 3 layers take no batch size: the model's Input carries it, added if the model is empty
        return f"rbase.compose_layer({obj_code}, {bare}, input={input_code(tr, shape)})"
    return f"rbase.compose_layer({obj_code}, {full})"

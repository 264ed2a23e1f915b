"""R's ``layer_*(object, ...)``: a layer, added to a Sequential model or called on a tensor.

R keras composes a layer with its ``object``: a Sequential model gets it added (and is
returned), anything else has the layer called on it. Where the port knows what ``object``
holds it writes Keras' own idiom (``model.add(...)``, ``Dense(...)(x)``); where it cannot
know, ``rbase.compose_layer(object, layer)`` makes the same choice at run time.
An ``input_shape`` becomes a ``keras.Input(shape=...)`` where the model is built from a list.
"""

from __future__ import annotations

from .calls import arg_code, arg_kind, format_kwargs, keras_kwargs

SHAPE_ARGS = ("input_shape", "batch_input_shape", "input_dim")


def object_formal(entry):
    """The formal a layer function is composed with: ``object``, or ``inputs`` for merge layers."""
    first = entry.args[0] if entry.args else None
    return first if first in ("object", "inputs") else "object"


def layer_parts(tr, node, entry, matched, extras, target):
    """(layer code without its input shape, (keyword, shape code) or None, layer code with it)."""
    pairs = keras_kwargs(tr, node, entry, matched, extras, skip=(object_formal(entry),))
    shape = None
    rest = []
    for kw, code in pairs:
        if kw in ("input_shape", "batch_input_shape") and shape is None:
            shape = (kw, code)
        else:
            rest.append((kw, code))
    bare = f"{target}({format_kwargs(rest)})"
    full = f"{target}({format_kwargs(pairs)})"
    return bare, shape, full


def input_code(tr, shape) -> str:
    tr.need("keras")
    kw, code = shape
    if kw == "batch_input_shape":
        return f"keras.Input(batch_shape={code})"
    return f"keras.Input(shape={code})"


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
    return f"rbase.compose_layer({obj_code}, {full})"

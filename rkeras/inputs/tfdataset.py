"""``tf.data.Dataset`` inputs (R's tfdatasets): passed to Keras as they are, after one check.

An unbatched dataset (``tf.data.Dataset.from_tensor_slices((x, y))`` without
``.batch()``) would have Keras take each sample for a batch and fail deep in
TensorFlow with a shape error, or worse train on a reshaped sample. Keras
expects every element to be a batch, so rkeras compares the element's inputs
with the model's: an element whose inputs have exactly the shape of one
sample (one axis fewer than the model's batched input) is an unbatched
dataset, and an error that says to batch it. The check only reads
``element_spec``; it never pulls an element.

A model that has no known inputs yet (a Sequential model without an
``Input``) cannot be compared with: its datasets are passed on unchecked.
"""

from __future__ import annotations

from ..errors import RKerasError

__all__ = ["check_batched"]


def _shape(spec):
    shape = getattr(spec, "shape", None)
    if shape is None or shape.rank is None:
        return None
    return tuple(shape.as_list())


def _fits(shape, expected) -> bool:
    return len(shape) == len(expected) and all(e is None or s is None or e == s for s, e in zip(shape, expected))


def _one_sample(element_shape, model_shape) -> bool:
    """Is ``element_shape`` one sample of ``model_shape`` (which has the batch axis first)?

    Keras takes a batch of shape ``(n, *sample)``, or ``(n, *sample[:-1])`` when the
    sample's last axis is 1; one sample is then ``sample`` or ``sample[:-1]``.
    """
    sample = model_shape[1:]
    if len(element_shape) == len(sample) - 1:
        return sample[-1] == 1 and _fits(element_shape, sample[:-1])
    if len(element_shape) != len(sample) or not _fits(element_shape, sample):
        return False
    # (1,) for an input (None, 1) could be a batch of single numbers: a batch axis of
    # unknown size (what .batch() gives) says batched, a known size equal to the sample's says not
    return not (element_shape and element_shape[0] is None)


def check_batched(dataset, model, argument: str = "x") -> None:
    """An error naming ``argument`` if ``dataset``'s elements are single samples, not batches."""
    import tensorflow as tf

    spec = dataset.element_spec
    inputs = spec[0] if isinstance(spec, tuple) and len(spec) in (2, 3) else spec
    try:
        model_shapes = [tuple(t.shape) for t in model.inputs]
    except Exception:
        return
    specs = tf.nest.flatten(inputs)
    if not model_shapes or len(specs) != len(model_shapes):
        return
    for element_spec, model_shape in zip(specs, model_shapes):
        shape = _shape(element_spec)
        if shape is None or not _one_sample(shape, model_shape):
            return
    shown = ", ".join(str(_shape(s)) for s in specs)
    raise RKerasError(
        f"`{argument}` should be a batched tf.data.Dataset: each element one batch of samples. "
        f"Got a dataset whose elements are single samples (input shape {shown}; the model takes "
        f"{', '.join(str(s) for s in model_shapes)}). Batch it first, e.g. "
        f"`{argument}.batch(32)` (R: `dataset_batch(32)`).",
        argument,
    )

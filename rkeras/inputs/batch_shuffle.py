"""``shuffle = "batch"``: R's meaning, a new order of batch-sized chunks each epoch.

The samples are cut into contiguous chunks of ``batch_size`` (samples 1..32,
33..64, ...); each epoch the full chunks are served in a new random order,
samples inside a chunk in their order, and a last partial chunk, if any, comes
last (Keras 2, on which R keras ran, did exactly this). Each batch is then one
contiguous read, which is what makes it the shuffle for HDF5 files.

Keras 3 has a ``shuffle="batch"`` of its own that does the opposite (it keeps
the batches in order and shuffles samples inside each): rkeras never passes it
on. The chunks are served by :class:`ChunkedArrays`, a ``tf.data`` pipeline
over any arrays that can be sliced (numpy arrays, ``h5py`` datasets), also
used by :mod:`.hdf5`.

The random order comes from numpy's global generator, so
``keras.utils.set_random_seed()`` (R: ``set_random_seed()``) makes it
repeatable.

``shuffle`` has no effect when ``steps_per_epoch`` is given (R's documentation).
"""

from __future__ import annotations

import math

import numpy as np

from .pipeline import PREFETCH, Pipeline, pipeline_guard

__all__ = ["batch_shuffle_plan", "chunk_order", "ChunkedArrays", "PREFETCH"]


def chunk_order(start: int, stop: int, batch_size: int, shuffle: bool, rng=None) -> list[tuple[int, int]]:
    """The ``(begin, end)`` slices of one epoch over samples ``start..stop-1``.

    Full chunks in a new random order when ``shuffle``, the partial last chunk last.
    ``rng``: a numpy Generator to draw the order from (default: numpy's global one).
    """
    full = (stop - start) // batch_size
    bounds = [(start + i * batch_size, start + (i + 1) * batch_size) for i in range(full)]
    if shuffle:
        bounds = [bounds[i] for i in (np.random if rng is None else rng).permutation(full)]
    if start + full * batch_size < stop:
        bounds.append((start + full * batch_size, stop))
    return bounds


def _slice(structure, begin, end):
    if isinstance(structure, dict):
        return {k: _slice(v, begin, end) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return tuple(_slice(v, begin, end) for v in structure)
    return structure[begin:end]


class ChunkedArrays(Pipeline):
    """Contiguous ``batch_size`` slices of sliceable arrays, as a ``tf.data.Dataset``.

    Parameters
    ----------
    parts : tuple
        ``(inputs, targets)`` or ``(inputs, targets, sample_weights)``: array
        structures (arrays, lists, dicts) whose leaves support ``a[i:j]``.
    start, stop : int
        The samples served (validation_split serves the tail separately).
    batch_size : int
    shuffle : bool
        A new order of the full chunks on every pass (every epoch).
    convert : callable, optional
        ``convert(batch, begin, end)`` is applied to each slice after reading: how HDF5
        slices get R's dtype rules. Arrays already converted need none.
    """

    def __init__(self, parts: tuple, start: int, stop: int, batch_size: int, shuffle: bool, convert=None,
                 model=None):
        self.model = model  # whose validation iterator is dropped when fit() ends
        self.parts = tuple(parts)
        self.start, self.stop = int(start), int(stop)
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.convert = convert
        self.chunks = math.ceil((self.stop - self.start) / self.batch_size)
        end = min(self.stop, self.start + self.batch_size)
        self.error = None
        self.rng = None  # a shared-seed Generator on multi-worker runs (rkeras.distribute)
        self.first = self._read(self.start, end)

    def _read(self, begin: int, end: int):
        batch = _slice(self.parts, begin, end)
        return self.convert(batch, begin, end) if self.convert is not None else batch

    def _passes(self):
        for begin, end in chunk_order(self.start, self.stop, self.batch_size, self.shuffle, self.rng):
            yield self._read(begin, end)

    def guard(self):
        """Errors raised while reading (on TensorFlow's thread) are re-raised as themselves;
        the pipeline ends when fit() does (:func:`.pipeline.pipeline_guard`)."""
        return pipeline_guard(self, model=self.model)

    def signature(self):
        import tensorflow as tf

        return tf.nest.map_structure(
            lambda a: tf.TensorSpec((None,) + tuple(a.shape[1:]), tf.as_dtype(a.dtype)), self.first)

    def dataset(self):
        return super().dataset(self.signature(), self.chunks)


def _structure(value):
    """Keras takes tuples, not lists, for several inputs."""
    if isinstance(value, list):
        return tuple(_structure(v) for v in value)
    return value


def batch_shuffle_plan(plan, batch_size: int, *, steps_per_epoch=None) -> None:
    """Make an array plan serve R's batch shuffle: chunks in a new order each epoch.

    ``plan.arrays`` holds the converted training arrays (after any
    validation_split). With ``steps_per_epoch`` given, shuffling has no effect
    (R), so the arrays are served in order.
    """
    args = plan.fit_args
    plan.shuffle_mode = "batch"
    if steps_per_epoch is not None:
        args["shuffle"] = False
        return
    xs, ys, weights = plan.arrays
    parts = (_structure(xs),) if ys is None else (_structure(xs), _structure(ys))
    if weights is not None:
        parts = parts + (weights,)
    chunks = ChunkedArrays(parts, 0, plan.samples, batch_size, shuffle=True)
    for key in ("y", "sample_weight", "batch_size", "shuffle"):
        args.pop(key, None)
    args["x"] = chunks.dataset()
    args["shuffle"] = False
    # arrays given as validation data are batched by Keras: keep R's batch_size there
    args["validation_batch_size"] = batch_size
    plan.chunks = chunks
    plan.contexts.append(chunks.guard())

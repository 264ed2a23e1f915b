"""The tf.data pipelines rkeras builds over Python sources, and how they end.

Generator functions, iterators, PyDatasets and HDF5 files reach Keras as a
``tf.data.Dataset.from_generator`` pipeline with a small fixed prefetch: a
TensorFlow thread calls Python for the next batches while the model trains.
Such a pipeline must be gone when ``fit()`` returns or raises: a tf.data
iterator still alive at interpreter exit (kept by a stored exception's
traceback, by the model, or by a reference cycle) makes the exit wait on its
batch thread, which can no longer take Python's lock -- a hang.
:func:`pipeline_guard` makes sure that never happens:

* each source is closed: its passes end at their next batch, so no batch
  thread is left inside Python;
* the iterators Keras keeps on the model for validation are dropped, and the
  frames of a raised exception's traceback (Keras' own, already finished)
  are cleared of their locals, so nothing keeps an iterator alive; the lines
  of the traceback stay as they were;
* if a pass is still alive after that (a reference cycle), one garbage
  collection destroys it now, while the process is running normally;
* pipelines run without tf.data's autotuning thread (the prefetch is fixed),
  which otherwise delays exit until it wakes.

Errors raised by the Python source on the batch thread reach the caller as
themselves (see :func:`relay_errors`).
"""

from __future__ import annotations

import contextlib
import traceback
import warnings
import weakref

__all__ = ["PREFETCH", "Pipeline", "python_dataset", "pipeline_guard", "relay_errors", "release_traceback"]

#: batches pulled ahead of the model
PREFETCH = 2

#: attributes where Keras keeps a validation iterator between epochs (Keras 3, tf_keras)
_KERAS_ITERATOR_ATTRIBUTES = ("_eval_epoch_iterator", "_eval_data_handler")


class Pipeline:
    """A Python source of batches served through tf.data (mixin).

    Subclasses implement ``_passes()`` (a new Python generator for each tf.data
    iterator) and set ``self.error`` when that generator raises; the mixin
    tracks live passes, closes them and builds the dataset.
    """

    error: BaseException | None = None
    closed: bool = False

    def _live(self) -> weakref.WeakSet:
        live = self.__dict__.get("_live_passes")
        if live is None:
            live = self.__dict__["_live_passes"] = weakref.WeakSet()
        return live

    def passes_generator(self):
        """What ``from_generator`` calls for each new iterator: one pass."""
        generator = self._guarded(self._passes())
        self._live().add(generator)
        return generator

    def _guarded(self, batches):
        try:
            for batch in batches:
                if self.closed:
                    return
                yield batch
        except BaseException as error:
            if not isinstance(error, GeneratorExit):
                self.error = error  # re-raised as itself by relay_errors()
            raise

    def live_passes(self) -> int:
        """Passes (tf.data iterators over this source) not yet destroyed."""
        return len(self._live())

    def close(self) -> None:
        """End every pass at its next batch; the source serves nothing more."""
        self.closed = True

    def dataset(self, signature, cardinality: int | None = None):
        return python_dataset(self.passes_generator, signature, cardinality)


def python_dataset(passes, signature, cardinality: int | None = None):
    """``from_generator(passes)`` with a fixed prefetch and no autotune thread."""
    import tensorflow as tf

    dataset = tf.data.Dataset.from_generator(passes, output_signature=signature)
    if cardinality is not None:
        # a known length lets Keras end each epoch after one pass, quietly
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(cardinality))
    options = tf.data.Options()
    options.autotune.enabled = False
    return dataset.prefetch(PREFETCH).with_options(options)


def release_traceback(error: BaseException | None) -> None:
    """Clear the locals of the finished frames of ``error``'s traceback (and its causes').

    The frames of a function still running (the caller's) are left alone; the
    traceback still prints the same lines.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if error.__traceback__ is not None:
            traceback.clear_frames(error.__traceback__)
        error = error.__cause__ or error.__context__


def _release(sources, model) -> None:
    for source in sources:
        source.close()
    if model is not None:
        for name in _KERAS_ITERATOR_ATTRIBUTES:
            if getattr(model, name, None) is not None:
                try:
                    delattr(model, name)
                except AttributeError:
                    pass
    if any(source.live_passes() for source in sources):
        import gc

        gc.collect()


@contextlib.contextmanager
def pipeline_guard(*sources: Pipeline, model=None, quiet_run_out: bool = False):
    """While Keras runs on ``sources``: relay their errors; afterwards, end their pipelines.

    ``model``: the model Keras trains (its validation iterator is dropped).
    """
    try:
        with relay_errors(*sources, quiet_run_out=quiet_run_out):
            yield
    except BaseException as error:
        release_traceback(error)
        _release(sources, model)
        raise
    else:
        _release(sources, model)


@contextlib.contextmanager
def relay_errors(*holders, quiet_run_out: bool = False):
    """While Keras trains: re-raise an error from the batch thread as itself.

    TensorFlow reports an exception raised inside ``from_generator`` as an
    ``InvalidArgumentError`` wrapping its text; each holder keeps the original
    in ``.error``, and this puts it back. ``quiet_run_out`` silences Keras'
    "ran out of data" warning.
    """
    with warnings.catch_warnings():
        if quiet_run_out:
            warnings.filterwarnings("ignore", message="Your input ran out of data")
        try:
            yield
        except Exception as error:
            for holder in holders:
                stored = getattr(holder, "error", None)
                if stored is not None and stored is not error and _wraps(error, stored):
                    release_traceback(error)  # TensorFlow's report: nothing in it is needed
                    raise stored from None
            raise


def _wraps(error: BaseException, stored: BaseException) -> bool:
    """Is ``error`` TensorFlow's report of ``stored``, raised in the batch thread?"""
    name = type(stored).__name__
    text = str(error)
    return type(error).__module__.startswith("tensorflow") and (name in text or str(stored)[:80] in text)

"""Generator functions and Python iterators: R's ``function() list(x, y)``.

An R generator function is called once per batch and returns
``list(inputs, targets)`` or ``list(inputs, targets, sample_weights)``. In
Python that is any callable returning a list or tuple of two or three parts;
each part is converted like array inputs (:func:`rkeras.inputs.structure.convert_inputs`,
:func:`rkeras.inputs.structure.convert_targets`), so lists, dicts, data frames and factors
work inside batches too. A Python iterator or generator object yields the same
kind of batches.

Both are served to Keras as a ``tf.data.Dataset.from_generator`` followed by
``prefetch``: TensorFlow pulls the next batches on its own thread while the
model trains on the current one, so the Python call is not on the critical
path (R keras did the same with ``py_iterator(prefetch = 1)``).

Keras never sees the Python object, so none of Keras 3's own generator habits
apply: it does not peek at batches it then throws away, and a finite iterator
that runs out is an error here, where Keras 3 silently starts over with the
few batches it had peeked at. The pipeline ends with ``fit()``
(:mod:`.pipeline`): nothing is left running and no process waits on it.

Checks before anything is called or pulled: ``fit()`` needs
``steps_per_epoch`` for a generator function or an iterator (and
``validation_steps`` for one given as ``validation_data``), as R keras did;
a generator function that needs arguments is an error saying so
(:func:`check_callable`). ``evaluate()`` and ``predict()`` take one pass
over a finite iterator without ``steps``.

Batches of plain arrays that already have the first batch's types and
shapes (the common ``list(x[rows, ], y[rows])``) skip the conversion and are
only checked for non-finite values, which keeps the Python work per batch small.

Differences from R keras 2.15
-----------------------------
* An iterator that runs out before ``epochs * steps_per_epoch`` batches is an
  error naming the batch it ran out at; R keras (Keras 2) stopped training
  with a warning.
* Every batch must have the shapes of the first apart from its number of
  samples; a batch that does not is an error naming it.
"""

from __future__ import annotations

import inspect
import threading

import numpy as np

from ..errors import RKerasError, arg_error, show_value
from .arrays import check_finite, engine_floatx, leaves, using_floatx
from .pipeline import PREFETCH, Pipeline, pipeline_guard, relay_errors

__all__ = ["generator_function_plan", "iterator_plan", "validation_plan", "BatchSource", "RanOutError",
           "relay_errors", "PREFETCH", "check_callable",
           "BatchConverter", "keras_peeks"]


class RanOutError(RKerasError):
    """A generator or iterator had no more batches when training needed one."""


class BatchConverter:
    """R's rules for one batch of a stream: converted, checked, in the first batch's shapes.

    Shared by generator functions, iterators and PyDatasets; ``first`` (the
    first converted batch) gives the ``tf.data`` signature.
    """

    first = None

    def __init__(self, kind: str, argument: str, model):
        self.kind = kind
        self.argument = argument
        self.model = model
        self.error: BaseException | None = None
        self._specs = None
        self._fast = None       # (shape, dtype) of each part of batches that need no conversion
        self._floatx = engine_floatx()  # conversions later run on TensorFlow's thread
        self.with_weights = False

    _WHAT = {"generator": "generator function", "iterator": "iterator", "pydataset": "PyDataset"}

    def _label(self, number: int) -> str:
        return f"`{self.argument}` (a {self._WHAT.get(self.kind, self.kind)}), batch {number},"

    def convert(self, value, number: int):
        """One batch as given to R's rules: converted, checked, in the first batch's shapes."""
        fast = self._fast_batch(value, number)
        if fast is not None:
            return fast
        with using_floatx(self._floatx):
            return self._convert(value, number)

    def _fast_batch(self, value, number: int):
        """A batch of plain arrays already in the first batch's types: only checked.

        The common case of a generator serving slices of arrays; anything else
        (lists, dicts, data frames, other types or shapes) takes the full
        conversion, which gives the same result.
        """
        fast = self._fast
        if fast is None or type(value) not in (list, tuple) or len(value) != len(fast):
            return None
        samples = None
        for array, (shape, dtype) in zip(value, fast):
            if type(array) is not np.ndarray or array.dtype != dtype or array.shape[1:] != shape \
                    or not array.flags.c_contiguous:
                return None
            if samples is None:
                samples = array.shape[0]
            elif array.shape[0] != samples:
                return None
        if samples == 0:
            return None
        where = f"{self.argument} batch {number}"
        for i, array in enumerate(value):
            check_finite(array, f"{where} [[{i + 1}]]")
        if len(value) == 3 and (value[2] < 0).any():
            return None  # the full conversion says what is wrong
        return tuple(value)

    def _learn_fast(self, value, batch) -> None:
        """Batches like the first one (single arrays, already converted) can skip conversion."""
        if type(value) not in (list, tuple) or len(value) != len(batch):
            return
        if all(type(raw) is np.ndarray and type(done) is np.ndarray and raw.dtype == done.dtype
               and raw.shape == done.shape for raw, done in zip(value, batch)):
            self._fast = [(done.shape[1:], done.dtype) for done in batch]

    def _convert(self, value, number: int):
        from . import structure

        _check_lengths, _keras_structure, _samples = \
            structure.check_lengths, structure.keras_structure, structure.sample_count
        convert_inputs, convert_targets, convert_sample_weight = \
            structure.convert_inputs, structure.convert_targets, structure.convert_sample_weight
        if not isinstance(value, (list, tuple)) or len(value) not in (2, 3):
            raise RKerasError(
                f"{self._label(number)} should be a list or tuple (inputs, targets) or "
                f"(inputs, targets, sample_weights). Got {show_value(value)}"
                + (f" with {len(value)} parts." if isinstance(value, (list, tuple)) else "."),
                self.argument,
            )
        where = f"{self.argument} batch {number}"
        xs = convert_inputs(value[0], self.model, f"{where} [[1]]")
        samples = _samples(xs, f"{where} [[1]]")
        ys = convert_targets(value[1], self.model, f"{where} [[2]]")
        _check_lengths(samples, ys, f"{where} [[2]]")
        check_finite(xs, f"{where} [[1]]")
        check_finite(ys, f"{where} [[2]]")
        parts = [_keras_structure(xs), _keras_structure(ys)]
        if len(value) == 3 and value[2] is not None:
            parts.append(convert_sample_weight(value[2], samples, f"{where} [[3]]"))
        batch = tuple(parts)
        if self._specs is None:
            self._specs = self._flat_specs(batch)
            self._learn_fast(value, batch)
        else:
            batch = self._conform(batch, number)
        return batch

    @staticmethod
    def _flat_specs(batch):
        return [(a.shape[1:], a.dtype) for a in leaves(batch)]

    def _conform(self, batch, number):
        arrays = list(leaves(batch))
        if len(arrays) != len(self._specs) or len(batch) != (3 if self.with_weights else 2):
            raise RKerasError(
                f"{self._label(number)} should have the parts of the first batch "
                f"({'inputs, targets, sample_weights' if self.with_weights else 'inputs, targets'}). "
                f"Got {len(batch)} parts holding {len(arrays)} arrays.", self.argument)
        recast = False
        for i, (array, (shape, dtype)) in enumerate(zip(arrays, self._specs)):
            if array.shape[1:] != shape:
                raise RKerasError(
                    f"{self._label(number)} should have the shape of the first batch apart from the "
                    f"samples: (n, {', '.join(map(str, shape))}). Got shape {array.shape} for array {i + 1}.",
                    self.argument)
            recast = recast or array.dtype != dtype
        if not recast:
            return batch
        dtypes = iter([dtype for _, dtype in self._specs])
        return _map_leaves(lambda a: a.astype(next(dtypes), copy=False), batch)

    def signature(self):
        import tensorflow as tf

        return tf.nest.map_structure(
            lambda a: tf.TensorSpec((None,) + tuple(a.shape[1:]), tf.as_dtype(a.dtype)), self.first)


class BatchSource(BatchConverter, Pipeline):
    """Batches from a generator function or iterator, converted and checked.

    Parameters
    ----------
    source : callable or iterator
    kind : {"generator", "iterator"}
    argument : str
        ``"x"`` or ``"validation_data"``, for messages.
    model : keras.Model
    per_pass : int or None
        Batches each pass over the data (each new ``tf.data`` iterator) takes
        before it ends: ``validation_steps`` for validation, None for training.
    total : int or None
        Batches training needs in all (``epochs * steps_per_epoch``); the
        source is not pulled beyond it.
    peeking : bool
        Keras 3 under a distribution strategy reads one batch to build the
        model before training and before every validation (the first time
        through a throwaway iterator, later through the iterator of the last
        validation); those reads get the first batch again, never a new one.
    """

    def __init__(self, source, kind: str, argument: str, model, *, per_pass=None, total=None,
                 peeking: bool = False, steps_per_epoch=None):
        super().__init__(kind, argument, model)
        self.per_pass = per_pass
        self.total = total
        self.peeking = peeking
        self.steps_per_epoch = steps_per_epoch
        self._next = source.__next__ if kind == "iterator" else source
        self._lock = threading.Lock()
        self.pulled = 0          # batches taken from the source
        self.served = 0          # batches handed to Keras (not counting peeks)
        self.passes = 0
        self.exhausted = False
        first = self._pull()
        if first is None:
            raise arg_error(argument, source, "an iterator that yields batches",
                            detail="It yielded none: it is empty or already used up.")
        self.first = first
        self._pending = [first]   # pulled, not yet served
        self.with_weights = len(first) == 3

    # -- one batch ---------------------------------------------------------------
    def _pull(self):
        try:
            value = self._next()
        except StopIteration:
            if self.kind == "generator":
                raise RKerasError(
                    f"{self._label(self.pulled + 1)} raised StopIteration: a generator function "
                    "should return a batch on every call.", self.argument) from None
            self.exhausted = True
            return None
        self.pulled += 1
        return self.convert(value, self.pulled)

    # -- what tf.data calls --------------------------------------------------------
    def _passes(self):
        """One pass (one tf.data iterator): a fresh Python generator over the shared source."""
        with self._lock:
            self.passes += 1
            number = self.passes
        # Keras (under a strategy) first peeks through a throwaway iterator
        if self.peeking and number == 1:
            return self._peek_pass()
        return self._pass(number)

    def _peek_pass(self):
        yield self.first

    def _pass(self, number: int):
        taken = 0
        while self.per_pass is None or taken < self.per_pass:
            if self.total is not None and self.served >= self.total:
                return
            batch = self._take(number)
            if batch is None:
                return
            taken += 1
            yield batch
        if self.peeking:
            # Keras peeks at the next validation through the iterator it just used:
            # give it the first batch again rather than a new one from the source
            yield self.first

    def _take(self, number: int):
        with self._lock:
            if self._pending:
                batch = self._pending.pop(0)
            else:
                was_exhausted = self.exhausted
                batch = None if was_exhausted else self._pull()
                if batch is None:
                    # Without steps_per_epoch an iterator's end is the end of the
                    # (only) epoch; with them, or in a later pass, data was needed.
                    first_end = not was_exhausted and self.per_pass is None and self.steps_per_epoch is None
                    if first_end:
                        return None
                    raise self._run_out_error()
            self.served += 1
            return batch

    def _run_out_error(self) -> RanOutError:
        what = "iterator" if self.kind == "iterator" else "generator function"
        if self.per_pass is not None:
            need = f"each validation needs validation_steps = {self.per_pass} batches"
        elif self.steps_per_epoch is not None:
            need = (f"training needs epochs x steps_per_epoch = {self.total} batches"
                    if self.total is not None else "training needs more")
        else:
            need = "without steps_per_epoch every epoch needs a new pass over it, which a Python iterator cannot give"
        return RanOutError(
            f"`{self.argument}` (a Python {what}) ran out of batches at batch {self.served + 1} "
            f"(it gave {self.served}): {need}. "
            "Give an iterator that yields enough batches (or cycles), a generator function, "
            "or fewer epochs / steps. (Keras 3 would silently retrain on the batches it "
            "peeked at the start; rkeras stops instead.)",
            self.argument,
        )

    # -- while Keras trains --------------------------------------------------------
    def dataset(self):
        return super().dataset(self.signature())

    def guard(self):
        """Errors raised on the batch thread are re-raised as themselves; the pipeline ends with fit()."""
        return pipeline_guard(self, model=self.model, quiet_run_out=True)


def _map_leaves(fn, structure):
    if isinstance(structure, dict):
        return {k: _map_leaves(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(_map_leaves(fn, v) for v in structure)
    return fn(structure)


def keras_peeks(model) -> bool:
    """Will Keras open a throwaway iterator to build the model (Keras 3, under a strategy)?"""
    from ..engines import engine_of

    try:
        return engine_of(model).name == "keras" and getattr(model, "_distribute_strategy", None) is not None
    except Exception:
        return False


def _plan(source: BatchSource):
    from .structure import DataPlan

    plan = DataPlan(keras_args={"x": source.dataset(), "shuffle": False})
    plan.contexts.append(source.guard())
    plan.sources = [source]
    return plan


def check_callable(function, argument: str) -> None:
    """R's generator function is called with no arguments: one that needs some is an error now.

    (Otherwise the first call fails inside Keras with a TypeError on
    TensorFlow's thread.) Callables whose signature Python cannot read are
    accepted as they are.
    """
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return
    needed = [p.name for p in signature.parameters.values()
              if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if needed:
        raise arg_error(argument, function, "a generator function that takes no arguments (R's `function() list(x, y)`)",
                        detail=f"It needs argument{'s' if len(needed) > 1 else ''} {', '.join(needed)}: "
                               "give a function that returns the next batch when called with none "
                               "(for example `lambda: make_batch(data, size)`).")


def generator_function_plan(x, steps_per_epoch, model=None, *, epochs=None, initial_epoch=0, purpose="fit"):
    """Training data from an R-style generator function: ``steps_per_epoch`` required."""
    check_callable(x, "x")
    if steps_per_epoch is None:
        raise arg_error("steps_per_epoch", None,
                        "the number of batches per epoch when `x` is a generator function "
                        "(it never runs out, so R keras required it too)")
    total = None if epochs is None else (epochs - initial_epoch) * steps_per_epoch
    return _plan(BatchSource(x, "generator", "x", model, total=total, peeking=keras_peeks(model),
                             steps_per_epoch=steps_per_epoch))


def iterator_plan(x, steps_per_epoch, model=None, *, epochs=None, initial_epoch=0, purpose="fit"):
    """Training data from a Python iterator or generator object.

    For ``fit()`` ``steps_per_epoch`` is required, as R keras required it for
    its generators: Keras cannot know where an iterator's epoch ends, and an
    endless one would never end it. (``evaluate()``/``predict()`` require
    ``steps`` for the same reason: an endless iterator would never end the pass.)
    """
    if purpose == "fit" and steps_per_epoch is None:
        raise arg_error("steps_per_epoch", None,
                        "the number of batches per epoch when `x` is a Python iterator or generator object "
                        "(R keras required it: Keras cannot tell where an iterator's epoch ends, and an "
                        "endless one would never end it)")
    total = None if epochs is None or steps_per_epoch is None else (epochs - initial_epoch) * steps_per_epoch
    return _plan(BatchSource(x, "iterator", "x", model, total=total, peeking=keras_peeks(model),
                             steps_per_epoch=steps_per_epoch))


def validation_plan(plan, validation_data, kind, validation_steps, model=None) -> None:
    """``validation_data`` as a generator function or iterator: ``validation_steps`` required."""
    if kind == "generator":
        check_callable(validation_data, "validation_data")
    if validation_steps is None:
        what = "a generator function" if kind == "generator" else "a Python iterator or generator object"
        raise arg_error("validation_steps", None,
                        f"the number of batches per validation when `validation_data` is {what} "
                        "(R keras required it)")
    source = BatchSource(validation_data, kind, "validation_data", model,
                         per_pass=validation_steps, peeking=keras_peeks(model))
    plan.fit_args["validation_data"] = source.dataset()
    plan.contexts.append(source.guard())
    plan.sources = getattr(plan, "sources", []) + [source]
    plan.validation_samples = None

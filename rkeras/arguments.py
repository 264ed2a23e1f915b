"""Coercion and checking of fit()'s scalar arguments, R's way.

R passes doubles where integers are meant (``epochs = 10`` is a double), and
R keras ran ``as.integer()`` on them, which truncates toward zero: so every
integer argument takes a float too, and a fractional one is truncated as R
did (``validation_steps = 769.54`` is 769, the "Deep Learning with R" book
relies on it), with one deferred warning naming the argument, the value and
the result. NaN, infinite, bool and non-numeric values, and numbers below the
argument's minimum, are errors. ``None`` is R's NULL and is tested with
``is None``, never by truthiness (0 is a value).
"""

from __future__ import annotations

import math
import numbers

from . import environment
from .errors import RKerasError, arg_error
from .habits import warn_later
from .options import OPTIONS, get_option

__all__ = [
    "as_integer",
    "as_nullable_integer",
    "resolve_verbose",
    "resolve_view_metrics",
    "check_shuffle",
    "check_validation_split",
    "as_double",
    "check_passed_on",
]


def _is_bool(value) -> bool:
    # numpy's bool is named "bool_" before numpy 2 and "bool" since
    return isinstance(value, bool) or (type(value).__module__ == "numpy" and type(value).__name__ in ("bool_", "bool"))


def as_integer(argument: str, value, *, minimum: int | None = None) -> int:
    """An integer argument, R's ``as.integer()``: int, numpy integer, or a float.

    A fractional float is truncated toward zero, with one deferred
    :class:`~rkeras.errors.RKerasWarning` (see :func:`rkeras.habits.warn_later`)
    naming the argument, the value and the result. The minimum is checked on
    the value as given, so ``-0.5`` is refused where 0 is the minimum.
    """
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise arg_error(argument, value, _expected_int(minimum))
    fraction = False
    if isinstance(value, numbers.Integral):
        result = int(value)
    else:
        number = float(value)
        if not math.isfinite(number):
            raise arg_error(argument, value, _expected_int(minimum))
        result = int(number)  # toward zero, as R's as.integer()
        fraction = not number.is_integer()
    if minimum is not None and (result < minimum or float(value) < minimum):
        raise arg_error(argument, value, _expected_int(minimum))
    if fraction:
        warn_later(f"`{argument}` = {_show_number(value)} is not a whole number: truncated to {result}, "
                   "as R's as.integer() does.")
    return result


def _show_number(value) -> str:
    """A number as the user wrote it: the shortest text of its own float type
    (``np.float32(769.54)`` shows as 769.54, not 769.5399780273438)."""
    if type(value).__module__ == "numpy":
        return str(value)
    return repr(float(value))


def _expected_int(minimum: int | None) -> str:
    if minimum is None:
        return "a finite number (an integer; fractions are truncated as by R's as.integer())"
    return f"a finite number, {minimum} or more (an integer; fractions are truncated as by R's as.integer())"


def as_nullable_integer(argument: str, value, *, minimum: int | None = None) -> int | None:
    """``None`` (R's NULL) or an integer argument."""
    return None if value is None else as_integer(argument, value, minimum=minimum)


def resolve_verbose(value) -> int:
    """R's ``as_model_verbose_arg``: 0, 1 or 2 for Keras.

    ``True``/``False`` are 1/0. ``"auto"`` is 1, except 2 while a notebook is
    being rendered to a document or the output is neither a terminal nor a
    notebook (a log file), and on distributed training: 2 on the chief, 0 on
    the other workers.
    """
    if isinstance(value, str):
        if value != "auto":
            raise arg_error("verbose", value, "0, 1, 2, True, False or 'auto'")
        role = environment.role()
        if role == "worker":
            return 0
        if role == "chief":
            return 2
        return 2 if environment.context() in ("rendering", "batch") else 1
    if _is_bool(value):
        return int(bool(value))
    try:
        verbose = as_integer("verbose", value)
    except ValueError:
        raise arg_error("verbose", value, "0, 1, 2, True, False or 'auto'") from None
    if verbose not in (0, 1, 2):
        raise arg_error("verbose", value, "0, 1, 2, True, False or 'auto'")
    return verbose


def compiled_metrics_given(model) -> bool:
    """Were metrics given to ``compile()``? (R's ``object$metrics`` test.)"""
    try:
        config = model.get_compile_config() or {}
    except Exception:
        config = {}
    for key in ("metrics", "weighted_metrics"):
        if config.get(key):
            return True
    return False


def resolve_view_metrics(value, *, verbose: int, epochs: int, model) -> bool:
    """``view_metrics``: True, False or "auto".

    "auto" is True only in an interactive notebook front end (the RStudio
    viewer's analogue), with metrics given to ``compile()``, ``epochs > 1``
    and a resolved verbose above 0, and never on a non-chief worker.
    """
    if isinstance(value, str):
        if value != "auto":
            raise arg_error("view_metrics", value, "True, False or 'auto'")
        return (
            epochs > 1
            and verbose > 0
            and environment.context() == "notebook"
            and environment.is_chief()
            and compiled_metrics_given(model)
        )
    if _is_bool(value):
        return bool(value) and environment.is_chief()
    raise arg_error("view_metrics", value, "True, False or 'auto'")


def check_shuffle(value):
    """``shuffle``: True, False or "batch" (R keras' HDF5 chunk shuffle)."""
    if _is_bool(value):
        return bool(value)
    if isinstance(value, str) and value == "batch":
        return "batch"
    raise arg_error("shuffle", value, "True, False or 'batch'")


def as_double(value) -> float:
    """A number as the double it was written as: a numpy float32 (or float16) is
    read through its shortest text, so ``np.float32(0.2)`` is 0.2, not
    0.20000000298023224 (which would cut 10 rows 7/3 instead of R's 8/2)."""
    if type(value).__module__ == "numpy" and getattr(value, "dtype", None) is not None \
            and value.dtype.kind == "f" and value.dtype.itemsize < 8:
        return float(str(value))
    return float(value)


def check_validation_split(value) -> float:
    """``validation_split``: a fraction in [0, 1) (a float32 is read as written, see :func:`as_double`)."""
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise arg_error("validation_split", value, "a number in [0, 1)")
    number = as_double(value)
    if not (0.0 <= number < 1.0):
        raise arg_error("validation_split", value, "a number in [0, 1)")
    return number


def resolve_from_option(value, option: str, resolve, **kwargs):
    """``resolve(value)``, or ``resolve(getOption(option))`` when the argument was not given.

    A bad value that came from the option is an error naming the option (the
    user never wrote the argument), with ``argument`` set to the option's name.
    An error about another option met while resolving (a bad ``rkeras.context``
    read by ``verbose = "auto"``) goes on as it is: it names that option.
    """
    if value is not OPTION:
        return resolve(value, **kwargs)
    try:
        return resolve(get_option(option), **kwargs)
    except RKerasError as error:
        if error.argument in OPTIONS:
            raise
        raise RKerasError(
            f"Option `{option}` (the default of `{error.argument}`) is not valid: {error} "
            f"Set it with rkeras.options({{{option!r}: ...}}) (R: options({option} = ...)).",
            option,
        ) from None


def validation_split_at(validation_split: float, samples: int) -> int:
    """Where ``validation_split`` cuts ``samples`` rows: the first training row
    after it is the first validation row (Keras' and R's floor rule). A split that
    leaves no rows on one side is an error."""
    split_at = int(math.floor(samples * (1.0 - validation_split)))
    if split_at == 0 or split_at == samples:
        raise arg_error("validation_split", validation_split,
                        f"a fraction that leaves samples on both sides of {samples} samples",
                        detail=f"It puts {samples - split_at} of {samples} samples in validation.")
    return split_at


class _OptionDefault:
    """Marker default for arguments whose R default reads an option at call time."""

    def __repr__(self) -> str:  # shows in help(): verbose=<option>
        return "<option>"


OPTION = _OptionDefault()


# -- arguments passed on to Keras through R's `...` ------------------------------------

def _whole(argument: str, value, minimum: int) -> int:
    """A whole number for an engine argument (R keras passed these on without
    as.integer(), so a fraction is an error, not truncated)."""
    expected = f"a whole number, {minimum} or more"
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise arg_error(argument, value, expected)
    number = float(value)
    if not math.isfinite(number) or not number.is_integer() or number < minimum:
        raise arg_error(argument, value, expected)
    return int(number)


def _validation_freq(value):
    expected = "a whole number, 1 or more (validate every so many epochs), or a list of 1-based epochs"
    if isinstance(value, (list, tuple)) or (type(value).__module__ == "numpy" and getattr(value, "ndim", 0) == 1):
        epochs = list(value)
        if not epochs:
            raise arg_error("validation_freq", value, expected)
        try:
            return [_whole("validation_freq", e, 1) for e in epochs]  # Keras takes a list, not a tuple
        except RKerasError:
            raise arg_error("validation_freq", value, expected) from None
    try:
        return _whole("validation_freq", value, 1)  # Keras takes a Python int only
    except RKerasError:
        raise arg_error("validation_freq", value, expected) from None


def _use_multiprocessing(value):
    if not _is_bool(value):
        raise arg_error("use_multiprocessing", value, "True or False")
    return bool(value)


#: Engine arguments of Model.fit that rkeras checks (the others go on unchanged).
_PASSED_ON_CHECKS = {
    "validation_freq": _validation_freq,
    "validation_batch_size": lambda v: None if v is None else _whole("validation_batch_size", v, 1),
    "max_queue_size": lambda v: _whole("max_queue_size", v, 1),
    "workers": lambda v: _whole("workers", v, 0),
    "use_multiprocessing": _use_multiprocessing,
}


def check_passed_on(passed: dict) -> dict:
    """Check the engine arguments R's ``...`` passes on to ``Model.fit``, as R
    arguments are checked: before training, so that a value Keras would only
    refuse after an epoch (``validation_freq = 0``, ``validation_freq = "2"``,
    ``validation_batch_size = "a"``) is an error now. Values come back in the
    types Keras takes (a Python int, a list of ints)."""
    return {name: _PASSED_ON_CHECKS[name](value) if name in _PASSED_ON_CHECKS else value
            for name, value in passed.items()}

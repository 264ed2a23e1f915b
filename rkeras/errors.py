"""The one error class and the one warning class of rkeras.

Every message names the R argument, the value that came and what was
expected, in plotnine's order: what should be, then what came.
"""

from __future__ import annotations

import reprlib

__all__ = ["RKerasError", "RKerasWarning", "arg_error", "show_value"]

_repr = reprlib.Repr()
_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlist = 6
_repr.maxtuple = 6
_repr.maxdict = 6


class RKerasError(ValueError):
    """An argument of an rkeras function was given a value it cannot take.

    Raised before any training starts. ``argument`` holds the R argument's
    name, so programs can tell which one was wrong.
    """

    def __init__(self, message: str, argument: str | None = None):
        super().__init__(message)
        self.argument = argument


class RKerasWarning(UserWarning):
    """A known difference between R keras and what rkeras (or Keras 3) does."""


def show_value(value) -> str:
    """A short, readable rendering of a value for an error message."""
    shape = getattr(value, "shape", None)
    if shape is not None and not isinstance(value, (int, float, str)) and len(shape) > 0:
        dtype = getattr(value, "dtype", None)
        return f"{type(value).__name__} of shape {tuple(shape)}" + (f" and dtype {dtype}" if dtype is not None else "")
    return _repr.repr(value)


def arg_error(argument: str, value, expected: str, *, detail: str | None = None) -> RKerasError:
    """Build the error for ``argument``: what was expected, then what came."""
    message = f"`{argument}` should be {expected}. Got {argument}={show_value(value)}."
    if detail:
        message += " " + detail
    return RKerasError(message, argument)

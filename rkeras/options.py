"""R's global options, the way ``options()`` and ``getOption()`` work in R.

Every option rkeras reads is declared here with its default and its meaning.
Values are read when a function is called, never at import (R evaluates a
``getOption()`` default lazily, at the call).

>>> import rkeras
>>> old = rkeras.options({"keras.fit_verbose": 0})
>>> rkeras.get_option("keras.fit_verbose")
0
>>> _ = rkeras.options(old)          # passing the old values back restores them
>>> with rkeras.options(keras_view_metrics=False):   # or as a context manager
...     pass
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from .errors import RKerasError

__all__ = ["options", "get_option", "OPTIONS"]

_UNSET = object()

#: The options rkeras reads: name -> (default, meaning).
OPTIONS: dict[str, tuple[Any, str]] = {
    "keras.fit_verbose": ("auto", "default `verbose` of fit(): 0, 1, 2 or 'auto'"),
    "keras.view_metrics": ("auto", "default `view_metrics` of fit(): True, False or 'auto'"),
    "keras.plot.history.smooth": (True, "draw a smooth line in plot(history) from 10 epochs on"),
    "keras.plot.history.theme_bw": (False, "black and white plot(history)"),
    "keras.class_weight_base": (None, "class_weight names: None, R's 1-based positions except that exactly '0'..'K-1' are read as R keras 2.15 did (0-based) with a warning; 1: always 1-based; 0: always Keras' 0-based classes, silently"),
    "keras.run_dir": (None, "directory for run metadata (R's tfruns); else $RUN_DIR; None: no run metadata"),
    "rkeras.context": (None, "override environment detection: 'terminal', 'notebook', 'rendering' or 'batch' (also $RKERAS_CONTEXT)"),
    "rkeras.role": (None, "override the distributed role: 'single', 'chief' or 'worker' (also $RKERAS_ROLE)"),
}

_values: dict[str, Any] = {}


def _check_name(name: str) -> str:
    if not isinstance(name, str):
        raise RKerasError(f"Option names should be strings. Got {name!r}.", "options")
    if name not in OPTIONS:
        known = ", ".join(sorted(OPTIONS))
        raise RKerasError(f"Unknown option {name!r}; rkeras knows: {known}.", "options")
    return name


def get_option(name: str, default: Any = _UNSET) -> Any:
    """R's ``getOption(name, default)``.

    Returns the value set with :func:`options`, else ``default`` when given,
    else the option's documented default.
    """
    _check_name(name)
    if name in _values:
        return _values[name]
    if default is not _UNSET:
        return default
    return OPTIONS[name][0]


class _OldOptions(dict):
    """The previous values returned by :func:`options`.

    A dict (pass it back to ``options()`` to restore), and a context manager
    that restores them on exit.
    """

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        options(self)
        return False


def options(values: Mapping[str, Any] | None = None, **kwargs: Any) -> _OldOptions:
    """R's ``options(...)``: set options and return their old values.

    Options may be given as a dict (R's dotted names, ``{"keras.fit_verbose": 0}``)
    or as keyword arguments where every ``.`` is written ``_``
    (``keras_fit_verbose=0``). Setting an option to ``None`` removes it, as in
    R, so its default applies again. Called with nothing, returns all options
    currently set.

    The return value is a dict of the old values: ``options(old)`` restores
    them. It is also a context manager: ``with options(...):`` restores on exit.
    """
    new: dict[str, Any] = {}
    for name, value in dict(values or {}).items():
        new[_check_name(name)] = value
    by_keyword = {name.replace(".", "_"): name for name in OPTIONS}
    for key, value in kwargs.items():
        new[_check_name(by_keyword.get(key, key))] = value
    if not new:
        return _OldOptions({k: v for k, v in _values.items()})
    old = _OldOptions({name: _values.get(name) for name in new})
    for name, value in new.items():
        if value is None:
            _values.pop(name, None)
        else:
            _values[name] = value
    return old


def run_dir() -> str | None:
    """Where run metadata goes: option ``keras.run_dir``, else ``$RUN_DIR``."""
    value = get_option("keras.run_dir")
    if value is None:
        value = os.environ.get("RUN_DIR") or None
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise RKerasError(f"Option `keras.run_dir` should be a directory path (a string). Got {value!r}.",
                          "keras.run_dir")
    return os.fspath(value)

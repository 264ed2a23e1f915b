"""R's calling habits, for every R function rkeras ports.

A call copied from an R script must mean what it meant in R. Two habits of R's
are kept here, in one place, for ``fit()`` and every model function:

**Partial argument names.** R matches a named argument to a formal argument by
its exact name, else by a unique prefix among the formals not yet matched
(only those before ``...``): ``fit(model, x, y, epoch = 30)`` is
``epochs = 30``. :func:`r_function` does the same for a Python function whose
signature lists R's formals (then ``**kwargs``, R's ``...``). A prefix that
matches one formal is that formal, with one deferred :class:`RKerasWarning`
naming the full argument (what R's ``options(warnPartialMatchArgs = TRUE)``
says); a prefix of several formals is an :class:`RKerasError` listing them; two
prefixes of the same formal are an error too (R: "formal argument matched by
multiple actual arguments"); a name that is no prefix stays in ``**kwargs``.

*Engine arguments win.* A function that passes ``...`` on to Keras may name
the engine's own arguments with ``passes_on``: a name in ``**kwargs`` that is
exactly one of them goes on to ``**kwargs`` unchanged, even when it is also a
prefix of a formal. ``passes_on`` is given to the decorator, or set as the
function attribute ``_passes_on``; it is a collection of names, or a callable
taking the dict of the arguments matched so far (``{"object": model, ...}``)
and returning the names. The callable is called only when some name in
``**kwargs`` is a prefix of a formal, so no engine is imported for nothing; if
it raises (say ``object`` is not a model), no names win, and the function's
own checks report the problem.

**Warnings come last.** A rejected call raises its error and neither prints
nor warns. So the warnings of a decorated call are collected with
:func:`warn_later` while it runs, and given once it returns normally, or
earlier with :func:`flush_warnings` (a function calls that when all its checks
have passed, right before handing work to Keras). When the call raises, the
collected warnings are dropped. Decorated calls made inside a decorated call
(``fit_generator()`` calling ``fit()``) share the outer call's collection.
Outside any decorated call, :func:`warn_later` warns at once.

Warnings point at the user's line: the first caller outside the rkeras
package.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
import sys
import warnings

from .errors import RKerasError, RKerasWarning

__all__ = ["r_function", "warn_later", "flush_warnings", "match_partial"]

_pending: contextvars.ContextVar[list | None] = contextvars.ContextVar("rkeras_pending_warnings", default=None)

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _stacklevel() -> int:
    """The ``stacklevel`` for ``warnings.warn`` called from here that points at
    the first frame outside the rkeras package (the user's call)."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None:
        filename = os.path.abspath(frame.f_code.co_filename)
        if not filename.startswith(_PACKAGE_DIR):
            return level
        frame = frame.f_back
        level += 1
    return 1


def warn_later(message: str, category: type[Warning] = RKerasWarning) -> None:
    """Warn when the running R function has passed its checks.

    Inside a call of an :func:`r_function`, the warning is collected and given
    by :func:`flush_warnings` or when the call returns; dropped when it raises.
    Outside one, it is given now. The same message is given once per call.
    """
    pending = _pending.get()
    if pending is None:
        warnings.warn(message, category, stacklevel=_stacklevel())
        return
    if (message, category) not in pending:
        pending.append((message, category))


def flush_warnings() -> None:
    """Give the collected warnings now (all checks of the running call passed)."""
    pending = _pending.get()
    if not pending:
        return
    items = list(pending)
    pending.clear()
    for message, category in items:
        warnings.warn(message, category, stacklevel=_stacklevel())


def match_partial(
    function: str,
    formals: list[str],
    matched: set[str],
    supplied: list[str],
    passes_on=None,
) -> dict[str, str]:
    """R's partial matching: ``{supplied name: formal}`` for each name that is
    a unique prefix of a formal not in ``matched``.

    ``supplied`` are the names that matched no formal exactly. ``passes_on``
    (a collection of names, or a no-argument callable returning one, called
    only when needed) holds engine argument names that stay as they are.
    Ambiguous prefixes and two prefixes of one formal are errors. Warnings
    naming the full arguments are given with :func:`warn_later`.
    """
    open_formals = [f for f in formals if f not in matched]
    found: dict[str, list[str]] = {}
    for name in supplied:
        candidates = [f for f in open_formals if f.startswith(name)]
        if candidates:
            found[name] = candidates
    if not found:
        return {}
    if passes_on is not None:
        names = passes_on() if callable(passes_on) else passes_on
        found = {name: c for name, c in found.items() if name not in set(names)}
    renames: dict[str, str] = {}
    for name, candidates in found.items():
        if len(candidates) > 1:
            raise RKerasError(
                f"{function}(): argument `{name}` matches several arguments: {', '.join(candidates)} "
                f"(R: argument matches multiple formal arguments). Write the full name of the one you mean.",
                name,
            )
        formal = candidates[0]
        twins = [n for n, c in found.items() if c == [formal] and n != name]
        if twins:
            raise RKerasError(
                f"{function}(): arguments {', '.join(f'`{n}`' for n in sorted([name] + twins))} all match "
                f"`{formal}` (R: formal argument matched by multiple actual arguments). Give it once, in full.",
                formal,
            )
        renames[name] = formal
    for name, formal in renames.items():
        warn_later(
            f"{function}(): partial argument match of `{name}` to `{formal}` (R matches names by prefix); "
            f"write `{formal}` in full."
        )
    return renames


def r_function(func=None, *, passes_on=None, exact_only=(), name: str | None = None):
    """Decorate an R function: R's partial argument names and deferred warnings.

    Parameters
    ----------
    passes_on : collection of str, or callable, optional
        Engine argument names that pass through ``**kwargs`` as they are, even
        when they are prefixes of a formal. A callable gets the dict of the
        arguments matched by name or position. Default: the function's
        ``_passes_on`` attribute, if any.
    exact_only : collection of str
        Formals that R lists after ``...`` (matched only by their exact name).
    name : str, optional
        The R function's name in messages (default: the Python name).

    Use as ``@r_function`` or ``@r_function(passes_on=...)``.
    """
    if func is None:
        return functools.partial(r_function, passes_on=passes_on, exact_only=exact_only, name=name)

    signature = inspect.signature(func)
    parameters = list(signature.parameters.values())
    named = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    positional = [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    partial_formals = [f for f in named if f not in set(exact_only) and not f.startswith("_")]
    label = name or func.__name__

    @functools.wraps(func)
    def call(*args, **kwargs):
        outer = _pending.get() is not None
        token = None if outer else _pending.set([])
        start = len(_pending.get())  # a nested call drops only its own warnings when it raises
        try:
            supplied = [k for k in kwargs if k not in named]
            if supplied:
                matched = {k for k in kwargs if k in named} | set(positional[: len(args)])
                on = passes_on if passes_on is not None else getattr(func, "_passes_on", None)
                if callable(on):
                    bound = dict(zip(positional, args))
                    bound.update({k: v for k, v in kwargs.items() if k in named})
                    on = _safe_names(on, bound)
                renames = match_partial(label, partial_formals, matched, supplied, on)
                if renames:
                    kwargs = {renames.get(k, k): v for k, v in kwargs.items()}
            result = func(*args, **kwargs)
        except BaseException:
            del _pending.get()[start:]  # a rejected call does not warn
            raise
        finally:
            if token is not None:
                pending = _pending.get()
                _pending.reset(token)
        if token is not None and pending:
            level = _stacklevel()  # the user's line, past any rkeras wrapper
            for message, category in pending:
                warnings.warn(message, category, stacklevel=level)
        return result

    return call


def _safe_names(passes_on, bound: dict):
    """A no-argument callable for :func:`match_partial`: the engine names, or none
    when they cannot be known (the function's own checks report why)."""

    def names():
        try:
            return set(passes_on(bound))
        except Exception:
            return set()

    return names

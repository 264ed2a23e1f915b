"""Process-wide state: the history of the most recent fit().

A fit() stopped by Ctrl-C or by a failing callback still leaves the history of
its finished epochs here (and on the raised exception, as ``error.history``).
"""

from __future__ import annotations

__all__ = ["last_history", "set_last_history"]

_last = None


def set_last_history(history) -> None:
    global _last
    _last = history


def last_history():
    """The history of the most recent ``fit()`` in this process, finished or not.

    After Ctrl-C (KeyboardInterrupt) or an error raised by a callback, this
    holds every epoch that finished; ``None`` before any fit().
    """
    return _last

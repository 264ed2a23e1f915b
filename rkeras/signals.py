"""SIGTERM during ``fit()`` is handled like Ctrl-C.

Batch systems and containers stop a process with SIGTERM (Slurm preemption,
``docker stop``, Kubernetes), whose default action ends Python at once: the
epoch in progress, the run's final status and the end of its files would be
lost. While ``fit()`` trains, rkeras turns SIGTERM into :class:`Terminated`, a
``KeyboardInterrupt``, so it ends training exactly as Ctrl-C does: the
finished epochs are kept (``error.history``, :func:`rkeras.last_history`),
the run files are completed with status ``stopped`` (``stopped_by:
Terminated: SIGTERM``), and the exception is raised to the script, which may
catch it; uncaught, it ends the process as an uncaught Ctrl-C does.

The handler is installed only in the main thread (Python runs signal handlers
there), only while ``fit()`` runs, and only over SIGTERM's default action: a
program that installed its own handler, or ignores SIGTERM, keeps it. The
previous handler is restored when ``fit()`` returns or raises. A second
SIGTERM while ``fit()`` completes its files is ignored.
"""

from __future__ import annotations

import contextlib
import signal
import threading

__all__ = ["Terminated", "sigterm_as_interrupt"]


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while ``fit()`` was training (a ``KeyboardInterrupt``)."""


@contextlib.contextmanager
def sigterm_as_interrupt():
    """Within this block (main thread only), SIGTERM raises :class:`Terminated`."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return
    fired = False

    def handler(signum, frame):
        nonlocal fired
        if fired:
            return  # already ending: let fit() complete the run files
        fired = True
        raise Terminated("SIGTERM")

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

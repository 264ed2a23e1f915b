"""R's package-level helpers scripts use beside keras: ``installed.packages()`` and curry's
``set_defaults()``."""

from __future__ import annotations

import pandas as pd

__all__ = ["installed_packages", "set_defaults"]


def installed_packages():
    """R's ``installed.packages()``: one row per installed package, its name as row name.

    Differences from R: the packages are the Python distributions installed (``numpy``,
    ``keras``, ...), with columns ``Package`` and ``Version``; an R package name
    (``devtools``) is not among them, so a script's ``if (!"x" %in% rownames(...))
    install.packages("x")`` takes the install branch, which the porter makes a comment.
    """
    from importlib.metadata import distributions

    rows = {}
    for dist in distributions():
        name = dist.metadata["Name"]
        if name and name not in rows:
            rows[name] = dist.version
    names = sorted(rows)
    return pd.DataFrame({"Package": names, "Version": [rows[n] for n in names]}, index=names)


def set_defaults(f, defaults):
    """curry's ``set_defaults(f, list(a = 1))``: ``f`` with new defaults for the named
    arguments; a call that gives one of them still wins."""
    defaults = dict(defaults or {})

    def with_defaults(*args, **kwargs):
        return f(*args, **{**defaults, **kwargs})

    with_defaults.__name__ = getattr(f, "__name__", "with_defaults")
    return with_defaults

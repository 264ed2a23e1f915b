"""R's environments and attributes as R keras scripts use them to build objects by hand:
``self <- new.env(); self$W <- ...; attr(self, "class") <- "NaiveDense"`` (Deep Learning
with R, 2nd edition, chapter 2), ``ls(env)``.

``new_env()`` is an :class:`REnv`: ``$`` and ``[[`` read and assign its names (a name never
assigned reads as ``None``, R's ``NULL``); ``ls()`` lists them sorted, as R does. Environments
are references, as in R: a function that assigns into one changes it for every holder.
"""

from __future__ import annotations

import numpy as np

from .errors import RError

__all__ = ["REnv", "new_env", "emptyenv", "private", "ls", "set_attr", "attr"]


class REnv(dict):
    """An R environment: a reference (never copied on change, unlike R's lists), whose names are
    read and assigned with ``$`` (attributes here) and ``[[`` (items), read as ``NULL`` until
    assigned; used as a hash map it is a dict (``length()``, ``names()``, ``ls()``)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)

    def __setattr__(self, name, value):
        self[name] = value

    def __delattr__(self, name):
        self.pop(name, None)

    def __repr__(self):
        return "<environment>"

    __hash__ = object.__hash__
    __eq__ = object.__eq__


def new_env(hash=True, parent=None, size=29):
    """R's ``new.env()``: an empty environment (``parent`` is not modelled: names are looked up
    in the environment only, as ``$`` and ``[[`` do)."""
    return REnv()


def emptyenv():
    """R's ``emptyenv()``, only ever a ``parent`` of ``new.env()`` here: ``None``."""
    return None


def private(obj):
    """The ``private`` environment of an object of a class written in R (R6, R keras'
    ``new_*_class()``): one per instance, kept outside the attributes Keras tracks."""
    env = obj.__dict__.get("_r_private")
    if env is None:
        env = REnv()
        obj.__dict__["_r_private"] = env
    return env


def ls(name=None, *args, **kwargs):
    """R's ``ls(env)``: the environment's names (or a named list's), sorted; names starting with
    ``.`` only with ``all.names = TRUE``."""
    if name is None:
        raise RError("ls() of the calling environment is not ported: give the environment")
    if name == "package:keras":
        # R keras 2.15's exports, as the porter's tables list them (translated or not)
        from ..port.core import load_table
        from ..port.keras_api.not_ported import NOT_PORTED

        keys = set(load_table()) | set(NOT_PORTED)
    elif isinstance(name, str):
        raise RError(f"ls({name!r}): only R keras' own exports (\"package:keras\") are listed")
    else:
        keys = list(name.keys()) if isinstance(name, dict) else [k for k in vars(name)
                                                                  if not k.startswith("_r_") and k != "r_class"]
    show_all = kwargs.get("all_names", False)
    pattern = kwargs.get("pattern")
    if pattern is not None:
        import re

        keys = [k for k in keys if re.search(pattern, str(k))]
    return np.array(sorted(k for k in keys if show_all or not str(k).startswith(".")), dtype=object)


def set_attr(x, which, value):
    """R's ``attr(x, which) <- value``: ``"names"``/``"dim"`` as ``names<-``/``dim<-``; other
    attributes (``"class"``, ...) are kept on objects that can hold them (environments, Python
    objects), where ``attr(x, which)`` reads them back."""
    from .vectors import set_dim, set_names

    if which == "names":
        return set_names(x, value)
    if which == "dim":
        return set_dim(x, value)
    if not hasattr(x, "__dict__") or type(x) in (dict, list):
        raise RError(f"attr(x, {which!r}) <- value: a {type(x).__name__} cannot hold R attributes here")
    vars(x).setdefault("_r_attributes", {})[which] = value
    if which == "class":   # what class() reports (rbase.class_ reads r_class)
        vars(x)["r_class"] = tuple(str(v) for v in np.ravel(np.asarray(value, dtype=object)))
    return x


def attr(x, which, exact=False):
    """R's ``attr(x, which)``: what ``attr<-`` stored (``NULL`` if nothing)."""
    return getattr(x, "__dict__", {}).get("_r_attributes", {}).get(which)

"""R6 classes ported to Python: ``Class$new(...)`` is ``Class.new(...)`` (or ``Class(...)``)."""

from __future__ import annotations

__all__ = ["R6"]


class R6:
    """Base of ported R6 classes: gives R6's ``Class$new(...)``. Public fields are class
    attributes (R6 copies them to each object); ``initialize`` is ``__init__``."""

    @classmethod
    def new(cls, *args, **kwargs):
        return cls(*args, **kwargs)

"""The error R's ``stop()`` raises in ported code."""

from __future__ import annotations

from ..errors import RKerasError


class RError(RKerasError):
    """An error R would have raised (``stop()`` in the R script, or R's own rule)."""

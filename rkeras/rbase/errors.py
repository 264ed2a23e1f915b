"""The error R's ``stop()`` raises in ported code, and R's ``try()``."""

from __future__ import annotations

from ..errors import RKerasError


class RError(RKerasError):
    """An error R would have raised (``stop()`` in the R script, or R's own rule)."""


class TryError(str):
    """The value of R's ``try()`` when its expression failed: the error message, of R class
    "try-error" (``inherits(x, "try-error")``), with the exception as ``condition``."""

    r_class = ("try-error",)
    condition = None


def r_try(expr, silent=False):
    """R's ``try(expr, silent = FALSE)`` (the porter passes ``expr`` as a function of no arguments):
    its value, or a :class:`TryError` whose message R prints as ``Error : ...`` unless silent."""
    try:
        return expr()
    except Exception as exc:  # R's try() catches every error
        message = f"Error : {exc}\n"
        if not silent:
            import sys

            sys.stderr.write(message)
        out = TryError(message)
        out.condition = exc
        return out


def show_chunk_error(exc):
    """An error in an R Markdown chunk with ``error = TRUE``: knitr shows it (``## Error: ...``)
    and the document goes on; the ported script prints it to stderr and goes on."""
    import sys

    sys.stderr.write(f"Error: {exc}\n")

"""R's named numeric vector as a pandas Series that prints the way R prints it.

``evaluate()`` returns one: ``result["loss"]``, ``result.iloc[0]`` (R's
``result[[1]]``) and every pandas operation work as on any Series; only its
text differs. R prints a named vector as columns all of one width (the widest name or
value), names right-aligned above the values, a space after each column,
as many columns a line as fit in 80 characters, and the numbers in a common format:
up to 7 significant digits, fixed notation with as many decimals as the most
precise value needs, unless scientific notation is narrower (R's
``formatReal`` with ``digits = 7``, ``scipen = 0``)::

        loss accuracy
    0.144107 1.000000
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["NamedVector", "format_r_numbers", "format_named_columns"]

_DIGITS = 7
_WIDTH = 80


def _significant(value: float, digits: int = _DIGITS) -> tuple[int, int]:
    """(decimals in fixed notation, mantissa decimals in scientific) that show
    ``value`` to R's ``digits`` (7) significant digits, trailing zeros dropped."""
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    sci = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return max(0, sci - int(exponent)), sci


def format_r_numbers(values, digits: int = _DIGITS) -> list[str]:
    """The strings R's ``print()`` shows for a numeric vector, in one common format
    (``digits`` significant digits: R's ``getOption("digits")``, 7)."""
    finite = [float(v) for v in values if math.isfinite(float(v))]
    fixed_decimals = max((_significant(v, digits)[0] for v in finite if v != 0), default=0)
    sci_decimals = max((_significant(v, digits)[1] for v in finite if v != 0), default=0)
    fixed = [f"{v:.{fixed_decimals}f}" for v in finite]
    sci = [f"{v:.{sci_decimals}e}" for v in finite]
    use_sci = bool(finite) and max(map(len, fixed)) > max(map(len, sci))

    def one(v: float) -> str:
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Inf" if v > 0 else "-Inf"
        return f"{v:.{sci_decimals}e}" if use_sci else f"{v:.{fixed_decimals}f}"

    return [one(float(v)) for v in values]


def format_named_columns(names, cells) -> str:
    """R's layout of a named vector: each name right-aligned over its value, every column as wide
    as the widest name or value, a space after each, as many columns a line as fit in 80
    characters (``names`` and ``cells`` already as text)."""
    width = max(max(map(len, names), default=0), max(map(len, cells), default=0))
    per_line = max(1, _WIDTH // (width + 1))
    lines = []
    for start in range(0, len(names), per_line):
        lines.append("".join(f"{n:>{width}} " for n in names[start:start + per_line]))
        lines.append("".join(f"{c:>{width}} " for c in cells[start:start + per_line]))
    return "\n".join(lines)


class NamedVector(pd.Series):
    """A pandas Series of floats named by metric, printed as R prints a named vector."""

    #: significant digits of the printed numbers (R's ``digits`` option)
    digits = _DIGITS

    @property
    def _constructor(self):
        return NamedVector

    @property
    def _constructor_expanddim(self):
        return pd.DataFrame

    def __repr__(self) -> str:
        if self.empty:
            return "named numeric(0)"
        names = [str(n) for n in self.index]
        return format_named_columns(names, format_r_numbers(self.to_numpy(dtype=float), self.digits))

    __str__ = __repr__

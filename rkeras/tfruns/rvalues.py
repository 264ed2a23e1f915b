"""R's scalar coercions, as tfruns applies them to flag values.

``as_double``, ``as_integer``, ``as_logical`` and ``as_character`` follow R's
``as.double()``, ``as.integer()``, ``as.logical()`` and ``as.character()`` for
one value. ``None`` stands for R's ``NA`` in what they return (a value R
cannot convert). ``as_integer`` also says whether it dropped a fraction (R
truncates toward zero silently; rkeras warns).

``load_yaml`` reads YAML the way R's ``yaml`` package does for flag values:
YAML 1.1 booleans (``yes``, ``no``, ``true``, ``TRUE``, ...), ``1e-5`` is a
number, and dates stay text.
"""

from __future__ import annotations

import math
import numbers
import re

__all__ = ["as_double", "as_integer", "as_logical", "as_character", "load_yaml", "format_double", "is_bool"]

_INT_MAX = 2**31 - 1
_TRUE = {"TRUE", "true", "True", "T"}
_FALSE = {"FALSE", "false", "False", "F"}
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_HEX = re.compile(r"^[+-]?0[xX][0-9a-fA-F]+$")
_INF = re.compile(r"^[+-]?(inf|infinity)$", re.IGNORECASE)


def is_bool(value) -> bool:
    """Python's or numpy's bool (numpy's is ``bool_`` before numpy 2)."""
    return isinstance(value, bool) or (type(value).__module__ == "numpy" and type(value).__name__ in ("bool_", "bool"))


def _string_to_double(text: str) -> float | None:
    text = text.strip()
    if _NUMBER.match(text) or _INF.match(text):
        return float(text)
    if _HEX.match(text):
        return float(int(text, 16))
    if text == "NaN":
        return math.nan
    return None  # R: NA, with a warning tfruns suppresses


def as_double(value) -> float | None:
    """R's ``as.double()`` of one value; None where R gives NA."""
    if value is None:
        return None
    if is_bool(value):
        return float(bool(value))
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        return _string_to_double(value)
    return None


def as_integer(value) -> tuple[int | None, bool]:
    """R's ``as.integer()`` of one value: (result or None for NA, whether a fraction was dropped)."""
    if is_bool(value):
        return int(bool(value)), False
    if isinstance(value, numbers.Integral):
        number = int(value)
        return (number if abs(number) <= _INT_MAX else None), False
    number = as_double(value)
    if number is None or not math.isfinite(number) or abs(number) >= _INT_MAX + 1:
        return None, False
    whole = int(number)  # toward zero, as R
    return whole, whole != number


def as_logical(value) -> bool | None:
    """R's ``as.logical()`` of one value; None where R gives NA."""
    if is_bool(value):
        return bool(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number != 0
    if isinstance(value, str):
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return None


def format_double(value: float) -> str:
    """A double as R writes it (``as.character()``): up to 15 significant
    digits, fixed notation unless scientific is narrower (``1e-04``, ``1e+05``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.14e}".split("e")
    digits = mantissa.replace("-", "").replace(".", "").rstrip("0") or "0"
    exponent = int(exponent)
    significant = len(digits)
    sign = "-" if value < 0 else ""
    sci_mantissa = digits[0] + ("." + digits[1:] if significant > 1 else "")
    scientific = f"{sign}{sci_mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
    decimals = max(0, significant - 1 - exponent)
    fixed = f"{value:.{decimals}f}"
    return fixed if len(fixed) <= len(scientific) else scientific


def as_character(value) -> str | None:
    """R's ``as.character()`` of one value (``TRUE``, ``0.1``, ``1e-05``)."""
    if value is None:
        return None
    if is_bool(value):
        return "TRUE" if value else "FALSE"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return format_double(float(value))
    return str(value)


def _loader():
    import yaml

    class RYamlLoader(yaml.SafeLoader):
        """SafeLoader with R yaml's scalars: no timestamps, ``1e-5`` is a float."""

    RYamlLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    RYamlLoader.add_implicit_resolver(
        "tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9]+[eE][-+]?[0-9]+$"), list("-+0123456789"))
    return RYamlLoader


_LOADER = None


def load_yaml(text: str):
    """Parse YAML text as R's ``yaml::yaml.load()`` would for flags."""
    global _LOADER
    import yaml

    if _LOADER is None:
        _LOADER = _loader()
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass

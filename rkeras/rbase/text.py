"""R's text functions and printing: ``paste``, ``sprintf``, ``cat``, ``print``, ``str``, ``head``."""

from __future__ import annotations

import re
import sys

import numpy as np
import pandas as pd

__all__ = ["str_split", "str_squish", "paste", "paste0", "sprintf", "cat", "message", "print", "format", "format_value", "to_string",
           "str", "head", "tail", "summary", "nchar", "toupper", "tolower", "substr", "strsplit", "gsub",
           "sub", "grepl", "trimws", "str_pad", "fixed", "Fixed",
           "as_raw", "raw_to_char", "str_sub", "substring"]

from ..named_vector import format_r_numbers
from .printing import (format_r_factor, format_r_frame, format_r_list, format_r_matrix, format_r_named,
                       format_r_scalar, format_r_vector, is_factor, is_named_vector, is_unnamed_column, r_printable)

_str = str


def format_value(v, digits: int = 15) -> _str:
    """One value as R's ``as.character()``/``paste()`` writes it (15 significant digits;
    ``digits = 7`` is ``cat()``'s): fixed or scientific, whichever R finds narrower
    (``1e+05``, ``0.333333333333333``), TRUE/FALSE, NA. A numpy integer is R's integer
    and is written whole; a Python number is R's double (the port writes R's numbers so)."""
    if v is None:
        return "NULL"
    if isinstance(v, (bool, np.bool_)):
        return "TRUE" if v else "FALSE"
    if isinstance(v, np.integer):
        return _str(int(v))
    if isinstance(v, (int, float, np.floating)):
        v = float(v)
        if np.isnan(v):
            return "NA"
        if np.isinf(v):
            return "Inf" if v > 0 else "-Inf"
        return format_r_numbers([v], digits)[0]
    return _str(v)


def _vector(x, digits: int = 15):
    if isinstance(x, (list, tuple)):
        out = []
        for item in x:
            out.extend(_vector(item, digits))
        return out
    if isinstance(x, dict):
        return _vector(list(x.values()), digits)
    if isinstance(x, (np.ndarray, pd.Series, pd.Index)):
        return [format_value(v, digits) for v in np.asarray(x).ravel(order="F")]
    if x is None:
        return []
    return [format_value(x, digits)]


def paste(*args, sep=" ", collapse=None):
    """R's ``paste()``: vectorised over its arguments, recycled; a string when the result is one."""
    vectors = [_vector(a) for a in args]
    vectors = [v for v in vectors if v]
    if not vectors:
        return "" if collapse is not None else np.array([], dtype=object)
    n = max(len(v) for v in vectors)
    joined = [sep.join(v[i % len(v)] for v in vectors) for i in range(n)]
    if collapse is not None:
        return collapse.join(joined)
    return joined[0] if n == 1 else np.array(joined, dtype=object)


def paste0(*args, collapse=None):
    return paste(*args, sep="", collapse=collapse)


def sprintf(fmt, *args):
    """R's ``sprintf()`` (vectorised): ``%d`` takes whole doubles, ``%s`` formats as R does."""
    vectors = [list(np.ravel(np.asarray(a, dtype=object))) if not isinstance(a, _str) else [a] for a in args]
    fmts = [fmt] if isinstance(fmt, _str) else list(fmt)
    n = max([len(fmts)] + [len(v) for v in vectors]) if vectors else len(fmts)
    out = []
    for i in range(n):
        values = [v[i % len(v)] for v in vectors]
        spec = fmts[i % len(fmts)]
        converted = []
        specs = re.findall(r"%[-+ 0#]*\d*(?:\.\d+)?([a-zA-Z%])", spec)
        specs = [s for s in specs if s != "%"]
        for value, kind in zip(values, specs):
            if kind == "d" or kind == "i":
                converted.append(int(value))
            elif kind == "s":
                converted.append(format_value(value) if not isinstance(value, _str) else value)
            else:
                converted.append(value)
        out.append(spec.replace("%i", "%d") % tuple(converted))
    return out[0] if n == 1 else np.array(out, dtype=object)


def cat(*args, file="", sep=" ", fill=False, labels=None, append=False):
    """R's ``cat()``: values separated by ``sep``, no newline added."""
    pieces = []
    for a in args:
        pieces.extend(_vector(a, 7))   # cat() writes numbers to 7 significant digits, each on its own
    text = sep.join(pieces)
    if fill and not text.endswith("\n"):
        text += "\n"
    if file:
        with open(file, "a" if append else "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def message(*args, domain=None, appendLF=True):
    sys.stderr.write("".join(_str(a) if isinstance(a, _str) else "".join(_vector(a)) for a in args) + ("\n" if appendLF else ""))


def print(x, *args, **kwargs):
    """R's ``print()``: prints ``x`` and returns it."""
    import builtins

    from .ggplot import is_plot, show_plot

    if is_plot(x):
        return show_plot(x)                     # printing a ggplot draws it, as in R
    if x is None:
        builtins.print("NULL")
    elif isinstance(x, _str):
        builtins.print(f'[1] "{x}"')
    elif isinstance(x, (bool, int, float, np.bool_, np.number)):
        builtins.print(format_r_scalar(x))
    elif is_factor(x):
        builtins.print(format_r_factor(x))
    elif is_named_vector(x) and type(x).__repr__ is pd.Series.__repr__:
        builtins.print(format_r_named(x))
    elif is_unnamed_column(x) and type(x).__repr__ is pd.Series.__repr__:
        builtins.print(format_r_vector(x.to_numpy() if x.dtype.kind != "O" and x.dtype.name not in ("str", "string")
                                       else np.array(x.tolist(), dtype=object)))
    elif type(x) is pd.DataFrame:
        builtins.print(format_r_frame(x))
    elif r_printable(x):
        builtins.print(format_r_vector(x) if x.ndim == 1 else format_r_matrix(x))
    elif isinstance(x, (list, dict)) and not (isinstance(x, dict) and not all(isinstance(k, _str) for k in x)):
        builtins.print(format_r_list(x, _shown))
    else:
        builtins.print(x)
    return x


def _shown(x) -> _str:
    """What ``print(x)`` writes, as text (for an element of a printed list)."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        print(x)
    return buffer.getvalue().rstrip("\n")


def format(x, *args, **kwargs):
    if hasattr(x, "format") and not isinstance(x, (_str, np.ndarray)):
        return x.format()
    nsmall = kwargs.get("nsmall")
    digits = kwargs.get("digits")
    if digits is not None and np.ndim(x) == 0:
        return f"{float(x):.{int(digits)}g}"
    if nsmall is not None and np.ndim(x) == 0:
        return f"{float(x):.{int(nsmall)}f}"
    if kwargs.get("big.mark") or kwargs.get("big_mark"):
        return f"{x:,}"
    if np.ndim(x) == 0:
        return format_value(x)
    return np.array(_vector(x), dtype=object)


def to_string(x, *args, sep=", "):
    return sep.join(_vector(x))


def str(object, *args, **kwargs):
    """R's ``str()``: a compact one-line description per element."""
    import builtins

    builtins.print(_describe(object))


def _describe(x, indent=""):
    if isinstance(x, dict):
        lines = [f"List of {len(x)}"]
        for key, value in x.items():
            lines.append(f"{indent} $ {key}: " + _describe(value, indent + "  ").lstrip())
        return "\n".join(lines)
    if isinstance(x, (list, tuple)):
        lines = [f"List of {len(x)}"]
        for value in x:
            lines.append(f"{indent} $ : " + _describe(value, indent + "  ").lstrip())
        return "\n".join(lines)
    if isinstance(x, pd.DataFrame):
        lines = [f"'data.frame':\t{x.shape[0]} obs. of  {x.shape[1]} variable{'s' if x.shape[1] != 1 else ''}:"]
        width = max((len(_str(c)) for c in x.columns), default=0)
        for name in x.columns:
            lines.append(f"{indent} $ {_str(name).ljust(width)}: " + _describe_column(x[name]))
        return "\n".join(lines)
    if isinstance(x, (int, float)) and not isinstance(x, (bool, np.integer)):
        x = float(x)          # a Python number is R's double (the port writes R's numbers so)
    arr = np.asarray(x)
    kind = {"i": "int", "u": "int", "f": "num", "b": "logi"}.get(arr.dtype.kind, "chr")
    if arr.ndim >= 2:
        dims = " [" + ", ".join(f"1:{d}" for d in arr.shape) + "]"
    else:
        dims = f" [1:{arr.size}]" if arr.size != 1 else ""
    values = arr.ravel(order="F")[:10]
    if kind == "chr":
        shown = " ".join(f'"{v}"' for v in values.tolist())
    else:
        shown = " ".join(format_value(v, 3) for v in values)   # str() shows 3 significant digits
    more = " ..." if arr.size > 10 else ""
    return f" {kind}{dims} {shown}{more}"


def _describe_column(column) -> _str:
    """One column of ``str(data_frame)``: its R type and first values (``num  1 2 3``)."""
    if column.dtype.name == "category":
        cats = list(column.cat.categories)
        shown = ",".join(f'"{c}"' for c in cats[:5]) + (",.." if len(cats) > 5 else "")
        codes = " ".join(_str(c + 1) for c in column.cat.codes.tolist()[:10])
        return f"Factor w/ {len(cats)} level{'s' if len(cats) != 1 else ''} {shown}: {codes}" + \
            (" ..." if len(column) > 10 else "")
    values = column.to_numpy()
    if values.dtype.kind in "biuf":
        kind = {"i": "int", "u": "int", "f": "num", "b": "logi"}[values.dtype.kind]
        shown = " ".join(format_value(v, 3) for v in values[:10])
    else:
        kind = "chr"
        shown = " ".join(f'"{v}"' for v in values.tolist()[:10])
    return f"{kind}  {shown}" + (" ..." if len(values) > 10 else "")


def head(x, n=6, *args):
    n = int(n)
    if isinstance(x, (pd.DataFrame, pd.Series)):
        return x.head(n) if n >= 0 else x.iloc[:n]
    if isinstance(x, dict):
        return dict(list(x.items())[:n])
    return x[:n]


def tail(x, n=6, *args):
    n = int(n)
    if isinstance(x, (pd.DataFrame, pd.Series)):
        return x.tail(n)
    if isinstance(x, dict):
        return dict(list(x.items())[-n:])
    return x[-n:]


def summary(object, *args, **kwargs):
    if hasattr(object, "summary") and callable(object.summary) and not isinstance(object, (pd.DataFrame, pd.Series)):
        from ..functions.summary import summary as keras_summary  # noqa: F401 - rkeras' summary of models

        return keras_summary(object, *args, **kwargs)
    if isinstance(object, pd.DataFrame):
        return object.describe()
    values = np.asarray(object)
    if values.dtype.kind in "biuf":
        from .summaries import summary_numbers

        return summary_numbers(values)
    return pd.Series(values.ravel()).describe()


def nchar(x):
    return len(x) if isinstance(x, _str) else np.array([len(_str(v)) for v in np.ravel(x)])


def toupper(x):
    return x.upper() if isinstance(x, _str) else np.array([_str(v).upper() for v in np.ravel(x)], dtype=object)


def tolower(x):
    return x.lower() if isinstance(x, _str) else np.array([_str(v).lower() for v in np.ravel(x)], dtype=object)


def substr(x, start, stop):
    if isinstance(x, _str):
        return x[int(start) - 1:int(stop)]
    return np.array([_str(v)[int(start) - 1:int(stop)] for v in np.ravel(x)], dtype=object)


def str_sub(string, start=1, end=-1):
    """stringr's ``str_sub()``: vectorised over ``string``, ``start`` and ``end`` (recycled to the
    longest); positions are 1-based and inclusive, negative ones count from the end (-1 the last)."""
    return _pieces(string, start, end, from_end=True)


def substring(text, first, last=1000000):
    """R's ``substring()``: ``substr()`` vectorised over all three arguments (recycled to the
    longest), ``last`` defaulting to the end of the text."""
    return _pieces(text, first, last, from_end=False)


def _pieces(string, start, end, from_end):
    parts = [np.ravel(np.asarray(v, dtype=object)) for v in (string, start, end)]
    if all(np.ndim(v) == 0 for v in (string, start, end)):
        parts = [p[:1] for p in parts]
    n = max(len(p) for p in parts) if all(len(p) for p in parts) else 0
    out = []
    for i in range(n):
        text, a, b = _str(parts[0][i % len(parts[0])]), int(parts[1][i % len(parts[1])]), int(parts[2][i % len(parts[2])])
        if from_end:
            a = len(text) + a + 1 if a < 0 else a
            b = len(text) + b + 1 if b < 0 else b
        out.append(text[max(a, 1) - 1:max(b, 0)])
    if all(np.ndim(v) == 0 for v in (string, start, end)):
        return out[0]
    return np.array(out, dtype=object)


def str_squish(string):
    """stringr's ``str_squish()``: whitespace trimmed at both ends and runs of it made one space."""
    if isinstance(string, _str):
        return " ".join(string.split())
    return np.array([None if s is None else " ".join(_str(s).split()) for s in np.ravel(string)], dtype=object)


def str_split(string, pattern, n=None, simplify=False):
    """stringr's ``str_split()``: ``strsplit`` with at most ``n`` pieces per string (R default Inf)."""
    if n is None or np.isinf(float(n)):
        out = strsplit(string, pattern)
    else:
        strings = [string] if isinstance(string, _str) else list(np.ravel(string))
        out = []
        for s in strings:
            if s is None or (isinstance(s, float) and s != s):
                out.append(np.array([None], dtype=object))
            elif isinstance(pattern, Fixed):
                out.append(np.array(s.split(pattern, int(n) - 1), dtype=object))
            else:
                out.append(np.array(re.split(pattern, s, maxsplit=int(n) - 1), dtype=object))
    if simplify:
        width = max((len(p) for p in out), default=0)
        return np.array([list(p) + [""] * (width - len(p)) for p in out], dtype=object)
    return out


def strsplit(x, split, fixed=False, perl=False, useBytes=False):
    """R's ``strsplit()``: a list with one vector of pieces per string."""
    strings = [x] if isinstance(x, _str) else list(np.ravel(x))
    out = []
    for s in strings:
        if s is None or (isinstance(s, float) and s != s):
            out.append(np.array([None], dtype=object))   # R: strsplit(NA) is list(NA)
        elif split == "":
            out.append(np.array(list(s), dtype=object))
        elif fixed or isinstance(split, Fixed):
            out.append(np.array(s.split(split), dtype=object))
        else:
            out.append(np.array(re.split(split, s), dtype=object))
    return out


class Fixed(_str):
    """stringr's ``fixed("...")``: a pattern matched literally, not as a regular expression."""


def fixed(pattern, ignore_case=False):
    return Fixed(pattern)


#: POSIX classes R's regular expressions (TRE, PCRE, ICU) accept inside brackets, as Python ranges
_POSIX = {"punct": r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~""", "alpha": "a-zA-Z", "digit": "0-9",
          "alnum": "a-zA-Z0-9", "space": r" \t\n\r\f\v", "upper": "A-Z", "lower": "a-z", "blank": r" \t",
          "xdigit": "0-9A-Fa-f", "cntrl": r"\x00-\x1f\x7f", "print": r"\x20-\x7e", "graph": r"\x21-\x7e"}


def _regex(pattern, fixed):
    if fixed or isinstance(pattern, Fixed):
        return re.escape(pattern)
    if "[:" in pattern:
        pattern = re.sub(r"\[:(\w+):\]", lambda m: _POSIX.get(m.group(1), m.group(0)), pattern)
    return pattern


def gsub(pattern, replacement, x, ignore_case=False, perl=False, fixed=False, useBytes=False):
    flags = re.IGNORECASE if ignore_case else 0
    fixed = fixed or isinstance(pattern, Fixed)
    repl = (lambda match: replacement) if fixed else re.sub(r"\\(\d)", r"\\\1", replacement)
    if isinstance(x, _str):
        return re.sub(_regex(pattern, fixed), repl, x, flags=flags)
    return np.array([re.sub(_regex(pattern, fixed), repl, _str(v), flags=flags) for v in np.ravel(x)], dtype=object)


def sub(pattern, replacement, x, ignore_case=False, perl=False, fixed=False, useBytes=False):
    flags = re.IGNORECASE if ignore_case else 0
    if isinstance(x, _str):
        return re.sub(_regex(pattern, fixed), replacement, x, count=1, flags=flags)
    return np.array([re.sub(_regex(pattern, fixed), replacement, _str(v), count=1, flags=flags) for v in np.ravel(x)], dtype=object)


def grepl(pattern, x, ignore_case=False, perl=False, fixed=False, useBytes=False):
    flags = re.IGNORECASE if ignore_case else 0
    if isinstance(x, _str):
        return re.search(_regex(pattern, fixed), x, flags=flags) is not None
    return np.array([re.search(_regex(pattern, fixed), _str(v), flags=flags) is not None for v in np.ravel(x)])


def trimws(x):
    return x.strip() if isinstance(x, _str) else np.array([_str(v).strip() for v in np.ravel(x)], dtype=object)


def str_pad(string, width, side="left", pad=" "):
    def one(s):
        s = _str(s)
        return s.rjust(int(width), pad) if side == "left" else s.ljust(int(width), pad) if side == "right" else s.center(int(width), pad)

    return one(string) if isinstance(string, _str) else np.array([one(s) for s in np.ravel(string)], dtype=object)


def as_raw(x):
    """R's ``as.raw()``: bytes (0 to 255), as numpy ``uint8``."""
    return np.asarray(x).astype(np.uint8)


def raw_to_char(x, multiple=False):
    """R's ``rawToChar()``: the bytes as one string (``multiple = TRUE``: one string per byte)."""
    chars = bytes(np.atleast_1d(np.asarray(x, dtype=np.uint8)).tolist()).decode("latin-1")
    return np.array(list(chars), dtype=object) if multiple else chars

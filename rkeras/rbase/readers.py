"""readr's and data.table's readers and writers, with their defaults, as pandas data frames.

``read_csv``/``read_tsv``/``read_delim`` (readr) name headerless columns ``X1, X2, ...``;
``fread`` (data.table) names them ``V1, V2, ...`` and guesses the separator and header as
data.table does for plain files. The writers write no row names and ``NA`` for missing values.

Differences from R: columns are typed by pandas' guesses (readr's ``col_types`` strings
``"c"``, ``"i"``, ``"d"``, ``"l"`` are honoured; ``cols()`` specifications are not ported).
"""

from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd

from .errors import RError

__all__ = ["readr_read_csv", "read_tsv", "read_delim", "readr_write_csv", "write_tsv", "write_delim",
           "fread", "fwrite"]

_COL_TYPES = {"c": str, "i": "Int64", "d": float, "n": float, "l": "boolean", "?": None, "_": None, "-": None}


def _rows(n_max):
    if n_max is None:
        return None
    n = float(np.ravel(n_max)[0])
    return None if math.isinf(n) or n < 0 else int(n)


def _names(col_names, frame, prefix):
    if col_names is True or col_names is None:
        return frame
    if col_names is False:
        frame.columns = [f"{prefix}{i + 1}" for i in range(frame.shape[1])]
        return frame
    names = [str(n) for n in np.ravel(col_names)]
    if len(names) != frame.shape[1]:
        raise RError(f"col_names: {len(names)} names given for {frame.shape[1]} columns")
    frame.columns = names
    return frame


def read_delim(file, delim=None, quote='"', escape_backslash=False, escape_double=True, col_names=True,
               col_types=None, col_select=None, id=None, locale=None, na=("", "NA"), quoted_na=True,
               comment="", trim_ws=False, skip=0, n_max=math.inf, **kwargs):
    """readr's ``read_delim()`` (R default ``col_names = TRUE``, ``na = c("", "NA")``, ``n_max = Inf``)."""
    if delim is None:
        raise RError("read_delim(): `delim` must be given")
    header = col_names is True
    skip = int(np.ravel(skip)[0])
    frame = pd.read_csv(file, sep=delim, header=0 if header else None, skiprows=skip, nrows=_rows(n_max),
                        na_values=list(np.ravel(na)), keep_default_na=False, quotechar=quote or '"',
                        quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE,
                        comment=comment or None, skipinitialspace=bool(trim_ws),
                        escapechar="\\" if escape_backslash else None, doublequote=bool(escape_double))
    frame = _names(col_names, frame, "X")
    if isinstance(col_types, str):
        types = col_types.replace(" ", "")
        if len(types) != frame.shape[1]:
            raise RError(f"col_types: {len(types)} types given for {frame.shape[1]} columns")
        keep = [c for c, t in zip(frame.columns, types) if t not in "_-"]
        for column, code in zip(list(frame.columns), types):
            if code not in _COL_TYPES:
                raise RError(f"col_types: unknown column type {code!r}")
            if _COL_TYPES[code] is not None:
                frame[column] = frame[column].astype(_COL_TYPES[code])
        frame = frame[keep]
    return frame


def readr_read_csv(file, col_names=True, col_types=None, **kwargs):
    """readr's ``read_csv()``: comma separated."""
    return read_delim(file, ",", col_names=col_names, col_types=col_types, **kwargs)


def read_tsv(file, col_names=True, col_types=None, **kwargs):
    """readr's ``read_tsv()``: tab separated, no quoting by default as in readr (``quote = "\\""``)."""
    return read_delim(file, "\t", col_names=col_names, col_types=col_types, **kwargs)


def _frame(x):
    if isinstance(x, pd.DataFrame):
        return x
    if isinstance(x, pd.Series):
        return x.to_frame()
    from .frames import as_data_frame

    return as_data_frame(x)


def write_delim(x, file=None, delim=" ", na="NA", append=False, col_names=None, quote="needed", eol="\n",
                path=None, **kwargs):
    """readr's ``write_delim()``: no row names; ``col_names`` defaults to ``!append``; ``path``
    is readr's older name of ``file``."""
    file = path if file is None else file
    if file is None:
        raise RError("write_delim(): `file` must be given")
    col_names = (not append) if col_names is None else bool(col_names)
    quoting = {"needed": csv.QUOTE_MINIMAL, "all": csv.QUOTE_ALL, "none": csv.QUOTE_NONE}.get(quote, csv.QUOTE_MINIMAL)
    frame = _frame(x)
    frame.to_csv(file, sep=delim, na_rep=na, header=col_names, index=False, mode="a" if append else "w",
                 quoting=quoting, lineterminator=eol, escapechar="\\" if quoting == csv.QUOTE_NONE else None)
    return x


def readr_write_csv(x, file=None, na="NA", append=False, col_names=None, **kwargs):
    """readr's ``write_csv()``."""
    return write_delim(x, file, ",", na=na, append=append, col_names=col_names, **kwargs)


def write_tsv(x, file=None, na="NA", append=False, col_names=None, quote="none", **kwargs):
    """readr's ``write_tsv()`` (readr 2's default ``quote = "none"``)."""
    return write_delim(x, file, "\t", na=na, append=append, col_names=col_names, quote=quote, **kwargs)


def _sniff_sep(file, skip):
    with open(file, encoding="utf-8", errors="replace") as handle:
        lines = [line for _, line in zip(range(skip + 30), handle)][skip:]
    for sep in (",", "\t", "|", ";", ":"):
        counts = {line.count(sep) for line in lines if line.strip()}
        if len(counts) == 1 and counts.pop() > 0:
            return sep
    return " "


def fread(input=None, file=None, text=None, sep="auto", nrows=math.inf, header="auto", na_strings="NA", skip=0,
          select=None, drop=None, col_names=None, colClasses=None, encoding="unknown", quote='"',
          data_table=True, **kwargs):
    """data.table's ``fread()`` of a file: ``sep`` and ``header`` ``"auto"`` guessed (a header when
    the first row is all text and some column below it is not), unnamed columns ``V1, V2, ...``."""
    path = file if file is not None else input
    if text is not None:
        import os
        import tempfile

        handle, path = tempfile.mkstemp(suffix=".txt")
        with os.fdopen(handle, "w") as out:
            out.write("\n".join(np.ravel(text).tolist()) + "\n")
    if path is None:
        raise RError("fread(): `input`, `file` or `text` must be given")
    skip = int(np.ravel(skip)[0]) if not isinstance(skip, str) else 0
    sep = _sniff_sep(path, skip) if sep in ("auto", None) else sep
    quoting = csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE
    read = dict(sep=sep, skiprows=skip, nrows=_rows(nrows), na_values=list(np.ravel(na_strings)) + [""],
                keep_default_na=False, quoting=quoting, encoding=None if encoding == "unknown" else encoding)
    frame = pd.read_csv(path, header=None, **read)
    if header == "auto":
        first = frame.iloc[0] if len(frame) else pd.Series([], dtype=object)
        text_first = all(isinstance(v, str) for v in first)
        body = pd.read_csv(path, header=None, **{**read, "skiprows": skip + 1}) if len(frame) > 1 else None
        header = bool(text_first and body is not None and any(body[c].dtype != object for c in body.columns))
    if header:
        frame = pd.read_csv(path, header=0, **{**read, "nrows": read["nrows"]})
    else:
        frame.columns = [f"V{i + 1}" for i in range(frame.shape[1])]
    if col_names is not None:
        frame.columns = [str(n) for n in np.ravel(col_names)]
    if select is not None:
        frame = frame[[frame.columns[int(s) - 1] if not isinstance(s, str) else s for s in np.ravel(select)]]
    if drop is not None:
        frame = frame.drop(columns=[frame.columns[int(s) - 1] if not isinstance(s, str) else s for s in np.ravel(drop)])
    return frame


def fwrite(x, file="", append=False, quote="auto", sep=",", na="", col_names=True, **kwargs):
    """data.table's ``fwrite()``: no row names, ``NA`` written empty (data.table's default ``na = ""``)."""
    frame = _frame(x)
    if file == "":
        print(frame.to_csv(sep=sep, na_rep=na, header=bool(col_names), index=False), end="")
        return None
    frame.to_csv(file, sep=sep, na_rep=na, header=bool(col_names) and not append, index=False,
                 mode="a" if append else "w")
    return None

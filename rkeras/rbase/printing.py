"""How R's ``print()`` shows an atomic vector or a matrix (``print.default``).

A vector: its elements in one common format (numbers to 7 significant digits with as many
decimals as the most precise one needs, or scientific where that is narrower; ``TRUE``/``FALSE``;
strings quoted and left-aligned), each right-aligned to the widest, as many to a line as fit
in 80 characters, each line led by the position of its first element (``[1]``, ``[26]``),
the labels right-aligned to the widest::

     [1]  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25
    [26] 26 27 28 29 30

A matrix: one column header ``[,j]`` and row label ``[i,]`` each, every column formatted on
its own, as many columns to a block as fit in 80 characters. An empty vector is
``numeric(0)``, ``integer(0)``, ``logical(0)`` or ``character(0)``.
"""

from __future__ import annotations

import numpy as np

from ..named_vector import format_named_columns, format_r_numbers

__all__ = ["r_label", "format_r_vector", "format_r_matrix", "r_printable", "format_r_list", "format_r_scalar",
           "format_r_named", "format_r_factor", "is_named_vector", "is_factor", "format_r_frame", "r_row_names",
           "is_unnamed_column"]

_WIDTH = 80


def r_label(value) -> str:
    """A value as R writes it for a name or label (``as.character()``): 10 for the double 10.0."""
    if isinstance(value, (float, np.floating)) and value == value and abs(value) != float("inf"):
        return format_r_numbers([float(value)], 15)[0]
    return str(value)


def r_printable(x) -> bool:
    """A 1-D or 2-D numpy array of numbers, logicals or strings (what R prints as a vector or matrix)."""
    if not isinstance(x, np.ndarray) or x.ndim not in (1, 2):
        return False
    if x.dtype.kind in "biuf":
        return True
    return x.dtype.kind == "U" or (x.dtype.kind == "O" and (all(isinstance(v, str) for v in x.ravel())
                                                           or _numbers_with_na(x)))


def _numbers_with_na(x) -> bool:
    """An object array of numbers and None (``dim()`` of a tensor with an unknown batch size)."""
    values = x.ravel().tolist()
    return bool(values) and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                                for v in values) and any(v is None for v in values)


def _cells(values: np.ndarray, quote: bool = True) -> tuple[list[str], bool]:
    """Each value's text in the vector's common format, and whether it is left-aligned (strings)."""
    if values.dtype.kind == "O" and _numbers_with_na(values):
        whole = all(v is None or float(v).is_integer() for v in values.tolist())
        texts = [None if v is None else (str(int(v)) if whole else v) for v in values.tolist()]
        if not whole:
            floats = np.array([np.nan if v is None else float(v) for v in values.tolist()])
            return _cells(floats, quote)
        return ["NA" if t is None else t for t in texts], False
    kind = values.dtype.kind
    if kind == "b":
        return ["TRUE" if v else "FALSE" for v in values.tolist()], False
    if kind in "iu":
        return [str(v) for v in values.tolist()], False
    if kind == "f":
        texts = format_r_numbers(values)
        return ["NA" if t == "NaN" else t for t in texts], False
    if not quote:
        return _unquoted(values), True
    return ['"' + str(v) + '"' for v in values.tolist()], True


def _unquoted(values) -> list[str]:
    """Strings as R prints them without quotes (a factor, a data frame's text column): NA for missing."""
    return ["NA" if v is None or (isinstance(v, float) and v != v) else str(v) for v in values.tolist()]


_EMPTY = {"b": "logical(0)", "i": "integer(0)", "u": "integer(0)", "f": "numeric(0)"}


def format_r_scalar(x) -> str:
    """One value as R prints it (``[1] 1e+05``): a Python number is R's double (the port writes
    R's numbers so), a numpy integer R's integer."""
    if isinstance(x, (bool, np.bool_)):
        return format_r_vector(np.array([bool(x)]))
    if isinstance(x, (int, float)) and not isinstance(x, np.integer):
        return format_r_vector(np.array([float(x)]))
    return format_r_vector(np.array([x]))


def format_r_vector(x: np.ndarray, quote: bool = True) -> str:
    values = np.asarray(x).ravel()
    if values.size == 0:
        return _EMPTY.get(values.dtype.kind, "character(0)")
    cells, left = _cells(values, quote)
    width = max(map(len, cells))
    label_width = len(f"[{values.size}]")
    per_line = max(1, (_WIDTH - label_width) // (width + 1))
    lines = []
    for start in range(0, len(cells), per_line):
        items = "".join(" " + (c.ljust(width) if left else c.rjust(width)) for c in cells[start:start + per_line])
        lines.append(f"[{start + 1}]".rjust(label_width) + (items.rstrip() if left else items))
    return "\n".join(lines)


def format_r_matrix(x: np.ndarray) -> str:
    rows, cols = x.shape
    row_labels = [f"[{i + 1},]" for i in range(rows)]
    label_width = max(map(len, row_labels), default=0)
    columns = []
    for j in range(cols):
        cells, left = _cells(x[:, j]) if rows else ([], False)
        header = f"[,{j + 1}]"
        width = max([len(header)] + [len(c) for c in cells])
        columns.append((header.rjust(width) if not left else header.ljust(width),
                        [c.ljust(width) if left else c.rjust(width) for c in cells], width))
    if not columns:
        return "\n".join([" " * label_width] + row_labels)
    return _column_blocks(columns, [label.rjust(label_width) for label in row_labels])


def _column_blocks(columns, row_labels) -> str:
    """A table as R prints matrices and data frames: ``columns`` (header, cells, width) side by
    side after the ``row_labels`` (already padded to one width), as many columns to a block as
    fit in 80 characters, each block with its header line."""
    label_width = len(row_labels[0]) if row_labels else 0
    blocks, current, used = [], [], label_width
    for column in columns:
        if current and used + 1 + column[2] > _WIDTH:
            blocks.append(current)
            current, used = [], label_width
        current.append(column)
        used += 1 + column[2]
    blocks.append(current)
    lines = []
    for block in blocks:
        lines.append(" " * label_width + "".join(" " + header for header, _, _ in block))
        for i, label in enumerate(row_labels):
            lines.append(label + "".join(" " + cells[i] for _, cells, _ in block))
    return "\n".join(lines)


def format_r_list(x, show, prefix: str = "") -> str:
    """R's print of a list: each element under its tag (``[[1]]``, or ``$name`` for a named
    list; nested tags join, ``[[1]]$a``), printed as ``show`` prints it, a blank line after
    each. An empty list is ``list()``."""
    items = list(x.items()) if isinstance(x, dict) else list(enumerate(x))
    if not items:
        return "list()" if not prefix else f"{prefix}\nlist()\n"
    out = []
    for key, value in items:
        tag = prefix + (f"${key}" if isinstance(x, dict) else f"[[{key + 1}]]")
        if isinstance(value, (list, dict)) and value:
            out.append(format_r_list(value, show, tag))
        else:
            out.append(f"{tag}\n{show(value)}\n")
    return "\n".join(out)


def is_unnamed_column(x) -> bool:
    """A pandas Series indexed by row numbers (a data frame's column, ``df$x``): R's unnamed vector."""
    import pandas as pd

    return (isinstance(x, pd.Series) and x.dtype.name != "category" and x.index.dtype.kind in "iu"
            and (x.dtype.kind in "biuf" or (x.dtype.kind == "O" and all(isinstance(v, str) for v in x.tolist()))
                 or x.dtype.name in ("str", "string")))


def is_named_vector(x) -> bool:
    """A pandas Series with names (not 0, 1, 2, ...) of numbers, logicals or strings: R's named vector."""
    import pandas as pd

    if not isinstance(x, pd.Series) or x.dtype.name == "category" or x.index.dtype.kind in "iu":
        return False
    return x.dtype.kind in "biuf" or (x.dtype.kind == "O" and all(isinstance(v, str) for v in x.tolist()))


def format_r_named(x) -> str:
    """R's print of a named vector: names right-aligned over values, one width for all columns."""
    values = x.to_numpy()
    if values.dtype.kind == "O":
        values = values.astype(str)
    return format_named_columns([str(n) for n in x.index], _cells(values)[0])


def is_factor(x) -> bool:
    import pandas as pd

    return isinstance(x, pd.Categorical) or (isinstance(x, pd.Series) and x.dtype.name == "category")


def format_r_factor(x) -> str:
    """R's print of a factor: the labels unquoted, then ``Levels: a b c``."""
    import pandas as pd

    cat = x.array if isinstance(x, pd.Series) else x
    labels = np.array([None if c < 0 else r_label(cat.categories[c]) for c in cat.codes], dtype=object)
    head = format_r_vector(labels, quote=False) if len(labels) else "factor(0)"
    return head + "\nLevels: " + " ".join(r_label(c) for c in cat.categories)


def r_row_names(index) -> list[str]:
    """R's row names of a pandas index: row numbers count from 1 (pandas' from 0), labels stay."""
    if index.dtype.kind in "iu":
        return [str(int(i) + 1) for i in index]
    return [str(i) for i in index]


def _column_cells(column) -> list[str]:
    """A data frame column's cells as R's print.data.frame writes them (strings unquoted)."""
    import pandas as pd

    if column.dtype.name == "category":
        return ["NA" if pd.isna(v) else r_label(v) for v in column.tolist()]
    values = column.to_numpy()
    if values.dtype.kind in "biuf":
        return _cells(values)[0]
    return _unquoted(values)


def format_r_frame(frame) -> str:
    """R's print of a data frame: column names over right-aligned cells, row names on the left,
    as many columns to a block as fit in 80 characters."""
    names = [str(c) for c in frame.columns]
    if frame.shape[0] == 0:
        return "[1] " + " ".join(names) + "\n<0 rows> (or 0-length row.names)" if names else \
            "data frame with 0 columns and 0 rows"
    rows = r_row_names(frame.index)
    row_width = max(map(len, rows))
    columns = []
    for j, name in enumerate(names):
        cells = _column_cells(frame.iloc[:, j])
        width = max([len(name)] + [len(c) for c in cells])
        columns.append((name.rjust(width), [c.rjust(width) for c in cells], width))
    return _column_blocks(columns, [row.ljust(row_width) for row in rows])

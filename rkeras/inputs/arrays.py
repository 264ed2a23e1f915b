"""Array-like inputs: R's ``keras_array()``.

Turns what an R user passes (vectors, matrices, lists, named lists, data
frames, factors) into what Keras takes: numpy arrays, floating data in the
backend float type, integers kept as they are. Values must be numbers: text,
even text that looks like numbers (an object or string column read from a
CSV), is an error as in R keras (a character matrix), never parsed; missing
values (None, pandas NA, masked entries of a numpy masked array) are R's NA,
an error that says how many and where (NaN and infinite floats are found by
:func:`check_finite`). An array that already has the
right type is passed on without a copy; one that must change type is converted
once, into C order. (A Fortran-ordered array of the right type, such as a data
frame's values, is not copied to C order here: Keras makes that copy itself
when it builds its tensors, and a copy here would double it.)
"""

from __future__ import annotations

import contextlib
import contextvars
import numbers

import numpy as np

from ..errors import RKerasError, arg_error

__all__ = ["keras_array", "is_scalar", "first_dim", "check_finite", "check_not_masked", "check_object_values"]


def is_scalar(value) -> bool:
    return isinstance(value, (numbers.Number, np.generic, bool, str, bytes)) and not isinstance(value, np.ndarray)


#: the float type of the engine whose model is being fed (tf_keras has its own)
_engine_floatx: contextvars.ContextVar[str | None] = contextvars.ContextVar("rkeras_floatx", default=None)


@contextlib.contextmanager
def using_floatx(name: str | None):
    """Convert floating data to ``name`` (the model's engine's floatx) inside the block."""
    token = _engine_floatx.set(name)
    try:
        yield
    finally:
        _engine_floatx.reset(token)


def _floatx() -> str:
    engine_floatx = _engine_floatx.get()
    if engine_floatx is not None:
        return engine_floatx
    try:
        import keras

        return keras.config.floatx()
    except Exception:  # pragma: no cover - keras always there in practice
        return "float32"


def _is_pandas(value, *names: str) -> bool:
    return type(value).__module__.startswith("pandas") and type(value).__name__ in names


def _categorical_codes(value, argument: str) -> np.ndarray:
    """A factor (pandas Categorical or category Series) as its 0-based codes."""
    import pandas as pd

    cat = value.array if isinstance(value, pd.Series) else value
    codes = np.asarray(cat.codes)
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        where = ", ".join(str(i + 1) for i in missing[:10]) + (", ..." if missing.size > 10 else "")
        raise RKerasError(
            f"`{argument}` should be a factor with no missing values. Got {missing.size} missing "
            f"value{'s' if missing.size != 1 else ''} (NA) of {codes.size}, at 1-based position{'s' if missing.size != 1 else ''} {where}.",
            argument,
        )
    return codes.astype(np.int64 if codes.dtype.itemsize > 4 else np.int32, copy=False)


def _to_ndarray(value, argument: str) -> np.ndarray:
    """One array-like (no list of arrays) to a numpy array with R's dtype rules."""
    import pandas as pd

    check_not_masked(value, argument)
    if isinstance(value, pd.DataFrame):
        if any(isinstance(d, pd.CategoricalDtype) for d in value.dtypes):
            raise arg_error(argument, value, "a data frame of numeric columns",
                            detail="Convert factor columns to codes or indicator columns first.")
        array = value.to_numpy()
    elif isinstance(value, pd.Categorical) or (isinstance(value, pd.Series) and isinstance(value.dtype, pd.CategoricalDtype)):
        return _categorical_codes(value, argument)
    elif isinstance(value, (pd.Series, pd.Index)):
        array = value.to_numpy()
    else:
        try:
            array = np.asarray(value)
        except Exception as error:
            raise arg_error(argument, value, "an array-like of numbers", detail=str(error)) from None
    kind = array.dtype.kind
    if kind == "f":
        dtype = np.dtype(_floatx())
    elif kind in "iub":
        dtype = array.dtype
    elif kind == "O":
        check_object_values(array, argument, columns=_columns(value))
        array = array.astype(np.float64)
        dtype = np.dtype(_floatx())
    elif kind in "US":
        raise arg_error(argument, value, "numeric data (numbers or logicals)", detail=_text_detail(array, None))
    else:
        raise arg_error(argument, value, "numeric data (numbers or logicals)", detail=f"Its dtype is {array.dtype}.")
    if array.ndim == 0:
        array = array.reshape(1)
    if array.dtype == dtype and array.flags.f_contiguous:
        # Already the right type in Fortran order (an R matrix, a data frame's
        # values): Keras copies it into C order when it builds its tensors, so
        # a C copy here would be a second copy of the data (scripts/bench_fit.py).
        return array
    try:
        with np.errstate(over="raise"):  # 1e300 would become inf in float32: say so, not "infinite values"
            return array.astype(dtype, order="C", copy=False)
    except FloatingPointError:
        raise arg_error(argument, value, f"numbers that {dtype} can hold (at most {np.finfo(dtype).max:.4g} in size)",
                        detail=f"Some of its values are larger and would become infinite in {dtype}.") from None


def _columns(value):
    """A data frame's column names (for messages), else None."""
    return list(value.columns) if type(value).__name__ == "DataFrame" and hasattr(value, "columns") else None


def _rows_text(rows: np.ndarray, total: int) -> str:
    shown = ", ".join(str(int(r) + 1) for r in rows[:10])
    return shown + (", ..." if total > 10 else "")


def _text_detail(array: np.ndarray, columns) -> str:
    """Where the first text value is, for an error message."""
    flat_values = array.reshape(array.shape[0], -1) if array.ndim > 1 else array.reshape(-1, 1)
    for row in range(flat_values.shape[0]):
        for col in range(flat_values.shape[1]):
            item = flat_values[row, col]
            if isinstance(item, (str, bytes, np.str_, np.bytes_)):
                where = f"row {row + 1}" + (f", column {columns[col]!r}" if columns is not None and array.ndim == 2
                                            else "")
                return (f"Its values are text ({item!r} at 1-based {where}), which R keras refused too and rkeras "
                        "never parses. Convert them first: pandas.to_numeric() for numbers, a pandas Categorical "
                        "for labels.")
    return f"Its values are text (dtype {array.dtype})."


def _is_missing(item) -> bool:
    if item is None:
        return True
    if type(item).__name__ in ("NAType", "NaTType"):  # pandas NA, NaT
        return True
    return False


def check_object_values(array: np.ndarray, argument: str, *, columns=None) -> None:
    """An object array must hold numbers or logicals only: text is an error (never
    parsed, even "1.5"), and so are missing values (None, pandas NA) and anything else."""
    items = array.reshape(-1)
    text = missing = other = 0
    missing_rows = set()
    per_row = max(1, items.size // max(1, array.shape[0])) if array.ndim else 1
    for i, item in enumerate(items):
        if isinstance(item, (bool, numbers.Number, np.bool_, np.number)) and not isinstance(item, complex):
            continue
        if isinstance(item, (str, bytes, np.str_, np.bytes_)):
            text += 1
        elif _is_missing(item):
            missing += 1
            missing_rows.add(i // per_row)
        else:
            other += 1
    if text:
        raise arg_error(argument, array, "numeric data (numbers or logicals)",
                        detail=_text_detail(array if array.ndim else array.reshape(1), columns))
    if missing:
        rows = np.array(sorted(missing_rows))
        raise RKerasError(
            f"`{argument}` should have no missing values. Got {missing} missing value{'s' if missing != 1 else ''} "
            f"(None or NA, R's NA) in {rows.size} sample{'s' if rows.size != 1 else ''}, at 1-based "
            f"row{'s' if rows.size != 1 else ''} {_rows_text(rows, rows.size)}.",
            argument,
        )
    if other:
        kinds = sorted({type(item).__name__ for item in items
                        if not isinstance(item, (bool, numbers.Number, np.bool_, np.number))})
        raise arg_error(argument, array, "numeric data (numbers or logicals)",
                        detail=f"Some of its values are of type {', '.join(kinds)}.")


def check_not_masked(value, argument: str) -> None:
    """Masked entries of a numpy masked array are R's NA: an error saying how many and where."""
    if not np.ma.isMaskedArray(value):
        return
    mask = np.ma.getmaskarray(value)
    if not mask.any():
        return
    by_row = mask.reshape(mask.shape[0], -1).any(axis=1) if mask.ndim > 1 else mask.reshape(-1)
    rows = np.flatnonzero(by_row)
    count = int(mask.sum())
    raise RKerasError(
        f"`{argument}` should have no missing values. Got {count} masked entr{'ies' if count != 1 else 'y'} "
        f"(R's NA) in {rows.size} sample{'s' if rows.size != 1 else ''}, at 1-based "
        f"row{'s' if rows.size != 1 else ''} {_rows_text(rows, rows.size)}. "
        "rkeras does not train on masked values: fill them (masked.filled(value)) or drop those rows.",
        argument,
    )


def keras_array(value, argument: str):
    """R's ``keras_array()``: array-likes to numpy, lists and dicts recursively.

    * ``None`` stays ``None``.
    * a list/tuple of scalars is a vector; a list/tuple of array-likes is a list
      of arrays (several inputs or outputs).
    * a dict keeps its keys and converts its values.
    """
    if value is None:
        return None
    if isinstance(value, dict):
        return {_name(k, argument): keras_array(v, f"{argument}[{k!r}]") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            raise arg_error(argument, value, "data with at least one sample")
        if all(is_scalar(v) for v in value):
            return _to_ndarray(list(value), argument)
        if any(is_scalar(v) for v in value):
            raise arg_error(argument, value, "either a vector of numbers or a list of arrays, not a mix")
        return [keras_array(v, f"{argument}[[{i + 1}]]") for i, v in enumerate(value)]
    return _to_ndarray(value, argument)


def _name(key, argument: str) -> str:
    if isinstance(key, (str, int, np.integer)) and not isinstance(key, bool):
        return str(key)
    raise arg_error(argument, key, "a dict whose names are strings")


def first_dim(value) -> int | None:
    """Samples in an array structure (the first dimension), None if unknown."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        dims = [first_dim(v) for v in value]
        return dims[0] if dims else None
    shape = getattr(value, "shape", None)
    if shape is None or len(shape) == 0:
        return None
    return int(shape[0])


def flat(value):
    """(path, array) pairs of an array structure, for checks and messages."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from ((f"[{k!r}]" + p, a) for p, a in flat(v))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from ((f"[[{i + 1}]]" + p, a) for p, a in flat(v))
    elif value is not None:
        yield "", value


def leaves(structure):
    """The arrays of a structure of dicts, lists and tuples, in order (None skipped)."""
    if isinstance(structure, dict):
        for value in structure.values():
            yield from leaves(value)
    elif isinstance(structure, (list, tuple)):
        for value in structure:
            yield from leaves(value)
    elif structure is not None:
        yield structure


def engine_floatx() -> str | None:
    """The float type set by :func:`using_floatx` here, or None (Keras' own)."""
    return _engine_floatx.get()


def check_finite(value, argument: str) -> None:
    """NaN or infinite values in floating data are an error naming where they are.

    Cheap: one sum over the data in its own type (no temporary array, half the
    time of a float64 sum) decides, since NaN and infinity always make the sum
    non-finite; only then (or when a huge sum overflows) is the data searched
    for the offending values.
    """
    for path, array in flat(value):
        if not isinstance(array, np.ndarray) or array.dtype.kind != "f" or array.size == 0:
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.add.reduce(array, axis=None, dtype=np.float32 if array.dtype.itemsize < 4 else None)
        if np.isfinite(total):
            continue
        bad_rows = []
        count = 0
        step = max(1, 1_000_000 // max(1, array[0].size if array.ndim > 1 else 1))
        for start in range(0, array.shape[0], step):
            chunk = array[start : start + step]
            mask = ~np.isfinite(chunk)
            if mask.ndim > 1:
                mask = mask.reshape(mask.shape[0], -1).any(axis=1)
            rows = np.flatnonzero(mask)
            count += int(rows.size)
            bad_rows.extend((rows[: 10 - len(bad_rows)] + start + 1).tolist() if len(bad_rows) < 10 else [])
        if count:
            where = ", ".join(map(str, bad_rows)) + (", ..." if count > len(bad_rows) else "")
            name = argument + path
            raise RKerasError(
                f"`{name}` should hold finite numbers. Got NaN or infinite values in {count} "
                f"sample{'s' if count != 1 else ''}, at 1-based row{'s' if count != 1 else ''} {where}.",
                argument,
            )

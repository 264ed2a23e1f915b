"""The metrics files of a run directory, written at a cost that does not grow.

Two files hold the metrics of every finished epoch, written after each epoch:

``tfruns.d/metrics.json`` (:class:`MetricsJson`)
    tfruns' shape: one JSON object, one array per metric, one entry per epoch
    from ``initial_epoch + 1`` to ``epochs``, ``null`` for epochs not (yet)
    trained and for NaN or infinite values. The file is laid out once with a
    fixed-width slot per value (one per line, padded with spaces, which JSON
    allows), and each epoch then overwrites its own slots in place: the same
    few bytes at epoch 100,000 as at epoch 10. It is laid out again (a whole,
    atomic rewrite) only when a metric appears that it does not have (a
    validation metric first logged at epoch 2 with ``validation_freq = 2``)
    and, for runs of more than :data:`SLOTS_AT_ONCE` epochs, when the slots
    run out (there are then twice as many as epochs trained, so the cost per
    epoch stays bounded; until the last layout such a file is padded with
    ``null`` to its slots rather than to ``epochs``).
``metrics.csv`` (:class:`MetricsCsv`)
    R's ``as.data.frame(history)`` in long format, columns ``epoch``
    (1-based), ``value``, ``metric`` (``val_`` removed), ``data``
    (``training`` or ``validation``): appended, a few rows per epoch. Empty
    values are NaN (a metric not logged in that epoch); ``inf``/``-inf`` are
    kept. Only epochs that finished have rows.

Each write is one system call per value (``pwrite``) or per epoch (append),
followed by ``fsync``. A write that fails (disk full, read-only) leaves the
epoch pending: the next :meth:`flush` writes it again, after cutting off a
partially appended tail, so retries never duplicate rows.
"""

from __future__ import annotations

import math
import os

from .runs import meta_dir, write_atomic

__all__ = ["MetricsJson", "MetricsCsv", "SLOT_WIDTH", "SLOTS_AT_ONCE", "number_text"]

#: characters of one value's line: 4 spaces of indent, the value, a comma, padding
SLOT_WIDTH = 30
#: most slots laid out at once; longer runs grow by doubling
SLOTS_AT_ONCE = 100_000
_INDENT = "    "


def number_text(value) -> str:
    """A value as JSON: shortest round-trip digits; NaN and infinities are null."""
    if value is None:
        return "null"
    value = float(value)
    return repr(value) if math.isfinite(value) else "null"


class MetricsJson:
    """``tfruns.d/metrics.json``, updated in place.

    Parameters
    ----------
    run_dir : str
        The run directory.
    total : int
        Epochs the fit asked for (``epochs - initial_epoch``): the arrays'
        length.
    """

    def __init__(self, run_dir: str, total: int):
        self.path = os.path.join(meta_dir(run_dir), "metrics.json")
        self.total = max(int(total), 0)
        self.names: list[str] = []
        self.values: dict[str, list] = {}  # what should be on disk
        self.capacity = 0
        self.offsets: dict[str, int] = {}  # where each array's first slot starts
        self.laid_out = False  # False: the whole file must be (re)written
        self.pending: set[int] = set()  # epochs (0-based, from the start) not yet written in place
        self.bytes_written = 0

    def begin(self) -> None:
        """An empty object until the first epoch ends (as tfruns has none before)."""
        self.laid_out = False

    def add(self, index: int, names: list[str], row: dict) -> None:
        """Remember epoch ``index`` (0-based from ``initial_epoch``): ``row`` maps names to values."""
        for name in names:
            if name not in self.values:
                self.values[name] = [None] * index
                self.laid_out = False
        if names != self.names:
            self.names = list(names)
            self.laid_out = False
        for name in self.names:
            column = self.values[name]
            column.extend([None] * (index + 1 - len(column)))
            column[index] = row.get(name)
        if index >= self.capacity:
            self.laid_out = False
        self.pending.add(index)

    def flush(self) -> None:
        """Write what is pending; raises ``OSError`` (and stays pending) when it cannot."""
        if not self.laid_out:
            self._lay_out()
            return
        if not self.pending:
            return
        fd = os.open(self.path, os.O_WRONLY)
        try:
            for index in sorted(self.pending):
                for position, name in enumerate(self.names):
                    last = index == self.capacity - 1
                    data = _slot(self.values[name][index], last).encode("ascii")
                    os.pwrite(fd, data, self.offsets[name] + index * SLOT_WIDTH)
                    self.bytes_written += len(data)
            os.fsync(fd)
        finally:
            os.close(fd)
        self.pending.clear()

    def _lay_out(self) -> None:
        rows = max((len(v) for v in self.values.values()), default=0)
        if self.total <= SLOTS_AT_ONCE:
            capacity = self.total
        else:  # room for as many epochs again: laid out again only after doubling
            capacity = min(self.total, max(SLOTS_AT_ONCE, 2 * rows))
        capacity = max(capacity, rows)
        parts: list[str] = []
        offsets: dict[str, int] = {}
        position = 0

        def emit(text: str) -> None:
            nonlocal position
            parts.append(text)
            position += len(text.encode("utf-8"))

        emit("{\n" if self.names else "{")
        for number, name in enumerate(self.names):
            emit(("" if number == 0 else ",\n") + f'  "{_escape(name)}": [\n')
            offsets[name] = position
            column = self.values[name]
            emit("".join(_slot(column[i] if i < len(column) else None, i == capacity - 1) for i in range(capacity)))
            emit("  ]")
        emit("\n}\n" if self.names else "}\n")
        text = "".join(parts)
        write_atomic(self.path, text)
        self.bytes_written += position
        self.capacity, self.offsets = capacity, offsets
        self.laid_out = True
        self.pending.clear()


def _slot(value, last: bool) -> str:
    text = _INDENT + number_text(value) + ("" if last else ",")
    return text.ljust(SLOT_WIDTH - 1) + "\n"


def _escape(name: str) -> str:
    import json

    return json.dumps(name, ensure_ascii=False)[1:-1]


class MetricsCsv:
    """``metrics.csv``: R's long data frame, appended epoch by epoch."""

    HEADER = "epoch,value,metric,data\n"

    def __init__(self, run_dir: str):
        self.path = os.path.join(run_dir, "metrics.csv")
        self.size = None  # bytes known to be complete on disk; None: file not started
        self.pending: list[str] = []
        self.bytes_written = 0
        self._tails: dict[str, str] = {}  # ",metric,data\n" by name

    def begin(self) -> None:
        self.size = None
        self.pending = []

    def add(self, epoch: int, names: list[str], row: dict) -> None:
        """Rows of 1-based ``epoch`` for ``names`` (``val_`` names are the validation data)."""
        tails = self._tails
        lines = []
        for name in names:
            tail = tails.get(name)
            if tail is None:
                validation = name.startswith("val_")
                metric = name[4:] if validation else name
                tail = tails[name] = f",{_csv_field(metric)},{'validation' if validation else 'training'}\n"
            value = row.get(name)
            value = math.nan if value is None else float(value)
            lines.append(f"{epoch},{'' if value != value else repr(value)}{tail}")
        self.pending.append("".join(lines))

    def flush(self) -> None:
        if self.size is None:
            write_atomic(self.path, self.HEADER)
            self.size = len(self.HEADER)
            self.bytes_written += self.size
        if not self.pending:
            return
        data = "".join(self.pending).encode("utf-8")
        fd = os.open(self.path, os.O_WRONLY)
        try:
            if os.fstat(fd).st_size != self.size:
                os.ftruncate(fd, self.size)  # a partial append from a failed attempt
            view = memoryview(data)
            offset = self.size
            while view:
                done = os.pwrite(fd, view, offset)
                view, offset = view[done:], offset + done
            os.fsync(fd)
        finally:
            os.close(fd)
        self.size += len(data)
        self.bytes_written += len(data)
        self.pending = []


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text

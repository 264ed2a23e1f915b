"""Porting one R source: ``port_r(text)`` for a script, ``port_rmd(text)`` for an R Markdown notebook."""

from __future__ import annotations

from dataclasses import dataclass, field

from .parser import RParseError, parse
from .translator import IMPORT_LINES, NotPorted, Translator

__all__ = ["Ported", "port_r", "port_rmd", "load_table"]

HEADER = "# Ported from R by rkeras port. '# R:N' marks the R line each statement comes from."


@dataclass
class Ported:
    """The result of a port: Python ``code`` (or notebook ``cells``), and what was not translated."""

    code: str
    statements: int
    not_ported: list[NotPorted] = field(default_factory=list)
    notes: list = field(default_factory=list)
    cells: list | None = None

    @property
    def translated(self) -> int:
        return self.statements - len(self.not_ported)

    def report(self) -> str:
        """The terminal summary: "58 of 61 statements translated; not translated: line 12 `...`"."""
        head = f"{self.translated} of {self.statements} statements translated"
        if not self.not_ported:
            lines = [head]
        else:
            lines = [head + "; not translated:"]
            lines += [f"  line {n.line} `{n.code}`: {n.reason}" for n in self.not_ported]
        lines += [f"  note, line {line}: {text}" for line, text in self.notes]
        return "\n".join(lines)


def load_table():
    from .keras_api import TABLE

    return TABLE


def make_translator(table=None):
    """A translator over R keras' API tables (or over ``table`` alone, for tests of the driver)."""
    if table is not None:
        return Translator(table)
    from . import keras_api

    return Translator(keras_api.TABLE, when_given=getattr(keras_api, "WHEN_GIVEN", {}),
                      values=getattr(keras_api, "VALUES", {}), not_ported_api=getattr(keras_api, "NOT_PORTED", {}),
                      positional=getattr(keras_api, "POSITIONAL", {}))


def _imports(tr) -> list[str]:
    extra = sorted(key for key in tr.imports if key.startswith("import "))
    lines = [IMPORT_LINES[key] for key in IMPORT_LINES if key in tr.imports]
    if tr.graph_mode and "keras" in tr.imports:   # TF1 graph mode runs on Keras 2 (rules/graph.py)
        lines[lines.index(IMPORT_LINES["keras"])] = "import tf_keras as keras"
    return lines[: len(lines) - ("rbase" in tr.imports)] + extra + lines[len(lines) - ("rbase" in tr.imports):]


def port_r(text: str, *, filename: str = "<R>", table=None) -> Ported:
    """Port an R script; raises :class:`~rkeras.port.parser.RParseError` if it does not parse."""
    root = parse(text, filename)
    tr = make_translator(table)
    tr.program(root)
    body = tr.lines
    while body and not body[-1].strip():
        body.pop()
    imports = _imports(tr)
    code = "\n".join([HEADER] + imports + ([""] if imports else []) + body) + "\n"
    return Ported(code, tr.statement_count, tr.not_ported, tr.notes)


def port_rmd(text: str, *, filename: str = "<Rmd>", table=None) -> Ported:
    """Port an R Markdown notebook: R chunks become code cells, the text markdown cells."""
    from .rmd import split_chunks

    tr = make_translator(table)
    pieces = split_chunks(text)
    cells = []
    for piece in pieces:
        if piece.kind == "markdown":
            cells.append({"cell_type": "markdown", "source": piece.text, "metadata": {}})
            continue
        if piece.kind == "other":
            cells.append({"cell_type": "markdown", "source": piece.text, "metadata": {}})
            continue
        try:
            root = parse(piece.text, filename, line_offset=piece.line - 1)
        except RParseError as exc:
            if piece.eval_:
                raise
            # knitr never runs an eval = FALSE chunk, so R accepted a file whose such chunk is not R
            tr.statement_count += 1
            tr.not_ported.append(NotPorted(exc.line, piece.text.splitlines()[0][:60], "an eval = FALSE chunk that is not valid R"))
            source = "\n".join("# " + l if l.strip() else "#" for l in piece.text.splitlines())
            cells.append({"cell_type": "code", "source": f"# R:{piece.line} not ported (an eval = FALSE chunk that is not valid R):\n" + source,
                          "metadata": {"tags": ["skip-execution"], "rkeras": {"r_line": piece.line}},
                          "execution_count": None, "outputs": []})
            continue
        tr.line_offset = piece.line - 1
        mark = len(tr.lines)
        from .rules.scan import scan_names

        scan_names(tr, root)
        for child in root.children:
            tr.statement(child)
        source = "\n".join(tr.lines[mark:])
        metadata = {"rkeras": {"r_line": piece.line}}
        if not piece.eval_:
            metadata["tags"] = ["skip-execution"]
            source = "# R chunk option eval = FALSE: not run when the notebook is rendered\n" + source
        cells.append({"cell_type": "code", "source": source, "metadata": metadata,
                      "execution_count": None, "outputs": []})
    imports = _imports(tr)
    if imports:
        cells.insert(0, {"cell_type": "code", "source": "\n".join([HEADER] + imports),
                         "metadata": {}, "execution_count": None, "outputs": []})
    code = "\n\n".join(c["source"] for c in cells if c["cell_type"] == "code") + "\n"
    return Ported(code, tr.statement_count, tr.not_ported, tr.notes, cells=cells)


def notebook_json(ported: Ported) -> dict:
    """The nbformat 4 document of a ported notebook."""
    cells = []
    for index, cell in enumerate(ported.cells, start=1):
        cell = {"id": f"cell-{index}", **cell}
        lines = cell["source"].splitlines(keepends=True)
        cell["source"] = lines
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }

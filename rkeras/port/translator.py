"""The one tree walk: R statements in, Python lines out, every line traced to its R line.

Rules live in :mod:`rkeras.port.rules` (one module per family), each registering
handlers keyed by tree-sitter node type (``EXPRESSIONS``) or, for statements that
need more than one Python line, by statement kind (``STATEMENTS``). The walk
knows no rule's details. What no rule translates raises :class:`Unported`; the
walk then keeps the R code as a comment and a line that raises if reached.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from .nodes import line, text

__all__ = ["Translator", "Unported", "NotPorted", "IMPORT_LINES"]

#: import key -> the import line, in the order they are written.
IMPORT_LINES = {
    "os": "import os",
    "sys": "import sys",
    "warnings": "import warnings",
    "np": "import numpy as np",
    "pd": "import pandas as pd",
    "tf": "import tensorflow as tf",
    "tfp": "import tensorflow_probability as tfp",
    "keras": "import keras",
    "tf_keras": "import tf_keras",
    "rkeras": "import rkeras",
    "rbase": "from rkeras import rbase",
}


class Unported(Exception):
    """Raised by a rule for R code it cannot translate faithfully; ``reason`` says why."""

    def __init__(self, node, reason):
        super().__init__(reason)
        self.node = node
        self.reason = reason


@dataclass
class NotPorted:
    """One R statement that was kept as a comment."""

    line: int
    code: str
    reason: str


@dataclass
class Scope:
    """A function body being translated: names it assigns, names assigned with ``<<-`` in it."""

    assigned: set = field(default_factory=set)
    superassigned: list = field(default_factory=list)
    params: set = field(default_factory=set)


class Translator:
    """Translates one R source (a script, or all chunks of a notebook, which share their names)."""

    def __init__(self, table, line_offset=0, *, when_given=None, values=None, not_ported_api=None, positional=None):
        from .rules import EXPRESSIONS, STATEMENTS

        self.table = table
        self.when_given = when_given or {}          # R name -> {R argument: target used when it is given}
        self.values = values or {}                  # R name used as a value (not called) -> Python value
        self._hoisted: set = set()   # comments inside statements, written once before them
        self.not_ported_api = not_ported_api or {}  # R keras exports the porter leaves, with the reason
        self.positional_api = positional or {}      # R name -> how many leading arguments may stay positional
        self.expressions = EXPRESSIONS
        self.statements = STATEMENTS
        self.line_offset = line_offset
        self.imports: set[str] = set()
        self.not_ported: list[NotPorted] = []
        self.statement_count = 0
        self.kinds: dict[str, str] = {}          # R variable -> what it holds ("seqmodel", "tensor", ...)
        self.known_names: set[str] = set()       # every name the script assigns or takes as a parameter
        self.function_names: set[str] = set()    # names the script assigns a function to
        self.function_defs: dict = {}              # name -> its (first) function_definition node
        self.scopes: list[Scope] = []
        self.lines: list[str] = []
        self.indent = 0
        self.prelude: list[tuple[str, object]] = []   # statements a rule needs before the current one
        self.fresh = 0
        self.flags: dict = {}
        self.notes: list[tuple[int, str]] = []   # (R line, what the reader should know)
        self.graph_mode = False                  # TF1 graph mode: ported onto tf_keras (rules/graph.py)
        self.bound: set[str] = set()             # names assigned so far (R's datasets are found until then)
        self._last_row = -1                      # last R row that ended a statement, for trailing comments
        self._last_row_index = None

    # ----------------------------------------------------------------- helpers for rules
    def need(self, key: str) -> None:
        self.imports.add(key)

    def rline(self, node) -> int:
        return line(node) + self.line_offset

    def unported(self, node, reason):
        raise Unported(node, reason)

    def expr(self, node, **ctx) -> str:
        if node is None:
            raise Unported(node, "an empty argument")
        handler = self.expressions.get(node.type)
        if handler is None:
            raise Unported(node, f"R syntax `{node.type}` is not translated")
        saved = self.flags
        if ctx:
            self.flags = {**saved, **ctx}
        try:
            return handler(self, node)
        finally:
            self.flags = saved

    def plain_expr(self, node) -> str:
        """An expression outside any special argument context (shapes, keras arguments)."""
        saved = self.flags
        # a dplyr data mask reaches inside, and so does "R doubles as Python floats" (a value reticulate converts)
        self.flags = {k: saved[k] for k in ("dot", "mask", "doubles") if k in saved}
        try:
            return self.expr(node)
        finally:
            self.flags = saved

    def fresh_name(self, base: str) -> str:
        self.fresh += 1
        return f"_{base}{self.fresh}"

    @contextmanager
    def prelude_definition(self):
        """Lines emitted inside the ``with`` (a ``def`` or ``class``) are written just before the
        current statement, at the top indentation, instead of where the walk is."""
        saved = self.lines, self.indent, self.prelude
        self.lines, self.indent, self.prelude = [], 0, []
        try:
            yield
            code = "\n".join(self.lines)
        finally:
            self.lines, self.indent, self.prelude = saved
        self.prelude.append((code, None))

    def block_function(self, node, body, base: str, first_lines=()) -> str:
        """An R ``{ }`` block (``body``) written as a local function without parameters, defined
        just before the current statement (its value is the block's last value); returns the
        function's name. ``first_lines`` open its body (a ``global`` line)."""
        name = self.fresh_name(base)
        with self.prelude_definition():
            self.emit(f"def {name}():", node)
            for first in first_lines:
                self.emit("    " + first)
            self.block(body, result="return")
        return name

    def kind_of(self, node):
        """What an R expression is known to hold, from earlier assignments (None if unknown)."""
        if node is None:
            return None
        if node.type == "identifier":
            name = text(node)
            if name not in self.kinds and name == "iris" and name not in self.bound:
                return "frame"  # R's datasets::iris
            return self.kinds.get(name)
        if node.type == "parenthesized_expression":
            inner = [c for c in node.children if c.is_named]
            return self.kind_of(inner[0]) if inner else None
        from .rules.kinds import infer_kind

        return infer_kind(self, node)

    def set_kind(self, name: str, kind) -> None:
        if kind is None:
            self.kinds.pop(name, None)
        else:
            self.kinds[name] = kind

    # ----------------------------------------------------------------- output
    def emit(self, code: str, node=None) -> None:
        pad = "    " * self.indent
        parts = code.split("\n")
        if node is not None:
            parts[0] = f"{parts[0]}  # R:{self.rline(node)}"
        self.lines.extend(pad + part if part else part for part in parts)

    def comment(self, node) -> None:
        body = text(node)
        if node.start_point[0] + self.line_offset == self._last_row and self.lines and self._last_row_index is not None:
            self.lines[self._last_row_index] += "  " + body  # a comment after R code on the same line
            return
        self.lines.append("    " * self.indent + body.rstrip())

    # ----------------------------------------------------------------- statements
    def statement(self, node, *, result=None) -> None:
        """Translate one R statement. ``result`` is "return" for the value of a function's last one."""
        row = node.start_point[0] + self.line_offset
        if (self.indent == 0 and not self.scopes and self._last_row >= 0 and row > self._last_row + 1
                and self.lines and self.lines[-1].strip()):
            self.lines.append("")   # keep the R script's blank lines between statements
        if node.type == "comment":
            self.comment(node)
            self._last_row = node.end_point[0] + self.line_offset
            return
        self.statement_count += 1
        for inner in inner_comments(node):   # comments inside an expression (a pipe chain) go first
            key = (self.line_offset, inner.start_byte)
            if key in self._hoisted:
                continue   # an unbraced body's statement would hoist its outer statement's comments again
            self._hoisted.add(key)
            self.lines.append("    " * self.indent + text(inner).rstrip())
        mark = len(self.lines)
        count_mark = self.statement_count
        not_ported_mark = len(self.not_ported)
        saved_indent = self.indent   # a handler stopped half way (a def's default) must not leave it raised
        saved_prelude, saved_current = self.prelude, getattr(self, "current", None)
        self.prelude = []
        self.current = node
        try:
            handler = self.statements.get(node.type)
            if handler is not None and handler(self, node, result):
                pass
            else:
                top = not self.scopes and self.indent == 0 and result is None
                value = self.expr(node, statement=True)
                self._flush_prelude()
                if value.startswith(("return ", "raise ", "#")) or value == "return":
                    self.emit(value, node)
                elif result == "return":
                    self.emit(f"return {value}", node)
                elif top and auto_prints(self, node):
                    self.need("rbase")
                    self.emit(f"rbase.print({value})", node)
                else:
                    self.emit(value, node)
        except Unported as exc:
            self.indent = saved_indent
            del self.lines[mark:]
            del self.not_ported[not_ported_mark:]
            inner = self.statement_count - count_mark
            self.statement_count = count_mark
            self._keep(node, exc.reason, inner)
        finally:
            self.prelude, self.current = saved_prelude, saved_current
        self._last_row = node.end_point[0] + self.line_offset
        self._last_row_index = self._first_line_of(mark, node)

    def _first_line_of(self, mark, node):
        """Index of the emitted line that carries ``# R:<first line of node>`` (for a trailing comment)."""
        tag = f"# R:{self.rline(node)}"
        for index in range(len(self.lines) - 1, mark - 1, -1):
            if self.lines[index].endswith(tag) and node.start_point[0] == node.end_point[0]:
                return index
        return len(self.lines) - 1

    def _flush_prelude(self) -> None:
        for code, node in self.prelude:
            tagged = "  # R:" in code.split("\n")[0]
            self.emit(code, None if tagged else (node if node is not None else self.current))
        self.prelude = []

    def flush_prelude(self) -> None:
        self._flush_prelude()

    def _keep(self, node, reason, inner_statements=0) -> None:
        rl = self.rline(node)
        code = text(node)
        first = code.splitlines()[0] if code else ""
        short = first if len(first) <= 60 else first[:57] + "..."
        self.not_ported.append(NotPorted(rl, short, reason))
        pad = "    " * self.indent
        self.lines.append(f"{pad}# R:{rl} not ported ({reason}):")
        for r_line in code.splitlines():
            self.lines.append(f"{pad}#   {r_line}" if r_line.strip() else f"{pad}#")
        message = f"R line {rl} not ported: {reason}"
        self.lines.append(f"{pad}raise NotImplementedError({message!r})")

    def block(self, node, *, result=None) -> None:
        """The statements of a body (a ``{ }`` block or a single expression), indented one level."""
        self.indent += 1
        mark = len(self.lines)
        body = braced_statements(node)
        real = [n for n in body if n.type != "comment"]
        for child in body:
            is_last = real and child is real[-1]
            self.statement(child, result=result if is_last else None)
        if not any(l.strip() and not l.strip().startswith("#") for l in self.lines[mark:]):
            self.lines.append("    " * self.indent + "pass")
        self.indent -= 1

    def program(self, root) -> None:
        from .rules.scan import scan_names

        scan_names(self, root)
        errors_shown = False
        for child in root.children:
            if child.type == "comment" and text(child).startswith("## ----"):
                # a chunk header of knitr::purl()'s output: `error = TRUE` chunks show their
                # errors and go on, as the rendered document does
                errors_shown = _chunk_shows_errors(text(child))
            if errors_shown and child.type != "comment":
                self.need("rbase")
                self.emit("try:")
                self.indent += 1
                self.statement(child)
                self.indent -= 1
                self.emit("except Exception as _error:  # knitr chunk option error = TRUE: the error is shown")
                self.emit("    rbase.show_chunk_error(_error)")
                continue
            self.statement(child)


def _chunk_shows_errors(header: str) -> bool:
    import re

    return re.search(r"\berror\s*=\s*(TRUE|T)\b", header) is not None


#: calls whose value R prints when they stand alone at the top level of a script
VISIBLE_CALLS = frozenset({"head", "tail", "dim", "length", "nrow", "ncol", "names", "table", "unique", "mean",
                           "sum", "max", "min", "range", "levels", "which", "paste", "paste0", "sprintf", "seq",
                           "rep", "c", "round", "as.data.frame", "evaluate", "predict", "predict_on_batch",
                           "get_weights", "get_config", "count_params", "sd", "var", "median", "colnames",
                           "nchar", "class", "sqrt", "exp", "log", "abs", "rev", "sort", "t"})


def auto_prints(tr, node, _seen=frozenset()) -> bool:
    """Whether R prints the value of this top-level expression statement (R's visible values).

    A call of the script's own function prints when the function's last expression is visible
    by these same rules (an assignment, ``invisible()``, ``print()`` or a loop last is not).
    """
    from .nodes import fn_name
    from .rules.ggplot import returns_plot

    if node.type in ("identifier", "subset", "subset2", "extract_operator", "float", "string"):
        return True
    if returns_plot(tr, node):
        return True   # R prints a ggplot: drawn (into Rplots.pdf from a script)
    if node.type == "parenthesized_expression":
        return True   # (x <- 3) prints in R
    if node.type == "binary_operator":
        op = text(node.child_by_field_name("operator"))
        if op in ("%>%", "|>"):
            rhs = node.child_by_field_name("rhs")
            return rhs.type == "call" and fn_name(rhs.child_by_field_name("function")) in VISIBLE_CALLS
        return op in ("+", "-", "*", "/", "^", "==", "!=", "<", ">", "<=", ">=", "%%", "%in%", ":")
    if node.type == "call":
        fn = node.child_by_field_name("function")
        name = fn_name(fn)
        if fn.type == "identifier" and name in tr.function_defs and name not in _seen:
            return _returns_visibly(tr, tr.function_defs[name], _seen | {name})
        return name in VISIBLE_CALLS
    return False


def _returns_visibly(tr, definition, seen) -> bool:
    body = braced_statements(definition.child_by_field_name("body"))
    real = [n for n in body if n.type != "comment"]
    if not real:
        return False
    last = real[-1]
    if last.type == "call":
        from .nodes import fn_name

        if fn_name(last.child_by_field_name("function")) == "return":
            args = last.child_by_field_name("arguments")
            values = [c.child_by_field_name("value") for c in args.children if c.type == "argument"] if args else []
            return bool(values) and values[0] is not None and auto_prints(tr, values[0], seen)
    return auto_prints(tr, last, seen)


def inner_comments(node):
    """Comments inside a statement's expression (not inside its ``{ }`` blocks, which keep theirs)."""
    found = []
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        if current.type == "comment":
            found.append(current)
        elif current.type != "braced_expression":
            stack.extend(reversed(current.children))
    return found


def braced_statements(node):
    """The statements inside ``{ ... }`` (or the node itself when it is not braced)."""
    if node is None:
        return []
    if node.type == "braced_expression":
        return [c for c in node.children if c.is_named]
    return [node]

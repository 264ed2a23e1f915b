"""Reading R: tree-sitter's R grammar (from the ``port`` extra), never regular expressions.

``parse(text)`` returns the tree's root node; a file that does not parse is an
:class:`RParseError` naming the first line that does not.
"""

from __future__ import annotations

from ..errors import RKerasError

__all__ = ["parse", "RParseError", "r_parser"]

_PARSER = None


class RParseError(RKerasError):
    """The R source does not parse; ``line`` is the first line (1-based) that does not."""

    def __init__(self, message, line):
        super().__init__(message)
        self.line = line


def r_parser():
    """The tree-sitter parser for R, made once (imports tree-sitter on first use)."""
    global _PARSER
    if _PARSER is None:
        try:
            from tree_sitter_language_pack import get_parser
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RKerasError(
                "rkeras port needs the R grammar: python -m pip install 'rkeras[port]'"
            ) from exc
        _PARSER = get_parser("r")
    return _PARSER


def _first_error(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            return current
        if current.has_error:
            stack.extend(reversed(current.children))
    return None


def parse(text: str, filename: str = "<R>", line_offset: int = 0):
    """Parse R source text; raise :class:`RParseError` naming the line if it does not parse."""
    tree = r_parser().parse(text.encode("utf-8"))
    root = tree.root_node
    if root.has_error:
        bad = _first_error(root)
        line = (bad.start_point[0] if bad is not None else 0) + 1
        source_line = text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else ""
        what = "is missing a closing part" if bad is not None and bad.is_missing else "does not parse"
        raise RParseError(
            f"{filename}: R line {line + line_offset} {what}: {source_line.strip()!r}", line + line_offset
        )
    return root

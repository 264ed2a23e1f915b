"""Splitting R Markdown into text and R chunks (chunk headers are R Markdown syntax, not R)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Piece", "split_chunks"]


@dataclass
class Piece:
    kind: str        # "markdown", "r" or "other" (a chunk of another engine, kept as text)
    text: str
    line: int        # 1-based line of the piece's first line in the .Rmd file
    eval_: bool = True


def _options(header: str) -> tuple[str, dict]:
    """Engine and options of a chunk header ``{r name, eval = FALSE}``."""
    inner = header.strip()[1:-1].strip() if header.strip().endswith("}") else header.strip()[1:]
    engine, _, rest = inner.partition(" ")
    if "," in engine:
        engine, _, more = engine.partition(",")
        rest = more + " " + rest
    options = {}
    for part in rest.split(","):
        if "=" in part:
            key, _, value = part.partition("=")
            options[key.strip()] = value.strip()
    return engine.strip().lower(), options


# knitr ends a chunk at a line of three or more backticks (a fence of four closes it too)
_CHUNK_END = re.compile(r"^[\t >]*```+\s*$")


def _truthy(value: str, default: bool) -> bool:
    if value in ("FALSE", "F"):
        return False
    if value in ("TRUE", "T"):
        return True
    return default


def split_chunks(text: str) -> list[Piece]:
    lines = text.splitlines()
    pieces: list[Piece] = []
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter is metadata, kept as text
        end = next((j for j in range(1, len(lines)) if lines[j].strip() in ("---", "...")), None)
        if end is not None:
            i = end + 1
    default_eval = True
    buffer, start = [], i + 1
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith("```{"):
            if any(b.strip() for b in buffer):
                pieces.append(Piece("markdown", "\n".join(buffer).strip("\n"), start))
            engine, options = _options(stripped[3:])
            j = i + 1
            while j < len(lines) and not _CHUNK_END.match(lines[j]):
                j += 1
            body = "\n".join(lines[i + 1:j])
            if engine == "r":
                evaluate = _truthy(options.get("eval", ""), default_eval)
                if "opts_chunk$set" in body and "eval" in body:
                    for token in body.replace(" ", "").split("eval=")[1:]:
                        default_eval = _truthy(token[:5].rstrip(",)"), default_eval)
                pieces.append(Piece("r", body, i + 2, evaluate))
            else:
                pieces.append(Piece("other", "\n".join(lines[i:j + 1]), i + 1))
            i = j + 1
            buffer, start = [], i + 1
            continue
        buffer.append(lines[i])
        i += 1
    if any(b.strip() for b in buffer):
        pieces.append(Piece("markdown", "\n".join(buffer).strip("\n"), start))
    return pieces

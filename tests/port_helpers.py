"""Shared helpers of the porter's tests: port a snippet, take the Python body, run it."""

from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("tree_sitter_language_pack")

from rkeras.port import port_text  # noqa: E402
from rkeras.port.core import HEADER  # noqa: E402


def port(r_code: str, **kwargs):
    return port_text(textwrap.dedent(r_code).strip("\n") + "\n", **kwargs)


def body(r_code: str) -> str:
    """The ported Python without its header and import lines."""
    lines = port(r_code).code.splitlines()
    assert lines[0] == HEADER
    rest = lines[1:]
    while rest and (rest[0].startswith(("import ", "from ")) or not rest[0].strip()):
        rest = rest[1:]
    return "\n".join(rest)


def run(r_code: str, names=None) -> dict:
    """Port and execute; returns the resulting namespace (or the named values)."""
    code = port(r_code).code
    namespace: dict = {"__name__": "__ported__"}
    exec(compile(code, "<ported>", "exec"), namespace)
    if names is None:
        return namespace
    return {name: namespace[name] for name in names}


def expect(r_code: str, python: str) -> None:
    assert body(r_code) == textwrap.dedent(python).strip("\n")

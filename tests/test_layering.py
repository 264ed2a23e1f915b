"""The package's layering, over every module: no module takes another's private names."""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "rkeras"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _from_imports(path: pathlib.Path):
    """(absolute module, imported names) of every ``from ... import`` in ``path``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                base = parts[: len(parts) - node.level]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield module, [alias.name for alias in node.names]


def test_the_walk_sees_the_whole_package():
    names = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    assert {"functions/fit.py", "inputs/plan.py", "functions/evaluate.py", "tfruns/flags.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_private_names_from_another_module(path):
    this = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    private = [(m, n) for m, names in _from_imports(path) for n in names
               if m.startswith("rkeras") and m != this and n.startswith("_") and not n.startswith("__")]
    assert not private, f"{path.relative_to(PACKAGE)} imports private names {private}"

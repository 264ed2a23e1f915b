"""``rkeras port``: R keras scripts and R Markdown notebooks in, Python that runs the same out.

>>> from rkeras.port import port_file, port_text
>>> print(port_text("x <- c(1, 2, 3)[-1]").code)        # doctest: +SKIP

One parser (tree-sitter's R grammar, :mod:`.parser`), one tree walk (:mod:`.translator`),
rules by family (:mod:`.rules`: literals, operators, indexing, calls, pipes, layers,
functions, control flow, assignment, base R), and the R keras API as data tables
(:mod:`.keras_api`, entries of :class:`.table.RFunction`). Imports tree-sitter only when
a port runs (``import rkeras`` does not).
"""

from __future__ import annotations

__all__ = ["port_text", "port_file", "Ported"]


def __getattr__(name):
    if name == "Ported":
        from .core import Ported

        return Ported
    raise AttributeError(f"module 'rkeras.port' has no attribute {name!r}")


def port_text(text: str, *, notebook: bool = False, filename: str = "<R>"):
    """Port R source text (``notebook=True``: R Markdown). Returns a :class:`~rkeras.port.core.Ported`."""
    from .core import port_r, port_rmd

    return port_rmd(text, filename=filename) if notebook else port_r(text, filename=filename)


def port_file(path, output=None):
    """Port ``path`` (``.R`` or ``.Rmd``) and write ``.py`` / ``.ipynb`` beside it (or to ``output``).

    Returns ``(Ported, output_path)``.
    """
    import json
    import os

    from .core import notebook_json

    path = os.fspath(path)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    notebook = path.lower().endswith((".rmd", ".qmd"))
    ported = port_text(text, notebook=notebook, filename=path)
    if output is None:
        output = os.path.splitext(path)[0] + (".ipynb" if notebook else ".py")
    with open(output, "w", encoding="utf-8") as handle:
        if notebook:
            json.dump(notebook_json(ported), handle, indent=1)
            handle.write("\n")
        else:
            handle.write(ported.code)
    return ported, output

"""R Markdown notebooks: R chunks become code cells, text markdown cells; eval = FALSE is kept."""

from __future__ import annotations

import json

from port_helpers import port
from rkeras.port import port_file

RMD = """---
title: "Demo"
---

Some **text** about the model.

```{r}
x <- c(1, 2, 3)
total <- sum(x)
```

More text.

```{r, eval = FALSE}
never <- run_me()
```

```{python}
print("other engine")
```
"""


def test_chunks_become_cells_with_their_r_lines():
    ported = port(RMD, notebook=True)
    kinds = [c["cell_type"] for c in ported.cells]
    assert kinds == ["code", "markdown", "code", "markdown", "code", "markdown"]
    imports, text1, chunk1, text2, chunk2, other = ported.cells
    assert imports["source"].splitlines()[1:] == ["import numpy as np", "from rkeras import rbase"]
    assert text1["source"] == "Some **text** about the model."
    assert chunk1["source"] == "x = np.array([1, 2, 3], dtype=float)  # R:8\ntotal = rbase.sum(x)  # R:9"
    assert chunk2["metadata"]["tags"] == ["skip-execution"]
    assert "never = run_me()" not in chunk2["source"] and "R:15 not ported" in chunk2["source"]
    assert other["source"].startswith("```{python}")


def test_notebook_file_is_valid_nbformat(tmp_path):
    import nbformat

    src = tmp_path / "demo.Rmd"
    src.write_text(RMD)
    ported, out = port_file(src)
    assert out == str(tmp_path / "demo.ipynb")
    notebook = nbformat.read(out, as_version=4)
    nbformat.validate(notebook)
    assert json.loads((tmp_path / "demo.ipynb").read_text())["nbformat"] == 4
    assert ported.report().startswith("2 of 3 statements translated")


def test_an_eval_false_chunk_that_is_not_r_is_kept_as_text():
    rmd = "```{r, eval = FALSE}\nwith(f(x, {\n```\n\n```{r}\ny <- 1\n```\n"
    ported = port(rmd, notebook=True)
    assert ported.not_ported[0].reason == "an eval = FALSE chunk that is not valid R"
    assert "y = 1  # R:6" in ported.code


def test_a_chunk_closed_by_a_four_backtick_fence_ends_there():
    # knitr closes a chunk at any fence of three or more backticks: the text after it is not R
    rmd = "```{r}\nf <- function(x) {\n  x + 1\n}\n````\n\nSome text (with a parenthesis.\n\n```{r}\ny <- f(1)\n```\n"
    ported = port(rmd, notebook=True)
    sources = [c["source"] for c in ported.cells if c["cell_type"] == "code"]
    assert sources[-1].strip() == "y = f(1)  # R:10"
    assert [c["source"] for c in ported.cells if c["cell_type"] == "markdown"] == ["Some text (with a parenthesis."]

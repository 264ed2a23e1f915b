"""Every vignette runs, for real, in a Jupyter kernel: a failing cell fails the suite."""

from __future__ import annotations

import pathlib

import nbformat
import pytest

from _notebooks import kernel_available, run_notebook

VIGNETTES = sorted((pathlib.Path(__file__).parent.parent / "vignettes").glob("*.ipynb"))


def test_there_are_vignettes():
    names = {path.stem for path in VIGNETTES}
    assert {"porting-an-r-keras-script", "training-in-a-notebook"} <= names


def test_vignettes_are_stored_without_outputs():
    for path in VIGNETTES:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name} has outputs"


@pytest.mark.parametrize("path", VIGNETTES, ids=[p.stem for p in VIGNETTES])
def test_vignette_runs(path, tmp_path):
    assert kernel_available(), "no python3 Jupyter kernel: is ipykernel installed?"
    nb = nbformat.read(path, as_version=4)
    run_notebook(nb, cwd=tmp_path)  # raises CellExecutionError naming the failing cell
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    errors = [out for cell in code for out in cell.outputs if out.output_type == "error"]
    assert errors == []
    # every plot the vignette makes was drawn (a PNG in the outputs)
    images = [out for cell in code for out in cell.outputs if "image/png" in out.get("data", {})]
    assert images, f"{path.name} drew nothing"

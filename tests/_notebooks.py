"""Run notebooks for real, in a Jupyter kernel of this interpreter, via nbclient.

The kernel is ``python3``: jupyter_client always knows it when ipykernel is
installed (it falls back to ipykernel's own kernel spec when none is installed
on disk) and starts it with ``sys.executable``, so a fresh clone needs no
``ipykernel install``.
"""

from __future__ import annotations

import os

import nbformat
from nbclient import NotebookClient

KERNEL = "python3"


class RecordingClient(NotebookClient):
    """An nbclient client that also keeps every iopub message, by cell."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.messages: list[tuple[int, dict]] = []

    def process_message(self, msg, cell, cell_index):
        self.messages.append((cell_index, msg))
        return super().process_message(msg, cell, cell_index)


def kernel_available() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL in KernelSpecManager().find_kernel_specs()


def run_notebook(nb, cwd, timeout: int = 300, allow_errors: bool = False) -> RecordingClient:
    """Execute ``nb`` (a NotebookNode) in place, with ``cwd`` as working directory."""
    env_before = os.environ.get("TF_CPP_MIN_LOG_LEVEL")
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"  # inherited by the kernel
    try:
        client = RecordingClient(
            nb, kernel_name=KERNEL, timeout=timeout, allow_errors=allow_errors,
            resources={"metadata": {"path": str(cwd)}},
        )
        client.execute()
    finally:
        if env_before is None:
            os.environ.pop("TF_CPP_MIN_LOG_LEVEL", None)
        else:
            os.environ["TF_CPP_MIN_LOG_LEVEL"] = env_before
    return client


def notebook(*sources: str):
    """A notebook of code cells."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    return nb

"""The script's folder kept with the run: ``tfruns.d/source.tar.gz`` (tfruns 1.5.3).

tfruns archived the R scripts (``*.R``, not recursively) of the training
script's folder under ``source/`` in a gzipped tar file; rkeras archives the
Python scripts (``*.py``) of that folder, and the training script itself
whatever its name. :func:`read_source_archive` reads them back, the
training script first (what ``view_run()`` shows).
"""

from __future__ import annotations

import os
import tarfile

__all__ = ["ARCHIVE", "write_source_archive", "read_source_archive"]

ARCHIVE = "source.tar.gz"


def write_source_archive(script: str, meta_dir: str) -> str:
    """Archive the script's folder's Python files into ``meta_dir``; returns the archive's path."""
    folder = os.path.dirname(os.path.abspath(script))
    names = sorted(name for name in os.listdir(folder)
                   if name.lower().endswith(".py") and os.path.isfile(os.path.join(folder, name)))
    if os.path.basename(script) not in names:
        names.insert(0, os.path.basename(script))
    path = os.path.join(meta_dir, ARCHIVE)
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            archive.add(os.path.join(folder, name), arcname=f"source/{name}", recursive=False)
    return path


def read_source_archive(path: str, script: str | None = None) -> dict[str, str]:
    """File name -> text of the archived sources, ``script`` first; {} without an archive."""
    if not path or not os.path.isfile(path):
        return {}
    sources: dict[str, str] = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("source/"):
                continue
            handle = archive.extractfile(member)
            if handle is not None:
                sources[member.name[len("source/"):]] = handle.read().decode("utf-8", errors="replace")
    if script in sources:
        sources = {script: sources.pop(script), **sources}
    return sources

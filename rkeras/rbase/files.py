"""R's files, folders and system functions: ``file.path``, ``list.files``, ``readLines``, ``download.file``, ``Sys.getenv``."""

from __future__ import annotations

import os

import numpy as np

__all__ = ["file_path", "file_exists", "dir_exists", "dir_create", "basename", "dirname", "list_files",
           "read_lines", "write_lines", "read_rds", "save_rds", "sys_time", "system_time", "sys_getenv",
           "sys_setenv", "tempfile", "tempdir", "unlink", "download_file", "unzip", "untar", "file_copy",
           "dir_ls", "sys_sleep", "exists", "file_copy_base", "glob2rx",
           "read_char", "file_info", "file_size"]


def _expand(path):
    """R expands a leading ``~`` in every file function's path (``path.expand``)."""
    return os.path.expanduser(str(path))


def file_path(*parts, fsep="/"):
    """R's ``file.path()``: vectorised as ``paste(..., sep = "/")`` (recycled to the longest part)."""
    if not any(not isinstance(p, (str, bytes)) and np.ndim(p) > 0 for p in parts):
        return fsep.join(str(p) for p in parts)
    columns = [[str(v) for v in np.ravel(np.asarray(p, dtype=object))] for p in parts]
    if any(not c for c in columns):
        return np.array([], dtype=object)   # a zero-length part gives character(0), as in R
    n = max(len(c) for c in columns)
    return np.array([fsep.join(c[i % len(c)] for c in columns) for i in range(n)], dtype=object)


def file_exists(*paths):
    out = [os.path.exists(_expand(p)) for p in paths]
    return out[0] if len(out) == 1 else np.array(out)


def dir_exists(paths):
    return os.path.isdir(_expand(paths))


def dir_create(path, showWarnings=True, recursive=False):
    path = _expand(path)
    os.makedirs(path, exist_ok=True) if recursive else os.mkdir(path) if not os.path.isdir(path) else None
    return True


def basename(path):
    return os.path.basename(str(path).rstrip("/"))


def dirname(path):
    return os.path.dirname(str(path)) or "."


def list_files(path=".", pattern=None, all_files=False, full_names=False, recursive=False):
    import re

    out = []
    if recursive:
        for root, _, files in os.walk(_expand(path)):
            for f in files:
                out.append(os.path.relpath(os.path.join(root, f), _expand(path)))
    else:
        out = os.listdir(_expand(path))
    if pattern is not None:
        out = [f for f in out if re.search(pattern, os.path.basename(f))]
    if not all_files:
        out = [f for f in out if not os.path.basename(f).startswith(".")]
    out = sorted(out)
    return np.array([os.path.join(path, f) if full_names else f for f in out], dtype=object)


def read_lines(con, n=-1, *args, **kwargs):
    with open(_expand(con), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    return np.array(lines if n < 0 else lines[: int(n)], dtype=object)


def read_char(con, nchars, use_bytes=False):
    """R's ``readChar()``: the first ``nchars`` characters of the file (bytes with ``use_bytes``),
    one string per number of ``nchars``, read one after the other."""
    counts = [int(n) for n in np.ravel(np.asarray(nchars, dtype=float))]
    with open(_expand(con), "rb") as handle:
        data = handle.read()
    text = data if use_bytes else data.decode("utf-8", errors="replace")
    out, at = [], 0
    for n in counts:
        piece = text[at:at + n]
        out.append(piece.decode("latin-1") if use_bytes else piece)
        at += n
    return out[0] if len(out) == 1 else np.array(out, dtype=object)


def file_size(*paths):
    """R's ``file.size()``: bytes of each file (NA where it does not exist)."""
    sizes = [float(os.path.getsize(_expand(p))) if os.path.exists(_expand(p)) else np.nan for p in paths]
    return sizes[0] if len(sizes) == 1 else np.array(sizes)


def file_info(*paths, extra_cols=True):
    """R's ``file.info()``: a data frame, one row per path (named by it): ``size``, ``isdir``,
    ``mode`` (octal text), ``mtime``, ``ctime``, ``atime`` (NA for a path that does not exist)."""
    import pandas as pd

    rows = []
    for path in paths:
        if os.path.exists(_expand(path)):
            st = os.stat(_expand(path))
            rows.append({"size": float(st.st_size), "isdir": os.path.isdir(_expand(path)), "mode": oct(st.st_mode & 0o777)[2:],
                         "mtime": pd.Timestamp(st.st_mtime, unit="s"), "ctime": pd.Timestamp(st.st_ctime, unit="s"),
                         "atime": pd.Timestamp(st.st_atime, unit="s")})
        else:
            rows.append({"size": np.nan, "isdir": None, "mode": None, "mtime": pd.NaT, "ctime": pd.NaT, "atime": pd.NaT})
    return pd.DataFrame(rows, index=[str(p) for p in paths])


def write_lines(text, con, sep="\n"):
    with open(con, "w", encoding="utf-8") as handle:
        handle.write(sep.join(np.ravel(text).tolist() if not isinstance(text, str) else [text]) + sep)


def read_rds(file):
    import pickle

    with open(file, "rb") as handle:
        return pickle.load(handle)


def save_rds(object, file):
    """R's ``saveRDS()``: Python pickles (R's .rds format is not written)."""
    import pickle

    with open(file, "wb") as handle:
        pickle.dump(object, handle)


def sys_time():
    import datetime

    return datetime.datetime.now()


class ProcTime(dict):
    """R's ``proc_time``: ``user.self``, ``sys.self``, ``elapsed`` seconds, printed as R prints it."""

    def __repr__(self):
        names = ("user", "system", "elapsed")
        values = [f"{self[k]:.3f}" for k in ("user.self", "sys.self", "elapsed")]
        width = [max(len(n), len(v)) for n, v in zip(names, values)]
        head = " ".join(n.rjust(w) for n, w in zip(names, width))
        return f"{head} \n{' '.join(v.rjust(w) for v, w in zip(values, width))} "

    __str__ = __repr__


def system_time(expr):
    """R's ``system.time(expr)``: the porter passes ``expr`` as a function of no arguments, run
    and timed here (CPU time of this process, wall-clock time)."""
    import time

    start, cpu = time.perf_counter(), os.times()
    if callable(expr):
        expr()
    end = os.times()
    return ProcTime({"user.self": end.user - cpu.user, "sys.self": end.system - cpu.system,
                     "elapsed": time.perf_counter() - start})


def sys_getenv(x=None, unset=""):
    return dict(os.environ) if x is None else os.environ.get(x, unset)


def sys_setenv(**values):
    os.environ.update({k: str(v) for k, v in values.items()})
    return True


def tempfile(pattern="file", tmpdir=None, fileext=""):
    import tempfile as _tempfile
    import uuid

    return os.path.join(tmpdir or _tempfile.gettempdir(), f"{pattern}{uuid.uuid4().hex[:12]}{fileext}")


def tempdir():
    import tempfile as _tempfile

    return _tempfile.gettempdir()


def unlink(x, recursive=False, force=False):
    import shutil

    for path in np.ravel(x).tolist():
        if os.path.isdir(path) and recursive:
            shutil.rmtree(path, ignore_errors=True)
        elif os.path.exists(path):
            os.remove(path)


def download_file(url, destfile, method=None, quiet=False, mode="w"):
    import urllib.request

    urllib.request.urlretrieve(url, destfile)
    return 0


def unzip(zipfile, files=None, list=False, overwrite=True, junkpaths=False, exdir="."):
    import zipfile as _zip

    with _zip.ZipFile(zipfile) as archive:
        if list:
            return archive.namelist()
        archive.extractall(exdir, members=files)
        return [os.path.join(exdir, n) for n in (files or archive.namelist())]


def untar(tarfile, files=None, list=False, exdir="."):
    import tarfile as _tar

    with _tar.open(tarfile) as archive:
        if list:
            return archive.getnames()
        archive.extractall(exdir)
    return 0


def file_copy(path, new_path, overwrite=False):
    import shutil

    shutil.copy(path, new_path)
    return new_path


def file_copy_base(from_, to, overwrite=False, recursive=False, copy_mode=True, copy_date=False):
    """Base R's ``file.copy()``: each of ``from_`` into the folder ``to`` (one existing folder) or
    to the path of the same position in ``to``. An existing target is left alone unless
    ``overwrite``; the result says, per file, whether it was copied (R's logical vector)."""
    import shutil

    sources = [_expand(f) for f in np.atleast_1d(np.asarray(from_, dtype=object))]
    targets = [_expand(t) for t in np.atleast_1d(np.asarray(to, dtype=object))]
    if len(targets) == 1 and os.path.isdir(targets[0]):
        targets = [os.path.join(targets[0], os.path.basename(f)) for f in sources]
    elif len(targets) != len(sources):
        raise ValueError("file.copy(): more 'from' files than 'to' files")
    done = []
    for source, target in zip(sources, targets):
        if not os.path.exists(source) or (os.path.exists(target) and not overwrite):
            done.append(False)
            continue
        if os.path.isdir(source):
            if not recursive:
                done.append(False)
                continue
            shutil.copytree(source, target, dirs_exist_ok=True)
        elif copy_date:
            shutil.copy2(source, target)
        elif copy_mode:
            shutil.copy(source, target)
        else:
            shutil.copyfile(source, target)
        done.append(True)
    return np.array(done, dtype=bool)


def glob2rx(pattern, trim_head=False, trim_tail=True):
    """R's ``glob2rx()``: a wildcard pattern (``*.txt``) as the regular expression R writes
    (``^.*\\.txt$``)."""
    out = "^"
    for char in str(pattern):
        out += {"*": ".*", "?": ".", ".": "\\.", "(": "\\(", ")": "\\)", "[": "\\[", "{": "\\{",
                "+": "\\+", "^": "\\^", "$": "\\$", "|": "\\|"}.get(char, char)
    out += "$"
    if trim_tail and out.endswith(".*$"):
        out = out[:-3]
    if trim_head and out.startswith("^.*"):
        out = out[3:]
    return out


def dir_ls(path=".", glob=None, recurse=False, type="any", recursive=None):
    recurse = recurse if recursive is None else recursive
    import fnmatch

    found = list_files(path, full_names=True, recursive=bool(recurse))
    if glob is not None:
        found = [f for f in found if fnmatch.fnmatch(f, glob)]
    return np.array(found, dtype=object)


def sys_sleep(time):
    import time as _time

    _time.sleep(float(time))


def exists(x):
    import inspect

    frame = inspect.currentframe().f_back
    return x in frame.f_globals or x in frame.f_locals

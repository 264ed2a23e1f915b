"""The command line: rkeras port SCRIPT.R [-o OUT] [--stdout], also python -m rkeras port."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytest.importorskip("tree_sitter_language_pack")

SCRIPT = "x <- c(1, 2)\ny <- unknown_fn(x)\ncat(sum(x), '\\n')\n"


def _run(args, cwd):
    return subprocess.run([sys.executable, "-m", "rkeras", "port", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=dict(os.environ))


def test_writes_py_beside_the_script_and_reports(tmp_path):
    (tmp_path / "train.R").write_text(SCRIPT)
    out = _run(["train.R"], tmp_path)
    assert out.returncode == 0, out.stderr
    code = (tmp_path / "train.py").read_text()
    assert "x = np.array([1, 2], dtype=float)  # R:1" in code
    assert "2 of 3 statements translated; not translated:\n  line 2 `y <- unknown_fn(x)`" in out.stderr


def test_output_path_and_stdout(tmp_path):
    (tmp_path / "train.R").write_text(SCRIPT)
    out = _run(["train.R", "-o", "elsewhere.py"], tmp_path)
    assert out.returncode == 0 and (tmp_path / "elsewhere.py").exists() and not (tmp_path / "train.py").exists()
    out = _run(["train.R", "--stdout"], tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("# Ported from R by rkeras port.")
    assert not (tmp_path / "train.py").exists()


def test_a_parse_error_names_the_line(tmp_path):
    (tmp_path / "bad.R").write_text("x <- 1\ny <- (2 +\n")
    out = _run(["bad.R"], tmp_path)
    assert out.returncode == 1 and "R line 2" in out.stderr and not (tmp_path / "bad.py").exists()


def test_import_rkeras_and_rbase_do_not_import_tree_sitter_or_tensorflow():
    code = ("import sys, rkeras, rkeras.port, rkeras.rbase\n"
            "print(sorted(m for m in ('tree_sitter', 'tree_sitter_language_pack', 'tensorflow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr

"""The main job, as README's first command runs it: python -m rkeras --out DIR ports the shipped R
script (rkeras/scripts/iris.R), writes the Python beside history.csv and history.png, and runs it."""

import os
import subprocess
import sys

import pandas as pd
import pytest

pytest.importorskip("tree_sitter_language_pack")


def test_main_job_ports_the_r_script_and_runs_it(tmp_path):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run(
        [sys.executable, "-m", "rkeras", "--out", str(tmp_path), "--epochs", "12"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout
    # the port, reported as `rkeras port` reports it, and written beside the results
    assert f"rkeras port iris.R -> {tmp_path / 'iris.py'}: 14 of 14 statements translated" in text
    code = (tmp_path / "iris.py").read_text()
    assert "history = rkeras.fit(model, x, y, epochs=epochs, validation_split=0.2)  # R:17" in code
    # 120 training rows (30 held back), of which validation_split = 0.2 validates on the last 24
    assert "Trained on 96 samples, validated on 24 samples (batch_size=32, epochs=12)" in text
    assert "Final epoch (plot to see history):" in text
    labels = [line.split(":")[0] for line in text.split("Final epoch (plot to see history):\n")[1].splitlines()[:4]]
    assert labels == ["        loss", "    accuracy", "    val_loss", "val_accuracy"]
    # stdout is a pipe here, so verbose "auto" resolved to 2: one line per epoch, no bar redraws
    assert text.count("Epoch ") == 12 and "\r" not in text
    # evaluate() on the 30 held-back rows prints R's named vector: loss first, then accuracy
    tail = text.split("val_accuracy:")[1]
    assert tail.index("loss") < tail.index("accuracy")

    frame = pd.read_csv(tmp_path / "history.csv")
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert len(frame) == 12 * 4
    assert sorted(frame["metric"].unique()) == ["accuracy", "loss"]
    assert sorted(frame["data"].unique()) == ["training", "validation"]
    assert frame["value"].notna().all()

    png = (tmp_path / "history.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_port_subcommand_is_the_porter(tmp_path):
    (tmp_path / "a.R").write_text("x <- 1:3\n")
    out = subprocess.run([sys.executable, "-m", "rkeras", "port", "a.R", "--stdout"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "x = np.arange(1, 4)  # R:1" in out.stdout

"""The main job, as README's first command runs it: python -m rkeras --out DIR.

It is an R script ported line by line (see rkeras/__main__.py): 120 of iris' 150
shuffled rows train (validation_split = 0.2 validates on the last 24 of them), the
other 30 are held back for evaluate(), whose named result is printed."""

import os
import subprocess
import sys

import pandas as pd


def test_main_job_prints_r_history_and_writes_frame_and_plot(tmp_path):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run(
        [sys.executable, "-m", "rkeras", "--out", str(tmp_path), "--epochs", "12"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout
    assert "Trained on 96 samples, validated on 24 samples (batch_size=32, epochs=12)" in text
    assert "Final epoch (plot to see history):" in text
    # R keras 2.15's order (Keras 3 logs accuracy before loss): loss first, training before validation
    labels = [line.split(":")[0] for line in text.split("Final epoch (plot to see history):\n")[1].splitlines()[:4]]
    assert labels == ["        loss", "    accuracy", "    val_loss", "val_accuracy"]
    # stdout is a pipe here, so verbose "auto" resolved to 2: one line per epoch, no bar redraws
    assert text.count("Epoch ") == 12 and "\r" not in text
    # evaluate() on the 30 held-back rows: R's named result, loss first, then accuracy (a fraction of 30)
    result = text.split("val_accuracy:")[-1].splitlines()[1:3]
    assert [line.split()[0] for line in result] == ["loss", "accuracy"]
    loss, accuracy = (float(line.split()[1]) for line in result)
    assert loss > 0 and round(accuracy * 30, 4) == round(accuracy * 30) and 0 <= accuracy <= 1

    frame = pd.read_csv(tmp_path / "history.csv")
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert len(frame) == 12 * 4
    assert sorted(frame["metric"].unique()) == ["accuracy", "loss"]
    assert sorted(frame["data"].unique()) == ["training", "validation"]
    assert frame["value"].notna().all()

    png = (tmp_path / "history.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000

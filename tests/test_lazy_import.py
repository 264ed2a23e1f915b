"""``import rkeras`` does not import TensorFlow: options and histories work without it.

``import tensorflow`` takes seconds; a script that only reads a saved history
or sets options must not pay for it. Checked in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import json, sys
    import rkeras
    from rkeras.run_writer import RunWriter
    loaded = {"import": sorted(m for m in ("tensorflow", "keras", "tf_keras") if m in sys.modules)}
    old = rkeras.options({"keras.fit_verbose": 2, "keras.view_metrics": False})
    assert rkeras.get_option("keras.fit_verbose") == 2
    rkeras.options(old)
    history = rkeras.KerasTrainingHistory(
        {"epochs": 3, "samples": 800, "validation_samples": 200, "batch_size": 32},
        {"loss": [0.5, 0.4, 0.35], "val_loss": [0.6, 0.5, 0.45]},
    )
    text = str(history)
    frame = rkeras.as_data_frame(history)
    combined = rkeras.combine_histories([history, history])
    writer = RunWriter(sys.argv[1])
    writer.on_train_begin(history, None)
    writer.on_epoch_end(history)
    writer.on_train_end(history)
    loaded["after"] = sorted(m for m in ("tensorflow", "keras", "tf_keras") if m in sys.modules)
    loaded["text"] = text
    loaded["rows"] = len(frame) + len(combined.to_data_frame())
    print(json.dumps(loaded))
    """
)


def test_import_options_history_and_run_files_without_tensorflow(tmp_path):
    env = dict(os.environ)
    env.pop("RUN_DIR", None)
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "run")], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["import"] == []
    assert report["after"] == []
    assert report["text"].splitlines()[0] == "Trained on 800 samples, validated on 200 samples (batch_size=32, epochs=3)"
    assert report["rows"] == 3 * 2 + 6 * 2
    assert (tmp_path / "run" / "metrics.csv").exists()
    assert json.loads((tmp_path / "run" / "tfruns.d" / "metrics.json").read_text())["val_loss"] == [0.6, 0.5, 0.45]

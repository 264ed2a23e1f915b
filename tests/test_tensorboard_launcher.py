"""rkeras.tensorboard(): R's tensorboard() starts a TensorBoard server on the logs and stops it."""

from __future__ import annotations

import pytest

import rkeras
from rkeras.errors import RKerasError


def test_tensorboard_starts_and_stops_a_server(tmp_path, capsys):
    pytest.importorskip("tensorboard")
    from rkeras.functions import tensorboard as module

    url = rkeras.tensorboard(str(tmp_path / "logs"), launch_browser=False)
    try:
        assert url.startswith("http://127.0.0.1:")
        assert capsys.readouterr().out == f"Started TensorBoard at {url} \n"
        assert (tmp_path / "logs").is_dir()
        process = module._STARTED[-1]
        assert process.poll() is None
    finally:
        rkeras.tensorboard(action="stop")
    assert process.poll() is not None and not module._STARTED


def test_tensorboard_bad_action_names_the_argument():
    with pytest.raises(RKerasError, match="`action` should be"):
        rkeras.tensorboard("logs", action="restart")


def test_tensorboard_ports_to_rkeras():
    pytest.importorskip("tree_sitter_language_pack")
    from rkeras.port import port_text

    code = port_text('tensorboard("logs")\n').code
    assert 'rkeras.tensorboard("logs")  # R:1' in code

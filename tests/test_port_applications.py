"""application_*() with pretrained weights: ported through rkeras.application, which uses a
weights file already in Keras' cache (planted here, never downloaded); magick's image_read()."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, run


def test_application_with_weights_ports_through_rkeras_application():
    assert body('m <- application_mobilenet(include_top = FALSE, pooling = "avg")') == (
        'm = rkeras.application(keras.applications.MobileNet, include_top=False, pooling="avg")  # R:1')
    # weights = NULL downloads nothing: Keras' constructor as it is
    assert body("m <- application_vgg16(weights = NULL, include_top = FALSE)") == (
        "m = keras.applications.VGG16(weights=None, include_top=False)  # R:1")


def test_cached_weights_file_is_used_without_the_hash_check(tmp_path, monkeypatch):
    h5py = pytest.importorskip("h5py")
    keras = pytest.importorskip("keras")
    from keras.src.legacy.saving import legacy_h5_format

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (tmp_path / "models").mkdir()
    planted = keras.applications.MobileNet(weights=None, include_top=False, alpha=0.25, input_shape=(128, 128, 3))
    for weight in planted.weights:
        weight.assign(np.full(weight.shape, 0.5, dtype="float32"))
    with h5py.File(tmp_path / "models" / "mobilenet_2_5_128_tf_no_top.h5", "w") as handle:
        legacy_h5_format.save_weights_to_hdf5_group(handle, planted)
    ns = run("""
library(keras)
m <- application_mobilenet(include_top = FALSE, alpha = 0.25, input_shape = c(128, 128, 3))
""", ["m"])
    kernel = ns["m"].get_layer("conv1").kernel
    np.testing.assert_allclose(np.asarray(kernel), 0.5)


def test_cached_downloads_restores_keras_get_file(tmp_path, monkeypatch):
    pytest.importorskip("keras")
    from keras.src.utils import file_utils

    from rkeras.applications import cached_downloads

    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "w.h5").write_bytes(b"planted")
    original = file_utils.get_file
    with cached_downloads():
        path = file_utils.get_file("w.h5", "https://example.invalid/w.h5", cache_subdir="models", file_hash="0" * 64)
    assert open(path, "rb").read() == b"planted"
    assert file_utils.get_file is original


def test_magick_image_read_plots_as_a_raster(tmp_path, monkeypatch):
    Image = pytest.importorskip("PIL.Image")
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    Image.fromarray(np.full((4, 6, 3), 255, dtype=np.uint8)).save("white.png")
    assert body('plot(magick::image_read("white.png"))') == 'rbase.plot(rbase.image_read("white.png"))  # R:1'
    ns = run('img <- magick::image_read("white.png")\npng("out.png")\nplot(img)\ndev.off()', ["img"])
    assert ns["img"].array.shape == (4, 6, 3)
    np.testing.assert_allclose(ns["img"].array, 1.0)
    assert (tmp_path / "out.png").stat().st_size > 0

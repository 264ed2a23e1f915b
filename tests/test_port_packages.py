"""Beyond base R: R keras' custom models, tfdatasets pipelines, base graphics devices, reticulate."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import expect, port


def test_keras_model_custom_is_a_model_subclass(tmp_path):
    source = """
    encoder <- function(units, name = NULL) {
      keras_model_custom(name = name, function(self) {
        self$dense <- layer_dense(units = units)
        function(x, mask = NULL) {
          x %>% self$dense()
        }
      })
    }
    m <- encoder(4, name = "enc")
    y <- m(matrix(1, 2, 3))
    """
    expect(source, """
        def encoder(units, name=None):  # R:1
            class _CustomModel1(rkeras.legacy.CustomModel):  # R:2
                def __init__(self):  # R:2
                    super().__init__(name=name)
                    self.dense = keras.layers.Dense(units=rbase.as_integers(units))  # R:3
                def call(self, x, mask=None):  # R:4
                    return self.dense(x)  # R:5
            return _CustomModel1()  # R:2
        m = encoder(4, name="enc")  # R:9
        y = m(rbase.matrix(1, 2, 3))  # R:10
        """)
    namespace = {}
    exec(port(source).code, namespace)
    assert tuple(namespace["y"].shape) == (2, 4) and namespace["m"].name == "enc"


def test_tfdatasets_pipeline_and_until_out_of_range():
    source = """
    ds <- tensor_slices_dataset(list(matrix(1:6, ncol = 1), 1:6)) %>%
      dataset_batch(4)
    it <- make_iterator_one_shot(ds)
    sizes <- c()
    until_out_of_range({
      batch <- iterator_get_next(it)
      sizes <- c(sizes, nrow(batch[[1]]))
    })
    """
    expect(source, """
        ds = tf.data.Dataset.from_tensor_slices(rbase.tf_structure([rbase.matrix(np.arange(1, 7), ncol=1), np.arange(1, 7)])).batch(4)  # R:1
        it = iter(ds)  # R:3
        sizes = rbase.c()  # R:4
        try:  # R:5
            while True:
                batch = next(it)  # R:6
                sizes = rbase.c(sizes, rbase.elem(batch, 1).shape[0])  # R:7
        except StopIteration:  # the iterator ran out (R: out of range)
            pass
        """)
    namespace = {}
    exec(port(source).code, namespace)
    assert namespace["sizes"].tolist() == [4, 2]


def test_base_graphics_write_the_device_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = """
    png("digits.png", width = 200, height = 100)
    par(mfcol = c(1, 2), mar = c(0, 0, 0, 0))
    for (i in 1:2) plot(as.raster(matrix(runif(16), 4, 4)))
    dev.off()
    """
    ported = port(source)
    assert ported.translated == ported.statements
    exec(ported.code, {})
    assert (tmp_path / "digits.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_reticulate_import_and_tuple():
    expect('np <- import("numpy")\nt2 <- tuple(1, 2)\na <- np$zeros(tuple(2L, 3L))\n', """
        np_ = rbase.py_import("numpy")  # R:1
        t2 = (1, 2)  # R:2
        a = np_.zeros((2, 3))  # R:3
        """)

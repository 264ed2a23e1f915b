"""Base graphics that add to a plot (plot(NULL, ...), lines(), abline(), legend(),
extendrange()), R's environments built by hand (new.env(), attr<-, ls(), typeof()),
MASS::mvrnorm() and tensorflow's tf_config()."""

from __future__ import annotations

import numpy as np
import pytest

from port_helpers import body, run

CURVES = """
h <- c(0.5, 0.4, 0.35)
g <- c(0.6, 0.5, 0.3)
plot(NULL, main = "Validation loss", xlab = "Epochs", xlim = c(1, 3),
     ylab = "Loss", ylim = extendrange(c(h, g)), las = 1,
     panel.first = abline(v = 1:3, lty = "dotted", col = "lightgrey"))
lines(h, lty = 1, type = "o")
lines(g, lty = 2)
legend("topright", lty = 1:2, legend = c("first", "second"))
"""


def test_plot_null_lines_abline_legend(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    code = body(CURVES)
    assert "panel_first=lambda: rbase.abline(v=np.arange(1, 4), lty=\"dotted\", col=\"lightgrey\")" in code
    assert 'rbase.lines(h, lty=1, type_="o")  # R:6' in code
    assert 'rbase.legend("topright", legend=np.array(["first", "second"]), lty=np.arange(1, 3))  # R:8' in code
    from rkeras.rbase import graphics

    run(CURVES)
    axes = graphics.current_axes()
    assert axes.get_title() == "Validation loss"
    assert axes.get_xlim() == (1.0, 3.0)
    assert axes.get_ylim() == pytest.approx((0.3 - 0.015, 0.6 + 0.015))     # extendrange: 5% each side
    drawn = axes.get_lines()
    assert len(drawn) == 5                        # three grey verticals first, then the two curves
    assert [tuple(l.get_xdata()) for l in drawn[3:]] == [(1, 2, 3), (1, 2, 3)]
    assert drawn[3].get_linestyle() == "-" and drawn[3].get_marker() == "o"
    assert drawn[4].get_linestyle() == "--"
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["first", "second"]
    graphics.dev_off()
    assert (tmp_path / "Rplots.pdf").exists()


def test_lines_without_a_plot_is_r_error():
    from rkeras import rbase
    from rkeras.rbase import graphics

    if graphics.current_axes() is not None:
        graphics.dev_off()
    with pytest.raises(rbase.RError, match="plot.new has not been called yet"):
        rbase.lines([1, 2])


def test_environment_built_by_hand():
    code = body("""
layer_naive <- function(n) {
  self <- new.env(parent = emptyenv())
  attr(self, "class") <- "NaiveDense"
  self$n <- n
  self$call <- function(x) x * self$n
  self
}
""")
    assert "self = rbase.new_env(parent=rbase.emptyenv())  # R:2" in code
    assert 'self = rbase.set_attr(self, "class", "NaiveDense")  # R:3' in code
    ns = run("""
layer_naive <- function(n) {
  self <- new.env(parent = emptyenv())
  attr(self, "class") <- "NaiveDense"
  self$n <- n
  self$call <- function(x) x * self$n
  self
}
l <- layer_naive(3)
y <- l$call(2)
cls <- attr(l, "class")
nms <- ls(l)
missing <- l$nothing
kind <- typeof(l)
cl <- class(l)
""")
    assert ns["y"] == 6
    assert ns["cls"] == "NaiveDense"
    assert list(ns["nms"]) == ["call", "n"]
    assert ns["missing"] is None
    assert ns["kind"] == "environment"
    assert ns["cl"] == "NaiveDense"


def test_ls_of_package_keras_lists_r_keras_exports():
    ns = run('o <- ls(pattern = "^optimizer_", "package:keras")')
    assert "optimizer_rmsprop" in list(ns["o"]) and all(n.startswith("optimizer_") for n in ns["o"])


def test_typeof():
    ns = run('a <- typeof(2.5)\nb <- typeof("x")\nd <- typeof(list(1))\ne <- typeof(NULL)\nf <- typeof(TRUE)')
    assert [ns[k] for k in "abdef"] == ["double", "character", "list", "NULL", "logical"]


def test_mvrnorm_draws_rows_with_the_given_mean():
    assert body("x <- MASS::mvrnorm(n = 5, mu = c(0, 3), Sigma = S)") == "x = rbase.mvrnorm(5, np.array([0, 3], dtype=float), S)  # R:1"
    ns = run("""
set.seed(1)
S <- rbind(c(1, 0.5), c(0.5, 1))
x <- MASS::mvrnorm(n = 4000, mu = c(0, 3), Sigma = S)
one <- MASS::mvrnorm(1, c(0, 3), S)
""")
    assert ns["x"].shape == (4000, 2)
    assert ns["x"].mean(axis=0) == pytest.approx([0, 3], abs=0.08)
    assert np.cov(ns["x"].T)[0, 1] == pytest.approx(0.5, abs=0.08)
    assert ns["one"].shape == (2,)


def test_tf_config_prints_the_version():
    tf = pytest.importorskip("tensorflow")
    ns = run("cfg <- tensorflow::tf_config()")
    assert str(ns["cfg"]).startswith(f"TensorFlow v{tf.__version__} (")
    assert ns["cfg"]["available"] is True


def test_small_helpers_of_base_r_and_other_packages(capsys):
    ns = run("""
cat(strrep("-", 5), "\\n")
z <- seq(-1, 1, length.out = 3) %>% expand.grid(., .) %>% as.matrix()
g <- seq(2) %>% expand.grid(x = ., y = .)
a <- listarrays::bind_on_rows(array(1, c(2, 3)), array(2, c(1, 3)))
s <- fastmap::faststack(init = 3)
s$push(1)
s$push(2)
l <- as.numeric(s$as_list())
df <- 1
rm(df)
""")
    assert capsys.readouterr().out == "----- \n"
    assert ns["z"][:, 0].tolist() == [-1, 0, 1, -1, 0, 1, -1, 0, 1]     # the first factor varies fastest
    assert ns["z"][:, 1].tolist() == [-1, -1, -1, 0, 0, 0, 1, 1, 1]
    assert list(ns["g"].columns) == ["x", "y"] and ns["g"]["y"].tolist() == [1, 1, 2, 2]
    assert ns["a"].shape == (3, 3) and ns["a"][2].tolist() == [2, 2, 2]
    assert list(ns["l"]) == [1, 2]
    assert "df" not in ns


def test_plot_new_window_raster_image_and_grid(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    code = body('plot.new()\nplot.window(0:1, 0:1)\nrasterImage(m, 0, 0, 1, 1)')
    assert code.splitlines()[-1] == "rbase.raster_image(m, 0, 0, 1, 1)  # R:3"
    run("""
png("x.png")
plot(c(1, 3, 2), type = "o", panel.first = grid())
plot.new()
plot.window(0:1, 0:1)
rasterImage(array(0.5, c(4, 4)), 0, 0, 1, 1)
dev.off()
""")
    assert (tmp_path / "x.png").stat().st_size > 0


def test_fs_helpers_and_image_readers(tmp_path, monkeypatch):
    pil = pytest.importorskip("PIL.Image")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f.txt").write_text("x")
    pil.fromarray(np.full((2, 3, 3), 255, dtype=np.uint8)).save(tmp_path / "i.png")
    ns = run("""
fs::file_move("a/f.txt", "b")
fs::dir_delete("a")
img <- png::readPNG("i.png")
""")
    assert (tmp_path / "b" / "f.txt").exists() and not (tmp_path / "a").exists()
    assert ns["img"].shape == (2, 3, 3) and ns["img"].max() == 1.0


def test_listarrays_expand_dims():
    ns = run("a <- array(1, c(2, 3))\nb <- listarrays::expand_dims(a, -1)\nc0 <- listarrays::expand_dims(a, 1)")
    assert ns["b"].shape == (2, 3, 1) and ns["c0"].shape == (1, 2, 3)

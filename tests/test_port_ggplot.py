"""ggplot2 on plotnine, reshape2's melt(), and where printed plots go (Rplots.pdf, png(), notebooks)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from port_helpers import expect, port

pytest.importorskip("plotnine")

ATTENTION = """
library(ggplot2)
library(reshape2)
plot_attention <- function(attention_matrix, words_sentence, words_result) {
  melted <- melt(attention_matrix)
  ggplot(data = melted, aes(x = factor(Var2), y = factor(Var1), fill = value)) +
    geom_tile() + scale_fill_viridis() + guides(fill = FALSE) +
    theme(axis.ticks = element_blank()) + xlab("") +
    scale_x_discrete(labels = words_sentence, position = "top") +
    theme(aspect.ratio = 1)
}
translate <- function(m) plot_attention(m, c("a", "b", "c"), c("x", "y"))
"""


def _run(source, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__ported__"}
    exec(compile(port(source).code, "<ported>", "exec"), namespace)
    return namespace


def _pdf_pages(path) -> int:
    data = path.read_bytes()
    assert data[:5] == b"%PDF-" and data.rstrip().endswith(b"%%EOF")
    import re

    return len(re.findall(rb"/Type /Page[^s]", data))


def test_ggplot_chain_becomes_plotnine():
    expect(ATTENTION, """
        # library(ggplot2): nothing to do in Python (imports are at the top)  # R:1
        # library(reshape2): nothing to do in Python (imports are at the top)  # R:2
        def plot_attention(attention_matrix, words_sentence, words_result=None):  # R:3
            melted = rbase.melt(attention_matrix)  # R:4
            return rbase.ggplot(melted, p9.aes(x="factor(Var2)", y="factor(Var1)", fill="value")) + p9.geom_tile() + p9.scale_fill_cmap("viridis") + p9.guides(fill="none") + p9.theme(axis_ticks=p9.element_blank()) + p9.xlab("") + p9.scale_x_discrete(labels=rbase.plot_values(words_sentence)) + p9.theme(aspect_ratio=1)  # R:5
        def translate(m):  # R:11
            return plot_attention(m, np.array(["a", "b", "c"]), np.array(["x", "y"]))  # R:11
        """)
    ported = port(ATTENTION)
    assert "import plotnine as p9" in ported.code
    assert any("`position` dropped" in note for _, note in ported.notes)   # plotnine's scales have none


def test_pipe_into_ggplot_prints_as_r_does(tmp_path, monkeypatch):
    """variational_autoencoder.R's latent-space plot: a matrix through as_data_frame() (V1, V2),
    a dplyr column named like a Python keyword, piped into ggplot() and printed at the top level."""
    source = """
    library(dplyr)
    encoded <- matrix(c(0.1, 0.5, 0.9, 0.2, 0.4, 0.8), ncol = 2)
    labels <- c(0, 1, 1)
    encoded %>%
      as_data_frame() %>%
      mutate(class = as.factor(labels)) %>%
      ggplot(aes(x = V1, y = V2, colour = class)) + geom_point()
    dev.off()
    """
    code = port(source).code
    assert 'rbase.print(rbase.ggplot(rbase.mutate(rbase.as_data_frame(encoded)' in code
    assert 'p9.aes(x="V1", y="V2", colour="class")) + p9.geom_point())' in code
    _run(source, tmp_path, monkeypatch)
    assert _pdf_pages(tmp_path / "Rplots.pdf") == 1


def test_theme_units_facets_and_other_scales():
    expect("""
    p <- ggplot(df, aes(V1, V2)) + geom_line(colour = "red", show.legend = FALSE) + facet_wrap(~ group) +
      theme(plot.margin = unit(c(0, 0, 0, 0), "null"), legend.position = "none") + labs(title = "t") +
      scale_colour_viridis(discrete = TRUE, option = "A") + theme_bw()
    """, """
        p = rbase.ggplot(df, p9.aes(x="V1", y="V2")) + p9.geom_line(colour="red", show_legend=False) + p9.facet_wrap("~ group") + p9.theme(legend_position="none") + p9.labs(title="t") + p9.scale_colour_cmap_d("magma") + p9.theme_bw()  # R:1
        """)


def test_melt_of_a_matrix_and_a_data_frame_has_reshape2_names(tmp_path, monkeypatch):
    ns = _run("""
    m <- matrix(1:6, nrow = 2)
    long <- melt(m)
    df <- data.frame(id = c("a", "b"), x = c(1, 2), y = c(3, 4))
    long_df <- melt(df, id.vars = "id", value.name = "v")
    """, tmp_path, monkeypatch)
    long = ns["long"]
    assert list(long.columns) == ["Var1", "Var2", "value"]
    assert long["Var1"].tolist() == [1, 2, 1, 2, 1, 2] and long["Var2"].tolist() == [1, 1, 2, 2, 3, 3]
    assert long["value"].tolist() == [1, 2, 3, 4, 5, 6]   # R's column-major order
    long_df = ns["long_df"]
    assert list(long_df.columns) == ["id", "variable", "v"]
    assert long_df["variable"].tolist() == ["x", "x", "y", "y"] and long_df["v"].tolist() == [1, 2, 3, 4]
    assert list(long_df["variable"].cat.categories) == ["x", "y"]


def test_melt_default_id_vars_are_text_columns():
    from rkeras import rbase

    frame = rbase.melt(pd.DataFrame({"k": ["u", "v"], "a": [1.0, 2.0]}))
    assert list(frame.columns) == ["k", "variable", "value"] and frame["value"].tolist() == [1.0, 2.0]
    with pytest.raises(rbase.RError, match="not found"):
        rbase.melt(pd.DataFrame({"a": [1]}), id_vars="b")


def test_printed_plots_are_pages_of_rplots_pdf(tmp_path, monkeypatch):
    """As Rscript: a plot printed at the top level (here the value of the script's own function)
    is a page of Rplots.pdf; one made inside walk()/a function and not printed is not drawn."""
    ns = _run(ATTENTION + """
    m <- matrix(runif(6), nrow = 2)
    walk(1:3, function(i) translate(m))
    translate(m)
    p <- plot_attention(m, c("a", "b", "c"), c("x", "y"))
    p
    dev.off()
    """, tmp_path, monkeypatch)
    assert "rbase.print(translate(m))" in port(ATTENTION + "translate(m)\n").code
    assert _pdf_pages(tmp_path / "Rplots.pdf") == 2
    assert type(ns["p"]).__name__ == "ggplot"


def test_ggsave_writes_the_last_plot_in_r_units(tmp_path, monkeypatch):
    _run("""
    df <- data.frame(V1 = c(1, 2, 3), V2 = c(2, 1, 3))
    ggplot(df, aes(x = V1, y = V2)) + geom_point()
    ggsave("latent.png", width = 10, height = 5, units = "cm", dpi = 100)
    ggsave("latent.pdf", plot = last_plot())
    """, tmp_path, monkeypatch)
    from PIL import Image

    with Image.open(tmp_path / "latent.png") as img:
        assert img.format == "PNG" and img.size == (int(10 / 2.54 * 100), int(5 / 2.54 * 100))   # 10 x 5 cm at 100 dpi
    assert (tmp_path / "latent.pdf").read_bytes()[:5] == b"%PDF-"


def test_plot_printed_while_png_is_open_goes_to_that_file(tmp_path, monkeypatch):
    _run("""
    df <- data.frame(V1 = c(1, 2), V2 = c(2, 1))
    p <- ggplot(df, aes(x = V1, y = V2)) + geom_point()
    png("scatter.png", width = 300, height = 200)
    print(p)
    dev.off()
    """, tmp_path, monkeypatch)
    from PIL import Image

    with Image.open(tmp_path / "scatter.png") as img:
        assert img.format == "PNG" and img.size == (300, 200)
    assert not (tmp_path / "Rplots.pdf").exists()


def test_ggsave_errors_name_the_argument(tmp_path, monkeypatch):
    from rkeras import rbase

    monkeypatch.chdir(tmp_path)
    with pytest.raises(rbase.RError, match="units"):
        rbase.ggsave("x.png", plot=rbase.ggplot(pd.DataFrame({"a": [1]})), units="furlong")
    assert not (tmp_path / "x.png").exists()


def test_sample_of_a_list_draws_its_elements():
    from rkeras import rbase

    pairs = [np.array(["a", "b"]), np.array(["c", "d"]), np.array(["e", "f"])]
    drawn = rbase.sample(pairs, 2)
    assert isinstance(drawn, list) and len(drawn) == 2
    assert all(any(d is p for p in pairs) for d in drawn)


def test_adding_to_a_plot_a_variable_holds_leaves_that_plot_alone():
    # ggplot2's p + layer is a new plot; the middle of a chain is added to in place (cheap), a plot
    # a variable holds is copied first
    from port_helpers import run

    ns = run(
        """
        library(ggplot2)
        df <- data.frame(a = 1:3, b = c(2, 4, 6))
        p <- ggplot(df, aes(a, b))
        q <- p + geom_point()
        chain <- ggplot(df, aes(a, b)) + geom_point() + geom_line()
        r <- chain + geom_col()
        """,
        ["p", "q", "chain", "r"],
    )
    assert [len(ns[k].layers) for k in ("p", "q", "chain", "r")] == [0, 1, 2, 3]

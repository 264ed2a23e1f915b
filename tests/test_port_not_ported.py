"""Nothing silently lost: untranslated R stays as a comment plus a raise naming the line, and is reported."""

from __future__ import annotations

import pytest

from port_helpers import body, port


def test_untranslated_statement_is_kept_and_raises_if_reached():
    source = """
    x <- 1
    y <- mystery_function(x,
                          2)
    z <- x + 1
    """
    assert body(source) == "\n".join([
        "x = 1  # R:1",
        "# R:2 not ported (R function `mystery_function()` is not known to the porter):",
        "#   y <- mystery_function(x,",
        "#                         2)",
        "raise NotImplementedError('R line 2 not ported: R function `mystery_function()` is not known to the porter')",
        "z = x + 1  # R:4",
    ])
    ported = port(source)
    assert ported.report() == (
        "2 of 3 statements translated; not translated:\n"
        "  line 2 `y <- mystery_function(x,`: R function `mystery_function()` is not known to the porter"
    )
    with pytest.raises(NotImplementedError, match="R line 2 not ported"):
        exec(ported.code, {})


def test_an_untranslated_statement_inside_a_function_raises_only_when_called():
    ported = port("""
    f <- function(x) {
      y <- x ~ z
      y
    }
    ok <- 1
    """)
    namespace = {}
    exec(ported.code, namespace)
    assert namespace["ok"] == 1
    with pytest.raises(NotImplementedError, match="R line 2 not ported: R formulas"):
        namespace["f"](1)
    assert ported.statements == 4 and ported.translated == 3


def test_a_function_whose_default_is_not_translated_leaves_the_next_statements_at_their_level():
    ported = port("""
    f <- function(x, col = mystery_palette(12)) {
      x
    }
    ok <- 1
    """)
    assert ported.code.splitlines()[-1] == "ok = 1  # R:4"
    namespace = {}
    with pytest.raises(NotImplementedError, match="R line 1 not ported"):
        exec(ported.code, namespace)


def test_r_keras_exports_left_out_say_why():
    ported = port("raw <- serialize_model(model)\n")
    assert ported.not_ported[0].reason.startswith("R keras' `serialize_model()`: ")


def test_a_file_that_does_not_parse_names_the_line():
    from rkeras.port.parser import RParseError

    with pytest.raises(RParseError, match=r"R line 2 does not parse: 'y <- \(1 \+'|R line 2 is missing"):
        port("x <- 1\ny <- (1 +\n")


def test_every_python_statement_names_its_r_line():
    ported = port("""
    a <- 1
    for (i in 1:2) {
      a <- a + i
    }
    f <- function(v) v * 2
    """)
    code_lines = [l for l in ported.code.splitlines()[1:] if l.strip() and not l.startswith(("import", "from"))]
    assert all("# R:" in l for l in code_lines)

"""ggplot2 (and viridis' scales, reshape2's ``melt()``) on plotnine, whose API mirrors ggplot2's.

``ggplot(df, aes(x = a, y = factor(b))) + geom_tile() + theme(aspect.ratio = 1)`` becomes
``rbase.ggplot(df, p9.aes(x="a", y="factor(b)")) + p9.geom_tile() + p9.theme(aspect_ratio=1)``:
``aes()`` mappings of columns become plotnine's strings (evaluated against the data, then the
caller's names), R's dotted argument names plotnine's underscored ones. A plot R would print
(standing alone at the top level, or the value of the script's own function called there) is
printed: drawn into ``Rplots.pdf`` from a script, shown in a notebook.
"""

from __future__ import annotations

from ..nodes import call_args, fn_name, py_name, py_str, r_string, text
from .baser import BASE, helper, register
from .calls import PipedArg, arg_code, match_args

__all__ = ["returns_plot", "GGPLOT_FUNCTIONS"]

_GEOMS = ("point", "line", "path", "tile", "raster", "bar", "col", "histogram", "density", "boxplot", "violin",
          "smooth", "text", "label", "hline", "vline", "abline", "area", "ribbon", "errorbar", "segment", "rect",
          "step", "jitter", "freqpoly", "density_2d", "bin_2d", "bin2d", "hex", "contour", "polygon", "rug",
          "count", "pointrange", "linerange", "crossbar", "dotplot", "qq", "qq_line", "spoke", "map", "blank")
_SCALE_AES = ("x", "y", "colour", "color", "fill", "size", "alpha", "shape", "linetype")
_SCALE_KINDS = ("continuous", "discrete", "manual", "identity", "log10", "sqrt", "reverse", "brewer", "distiller",
                "gradient", "gradient2", "gradientn", "grey", "gray", "hue", "datetime", "date", "binned", "ordinal")
#: ggplot2 function -> plotnine function (the same name unless listed)
GGPLOT_FUNCTIONS = {
    **{f"geom_{g}": f"geom_{g}" for g in _GEOMS},
    **{f"scale_{a}_{k}": f"scale_{a}_{k}" for a in _SCALE_AES for k in _SCALE_KINDS},
    **{f"scale_{a}_viridis_c": f"scale_{a}_cmap" for a in ("colour", "color", "fill")},
    **{f"scale_{a}_viridis_d": f"scale_{a}_cmap_d" for a in ("colour", "color", "fill")},
    **{f"stat_{s}": f"stat_{s}" for s in ("identity", "bin", "count", "density", "smooth", "summary", "ecdf",
                                          "function", "qq", "boxplot")},
    **{f"theme_{t}": f"theme_{t}" for t in ("bw", "minimal", "classic", "void", "gray", "grey", "light",
                                            "dark", "linedraw", "xkcd", "matplotlib", "seaborn")},
    **{f"coord_{c}": f"coord_{c}" for c in ("flip", "fixed", "cartesian", "equal", "trans")},
    **{f"element_{e}": f"element_{e}" for e in ("blank", "text", "line", "rect")},
    **{f"position_{p}": f"position_{p}" for p in ("dodge", "dodge2", "stack", "fill", "jitter", "identity",
                                                  "nudge", "jitterdodge")},
    "labs": "labs", "xlab": "xlab", "ylab": "ylab", "ggtitle": "ggtitle", "xlim": "xlim", "ylim": "ylim",
    "annotate": "annotate", "guide_legend": "guide_legend", "guide_colourbar": "guide_colorbar",
    "guide_colorbar": "guide_colorbar", "expand_limits": "expand_limits", "after_stat": "after_stat",
}
#: viridis' scale_*_viridis(option = ): matplotlib's colour maps
_VIRIDIS_OPTIONS = {"A": "magma", "magma": "magma", "B": "inferno", "inferno": "inferno", "C": "plasma",
                    "plasma": "plasma", "D": "viridis", "viridis": "viridis", "E": "cividis", "cividis": "cividis"}
_VECTOR_ARGS = frozenset({"labels", "breaks", "limits", "values", "minor_breaks"})
_PLOT_MAKERS = frozenset({"ggplot", "qplot", "last_plot"})


def _p9(tr, name):
    tr.need("import plotnine as p9")
    return f"p9.{name}"


def _kw(name):
    """ggplot2's argument name as plotnine's (``show.legend`` -> ``show_legend``)."""
    return py_name(name)


def _args(tr, node, args, *, drop=()):
    parts = []
    for arg in args:
        if arg.name in drop:
            tr.notes.append((tr.rline(node), f"{fn_name(node.child_by_field_name('function'))}(): argument "
                                             f"`{arg.name}` dropped: plotnine has no such setting"))
            continue
        code = arg_code(tr, arg)
        if arg.name in _VECTOR_ARGS and not (arg.value is not None and arg.value.type in ("null", "true", "false")):
            tr.need("rbase")
            code = f"rbase.plot_values({code})"   # plotnine takes lists, not arrays
        parts.append(f"{_kw(arg.name)}={code}" if arg.name else code)
    return parts


def _passthrough(r_name, py):
    def handler(tr, node, args):
        drop = ("position",) if r_name.startswith("scale_") else ()   # scale_x_discrete(position = "top")
        return f"{_p9(tr, py)}({', '.join(_args(tr, node, args, drop=drop))})"

    return handler


for _r, _py in GGPLOT_FUNCTIONS.items():
    BASE[_r] = _passthrough(_r, _py)


@register("ggplot")
def ggplot(tr, node, args):
    """``ggplot(data, mapping)``: rkeras' plotnine ggplot (it keeps ggplot2's ``last_plot()``)."""
    matched, extras = match_args(tr, node, ("data", "mapping", "...", "environment"), args)
    tr.need("rbase")
    parts = [arg_code(tr, matched[f]) for f in ("data", "mapping") if f in matched]
    if "mapping" in matched and "data" not in matched:
        parts = ["None"] + parts
    if extras:
        tr.unported(node, "ggplot() with arguments other than data and mapping")
    return f"rbase.ggplot({', '.join(parts)})"


helper("last_plot", "rbase.last_plot", ())
helper("ggsave", "rbase.ggsave", ("filename", "plot", "device", "path", "scale", "width", "height", "units",
                                  "dpi", "limitsize", "bg", "..."))
helper("melt", "rbase.melt", ("data", "..."))


def _aes_value(tr, value):
    """One ``aes()`` mapping as plotnine's string: a column name as it is, ``factor(col)`` with
    plotnine's ``factor``, any other R expression as its Python translation."""
    if value.type == "identifier":
        return py_str(text(value).strip("`"))
    if value.type == "string":   # aes(colour = "train"): a constant, which plotnine writes in quotes
        return py_str(repr(r_string(value)))
    if value.type == "call" and fn_name(value.child_by_field_name("function")) in ("factor", "as.factor"):
        inner = call_args(value.child_by_field_name("arguments"))
        if len(inner) == 1 and inner[0].name is None and inner[0].value is not None:
            return py_str(f"factor({_aes_inner(tr, inner[0].value)})")
    return py_str(_aes_inner(tr, value))


def _aes_inner(tr, value):
    if value.type == "identifier":
        return text(value).strip("`")
    return tr.plain_expr(value)


@register("aes")
def aes(tr, node, args):
    matched, extras = match_args(tr, node, ("x", "y", "..."), args)
    parts = []
    for arg in [matched[f] for f in ("x", "y") if f in matched] + extras:
        if isinstance(arg, PipedArg) or arg.value is None:
            tr.unported(node, "aes() of other than written mappings")
        name = next((f for f in ("x", "y") if matched.get(f) is arg), arg.name)
        if name is None:
            tr.unported(node, "aes() with an unnamed mapping beyond x and y")
        parts.append(f"{_kw(name)}={_aes_value(tr, arg.value)}")
    return f"{_p9(tr, 'aes')}({', '.join(parts)})"


def _facet(py, formals):
    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        first = matched.get(formals[0])
        parts = []
        if first is not None:
            value = first.value if not isinstance(first, PipedArg) else None
            if value is not None and value.type in ("unary_operator", "binary_operator") and \
                    text(value.child_by_field_name("operator")) == "~":
                parts.append(py_str(" ".join(text(value).split())))   # plotnine reads R's formula text
            elif value is not None and value.type == "string":
                parts.append(arg_code(tr, first))
            else:
                tr.unported(node, f"{py}() of other than a formula (`~ a`) or a column name")
        for formal in formals[1:]:
            if formal in matched:
                parts.append(f"{_kw(formal)}={arg_code(tr, matched[formal])}")
        parts += _args(tr, node, extras)
        return f"{_p9(tr, py)}({', '.join(parts)})"

    return handler


BASE["facet_wrap"] = _facet("facet_wrap", ("facets", "nrow", "ncol", "scales"))
BASE["facet_grid"] = _facet("facet_grid", ("rows", "cols", "scales"))


@register("guides")
def guides(tr, node, args):
    """``guides(fill = FALSE)`` (or ``"none"``): no legend for that scale (plotnine's ``"none"``)."""
    parts = []
    for arg in args:
        if arg.name is None:
            tr.unported(node, "guides() with an unnamed argument")
        value = arg.value
        code = '"none"' if value is not None and value.type in ("false",) else arg_code(tr, arg)
        parts.append(f"{_kw(arg.name)}={code}")
    return f"{_p9(tr, 'guides')}({', '.join(parts)})"


@register("theme")
def theme(tr, node, args):
    """``theme(aspect.ratio = 1, axis.ticks = element_blank())``; settings given in ``unit()``
    (margins, spacings) are dropped with a note (plotnine takes them in its own units)."""
    parts = []
    for arg in args:
        if arg.name is None:
            tr.unported(node, "theme() with an unnamed argument")
        value = arg.value
        if value is not None and value.type == "call" and fn_name(value.child_by_field_name("function")) in ("unit", "margin"):
            tr.notes.append((tr.rline(node), f"theme(): `{arg.name}` in grid units dropped (plotnine's default kept)"))
            continue
        parts.append(f"{_kw(arg.name)}={arg_code(tr, arg)}")
    return f"{_p9(tr, 'theme')}({', '.join(parts)})"


def _viridis(aesthetic):
    def handler(tr, node, args):
        matched, extras = match_args(tr, node, ("alpha", "begin", "end", "direction", "discrete", "option", "..."), args)
        discrete = matched.get("discrete")
        if discrete is not None and (isinstance(discrete, PipedArg) or discrete.value.type not in ("true", "false")):
            tr.unported(node, f"scale_{aesthetic}_viridis(discrete = ) other than TRUE or FALSE")
        option = "D"
        if "option" in matched:
            value = matched["option"].value
            if isinstance(matched["option"], PipedArg) or value.type != "string" or r_string(value) not in _VIRIDIS_OPTIONS:
                tr.unported(node, f"scale_{aesthetic}_viridis(option = ) other than a viridis colour map name")
            option = r_string(value)
        for unsupported in ("alpha", "begin", "end", "direction"):
            if unsupported in matched:
                tr.unported(node, f"scale_{aesthetic}_viridis({unsupported} = ) (plotnine's colour map scale has none)")
        d = "_d" if discrete is not None and discrete.value.type == "true" else ""
        parts = [py_str(_VIRIDIS_OPTIONS[option])] + _args(tr, node, extras)
        return f"{_p9(tr, f'scale_{aesthetic}_cmap{d}')}({', '.join(parts)})"

    return handler


for _aesthetic in ("fill", "colour", "color"):
    BASE[f"scale_{_aesthetic}_viridis"] = _viridis(_aesthetic)


# ------------------------------------------------------------------------------ what R would print
def returns_plot(tr, node) -> bool:
    """Whether an R expression's value is a ggplot: a ``ggplot()`` call, ``p + layer`` of one, or
    a pipe ending in one (the translator's ``auto_prints`` follows calls of the script's own
    functions to their last expression)."""
    if node is None:
        return False
    if node.type == "parenthesized_expression":
        inner = [c for c in node.children if c.is_named]
        return bool(inner) and returns_plot(tr, inner[0])
    if node.type == "binary_operator":
        op = text(node.child_by_field_name("operator"))
        if op == "+":
            return returns_plot(tr, node.child_by_field_name("lhs"))
        if op in ("%>%", "|>"):
            return returns_plot(tr, node.child_by_field_name("rhs"))
        return False
    if node.type != "call":
        return False
    name = fn_name(node.child_by_field_name("function"))
    return name in _PLOT_MAKERS and name not in tr.function_names


helper("as_data_frame", "rbase.as_data_frame", ("x", "..."))   # tibble's older as_tibble(): V1, V2, ... of a matrix

"""R's tensorflow package and reticulate's iterators as R keras 2.x scripts on TF 2 use them
(runtime in :mod:`rkeras.rbase.tfpackage`): ``as_tensor()``, ``as_iterator()``, ``iter_next()``,
tfdatasets' ``as_array_iterator()`` and ``dataset_unbatch()``, and R keras' ``zip_lists()``."""

from __future__ import annotations

from ..nodes import is_literal_number, text
from .baser import helper, register
from .calls import PipedArg, arg_code, match_args
from .tfdatasets import BASE, dataset_method  # noqa: F401  (BASE is the shared table)


def _double_code(tr, arg):
    """An R number literal written without ``L`` is a double: a Python float (``1`` is ``1.0``)."""
    if not isinstance(arg, PipedArg) and is_literal_number(arg.value):
        raw = text(arg.value).replace(" ", "")
        if raw.endswith("L"):
            return raw[:-1]
        if not any(ch in raw.lower() for ch in ".e") and not raw.lower().startswith(("0x", "-0x")):
            return raw + ".0"
    return arg_code(tr, arg)


@register("as_tensor")
def as_tensor(tr, node, args):
    """tensorflow's ``as_tensor(x, dtype = NULL, ..., shape = NULL, name = NULL)``."""
    matched, extras = match_args(tr, node, ("x", "dtype", "...", "shape", "name"), args)
    if "x" not in matched:
        tr.unported(node, "as_tensor() without a value")
    tr.need("rbase")
    parts = [_double_code(tr, matched["x"])]
    if "dtype" in matched:
        parts.append(arg_code(tr, matched["dtype"]))
    for formal in ("shape", "name"):
        if formal in matched:
            parts.append(f"{formal}={arg_code(tr, matched[formal])}")
    return f"rbase.as_tensor({', '.join(parts)})"


@register("as_iterator")
def as_iterator(tr, node, args):
    """reticulate's ``as_iterator(x)``: Python's ``iter(x)``."""
    matched, _ = match_args(tr, node, ("x",), args)
    return f"iter({arg_code(tr, matched['x'])})"


@register("as_array_iterator")
def as_array_iterator(tr, node, args):
    """tfdatasets' ``as_array_iterator(dataset)``: the dataset's elements as numpy arrays."""
    matched, _ = match_args(tr, node, ("dataset",), args)
    return f"{arg_code(tr, matched['dataset'])}.as_numpy_iterator()"


helper("iter_next", "rbase.iter_next", ("it", "completed"))
helper("zip_lists", "rbase.zip_lists", ("...",))
BASE["dataset_unbatch"] = dataset_method("unbatch", ("dataset", "name"))

# base R's environments and attributes (rkeras.rbase.environments)
helper("new.env", "rbase.new_env", ("hash", "parent", "size"))
helper("attr", "rbase.attr", ("x", "which", "exact"))
helper("ls", "rbase.ls", ("name", "pos", "envir", "all.names", "pattern", "sorted"))
helper("emptyenv", "rbase.emptyenv", ())

# base graphics that add to a plot (rkeras.rbase.base_graphics)
helper("lines", "rbase.lines", ("x", "y", "..."))
helper("abline", "rbase.abline", ("a", "b", "h", "v", "reg", "coef", "untf", "..."))
helper("legend", "rbase.legend", ("x", "y", "legend", "fill", "col", "border", "lty", "lwd", "pch", "..."))
helper("extendrange", "rbase.extendrange", ("x", "r", "f"))
helper("tf_config", "rbase.tf_config", ())
helper("mvrnorm", "rbase.mvrnorm", ("n", "mu", "Sigma", "tol", "empirical", "EISPACK"))   # MASS
helper("methods", "rbase.methods", ("generic.function", "class"), rename={"class": "class_"})
helper("all_dims", "rbase.all_dims", ())


@register("system.time")
def system_time(tr, node, args):
    """R's ``system.time(expr)`` evaluates ``expr`` itself (lazily), timing it."""
    matched, _ = match_args(tr, node, ("expr", "gcFirst"), args)
    tr.need("rbase")
    return f"rbase.system_time(lambda: {arg_code(tr, matched['expr'])})"
helper("match", "rbase.match", ("x", "table", "nomatch", "incomparables"))
helper("drop", "rbase.drop", ("x",))
helper("path", "rbase.fs_path", ("...", "ext"))        # fs


@register("local")
def local(tr, node, args):
    """R's ``local({ ... })``: the block runs in an environment of its own, a function called once
    (its assignments stay inside, as R's do)."""
    matched, extras = match_args(tr, node, ("expr", "envir"), args)
    if "envir" in matched or extras or "expr" not in matched or isinstance(matched["expr"], PipedArg):
        tr.unported(node, "local() with an environment")
    from ..translator import Scope
    from .functions import scan_assigned

    block = matched["expr"].value
    local_names, _ = scan_assigned(block)
    tr.scopes.append(Scope(assigned=set(local_names)))
    try:
        name = tr.block_function(node, block, "local")
    finally:
        tr.scopes.pop()
    return f"{name}()"


@register("local_options")
def local_options(tr, node, args):
    """withr's ``local_options(tensorflow.extract.style = "python")``: R tensorflow's ``[`` on
    tensors takes Python's positions (0-based) for the rest of the function; the porter passes
    ``style=`` to each ``[`` after it in that function. Other options are not ported."""
    if not args or any(a.name != "tensorflow.extract.style" for a in args) or not tr.scopes:
        tr.unported(node, "withr::local_options() of other than tensorflow.extract.style in a function")
    tr.scopes[-1].extract_style = arg_code(tr, args[0])
    return f"# {text(node)}: each `[` below in this function is given style={tr.scopes[-1].extract_style}"


@register("ag_loop_vars")
def ag_loop_vars(tr, node, args):
    """tfautograph's ``ag_loop_vars()``: a hint for R's autograph; tf.function finds loop variables itself."""
    return f"# {text(node)}: tfautograph's loop-variable hint (tf.function needs none)"

# base graphics, base R and other packages' helpers (rkeras.rbase.base_graphics, rkeras.rbase.rmisc)
helper("plot.new", "rbase.plot_new", ())
helper("plot.window", "rbase.plot_window", ("xlim", "ylim", "..."))
helper("rasterImage", "rbase.raster_image", ("image", "xleft", "ybottom", "xright", "ytop", "angle", "interpolate", "..."))
helper("grid", "rbase.grid", ("nx", "ny", "col", "lty", "lwd", "equilogs"))
helper("strrep", "rbase.strrep", ("x", "times"))
helper("expand.grid", "rbase.expand_grid", ("...", "KEEP.OUT.ATTRS", "stringsAsFactors"))
helper("bind_on_rows", "rbase.bind_on_rows", ("...",))          # listarrays
helper("faststack", "rbase.faststack", ("init", "missing_default"))   # fastmap
helper("dir_delete", "rbase.dir_delete", ("path",))              # fs
helper("file_move", "rbase.file_move", ("path", "new_path"))     # fs
helper("dir_tree", "rbase.dir_tree", ("path", "recurse", "..."))  # fs
helper("readJPEG", "rbase.read_image", ("source", "native"))     # jpeg
helper("readPNG", "rbase.read_image", ("source", "native", "info"))   # png


@register("rm")
def rm(tr, node, args):
    """R's ``rm(x, y)``: the names deleted (``del x, y``)."""
    if not args or any(a.name is not None or a.value is None or a.value.type != "identifier" for a in args):
        tr.unported(node, "rm() of other than names")
    from ..nodes import py_name

    return "del " + ", ".join(py_name(text(a.value)) for a in args)


@register("with")
def with_data(tr, node, args):
    """base R's ``with(data, expr)`` as a value: ``expr`` sees the list's or data frame's names
    (dplyr's data mask: ``rbase.with_data(x, lambda _d: _d["a"] / _d["n"])``)."""
    matched, extras = match_args(tr, node, ("data", "expr", "..."), args)
    if extras or "data" not in matched or "expr" not in matched or isinstance(matched["expr"], PipedArg):
        tr.unported(node, "with() other than with(data, expr)")
    data = matched["data"]
    if not isinstance(data, PipedArg) and data.value is not None and data.value.type == "binary_operator" \
            and text(data.value.child_by_field_name("operator")) == "%as%":
        tr.unported(node, "with(x %as% name, ...) used as a value")
    from .dplyr import masked

    tr.need("rbase")
    return f"rbase.with_data({arg_code(tr, data)}, {masked(tr, matched['expr'])})"
@register("dataset_reduce")
def dataset_reduce(tr, node, args):
    """tfdatasets' ``dataset_reduce(dataset, initial_state, reduce_func)``: ``dataset.reduce()``;
    the R doubles of ``initial_state`` are Python floats, as reticulate hands them over
    (``list(n = 0L, total = 0)`` is an int32 and a float32 state)."""
    matched, extras = match_args(tr, node, ("dataset", "initial_state", "reduce_func", "name"), args)
    if extras or any(f not in matched for f in ("dataset", "initial_state", "reduce_func")):
        tr.unported(node, "dataset_reduce() without a dataset, initial_state and reduce_func")
    state = arg_code(tr, matched["initial_state"], doubles=True)
    return f"{arg_code(tr, matched['dataset'])}.reduce({state}, {arg_code(tr, matched['reduce_func'])})"
helper("expand_dims", "rbase.expand_dims", ("x", "which_dim"))    # listarrays


@register("within")
def within(tr, node, args):
    """base R's ``within(df, { a <- f(b); c %<>% g() })``: each assignment to a column name is a
    column computed in turn (``rbase.mutate``, the later seeing the earlier)."""
    matched, extras = match_args(tr, node, ("data", "expr", "..."), args)
    if extras or "data" not in matched or "expr" not in matched or isinstance(matched["expr"], PipedArg):
        tr.unported(node, "within() other than within(data, expr)")
    from ..nodes import py_name
    from ..translator import braced_statements
    from .pipes import apply_step

    columns = []
    for statement in (s for s in braced_statements(matched["expr"].value) if s.type != "comment"):
        op = text(statement.child_by_field_name("operator")) if statement.type == "binary_operator" else None
        target = statement.child_by_field_name("lhs") if op else None
        if op not in ("<-", "=", "%<>%") or target.type != "identifier":
            tr.unported(statement, "within(): a statement that is not `column <- value`")
        name = text(target).strip("`")
        rhs = statement.child_by_field_name("rhs")
        if op == "%<>%":
            saved = tr.flags
            tr.flags = {**saved, "mask": True}
            try:
                code, _ = apply_step(tr, rhs, tr.expr(target), None)
            finally:
                tr.flags = saved
        else:
            code = tr.expr(rhs, mask=True)
        columns.append(f"{py_name(name)}=lambda _d: {code}" if name.isidentifier() else None)
        if columns[-1] is None:
            tr.unported(statement, f"within(): column `{name}` is not a Python name")
    tr.need("rbase")
    return f"rbase.mutate({arg_code(tr, matched['data'])}, {', '.join(columns)})"

# These names are common variable names (path, grid, lines, match, ...): a free name is never
# taken for one of this module's functions as a value (a script's `path` is a variable it forgot to
# define, not fs::path). Names another module registered as values first are left alone.
from .baser import BASE_VALUES  # noqa: E402

for _name, _target in (("path", "rbase.fs_path"), ("grid", "rbase.grid"), ("lines", "rbase.lines"),
                       ("legend", "rbase.legend"), ("match", "rbase.match"), ("drop", "rbase.drop"),
                       ("ls", "rbase.ls"), ("attr", "rbase.attr"), ("methods", "rbase.methods"),
                       ("abline", "rbase.abline"), ("expand_dims", "rbase.expand_dims"),
                       ("faststack", "rbase.faststack"), ("dir_tree", "rbase.dir_tree")):
    if BASE_VALUES.get(_name, (None, None))[1] == _target:
        BASE_VALUES.pop(_name)

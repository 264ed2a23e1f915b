"""Base R functions that keras scripts use, with R's meaning.

Each entry is R's formals (for R's argument matching) and how the call is written:
numpy/pandas where they mean the same as R, else the ``rkeras.rbase`` helper of the same
name that implements R's meaning (1-based results, R's recycling and printing).
"""

from __future__ import annotations

import keyword

from ..nodes import fn_name, is_literal_number, py_str, r_string, text
from .calls import arg_code, arg_kind, match_args, plain_args

BASE: dict = {}


def _code(tr, arg, **ctx):
    return arg_code(tr, arg, **ctx) if arg is not None else None


def helper(r_name, py, formals, *, need="rbase", rename=None):
    """``r_name(formals)`` -> ``py(positional..., name=...)``; R's ``...`` stays ``...``."""
    rename = rename or {}

    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        tr.need(need)
        parts = []
        positional = True
        for formal in formals:
            if formal == "...":
                positional = False
                parts.extend(plain_args(tr, extras))
                continue
            if formal not in matched:
                positional = False
                continue
            code = _code(tr, matched[formal])
            if positional:
                parts.append(code)
            else:
                kw = rename.get(formal, formal.replace(".", "_"))
                parts.append(f"{kw}_={code}" if keyword.iskeyword(kw) else f"{kw}={code}")
        if "..." not in formals and extras:
            tr.unported(node, f"{r_name}(): unknown argument `{extras[0].name}`")
        return f"{py}({', '.join(parts)})"

    BASE[r_name] = handler
    return handler


def register(name):
    def wrap(fn):
        BASE[name] = fn
        return fn

    return wrap


# -------------------------------------------------------------------------------- vectors and lists
def _all_literal(args):
    return args and all(a.name is None and a.value is not None and not hasattr(a, "code") and
                        (is_literal_number(a.value) or a.value.type in ("string", "true", "false"))
                        for a in args)


@register("c")
def c(tr, node, args):
    if tr.flags.get("keras") and all(a.name is None for a in args):
        return "[" + ", ".join(arg_code(tr, a, keras=True) for a in args) + "]"
    if _all_literal(args):
        tr.need("np")
        return "np.array([" + ", ".join(arg_code(tr, a) for a in args) + "])"
    tr.need("rbase")
    return f"rbase.c({', '.join(plain_args(tr, args))})"


@register("list")
def list_(tr, node, args):
    ctx = {"keras": True} if tr.flags.get("keras") else {}
    if not args:
        return "[]"
    if all(a.name is None for a in args):
        return "[" + ", ".join(arg_code(tr, a, **ctx) for a in args) + "]"
    if all(a.name is not None for a in args):
        return "{" + ", ".join(f"{py_str(a.name)}: {arg_code(tr, a, **ctx)}" for a in args) + "}"
    tr.unported(node, "a list with some elements named and some not")


@register("length")
def length(tr, node, args):
    (arg,) = args
    if arg_kind(tr, arg) in ("list", "dict"):
        return f"len({arg_code(tr, arg)})"
    tr.need("rbase")
    return f"rbase.length({arg_code(tr, arg)})"


@register("nrow")
def nrow(tr, node, args):
    return f"{arg_code(tr, args[0])}.shape[0]"


@register("NROW")
def nrow_any(tr, node, args):
    tr.need("rbase")
    return f"rbase.NROW({arg_code(tr, args[0])})"


@register("ncol")
def ncol(tr, node, args):
    return f"{arg_code(tr, args[0])}.shape[1]"


@register("dim")
def dim(tr, node, args):
    tr.need("rbase")
    return f"rbase.dim({arg_code(tr, args[0])})"


@register("is.null")
def is_null(tr, node, args):
    return f"{arg_code(tr, args[0])} is None"


@register("invisible")
def invisible(tr, node, args):
    return arg_code(tr, args[0]) if args else "None"


@register("return")
def return_(tr, node, args):
    return f"return {arg_code(tr, args[0])}" if args else "return None"


@register("library")
@register("require")
@register("requireNamespace")
@register("suppressPackageStartupMessages")
@register("install.packages")
@register("use_condaenv")
@register("use_virtualenv")
@register("use_python")
@register("install_keras")
def library(tr, node, args):
    return f"# {text(node)}: nothing to do in Python (imports are at the top)"


@register("stop")
def stop(tr, node, args):
    tr.need("rbase")
    message = ", ".join(plain_args(tr, [a for a in args if a.name != "call."]))
    return f"raise rbase.RError(rbase.paste0({message}))"


@register("warning")
def warning(tr, node, args):
    tr.need("warnings")
    tr.need("rbase")
    message = ", ".join(plain_args(tr, [a for a in args if a.name not in ("call.", "immediate.")]))
    return f"warnings.warn(rbase.paste0({message}))"


@register("is.na")
def is_na(tr, node, args):
    tr.need("pd")
    return f"pd.isna({arg_code(tr, args[0])})"


# ------------------------------------------------------------------------------------- numbers
def numpy(r_name, np_name, formals=("x",), rename=None):
    helper(r_name, f"np.{np_name}", formals, need="np", rename=rename)


for _r, _np in [("abs", "abs"), ("sqrt", "sqrt"), ("exp", "exp"), ("log10", "log10"), ("log2", "log2"),
                ("log1p", "log1p"), ("floor", "floor"), ("ceiling", "ceil"), ("cos", "cos"), ("sin", "sin"),
                ("tan", "tan"), ("tanh", "tanh"), ("cumsum", "cumsum"), ("cumprod", "cumprod"),
                ("trunc", "trunc"), ("sign", "sign"), ("t", "transpose"), ("median", "median"),
                ("as.array", "asarray"), ("diag", "diag")]:
    numpy(_r, _np)
numpy("round", "round", ("x", "digits"), rename={"digits": "decimals"})
numpy("outer", "outer", ("X", "Y"))
numpy("crossprod", "dot", ("x", "y"))

for _name, _py, _formals in [
    ("log", "rbase.log", ("x", "base")),
    ("sum", "rbase.sum", ("...", "na.rm")), ("prod", "rbase.prod", ("...", "na.rm")),
    ("max", "rbase.max", ("...", "na.rm")), ("min", "rbase.min", ("...", "na.rm")),
    ("range", "rbase.range", ("...", "na.rm")),
    ("mean", "rbase.mean", ("x", "...")), ("sd", "rbase.sd", ("x", "na.rm")), ("var", "rbase.var", ("x", "y", "na.rm")),
    ("pmax", "rbase.pmax", ("...", "na.rm")), ("pmin", "rbase.pmin", ("...", "na.rm")),
    ("which", "rbase.which", ("x", "arr.ind", "useNames")), ("which.max", "rbase.which_max", ("x",)),
    ("which.min", "rbase.which_min", ("x",)), ("order", "rbase.order", ("...", "na.last", "decreasing")),
    ("sort", "rbase.sort", ("x", "decreasing", "...")), ("rev", "rbase.rev", ("x",)),
    ("unique", "rbase.unique", ("x", "incomparables", "...")), ("table", "rbase.table", ("...",)),
    ("seq", "rbase.seq", ("from", "to", "by", "length.out", "along.with", "...")),
    ("seq_len", "rbase.seq_len", ("length.out",)), ("seq_along", "rbase.seq_along", ("along.with",)),
    ("rep", "rbase.rep", ("x", "times", "length.out", "each")),
    ("rep_len", "rbase.rep", ("x", "length.out")),
    ("sample", "rbase.sample", ("x", "size", "replace", "prob")),
    ("set.seed", "rbase.set_seed", ("seed", "kind", "normal.kind", "sample.kind")),
    ("runif", "rbase.runif", ("n", "min", "max")), ("rnorm", "rbase.rnorm", ("n", "mean", "sd")),
    ("rbinom", "rbase.rbinom", ("n", "size", "prob")),
    ("matrix", "rbase.matrix", ("data", "nrow", "ncol", "byrow", "dimnames")),
    ("array", "rbase.array", ("data", "dim", "dimnames")),
    ("numeric", "rbase.numeric", ("length",)), ("integer", "rbase.numeric", ("length",)),
    ("character", "rbase.character", ("length",)), ("logical", "rbase.logical", ("length",)),
    ("vector", "rbase.vector", ("mode", "length")),
    ("as.integer", "rbase.as_integer", ("x", "...")), ("as.numeric", "rbase.as_numeric", ("x", "...")),
    ("as.double", "rbase.as_numeric", ("x", "...")), ("as.character", "rbase.as_character", ("x", "...")),
    ("as.logical", "rbase.as_logical", ("x", "...")), ("as.vector", "rbase.as_vector", ("x", "mode")),
    ("as.matrix", "rbase.as_matrix", ("x", "...")), ("unlist", "rbase.unlist", ("x", "recursive", "use.names")),
    ("cbind", "rbase.cbind", ("...",)), ("rbind", "rbase.rbind", ("...",)),
    ("aperm", "rbase.aperm", ("a", "perm")),
    ("names", "rbase.names", ("x",)), ("colnames", "rbase.colnames", ("x",)),
    ("setNames", "rbase.set_names", ("object", "nm")),
    ("ifelse", "rbase.ifelse", ("test", "yes", "no")),
    ("all", "rbase.all", ("...", "na.rm")), ("any", "rbase.any", ("...", "na.rm")),
    ("identical", "rbase.identical", ("x", "y")), ("all.equal", "rbase.all_equal", ("target", "current", "...")),
    ("nchar", "rbase.nchar", ("x",)), ("toupper", "rbase.toupper", ("x",)), ("tolower", "rbase.tolower", ("x",)),
    ("substr", "rbase.substr", ("x", "start", "stop")), ("substring", "rbase.substr", ("text", "first", "last")),
    ("strsplit", "rbase.strsplit", ("x", "split", "fixed", "perl", "useBytes")),
    ("gsub", "rbase.gsub", ("pattern", "replacement", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("sub", "rbase.sub", ("pattern", "replacement", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("grepl", "rbase.grepl", ("pattern", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("trimws", "rbase.trimws", ("x",)),
    ("paste", "rbase.paste", ("...", "sep", "collapse")), ("paste0", "rbase.paste0", ("...", "collapse")),
    ("sprintf", "rbase.sprintf", ("fmt", "...")), ("format", "rbase.format", ("x", "...")),
    ("formatC", "rbase.format", ("x", "...")), ("toString", "rbase.to_string", ("x", "...")),
    ("cat", "rbase.cat", ("...", "file", "sep", "fill", "labels", "append")),
    ("message", "rbase.message", ("...", "domain", "appendLF")),
    ("print", "rbase.print", ("x", "...")), ("str", "rbase.str", ("object", "...")),
    ("head", "rbase.head", ("x", "n", "...")), ("tail", "rbase.tail", ("x", "n", "...")),
    ("summary", "rbase.summary", ("object", "...")),
    ("sapply", "rbase.sapply", ("X", "FUN", "...", "simplify", "USE.NAMES")),
    ("lapply", "rbase.lapply", ("X", "FUN", "...")),
    ("vapply", "rbase.sapply", ("X", "FUN", "FUN.VALUE", "...", "USE.NAMES")),
    ("mapply", "rbase.mapply", ("FUN", "...", "MoreArgs", "SIMPLIFY", "USE.NAMES")),
    ("Map", "rbase.Map", ("f", "...")),
    ("apply", "rbase.apply", ("X", "MARGIN", "FUN", "...", "simplify")),
    ("Reduce", "rbase.Reduce", ("f", "x", "init", "right", "accumulate")),
    ("Filter", "rbase.Filter", ("f", "x")),
    ("do.call", "rbase.do_call", ("what", "args", "quote", "envir")),

    ("as.data.frame", "rbase.as_data_frame", ("x", "...")),
    ("data.frame", "rbase.data_frame", ("...", "stringsAsFactors", "check.names")),
    ("factor", "rbase.factor", ("x", "levels", "labels")), ("as.factor", "rbase.factor", ("x",)),
    ("levels", "rbase.levels", ("x",)), ("nlevels", "rbase.nlevels", ("x",)),
    ("write.csv", "rbase.write_csv", ("x", "file", "...")),
    ("read.csv", "rbase.read_csv", ("file", "header", "sep", "...")),
    ("ggsave", "rbase.ggsave", ("filename", "plot", "...")),
    ("file.path", "rbase.file_path", ("...", "fsep")), ("file.exists", "rbase.file_exists", ("...",)),
    ("dir.exists", "rbase.dir_exists", ("paths",)), ("dir.create", "rbase.dir_create", ("path", "showWarnings", "recursive")),
    ("basename", "rbase.basename", ("path",)), ("dirname", "rbase.dirname", ("path",)),
    ("list.files", "rbase.list_files", ("path", "pattern", "all.files", "full.names", "recursive")),
    ("readLines", "rbase.read_lines", ("con", "n", "...")), ("writeLines", "rbase.write_lines", ("text", "con", "sep")),
    ("readRDS", "rbase.read_rds", ("file",)), ("saveRDS", "rbase.save_rds", ("object", "file")),
    ("Sys.time", "rbase.sys_time", ()), ("Sys.getenv", "rbase.sys_getenv", ("x", "unset")),
    ("Sys.setenv", "rbase.sys_setenv", ("...",)), ("nargs", "rbase.nargs", ()),
    ("proc.time", "rbase.sys_time", ()), ("system.time", "rbase.system_time", ("expr",)),
    ("tempfile", "rbase.tempfile", ("pattern", "tmpdir", "fileext")), ("tempdir", "rbase.tempdir", ()),
    ("unlink", "rbase.unlink", ("x", "recursive", "force")),
    ("stopifnot", "rbase.stopifnot", ("...",)), ("is.numeric", "rbase.is_numeric", ("x",)),
    ("is.character", "rbase.is_character", ("x",)), ("is.list", "rbase.is_list", ("x",)),
    ("is.function", "callable", ("x",)), ("nlevels", "rbase.nlevels", ("x",)),
    ("max.col", "rbase.max_col", ("m", "ties.method")),
    ("array_reshape", "rbase.array_reshape", ("x", "dim", "order")),
    ("prettyNum", "rbase.format", ("x", "...")), ("mode", "rbase.mode", ("x",)), ("class", "rbase.class_", ("x",)),
    ("is.element", "rbase.is_element", ("el", "table")), ("setdiff", "rbase.setdiff", ("x", "y")),
    ("union", "rbase.union", ("x", "y")), ("intersect", "rbase.intersect", ("x", "y")),
    ("seq.int", "rbase.seq", ("from", "to", "by", "length.out", "along.with", "...")),
    ("rowSums", "rbase.row_sums", ("x", "na.rm")), ("colSums", "rbase.col_sums", ("x", "na.rm")),
    ("rowMeans", "rbase.row_means", ("x", "na.rm")), ("colMeans", "rbase.col_means", ("x", "na.rm")),
    ("sweep", "rbase.sweep", ("x", "MARGIN", "STATS", "FUN")),
    ("scale", "rbase.scale", ("x", "center", "scale")),
]:
    helper(_name, _py, _formals, need="np" if _py.startswith("np.") else "rbase")

BASE["is.function"] = lambda tr, node, args: f"callable({arg_code(tr, args[0])})"


@register("plot")
def plot(tr, node, args):
    """R's plot(): drawn (shown in a notebook, Rplots.pdf from a script) only where R would print it."""
    matched, extras = match_args(tr, node, ("x", "y", "..."), args)
    tr.need("rbase")
    parts = [arg_code(tr, matched["x"])] + ([arg_code(tr, matched["y"])] if "y" in matched else [])
    parts += plain_args(tr, extras)
    if not tr.flags.get("statement"):
        parts.append("show=False")
    return f"rbase.plot({', '.join(parts)})"


def _operator_call(py_op):
    def handler(tr, node, args):
        from .operators import PY_PREC

        if len(args) != 2 or any(a.name for a in args):
            tr.unported(node, f"`{py_op}` called as a function with other than two arguments")
        left, right = (arg_code(tr, a) for a in args)
        return f"({left}) {py_op} ({right})"

    return handler


for _r_op, _py_op in {"+": "+", "-": "-", "*": "*", "/": "/", "^": "**", "%%": "%", "%/%": "//", "==": "==",
                      ">": ">", "<": "<", ">=": ">=", "<=": "<=", "%*%": "@"}.items():
    BASE[_r_op] = _operator_call(_py_op)   # `/`(x, 255) and x %>% `/`(255)

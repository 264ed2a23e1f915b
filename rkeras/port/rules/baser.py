"""Base R functions that keras scripts use, with R's meaning.

Each entry is R's formals (for R's argument matching) and how the call is written:
numpy/pandas where they mean the same as R, else the ``rkeras.rbase`` helper of the same
name that implements R's meaning (1-based results, R's recycling and printing).
"""

from __future__ import annotations

import keyword

from ..nodes import fn_name, is_literal_number, py_str, r_string, text
from .calls import PipedArg, arg_code, arg_kind, match_args, plain_args

BASE: dict = {}
#: base R functions used as values (``sapply(x, length)``): R name -> (import key, Python callable)
BASE_VALUES: dict = {}


def _code(tr, arg, **ctx):
    return arg_code(tr, arg, **ctx) if arg is not None else None


def helper(r_name, py, formals, *, need="rbase", rename=None):
    """``r_name(formals)`` -> ``py(positional..., name=...)``; R's ``...`` stays ``...``."""
    rename = rename or {}

    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        tr.need(need)
        positional, keywords = [], []
        leading = True
        for formal in formals:
            if formal == "...":
                leading = False
                continue
            if formal not in matched:
                leading = False
                continue
            code = _match_fun(tr, matched[formal]) if formal in _FUNCTION_FORMALS else None
            code = code or _code(tr, matched[formal])
            if leading:
                positional.append(code)
            else:
                kw = rename.get(formal, formal.replace(".", "_"))
                keywords.append(f"{kw}_={code}" if keyword.iskeyword(kw) else f"{kw}={code}")
        unnamed = plain_args(tr, [a for a in extras if a.name is None])
        named = plain_args(tr, [a for a in extras if a.name is not None])
        stars = [c for c in unnamed if c == "**kwargs"]
        unnamed = [c for c in unnamed if c != "**kwargs"]
        parts = positional + unnamed + keywords + named + stars   # Python: positional before keywords
        if "..." not in formals and extras:
            tr.unported(node, f"{r_name}(): unknown argument `{extras[0].name}`")
        return f"{py}({', '.join(parts)})"

    BASE[r_name] = handler
    BASE_VALUES.setdefault(r_name, (need, py))
    return handler


#: arguments R passes through match.fun(): a name there means the function even where the script
#: also uses the name for a value (``mean <- apply(x, 2, mean)``)
_FUNCTION_FORMALS = frozenset({"FUN", "f"})


def _match_fun(tr, arg):
    """R's match.fun(): an R function's name given where a function is expected is that function,
    unless the script defines a function of that name itself; None when the plain value applies."""
    value = getattr(arg, "value", None)
    if isinstance(arg, PipedArg) or value is None or value.type != "identifier":
        return None
    name = text(value).strip("`")
    if name not in BASE_VALUES or name in tr.function_names or name not in tr.known_names:
        return None
    if any(name in scope.params for scope in tr.scopes):
        return None   # a function's parameter may hold a function
    key, code = BASE_VALUES[name]
    if key:
        tr.need(key)
    return code


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


def _whole_doubles(args) -> bool:
    """Numbers with an R double among them (``1``, not ``1L``) but none that Python reads as a
    float (``1.5``, ``1e3``): numpy would make an integer array where R's vector is double."""
    if not all(is_literal_number(a.value) for a in args):
        return False
    nodes = [a.value.child_by_field_name("rhs") if a.value.type == "unary_operator" else a.value for a in args]

    def python_float(n):
        t = text(n).lower()
        return not t.startswith("0x") and ("." in t or "e" in t)

    return any(n.type == "float" for n in nodes) and not any(python_float(n) for n in nodes)


_ONE_VALUE = frozenset({"int", "tensor", "layer", "model", "seqmodel", "object"})


@register("c")
def c(tr, node, args):
    if tr.flags.get("keras") and all(a.name is None for a in args):
        if all(_all_literal([a]) or arg_kind(tr, a) in _ONE_VALUE for a in args):
            return "[" + ", ".join(arg_code(tr, a, keras=True) for a in args) + "]"
        tr.need("rbase")   # R's c() flattens: c(input, list_of_state_inputs) is one list
        return f"rbase.c_list({', '.join(arg_code(tr, a, keras=True) for a in args)})"
    if _all_literal(args):
        tr.need("np")
        items = ", ".join(arg_code(tr, a) for a in args)
        if _whole_doubles(args):
            return f"np.array([{items}], dtype=float)"   # R's c(1, 2) is double: so is the array
        return f"np.array([{items}])"
    tr.need("rbase")
    return f"rbase.c({', '.join(plain_args(tr, args))})"


def _dots(args):
    return any(a.value is not None and a.value.type == "dots" for a in args)


@register("list")
def list_(tr, node, args):
    ctx = {"keras": True} if tr.flags.get("keras") else {}
    if not args:
        return "[]"
    if _dots(args):
        tr.need("rbase")
        return f"rbase.dots_list({', '.join(plain_args(tr, args))})"   # R's list(...) keeps names
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


@register("switch")
def switch(tr, node, args):
    """``switch(x, a = 1, b = , c = 2, 3)``: alternatives as (name, thunk) so only the chosen one runs."""
    if not args or args[0].name not in (None, "EXPR"):
        tr.unported(node, "switch() without its EXPR first")
    parts = []
    for arg in args[1:]:
        name = "None" if arg.name is None else py_str(arg.name)
        if arg.value is None and arg.name is not None:
            parts.append(f"({name}, None)")          # a = , falls through to the next alternative
        else:
            code = arg_code(tr, arg)
            if code.startswith("raise "):
                code = f"rbase.throw({code[len('raise '):]})"   # stop() as an alternative: raised if chosen
            parts.append(f"({name}, lambda: {code})")
    tr.need("rbase")
    return f"rbase.switch({', '.join([arg_code(tr, args[0])] + parts)})"


@register("replicate")
def replicate(tr, node, args):
    """``replicate(n, expr)``: R evaluates ``expr`` anew each time, so it is passed as a lambda."""
    matched, extras = match_args(tr, node, ("n", "expr", "simplify"), args)
    if extras or "n" not in matched or "expr" not in matched:
        tr.unported(node, "replicate() without its n and expr")
    tr.need("rbase")
    simplify = f", simplify={arg_code(tr, matched['simplify'])}" if "simplify" in matched else ""
    return f"rbase.replicate({arg_code(tr, matched['n'])}, lambda: {arg_code(tr, matched['expr'])}{simplify})"


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

for _name, _py, _formals in [
    ("log", "rbase.log", ("x", "base")),
    ("sum", "rbase.sum", ("...", "na.rm")), ("prod", "rbase.prod", ("...", "na.rm")),
    ("max", "rbase.max", ("...", "na.rm")), ("min", "rbase.min", ("...", "na.rm")),
    ("range", "rbase.range", ("...", "na.rm")),
    ("mean", "rbase.mean", ("x", "trim", "na.rm", "...")), ("diff", "rbase.diff", ("x", "lag", "differences")),
    ("signif", "rbase.signif", ("x", "digits")),
    ("crossprod", "rbase.crossprod", ("x", "y")), ("tcrossprod", "rbase.tcrossprod", ("x", "y")), ("sd", "rbase.sd", ("x", "na.rm")), ("var", "rbase.var", ("x", "y", "na.rm")),
    ("pmax", "rbase.pmax", ("...", "na.rm")), ("pmin", "rbase.pmin", ("...", "na.rm")),
    ("which", "rbase.which", ("x", "arr.ind", "useNames")), ("which.max", "rbase.which_max", ("x",)),
    ("which.min", "rbase.which_min", ("x",)), ("order", "rbase.order", ("...", "na.last", "decreasing")),
    ("sort", "rbase.sort", ("x", "decreasing", "...")), ("rev", "rbase.rev", ("x",)),
    ("unique", "rbase.unique", ("x", "incomparables", "...")), 
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
    ("ifelse", "rbase.ifelse", ("test", "yes", "no")), ("if_else", "rbase.ifelse", ("condition", "true", "false")),
    ("set_names", "rbase.set_names", ("x", "nm")), ("setNames", "rbase.set_names", ("object", "nm")),
    ("as.list", "rbase.as_list", ("x", "...")),
    ("all", "rbase.all", ("...", "na.rm")), ("any", "rbase.any", ("...", "na.rm")),
    ("identical", "rbase.identical", ("x", "y")), ("all.equal", "rbase.all_equal", ("target", "current", "...")),
    ("nchar", "rbase.nchar", ("x",)), ("toupper", "rbase.toupper", ("x",)), ("tolower", "rbase.tolower", ("x",)),
    ("substr", "rbase.substr", ("x", "start", "stop")), ("substring", "rbase.substring", ("text", "first", "last")),
    ("strsplit", "rbase.strsplit", ("x", "split", "fixed", "perl", "useBytes")),
    ("gsub", "rbase.gsub", ("pattern", "replacement", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("sub", "rbase.sub", ("pattern", "replacement", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("grepl", "rbase.grepl", ("pattern", "x", "ignore.case", "perl", "fixed", "useBytes")),
    ("trimws", "rbase.trimws", ("x",)),
    ("as.raw", "rbase.as_raw", ("x",)), ("rawToChar", "rbase.raw_to_char", ("x", "multiple")),
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
    ("data.matrix", "rbase.data_matrix", ("frame", "rownames.force")), ("glimpse", "rbase.glimpse", ("x", "width", "...")),
    ("cut", "rbase.cut", ("x", "breaks", "labels", "include.lowest", "right", "dig.lab", "ordered_result", "...")),
    ("factor", "rbase.factor", ("x", "levels", "labels")), ("as.factor", "rbase.factor", ("x",)),
    ("levels", "rbase.levels", ("x",)), ("nlevels", "rbase.nlevels", ("x",)),
    ("write.csv", "rbase.write_csv", ("x", "file", "...")),
    ("read.csv", "rbase.read_csv", ("file", "header", "sep", "...")),
    ("file.path", "rbase.file_path", ("...", "fsep")), ("file.exists", "rbase.file_exists", ("...",)),
    ("dir.exists", "rbase.dir_exists", ("paths",)), ("dir.create", "rbase.dir_create", ("path", "showWarnings", "recursive")),
    ("basename", "rbase.basename", ("path",)), ("dirname", "rbase.dirname", ("path",)),
    ("list.files", "rbase.list_files", ("path", "pattern", "all.files", "full.names", "recursive")),
    ("readLines", "rbase.read_lines", ("con", "n", "...")), ("writeLines", "rbase.write_lines", ("text", "con", "sep")),
    ("readRDS", "rbase.read_rds", ("file",)), ("saveRDS", "rbase.save_rds", ("object", "file")),
    ("Sys.time", "rbase.sys_time", ()), ("Sys.getenv", "rbase.sys_getenv", ("x", "unset")),
    ("Sys.setenv", "rbase.sys_setenv", ("...",)), ("nargs", "rbase.nargs", ()),
    ("proc.time", "rbase.sys_time", ()),
    ("tempfile", "rbase.tempfile", ("pattern", "tmpdir", "fileext")), ("tempdir", "rbase.tempdir", ()),
    ("unlink", "rbase.unlink", ("x", "recursive", "force")),
    ("stopifnot", "rbase.stopifnot", ("...",)), ("is.numeric", "rbase.is_numeric", ("x",)),
    ("is.character", "rbase.is_character", ("x",)), ("is.list", "rbase.is_list", ("x",)),
    ("is.function", "callable", ("x",)), ("nlevels", "rbase.nlevels", ("x",)),
    ("max.col", "rbase.max_col", ("m", "ties.method")),
    ("array_reshape", "rbase.array_reshape", ("x", "dim", "order")),
    ("prettyNum", "rbase.format", ("x", "...")), ("mode", "rbase.mode", ("x",)), ("class", "rbase.class_", ("x",)), ("typeof", "rbase.typeof", ("x",)),
    ("is.element", "rbase.is_element", ("el", "table")), ("setdiff", "rbase.setdiff", ("x", "y")),
    ("union", "rbase.union", ("x", "y")), ("intersect", "rbase.intersect", ("x", "y")),
    ("seq.int", "rbase.seq", ("from", "to", "by", "length.out", "along.with", "...")),
    ("rowSums", "rbase.row_sums", ("x", "na.rm")), ("colSums", "rbase.col_sums", ("x", "na.rm")),
    ("rowMeans", "rbase.row_means", ("x", "na.rm")), ("colMeans", "rbase.col_means", ("x", "na.rm")),
    ("sweep", "rbase.sweep", ("x", "MARGIN", "STATS", "FUN")),
    ("scale", "rbase.scale", ("x", "center", "scale")),
]:
    helper(_name, _py, _formals, need="np" if _py.startswith("np.") else "rbase")

@register("table")
def table(tr, node, args):
    """R's ``table(x)`` names its variable after ``x`` when it is a plain name (deparse.level = 1)."""
    tr.need("rbase")
    code = plain_args(tr, args)
    unnamed = [a for a in args if a.name is None]
    if len(unnamed) == 1 and unnamed[0].value is not None and unnamed[0].value.type == "identifier" \
            and not any(a.name == "dnn" for a in args):
        code.append(f"dnn={py_str(text(unnamed[0].value))}")
    return f"rbase.table({', '.join(code)})"


@register("options")
def options(tr, node, args):
    """``options(keras.view_metrics = FALSE)``: rkeras' options are R keras' (rkeras/options.py);
    an R option rkeras does not read (``digits``, ``warn``, ...) is reported, not dropped."""
    from ...options import OPTIONS

    if not args or any(a.name is None for a in args):
        tr.unported(node, "options() without name = value pairs")
    unknown = [a.name for a in args if a.name not in OPTIONS]
    if unknown:
        tr.unported(node, f"R option `{unknown[0]}` has no rkeras counterpart (rkeras reads: "
                          + ", ".join(sorted(OPTIONS)) + ")")
    tr.need("rkeras")
    pairs = ", ".join(f"{py_str(a.name)}: {arg_code(tr, a)}" for a in args)
    return f"rkeras.options({{{pairs}}})"


@register("getOption")
def get_option(tr, node, args):
    from ...options import OPTIONS

    matched, _ = match_args(tr, node, ("x", "default"), args)
    name = matched.get("x")
    if name is None or name.value.type != "string" or r_string(name.value) not in OPTIONS:
        tr.unported(node, "getOption() of an option rkeras does not read")
    tr.need("rkeras")
    rest = f", {arg_code(tr, matched['default'])}" if "default" in matched else ""
    return f"rkeras.get_option({py_str(r_string(name.value))}{rest})"


BASE["is.function"] = lambda tr, node, args: f"callable({arg_code(tr, args[0])})"


@register("plot")
def plot(tr, node, args):
    """R's plot(): drawn (shown in a notebook, Rplots.pdf from a script) only where R would print it."""
    matched, extras = match_args(tr, node, ("x", "y", "..."), args)
    tr.need("rbase")
    parts = [arg_code(tr, matched["x"])] + ([arg_code(tr, matched["y"])] if "y" in matched else [])
    # panel.first/panel.last are evaluated by plot() once the panel exists (R's lazy arguments)
    lazy = [a for a in extras if a.name in ("panel.first", "panel.last")]
    parts += plain_args(tr, [a for a in extras if a.name not in ("panel.first", "panel.last")])
    parts += [f"{a.name.replace('.', '_')}=lambda: {arg_code(tr, a)}" for a in lazy]
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


for _name, _py, _formals in [
    ("import", "rbase.py_import", ("module", "as", "convert", "delay_load")),
    ("import_builtins", "rbase.py_builtins", ("convert",)),
    ("r_to_py", "rbase.identity", ("x", "convert")), ("py_to_r", "rbase.identity", ("x",)),
    ("np_array", "rbase.np_array", ("data", "dtype", "order")),
    ("download.file", "rbase.download_file", ("url", "destfile", "method", "quiet", "mode")),
    ("unzip", "rbase.unzip", ("zipfile", "files", "list", "overwrite", "junkpaths", "exdir")),
    ("untar", "rbase.untar", ("tarfile", "files", "list", "exdir")),
    ("read_lines", "rbase.read_lines", ("file", "skip", "n_max")),
    ("write_lines", "rbase.write_lines", ("x", "file", "sep")),
    ("fivenum", "rbase.fivenum", ("x", "na.rm")),
    ("abind", "rbase.abind", ("...", "along")),
    ("stri_pad", "rbase.str_pad", ("str", "width", "side", "pad")),
    ("stri_reverse", "rbase.stri_reverse", ("str",)),
    ("map_df", "rbase.map_df", (".x", ".f", "...")),
    ("bind_rows", "rbase.bind_rows", ("...",)),
    ("file_copy", "rbase.file_copy", ("path", "new_path", "overwrite")),
    ("file.copy", "rbase.file_copy_base", ("from", "to", "overwrite", "recursive", "copy.mode", "copy.date")),
    ("glob2rx", "rbase.glob2rx", ("pattern", "trim.head", "trim.tail")),
    ("generator_next", "rbase.generator_next", ("generator", "completed")),   # R keras' (reticulate's iter_next)
    ("qnorm", "rbase.qnorm", ("p", "mean", "sd", "lower.tail", "log.p")),
    ("pnorm", "rbase.pnorm", ("q", "mean", "sd", "lower.tail", "log.p")),
    ("dnorm", "rbase.dnorm", ("x", "mean", "sd", "log")),
    ("readChar", "rbase.read_char", ("con", "nchars", "useBytes")),
    ("file.info", "rbase.file_info", ("...", "extra_cols")), ("file.size", "rbase.file_size", ("...",)),
    ("dir_ls", "rbase.dir_ls", ("path", "glob", "recurse", "type", "recursive")),
    ("dir_create", "rbase.dir_create", ("path",)),
    ("nrow", "rbase.NROW", ("x",)),
    ("sample.int", "rbase.sample", ("n", "size", "replace", "prob")),
    ("rexp", "rbase.rexp", ("n", "rate")),
    ("rmultinom", "rbase.rmultinom", ("n", "size", "prob")),
    ("inherits", "rbase.inherits", ("x", "what", "which")),
    ("file_delete", "rbase.unlink", ("path",)),   # fs::file_delete
    ("rownames", "rbase.rownames", ("x",)),
    ("Sys.sleep", "rbase.sys_sleep", ("time",)),
    ("nchar", "rbase.nchar", ("x", "type")),
    ("exists", "rbase.exists", ("x",)),
]:
    if _name not in BASE or _name in ("nrow",):
        if _name == "nrow":
            BASE_VALUES["nrow"] = ("rbase", "rbase.NROW")
            continue
        helper(_name, _py, _formals)

#: R's operators passed as functions (Reduce(`+`, x), sapply(lst, `[[`, 1), mapply(`*`, a, b))
BASE_VALUES.update({"+": ("np", "np.add"), "-": ("np", "np.subtract"), "*": ("np", "np.multiply"),
                    "/": ("np", "np.true_divide"), "^": ("np", "np.power"), "%%": ("np", "np.mod"),
                    "%/%": ("np", "np.floor_divide"), "==": ("np", "np.equal"), "!=": ("np", "np.not_equal"),
                    "<": ("np", "np.less"), ">": ("np", "np.greater"), "<=": ("np", "np.less_equal"),
                    ">=": ("np", "np.greater_equal"), "&": ("np", "np.logical_and"), "|": ("np", "np.logical_or"),
                    "[": ("rbase", "rbase.subset"), "[[": ("rbase", "rbase.elem")})
BASE_VALUES.update({"length": ("rbase", "rbase.length"), "c": ("rbase", "rbase.c"), "dim": ("rbase", "rbase.dim"),
                    "print": ("rbase", "rbase.print"), "paste": ("rbase", "rbase.paste"),
                    "paste0": ("rbase", "rbase.paste0"), "is.null": (None, "(lambda x: x is None)")})


for _name, _py, _formals in [
    ("png", "rbase.png", ("filename", "width", "height", "...")),
    ("pdf", "rbase.pdf", ("file", "width", "height", "...")),
    ("jpeg", "rbase.png", ("filename", "width", "height", "...")),
    ("par", "rbase.par", ("...",)),
    ("dev.off", "rbase.dev_off", ()),
    ("as.raster", "rbase.as_raster", ("x", "max", "...")),
    ("image", "rbase.image", ("x", "y", "z", "zlim", "xlim", "ylim", "col", "...")),
    ("title", "rbase.title", ("main", "...")),
    ("gray", "rbase.gray", ("level", "alpha")), ("grey", "rbase.gray", ("level", "alpha")),
    ("py_iterator", "rbase.py_iterator", ("fn", "completed")),
    ("custom_metric", "rbase.custom_metric", ("name", "metric_fn")),
    ("shape", "rbase.shape", ("...",)),
    ("use_session_with_seed", "rbase.set_seed", ("seed", "disable_gpu", "disable_parallel_cpu", "quiet")),
]:
    helper(_name, _py, _formals)


@register("tuple")
def tuple_(tr, node, args):
    codes = [arg_code(tr, a) for a in args]
    return "(" + ", ".join(codes) + ("," if len(codes) == 1 else "") + ")"


@register("use_implementation")
@register("use_backend")
@register("install_github")
def dropped_setup(tr, node, args):
    return f"# {text(node)}: R keras' setup; rkeras runs on Keras 3 (or tf_keras) as installed"


@register("tfe_enable_eager_execution")
def eager_always(tr, node, args):
    return f"# {text(node)}: TensorFlow 2 always runs eagerly"


@register("backend")
def backend(tr, node, args):
    """R keras' ``backend()``: the Keras backend module (Keras 3 keeps most of it in keras.ops)."""
    tr.need("keras")
    return "keras.backend"


@register("try")
def r_try(tr, node, args):
    """R's ``try(expr, silent = FALSE)``: an error becomes a "try-error" value (``inherits(x,
    "try-error")`` is TRUE), its message printed unless ``silent``. One expression is a lambda;
    a block (or ``stop()``, a ``raise``) a function written just before, when it assigns nothing
    (R's try() assigns in the caller's frame)."""
    matched, extras = match_args(tr, node, ("expr", "silent", "outFile"), args)
    expr = matched.get("expr")
    if expr is None or extras or hasattr(expr, "code") or expr.value is None:
        tr.unported(node, "try() with other than one expression written in place")
    tr.need("rbase")
    silent = f", silent={arg_code(tr, matched['silent'])}" if "silent" in matched else ""
    value = expr.value
    inner = [c for c in value.children if c.is_named and c.type != "comment"] if value.type == "braced_expression" else [value]
    if len(inner) == 1:
        code = tr.plain_expr(inner[0])
        if not code.startswith("raise ") and "\n" not in code:
            return f"rbase.r_try(lambda: {code}{silent})"
    if any(c.type == "binary_operator" and text(c.child_by_field_name("operator")) in ("<-", "=", "<<-", "->", "%<-%")
           for c in inner):
        tr.unported(node, "try() of a block that assigns (R assigns in the caller's frame)")
    return f"rbase.r_try({tr.block_function(node, value, 'try')}{silent})"


# ------------------------------------------------------------------------------------- packages
helper("installed.packages", "rbase.installed_packages", ("lib.loc", "priority", "noCache", "fields", "subarch", "..."))
helper("set_defaults", "rbase.set_defaults", ("f", "defaults"))

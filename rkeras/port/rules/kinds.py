"""What an R expression holds, as far as the port can tell before running it.

Kinds: ``"seqmodel"`` (a Sequential model), ``"model"``, ``"tensor"`` (a Keras tensor),
``"layer"``, ``"history"``, ``"object"`` (a Python object: attributes by ``$``),
``"dict"`` (an R named list), ``"list"`` (an unnamed list), ``"array"`` (a numpy array),
``"frame"`` (a data frame), ``"int"`` (one integer, e.g. a loop counter). Unknown is None,
and rules then emit the rkeras.rbase helper that decides at run time.
"""

from __future__ import annotations

from ..nodes import call_args, fn_name, text

#: base R functions whose result is a numpy array
ARRAY_FUNCTIONS = frozenset({"matrix", "array", "array_reshape", "to_categorical", "pad_sequences", "rnorm",
                             "runif", "sample", "seq", "seq_len", "seq_along", "rep", "numeric", "integer",
                             "as.matrix", "as.array", "t", "cbind", "rbind", "aperm", "zeros"})
FRAME_FUNCTIONS = frozenset({"data.frame", "read.csv", "as.data.frame", "read_csv", "read_tsv", "read_delim",
                             "fread"})
KIND_BY_TABLE = {"layer": "layer", "constructor": "object"}
MODEL_RESULTS = {"fit": "history", "fit_generator": "history", "evaluate": "dict", "predict": "array",
                 "predict_on_batch": "array", "keras_model_sequential": "seqmodel", "keras_model": "model",
                 "layer_input": "tensor", "get_layer": "layer", "load_model_hdf5": "model",
                 "load_model_tf": "model", "application": "model", "get_weights": "list",
                 "keras_model_custom": "model", "import": "object", "import_builtins": "object",
                 "make_iterator_one_shot": "object", "text_tokenizer": "object", "backend": "object",
                 "tensor_slices_dataset": "object", "fit_text_tokenizer": "object"}


def call_kind(tr, name, args, piped_kind=None):
    if name in MODEL_RESULTS:
        return MODEL_RESULTS[name]
    if name.startswith("application_"):
        return "model"
    if name.startswith("dataset_") and name in tr.table:
        return "dict"
    if name in ARRAY_FUNCTIONS:
        return "array"
    if name in FRAME_FUNCTIONS:
        return "frame"
    entry = tr.table.get(name)
    if entry is not None:
        if entry.kind == "layer":
            if entry.args[:1] == ("inputs",) and (piped_kind is not None or (args and args[0].name in (None, "inputs"))):
                return "tensor"
            given = piped_kind
            if given is None and args and args[0].name in (None, "object") and args[0].value is not None:
                given = tr.kind_of(args[0].value)
            if given in ("tensor",):
                return "tensor"
            if given in ("seqmodel",):
                return "seqmodel"
            if given in ("model",):
                return "model"
            return "layer" if not args or args[0].name not in (None, "object") else None
        if entry.kind == "model_method":
            return "object"
        return "object"
    if name == "list":
        named = [a.name for a in args]
        if args and all(named):
            return "dict"
        return "list"
    return None


def infer_kind(tr, node):
    from ..nodes import is_literal_number

    if is_literal_number(node):
        return "number"
    if node.type == "call":
        name = fn_name(node.child_by_field_name("function"))
        if name is None:
            return None
        args_node = node.child_by_field_name("arguments")
        return call_kind(tr, name, call_args(args_node) if args_node is not None else [])
    if node.type == "binary_operator":
        op = text(node.child_by_field_name("operator"))
        rhs = node.child_by_field_name("rhs")
        lhs = node.child_by_field_name("lhs")
        if op in ("%>%", "|>") and rhs.type == "call":
            name = fn_name(rhs.child_by_field_name("function"))
            if name is None:
                return None
            args_node = rhs.child_by_field_name("arguments")
            return call_kind(tr, name, call_args(args_node), piped_kind=tr.kind_of(lhs))
        if op in ("+", "-", "*", "/", "^") and "array" in (tr.kind_of(lhs), tr.kind_of(rhs)):
            return "array"
    if node.type == "subset":
        base = tr.kind_of(node.child_by_field_name("function"))
        return base if base in ("frame", "array") else None
    if node.type == "extract_operator" and text(node.child_by_field_name("operator")) == "$":
        lhs = node.child_by_field_name("lhs")
        if tr.kind_of(lhs) == "dict" and lhs.type in ("identifier", "extract_operator"):
            # a dataset's parts: mnist$train is a named list, mnist$train$x an array
            return "dict" if lhs.type == "identifier" else None
    return None

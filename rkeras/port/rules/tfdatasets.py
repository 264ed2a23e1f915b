"""R's tfdatasets pipelines as ``tf.data``: ``tensor_slices_dataset(x) %>% dataset_batch(32)`` is
``tf.data.Dataset.from_tensor_slices(x).batch(32)``; ``until_out_of_range({...})`` repeats its
block until the iterator it reads runs out (Python's StopIteration)."""

from __future__ import annotations

from ..nodes import call_args, fn_name, is_literal_number, number_value
from .baser import BASE, helper, register
from .calls import arg_code, match_args


def dataset_method(method, formals, integers=()):
    def handler(tr, node, args):
        matched, extras = match_args(tr, node, formals, args)
        if extras:
            tr.unported(node, f"{method}(): argument `{extras[0].name}` is not ported")
        dataset = arg_code(tr, matched[formals[0]])
        parts = []
        for formal in formals[1:]:
            if formal not in matched:
                continue
            arg = matched[formal]
            if formal in integers and not hasattr(arg, "code") and is_literal_number(arg.value):
                code = str(int(number_value(arg.value)))
            elif formal in integers:
                code = f"int({arg_code(tr, arg)})"
            else:
                code = arg_code(tr, arg)
            parts.append(code if formal == formals[1] else f"{formal}={code}")
        return f"{dataset}.{method}({', '.join(parts)})"

    return handler


BASE["dataset_batch"] = dataset_method("batch", ("dataset", "batch_size", "drop_remainder"), ("batch_size",))
BASE["dataset_shuffle"] = dataset_method("shuffle", ("dataset", "buffer_size", "seed", "reshuffle_each_iteration"),
                                  ("buffer_size", "seed"))
BASE["dataset_repeat"] = dataset_method("repeat", ("dataset", "count"), ("count",))
BASE["dataset_prefetch"] = dataset_method("prefetch", ("dataset", "buffer_size"), ("buffer_size",))
BASE["dataset_take"] = dataset_method("take", ("dataset", "count"), ("count",))
BASE["dataset_skip"] = dataset_method("skip", ("dataset", "count"), ("count",))
BASE["dataset_cache"] = dataset_method("cache", ("dataset", "filename"))

# the tensorflow package's tf_function() and reticulate's tf$`function`() (calls.py routes it here);
# tfautograph's autograph() is what tf.function already does
helper("tf_function", "rbase.tf_function", ("f", "input_signature", "autograph", "..."))
helper("autograph", "rbase.autograph", ("fn",))
helper("image_read", "rbase.image_read", ("path", "density", "depth", "strip", "defines"))   # magick
helper("k_batch_flatten", "rbase.k_batch_flatten", ("x",))   # R keras' backend, no one keras.ops function


@register("tensor_slices_dataset")
def tensor_slices(tr, node, args):
    matched, _ = match_args(tr, node, ("tensors",), args)
    tr.need("tf")
    tr.need("rbase")
    return f"tf.data.Dataset.from_tensor_slices(rbase.tf_structure({arg_code(tr, matched['tensors'])}))"


@register("dataset_map")
def dataset_map(tr, node, args):
    matched, _ = match_args(tr, node, ("dataset", "map_func", "num_parallel_calls"), args)
    tr.need("rbase")
    from .tidyverse import function_arg

    return f"rbase.dataset_map({arg_code(tr, matched['dataset'])}, {function_arg(tr, matched['map_func'])})"


@register("make_iterator_one_shot")
def one_shot(tr, node, args):
    return f"iter({arg_code(tr, args[0])})"


@register("iterator_get_next")
def get_next(tr, node, args):
    return f"next({arg_code(tr, args[0])})"


def until_out_of_range(tr, node, result):
    if node.type != "call" or fn_name(node.child_by_field_name("function")) != "until_out_of_range":
        return False
    args = call_args(node.child_by_field_name("arguments"))
    if len(args) != 1 or args[0].value is None:
        tr.unported(node, "until_out_of_range() with other than one block")
    tr.emit("try:", node)
    tr.indent += 1
    tr.emit("while True:")
    tr.block(args[0].value)
    tr.indent -= 1
    tr.emit("except StopIteration:  # the iterator ran out (R: out of range)")
    tr.emit("    pass")
    return True


STATEMENTS = {"call": until_out_of_range}

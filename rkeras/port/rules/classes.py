"""Classes written in R: R6's ``R6Class()`` and R keras' ``Layer()`` / ``new_layer_class()``, as
Python classes written just before the statement that makes them.

Each function of ``public = list(...)`` (of ``Layer()``'s arguments) is a method taking
``self`` (``initialize`` is ``__init__``, whose last value is not returned); any other value is
a class attribute (R6's public fields). The base class is ``rkeras.KerasLayer`` for R keras'
old R6 base ``KerasLayer`` (used through ``create_layer(Class, object, args)``),
``keras.callbacks.Callback`` for ``KerasCallback``, the translated ``inherit`` otherwise;
R6 classes also get ``rbase.R6`` (``Class$new(...)``). ``Layer(classname, ...)`` is the
``layer_*()`` function of its class: ``rkeras.create_layer_wrapper(Class)``.
"""

from __future__ import annotations

from ..nodes import call_args, fn_name, py_name, r_string, text
from ..translator import Scope
from .baser import helper, register
from .calls import match_args
from .functions import define

#: R keras' R6 base classes -> (Python base, import key)
R6_BASES = {"KerasLayer": ("rkeras.KerasLayer", "rkeras"),
            "KerasCallback": ("keras.callbacks.Callback", "keras")}
_METHOD_NAMES = {"initialize": "__init__"}


def _class_name(tr, classname_arg, fallback):
    if classname_arg is not None and classname_arg.value is not None and classname_arg.value.type == "string":
        name = r_string(classname_arg.value)
        if name.isidentifier() and name not in R6_BASES:
            return name
    return fallback


def _assigned_name(tr):
    """The name the current statement assigns (``X <- R6Class(...)``), or None."""
    node = getattr(tr, "current", None)
    if node is not None and node.type == "binary_operator" and text(node.child_by_field_name("operator")) in ("<-", "="):
        lhs = node.child_by_field_name("lhs")
        if lhs.type == "identifier":
            return py_name(text(lhs))
    return None


def _members(tr, node, arg):
    """The (name, value node) pairs of ``public = list(...)``."""
    if arg is None or arg.value is None:
        return []
    value = arg.value
    if value.type == "null":
        return []
    if value.type != "call" or fn_name(value.child_by_field_name("function")) != "list":
        tr.unported(node, "an R6 class whose members are not a list() written in place")
    members = call_args(value.child_by_field_name("arguments"))
    if any(m.name is None for m in members if m.value is not None):
        tr.unported(node, "an R6 class member without a name")
    return [(m.name, m.value) for m in members if m.value is not None]


def write_class(tr, node, cls, bases, members):
    """Emit ``class cls(bases):`` with ``members`` ((R name, node) pairs) into the prelude."""
    saved_kind = tr.kinds.get("self")
    tr.kinds["self"] = "object"
    try:
        with tr.prelude_definition():
            tr.emit(f"class {cls}({', '.join(bases)}):", node)
            tr.indent = 1
            if not members:
                tr.emit("pass")
            for name, value in members:
                if not name.isidentifier():
                    tr.unported(node, f"class member `{name}` is not a Python name")
                active = _marked_active(value)
                if active is not None:
                    # R keras' mark_active(function() ...): an active binding, Python's property
                    tr.emit("@property", value)
                    tr.scopes.append(Scope(params={"self"}))
                    try:
                        define(tr, active, name, active, first_param="self")
                    finally:
                        tr.scopes.pop()
                elif value.type == "function_definition":
                    method = _METHOD_NAMES.get(name, name)
                    tr.scopes.append(Scope(params={"self"}))
                    mark = len(tr.lines)
                    try:
                        define(tr, value, method, value, first_param="self",
                               result=None if method == "__init__" else "return")
                    finally:
                        tr.scopes.pop()
                    if "private$" in text(value).replace(" ", "") and "private" not in tr.known_names:
                        # R keras' and R6's `private`: the instance's own environment, out of Keras' sight
                        tr.need("rbase")
                        tr.lines.insert(mark + 1, "    " * (tr.indent + 1) + "private = rbase.private(self)")
                else:
                    tr.emit(f"{name} = {tr.plain_expr(value)}", value)
    finally:
        tr.set_kind("self", saved_kind)


def _marked_active(value):
    """The function of ``mark_active(function() ...)``, or None."""
    if value.type != "call" or fn_name(value.child_by_field_name("function")) != "mark_active":
        return None
    args = call_args(value.child_by_field_name("arguments"))
    if len(args) == 1 and args[0].value is not None and args[0].value.type == "function_definition":
        return args[0].value
    return None


@register("R6Class")
def r6_class(tr, node, args):
    matched, extras = match_args(tr, node, ("classname", "public", "private", "active", "inherit", "lock_objects",
                                            "class", "portable", "lock_class", "cloneable", "parent_env"), args)
    for unsupported in ("private", "active"):
        arg = matched.get(unsupported)
        if arg is not None and arg.value is not None and arg.value.type != "null":
            tr.unported(node, f"R6Class(): `{unsupported}` members are not ported")
    if extras:
        tr.unported(node, f"R6Class(): argument `{extras[0].name}` is not ported")
    cls = _assigned_name(tr) or _class_name(tr, matched.get("classname"), tr.fresh_name("R6Class"))
    bases = []
    inherit = matched.get("inherit")
    if inherit is not None and inherit.value is not None:
        base_name = text(inherit.value).split("::")[-1]
        if base_name in R6_BASES:
            target, need = R6_BASES[base_name]
            tr.need(need)
            bases.append(target)
        else:
            bases.append(tr.plain_expr(inherit.value))
    if "rkeras.KerasLayer" not in bases:
        tr.need("rbase")
        bases.append("rbase.R6")
    write_class(tr, node, cls, bases, _members(tr, node, matched.get("public")))
    return cls


def _layer_class(tr, node, args):
    matched, extras = match_args(tr, node, ("classname", "initialize", "build", "call", "compute_output_shape",
                                            "...", "inherit"), args)
    cls = _class_name(tr, matched.get("classname"), tr.fresh_name("Layer"))
    inherit = matched.get("inherit")
    tr.need("keras")
    base = tr.plain_expr(inherit.value) if inherit is not None else "keras.layers.Layer"
    members = [(formal, matched[formal].value) for formal in ("initialize", "build", "call", "compute_output_shape")
               if formal in matched and matched[formal].value is not None and matched[formal].value.type != "null"]
    for arg in extras:
        if arg.name is None:
            tr.unported(node, "a class member without a name")
        members.append((arg.name, arg.value))
    members.sort(key=lambda item: item[1].start_byte)
    write_class(tr, node, cls, [base], members)
    return cls


@register("Layer")
def layer(tr, node, args):
    """R keras' ``Layer(classname, ...)``: a class and its ``layer_*()`` wrapper function."""
    cls = _layer_class(tr, node, args)
    tr.need("rkeras")
    return f"rkeras.create_layer_wrapper({cls})"


@register("new_layer_class")
def new_layer_class(tr, node, args):
    """R keras' ``new_layer_class(classname, ...)``: R keras 2.15 returns the class's layer
    function (``create_layer_wrapper(type)``), as ``Layer()`` does."""
    cls = _layer_class(tr, node, args)
    tr.need("rkeras")
    return f"rkeras.create_layer_wrapper({cls})"


#: R keras 2.15's other class builders (R/new-py-types.R): R name -> (Keras base, named methods)
NEW_CLASSES = {
    "new_model_class": ("keras.Model", ("initialize", "call", "train_step", "predict_step", "test_step",
                                        "compute_loss", "compute_metrics")),
    "new_metric_class": ("keras.metrics.Metric", ("initialize", "update_state", "result")),
    "new_loss_class": ("keras.losses.Loss", ("call",)),
    "new_callback_class": ("keras.callbacks.Callback", (
        "on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_batch_begin", "on_batch_end",
        "on_predict_batch_begin", "on_predict_batch_end", "on_predict_begin", "on_predict_end",
        "on_test_batch_begin", "on_test_batch_end", "on_test_begin", "on_test_end",
        "on_train_batch_begin", "on_train_batch_end")),
}


def _new_class(r_name):
    base, methods = NEW_CLASSES[r_name]

    def handler(tr, node, args):
        """R keras' ``new_*_class(classname, ...)``: the class (a class generator in R: calling it
        makes an instance, as calling the Python class does)."""
        matched, extras = match_args(tr, node, ("classname", "...", *methods), args)
        cls = _class_name(tr, matched.get("classname"), _assigned_name(tr) or tr.fresh_name("Class"))
        members = [(formal, matched[formal].value) for formal in methods
                   if formal in matched and matched[formal].value is not None and matched[formal].value.type != "null"]
        for arg in extras:
            if arg.name is None:
                tr.unported(node, f"{r_name}(): a class member without a name")
            members.append((arg.name, arg.value))
        members.sort(key=lambda item: item[1].start_byte)
        tr.need("keras")
        write_class(tr, node, cls, [base], members)
        return cls

    return handler


for _name in NEW_CLASSES:
    register(_name)(_new_class(_name))


helper("create_layer", "rkeras.create_layer", ("layer_class", "object", "args"), need="rkeras")
helper("create_layer_wrapper", "rkeras.create_layer_wrapper", ("Layer", "modifiers", "convert"), need="rkeras")

__all__ = ["write_class", "R6_BASES", "class_assignment"]


def py_class(tr, node, result):
    """R keras' ``Name(Base) %py_class% { member <- value; ... }``: ``class Name(Base):`` with
    those members (``initialize`` or `` `__init__` `` the constructor, functions methods)."""
    lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
    if lhs.type != "call" or lhs.child_by_field_name("function").type != "identifier":
        tr.unported(node, "%py_class% without Name(Bases) on its left")
    if rhs.type != "braced_expression":
        tr.unported(node, "%py_class% without a { } body")
    cls = py_name(text(lhs.child_by_field_name("function")))
    bases = [tr.plain_expr(a.value) for a in call_args(lhs.child_by_field_name("arguments")) if a.value is not None]
    members = []
    for member in (c for c in rhs.children if c.is_named and c.type != "comment"):
        if member.type != "binary_operator" or text(member.child_by_field_name("operator")) not in ("<-", "="):
            tr.unported(member, "a %py_class% body statement that is not `name <- value`")
        target = member.child_by_field_name("lhs")
        if target.type != "identifier":
            tr.unported(member, "a %py_class% member that is not a name")
        members.append((text(target).strip("`"), member.child_by_field_name("rhs")))
    write_class(tr, node, cls, bases or ["object"], members)
    tr.flush_prelude()
    tr.bound.add(text(lhs.child_by_field_name("function")))
    tr.function_names.add(text(lhs.child_by_field_name("function")))
    return True


def class_assignment(tr, node, result):
    """``X <- R6Class(...)``: the class is written as ``class X``, with no ``X = X`` after it."""
    if text(node.child_by_field_name("operator")) == "%py_class%":
        return py_class(tr, node, result)
    if result is not None or text(node.child_by_field_name("operator")) not in ("<-", "="):
        return False
    lhs, rhs = node.child_by_field_name("lhs"), node.child_by_field_name("rhs")
    if lhs.type != "identifier" or rhs is None or rhs.type != "call":
        return False
    builder = fn_name(rhs.child_by_field_name("function"))
    if builder in NEW_CLASSES and builder not in tr.function_names:
        # X <- new_model_class("X", ...): the class is X itself (another classname keeps X = Name)
        cls = _new_class(builder)(tr, rhs, call_args(rhs.child_by_field_name("arguments")))
        tr.flush_prelude()
        if cls != py_name(text(lhs)):
            tr.emit(f"{py_name(text(lhs))} = {cls}", node)
        tr.bound.add(text(lhs))
        tr.function_names.add(text(lhs))
        return True
    if builder != "R6Class" or "R6Class" in tr.function_names:
        return False
    r6_class(tr, rhs, call_args(rhs.child_by_field_name("arguments")))
    tr.flush_prelude()
    tr.bound.add(text(lhs))
    return True


STATEMENTS = {"binary_operator": class_assignment}

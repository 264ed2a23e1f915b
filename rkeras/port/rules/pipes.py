"""magrittr's ``%>%`` and R's ``|>``: ``x %>% f(y)`` is ``f(x, y)``.

Three shapes come out: a Sequential model built from a list of layers
(``keras_model_sequential() %>% layer_dense(...) %>% ...`` is ``keras.Sequential([...])``),
layers called on tensors (``input %>% layer_dense(10)`` is ``keras.layers.Dense(10)(input)``),
and plain calls with the left side first. As a statement, a chain of layers piped into a
known Sequential model is one ``model.add(...)`` line per layer (R modifies the model in place).
"""

from __future__ import annotations

from ..nodes import call_args, fn_name, text
from .calls import PipedArg, bind_dot, call_with, match_args, target_code
from .kinds import call_kind
from .layers import input_code, layer_parts

PIPES = ("%>%", "|>")


def flatten(node):
    """(head, [step, ...]) of a left-associated pipe chain."""
    steps = []
    while node.type == "binary_operator" and text(node.child_by_field_name("operator")) in PIPES:
        steps.append(node.child_by_field_name("rhs"))
        node = node.child_by_field_name("lhs")
    return node, steps[::-1]


def _step_call(step):
    """(function node, args) of a step: ``f(a)`` or a bare ``f``."""
    if step.type == "call":
        args_node = step.child_by_field_name("arguments")
        return step.child_by_field_name("function"), call_args(args_node) if args_node is not None else []
    if step.type in ("identifier", "namespace_operator"):
        return step, []
    return None, None


def _layer_entry(tr, step):
    fn, args = _step_call(step)
    if fn is None:
        return None
    name = fn_name(fn)
    if name is None or name in tr.known_names:
        return None
    entry = tr.table.get(name)
    if entry is None or entry.kind != "layer":
        return None
    if any(a.name in ("object", "inputs") for a in args) or entry.args[:1] == ("inputs",):
        return None  # the layer would get a second object, or is a merge layer called on its inputs
    return entry, fn, args


def layer_items(tr, steps, *, first=True):
    """Python items (an Input first when the first layer has an input shape) for layer steps."""
    items = []
    for index, step in enumerate(steps):
        entry, fn, args = _layer_entry(tr, step)
        # the pipe fills `object`, so positional arguments start at the formal after it
        matched, extras = match_args(tr, step, [f for f in entry.args if f not in ("object", "inputs")], args)
        bare, shape, full = layer_parts(tr, step, entry, matched, extras, target_code(tr, entry.target))
        if shape is not None and first and index == 0:
            items.append(input_code(tr, shape))
            items.append(bare)
        else:
            items.append(full)
    return items


def _sequential(tr, head, steps):
    """``keras_model_sequential(...) %>% layer... `` as ``keras.Sequential([...])``; None if not that."""
    if head.type != "call" or fn_name(head.child_by_field_name("function")) != "keras_model_sequential":
        return None
    if "keras_model_sequential" in tr.known_names:
        return None
    count = 0
    while count < len(steps) and _layer_entry(tr, steps[count]) is not None:
        count += 1
    if count == 0:
        return None
    head_args = call_args(head.child_by_field_name("arguments"))
    if any(a.name not in ("name",) for a in head_args):
        return None
    items = layer_items(tr, steps[:count])
    tr.need("keras")
    extra = "".join(f", name={tr.plain_expr(a.value)}" for a in head_args)
    body = ",\n".join("    " + item for item in items)
    return f"keras.Sequential([\n{body},\n]{extra})", count


def pipe(tr, node):
    head, steps = flatten(node)
    built = _sequential(tr, head, steps)
    if built is not None:
        code, used = built
        kind = "seqmodel"
        steps = steps[used:]
    else:
        code, kind = tr.expr(head), tr.kind_of(head)
    for step in steps:
        code, kind = apply_step(tr, step, code, kind)
    return code


def apply_step(tr, step, code, kind):
    if step.type == "braced_expression":
        inner = [c for c in step.children if c.is_named and c.type != "comment"]
        if len(inner) == 1:
            # magrittr's x %>% { f(a, .) }: the block is evaluated with `.` bound to x
            return _with_dot(tr, inner[0], code), None
    if step.type == "parenthesized_expression":
        inner = [c for c in step.children if c.is_named and c.type != "comment"]
        if len(inner) == 1 and inner[0].type in ("function_definition",):
            return f"({tr.expr(inner[0])})({code})", None
    if step.type in ("subset", "subset2") and (_indexes_dot(step) or _uses_dot(step)):
        # magrittr's x %>% .[[1]] / x %>% .[i, ]: the index is applied to x itself
        return _with_dot(tr, step, code), None
    fn, args = _step_call(step)
    if fn is None:
        if step.type == "parenthesized_expression" or step.type == "function_definition":
            tr.unported(step, "a function expression on the right of a pipe")
        tr.unported(step, f"`{text(step)}` on the right of a pipe")
    piped = PipedArg(code, kind, step)
    out = call_with(tr, step, fn, args, piped=piped)
    name = fn_name(fn)
    new_kind = call_kind(tr, name, args, piped_kind=kind) if name else None
    return out, new_kind


def pipe_statement(tr, node, result):
    """``model %>% layer_a() %>% layer_b()`` on a known Sequential model: one ``add`` per layer."""
    if result == "return" or text(node.child_by_field_name("operator")) not in PIPES:
        return False
    head, steps = flatten(node)
    if head.type != "identifier" or tr.kinds.get(text(head)) != "seqmodel":
        return False
    if not all(_layer_entry(tr, s) is not None for s in steps):
        return False
    model = tr.expr(head)
    items = layer_items(tr, steps, first=not tr.flags.get("built_" + model))
    tr.flush_prelude()
    for item in items:
        tr.emit(f"{model}.add({item})", node)
    return True


STATEMENTS = {"binary_operator": pipe_statement}


def _uses_dot(step):
    """magrittr's ``x %>% vocab[.]``: the dot used inside an index (not nested in a function)."""
    stack = list(step.children)
    while stack:
        node = stack.pop()
        if node.type == "identifier" and text(node) == ".":
            return True
        if node.type not in ("function_definition", "call"):
            stack.extend(node.children)
    return False


def _indexes_dot(step):
    target = step.child_by_field_name("function") or next((c for c in step.children if c.is_named), None)
    return target is not None and target.type == "identifier" and text(target) == "."


def _with_dot(tr, node, code):
    """Translate ``node`` with R's ``.`` standing for ``code`` (magrittr's placeholder, evaluated once)."""
    def build(dot):
        saved = tr.flags
        tr.flags = {**saved, "dot": dot}
        try:
            return tr.expr(node)
        finally:
            tr.flags = saved

    return bind_dot(tr, code, build)


def unrolled_assignment(tr, node, name, rhs) -> bool:
    """``x <- input %>% layer_a() %>% layer_b()`` on a tensor: one line per layer, Keras' functional
    style (``x = A(input)``, ``x = B(x)``), when every step is a layer and ``x`` is not used in them."""
    if rhs.type != "binary_operator" or text(rhs.child_by_field_name("operator")) not in PIPES:
        return False
    head, steps = flatten(rhs)
    if len(steps) < 2 or tr.kind_of(head) != "tensor":
        return False
    if not all(_layer_entry(tr, s) is not None for s in steps):
        return False
    for step in steps:
        stack = [step]
        while stack:
            current = stack.pop()
            if current.type == "identifier" and text(current) == name:
                return False
            stack.extend(current.children)
    from ..nodes import py_name

    target = py_name(name)
    code = tr.expr(head)
    lines = []
    for step in steps:
        out, _ = apply_step(tr, step, code, "tensor")
        lines.append(f"{target} = {out}")
        code = target
    tr.flush_prelude()
    for line in lines:
        tr.emit(line, node)
    return True

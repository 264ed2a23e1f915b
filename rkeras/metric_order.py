"""R keras 2.15's order of metric names, for every place metrics are shown.

R keras 2.15 ran on the Keras 2 engine and showed metrics in the order that
engine logged them: ``loss``; each output's loss, outputs in the model's
order; each output's compiled metrics (outputs in order; inside an output its
``metrics`` in ``compile()`` order, then its ``weighted_metrics``); then the same
again with ``val_``; and last the keys that callbacks wrote into the logs (a
learning rate), in the order they appeared.

Keras 3 sorts its logs by name (``cls_accuracy, cls_loss, loss, reg_loss,
reg_mae``) and keeps compiled metrics apart from weighted ones. The order is
rebuilt here from the model's own metric objects, so no name is renamed, none
is dropped and none is invented: the result is always a permutation of the
names given. The legacy ``tf_keras`` engine (Keras 2) already lists its metric
objects in R's order. Names are the engine's own (Keras 3 writes
``learning_rate`` where Keras 2 wrote ``lr``).

Nothing here imports TensorFlow: the model is only asked for its metrics.
"""

from __future__ import annotations

__all__ = ["r_metric_order", "reference_order"]


def r_metric_order(model, names) -> list[str]:
    """The names in R keras 2.15's order.

    Parameters
    ----------
    model : keras.Model, tf_keras.Model or None
        The model the names were logged for (compiled; built once it has
        trained or evaluated). ``None``: only ``loss`` first, training before
        validation, callback keys last.
    names : iterable of str
        Logged keys (a history's, or the result of ``evaluate()``).

    Returns
    -------
    list of str
        The same names, each once, in R's order.
    """
    names = list(dict.fromkeys(str(n) for n in names))
    present = set(names)
    reference = reference_order(model)
    rank = {name: i for i, name in enumerate(reference)}
    appearance: dict[str, int] = {}
    for name in names:
        appearance.setdefault(_base(name), len(appearance))

    def is_metric(name: str) -> bool:
        base = _base(name)
        return name.startswith("val_") or base in rank or f"val_{base}" in present

    def key(name: str):
        if not is_metric(name):
            return (2, 0, appearance[_base(name)])
        base = _base(name)
        known = base in rank
        return (int(name.startswith("val_")), 0 if known else 1, rank[base] if known else appearance[base])

    return sorted(names, key=key)


def reference_order(model) -> list[str]:
    """The training metric names of ``model`` in R's order (``loss`` first).

    Built from the model's metric objects: Keras 3 lists the total loss, its
    compiled metrics as one object, then the per-output losses; Keras 2
    (``tf_keras``) lists them in R's order already.
    """
    flat: list[str] = []
    compiled: list[str] = []
    for metric in _metrics(model):
        if hasattr(metric, "_flat_metrics"):  # Keras 3's CompileMetrics holds all compiled metrics
            compiled = _compiled_names(metric)
        else:
            flat.append(str(getattr(metric, "name", "")))
    outputs = _output_names(model)
    keys = set(outputs) | set(_output_keys(model))
    logged_losses = [name for name in flat if name.endswith("_loss") and name[: -len("_loss")] in keys]
    by_rule = [f"{name}_loss" for name in outputs] if len(outputs) > 1 else []  # before the model is built
    ordered = ["loss", *logged_losses, *by_rule, *compiled, *flat]
    return [name for name in dict.fromkeys(ordered) if name]


def _base(name: str) -> str:
    return name[4:] if name.startswith("val_") else name


def _metrics(model) -> list:
    if model is None:
        return []
    try:
        return list(model.metrics)
    except Exception:  # a model that cannot list its metrics yet: loss first, the rest as logged
        return []


def _output_names(model) -> list[str]:
    try:
        return [str(n) for n in (model.output_names or [])]
    except Exception:
        return []


def _output_keys(model) -> list[str]:
    """The keys of a model built with a dict of outputs (Keras 3 names losses by them)."""
    from .engines import named_structure

    return [str(k) for k in (named_structure(model, "output") or {})]


def _compiled_names(compile_metrics) -> list[str]:
    """Keras 3's names for its compiled metrics, grouped by output as Keras 2 did.

    Keras 3 names them (``CompileMetrics.result``) output by output, all plain
    metrics first and then all weighted ones, a weighted metric whose name is
    taken getting a ``weighted_`` prefix. Keras 2 listed each output's plain and
    weighted metrics together, outputs in order; that is R's order.
    """
    if not getattr(compile_metrics, "built", False):
        return []
    plain = list(getattr(compile_metrics, "_flat_metrics", None) or [])
    weighted = list(getattr(compile_metrics, "_flat_weighted_metrics", None) or [])
    taken: dict[str, int] = {}
    named: list[tuple[int, str]] = []

    def unique(name: str) -> str:
        if name not in taken:
            taken[name] = 1
            return name
        index = taken[name]
        taken[name] += 1
        return f"{name}_{index}"

    for position, group in enumerate(plain):
        for metric in getattr(group, "metrics", None) or []:
            named.append((position, unique(_prefixed(group, metric.name))))
    for position, group in enumerate(weighted):
        for metric in getattr(group, "metrics", None) or []:
            name = _prefixed(group, metric.name)
            if name in taken:
                name = unique(_prefixed(group, f"weighted_{metric.name}"))
            else:
                taken[name] = 1
            named.append((position, name))
    return [name for _, name in sorted(named, key=lambda item: item[0])]


def _prefixed(group, name: str) -> str:
    output = getattr(group, "output_name", None)
    return f"{output}_{name}" if output else name

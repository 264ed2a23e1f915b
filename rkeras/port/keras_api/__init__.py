"""R keras 2.15's API as R scripts use it: one :class:`~rkeras.port.table.RFunction` per function.

``TABLE`` maps each R name to its entry, over the family modules (layers, activations,
optimizers, losses, metrics, callbacks, initializers, regularizers, constraints,
applications, datasets, backend, preprocessing, models, utils). The modules are generated
by ``scripts/extract_r_api.py`` from R keras 2.15's sources; the facts (formals in order,
defaults, which arguments R coerced) are R's, the targets and renames are the rules there.

Reading an entry:

- ``args`` are R's formals in R's order, ``"..."`` included where R has it. Names after
  ``"..."`` match only exactly in R (no partial matching); where R coerced arguments that
  arrive through ``...`` (``input_shape`` of ``layer_lstm``), or where older R keras had
  formals that scripts still use (``lr`` and ``decay`` of ``optimizer_*``), they are listed
  after ``"..."``.
- The model (``object``) is the first argument, passed positionally; Python targets that are
  methods (``keras.Model.to_json``) are called as ``keras.Model.to_json(model)``.
- ``defaults`` are keyed by R argument names.
- Layers: Keras 3 layers take ``input_shape`` (better written as a ``keras.Input`` first in a
  ``Sequential``) but not ``batch_input_shape``, ``batch_size`` or ``weights``: a ported call
  that gives them needs ``keras.Input(batch_shape=...)`` / ``set_weights``.

Besides ``TABLE``:

- ``WHEN_GIVEN[r_name][r_arg]``: when the R call gives that argument, the call uses this
  target instead (``optimizer_rmsprop(decay = )`` -> ``rkeras.legacy.RMSprop``, which keeps
  the legacy decay; ``loss_mse(y_true, y_pred)`` -> the loss function, as in R).
- ``VALUES[r_name]``: the Python value of the R name used without a call
  (``metrics = metric_binary_accuracy`` -> ``keras.metrics.binary_accuracy``).
- ``POSITIONAL[r_name]``: how many leading R arguments (R's ``object`` counted) may stay
  positional; the rest must be passed by keyword, because the target's parameters come in
  another order (``k_in_top_k(predictions, targets, k)`` is ``keras.ops.in_top_k(targets,
  predictions, k)``: 0). Entries not listed keep R's order for all formals before ``...``.
- ``NOT_PORTED[r_name]``: R exports the porter does not translate, with the reason.
"""

from __future__ import annotations

from importlib import import_module

from .not_ported import NOT_PORTED

__all__ = ["TABLE", "WHEN_GIVEN", "VALUES", "POSITIONAL", "NOT_PORTED", "FAMILIES"]

FAMILIES = (
    "layers", "activations", "optimizers", "losses", "metrics", "callbacks", "initializers",
    "regularizers", "constraints", "applications", "datasets", "backend", "preprocessing",
    "models", "utils",
)


def _collect():
    table, when_given, values, positional = {}, {}, {}, {}
    for family in FAMILIES:
        module = import_module(f"{__name__}.{family}")
        for entry in module.FUNCTIONS:
            if entry.r_name in table:
                raise ImportError(f"R function {entry.r_name!r} is in two tables ({family} and another)")
            if entry.r_name in NOT_PORTED:
                raise ImportError(f"R function {entry.r_name!r} is both in a table and NOT_PORTED")
            table[entry.r_name] = entry
        when_given.update(getattr(module, "WHEN_GIVEN", {}))
        values.update(getattr(module, "VALUES", {}))
        positional.update(getattr(module, "POSITIONAL", {}))
    return table, when_given, values, positional


TABLE, WHEN_GIVEN, VALUES, POSITIONAL = _collect()

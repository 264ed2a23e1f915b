"""The shape of one entry of the porter's R keras API tables.

Every R function the porter knows is one :class:`RFunction`, kept in data
modules under :mod:`rkeras.port.keras_api` (one module per family: layers,
optimizers, losses, metrics, callbacks, ...). The translation rules read these
entries; they never branch on a function's name. The facts come from R keras
2.15's own sources (rstudio/keras, tag v2.15.0, ``R/*.R``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RFunction", "KINDS"]

#: How a call is written in Python, which decides what a pipe ``a %>% f(b)`` means:
#:
#: ``"layer"``        R ``layer_*(object, ...)``: builds a layer; with ``object`` given it is
#:                    applied to it (a model: added to a Sequential; a tensor: called on it).
#: ``"model_method"`` R ``fit(object, ...)`` and friends: ``target(object, ...)`` where target
#:                    is an rkeras function taking the model first.
#: ``"constructor"``  R ``optimizer_*(...)``, ``loss_*``, ``callback_*``, ...: ``target(...)``.
#: ``"function"``     anything else: ``target(args...)``, a pipe's left side is the first argument.
KINDS = ("layer", "model_method", "constructor", "function")


@dataclass(frozen=True)
class RFunction:
    """One R keras function and how it becomes Python.

    Attributes
    ----------
    r_name : the R name, e.g. ``"layer_dense"``.
    target : the dotted Python callable, e.g. ``"keras.layers.Dense"``, ``"rkeras.fit"``.
             The import it needs is derived from the dotted path.
    args : R's formal arguments in R's order (``object`` included where R has it), used for
           positional arguments and R's partial matching of names.
    kind : one of :data:`KINDS`.
    renames : R argument -> Python keyword (``{"lr": "learning_rate"}``); an R argument mapped to
              ``None`` is dropped (say why in ``note``).
    integers : R arguments that R keras passed through ``as.integer()`` (fractions truncate).
    one_based : R arguments that are 1-based positions/axes in R (positive values lose 1,
                negative ones stay as they are).
    shapes : R arguments that are R vectors meaning a shape (``input_shape = 784`` is ``(784,)``,
             ``NA`` is ``None``).
    defaults : R defaults that differ from the Python target's, as Python source text, written
               out when the R call left the argument out (``{"epochs": "10"}``).
    note : why the mapping is what it is, when it is not obvious (shown in the porter's report).
    """

    r_name: str
    target: str
    args: tuple[str, ...] = ()
    kind: str = "function"
    renames: dict = field(default_factory=dict)
    integers: frozenset = frozenset()
    one_based: frozenset = frozenset()
    shapes: frozenset = frozenset()
    defaults: dict = field(default_factory=dict)
    note: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"RFunction {self.r_name!r}: kind should be one of {KINDS}, got {self.kind!r}")

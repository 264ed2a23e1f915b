"""TensorFlow methods with the meaning they had under R keras 2.15 (TF 2.15, tf.keras 2), handed
out by :func:`rkeras.rbase.dollar` (``x$method``) where today's TensorFlow / Keras 3 differ.

``variable$initialized_value()``: TF 2.15 gave the (initialized) variable's value; today's
TensorFlow raises NotImplementedError. Here it is ``variable.read_value()``.

``optimizer$apply_gradients(...)`` with tf.keras 2's meaning: one optimizer, any variables.

R keras 2.15 ran on tf.keras 2, whose optimizers took new variables on every
``apply_gradients()`` call (slots were made per variable, on first sight). Custom training
loops relied on it: one ``tf$optimizers$Adam()`` stepping an encoder's, then a decoder's
variables. A Keras 3 optimizer is built for the first variables it sees and refuses others.
So :func:`rkeras.rbase.dollar` hands out this version of the method for Keras 3 optimizers:
a call with the variables the optimizer was built for (or before it is built) goes to it
unchanged; a call with another set of variables goes to a twin of the optimizer (same class
and configuration) kept for that set, so every variable keeps its own Adam moments as in
tf.keras 2.

Differences from R keras: each twin counts its own ``iterations`` (tf.keras 2 counted every
call on the one optimizer), and ``tf$train$Checkpoint(optimizer = )`` saves only the first
set's slots.
"""

from __future__ import annotations

import weakref

__all__ = ["tf_method"]

_TWINS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def tf_method(x, name):
    """The TF 2.15 version of ``x.name`` where it differs today, else None."""
    if name == "apply_gradients" and is_keras_optimizer(x):
        return apply_gradients(x)
    if name == "initialized_value" and _is_tf_variable(x):
        return x.read_value
    return None


def _is_tf_variable(x) -> bool:
    return any(c.__module__.startswith("tensorflow.") and c.__name__ == "Variable" for c in type(x).__mro__)


def is_keras_optimizer(x) -> bool:
    """A Keras 3 optimizer (checked without importing Keras)."""
    return any(c.__module__.startswith("keras.src.optimizers") and c.__name__ == "BaseOptimizer"
               for c in type(x).__mro__)


def apply_gradients(optimizer):
    """The optimizer's ``apply_gradients``, taking any variables on each call (tf.keras 2's way)."""

    def apply(grads_and_vars, *args, **kwargs):
        pairs = list(grads_and_vars)
        if not optimizer.built or not pairs:
            return optimizer.apply_gradients(pairs, *args, **kwargs)
        known = {optimizer._var_key(v) for v in optimizer._trainable_variables}
        keys = frozenset(optimizer._var_key(v) for _, v in pairs)
        if keys <= known:
            return optimizer.apply_gradients(pairs, *args, **kwargs)
        twins = _TWINS.setdefault(optimizer, {})
        twin = next((t for k, t in twins.items() if keys <= k), None)
        if twin is None:
            twin = type(optimizer).from_config(optimizer.get_config())
            twins[keys] = twin
        return twin.apply_gradients(pairs, *args, **kwargs)

    return apply

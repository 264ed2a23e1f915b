"""Data-parallel training: fit() under ``tf.distribute``, and R's ``multi_gpu_model()``.

rkeras trains with TensorFlow's own distribution engine, never a home-made
one: the strategy a model was built under decides how ``fit()`` trains it.

* ``tf.distribute.MirroredStrategy`` (several devices of one machine): Keras
  splits every batch of ``batch_size`` samples (the *global* batch) between the
  devices and all-reduces the gradients; the history is the one a single
  device would give, within float rounding. Both engines do this.
* ``tf.distribute.MultiWorkerMirroredStrategy`` (several machines, or several
  processes, configured by ``TF_CONFIG``): only the ``tf_keras`` engine trains
  there (Keras 3 fails with "Attempt to convert a value (PerReplica ...)"), so
  a Keras 3 model under it is an error before training. Every worker holds the
  same arrays; each epoch the workers agree on one shuffle order (one seed,
  all-reduced once per fit) and each takes its own disjoint part of every
  global batch, so every sample is visited exactly once per epoch across the
  cluster. Keras' own array adapter would shuffle each worker with its own
  random order, visiting some samples twice and others not at all.

:func:`multi_gpu_model` is R's function of that name (removed from TensorFlow
in 2.4), now a copy of the model built under a ``MirroredStrategy``.
"""

from __future__ import annotations

import contextlib
import math
import sys
import warnings

import numpy as np

from .errors import RKerasError, RKerasWarning, arg_error

__all__ = ["multi_gpu_model", "strategy_of", "is_multi_worker", "check_strategy", "shard_plan"]


# -- which strategy a model trains under ----------------------------------------

def strategy_of(model):
    """The ``tf.distribute`` strategy ``model`` was built under (the default one if none)."""
    try:
        return model.distribute_strategy
    except Exception:
        import tensorflow as tf

        return tf.distribute.get_strategy()


def is_multi_worker(strategy) -> bool:
    """True for a strategy that spans several workers (a ``TF_CONFIG`` cluster)."""
    extended = getattr(strategy, "extended", None)
    check = getattr(extended, "_in_multi_worker_mode", None)
    try:
        return bool(check()) if check is not None else False
    except Exception:
        return False


def _is_mirrored_workers(strategy) -> bool:
    """A MultiWorkerMirroredStrategy (whose class is CollectiveAllReduceStrategy)."""
    import tensorflow as tf

    return isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy)


def _strategy_name(strategy) -> str:
    return "MultiWorkerMirroredStrategy" if _is_mirrored_workers(strategy) else type(strategy).__name__


def _strategies(model):
    strategies = [strategy_of(model)]
    if "tensorflow" in sys.modules:
        import tensorflow as tf

        current = tf.distribute.get_strategy()
        if current is not strategies[0]:
            strategies.append(current)
    return strategies


def check_strategy(model, engine) -> None:
    """An error, before training, for a model its engine cannot train distributed.

    Keras 3 trains under ``MirroredStrategy`` but not under a multi-worker
    ``MultiWorkerMirroredStrategy``; ``tf_keras`` trains under both.
    """
    if engine.name != "keras":
        return
    for strategy in _strategies(model):
        if is_multi_worker(strategy):
            raise RKerasError(
                f"`object` should be a tf_keras model to train under {_strategy_name(strategy)} "
                "on several workers: Keras 3 cannot, it fails with "
                "\"Attempt to convert a value (PerReplica ...) to a Tensor\". Build and compile the model "
                "with tf_keras inside strategy.scope() (`import tf_keras as keras`; pip install "
                f"\"rkeras[distributed]\"). Got object={getattr(model, 'name', '?')!r}, "
                f"a Keras 3 {type(model).__name__}.",
                "object",
            )


# -- one shuffle order for every worker ----------------------------------------

def shard_plan(plan, model, *, epochs: int, initial_epoch: int, steps_per_epoch) -> None:
    """Make an array plan visit every sample once per epoch across workers.

    Only acts on a model under a multi-worker strategy, with array inputs that
    are shuffled (``shuffle=True`` or ``"batch"``; Keras shuffles arrays also
    when ``steps_per_epoch`` is given, passing on where the last epoch
    stopped, and so does this). The arrays become a
    ``tf.data.Dataset`` of global batches in an order every worker computes
    alike (a stateless shuffle keyed by a seed the workers agree on and the
    epoch); tf.distribute then gives each worker its own part of each batch
    (auto-shard policy DATA). With ``shuffle="batch"`` (arrays or HDF5) the
    chunk order is drawn from a generator seeded alike on every worker.
    Unshuffled arrays need nothing: Keras' adapter already yields them in the
    same order on every worker.

    Also, while the model trains, the batch logs (progress bar, callbacks'
    ``on_train_batch_end``) are tf_keras' values of the first replica: its
    default reduction, "auto", sums the per-replica values, which on several
    workers are already all-reduced, so batch logs came out times the number
    of workers (epoch logs, and so the history, were right).
    """
    strategy = strategy_of(model)
    if not is_multi_worker(strategy) or not _is_mirrored_workers(strategy):
        return
    if getattr(model, "_distribute_reduction_method", "set") is None:
        plan.contexts.append(_logs_of_first_replica(model))
    args = plan.keras_args
    if plan.samples is None:
        return
    batch_chunks = getattr(plan, "chunks", None) if getattr(plan, "shuffle_mode", None) == "batch" else None
    if args.get("shuffle") is not True and not (batch_chunks is not None and batch_chunks.shuffle):
        return
    if batch_chunks is not None:
        # shuffle="batch" (arrays or HDF5): the chunk order drawn from one shared seed
        batch_chunks.rng = np.random.default_rng(agreed_seed(strategy))
        return
    if not getattr(plan, "arrays", None):
        return

    xs, ys, weights = plan.arrays
    from .inputs.structure import keras_structure

    parts = (keras_structure(xs),) if ys is None else (keras_structure(xs), keras_structure(ys))
    if weights is not None:
        parts = parts + (weights,)
    samples = int(plan.samples)
    batch_size = int(plan.batch_size or args.get("batch_size") or 32)
    seed = agreed_seed(strategy)
    if steps_per_epoch is None:
        # one pass over the samples per epoch, keyed by the epoch
        steps = math.ceil(samples / batch_size)
        passes = (initial_epoch, epochs)
    else:
        # Keras goes on where the last epoch stopped: passes as many as it takes
        steps, passes = steps_per_epoch, None
    dataset = _shuffled_batches(parts, samples, batch_size, seed, passes)

    for key in ("x", "y", "sample_weight", "batch_size", "shuffle"):
        args.pop(key, None)
    args["x"] = dataset
    args["steps_per_epoch"] = steps
    if "validation_data" in args and isinstance(args["validation_data"], tuple):
        args.setdefault("validation_batch_size", batch_size)  # R validates with batch_size too
    plan.steps = steps


@contextlib.contextmanager
def _logs_of_first_replica(model):
    model.distribute_reduction_method = "first"
    if getattr(model, "train_function", None) is not None:
        model.train_function = None  # traced with the summing reduction: trace again
    try:
        yield
    finally:
        model._distribute_reduction_method = None


def agreed_seed(strategy) -> int:
    """One random seed, the same on every worker: the sum of each worker's draw.

    Each worker draws from numpy's global generator (so ``np.random.seed()``
    or ``keras.utils.set_random_seed()`` make runs repeatable) and the draws
    are all-reduced once.
    """
    import tensorflow as tf

    local = tf.constant(int(np.random.randint(0, 2**31 - 1)), tf.int64)

    @tf.function  # eager strategy.run() warns of its overhead
    def all_reduce():
        per_replica = strategy.run(lambda: tf.identity(local))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)

    return int(all_reduce().numpy()) % (2**31 - 1)


def _shuffled_batches(parts, samples, batch_size, seed, passes):
    """Global batches of ``parts``, a new order each pass, the same on every worker.

    ``passes``: ``(first, stop)`` pass numbers, or None for endless passes.
    """
    import tensorflow as tf

    seed = tf.constant(seed, tf.int64)

    def order(number):
        key = tf.stack([seed, number])
        return tf.random.experimental.stateless_shuffle(tf.range(samples, dtype=tf.int64), seed=key)

    def batches(indices):
        return tf.data.Dataset.from_tensor_slices(indices).batch(batch_size)

    numbers = tf.data.Dataset.range(*passes) if passes is not None else tf.data.Dataset.counter()
    indices = numbers.map(order).flat_map(batches)
    data = tf.data.Dataset.from_tensors(parts).repeat()

    def gather(i, values):
        return tf.nest.map_structure(lambda a: tf.gather(a, i, axis=0), values)

    dataset = tf.data.Dataset.zip((indices, data)).map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return dataset.with_options(options).prefetch(tf.data.AUTOTUNE)


# -- R's multi_gpu_model() --------------------------------------------------------

def multi_gpu_model(model, gpus=None, cpu_merge=True, cpu_relocation=False):
    """Replicate a model on several GPUs: R's ``multi_gpu_model()``.

    Returns a copy of ``model`` (same architecture, same weights, same
    ``compile()`` settings when it was compiled) built under a
    ``tf.distribute.MirroredStrategy`` over the chosen devices. ``fit()`` on the
    copy splits each batch of ``batch_size`` samples between the devices.

    Parameters
    ----------
    model : keras.Model or tf_keras.Model
        The template model (R: any Keras model). Functional and Sequential
        models can be copied; subclassed models cannot (build those under
        ``tf.distribute.MirroredStrategy().scope()`` directly).
    gpus : int, list of int, list of str or None
        R default NULL: every GPU TensorFlow sees. A number: the first that
        many GPUs. A list of numbers: GPU ids (``[0, 2]`` is ``/gpu:0`` and
        ``/gpu:2``). A list of device names (``"/gpu:1"``, or ``"/cpu:1"`` for
        logical CPU devices, as tests use).
    cpu_merge, cpu_relocation : bool
        R defaults TRUE and FALSE. Accepted for R scripts; a MirroredStrategy
        keeps a copy of the weights on every device and has no CPU merge step,
        so other values only draw a warning.

    Returns
    -------
    keras.Model or tf_keras.Model
        The copy, of the same engine as ``model``.

    Differences from R keras
    ------------------------
    R's (Keras 2.3) function returned a model that *shared* its weights with
    the template, which was then saved. The copy returned here has its own
    weights: train it and save it (or ``model.set_weights(copy.get_weights())``).
    A count of 1 is accepted (R wanted at least 2). With no GPU at all it is an
    error naming ``gpus``.
    """
    engine = _engine_of_any(model)
    for name, value, default in (("cpu_merge", cpu_merge, True), ("cpu_relocation", cpu_relocation, False)):
        if not isinstance(value, (bool, np.bool_)):
            raise arg_error(name, value, "TRUE or FALSE")
        if bool(value) != default:
            warnings.warn(
                f"multi_gpu_model() ignores {name}={bool(value)}: a MirroredStrategy keeps the weights on "
                "every device and merges gradients by all-reduce.",
                RKerasWarning,
                stacklevel=2,
            )
    devices = _devices(gpus)
    import tensorflow as tf

    strategy = tf.distribute.MirroredStrategy(devices=devices)
    compile_config = _compile_config(model)
    with strategy.scope():
        try:
            copy = engine.module.models.clone_model(model)
        except Exception as error:
            raise arg_error("model", model, "a Functional or Sequential model that can be copied",
                            detail=f"{engine.name}.models.clone_model() failed ({type(error).__name__}: {error}). "
                                   "Build a subclassed model inside tf.distribute.MirroredStrategy().scope() instead.") from None
        copy.set_weights(model.get_weights())
        if compile_config:
            copy.compile_from_config(compile_config)
    return copy


def _engine_of_any(model):
    """The engine of a model, compiled or not (R compiled after multi_gpu_model())."""
    from .engines import engine_named

    modules = [c.__module__ for c in type(model).__mro__]
    names = [c.__name__ for c in type(model).__mro__]
    if "Model" in names and any(m.startswith("tf_keras") for m in modules):
        return engine_named("tf_keras")
    if "Model" in names and any(m.startswith("keras") for m in modules):
        return engine_named("keras")
    raise arg_error("model", model, "a Keras model (keras, tf.keras or tf_keras)")


def _compile_config(model):
    compiled = getattr(model, "compiled", getattr(model, "_is_compiled", False))
    if not compiled:
        return None
    try:
        return model.get_compile_config() or None
    except Exception:
        return None


def _devices(gpus) -> list[str]:
    """``gpus`` as TensorFlow device names, each one checked to exist."""
    import tensorflow as tf

    available = tf.config.list_logical_devices()
    gpu_names = [d.name for d in available if d.device_type == "GPU"]
    no_gpu = ("TensorFlow sees no GPU on this machine (tf.config.list_logical_devices('GPU') is empty). "
              "Train on the CPU without multi_gpu_model(), or name devices explicitly.")
    if gpus is None:
        if not gpu_names:
            raise RKerasError(f"`gpus` should be None only where there are GPUs: {no_gpu} Got gpus=None.", "gpus")
        return gpu_names
    if isinstance(gpus, (bool, np.bool_)):
        raise arg_error("gpus", gpus, "None, a number of GPUs, a list of GPU ids or a list of device names")
    if isinstance(gpus, (int, np.integer)) or (isinstance(gpus, float) and float(gpus).is_integer()):
        count = int(gpus)
        if count < 1:
            raise arg_error("gpus", gpus, "a number of GPUs, 1 or more")
        if count > len(gpu_names):
            detail = no_gpu if not gpu_names else f"TensorFlow sees {len(gpu_names)}: {', '.join(gpu_names)}."
            raise arg_error("gpus", gpus, f"at most the number of GPUs available ({len(gpu_names)})", detail=detail)
        return gpu_names[:count]
    if isinstance(gpus, str):
        gpus = [gpus]
    if not isinstance(gpus, (list, tuple)) or not gpus:
        raise arg_error("gpus", gpus, "None, a number of GPUs, a list of GPU ids or a list of device names")
    known = {_canonical(d.name): d.name for d in available}
    devices = []
    for item in gpus:
        if isinstance(item, (int, np.integer)) and not isinstance(item, (bool, np.bool_)):
            name = f"/device:GPU:{int(item)}"
        elif isinstance(item, str):
            name = item
        else:
            raise arg_error("gpus", gpus, "GPU ids (numbers) or device names (strings)")
        key = _canonical(name)
        if key is None or key not in known:
            listing = ", ".join(d.name for d in available)
            detail = (no_gpu + f" Devices: {listing}.") if not gpu_names else f"Devices: {listing}."
            raise arg_error("gpus", gpus, "ids or names of devices TensorFlow sees",
                            detail=f"{name!r} is not one. {detail}")
        devices.append(known[key])
    if len(set(devices)) != len(devices):
        raise arg_error("gpus", gpus, "distinct devices")
    return devices


def _canonical(name: str):
    import tensorflow as tf

    try:
        spec = tf.DeviceSpec.from_string(name)
    except Exception:
        return None
    if spec.device_type is None or spec.device_index is None:
        return None
    return (spec.device_type.upper(), int(spec.device_index))

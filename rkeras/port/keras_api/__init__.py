"""A minimal seed of the R keras API tables (branch portapi replaces this with the full tables)."""

from __future__ import annotations

from ..table import RFunction

FUNCTIONS = [
    RFunction("keras_model_sequential", "keras.Sequential", ("layers", "name"), kind="constructor"),
    RFunction("layer_dense", "keras.layers.Dense",
              ("object", "units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
               "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
               "bias_constraint", "input_shape", "batch_input_shape", "batch_size", "dtype", "name",
               "trainable", "weights"), kind="layer", integers=frozenset({"units"}),
              shapes=frozenset({"input_shape", "batch_input_shape"})),
    RFunction("layer_dropout", "keras.layers.Dropout",
              ("object", "rate", "noise_shape", "seed", "batch_size", "name", "trainable", "weights"), kind="layer"),
    RFunction("compile", "rkeras.compile",
              ("object", "optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
               "steps_per_execution", "sample_weight_mode", "target_tensors", "..."), kind="model_method"),
    RFunction("fit", "rkeras.fit",
              ("object", "x", "y", "batch_size", "epochs", "verbose", "callbacks", "view_metrics",
               "validation_split", "validation_data", "shuffle", "class_weight", "sample_weight",
               "initial_epoch", "steps_per_epoch", "validation_steps", "..."), kind="model_method"),
    RFunction("evaluate", "rkeras.evaluate",
              ("object", "x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "..."),
              kind="model_method"),
    RFunction("optimizer_rmsprop", "keras.optimizers.RMSprop",
              ("learning_rate", "rho", "momentum", "epsilon", "centered", "weight_decay", "clipnorm",
               "clipvalue", "global_clipnorm", "use_ema", "ema_momentum", "ema_overwrite_frequency",
               "jit_compile", "name", "...", "lr"), kind="constructor", renames={"lr": "learning_rate"}),
    RFunction("optimizer_adam", "keras.optimizers.Adam",
              ("learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad", "weight_decay", "clipnorm",
               "clipvalue", "global_clipnorm", "use_ema", "ema_momentum", "ema_overwrite_frequency",
               "jit_compile", "name", "...", "lr"), kind="constructor", renames={"lr": "learning_rate"}),
]

TABLE = {entry.r_name: entry for entry in FUNCTIONS}

"""The hand-written half of the R keras API tables (read by extract_r_api.py).

For each R function: which family (table module) it belongs to, its Python target, its kind,
renamed or dropped arguments and a note. Facts about R's formals come from R's sources, not
from here.
"""

from __future__ import annotations


FAMILIES = {
    "layers": "layers (layer_*, bidirectional, time_distributed)",
    "activations": "activation functions (activation_*)",
    "optimizers": "optimizers (optimizer_*) and learning-rate schedules (learning_rate_schedule_*)",
    "losses": "losses (loss_*)",
    "metrics": "metrics (metric_*)",
    "callbacks": "callbacks (callback_*)",
    "initializers": "initializers (initializer_*)",
    "regularizers": "regularizers (regularizer_*)",
    "constraints": "constraints (constraint_*)",
    "applications": "applications (application_*, their preprocess_input / decode_predictions)",
    "datasets": "datasets (dataset_*)",
    "backend": "backend functions (k_*)",
    "preprocessing": "text, sequence and image preprocessing",
    "models": "model functions (compile, fit, evaluate, predict, ...), saving and loading",
    "utils": "utilities (to_categorical, array_reshape, pad_sequences, normalize, ...)",
}

#: R keras 2.15 exports the porter does not translate, and why (the porter reports the reason).
NOT_PORTED = {
    "%<-%": "zeallot's multiple assignment: base-R rules of the porter",
    "%<-active%": "R6 active binding syntax, no Python equivalent",
    "%<>%": "magrittr assignment pipe: the porter's pipe rules",
    "%>%": "magrittr pipe: the porter's pipe rules",
    "%py_class%": "R syntax for a Python class: write the class in Python",
    "KerasCallback": "an R6 base class: the porter writes a keras.callbacks.Callback subclass",
    "KerasConstraint": "an R6 base class: write a keras.constraints.Constraint subclass",
    "KerasWrapper": "an R6 base class: write a keras.layers.Wrapper subclass",
    "new_callback_class": "R's class builder: write a keras.callbacks.Callback subclass",
    "new_learning_rate_schedule_class": "R's class builder: write a LearningRateSchedule subclass",
    "new_loss_class": "R's class builder: write a keras.losses.Loss subclass",
    "new_metric_class": "R's class builder: write a keras.metrics.Metric subclass",
    "new_model_class": "R's class builder: write a keras.Model subclass",
    "mark_active": "R6 helper for R-defined classes",
    "create_wrapper": "R's helper for R-defined wrappers",
    "keras_model_custom": "R's custom-model builder: write a keras.Model subclass",
    "install_keras": "installs R keras' Python: pip install rkeras instead",
    "is_keras_available": "R-only check (Keras is always available in Python)",
    "use_backend": "R keras' backend switch: set KERAS_BACKEND before importing keras",
    "use_implementation": "R keras' implementation switch: rkeras chooses the engine",
    "implementation": "R keras' implementation query",
    "use_condaenv": "reticulate's Python selection",
    "use_python": "reticulate's Python selection",
    "use_virtualenv": "reticulate's Python selection",
    "use_session_with_seed": "TF1 sessions: use keras.utils.set_random_seed",
    "keras": "R's handle to the Python module: use `import keras`",
    "tuple": "reticulate's tuple(): a Python tuple",
    "shape": "tensorflow's shape(): a Python tuple",
    "as_tensor": "tensorflow's as_tensor(): keras.ops.convert_to_tensor",
    "run_dir": "tfruns' run_dir(): the active run is option keras.run_dir or RUN_DIR",
    "model_to_yaml": "removed in TensorFlow 2.6 (R keras 2.15 failed on it too): use model_to_json",
    "model_from_yaml": "removed in TensorFlow 2.6 (R keras 2.15 failed on it too): use model_from_json",
    "serialize_model": "R raw-vector serialization: save_model_hdf5 / load_model_hdf5 instead",
    "unserialize_model": "R raw-vector serialization: save_model_hdf5 / load_model_hdf5 instead",
    "model_to_saved_model": "removed in TensorFlow 2.x (experimental API): use save_model_tf",
    "model_from_saved_model": "removed in TensorFlow 2.x (experimental API): use load_model_tf",
    "layer_dense_features": "feature columns were removed in Keras 3: use preprocessing layers",
    "hdf5_matrix": "removed in TensorFlow 2.x: read the file with h5py (rkeras.fit takes h5py datasets)",
    "get_input_at": "Keras 3 layers have no node-index getters: use layer.input",
    "get_input_mask_at": "Keras 3 layers have no node-index getters",
    "get_input_shape_at": "Keras 3 layers have no node-index getters: use layer.input.shape",
    "get_output_at": "Keras 3 layers have no node-index getters: use layer.output",
    "get_output_mask_at": "Keras 3 layers have no node-index getters",
    "get_output_shape_at": "Keras 3 layers have no node-index getters: use layer.output.shape",
    "custom_metric": "R's named R-function metric: a Python function with that __name__",
    "mobilenet_load_model_hdf5": "TF1-era MobileNet loading: keras.saving.load_model",
    "mobilenet_v2_load_model_hdf5": "TF1-era MobileNet loading: keras.saving.load_model",
    "texts_to_sequences_generator": "tf_keras' Tokenizer.texts_to_sequences_generator (a Python generator)",
    "zip_lists": "R list helper: Python's zip()",
    "metric_cosine_proximity": "removed from Keras (R keras 2.15 failed on it): metric_cosine_similarity",
    "loss_cosine_proximity": "removed from Keras (R keras 2.15 failed on it): loss_cosine_similarity",
    "k_get_session": "TF1 sessions do not exist in TensorFlow 2",
    "k_set_session": "TF1 sessions do not exist in TensorFlow 2",
    "k_placeholder": "TF1 placeholders do not exist in Keras 3: keras.Input",
    "k_is_placeholder": "TF1 placeholders do not exist in Keras 3",
    "k_function": "TF1 graph functions do not exist in Keras 3: a keras.Model",
    "k_gradients": "TF1 symbolic gradients: tf.GradientTape",
    "k_learning_phase": "Keras 3 has no global learning phase: pass training= to the call",
    "k_set_learning_phase": "Keras 3 has no global learning phase: pass training= to the call",
    "k_in_train_phase": "Keras 3 has no global learning phase",
    "k_in_test_phase": "Keras 3 has no global learning phase",
    "k_manual_variable_initialization": "TF1 variable initialization",
    "k_eval": "TF1 evaluation: keras.ops.convert_to_numpy",
    "k_update": "TF1 updates: variable.assign",
    "k_update_add": "TF1 updates: variable.assign_add",
    "k_update_sub": "TF1 updates: variable.assign_sub",
    "k_moving_average_update": "TF1 updates",
    "k_get_uid": "TF1 graph naming",
    "k_reset_uids": "TF1 graph naming",
    "k_rnn": "Keras 2 backend RNN loop: keras.layers.RNN",
    "k_ctc_label_dense_to_sparse": "Keras 2 backend CTC helper",
    "k_local_conv1d": "locally connected layers were removed in Keras 3",
    "k_local_conv2d": "locally connected layers were removed in Keras 3",
    "k_normalize_batch_in_training": "Keras 2 backend batch-norm helper: keras.ops.moments",
    "k_random_normal_variable": "Keras 2 backend: keras.Variable(keras.random.normal(...))",
    "k_random_uniform_variable": "Keras 2 backend: keras.Variable(keras.random.uniform(...))",
    "k_batch_get_value": "Keras 2 backend: [keras.ops.convert_to_numpy(v) for v in ...]",
    "k_batch_set_value": "Keras 2 backend: variable.assign for each",
    "k_print_tensor": "Keras 2 backend: print(keras.ops.convert_to_numpy(x))",
    "k_resize_images": "Keras 2 backend: keras.layers.UpSampling2D",
    "k_resize_volumes": "Keras 2 backend: keras.layers.UpSampling3D",
    "k_spatial_2d_padding": "Keras 2 backend: keras.layers.ZeroPadding2D",
    "k_spatial_3d_padding": "Keras 2 backend: keras.layers.ZeroPadding3D",
    "k_temporal_padding": "Keras 2 backend: keras.layers.ZeroPadding1D",
    "k_to_dense": "Keras 2 backend sparse helper",
    "k_is_sparse": "Keras 2 backend sparse helper",
    "k_is_keras_tensor": "Keras 2 backend: keras.backend.is_keras_tensor",
    "k_repeat": "Keras 2 backend: keras.layers.RepeatVector",
    "k_batch_dot": "Keras 2 backend: keras.ops.einsum / keras.ops.matmul",
    "k_ctc_batch_cost": "Keras 2 backend: keras.losses.CTC",
    "k_ctc_decode": "Keras 2 backend: keras.ops.ctc_decode (different arguments)",
    "k_foldl": "Keras 2 backend: a Python loop or tf.foldl",
    "k_foldr": "Keras 2 backend: a Python loop or tf.foldr",
    "k_map_fn": "Keras 2 backend: keras.ops.vectorized_map",
    "k_pool2d": "Keras 2 backend: keras.ops.max_pool / keras.ops.average_pool",
    "k_pool3d": "Keras 2 backend: keras.ops.max_pool / keras.ops.average_pool",
    "k_set_value": "Keras 2 backend: variable.assign",
    "k_count_params": "Keras 2 backend: keras.ops.size",
    "k_get_variable_shape": "Keras 2 backend: variable.shape",
    "k_random_binomial": "Keras 2 backend: keras.random.binomial",
    "k_random_bernoulli": "Keras 2 backend: keras.random.binomial",
    "generator_next": "Python's next(generator)",
    "application_densenet": "Keras 3 has no public DenseNet builder: application_densenet121/169/201",
    "application_nasnet": "Keras 3 has no public NASNet builder: application_nasnetlarge / nasnetmobile",
    "metric_mean_relative_error": "removed in Keras 3",
    "metric_mean_tensor": "removed in Keras 3",
    "k_dtype": "Keras 2 backend: x.dtype",
    "with_custom_object_scope": "R's scope helper: keras.saving.custom_object_scope (a with block)",
}

#: R model functions rkeras implements with R's meaning (SPEC "The model functions").
RKERAS_MODEL_FUNCTIONS = (
    "compile", "fit", "evaluate", "predict", "predict_on_batch", "train_on_batch", "test_on_batch",
    "fit_generator", "evaluate_generator", "predict_generator", "predict_proba", "predict_classes",
    "get_layer", "pop_layer", "get_config", "from_config", "summary", "multi_gpu_model",
)
RKERAS_FUNCTIONS = ("keras_model", "keras_model_sequential")

#: Other model functions and saving: target, kind, renames, note.
MODELS = {
    "save_model_hdf5": ("keras.saving.save_model", "model_method", {}, "HDF5 (legacy format) when filepath ends in .h5 or .hdf5, as R's files do; Keras 3 asks for one of those endings"),
    "load_model_hdf5": ("keras.saving.load_model", "function", {}, ""),
    "save_model_tf": ("rkeras.legacy.save_model_tf", "model_method", {}, "Keras 3 cannot reload a SavedModel: the directory holds a .keras file that load_model_tf reads"),
    "load_model_tf": ("rkeras.legacy.load_model_tf", "function", {}, "reads save_model_tf's directory; a SavedModel written by R keras loads with tf_keras"),
    "save_model_weights_hdf5": ("rkeras.legacy.save_model_weights_hdf5", "model_method", {}, "Keras 3 only writes *.weights.h5: rkeras writes HDF5 weights to any path"),
    "load_model_weights_hdf5": ("rkeras.legacy.load_model_weights_hdf5", "model_method", {}, ""),
    "save_model_weights_tf": ("rkeras.legacy.save_model_weights_tf", "model_method", {}, "Keras 3 has no TF checkpoint weights: rkeras writes HDF5 weights at that path"),
    "load_model_weights_tf": ("rkeras.legacy.load_model_weights_tf", "model_method", {}, ""),
    "model_to_json": ("keras.Model.to_json", "model_method", {}, ""),
    "model_from_json": ("keras.models.model_from_json", "function", {"json": "json_string"}, ""),
    "clone_model": ("keras.models.clone_model", "function", {}, ""),
    "get_weights": ("keras.layers.Layer.get_weights", "model_method", {"trainable": None}, "R's trainable= filter: use model.trainable_weights"),
    "set_weights": ("keras.layers.Layer.set_weights", "model_method", {}, ""),
    "count_params": ("keras.layers.Layer.count_params", "model_method", {}, ""),
    "reset_states": ("rkeras.legacy.reset_states", "model_method", {}, ""),
    "freeze_weights": ("rkeras.legacy.freeze_weights", "model_method", {}, ""),
    "unfreeze_weights": ("rkeras.legacy.unfreeze_weights", "model_method", {}, ""),
    "export_savedmodel": ("keras.Model.export", "model_method", {"export_dir_base": "filepath", "overwrite": None, "versioned": None, "remove_learning_phase": None, "as_text": None}, "Keras 3 exports an inference-only SavedModel to filepath (no versioned subdirectory; R's overwrite, versioned, remove_learning_phase and as_text have no Keras 3 counterpart)"),
}

#: Layer classes Keras 3 dropped or renamed: R name -> (target, renames, note).
LAYERS = {
    "layer_cudnn_gru": ("keras.layers.GRU", {}, "Keras 3's GRU uses cuDNN when it can"),
    "layer_cudnn_lstm": ("keras.layers.LSTM", {}, "Keras 3's LSTM uses cuDNN when it can"),
    "layer_locally_connected_1d": ("tf_keras.layers.LocallyConnected1D", {}, "removed in Keras 3: a tf_keras layer, for tf_keras models only"),
    "layer_locally_connected_2d": ("tf_keras.layers.LocallyConnected2D", {}, "removed in Keras 3: a tf_keras layer, for tf_keras models only"),
    "layer_random_height": ("tf_keras.layers.RandomHeight", {}, "removed in Keras 3: a tf_keras layer, for tf_keras models only"),
    "layer_random_width": ("tf_keras.layers.RandomWidth", {}, "removed in Keras 3: a tf_keras layer, for tf_keras models only"),
    "layer_activation_thresholded_relu": ("keras.layers.ReLU", {"theta": "threshold"}, "ThresholdedReLU was removed in Keras 3; ReLU(threshold=theta) differs only at x == theta"),
    "layer_lambda": ("keras.layers.Lambda", {"f": "function"}, ""),
    "layer_input": ("keras.Input", {}, ""),
    "bidirectional": ("keras.layers.Bidirectional", {}, ""),
    "time_distributed": ("keras.layers.TimeDistributed", {}, ""),
    "adapt": ("rkeras.legacy.adapt", {}, "returns the layer, as R's adapt() did (invisibly)"),
    "get_vocabulary": ("rkeras.legacy.get_vocabulary", {}, ""),
    "set_vocabulary": ("rkeras.legacy.set_vocabulary", {}, ""),
}
LAYER_CONSTRUCTORS = ("layer_input", "layer_gru_cell", "layer_lstm_cell", "layer_simple_rnn_cell",
                      "layer_stacked_rnn_cells")
LAYER_FUNCTIONS = ("adapt", "get_vocabulary", "set_vocabulary")

OPTIMIZER_NOTE = ("R keras before 2.11 took lr and decay: lr is learning_rate; a call giving decay "
                  "(lr / (1 + decay * iterations)) uses the alternative target in keras_api.WHEN_GIVEN")

#: k_* -> (keras.ops / keras.backend / keras.random target, renames)
BACKEND = {
    "backend": ("rkeras.legacy.backend", {}),
    "k_abs": ("keras.ops.abs", {}),
    "k_all": ("keras.ops.all", {}),
    "k_any": ("keras.ops.any", {}),
    "k_arange": ("keras.ops.arange", {}),
    "k_argmax": ("keras.ops.argmax", {}),
    "k_argmin": ("keras.ops.argmin", {}),
    "k_backend": ("keras.backend.backend", {}),
    "k_batch_normalization": ("keras.ops.batch_normalization", {"var": "variance", "beta": "offset", "gamma": "scale"}),
    "k_bias_add": ("keras.ops.add", {"x": "x1", "bias": "x2", "data_format": None}),
    "k_binary_crossentropy": ("keras.ops.binary_crossentropy", {}),
    "k_cast": ("keras.ops.cast", {}),
    "k_cast_to_floatx": ("rkeras.rbase.cast_to_floatx", {}),
    "k_categorical_crossentropy": ("keras.ops.categorical_crossentropy", {}),
    "k_clear_session": ("keras.utils.clear_session", {}),
    "k_clip": ("keras.ops.clip", {"min_value": "x_min", "max_value": "x_max"}),
    "k_concatenate": ("keras.ops.concatenate", {"tensors": "xs"}),
    "k_constant": ("rkeras.rbase.k_constant", {"name": None}),   # tf.constant's shape filling
    "k_conv1d": ("keras.ops.conv", {"x": "inputs"}),
    "k_conv2d": ("keras.ops.conv", {"x": "inputs"}),
    "k_conv3d": ("keras.ops.conv", {"x": "inputs"}),
    "k_conv2d_transpose": ("keras.ops.conv_transpose", {"x": "inputs", "output_shape": None}),
    "k_conv3d_transpose": ("keras.ops.conv_transpose", {"x": "inputs", "output_shape": None}),
    "k_depthwise_conv2d": ("keras.ops.depthwise_conv", {"x": "inputs", "depthwise_kernel": "kernel"}),
    "k_separable_conv2d": ("keras.ops.separable_conv", {"x": "inputs"}),
    "k_cos": ("keras.ops.cos", {}),
    "k_cumprod": ("keras.ops.cumprod", {}),
    "k_cumsum": ("keras.ops.cumsum", {}),
    "k_dot": ("keras.ops.dot", {"x": "x1", "y": "x2"}),
    "k_dropout": ("keras.random.dropout", {"x": "inputs", "level": "rate"}),
    "k_dtype": ("keras.backend.standardize_dtype", {}),
    "k_elu": ("keras.ops.elu", {}),
    "k_epsilon": ("keras.backend.epsilon", {}),
    "k_equal": ("keras.ops.equal", {"x": "x1", "y": "x2"}),
    "k_exp": ("keras.ops.exp", {}),
    "k_expand_dims": ("keras.ops.expand_dims", {}),
    "k_eye": ("keras.ops.eye", {"size": "N", "name": None}),
    "k_flatten": ("keras.ops.ravel", {}),
    "k_floatx": ("keras.backend.floatx", {}),
    "k_gather": ("tensorflow.gather", {"reference": "params"}),  # keras.ops.take's axis=None flattens
    "k_get_value": ("keras.ops.convert_to_numpy", {}),
    "k_greater": ("keras.ops.greater", {"x": "x1", "y": "x2"}),
    "k_greater_equal": ("keras.ops.greater_equal", {"x": "x1", "y": "x2"}),
    "k_hard_sigmoid": ("keras.ops.hard_sigmoid", {}),
    "k_identity": ("keras.ops.copy", {"name": None}),
    "k_image_data_format": ("keras.backend.image_data_format", {}),
    "k_in_top_k": ("keras.ops.in_top_k", {"predictions": "predictions", "targets": "targets"}),
    "k_int_shape": ("keras.ops.shape", {}),
    "k_is_tensor": ("keras.ops.is_tensor", {}),
    "k_l2_normalize": ("keras.ops.normalize", {}),
    "k_less": ("keras.ops.less", {"x": "x1", "y": "x2"}),
    "k_less_equal": ("keras.ops.less_equal", {"x": "x1", "y": "x2"}),
    "k_log": ("keras.ops.log", {}),
    "k_logsumexp": ("keras.ops.logsumexp", {}),
    "k_max": ("keras.ops.max", {}),
    "k_maximum": ("keras.ops.maximum", {"x": "x1", "y": "x2"}),
    "k_mean": ("keras.ops.mean", {}),
    "k_min": ("keras.ops.min", {}),
    "k_minimum": ("keras.ops.minimum", {"x": "x1", "y": "x2"}),
    "k_ndim": ("keras.ops.ndim", {}),
    "k_not_equal": ("keras.ops.not_equal", {"x": "x1", "y": "x2"}),
    "k_one_hot": ("keras.ops.one_hot", {"indices": "x"}),
    "k_ones": ("keras.ops.ones", {"name": None}),
    "k_ones_like": ("keras.ops.ones_like", {"name": None}),
    "k_permute_dimensions": ("keras.ops.transpose", {"pattern": "axes"}),
    "k_pow": ("keras.ops.power", {"x": "x1", "a": "x2"}),
    "k_prod": ("keras.ops.prod", {}),
    "k_random_normal": ("keras.random.normal", {}),
    "k_random_uniform": ("keras.random.uniform", {}),
    "k_truncated_normal": ("keras.random.truncated_normal", {}),
    "k_relu": ("keras.activations.relu", {"alpha": "negative_slope"}),
    "k_repeat_elements": ("keras.ops.repeat", {"rep": "repeats"}),
    "k_reshape": ("keras.ops.reshape", {"shape": "newshape"}),
    "k_reverse": ("keras.ops.flip", {"axes": "axis"}),
    "k_round": ("keras.ops.round", {}),
    "k_set_epsilon": ("keras.backend.set_epsilon", {"e": "value"}),
    "k_set_floatx": ("keras.backend.set_floatx", {"floatx": "value"}),
    "k_set_image_data_format": ("keras.backend.set_image_data_format", {}),
    "k_shape": ("rkeras.rbase.k_shape", {}),   # a shape tensor, as R's was: [[ on it counts from 0
    "k_sigmoid": ("keras.ops.sigmoid", {}),
    "k_sign": ("keras.ops.sign", {}),
    "k_sin": ("keras.ops.sin", {}),
    "k_softmax": ("keras.ops.softmax", {}),
    "k_softplus": ("keras.ops.softplus", {}),
    "k_softsign": ("keras.ops.softsign", {}),
    "k_sparse_categorical_crossentropy": ("keras.ops.sparse_categorical_crossentropy", {}),
    "k_sqrt": ("keras.ops.sqrt", {}),
    "k_square": ("keras.ops.square", {}),
    "k_squeeze": ("keras.ops.squeeze", {}),
    "k_stack": ("keras.ops.stack", {}),
    "k_std": ("keras.ops.std", {}),
    "k_stop_gradient": ("keras.ops.stop_gradient", {}),
    "k_sum": ("keras.ops.sum", {}),
    "k_switch": ("keras.ops.where", {"then_expression": "x1", "else_expression": "x2"}),
    "k_tanh": ("keras.ops.tanh", {}),
    "k_tile": ("keras.ops.tile", {"n": "repeats"}),
    "k_transpose": ("keras.ops.transpose", {}),
    "k_unstack": ("keras.ops.unstack", {"name": None}),
    "k_var": ("keras.ops.var", {}),
    "k_variable": ("keras.Variable", {"value": "initializer"}),
    "k_zeros": ("keras.ops.zeros", {"name": None}),
    "k_zeros_like": ("keras.ops.zeros_like", {"name": None}),
}

PREPROCESSING = {
    "text_tokenizer": ("tf_keras.preprocessing.text.Tokenizer", {}, "removed in Keras 3: tf_keras' Tokenizer"),
    "fit_text_tokenizer": ("rkeras.legacy.fit_text_tokenizer", {}, "returns the tokenizer, as R did"),
    "save_text_tokenizer": ("rkeras.legacy.save_text_tokenizer", {}, ""),
    "load_text_tokenizer": ("rkeras.legacy.load_text_tokenizer", {}, ""),
    "texts_to_sequences": ("tf_keras.preprocessing.text.Tokenizer.texts_to_sequences", {}, ""),
    "texts_to_matrix": ("tf_keras.preprocessing.text.Tokenizer.texts_to_matrix", {}, ""),
    "sequences_to_matrix": ("tf_keras.preprocessing.text.Tokenizer.sequences_to_matrix", {}, ""),
    "text_to_word_sequence": ("tf_keras.preprocessing.text.text_to_word_sequence", {"text": "input_text"}, ""),
    "text_one_hot": ("tf_keras.preprocessing.text.one_hot", {}, ""),
    "text_hashing_trick": ("tf_keras.preprocessing.text.hashing_trick", {}, ""),
    "make_sampling_table": ("tf_keras.preprocessing.sequence.make_sampling_table", {}, ""),
    "skipgrams": ("tf_keras.preprocessing.sequence.skipgrams", {}, ""),
    "timeseries_generator": ("tf_keras.preprocessing.sequence.TimeseriesGenerator", {}, "removed in Keras 3: tf_keras' generator (or keras.utils.timeseries_dataset_from_array)"),
    "image_data_generator": ("tf_keras.preprocessing.image.ImageDataGenerator", {}, "removed in Keras 3: tf_keras' ImageDataGenerator"),
    "fit_image_data_generator": ("rkeras.legacy.fit_image_data_generator", {}, "returns the generator, as R did"),
    "flow_images_from_data": ("rkeras.legacy.flow_images_from_data", {}, ""),
    "flow_images_from_directory": ("rkeras.legacy.flow_images_from_directory", {}, ""),
    "flow_images_from_dataframe": ("rkeras.legacy.flow_images_from_dataframe", {}, ""),
    "image_load": ("keras.utils.load_img", {}, ""),
    "image_to_array": ("keras.utils.img_to_array", {}, ""),
    "image_array_save": ("keras.utils.save_img", {}, ""),
    "image_array_resize": ("rkeras.legacy.image_array_resize", {}, ""),
    "image_dataset_from_directory": ("keras.utils.image_dataset_from_directory", {}, ""),
    "text_dataset_from_directory": ("keras.utils.text_dataset_from_directory", {}, ""),
    "timeseries_dataset_from_array": ("keras.utils.timeseries_dataset_from_array", {}, ""),
}

UTILS = {
    "to_categorical": ("keras.utils.to_categorical", {}, ""),
    "pad_sequences": ("keras.utils.pad_sequences", {}, ""),
    "normalize": ("keras.utils.normalize", {}, ""),
    "get_file": ("keras.utils.get_file", {}, ""),
}


def family(name):
    if name in NOT_PORTED:
        return None
    if name in RKERAS_MODEL_FUNCTIONS or name in RKERAS_FUNCTIONS or name in MODELS:
        return "models"
    if name in LAYERS or name.startswith("layer_"):
        return "layers"
    for prefix, fam in (("activation_", "activations"), ("optimizer_", "optimizers"),
                        ("learning_rate_schedule_", "optimizers"), ("loss_", "losses"),
                        ("metric_", "metrics"), ("callback_", "callbacks"),
                        ("initializer_", "initializers"), ("regularizer_", "regularizers"),
                        ("constraint_", "constraints"), ("application_", "applications"),
                        ("dataset_", "datasets"), ("k_", "backend"), ("backend", "backend")):
        if name.startswith(prefix):
            return fam
    if name.endswith("_preprocess_input") or name.endswith("_decode_predictions"):
        return "applications"
    if name in PREPROCESSING:
        return "preprocessing"
    if name in UTILS:
        return "utils"
    return None


def _keras_target(d):
    refs = d.keras_refs()
    if not refs:
        return None
    return "keras." + refs[0].replace("$", ".")


#: Arguments Keras 3 does not take, by family or name: R argument -> why it is dropped.
DROPPED = {
    "callback_progbar_logger": {"count_mode": "Keras 3's ProgbarLogger counts steps", "stateful_metrics": "Keras 3's ProgbarLogger takes no arguments"},
    "callback_tensorboard": {"batch_size": "R keras 2.15 ignored it on TensorFlow >= 1.14", "write_grads": "R keras 2.15 ignored it on TensorFlow >= 1.14",
                             "embeddings_layer_names": "R keras 2.15 did not pass it to TensorFlow's TensorBoard", "embeddings_data": "R keras 2.15 did not pass it to TensorFlow's TensorBoard"},
    "to_categorical": {"dtype": "Keras 3's to_categorical returns float64 (R: float32), which fit converts"},
    "metric_binary_crossentropy": {"axis": "Keras 3's BinaryCrossentropy metric reduces over the last axis, R's default"},
    "text_one_hot": {"text": "R's deprecated alias of input_text"},
    "layer_additive_attention": {"causal": "Keras 3 takes use_causal_mask when the layer is called"},
    "layer_embedding": {"sparse": "Keras 3's Embedding has no sparse-gradient option"},
    "image_load": {"grayscale": "R's deprecated flag: color_mode = \"grayscale\""},
}
RENAMES = {
    "activation_relu": {"alpha": "negative_slope"},
    "layer_activation_leaky_relu": {"alpha": "negative_slope"},
    "regularizer_l1": {"l": "l1"},
    "regularizer_l2": {"l": "l2"},
    "k_constant": {"name": None},
    "k_stop_gradient": {"variables": "variable"},
    "to_categorical": {"y": "x"},
    "layer_embedding": {"input_length": "input_shape"},
    "freeze_weights": {"from": "from_"},
    "unfreeze_weights": {"from": "from_"},
}
#: Defaults written out by hand: R keras' meaning where its code differed from its formals.
DEFAULTS = {
    "texts_to_matrix": ({"mode": "'binary'"}, "R keras 2.15 passed its whole default vector c(\"binary\", ...) on, which fails; rkeras uses the first choice, \"binary\", as R's documentation says"),
    "sequences_to_matrix": ({"mode": "'binary'"}, "R keras 2.15 passed its whole default vector c(\"binary\", ...) on, which fails; rkeras uses the first choice, \"binary\", as R's documentation says"),
    "initializer_variance_scaling": ({"distribution": "'untruncated_normal'"}, "R's default \"normal\" meant \"untruncated_normal\" (R keras translated it; Keras 3 reads \"normal\" as truncated)"),
}
#: R defaults that R resolved itself (not written out: Keras' own default is R's usual result).
NOTES_EXTRA = {
    "k_gather": "tf.gather, as Keras 2's K.gather: keras.ops.take would flatten the tensor first",
    "k_l2_normalize": "R's axis = NULL normalizes over every axis (keras.ops.normalize's own default is -1)","callback_model_checkpoint": "Keras 3's ModelCheckpoint only writes .keras / .weights.h5: rkeras' writes to R's paths (HDF5 weights, .h5/.hdf5 models)"}
NO_DEFAULT = {"callback_tensorboard": ("log_dir",), "save_model_hdf5": ("include_optimizer",)}
#: Notes on arguments Keras 3 rejects and that keep R's meaning only if left out.
NOTES = {n: "time_major is gone from Keras 3 (batch-major only): a call giving it fails in Keras"
         for n in ("layer_gru", "layer_lstm", "layer_rnn")}
#: Arguments that are shapes although R only made them integers.
SHAPES = {"layer_embedding": ("input_length",), "k_ones": ("shape",), "k_tile": ("n",),
          "layer_permute": ("dims",)}
TARGETS = {
    "callback_model_checkpoint": "rkeras.legacy.callback_model_checkpoint",
    "imagenet_preprocess_input": "keras.applications.imagenet_utils.preprocess_input",
    "imagenet_decode_predictions": "keras.applications.imagenet_utils.decode_predictions",
    "mobilenet_decode_predictions": "keras.applications.mobilenet.decode_predictions",
    "mobilenet_v2_decode_predictions": "keras.applications.mobilenet_v2.decode_predictions",
    "mobilenet_v2_preprocess_input": "keras.applications.mobilenet_v2.preprocess_input",
}


def rule_for(name, d):
    rule = _rule_for(name, d)
    if rule is None:
        return None
    rule.setdefault("renames", {})
    rule["renames"] = {**rule["renames"], **RENAMES.get(name, {})}
    notes = [rule.get("note", "")] if rule.get("note") else []
    for arg, why in DROPPED.get(name, {}).items():
        rule["renames"][arg] = None
        notes.append(f"{arg} dropped: {why}")
    for arg, python in rule["renames"].items():
        if python is None and arg not in DROPPED.get(name, {}) and not any(arg in n for n in notes):
            notes.append(f"{arg} dropped: {rule['target']} takes no {arg}")
    rule["note"] = "; ".join(notes)
    if name in TARGETS:
        rule["target"] = TARGETS[name]
    if name in SHAPES:
        rule["shapes"] = SHAPES[name]
    if name in DEFAULTS:
        rule["defaults"], why = DEFAULTS[name]
        notes.append(why)
        rule["note"] = "; ".join(notes)
    if name in NOTES_EXTRA:
        rule["note"] = "; ".join([n for n in (rule["note"], NOTES_EXTRA[name]) if n])
    if name in NOTES:
        rule["note"] = "; ".join([n for n in (rule["note"], NOTES[name]) if n])
    if name in NO_DEFAULT:
        rule["no_default"] = NO_DEFAULT[name]
    if name == "layer_embedding":
        notes.append("Keras 3's Embedding has no input_length: it is the input shape (input_length = maxlen is input_shape = (maxlen,))")
        rule["note"] = "; ".join(notes)
    return rule


def _rule_for(name, d):
    fam = family(name)
    first = d.arg_names[0] if d.arg_names else None
    if fam == "models":
        if name in RKERAS_MODEL_FUNCTIONS or name in RKERAS_FUNCTIONS:
            kind = "model_method" if first == "object" else "function"
            return dict(target=f"rkeras.{name}", kind=kind)
        target, kind, renames, note = MODELS[name]
        return dict(target=target, kind=kind, renames=renames, note=note)
    if fam == "layers":
        target, renames, note = LAYERS.get(name, (_keras_target(d), {}, ""))
        kind = "constructor" if name in LAYER_CONSTRUCTORS else "function" if name in LAYER_FUNCTIONS else "layer"
        return dict(target=target, kind=kind, renames=renames, note=note)
    if fam == "activations":
        return dict(target=_keras_target(d) if name != "activation_sigmoid" else "keras.activations.sigmoid",
                    kind="function")
    if fam == "optimizers":
        if name.startswith("optimizer_"):
            return dict(target=_keras_target(d) or "keras.optimizers." + _OPTIMIZER_CLASSES[name],
                        kind="constructor", extra_args=("lr", "decay"), renames={"lr": "learning_rate"},
                        note=OPTIMIZER_NOTE,
                        when_given={"decay": "rkeras.legacy." + _OPTIMIZER_CLASSES[name]})
        return dict(target=_keras_target(d), kind="constructor")
    if fam in ("losses", "metrics"):
        refs = d.keras_refs()
        target = "keras." + refs[0].replace("$", ".") if refs else None
        rule = dict(target=target, kind="constructor")
        function = None
        if fam == "losses" and len(refs) > 1:
            function = "keras." + refs[1].replace("$", ".")
        if fam == "metrics" and getattr(d, "py_fn", None):
            function = "keras.metrics." + d.py_fn
        if function:
            function = function.replace("kullback_leibler_divergence", "kl_divergence").replace("logcosh", "log_cosh")
        if function:
            rule["when_given"] = {"y_true": function}
            rule["value"] = function
            rule["renames"] = {"y_true": "y_true", "y_pred": "y_pred"}
            rule["note"] = ("called with y_true and y_pred (or named without a call, as a value) it is the "
                            "function " + function + ", as in R")
        return rule
    if fam in ("callbacks", "initializers", "regularizers", "constraints", "applications"):
        return dict(target=_keras_target(d), kind="constructor" if fam != "applications" or name.startswith("application_") else "function")
    if fam == "datasets":
        return dict(target=f"rkeras.{name}", kind="function")
    if fam == "backend":
        target, renames = BACKEND[name]
        return dict(target=target, kind="function", renames=renames)
    if fam == "preprocessing":
        target, renames, note = PREPROCESSING[name]
        return dict(target=target, kind="function", renames=renames, note=note)
    if fam == "utils":
        target, renames, note = UTILS[name]
        return dict(target=target, kind="function", renames=renames, note=note)
    return None


rule_for.family = family

_OPTIMIZER_CLASSES = {
    "optimizer_adadelta": "Adadelta", "optimizer_adagrad": "Adagrad", "optimizer_adam": "Adam",
    "optimizer_adamax": "Adamax", "optimizer_ftrl": "Ftrl", "optimizer_nadam": "Nadam",
    "optimizer_rmsprop": "RMSprop", "optimizer_sgd": "SGD",
}

#: Entries for functions R keras re-exports from other packages (no formals to read here).
EXTRA_ENTRIES = {
    "utils": [dict(r_name="array_reshape", target="rkeras.rbase.array_reshape", args=("x", "dim", "order"),
                   kind="function", renames={}, integers=["dim"], one_based=[], shapes=["dim"],
                   defaults={}, note="reticulate's array_reshape: C (row-major) order by default, as numpy "
                                     "(rkeras.rbase keeps R's argument names, which numpy.reshape lacks)")],
}

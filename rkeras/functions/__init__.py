"""R keras' model functions, one module per R function, named after it.

``rkeras.compile``, ``rkeras.evaluate``, ``rkeras.get_layer``, ... take the
model first, as R does (``model %>% compile(...)`` is
``rkeras.compile(model, ...)``), follow R's calling habits
(:mod:`rkeras.habits`) and work on both engines (Keras 3 and ``tf_keras``).
They are exported lazily from :mod:`rkeras`, so ``import rkeras`` stays free
of TensorFlow; nothing in this package's ``__init__`` imports it either.

Data flows one way: R function -> argument habits -> input conversion
(:mod:`rkeras.inputs`) -> Keras -> results in R's shape and order
(:mod:`rkeras.metric_order`).
"""

"""``python -m rkeras [--out DIR]``: the main job, an R keras script ported line by line.

The R script it ports::

    library(keras)
    set.seed(1)
    iris <- iris[sample(nrow(iris)), ]                 # shuffle the rows
    train <- 1:120                                     # rows 121 to 150 are held back
    x <- as.matrix(iris[train, 1:4])
    y <- iris$Species[train]                           # a factor
    model <- keras_model_sequential(input_shape = 4) %>%
      layer_dense(16, activation = "relu") %>%
      layer_dense(3, activation = "softmax")
    model %>% compile(loss = "sparse_categorical_crossentropy",
                      optimizer = optimizer_adam(learning_rate = 0.02),
                      metrics = "accuracy")
    history <- model %>% fit(x, y, epochs = 30, validation_split = 0.2)
    print(history)
    write.csv(as.data.frame(history), "history.csv", row.names = FALSE)
    ggsave("history.png", plot(history))
    model %>% evaluate(as.matrix(iris[-train, 1:4]), iris$Species[-train], verbose = 0)

Each R function is its rkeras namesake, with R's arguments: the model is
built with :func:`rkeras.keras_model_sequential`, compiled with
:func:`rkeras.compile` (one metric string, as R writes it), trained with
:func:`rkeras.fit` and evaluated on the 30 held-back rows with
:func:`rkeras.evaluate`, whose named result is printed as R prints it.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rkeras", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="directory for history.csv and history.png (default: .)")
    parser.add_argument("--epochs", type=int, default=30, help="final epoch (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    import keras
    import numpy as np

    import rkeras

    keras.utils.set_random_seed(args.seed)                                           # R: set.seed(1)
    iris = rkeras.load_iris()
    iris = iris.iloc[np.random.default_rng(args.seed).permutation(len(iris))]        # R: iris[sample(nrow(iris)), ]
    train = np.arange(0, 120)                                                        # R: train <- 1:120
    held_back = np.setdiff1d(np.arange(len(iris)), train)                            # R: -train
    x = iris.iloc[train, 0:4].to_numpy()                                             # R: as.matrix(iris[train, 1:4])
    y = iris["Species"].iloc[train]                                                  # R: iris$Species[train]

    model = rkeras.keras_model_sequential(                                           # R: keras_model_sequential(
        [keras.layers.Dense(16, activation="relu"),                                  #   input_shape = 4) %>%
         keras.layers.Dense(3, activation="softmax")],                               #   layer_dense(...) %>% ...
        input_shape=4,
    )
    rkeras.compile(model, loss="sparse_categorical_crossentropy",                    # R: model %>% compile(...)
                   optimizer=keras.optimizers.Adam(learning_rate=0.02), metrics="accuracy")
    history = rkeras.fit(model, x, y, epochs=args.epochs, validation_split=0.2)      # R: model %>% fit(...)
    print(history)                                                                   # R: print(history)

    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "history.csv")
    png_path = os.path.join(args.out, "history.png")
    rkeras.as_data_frame(history).to_csv(csv_path, index=False)                      # R: write.csv(as.data.frame(..))
    from rkeras.plotting import save_plot

    save_plot(history.plot(), png_path)                                              # R: ggsave(.., plot(history))

    result = rkeras.evaluate(model, iris.iloc[held_back, 0:4].to_numpy(),            # R: model %>% evaluate(
                             iris["Species"].iloc[held_back], verbose=0)             #   x[-train, ], y[-train])
    print(result)                                                                    # R prints the named vector
    print(f"Wrote {csv_path} and {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m rkeras [--out DIR]``: the main job, an R keras script ported.

The R script it ports::

    library(keras)
    iris <- iris[sample(nrow(iris)), ]                 # shuffle the rows
    x <- as.matrix(iris[, 1:4])
    y <- iris$Species                                  # a factor
    model <- keras_model_sequential() %>%
      layer_dense(16, activation = "relu", input_shape = 4) %>%
      layer_dense(3, activation = "softmax")
    model %>% compile(loss = "sparse_categorical_crossentropy",
                      optimizer = optimizer_adam(learning_rate = 0.02),
                      metrics = "accuracy")
    history <- model %>% fit(x, y, epochs = 30, validation_split = 0.2)
    print(history)
    write.csv(as.data.frame(history), "history.csv")
    ggsave("history.png", plot(history))
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

    import numpy as np
    import keras

    import rkeras

    keras.utils.set_random_seed(args.seed)
    iris = rkeras.load_iris()
    iris = iris.iloc[np.random.default_rng(args.seed).permutation(len(iris))].reset_index(drop=True)
    x = iris.iloc[:, 0:4]                      # a data frame: all its columns are the matrix
    y = iris["Species"]                        # a factor: its codes are the classes

    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(loss="sparse_categorical_crossentropy", optimizer=keras.optimizers.Adam(learning_rate=0.02),
                  metrics=["accuracy"])
    history = rkeras.fit(model, x, y, epochs=args.epochs, validation_split=0.2)

    print(history)
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "history.csv")
    png_path = os.path.join(args.out, "history.png")
    rkeras.as_data_frame(history).to_csv(csv_path, index=False)
    from rkeras.plotting import save_plot

    save_plot(history.plot(), png_path)
    print(f"Wrote {csv_path} and {png_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

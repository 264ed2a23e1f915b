"""%>% chains: Sequential layer lists, model.add for a known Sequential, functional calls, plain calls."""

from __future__ import annotations

from port_helpers import expect, port


def test_sequential_chain_becomes_a_list_with_an_input():
    expect(
        """
        model <- keras_model_sequential() %>%
          layer_dense(units = 16, activation = "relu", input_shape = c(4)) %>%
          layer_dropout(0.5) %>%
          layer_dense(3, activation = "softmax")
        """,
        """
        model = keras.Sequential([  # R:1
            keras.Input(shape=(4,)),
            keras.layers.Dense(units=16, activation="relu"),
            keras.layers.Dropout(rate=0.5),
            keras.layers.Dense(units=3, activation="softmax"),
        ])
        """,
    )


def test_layers_piped_into_a_known_sequential_model_are_added_in_place():
    expect(
        """
        model <- keras_model_sequential()
        model %>%
          layer_dense(units = 8, input_shape = 784) %>%
          layer_dropout(rate = 0.4)
        """,
        """
        model = rkeras.keras_model_sequential()  # R:1
        model.add(keras.Input(shape=(784,)))  # R:2
        model.add(keras.layers.Dense(units=8))  # R:2
        model.add(keras.layers.Dropout(rate=0.4))  # R:2
        """,
    )


def test_pipe_into_model_functions_passes_the_model_first():
    expect(
        """
        model %>% compile(loss = "mse", optimizer = optimizer_rmsprop(lr = 0.01), metrics = c("mae"))
        history <- model %>% fit(x, y, epochs = 5, batch = 16)
        """,
        """
        rkeras.compile(model, loss="mse", optimizer=keras.optimizers.RMSprop(learning_rate=0.01), metrics=["mae"])  # R:1
        history = rkeras.fit(model, x, y, epochs=5, batch_size=16)  # R:2
        """,
    )


def test_layers_on_unknown_objects_compose_at_run_time():
    expect(
        "out <- inputs %>% layer_dense(units = 2)",
        "out = rbase.compose_layer(inputs, keras.layers.Dense(units=2))  # R:1",
    )


def test_plain_pipes_and_the_dot_placeholder():
    expect(
        """
        a <- x %>% sum()
        b <- x %>% paste("first", .)
        d <- x |> sqrt()
        """,
        """
        a = rbase.sum(x)  # R:1
        b = rbase.paste("first", x)  # R:2
        d = np.sqrt(x)  # R:3
        """,
    )


def test_sequential_model_runs(tmp_path):
    ported = port(
        """
        model <- keras_model_sequential() %>%
          layer_dense(units = 3, input_shape = 2) %>%
          layer_dropout(rate = 0.1)
        n <- length(model$layers)
        """
    )
    namespace = {}
    exec(ported.code, namespace)
    assert namespace["n"] == 2
    assert tuple(namespace["model"].input_shape) == (None, 2)


def test_the_dot_inside_nested_arguments_is_the_left_side_too():
    expect("n <- x %>% paste(length(.))", "n = rbase.paste(x, rbase.length(x))  # R:1")

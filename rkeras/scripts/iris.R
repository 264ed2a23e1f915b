# The main job of rkeras: this R keras script, ported to Python by `rkeras port` and run.
library(keras)
set.seed(1)
epochs <- as.integer(Sys.getenv("EPOCHS", "30"))

iris <- iris[sample(nrow(iris)), ]                 # shuffle the rows
train <- 1:120                                     # rows 121 to 150 are held back
x <- as.matrix(iris[train, 1:4])
y <- iris$Species[train]                           # a factor

model <- keras_model_sequential() %>%
  layer_dense(16, activation = "relu", input_shape = 4) %>%
  layer_dense(3, activation = "softmax")
model %>% compile(loss = "sparse_categorical_crossentropy",
                  optimizer = optimizer_adam(learning_rate = 0.02),
                  metrics = "accuracy")
history <- model %>% fit(x, y, epochs = epochs, validation_split = 0.2)
print(history)
write.csv(as.data.frame(history), "history.csv", row.names = FALSE)
ggsave("history.png", plot(history))

# held-back rows: R prints the named result
model %>% evaluate(as.matrix(iris[-train, 1:4]), iris$Species[-train], verbose = 0)

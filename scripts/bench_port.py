"""How long ``rkeras port`` takes on a 300-line R keras script, after import (fastest of N).

    python scripts/bench_port.py [--lines 300] [--repeat 7]

The script is made of the constructs real scripts use (data preparation with indexing,
a Sequential model built by pipes, compile/fit/evaluate, a function, loops), repeated to
the wanted length. The figure to beat: under a second.
"""

from __future__ import annotations

import argparse
import time

BLOCK = """
# block {i} -------------------------------------------------------------
batch_size_{i} <- 128
x_{i} <- matrix(runif(1000), ncol = 10)
y_{i} <- x_{i}[, 1] * 2 + x_{i}[-1, 2][1:10]
idx_{i} <- sample(nrow(x_{i}))
x_{i} <- x_{i}[idx_{i}, ]
model_{i} <- keras_model_sequential() %>%
  layer_dense(units = 64, activation = "relu", input_shape = c(10)) %>%
  layer_dropout(rate = 0.4) %>%
  layer_dense(units = 1)
model_{i} %>% compile(loss = "mse", optimizer = optimizer_rmsprop(lr = 0.001), metrics = c("mae"))
history_{i} <- model_{i} %>% fit(x_{i}, y_{i}, epochs = 5, batch_size = batch_size_{i}, validation_split = 0.2)
score_{i} <- model_{i} %>% evaluate(x_{i}, y_{i}, verbose = 0)
cat("Test loss:", score_{i}[[1]], "\\n")
scale_{i} <- function(v, by = 2) {{
  out <- v / by
  out
}}
for (j in 1:3) {{
  if (j %% 2 == 0) print(j) else cat(sprintf("odd %d\\n", j))
}}
"""


def make_script(lines: int) -> str:
    out, i = [], 0
    while sum(part.count("\n") for part in out) < lines:
        out.append(BLOCK.format(i=i))
        i += 1
    return "library(keras)\n" + "".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from rkeras.port import port_text

    port_text("x <- 1\n")  # imports tree-sitter and the tables, builds the parser
    warm = time.perf_counter() - started
    script = make_script(args.lines)
    n_lines = script.count("\n")
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        ported = port_text(script)
        times.append(time.perf_counter() - t0)
    print(f"import + first port: {warm:.3f} s")
    print(f"porting {n_lines} lines of R ({ported.statements} statements, {ported.translated} translated): "
          f"fastest {min(times) * 1000:.1f} ms, median {sorted(times)[len(times) // 2] * 1000:.1f} ms "
          f"of {args.repeat} (goal: under 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

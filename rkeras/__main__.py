"""``python -m rkeras [--out DIR]``: the main job, an R keras script ported by ``rkeras port`` and run.

It ports the R script rkeras ships (``rkeras/scripts/iris.R``: an R-style model on R's
iris, trained with ``fit()``, its history printed, written as a data frame and plotted,
then evaluated on held-back rows), writes the Python beside ``history.csv`` and
``history.png`` in ``--out``, and runs it there.

``rkeras port SCRIPT.R`` (also ``python -m rkeras port``) is the porter itself.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rkeras", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="directory for iris.py, history.csv and history.png (default: .)")
    parser.add_argument("--epochs", type=int, default=None, help="final epoch (default: the script's, 30)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if args.epochs is not None:
        os.environ["EPOCHS"] = str(args.epochs)   # the R script reads Sys.getenv("EPOCHS", "30")

    from .port import port_text

    r_code = resources.files("rkeras").joinpath("scripts/iris.R").read_text(encoding="utf-8")
    ported = port_text(r_code, filename="iris.R")
    os.makedirs(args.out, exist_ok=True)
    py_path = os.path.join(args.out, "iris.py")
    with open(py_path, "w", encoding="utf-8") as handle:
        handle.write(ported.code)
    print(f"rkeras port iris.R -> {py_path}: {ported.report()}", flush=True)

    import runpy

    here = os.getcwd()
    os.chdir(args.out)
    try:
        runpy.run_path("iris.py", run_name="__main__")
    finally:
        os.chdir(here)
    print(f"Wrote {os.path.join(args.out, 'history.csv')} and {os.path.join(args.out, 'history.png')}")
    return 0


def cli(argv=None) -> int:
    """The ``rkeras`` console script: ``rkeras port SCRIPT.R [...]``, or the main job without a subcommand."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "port":
        from .port.cli import main as port_main

        return port_main(argv[1:])
    return main(argv)


if __name__ == "__main__":
    sys.exit(cli())

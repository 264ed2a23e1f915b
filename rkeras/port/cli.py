"""``rkeras port SCRIPT.R [-o OUT] [--stdout]``: the porter's command line."""

from __future__ import annotations

import argparse
import json
import sys

__all__ = ["main"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="rkeras port",
        description="Port an R keras script (.R) to Python (.py), or an R Markdown notebook (.Rmd) to Jupyter (.ipynb).",
    )
    parser.add_argument("source", help="the R script or R Markdown file")
    parser.add_argument("-o", "--output", help="where to write (default: beside SOURCE, .py or .ipynb)")
    parser.add_argument("--stdout", action="store_true", help="print the Python to standard output instead of writing a file")
    args = parser.parse_args(argv)

    from . import port_file, port_text
    from .core import notebook_json
    from .parser import RParseError

    try:
        if args.stdout:
            with open(args.source, encoding="utf-8") as handle:
                text = handle.read()
            notebook = args.source.lower().endswith((".rmd", ".qmd"))
            ported = port_text(text, notebook=notebook, filename=args.source)
            if notebook:
                json.dump(notebook_json(ported), sys.stdout, indent=1)
                sys.stdout.write("\n")
            else:
                sys.stdout.write(ported.code)
            where = "standard output"
        else:
            ported, where = port_file(args.source, args.output)
    except RParseError as exc:
        print(f"rkeras port: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"rkeras port: {exc}", file=sys.stderr)
        return 1
    print(f"{args.source} -> {where}: {ported.report()}", file=sys.stderr)
    return 0

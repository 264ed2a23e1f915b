"""The process ``training_run()`` starts: runs one script as ``__main__``.

``python -m rkeras.tfruns.runner SCRIPT ECHO ENCODING`` runs ``SCRIPT`` in a
fresh ``__main__`` module (as ``python SCRIPT`` would: its folder first on
``sys.path``, ``sys.argv == [SCRIPT]``), with the run directory in
``RUN_DIR`` (see :mod:`rkeras.tfruns.run_context`).

With ``ECHO`` 1 each top-level statement is printed before it runs (with
Python's prompts, ``>>> `` and ``... ``, and the comments before it), and the
value of each expression statement is printed, as in an interactive session:
R's ``source(echo = TRUE)``. With 0 the script runs as ``python SCRIPT``.

When the script raises, ``tfruns.d/error.json`` gets ``{"message",
"traceback"}`` (:func:`rkeras.runs.record_error`: the exception's message,
and the traceback's lines from the script's first frame on), the traceback
is printed on standard error and the exit status is 1. A
``SystemExit`` with status 0 (or None) is success; another status is an
error. Ctrl-C is not an error (as in tfruns): exit status 130, no
``error.json``.

Matplotlib figures still open when the script ends are saved as
``plots/Rplot001.png``, ... (tfruns sent R's plots there).
"""

from __future__ import annotations

import __future__ as future_features
import ast
import builtins
import os
import sys
import traceback
import types

__all__ = ["main"]


def _echo(lines: list[str]) -> None:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    for i, line in enumerate(lines):
        print((">>> " if i == 0 else "... ") + line)


def _run_echoed(source: str, script: str, namespace: dict) -> None:
    tree = ast.parse(source, filename=script)
    lines = source.splitlines()
    flags = 0
    done = 0  # lines echoed so far
    for statement in tree.body:
        first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
        _echo(lines[done:first - 1] if any(l.strip().startswith("#") for l in lines[done:first - 1]) else [])
        _echo(lines[first - 1:statement.end_lineno])
        done = statement.end_lineno
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            for alias in statement.names:
                feature = getattr(future_features, alias.name, None)
                flags |= getattr(feature, "compiler_flag", 0)
        code = compile(ast.Interactive(body=[statement]), script, "single", flags=flags, dont_inherit=True)
        exec(code, namespace)  # noqa: S102 - running the user's script is the point


def _save_figures(run_dir: str | None) -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None or run_dir is None:
        return
    folder = os.path.join(run_dir, "plots")
    for index, number in enumerate(pyplot.get_fignums(), start=1):
        os.makedirs(folder, exist_ok=True)
        pyplot.figure(number).savefig(os.path.join(folder, f"Rplot{index:03d}.png"), dpi=192)


def _from_script(tb, script: str):
    """The traceback from the script's first frame on (the runner's own frames dropped)."""
    script = os.path.abspath(script)
    current = tb
    while current is not None and os.path.abspath(current.tb_frame.f_code.co_filename) != script:
        current = current.tb_next
    return current or tb


def _print_error(error: BaseException, script: str) -> None:
    traceback.print_exception(type(error), error, _from_script(error.__traceback__, script))


def _record_error(error: BaseException, script: str) -> None:
    from .. import runs

    directory = runs.active_run_dir()
    if directory is not None:
        runs.record_error(directory, error.with_traceback(_from_script(error.__traceback__, script)))


def main(argv: list[str]) -> int:
    script, echo, encoding = os.path.abspath(argv[0]), argv[1] == "1", argv[2]
    with open(script, encoding=encoding) as handle:
        source = handle.read()
    sys.argv = [argv[0]]
    # as `python SCRIPT`: the script's folder first on the path (not the working directory `-m` put there)
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)
    sys.path.insert(0, os.path.dirname(script))
    module = types.ModuleType("__main__")
    module.__file__ = argv[0]
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    try:
        if echo:
            _run_echoed(source, script, module.__dict__)
        else:
            exec(compile(source, script, "exec", dont_inherit=True), module.__dict__)  # noqa: S102
    except SystemExit as error:
        if error.code in (None, 0):
            return 0
        _record_error(error, script)
        return error.code if isinstance(error.code, int) else 1
    except KeyboardInterrupt as error:
        _print_error(error, script)
        return 130
    except BaseException as error:  # noqa: BLE001 - every error of the script is the run's error
        _record_error(error, script)
        _print_error(error, script)
        return 1
    finally:
        try:
            _save_figures(os.environ.get("RUN_DIR"))
        finally:
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

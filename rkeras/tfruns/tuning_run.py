"""R's ``tuning_run()``: a training run for every combination of flag values (tfruns 1.5.3)."""

from __future__ import annotations

import math
import numbers
import sys

from ..errors import RKerasError, arg_error
from ..habits import r_function
from .rvalues import is_bool

__all__ = ["tuning_run", "flag_grid"]


def _values(name, values) -> list:
    if isinstance(values, (str, bytes)) or is_bool(values) or isinstance(values, numbers.Number) or values is None:
        return [values]
    try:
        return list(values)
    except TypeError:
        raise arg_error("flags", {name: values}, "a dict of flag names to lists of values") from None


def flag_grid(flags) -> list[dict]:
    """The combinations of ``flags`` in R's ``expand.grid()`` order (the first flag varies fastest),
    or the rows of a data frame of combinations."""
    if hasattr(flags, "columns") and hasattr(flags, "to_dict"):  # a pandas DataFrame
        if any(not isinstance(name, str) for name in flags.columns):
            raise RKerasError("flags must be specified as a named list or a data frame", "flags")
        return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
                for row in flags.to_dict(orient="records")]
    if not hasattr(flags, "items") or not flags or any(not isinstance(name, str) or not name for name in flags):
        raise RKerasError("flags must be specified as a named list or a data frame", "flags")
    columns = {name: _values(name, values) for name, values in flags.items()}
    total = math.prod(len(values) for values in columns.values())
    rows = []
    for index in range(total):
        row, rest = {}, index
        for name, values in columns.items():
            row[name] = values[rest % len(values)]
            rest //= len(values)
        rows.append(row)
    return rows


def _interactive() -> bool:
    from .. import environment

    return environment.context() == "notebook" or hasattr(sys, "ps1") or bool(sys.flags.interactive)


@r_function
def tuning_run(file=None, context: str = "local", config: str | None = None, flags=None, sample=None,
               properties=None, runs_dir="runs", artifacts_dir=None, echo: bool = True, confirm=None,
               encoding: str = "utf-8"):
    """Run a script once for every combination of flag values (or a random share of them).

    Parameters
    ----------
    file : str
        The script (see :func:`rkeras.training_run`). R default ``"train.R"``.
    context, config, properties, artifacts_dir, echo, encoding
        As :func:`rkeras.training_run`.
    flags : dict or pandas.DataFrame
        Flag name -> list of values; every combination is run, in R's
        ``expand.grid()`` order (the first flag varies fastest). Or a data
        frame whose rows are the combinations. Required.
    sample : float, optional
        Run a random share of the combinations: ``ceil(sample * n)`` of them,
        in random order (numpy's global random state: seed it with
        ``numpy.random.seed``; R used ``set.seed``). More than 0, at most 1.
        R default ``NULL``: all.
    runs_dir : str
        Where the runs go. R default ``getOption("tfruns.runs_dir", "runs")``.
    confirm : bool, optional
        Ask "Proceed with tuning run? [Y/n]: " before starting (an answer other
        than empty, ``y`` or ``Y`` cancels and returns None). R default
        ``interactive()``: here True in a notebook or an interactive Python
        session, False in a script. tfruns asks whatever the grid's size.

    Returns
    -------
    pandas.DataFrame or None
        The runs made, as :func:`rkeras.ls_runs` lists them (``latest_n`` of
        the number of combinations run); None when cancelled.
    """
    from .ls_runs import ls_runs
    from .training_run import resolve_script, training_run
    from .unique_run_dir import unique_run_dir

    if flags is None:
        raise RKerasError("flags must be specified as a named list or a data frame", "flags")
    grid = flag_grid(flags)
    file = resolve_script(file)
    if not hasattr(flags, "columns"):
        print(f"{len(grid):,} total combinations of flags ", file=sys.stderr)
    if sample is not None:
        if is_bool(sample) or not isinstance(sample, numbers.Real):
            raise arg_error("sample", sample, "a floating point value greater than 0, at most 1")
        if sample > 1:
            raise RKerasError("sample must be a floating point value less or equal to 1", "sample")
        if sample <= 0:
            raise RKerasError("sample must be a floating point value greater than 0", "sample")
        import numpy as np

        size = math.ceil(sample * len(grid))
        grid = [grid[i] for i in np.random.choice(len(grid), size=size, replace=False)]
        print(f"(sampled to {len(grid):,} combinations)\n", file=sys.stderr)
    else:
        print("(use sample parameter to run a random subset)", file=sys.stderr)
    if confirm is None:
        confirm = _interactive()
    if confirm:
        answer = input("Proceed with tuning run? [Y/n]: ")
        if answer and answer.lower() != "y":
            return None
    for index, row in enumerate(grid, start=1):
        print(f"Training run {index}/{len(grid)} (flags = {row!r}) ", file=sys.stderr, flush=True)
        training_run(file=file, context=context, config=config, flags=row, properties=properties,
                     run_dir=unique_run_dir(runs_dir), artifacts_dir=artifacts_dir, echo=echo, view=False,
                     encoding=encoding)
    return ls_runs(latest_n=len(grid), runs_dir=runs_dir)

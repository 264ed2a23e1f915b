"""R's tfruns as keras scripts use it (``FLAGS <- flags(flag_integer(...))``), ported to
:mod:`rkeras.tfruns`. Written by hand: tfruns 1.5.3's sources are not R keras'
(``scripts/extract_r_api.py`` generates the other families from those)."""

from __future__ import annotations

from ..table import RFunction

_FLAG = ("name", "default", "description")

FUNCTIONS: list[RFunction] = [
    RFunction(r_name="flags", target="rkeras.flags", args=("...", "config", "file", "arguments"),
              note="values from training_run(flags=), the command line (--name value) or flags.yml, as tfruns"),
    RFunction(r_name="flag_integer", target="rkeras.flag_integer", args=_FLAG),
    RFunction(r_name="flag_numeric", target="rkeras.flag_numeric", args=_FLAG),
    RFunction(r_name="flag_boolean", target="rkeras.flag_boolean", args=_FLAG),
    RFunction(r_name="flag_string", target="rkeras.flag_string", args=_FLAG),
    RFunction(r_name="training_run", target="rkeras.training_run",
              args=("file", "context", "config", "flags", "properties", "run_dir", "artifacts_dir", "echo",
                    "view", "envir", "encoding"),
              renames={"envir": None},
              note="runs the ported Python script (train.py): port train.R first; envir has no counterpart "
                   "(the script runs in its own process)"),
    RFunction(r_name="tuning_run", target="rkeras.tuning_run",
              args=("file", "context", "config", "flags", "sample", "properties", "runs_dir", "artifacts_dir",
                    "echo", "confirm", "envir", "encoding"),
              renames={"envir": None},
              note="runs the ported Python script for every combination of flags; envir has no counterpart "
                   "(each run is its own process)"),
    RFunction(r_name="ls_runs", target="rkeras.ls_runs", args=("subset", "order", "decreasing", "latest_n", "runs_dir")),
    RFunction(r_name="latest_run", target="rkeras.latest_run", args=("runs_dir",)),
    RFunction(r_name="run_info", target="rkeras.run_info", args=("run_dir",)),
    RFunction(r_name="view_run", target="rkeras.view_run", args=("run_dir", "viewer")),
    RFunction(r_name="compare_runs", target="rkeras.compare_runs", args=("runs", "viewer")),
    RFunction(r_name="tensorboard", target="rkeras.tensorboard",
              args=("log_dir", "action", "host", "port", "launch_browser", "reload_interval", "purge_orphaned_data"),
              note="tensorflow's tensorboard(), re-exported by R keras: starts a TensorBoard server process"),
]

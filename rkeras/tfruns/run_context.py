"""What ``training_run()`` hands the script it runs (R: tfruns' ``.globals$run_dir``).

``training_run()`` runs the script in a new Python process. It tells that
process, through environment variables:

``RUN_DIR``
    the run directory (so ``fit()``, ``evaluate()`` and ``flags()`` write there);
``RKERAS_TFRUNS_FLAGS``
    the ``flags=`` given to ``training_run()``, a JSON object of flag name to
    the value as R's ``as.character()`` writes it (``flags()`` parses each as
    YAML, as tfruns did);
``RKERAS_TFRUNS_FLAGS_FILE``
    the flags file given as ``training_run(flags="path.yml")``;
``R_CONFIG_ACTIVE``
    the ``config=`` of ``training_run()``.
"""

from __future__ import annotations

import json
import os

__all__ = ["FLAGS_VARIABLE", "FLAGS_FILE_VARIABLE", "CONFIG_VARIABLE", "given_flags", "given_flags_file",
           "active_config", "environment_for"]

FLAGS_VARIABLE = "RKERAS_TFRUNS_FLAGS"
FLAGS_FILE_VARIABLE = "RKERAS_TFRUNS_FLAGS_FILE"
CONFIG_VARIABLE = "R_CONFIG_ACTIVE"


def given_flags() -> dict[str, str] | None:
    """The ``flags=`` of the ``training_run()`` running this process, as text values."""
    raw = os.environ.get(FLAGS_VARIABLE)
    return None if not raw else json.loads(raw)


def given_flags_file() -> str | None:
    """The flags file of the ``training_run()`` running this process."""
    return os.environ.get(FLAGS_FILE_VARIABLE) or None


def active_config() -> str:
    """R's ``Sys.getenv("R_CONFIG_ACTIVE", unset = "default")``."""
    return os.environ.get(CONFIG_VARIABLE) or "default"


def environment_for(run_dir: str, *, flags: dict[str, str] | None, flags_file: str | None, config: str) -> dict:
    """The environment of a script run as a training run."""
    env = dict(os.environ)
    for name in (FLAGS_VARIABLE, FLAGS_FILE_VARIABLE):
        env.pop(name, None)
    env["RUN_DIR"] = os.path.abspath(run_dir)
    env[CONFIG_VARIABLE] = config
    if flags:
        env[FLAGS_VARIABLE] = json.dumps(flags)
    if flags_file:
        env[FLAGS_FILE_VARIABLE] = os.path.abspath(flags_file)
    env["PYTHONUNBUFFERED"] = "1"  # the script's output reaches the console as it is printed
    return env

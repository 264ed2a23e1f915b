"""R's tfruns in Python: flags, training and tuning runs, and the tools that read runs.

One module per R function (tfruns 1.5.3): :mod:`.flags` (``flags()`` and
``flag_numeric()``, ``flag_integer()``, ``flag_boolean()``,
``flag_string()``), :mod:`.training_run`, :mod:`.tuning_run`,
:mod:`.ls_runs`, :mod:`.latest_run`, :mod:`.run_info`, :mod:`.view_run`
(and ``save_run_view()``), :mod:`.compare_runs` (and
``save_run_comparison()``), :mod:`.unique_run_dir`. Run directories are
read in tfruns' layout (:mod:`.run_record`) and written with
:mod:`rkeras.runs`' writers.

Each is exported as ``rkeras.<name>`` (use that: ``rkeras.tfruns.flags`` is
the module, named after the function). Importing this package imports none
of the modules (nor TensorFlow).
"""

from __future__ import annotations

#: Exported name -> module of this package that defines it.
EXPORTS = {
    "flags": "flags",
    "flag_numeric": "flags",
    "flag_integer": "flags",
    "flag_boolean": "flags",
    "flag_string": "flags",
    "training_run": "training_run",
    "tuning_run": "tuning_run",
    "ls_runs": "ls_runs",
    "latest_run": "latest_run",
    "run_info": "run_info",
    "view_run": "view_run",
    "save_run_view": "view_run",
    "compare_runs": "compare_runs",
    "save_run_comparison": "compare_runs",
    "unique_run_dir": "unique_run_dir",
}



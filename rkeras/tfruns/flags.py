"""R's ``flags()``: the named, typed parameters of a training script (tfruns 1.5.3).

>>> FLAGS = flags(flag_integer("dense_units", 128, "Units of the dense layer"),
...               flag_numeric("dropout", 0.4), arguments=[])
>>> FLAGS.dense_units, FLAGS["dropout"]
(128, 0.4)

Where values come from, later ones winning (as tfruns):

1. the defaults of the ``flag_*()`` definitions;
2. a flags file (``flags.yml`` in the working directory, or ``file=``; see
   :mod:`rkeras.tfruns.config` for its configuration rules);
3. the command line of the script (``--dense_units 64``, ``--dense-units=64``;
   ``-`` in a name is ``_``; each value is read as YAML, so ``--fake_data yes``
   is ``True``; arguments not starting with ``--`` are skipped and ``--args``
   ends the flags; an empty value, ``--x=``, keeps the default);
4. the ``flags=`` of :func:`rkeras.training_run` that runs the script.

Each value is then converted to its flag's type with R's rules (see
:mod:`rkeras.tfruns.rvalues`): ``"64"`` and ``64.0`` are integer 64, ``1``,
``"TRUE"``, ``yes`` are boolean True. A value that cannot be converted, a
list of values, and a flag no definition declares are errors, with tfruns'
messages. ``--help`` among the arguments prints the flags and exits, as in R.

When a run directory is active (``training_run()``, option ``keras.run_dir``
or ``RUN_DIR``), the flags are written to ``tfruns.d/flags.json`` there.

Differences from R: R's integer flags truncate a fraction silently
(``--dense_units 64.5`` is 64); rkeras does the same with an
:class:`~rkeras.RKerasWarning`. A default R cannot use (``None``, a value
that does not convert) is an error when the flag is defined, not later. In
a Jupyter kernel the kernel's own command line is not read for flags (R
in RStudio had none). Flags are written when ``flags()`` is called while a
run directory is active; tfruns also kept them for a run started later.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Any, Iterable

from ..errors import RKerasError, arg_error
from ..habits import r_function, warn_later
from . import config as flags_config
from . import run_context
from .rvalues import as_character, as_double, as_integer, as_logical, load_yaml

__all__ = ["flags", "flag_numeric", "flag_integer", "flag_boolean", "flag_string", "Flags", "FlagDefinition",
           "parse_command_line"]

TYPES = ("numeric", "integer", "boolean", "string")


@dataclasses.dataclass(frozen=True)
class FlagDefinition:
    """One flag: what ``flag_numeric()`` and its siblings return (R: ``tfruns_flag``)."""

    name: str
    type: str
    default: Any
    description: str | None = None


def _convert(type_: str, value) -> tuple[Any, bool]:
    """A value as ``type_`` with R's coercion: (value or None for NA, fraction dropped)."""
    if type_ == "numeric":
        return as_double(value), False
    if type_ == "integer":
        return as_integer(value)
    if type_ == "boolean":
        return as_logical(value), False
    return as_character(value), False


def _is_na(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _definition(name, type_: str, default, description) -> FlagDefinition:
    function = f"flag_{type_}"
    if not isinstance(name, str) or not name:
        raise arg_error("name", name, f"the flag's name, a non-empty string (in {function}())")
    if description is not None and not isinstance(description, str):
        raise arg_error("description", description, f"a string or None (in {function}('{name}', ...))")
    value, truncated = _convert(type_, default) if not isinstance(default, (list, tuple, dict)) else (None, False)
    if _is_na(value):
        raise arg_error("default", default, f"a single value R can convert to type {type_} "
                        f"(in {function}('{name}', ...))")
    if truncated:
        warn_later(f"{function}('{name}', {default!r}): the default is truncated to {value}, "
                   "as R's as.integer() does.")
    return FlagDefinition(name, type_, value, description)


@r_function
def flag_numeric(name: str, default, description: str | None = None) -> FlagDefinition:
    """A numeric (double) flag. R: ``flag_numeric(name, default, description = NULL)``."""
    return _definition(name, "numeric", default, description)


@r_function
def flag_integer(name: str, default, description: str | None = None) -> FlagDefinition:
    """An integer flag. R: ``flag_integer(name, default, description = NULL)``."""
    return _definition(name, "integer", default, description)


@r_function
def flag_boolean(name: str, default, description: str | None = None) -> FlagDefinition:
    """A boolean flag. R: ``flag_boolean(name, default, description = NULL)``."""
    return _definition(name, "boolean", default, description)


@r_function
def flag_string(name: str, default, description: str | None = None) -> FlagDefinition:
    """A string flag. R: ``flag_string(name, default, description = NULL)``."""
    return _definition(name, "string", default, description)


class Flags(dict):
    """The flags of a script (R: ``tfruns_flags``): a dict of name to value.

    Values are read as items (``FLAGS["dense_units"]``) or attributes
    (``FLAGS.dense_units``, R's ``FLAGS$dense_units``); a flag whose name is a
    dict method (``items``, ``keys``, ...) is read as an item only.
    :attr:`definitions` keeps each flag's type, default and description, and
    :meth:`to_data_frame` is R's ``as.data.frame(FLAGS)``. Printing shows that
    data frame, as R does.
    """

    def __init__(self, definitions: Iterable[FlagDefinition] = ()):
        super().__init__()
        object.__setattr__(self, "_definitions", {})
        for definition in definitions:
            self._add(definition)

    def _add(self, definition: FlagDefinition) -> None:
        if definition.name in self._definitions:
            raise RKerasError(f"A flag named '{definition.name}' has already been defined", "...")
        self._definitions[definition.name] = definition
        self[definition.name] = definition.default

    @property
    def definitions(self) -> dict[str, FlagDefinition]:
        """Name -> :class:`FlagDefinition` (R's ``types``, ``defaults`` and ``descriptions`` attributes)."""
        return dict(self._definitions)

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"No flag named {name!r}; the flags are: {', '.join(self) or 'none'}") from None

    def __setattr__(self, name, value):
        self[name] = value

    def to_data_frame(self):
        """R's ``as.data.frame(FLAGS)``: columns name, type, value (as text), description."""
        import pandas as pd

        rows = [(name, self._definitions[name].type if name in self._definitions else None,
                 as_character(value), self._definitions[name].description if name in self._definitions else None)
                for name, value in self.items()]
        return pd.DataFrame(rows, columns=["name", "type", "value", "description"])

    def __repr__(self) -> str:
        if not self:
            return "[1] name        type        value       description\n<0 rows> (or 0-length row.names)"
        return self.to_data_frame().fillna("NA").to_string(index=False)

    __str__ = __repr__

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows R's print, not the dict
        printer.text(repr(self))


def parse_command_line(arguments: Iterable[str]) -> dict[str, Any]:
    """tfruns' ``parse_command_line``: ``--key value`` / ``--key=value`` pairs, values read as YAML."""
    arguments = list(arguments)
    values: dict[str, Any] = {}
    i = 0
    while i < len(arguments):
        argument = str(arguments[i])
        i += 1
        if not argument.startswith("--"):
            continue
        if argument == "--args":
            break
        if "=" in argument:
            key, text = argument[2:].split("=", 1)
        else:
            if i >= len(arguments):
                raise RKerasError(f"The command line flag {argument} has no value (give --name value or "
                                  "--name=value).", "arguments")
            key, text = argument[2:], str(arguments[i])
            i += 1
        key = key.replace("-", "_")
        value = load_yaml(text)
        if value is None:  # R: values[[key]] <- NULL removes it
            values.pop(key, None)
        else:
            values[key] = value
    return values


def _scalar(name: str, value):
    """R's length rule: one value (a one-element list is that element)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        if len(value) > 1:
            raise RKerasError(f'flag "{name}" has length > 1 (only scalar flag values are supported)', "flags")
        value = value[0] if value else None
    return value


def _show(value) -> str:
    return "NULL" if value is None else as_character(value)


def _apply_values(result: Flags, values: dict[str, Any]) -> None:
    undeclared = [name for name in values if name not in result.definitions]
    if undeclared:
        raise RKerasError("The following flags were provided but not declared: " + ", ".join(undeclared), "flags")
    for name, definition in result.definitions.items():
        raw = _scalar(name, values.get(name))
        converted, truncated = (None, False) if raw is None else _convert(definition.type, raw)
        if _is_na(converted):
            raise RKerasError(f"Unable to convert flag '{name}' with value '{_show(raw)}' to type "
                              f"{definition.type}", "flags")
        if truncated:
            warn_later(f"Flag '{name}': {raw!r} is truncated to {converted}, as R's as.integer() does.")
        dict.__setitem__(result, name, converted)


def _default_arguments() -> list[str]:
    from .. import environment

    if environment.context() in ("notebook", "rendering"):
        return []  # a kernel's argv is the kernel's, not the user's
    return list(sys.argv[1:])


def _print_help_and_exit(result: Flags) -> None:
    if result:
        width = max(len(name) for name in result) + 4
        print("\nOptions:")
        for name, value in result.items():
            flag = ("  --" + name.replace("_", "-")).ljust(width)
            description = result.definitions[name].description
            description = "" if description is None else description + " "
            print(f"{flag}    {description}({as_character(value)})")
        print()
    raise SystemExit(0)


def _resolve_file(file) -> str | None:
    if file is not None:
        if not os.path.exists(file):
            warn_later(f"configuration file '{file}' does not exist")
            return None
        return os.fspath(file)
    given = run_context.given_flags_file()
    if given is not None:
        if not os.path.exists(given):
            warn_later(f"configuration file '{given}' does not exist")
            return None
        return given
    return "flags.yml" if os.path.exists("flags.yml") else None


@r_function(exact_only=("config", "file", "arguments"))
def flags(*definitions, config: str | None = None, file: str | None = None, arguments=None) -> Flags:
    """Define the flags of a training script and read their values.

    Parameters
    ----------
    *definitions : FlagDefinition
        ``flag_numeric()``, ``flag_integer()``, ``flag_boolean()`` and
        ``flag_string()`` results (or one list of them). R: ``...``.
    config : str, optional
        The configuration of the flags file to use. R default:
        ``Sys.getenv("R_CONFIG_ACTIVE", unset = "default")``, or the
        ``config`` of the ``training_run()`` running the script.
    file : str, optional
        The flags file. R default ``"flags.yml"`` (read if it exists), or the
        flags file given to ``training_run()``. A file given here that does
        not exist gives a warning and is not read.
    arguments : list of str, optional
        The command line to read flags from. R default ``commandArgs(TRUE)``:
        here ``sys.argv[1:]`` (none in a Jupyter kernel).

    Returns
    -------
    Flags
        A dict of flag name to value, with attribute access.
    """
    if len(definitions) == 1 and isinstance(definitions[0], (list, tuple)):
        definitions = tuple(definitions[0])
    for definition in definitions:
        if not isinstance(definition, FlagDefinition):
            raise arg_error("...", definition, "flag definitions made by flag_numeric(), flag_integer(), "
                            "flag_boolean() or flag_string()")
    result = Flags(definitions)
    arguments = _default_arguments() if arguments is None else [str(a) for a in arguments]
    if "--help" in arguments:
        _print_help_and_exit(result)
    if definitions:
        config = run_context.active_config() if config is None else config
        values = dict(result)
        path = _resolve_file(file)
        if path is not None:
            values = flags_config.read_flags_file(path, values, config)
        values = flags_config.merge(values, parse_command_line(arguments))
        given = run_context.given_flags()
        if given:
            pairs = [item for name, text in given.items() if name for item in ("--" + name, text)]
            values = flags_config.merge(values, parse_command_line(pairs))
        _apply_values(result, values)
    _record(result)
    return result


def _record(result: Flags) -> None:
    """Write ``flags.json`` into the active run directory, if there is one."""
    from .. import environment, runs

    directory = runs.active_run_dir()
    if directory is not None and environment.is_chief():
        runs.write_json(directory, "flags.json", dict(result))

"""``flags.yml``: where tfruns reads flag values from a file (R's ``config`` package rules).

A flags file either lists flag values at its top level::

    learning_rate: 0.02

or, when every top-level value is a mapping, holds named configurations
(profiles), ``default`` plus others chosen with ``config=`` (default: the
``R_CONFIG_ACTIVE`` environment variable, else ``"default"``)::

    default:
      learning_rate: 0.01
    production:
      learning_rate: 0.03

The chosen configuration is merged over ``default`` (which itself is merged
over the flags' own defaults), recursively, as R's ``config::get()`` does; a
configuration may name others to start from with ``inherits:``. A
configuration that the file does not have gives the defaults, as in R. A key
with an empty value (``~``) removes the flag's value, as R's ``modifyList``
does (and then the flag cannot be converted: an error).

Differences from R: R's ``!expr`` values (R code) cannot be evaluated in
Python and are an error.
"""

from __future__ import annotations

from typing import Any

from ..errors import RKerasError
from .rvalues import load_yaml

__all__ = ["merge", "read_flags_file"]


def merge(base: dict, overlay: dict | None) -> dict:
    """R's ``modifyList``: ``overlay`` over ``base``; mappings merge recursively, None removes."""
    result = dict(base)
    for key, value in (overlay or {}).items():
        if value is None:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


def _section(sections: dict, name: str, file: str, seen: tuple = ()) -> dict:
    section = sections.get(name)
    if not isinstance(section, dict):
        return {}
    parents = section.get("inherits")
    if parents is None:
        return {k: v for k, v in section.items() if k != "inherits"}
    if isinstance(parents, str):
        parents = [parents]
    merged: dict = {}
    for parent in parents:
        if parent in seen + (name,):
            raise RKerasError(f"Configuration '{name}' in {file} inherits from itself (through '{parent}').", "config")
        merged = merge(merged, _section(sections, parent, file, seen + (name,)))
    return merge(merged, {k: v for k, v in section.items() if k != "inherits"})


def read_flags_file(file: str, defaults: dict[str, Any], config: str) -> dict[str, Any]:
    """The flag values ``file`` gives for configuration ``config``, over ``defaults``."""
    import yaml

    try:
        with open(file, encoding="utf-8") as handle:
            content = load_yaml(handle.read())
    except yaml.constructor.ConstructorError as error:
        raise RKerasError(f"The flags file {file} could not be read: {error.problem} "
                          "(R's `!expr` values cannot be evaluated in Python).", "file") from None
    except yaml.YAMLError as error:
        raise RKerasError(f"The flags file {file} is not valid YAML: {error}", "file") from None
    if content is None:
        content = {}
    if not isinstance(content, dict):
        raise RKerasError(f"The flags file {file} should hold a mapping of flag names to values. "
                          f"Got {type(content).__name__}.", "file")
    sections = dict(content)
    if all(isinstance(value, dict) for value in sections.values()):  # profiles
        sections["default"] = merge(defaults, sections.get("default"))
    else:  # flag values at the top level
        sections["default"] = merge(defaults, content)
    values = _section(sections, "default", file)
    if config != "default" and config in sections:
        values = merge(values, _section(sections, config, file))
    return values

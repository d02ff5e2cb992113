"""The ``series_*`` options in Sphinx: each declared once, validated once.

Editors set these in ``papers/conf.py``. A malformed value is reported as a
``research.config`` warning and reverted to its default, so one typo does not
hide every other problem in the build. The rules for the values are the
model's (:mod:`..model.series`); this module only ties them to Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.series import HELP, REQUIRED, SeriesConfig, config_name, is_valid
from .diagnostics import Problem, warn


def add_config_values(app: Sphinx) -> None:
    """Register each option once, typed, rebuilding the environment when it changes."""
    defaults = SeriesConfig()
    for spec in fields(SeriesConfig):
        default = getattr(defaults, spec.name)
        value: Any = list(default) if isinstance(default, tuple) else default
        types: frozenset[type] = frozenset(
            {list, tuple} if isinstance(default, tuple) else {type(default)}
        )
        app.add_config_value(
            config_name(spec.name), value, "env", types=types, description=HELP[spec.name]
        )


def _conf_location(app: Sphinx, name: str) -> str:
    """``path/conf.py:line`` of the assignment to *name* (line 1 when not assigned there)."""
    conf_py = Path(app.confdir, "conf.py")
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=]")
    lineno = next((n for n, line in enumerate(lines, 1) if pattern.match(line)), 1)
    return f"{conf_py}:{lineno}"


def validate_config(app: Sphinx, config: Config) -> None:
    """``config-inited``: revert malformed values to their defaults with a warning."""
    defaults = SeriesConfig()
    for spec in fields(SeriesConfig):
        name = config_name(spec.name)
        value = getattr(config, name)
        if not is_valid(spec.name, value):
            warn(
                Problem.config,
                f"{name} = {value!r} is invalid; set it to {HELP[spec.name]}",
                _conf_location(app, name),
            )
            default = getattr(defaults, spec.name)
            setattr(config, name, list(default) if isinstance(default, tuple) else default)
        elif spec.name in REQUIRED and not value.strip():
            warn(
                Problem.config,
                f"{name} is not set; set it to {HELP[spec.name]}",
                _conf_location(app, name),
            )


def series_config(config: Config) -> SeriesConfig:
    """The validated series options as one immutable record.

    Built at ``config-inited`` by code that runs before the environment exists;
    everything later reads the copy kept by the series view
    (:func:`.series_view.series_of`).
    """
    values: dict[str, Any] = {}
    for spec in fields(SeriesConfig):
        value = getattr(config, config_name(spec.name))
        values[spec.name] = tuple(value) if isinstance(value, list | tuple) else value
    return SeriesConfig(**values)


def option_location(app: Sphinx, name: str) -> str:
    """``path/conf.py:line`` where *name* is set (line 1 when it is not), for a warning."""
    return _conf_location(app, name)

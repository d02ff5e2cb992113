"""The ``series_*`` options in Sphinx: each declared once, validated once.

Editors set these in ``papers/conf.py``. A malformed value is reported as a
``research.config`` warning and reverted to its default, so one typo does not
hide every other problem in the build. Each option is declared, with its rule
and help, by one field of the model's ``SeriesConfig`` (:mod:`..model.series`);
this module only ties them to Sphinx.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.series import SeriesConfig, config_name, option_problem, series_options
from .diagnostics import Problem, warn


def add_config_values(app: Sphinx) -> None:
    """Register each option once, typed, rebuilding the environment when it changes."""
    for field_name, default, declared in series_options():
        value: Any = list(default) if isinstance(default, tuple) else default
        types: frozenset[type] = frozenset(
            {list, tuple} if isinstance(default, tuple) else {type(default)}
        )
        app.add_config_value(
            config_name(field_name), value, "env", types=types, description=declared.help
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
    for field_name, default, declared in series_options():
        name = config_name(field_name)
        problem = option_problem(field_name, declared, getattr(config, name))
        if problem is None:
            continue
        message, revert = problem
        warn(Problem.config, message, _conf_location(app, name))
        if revert:
            setattr(config, name, list(default) if isinstance(default, tuple) else default)


def series_config(config: Config) -> SeriesConfig:
    """The validated series options as one immutable record.

    Built at ``config-inited`` by code that runs before the environment exists;
    everything later reads the copy kept by the series view
    (:func:`.series_view.series_of`).
    """
    values: dict[str, Any] = {}
    for field_name, _default, _declared in series_options():
        value = getattr(config, config_name(field_name))
        values[field_name] = tuple(value) if isinstance(value, list | tuple) else value
    return SeriesConfig(**values)


def option_location(app: Sphinx, name: str) -> str:
    """``path/conf.py:line`` where *name* is set (line 1 when it is not), for a warning."""
    return _conf_location(app, name)

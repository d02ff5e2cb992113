"""Series configuration: each ``series_*`` option declared once, validated once.

Editors set these in ``papers/conf.py``. A malformed value is reported as a
``research.config`` warning and reverted to its default, so one typo does not
hide every other problem in the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .diagnostics import Problem, warn
from .metadata import join_names

CITATION_STYLES = ("chicago-notes", "author-date")


@dataclass(frozen=True)
class SeriesConfig:
    """The series metadata every page and output format draws on."""

    title: str = ""
    short_name: str = ""
    publisher: str = ""
    institution: str = ""
    committee: tuple[str, ...] = ()
    committee_title: str = "Professors"
    policy: str = ""
    policy_statement: str = ""
    report_type: str = "Research Report"
    base_url: str = ""
    citation_style: str = "chicago-notes"
    shared_bib: str = ""

    @property
    def publisher_line(self) -> str:
        """``Publisher, Institution`` without repeating either."""
        parts = [part for part in (self.publisher, self.institution) if part]
        return ", ".join(dict.fromkeys(parts))

    @property
    def committee_line(self) -> str:
        """``Professors A, B, and C``."""
        if not self.committee:
            return ""
        return f"{self.committee_title} {join_names(self.committee)}".strip()


REQUIRED = ("title", "short_name", "publisher")

_HELP = {
    "title": "the series' full title",
    "short_name": "a short name for running heads and identifiers, e.g. 'NSSP'",
    "publisher": "the publishing body, e.g. 'National Security Studies Program'",
    "institution": "the institution, e.g. 'University of New Mexico'",
    "committee": "a list of the review committee's names",
    "committee_title": "the title before the committee's names, e.g. 'Professors'",
    "policy": "the listing policy's name, e.g. 'Works-in-Progress'",
    "policy_statement": "the listing statement shown on the index and each paper",
    "report_type": "the default report type of a paper",
    "base_url": "the site's absolute base URL, e.g. 'https://example.org/series/'",
    "citation_style": "one of: " + ", ".join(CITATION_STYLES),
    "shared_bib": "a .bib path relative to the source folder, shared by all papers",
}

_VALIDATORS: dict[str, Callable[[Any], bool]] = {
    "committee": lambda value: (
        isinstance(value, list | tuple)
        and all(isinstance(item, str) and item.strip() for item in value)
    ),
    "citation_style": lambda value: value in CITATION_STYLES,
    "base_url": lambda value: (
        isinstance(value, str) and (not value or value.startswith(("http://", "https://")))
    ),
}


def config_name(field_name: str) -> str:
    return f"series_{field_name}"


def add_config_values(app: Sphinx) -> None:
    """Register each option once, typed, rebuilding the environment when it changes."""
    defaults = SeriesConfig()
    for spec in fields(SeriesConfig):
        default = getattr(defaults, spec.name)
        value_type = list if isinstance(default, tuple) else str
        app.add_config_value(
            config_name(spec.name),
            list(default) if isinstance(default, tuple) else default,
            "env",
            types=frozenset({value_type, tuple} if value_type is list else {value_type}),
            description=_HELP[spec.name],
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
        check = _VALIDATORS.get(spec.name, lambda v: isinstance(v, str))
        if not check(value):
            warn(
                Problem.config,
                f"{name} = {value!r} is invalid; set it to {_HELP[spec.name]}",
                _conf_location(app, name),
            )
            default = getattr(defaults, spec.name)
            setattr(config, name, list(default) if isinstance(default, tuple) else default)
        elif spec.name in REQUIRED and not str(value).strip():
            warn(
                Problem.config,
                f"{name} is not set; set it to {_HELP[spec.name]}",
                _conf_location(app, name),
            )


def series_config(config: Config) -> SeriesConfig:
    """The validated series options as one immutable record."""
    values: dict[str, Any] = {}
    for spec in fields(SeriesConfig):
        value = getattr(config, config_name(spec.name))
        values[spec.name] = tuple(value) if isinstance(value, list | tuple) else value
    return SeriesConfig(**values)

"""``research-series check``: every problem of every paper, from Sphinx's own reading.

There is one set of rules, the extension's: this runs Sphinx with the series'
``conf.py`` and the ``dummy`` builder (read every paper, resolve every
reference, write nothing) in a temporary folder, and collects the warnings
Sphinx prints, so the list is exactly what a strict ``make html`` reports.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError, SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .confpy import series_folder_problem
from .errors import CommandError

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RECORD = re.compile(
    r"^(?:(?P<location>.*?): )?(?P<level>WARNING|ERROR|CRITICAL): (?P<message>.*)$", re.DOTALL
)
_KIND = re.compile(r"\s\[(?P<type>[\w-]+)(?:\.(?P<subtype>[\w.-]+))?\]$")
_CONF_LINE = re.compile(r"line (\d+)")


class CheckError(CommandError):
    """The check could not run at all (not a problem of a paper)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One warning of the build, as ``file:line: message [type.subtype]``."""

    file: str | None
    line: int | None
    message: str
    level: str = "warning"
    type: str | None = None
    subtype: str | None = None

    @property
    def kind(self) -> str:
        """``[type.subtype]`` as Sphinx shows it, or ``""``."""
        if not self.type:
            return ""
        return f" [{self.type}.{self.subtype}]" if self.subtype else f" [{self.type}]"

    def __str__(self) -> str:
        where = self.file or "(series)"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}{self.kind}"


def parse_record(text: str, base: Path | None = None) -> Problem | None:
    """One record of Sphinx's warning stream (it may span lines), or ``None``."""
    match = _RECORD.match(_ANSI.sub("", text).rstrip("\n"))
    if match is None:
        return None
    file, line = _split_location(match["location"] or "")
    message = match["message"]
    kind = _KIND.search(message)
    if kind:
        message = message[: kind.start()]
    return Problem(
        file=_shown(file, base) if file else None,
        line=line,
        message=message,
        level=match["level"].lower(),
        type=kind["type"] if kind else None,
        subtype=kind["subtype"] if kind else None,
    )


def _split_location(location: str) -> tuple[str, int | None]:
    path, sep, tail = location.rpartition(":")
    if sep and tail.isdigit():
        return path, int(tail)
    if sep and not tail:
        return path, None
    return location, None


def _shown(file: str, base: Path | None) -> str:
    """A path relative to *base* (the current folder) when it lies inside, as compilers do."""
    if base is None:
        return file
    try:
        return str(Path(file).resolve().relative_to(base.resolve()))
    except ValueError:
        return file


class _Records(io.StringIO):
    """The warning stream: Sphinx's handler writes each record in one ``write``."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[str] = []

    def write(self, data: str) -> int:
        if data.strip():
            self.records.append(data)
        return len(data)


def check_series(papers: Path, *, jobs: int = 1, base: Path | None = None) -> list[Problem]:
    """Read the series in *papers* as a strict build does; its problems, sorted.

    Raises :class:`CheckError` when there is no series to read.
    """
    folder_problem = series_folder_problem(papers)
    if folder_problem:
        raise CheckError(folder_problem)
    stream = _Records()
    with tempfile.TemporaryDirectory(prefix="research-series-check-") as tmp:
        try:
            with patch_docutils(papers), docutils_namespace():
                app = Sphinx(
                    srcdir=papers,
                    confdir=papers,
                    outdir=Path(tmp, "out"),
                    doctreedir=Path(tmp, "doctrees"),
                    buildername="dummy",
                    status=None,
                    warning=stream,
                    freshenv=True,
                    parallel=jobs,
                )
                app.build(force_all=True)
        except ConfigError as error:
            return [_config_problem(papers, error, base)]
        except SphinxError as error:
            raise CheckError(f"the build stopped: {error}; run 'make html' to see where") from None
        except Exception as error:  # an extension's bug must not hide the series' problems
            raise CheckError(
                f"the build stopped: {type(error).__name__}: {error}; "
                "run 'make html' for the traceback"
            ) from None
    found = (parse_record(record, base) for record in stream.records)
    return sorted({problem for problem in found if problem is not None}, key=_order)


def _config_problem(papers: Path, error: ConfigError, base: Path | None) -> Problem:
    text = " ".join(str(error).split())
    line = _CONF_LINE.search(text)
    return Problem(
        file=_shown(str((papers / "conf.py").resolve()), base),
        line=int(line[1]) if line else None,
        message=f"{text}; fix conf.py so that Sphinx can load it",
        level="error",
        type="config",
    )


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file or "", problem.line or 0, problem.message)


def as_json(problems: Iterable[Problem]) -> str:
    items: list[dict[str, Any]] = [asdict(problem) for problem in problems]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def default_jobs() -> int:
    """Reading is the cost; ``-j auto`` uses the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1

"""``research-series build FORMAT``: ``sphinx-build -M``, with a broken conf.py as one line.

``make html``, ``latex``, ``latexpdf`` and ``epub`` run this rather than ``sphinx-build``
itself so that a ``conf.py`` that does not load is reported at its line, not as
Sphinx's crash report; everything else is Sphinx's make mode, unchanged (the same
options, output folders and exit statuses).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .confpy import conf_problem, series_folder_problem
from .errors import CommandError

#: The exit status of a build that found problems in the series' own files.
PROBLEMS = 1


class BuildError(CommandError):
    """The build cannot start as asked (not a problem of the series' files)."""


def check_conf(srcdir: Path) -> bool:
    """Whether ``conf.py`` loads; when it does not, its problem is printed (one line)."""
    folder_problem = series_folder_problem(srcdir)
    if folder_problem:
        raise BuildError(folder_problem)
    problem = conf_problem(srcdir)
    if problem is not None:
        print(problem.shown(), file=sys.stderr)
    return problem is None


def sphinx_make_mode(builder: str, srcdir: Path, builddir: Path, options: Sequence[str]) -> int:
    """One ``sphinx-build -M`` run in this process; its exit status."""
    from sphinx.cmd.make_mode import run_make_mode

    return run_make_mode([builder, str(srcdir), str(builddir), *options])


def build(builder: str, srcdir: Path, builddir: Path, options: Sequence[str]) -> int:
    """Check ``conf.py``, then build; the exit status ``sphinx-build -M`` would give."""
    if not check_conf(srcdir):
        return PROBLEMS
    return sphinx_make_mode(builder, srcdir, builddir, options)

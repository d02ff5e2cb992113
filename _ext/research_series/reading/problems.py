"""Which documents have a problem this build, whoever reported it.

Every warning Sphinx prints (after ``suppress_warnings``) passes a filter
attached to Sphinx's warning handler; its location names a document (or a file
in a paper's folder, such as its ``references.bib``), and that document is
noted. The extension's own warnings, MyST's and docutils' (an unknown option,
role or directive) and Sphinx's write-phase ones (a broken cross-reference)
all count the same, so in a strict build no page of a document with a
problem is published, in any format.

A noted document is read again by the next build (``env-get-outdated``), so
its warnings repeat and a strict build keeps failing until it is fixed. The
set is kept in a file in the doctree folder, since problems found while
writing come after the environment is saved.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.papers import PAPER_DOCUMENT, is_paper_docname
from .compat import fails_on_warnings, warning_handler
from .domain import research_domain

STATE_FILE = "research-problems.json"


class ProblemRecorder(logging.Filter):
    """Notes the document of every warning that is printed; lets every record through."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            docname = document_of(self.app.env, getattr(record, "location", None))
            if docname is not None:
                research_domain(self.app.env).note_problem(docname)
        return True


def document_of(env: BuildEnvironment, location: object) -> str | None:
    """The document a printed location (``path:line``) belongs to, if any.

    A file that is not a document but sits in a paper's folder (its
    ``references.bib``) belongs to that paper.
    """
    if not isinstance(location, str) or not location:
        return None
    path, sep, line = location.rpartition(":")
    if not sep or not (line.isdigit() or not line):
        path = location
    docname = env.path2doc(path)
    if docname is not None:
        return docname
    try:
        folder = Path(path).resolve().parent.relative_to(Path(env.srcdir).resolve())
    except ValueError:
        return None
    paper = f"{folder.as_posix()}/{PAPER_DOCUMENT}"
    return paper if is_paper_docname(paper) and paper in env.found_docs else None


def start_recording(app: Sphinx) -> None:
    """``builder-inited``: watch every warning this build prints."""
    research_domain(app.env).strict = fails_on_warnings(app)
    warning_handler().addFilter(ProblemRecorder(app))


def withheld(env: BuildEnvironment) -> set[str]:
    """Documents with a problem so far in this build (read and write phase)."""
    domain = research_domain(env)
    return (set(domain.warned) | domain.problems) & env.found_docs


def unpublished(env: BuildEnvironment) -> set[str]:
    """What a strict build keeps from being published: every document with a problem."""
    return withheld(env) if research_domain(env).strict else set()


def _state_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STATE_FILE


def previous_problems(app: Sphinx) -> set[str]:
    try:
        names = json.loads(_state_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def read_again(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: what had a problem is read again, so its warnings repeat."""
    return sorted((set(research_domain(env).warned) | previous_problems(app)) & env.found_docs)


def save_problems(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember this build's problems for the next one."""
    names = sorted(withheld(app.env) | research_domain(app.env).also_read_again)
    path = _state_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(names, indent=1) + "\n", encoding="utf-8")

"""Which documents have a problem this build, whoever reported it.

Every warning Sphinx will print (one ``suppress_warnings`` does not silence)
reaches a handler of our own on Sphinx's logger the moment it is logged; its
location names a document (or a file in a paper's folder, such as its
``references.bib``), and that document is noted. Sphinx holds back the
warnings of the reading and the writing phase until the phase ends, so a
filter on its printing handler would learn of a paper's MyST or docutils
problem only after the series index had been written with the paper in it.
The extension's own warnings, MyST's and docutils' (an unknown option, a
skipped heading level) and Sphinx's write-phase ones (a broken
cross-reference, ``{numref}`` without ``numfig``) all count the same, so in a
strict build no page of a document with a problem is published, in any
format, and no other page lists it.

A noted document is read again by the next build (``env-get-outdated``), so
its warnings repeat and a strict build keeps failing until it is fixed. The
set is kept in a file in the doctree folder, since problems found while
writing come after the environment is saved.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

from ..model.papers import PAPER_DOCUMENT, is_paper_docname, kept_version
from .compat import fails_on_warnings
from .domain import research_domain

STATE_FILE = "research-problems.json"


class ProblemRecorder(logging.Handler):
    """Notes the document of every warning as it is logged; prints nothing.

    A handler, not a filter on Sphinx's printing handler: Sphinx takes that
    handler off while it reads and writes and prints the held-back warnings
    afterwards, while a handler of ours stays on and sees each one at once
    (and again when it is printed, which notes the same document twice).
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app

    def emit(self, record: logging.LogRecord) -> None:
        kind, subtype = getattr(record, "type", "") or "", getattr(record, "subtype", "") or ""
        if kind and is_suppressed_warning(kind, subtype, self.app.config.suppress_warnings):
            return
        docname = document_of(self.app.env, getattr(record, "location", None))
        if docname is not None:
            research_domain(self.app.env).note_problem(docname)


def document_of(env: BuildEnvironment, location: object) -> str | None:
    """The document a warning's location belongs to, if any.

    A location is what Sphinx's logger accepts: ``(docname, line)``, a node,
    or a printed ``path:line``. A file that is not a document but sits in a
    paper's folder (its ``references.bib``) belongs to that paper.
    """
    if isinstance(location, tuple) and location and isinstance(location[0], str):
        return location[0] if location[0] in env.found_docs else None
    if isinstance(location, nodes.Node):
        location = get_node_location(location)
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
    is_paper = is_paper_docname(paper) or kept_version(paper) is not None
    return paper if is_paper and paper in env.found_docs else None


def start_recording(app: Sphinx) -> None:
    """``builder-inited``: watch every warning this build prints."""
    research_domain(app.env).strict = fails_on_warnings(app)
    # Sphinx's logging set-up for each application clears the logger's handlers,
    # so a recorder never outlives its build.
    logging.getLogger(NAMESPACE).addHandler(ProblemRecorder(app))


def withheld(env: BuildEnvironment) -> set[str]:
    """Documents with a problem so far in this build (read and write phase)."""
    domain = research_domain(env)
    return (set(domain.warned) | domain.problems) & env.found_docs


def unpublished(env: BuildEnvironment) -> set[str]:
    """What a strict build keeps from being published: every document with a problem."""
    return withheld(env) if research_domain(env).strict else set()


def _state_path(doctreedir: str | Path) -> Path:
    return Path(doctreedir) / STATE_FILE


def previous_problems(doctreedir: str | Path) -> set[str]:
    """The documents the last build (any builder sharing these doctrees) withheld."""
    try:
        names = json.loads(_state_path(doctreedir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def read_again(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: what had a problem is read again, so its warnings repeat."""
    return sorted(
        (set(research_domain(env).warned) | previous_problems(app.doctreedir)) & env.found_docs
    )


def save_problems(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember this build's problems for the next one."""
    names = sorted(withheld(app.env) | research_domain(app.env).also_read_again)
    path = _state_path(app.doctreedir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(names, indent=1) + "\n", encoding="utf-8")

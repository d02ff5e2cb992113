"""Sources must be UTF-8: say which line is not, and how to fix it.

Sphinx stops the whole build with a traceback on an undecodable source, so
such a file is checked before reading, reported with its line, and left
unread; the rest of the series still builds and the build fails on the
warning.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import Problem, warn


def first_undecodable(raw: bytes) -> tuple[int, int] | None:
    """1-based line and value of the first byte that is not UTF-8, or ``None``."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return raw.count(b"\n", 0, error.start) + 1, raw[error.start]
    return None


def skip_undecodable_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: report and drop sources that are not UTF-8."""
    for docname in list(docnames):
        try:
            raw = env.doc2path(docname).read_bytes()
        except OSError:
            continue
        found = first_undecodable(raw)
        if found is None:
            continue
        line, bad = found
        warn(
            Problem.source,
            f"this file is not UTF-8 (byte 0x{bad:02x} on this line); re-save it as UTF-8 "
            "in your editor (the page is not built until then)",
            (docname, line),
        )
        docnames.remove(docname)
        # Not a document until it decodes: keeps it out of the write phase and
        # out of the index, which lists the papers found.
        env.found_docs.discard(docname)

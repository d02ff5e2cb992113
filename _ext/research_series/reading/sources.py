"""Sources must be readable: UTF-8, and reachable without walking in circles.

Sphinx stops the whole build with a traceback on an undecodable source, so
such a file is checked before reading, reported with its line, and left
unread; the rest of the series still builds and the build fails on the
warning.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
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


def symlink_loops(srcdir: Path) -> list[str]:
    """Links under *srcdir* (relative paths) to a folder that holds the link itself.

    Sphinx follows links when it looks for documents; such a link would make
    it walk the same folders forever.
    """
    loops = []
    for root, dirs, _files in os.walk(srcdir):
        for name in dirs:
            link = Path(root, name)
            if not link.is_symlink():
                continue
            target = link.resolve()
            here = link.parent.resolve()
            if here == target or target in here.parents:
                loops.append(link.relative_to(srcdir).as_posix())
    return sorted(loops)


def exclude_symlink_loops(app: Sphinx, config: Config) -> None:
    """``config-inited``: a link that loops is not followed, and is reported."""
    for loop in symlink_loops(Path(app.srcdir)):
        warn(
            Problem.source,
            f"{loop} is a link to a folder that holds it, which no build could finish "
            "reading; it is skipped: remove the link",
            f"{Path(app.srcdir, loop)}:1",
        )
        config.exclude_patterns.append(loop)

"""Warnings users can act on: one helper, one type, documented subtypes.

Every warning is emitted as ``type="research"`` with a subtype from
:class:`Problem`, always with a location, so users see
``papers/x/index.md:7: WARNING: ... [research.metadata]`` and can silence a
subtype with ``suppress_warnings = ["research.<subtype>"]`` if they must.
"""

from __future__ import annotations

import difflib
import logging as std_logging
import os
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

logger = logging.getLogger("research_series")

WARNING_TYPE = "research"


class Problem(Enum):
    """Warning subtypes; the docstring of each (what, then ``Fix:``) is the handbook's row."""

    config = "config"
    """A ``series_*`` value in ``conf.py`` is missing or malformed.
    Fix: give the value the message names, in the form it shows."""
    metadata = "metadata"
    """A ``research-report`` option or abstract is missing or malformed.
    Fix: correct the option at the line shown, as the message says (see the directive
    reference)."""
    series = "series"
    """A problem across papers: a duplicate number, a paper folder without a report.
    Fix: give each paper its own ``:number:``; put a ``research-report`` directive after
    each paper's title; name folders with letters, digits, ``-`` and ``.``."""
    citation = "citation"
    """A citation names a key that the paper's bibliography lacks, or is malformed.
    Fix: correct the key (the message suggests a near one) or add the entry to the
    paper's ``references.bib``."""
    bibtex = "bibtex"
    """A ``.bib`` file does not parse, repeats a key, or holds an entry that cannot be formatted.
    Fix: at the ``.bib`` line shown, close the brace or add the comma or field named."""
    footnote = "footnote"
    """A footnote mark has no definition.
    Fix: add ``[^name]: the note's text`` to the paper, or remove the mark."""
    source = "source"
    """A source file cannot be read as UTF-8.
    Fix: save the file as UTF-8 in your editor."""
    latex = "latex"
    """A paper holds raw LaTeX, or math with a command the PDF will not run (printed as text).
    Fix: write the content in Markdown; remove the math command the message names."""
    link = "link"
    """A link whose scheme could run code or read files (``javascript:``, ``file:``...).
    Fix: link with ``https:``, ``http:``, ``mailto:`` or a DOI."""
    html = "html"
    """Raw HTML in a paper, which is not published unless ``series_allow_raw_html`` is set.
    Fix: write it in Markdown, or set ``series_allow_raw_html = True`` in ``conf.py``."""
    placeholder = "placeholder"
    """Text ``new-paper`` or ``import`` wrote as a placeholder (an abstract, a title) is
    still in the paper.
    Fix: write the paper's own text in its place, as the message says."""
    figure = "figure"
    """A figure or image has no alternative text for readers who cannot see it.
    Fix: give the figure an ``:alt:`` option that says what it shows."""
    reference = "reference"
    """A cross-reference names a label of another paper (labels are local to each paper).
    Fix: refer to that paper as a whole, with a series citation or ``{doc}``, or give
    this paper the figure, table or equation it means."""
    math = "math"
    """Math that cannot be converted to MathML for the HTML and EPUB (printed as TeX).
    Fix: write the formula in the LaTeX math that the message's converter reads (see the
    authors' guide), or simplify the construct it names."""


Location = nodes.Node | tuple[str, int | None] | str | None


def warn(problem: Problem, message: str, location: Location) -> None:
    """Emit one actionable warning of type ``research.<subtype>``.

    *location* is a node, ``(docname, lineno)`` or a ready ``"path:line"``
    string for files that are not documents (``.bib`` files).
    """
    extra: dict[str, Any] = {"type": WARNING_TYPE, "subtype": problem.value}
    logger.warning(message, location=location, **extra)


class _WithoutMystConfigDump(std_logging.Filter):
    """Drops MyST-Parser's "myst vX: MdParserConfig(...)" line (1,000 characters of
    defaults on every build); ``-v`` shows it again."""

    def filter(self, record: std_logging.LogRecord) -> bool:
        dump = isinstance(record.msg, str) and "myst v%s:" in record.msg
        return not dump or record.levelno > std_logging.INFO


_MYST_CONFIG_DUMP = _WithoutMystConfigDump()


def quiet_myst_config_dump(app: Sphinx) -> None:
    """Keep a normal build's output to what an editor reads.

    One filter object, added or taken off for each application: a process that builds
    several times (``make site``, the tests) neither stacks filters nor keeps one
    that a later ``-v`` build should not have.
    """
    logger = std_logging.getLogger(f"{NAMESPACE}.myst_parser.sphinx_ext.main")
    if app.verbosity == 0:
        if _MYST_CONFIG_DUMP not in logger.filters:
            logger.addFilter(_MYST_CONFIG_DUMP)
    else:
        logger.removeFilter(_MYST_CONFIG_DUMP)


#: How far past the line docutils gives (a paragraph's, a note's first) to look.
_SEARCH_LINES = 200


@lru_cache(maxsize=8)
def _source_lines(path: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def exact_line(source: str | os.PathLike[str] | None, line: int | None, needle: str) -> int | None:
    """The line of *source* holding *needle*, at or after *line*.

    docutils gives an inline element (a role, a note mark) the line of the
    paragraph, table cell or note it stands in; the author needs the line it is
    on. *line* as given when the text is not found there.
    """
    if not source or not line or not needle:
        return line
    try:
        stat = os.stat(source)
    except OSError:
        return line
    lines = _source_lines(os.fspath(source), (stat.st_mtime_ns, stat.st_size))
    first = needle.splitlines()[0]
    for number in range(line, min(len(lines), line + _SEARCH_LINES) + 1):
        if first in lines[number - 1]:
            return number
    return line


def near_match(word: str, choices: Iterable[str]) -> str | None:
    """The one of *choices* *word* is most likely a slip for (``keyword``: ``keywords``)."""
    by_fold = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[found[0]] if found else None


def shown_path(path: str | os.PathLike[str]) -> str:
    """*path* as a warning shows it: relative to where the build was started, if inside."""
    text = os.fspath(path)
    try:
        relative = Path(text).relative_to(Path.cwd())
    except ValueError:
        return text
    return relative.as_posix()


class RelativeLocations(std_logging.Filter):
    """A printed warning's location relative to where the build was started.

    Sphinx prints a document's location as an absolute path and a ``.bib``
    file's as given; the author reads ``papers/x/index.md:7`` either way.
    """

    def filter(self, record: std_logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if isinstance(location, str) and os.path.isabs(location):
            record.location = shown_path(location)
        return True


def show_paths_relative(app: object) -> None:
    """``builder-inited``: after Sphinx's own filters, which turn locations into paths."""
    for handler in std_logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(
            isinstance(existing, RelativeLocations) for existing in handler.filters
        ):
            handler.addFilter(RelativeLocations())

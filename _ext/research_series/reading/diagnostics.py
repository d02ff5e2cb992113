"""Warnings users can act on: one helper, one type, documented subtypes.

Every warning is emitted as ``type="research"`` with a subtype from
:class:`Problem`, always with a location, so users see
``papers/x/index.md:7: WARNING: ... [research.metadata]`` and can silence a
subtype with ``suppress_warnings = ["research.<subtype>"]`` if they must.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("research_series")

WARNING_TYPE = "research"


class Problem(Enum):
    """Warning subtypes; the docstring of each is rendered in the handbook."""

    config = "config"
    """A ``series_*`` value in ``conf.py`` is missing or malformed."""
    metadata = "metadata"
    """A ``research-report`` option or abstract is missing or malformed."""
    series = "series"
    """A problem across papers: a duplicate number, a paper folder without a report."""
    citation = "citation"
    """A citation names a key that the paper's bibliography lacks, or is malformed."""
    bibtex = "bibtex"
    """A ``.bib`` file does not parse, repeats a key, or holds an entry that cannot be formatted."""
    footnote = "footnote"
    """A footnote mark has no definition."""
    source = "source"
    """A source file cannot be read as UTF-8."""
    latex = "latex"
    """A paper holds raw LaTeX, or math with a command the PDF will not run (printed as text)."""
    link = "link"
    """A link whose scheme could run code or read files (``javascript:``, ``file:``...)."""
    html = "html"
    """Raw HTML in a paper, which is not published unless ``series_allow_raw_html`` is set."""
    figure = "figure"
    """A figure or image has no alternative text for readers who cannot see it."""
    math = "math"
    """Math that cannot be converted to MathML for the HTML and EPUB (printed as TeX)."""


Location = nodes.Node | tuple[str, int | None] | str | None


def warn(problem: Problem, message: str, location: Location) -> None:
    """Emit one actionable warning of type ``research.<subtype>``.

    *location* is a node, ``(docname, lineno)`` or a ready ``"path:line"``
    string for files that are not documents (``.bib`` files).
    """
    extra: dict[str, Any] = {"type": WARNING_TYPE, "subtype": problem.value}
    logger.warning(message, location=location, **extra)

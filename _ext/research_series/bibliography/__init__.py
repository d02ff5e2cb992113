"""Bibliography support for the research-paper series (no Sphinx here).

``load_bibliography`` reads .bib files into a ``Bibliography`` and a list of
``BibProblem``; ``get_style`` returns a cached ``CitationStyle`` that renders
notes, short notes, bibliography entries and author-date citations as pybtex
rich text.
"""

from __future__ import annotations

from .bibfiles import BibEntry, Bibliography, BibProblem, load_bibliography
from .styles import DEFAULT_STYLE, CitationStyle, get_style, known_style_names

__all__ = [
    "DEFAULT_STYLE",
    "BibEntry",
    "BibProblem",
    "Bibliography",
    "CitationStyle",
    "get_style",
    "known_style_names",
    "load_bibliography",
]

"""One PDF per paper (and the series volume) through Sphinx's LaTeX builder."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_pdf(app: Sphinx) -> None:
    """Register the LaTeX side: documents per paper, title page, metadata."""

"""One EPUB 3 per paper from a single Sphinx run."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup_epub(app: Sphinx) -> None:
    """Register the per-paper EPUB builder."""

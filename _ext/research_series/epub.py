"""One EPUB 3 per paper from a single Sphinx run."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import epub3

from .epub_builder import SeriesEpubBuilder


def setup_epub(app: Sphinx) -> None:
    """Register the per-paper EPUB builder in place of Sphinx's single-book one."""
    app.add_builder(SeriesEpubBuilder, override=True)
    _drop_single_book_checks(app)


def _drop_single_book_checks(app: Sphinx) -> None:
    """Sphinx warns when ``version``, ``epub_copyright`` and other single-book values are empty.

    Each EPUB here takes its title, authors, identifier and description from
    its paper's metadata; those ``conf.py`` values are not used, so a warning
    about them would fail a strict build for nothing.
    """
    for listener in list(app.events.listeners.get("builder-inited", ())):
        if listener.handler is epub3.validate_config_values:
            app.disconnect(listener.id)

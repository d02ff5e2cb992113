"""The EPUB wing: one EPUB 3 per paper, and the series volume, from one Sphinx run.

``builder`` writes every page once and packages each paper, ``links`` decides
which pages form which book and where links to other books go, ``metadata``
and ``package_xml`` say what each book is, ``container`` zips it, and
``translator`` gives notes their EPUB semantics.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import epub3

from ..reading.compat import disconnect_handler
from .builder import SeriesEpubBuilder


def setup(app: Sphinx) -> None:
    """Register the per-paper EPUB builder in place of Sphinx's single-book one.

    Sphinx warns when ``version``, ``epub_copyright`` and other single-book
    values are empty. Each EPUB here takes its title, authors, identifier and
    description from its paper's metadata; those ``conf.py`` values are not
    used, so a warning about them would fail a strict build for nothing.
    """
    app.add_builder(SeriesEpubBuilder, override=True)
    disconnect_handler(app, "builder-inited", epub3.validate_config_values)

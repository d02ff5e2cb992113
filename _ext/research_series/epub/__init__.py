"""The EPUB wing: one EPUB 3 per paper, and the series volume, from one Sphinx run.

``builder`` writes every page once and packages each paper, ``links`` decides
which pages form which book and where links to other books go, ``metadata``
and ``package_xml`` say what each book is, ``container`` zips it, and
``translator`` gives notes their EPUB semantics.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import epub3
from sphinx.config import Config

from ..reading.compat import disconnect_handler, user_set
from .builder import SeriesEpubBuilder

THEME = Path(__file__).parent / "theme" / "research-series-epub"


def _use_epub_theme(app: Sphinx, config: Config) -> None:
    """``config-inited``: the books' own theme, unless the project chose one."""
    if not user_set(config, "epub_theme"):
        config.epub_theme = "research-series-epub"


def setup(app: Sphinx) -> None:
    """Register the per-paper EPUB builder in place of Sphinx's single-book one.

    Sphinx warns when ``version``, ``epub_copyright`` and other single-book
    values are empty. Each EPUB here takes its title, authors, identifier and
    description from its paper's metadata; those ``conf.py`` values are not
    used, so a warning about them would fail a strict build for nothing.
    """
    app.add_builder(SeriesEpubBuilder, override=True)
    app.add_html_theme("research-series-epub", str(THEME))
    app.connect("config-inited", _use_epub_theme)
    disconnect_handler(app, "builder-inited", epub3.validate_config_values)

"""The website wing: the reading theme, head metadata, how to cite, downloads, the
catalogue's keyword and author pages, site files, static assets.

Everything here runs only for the website builders (:func:`.website.is_website`);
the PDF and EPUB of a paper carry none of it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from .builders import SeriesDirectoryHTMLBuilder, SeriesHTMLBuilder
from .catalogue import TEMPLATES, collect_pages
from .download_links import save_links
from .head import add_head_metadata
from .howtocite import add_web_extras
from .reader import (
    arrange_paper_page,
    depart_footnote,
    depart_table,
    page_context,
    visit_footnote,
    visit_table,
)
from .site_files import write_site_files
from .website import link_published_neighbours, remove_stale_pages, unpublish_pages_with_problems

STATIC = Path(__file__).parent / "static"
THEME = Path(__file__).parent / "theme" / "research-series"


def _add_static_files(app: Sphinx, config: Config) -> None:
    """``config-inited``: the series stylesheet and script, and canonical links."""
    config.html_static_path.append(str(STATIC))
    config.templates_path.append(str(TEMPLATES))
    if not config.html_baseurl and config.series_base_url:
        config.html_baseurl = config.series_base_url


def setup(app: Sphinx) -> None:
    app.add_builder(SeriesHTMLBuilder, override=True)
    app.add_builder(SeriesDirectoryHTMLBuilder, override=True)
    app.add_html_theme("research-series", str(THEME))
    app.add_node(nodes.footnote, override=True, html=(visit_footnote, depart_footnote))
    app.add_node(nodes.table, override=True, html=(visit_table, depart_table))
    app.connect("config-inited", _add_static_files)
    app.add_css_file("research_series.css")
    app.add_js_file("research_series.js")
    app.connect("doctree-resolved", add_web_extras)
    app.connect("doctree-resolved", arrange_paper_page)
    app.connect("html-page-context", add_head_metadata)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", link_published_neighbours)
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", write_site_files)
    app.connect("build-finished", unpublish_pages_with_problems)
    app.connect("build-finished", remove_stale_pages)
    app.connect("build-finished", save_links)

"""Which builds are the website, which file holds a page, and what a strict build withholds.

One rule for "is this build the website?", used by every part of the web wing:
the HTML builders that write pages for the site (``html``, ``dirhtml`` and
``singlehtml``). EPUB is HTML too, but its pages go into packages, which the
EPUB wing handles itself.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..reading.compat import fails_on_warnings
from ..reading.domain import research_domain

WEBSITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def is_website(builder: Builder) -> bool:
    """Whether *builder* writes the series' website (rather than a PDF, an EPUB, ...)."""
    return builder.name in WEBSITE_BUILDERS


def page_file(builder: Builder, docname: str) -> Path:
    """The file that shows *docname*: its own page, or the one page of ``singlehtml``.

    ``dirhtml`` writes ``<docname>/index.html``, which the builder's own
    ``get_outfilename`` knows; its target URI is the folder.
    """
    if not isinstance(builder, StandaloneHTMLBuilder):
        return Path(builder.outdir, builder.get_target_uri(docname))
    if isinstance(builder, SingleFileHTMLBuilder):
        docname = builder.config.root_doc
    return Path(builder.get_outfilename(docname))


def unpublish_pages_with_problems(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a strict build leaves no page of a paper with problems.

    The page is written from what could be read; removing it keeps a failed
    build from publishing it, and the next build writes it again (the paper
    is read again: :func:`..reading.incremental.reread_documents_with_problems`).
    """
    if not is_website(app.builder) or not fails_on_warnings(app):
        return
    for docname in sorted(research_domain(app.env).warned):
        page_file(app.builder, docname).unlink(missing_ok=True)

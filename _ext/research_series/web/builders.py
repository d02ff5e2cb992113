"""The website's builders: Sphinx's ``html`` and ``dirhtml``, writing a page again
whenever its paper was read again, by whichever build read it (see
:class:`..reading.incremental.WritesWhatWasReadAgain`)."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..reading.incremental import WritesWhatWasReadAgain
from .download_links import pages_with_changed_links


class LinksWhatIsMade(WritesWhatWasReadAgain):
    """Pages are outdated, too, when a PDF or EPUB they could link came or went."""

    def get_outdated_docs(self) -> Iterator[str]:
        found = set()
        for docname in super().get_outdated_docs():
            found.add(docname)
            yield docname
        yield from sorted(pages_with_changed_links(self) - found)


class SeriesHTMLBuilder(LinksWhatIsMade, StandaloneHTMLBuilder):
    """Sphinx's HTML builder; pages are outdated by their doctree's time too."""


class SeriesDirectoryHTMLBuilder(LinksWhatIsMade, DirectoryHTMLBuilder):
    """Sphinx's ``dirhtml`` builder; pages are outdated by their doctree's time too."""

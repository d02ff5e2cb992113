"""The website's builders: Sphinx's ``html`` and ``dirhtml``, writing a page again
whenever its paper was read again, by whichever build read it (see
:class:`..reading.incremental.WritesWhatWasReadAgain`)."""

from __future__ import annotations

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ..reading.incremental import WritesWhatWasReadAgain


class SeriesHTMLBuilder(WritesWhatWasReadAgain, StandaloneHTMLBuilder):
    """Sphinx's HTML builder; pages are outdated by their doctree's time too."""


class SeriesDirectoryHTMLBuilder(WritesWhatWasReadAgain, DirectoryHTMLBuilder):
    """Sphinx's ``dirhtml`` builder; pages are outdated by their doctree's time too."""

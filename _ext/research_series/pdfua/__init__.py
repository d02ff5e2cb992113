"""The accessible PDF wing: each paper's web page printed as a tagged PDF/UA-1 file.

The HTML build lists the papers to print (``manifest``); at make time ``make``
prints them all in one process with WeasyPrint, through ``page`` (the article of
the built page, notes beside their calls) and ``print.css`` (the print edition's
page), and ``tagging`` adds what WeasyPrint's tags leave out. The XeLaTeX PDF (the
``pdf`` wing) stays the print edition and the volume's source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """List the papers to print when the website is built."""
    from .manifest import write_manifest

    app.connect("build-finished", write_manifest)

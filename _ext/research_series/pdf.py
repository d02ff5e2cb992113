"""One PDF per paper (and the series volume) through Sphinx's LaTeX builder."""

from __future__ import annotations

from sphinx.application import Sphinx

from .pdf_config import configure_latex, warn_volume_clash
from .pdf_make import write_makefile
from .pdf_transforms import (
    ArrangeTitleBlock,
    MarkSourceLines,
    NoTexFromPapers,
    OrderVolume,
    PrintedNotesAndTargets,
)


def setup_pdf(app: Sphinx) -> None:
    """Register the LaTeX side: documents per paper, title page, metadata."""
    app.connect("config-inited", configure_latex)
    app.connect("builder-inited", warn_volume_clash)
    app.add_post_transform(NoTexFromPapers)
    app.add_post_transform(ArrangeTitleBlock)
    app.add_post_transform(OrderVolume)
    app.add_post_transform(PrintedNotesAndTargets)
    app.add_post_transform(MarkSourceLines)
    # Long URLs break anywhere (in text, notes and works lists).
    app.add_latex_package("xurl", after_hyperref=True)
    app.connect("build-finished", write_makefile)

"""The PDF wing: one PDF per paper (and the series volume) through Sphinx's LaTeX builder.

``config`` derives the LaTeX documents and preamble from the series,
``transforms`` arrange the tree for print and keep paper text from running as
TeX, ``titleblock`` writes the first page's LaTeX, ``make`` replaces the LaTeX
folder's Makefile and compiles each PDF, ``volume`` assembles the series volume
from the papers' PDFs, ``incremental`` writes only the papers that changed,
``passes`` and ``progress`` decide each paper's TeX runs and report on them,
``texlog`` reads TeX's log when one fails, and ``latex/researchseries.sty`` is
the series' LaTeX package.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STYLE_FILE = Path(__file__).parent / "latex" / "researchseries.sty"
ONE_PASS_FILE = Path(__file__).parent / "latex" / "researchonepass.sty"


def _ship_style(app: Sphinx, config: Config) -> None:
    """``config-inited``: the series' LaTeX package goes into the LaTeX folder."""
    config.latex_additional_files.append(str(STYLE_FILE))
    config.latex_additional_files.append(str(ONE_PASS_FILE))


def setup(app: Sphinx) -> None:
    """Register the LaTeX side: documents per paper, title page, metadata."""
    # Imported here: ``python -m research_series.pdf.make`` runs once per PDF and
    # imports this package, which must stay cheap.
    from ..reading.nodes import report_titleblock
    from ..reading.scripts import script_run, work_language
    from .config import configure_latex, drop_withdrawn, warn_volume_clash
    from .incremental import SeriesLaTeXBuilder
    from .links import LinksToOtherPapers
    from .make import write_makefile
    from .outputs import remove_unpublished
    from .passes import mark_papers
    from .scripts import (
        depart_script_run,
        depart_work_language,
        visit_script_run,
        visit_work_language,
    )
    from .tables import ColumnWidthsFromContent
    from .titleblock import depart_titleblock, visit_titleblock
    from .transforms import (
        ArrangeTitleBlock,
        BreakUrlsAfterTheScheme,
        DisplaysInTheirParagraph,
        EquationReferencesInTheirPaper,
        MarkSourceLines,
        NoTexFromPapers,
        OneNumberPerEquation,
        PrintedNotesAndTargets,
        VolumeTitlePage,
    )
    from .volume_manifest import write_manifest

    # Only the papers whose doctrees changed are translated again (incremental.py).
    app.add_builder(SeriesLaTeXBuilder, override=True)
    app.connect("config-inited", _ship_style)
    app.connect("config-inited", configure_latex)
    app.connect("builder-inited", warn_volume_clash)
    app.connect("env-updated", drop_withdrawn)
    # The reading layer registered the node for the other builders.
    app.add_node(report_titleblock, override=True, latex=(visit_titleblock, depart_titleblock))
    app.add_node(script_run, override=True, latex=(visit_script_run, depart_script_run))
    app.add_node(work_language, override=True, latex=(visit_work_language, depart_work_language))
    app.add_latex_package("researchseries")
    app.add_post_transform(NoTexFromPapers)
    app.add_post_transform(OneNumberPerEquation)
    app.add_post_transform(EquationReferencesInTheirPaper)
    app.add_post_transform(ColumnWidthsFromContent)
    app.add_post_transform(LinksToOtherPapers)
    app.add_post_transform(ArrangeTitleBlock)
    app.add_post_transform(VolumeTitlePage)
    app.add_post_transform(BreakUrlsAfterTheScheme)
    app.add_post_transform(PrintedNotesAndTargets)
    app.add_post_transform(MarkSourceLines)
    app.add_post_transform(DisplaysInTheirParagraph)
    # URLs break before / . - and the like (CMOS 14.18; between letters only where a
    # part is wider than the line): xurl's break points, redrawn in researchseries.sty.
    app.add_latex_package("xurl", after_hyperref=True)
    # Links and bookmarks in one run, where a paper needs no more (see passes.py).
    app.add_latex_package("researchonepass", after_hyperref=True)
    app.connect("build-finished", write_makefile)
    app.connect("build-finished", remove_unpublished)
    app.connect("build-finished", write_manifest)
    app.connect("build-finished", mark_papers)

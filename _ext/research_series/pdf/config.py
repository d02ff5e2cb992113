"""LaTeX configuration derived from the series: one document per paper, plus the volume.

Everything here runs at ``config-inited`` and only fills in what the user left
unset, so a project can still choose its own ``latex_documents``,
``latex_engine`` or ``latex_elements`` keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import texescape
from sphinx.util.matching import Matcher

from ..model.papers import (
    VOLUME,
    file_stem,
    kept_version,
    kept_version_docnames,
    paper_folders,
)
from ..reading.compat import user_set
from ..reading.config import series_config
from ..reading.diagnostics import Problem, warn
from ..reading.domain import research_domain

LatexDocument = tuple[str, str, str, str, str, bool]

#: Papers are short articles; the volume is a book with one chapter per paper.
PAPER_THEME = "howto"
VOLUME_THEME = "manual"

#: Our own title page and contents (see ``researchseries.sty``): the paper's title
#: block replaces Sphinx's title (no "Release" line, no build date).
LATEX_ELEMENTS = {
    "maketitle": r"\researchmaketitle",
    "tableofcontents": r"\researchtableofcontents",
    # One-sided: read on screen, no blank pages before chapters.
    "extraclassoptions": "oneside",
    # Papers have no index; skipping it saves a program run per PDF.
    "makeindex": "",
    "printindex": "",
    # 11 pt on a measure of about 70 characters (researchseries.sty sets the page).
    "pointsize": "11pt",
    # The volume's chapters open like the paper's own first page, not in a
    # decorated chapter style (researchseries.sty prints no chapter head).
    "fncychap": "",
}


def paper_slugs(srcdir: Path, exclude_patterns: list[str]) -> list[str]:
    """The papers in the source folder, before any is read (by the model's one rule)."""
    return paper_folders(srcdir, Matcher(exclude_patterns))


def warn_volume_clash(app: Sphinx) -> None:
    """``builder-inited``: a paper folder with the volume's name costs the volume."""
    if app.builder.name != "latex" or user_set(app.config, "latex_documents"):
        return
    if VOLUME in paper_slugs(Path(app.srcdir), app.config.exclude_patterns):
        warn(
            Problem.series,
            f"a paper folder named {VOLUME!r} has the name of the series PDF, which is not "
            "written; rename the folder",
            f"{Path(app.srcdir, VOLUME, 'index.md')}:1",
        )


def latex_documents_for(config: Config, srcdir: Path) -> list[LatexDocument]:
    """One ``howto`` per paper and per kept version, then the volume (cover, contents, papers).

    A paper's title is left empty: Sphinx's LaTeX writer then takes it from the
    paper's first heading, so it is exact and escaped, and not repeated as a
    section. The volume takes only the index's toctree (``toctree_only``): its
    cover replaces the index page's listing.
    """
    engine = config.latex_engine
    series = series_config(config)
    slugs = paper_slugs(srcdir, config.exclude_patterns)
    documents: list[LatexDocument] = [
        (f"{slug}/index", f"{slug}.tex", "", "", PAPER_THEME, False) for slug in slugs
    ]
    # Each kept version is a PDF of its own, <slug>-v<n>.pdf, made from what was kept.
    documents += [
        (docname, f"{file_stem(docname)}.tex", "", "", PAPER_THEME, False)
        for docname in kept_version_docnames(srcdir, Matcher(config.exclude_patterns))
    ]
    if slugs and VOLUME not in slugs and any(srcdir.glob(f"{config.root_doc}.*")):
        documents.append(
            (
                config.root_doc,
                f"{VOLUME}.tex",
                texescape.escape(series.title or config.project, engine),
                texescape.escape(series.publisher_line or config.author, engine),
                VOLUME_THEME,
                True,
            )
        )
    return documents


def drop_withdrawn(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: a withdrawn paper has no PDF (nor a stale one left behind).

    Known only once papers are read; the LaTeX builder reads ``latex_documents``
    when it starts writing, after this.
    """
    if app.builder.name != "latex":
        return
    reports = research_domain(env).reports
    withdrawn = {name for name, record in reports.items() if record.report.withdrawal}
    kept = []
    for document in app.config.latex_documents:
        version = kept_version(document[0])
        # a withdrawn paper's kept versions go with it
        if document[0] in withdrawn or (version is not None and version.paper in withdrawn):
            tex = Path(app.outdir, document[1])
            tex.unlink(missing_ok=True)
            tex.with_suffix(".pdf").unlink(missing_ok=True)
        else:
            kept.append(document)
    app.config.latex_documents = kept


def configure_latex(app: Sphinx, config: Config) -> None:
    """``config-inited``: XeLaTeX, per-paper documents and our title page, unless set."""
    texescape.init()
    if not user_set(config, "latex_engine"):
        config.latex_engine = "xelatex"
    if not user_set(config, "latex_documents"):
        config.latex_documents = latex_documents_for(config, Path(app.srcdir))
    elements: dict[str, Any] = dict(config.latex_elements)
    for key, value in LATEX_ELEMENTS.items():
        elements.setdefault(key, value)
    elements["preamble"] = series_preamble(config) + elements.get("preamble", "")
    config.latex_elements = elements


def series_preamble(config: Config) -> str:
    """The series' names for the cover and running heads, as escaped macros."""
    series = series_config(config)
    engine = config.latex_engine

    values = {
        "researchseriestitle": series.title or config.project,
        "researchseriesshortname": series.short_name,
        "researchseriesstatement": series.listing_statement,
    }
    lines = [
        rf"\renewcommand{{\{name}}}{{{texescape.escape(value, engine)}}}"
        for name, value in values.items()
    ]
    language = re.sub(r"[^A-Za-z0-9-]", "-", config.language or "en")
    lines.append(rf"\hypersetup{{pdflang={{{language}}}}}")
    return "\n".join(lines) + "\n"

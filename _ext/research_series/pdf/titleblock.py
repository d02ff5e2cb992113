"""The LaTeX around a paper's title block: running head and PDF metadata.

The block's fields are ordinary nodes the LaTeX writer escapes. What is
written here comes from attributes :class:`.transforms.ArrangeTitleBlock` set
on the block from the paper's record (``number``; ``pdfinfo`` in the paper's
own PDF), each value escaped with Sphinx's ``texescape`` and braced, so no
metadata can leave its argument. The visitor reads only its node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import texescape

from ..model.report import Report
from ..model.series import SeriesConfig
from .scripts import escape_with_scripts

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.writers.latex import LaTeXTranslator


def pdf_string(text: str, engine: str) -> str:
    """*text* as a braced hyperref value: escaped, on one line.

    Every TeX special comes out as a command that prints it (``\\$``,
    ``\\textbackslash{}``...), braces included, so the value cannot close its
    group or the key list; hyperref turns those commands back into characters.
    """
    return "{" + texescape.escape(" ".join(text.split()), engine) + "}"


def pdf_info(report: Report, series: SeriesConfig, project: str) -> dict[str, str]:
    """Title, Author (every author), Subject (the series) and Keywords.

    The language is the project's, set in the preamble (hyperref takes
    ``pdflang`` only there).
    """
    subject = f"{series.title or project}, No. {report.number}: {report.report_type}"
    return {
        "pdftitle": report.title,
        "pdfauthor": "; ".join(report.author_names),
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(report.keywords),
    }


def hypersetup(info: dict[str, str], engine: str) -> str:
    keys = ",\n  ".join(f"{key}={pdf_string(value, engine)}" for key, value in info.items())
    return f"\\hypersetup{{\n  {keys}}}\n"


def visit_titleblock(translator: LaTeXTranslator, node: nodes.Element) -> None:
    """``\\begin{researchtitleblock}``, the running head and foot, the volume's
    contents line of authors, and (in the paper's own PDF) its metadata, set
    before the first page is shipped out."""
    engine = translator.config.latex_engine
    parts = ["\n\\begin{researchtitleblock}\n"]
    number = node.get("number")
    if isinstance(number, int):
        parts.append(f"\\researchsetpaper{{{number:d}}}\n")
    if node.get("short_title") is not None:
        title = escape_with_scripts(node["short_title"], engine)
        authors = escape_with_scripts(node.get("head_authors", ""), engine)
        parts.append(f"\\researchsetrunninghead{{{title}}}{{{authors}}}\n")
    if node.get("toc_authors"):
        authors = escape_with_scripts(node["toc_authors"], engine)
        parts.append(f"\\researchtocauthors{{{authors}}}\n")
    info = node.get("pdfinfo")
    if info:
        parts.append(hypersetup(info, translator.config.latex_engine))
    translator.body.append("".join(parts))


def depart_titleblock(translator: LaTeXTranslator, node: nodes.Element) -> None:
    translator.body.append("\n\\end{researchtitleblock}\n")

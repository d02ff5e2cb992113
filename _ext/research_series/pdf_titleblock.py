"""The LaTeX around a paper's title block: running head and PDF metadata.

The block's fields are ordinary nodes the LaTeX writer escapes; what is
written here is built from the paper's record, each value escaped with
Sphinx's ``texescape`` and braced, so no metadata can leave its argument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import texescape

from .config import series_config
from .domain import research_domain
from .metadata import Report

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.config import Config
    from sphinx.writers.latex import LaTeXTranslator


def pdf_string(text: str, engine: str) -> str:
    """*text* as a braced hyperref value: escaped, on one line.

    Every TeX special comes out as a command that prints it (``\\$``,
    ``\\textbackslash{}``...), braces included, so the value cannot close its
    group or the key list; hyperref turns those commands back into characters.
    """
    return "{" + texescape.escape(" ".join(text.split()), engine) + "}"


def pdf_info(report: Report, config: Config) -> dict[str, str]:
    """Title, Author (every author), Subject (the series) and Keywords.

    The language is the project's, set in the preamble (hyperref takes
    ``pdflang`` only there).
    """
    series = series_config(config)
    subject = f"{series.title or config.project}, No. {report.number}: {report.report_type}"
    return {
        "pdftitle": report.title,
        "pdfauthor": "; ".join(report.author_names),
        "pdfsubject": subject,
        "pdfkeywords": ", ".join(report.keywords),
    }


def hypersetup(info: dict[str, str], engine: str) -> str:
    keys = ",\n  ".join(f"{key}={pdf_string(value, engine)}" for key, value in info.items())
    return f"\\hypersetup{{\n  {keys}}}\n"


def titleblock_opening(translator: LaTeXTranslator, node: nodes.Element) -> str:
    """``\\begin{researchtitleblock}``, the running head, and (in the paper's own PDF)
    its metadata, set before the first page is shipped out."""
    config = translator.config
    record = research_domain(translator.builder.env).reports.get(node.get("docname", ""))
    parts = ["\n\\begin{researchtitleblock}\n"]
    if record is not None:
        parts.append(f"\\researchsetpaper{{{record.report.number:d}}}\n")
        if node.get("standalone"):
            parts.append(hypersetup(pdf_info(record.report, config), config.latex_engine))
    return "".join(parts)


def titleblock_closing() -> str:
    return "\n\\end{researchtitleblock}\n"

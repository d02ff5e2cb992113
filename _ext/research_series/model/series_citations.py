"""A paper of the series cited by its folder name, without copying its BibTeX.

``{cite}`hovander-2016``` in another paper cites paper 1: when a key is not in
the citing paper's bibliography but names a paper folder, the entry is made
from that paper's own title and ``research-report`` options, exactly as the
series' BibTeX download describes it (:func:`.exports.report_entry`), with
the paper's URL on the series' site (and its DOI when it has one). The cited
paper's source is read directly (MyST's Markdown parser finds the title and
the directive), so a paper can cite one read later or in another process.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from pybtex.database import Entry

from .exports import report_entry
from .papers import PAPER_DOCUMENT, CitablePaper, absolute, download_path, is_valid_slug
from .report import Report, parse_report
from .series import SeriesConfig

_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")


def paper_source(srcdir: Path, key: str) -> Path | None:
    """The ``index.md`` of the paper folder *key*, when there is one."""
    if not is_valid_slug(key):
        return None
    path = srcdir / key / f"{PAPER_DOCUMENT}.md"
    return path if path.is_file() else None


def report_of_source(text: str, series: SeriesConfig) -> Report | None:
    """The report a paper's source declares (its first heading and directive options)."""
    title = ""
    options: dict[str, str] = {}
    tokens = MarkdownIt("commonmark").parse(text)
    for i, token in enumerate(tokens):
        if not title and token.type == "heading_open" and token.tag == "h1":
            title = tokens[i + 1].content.strip()
        if not options and token.type == "fence" and token.info.strip() == "{research-report}":
            for line in token.content.splitlines():
                match = _OPTION.match(line.strip())
                if match is None:
                    break
                options[match["name"]] = match["value"]
    if not title or not options:
        return None
    report, _ = parse_report(
        title, options, default_report_type=series.report_type, has_abstract=True
    )
    return report


def series_paper_entry(srcdir: Path, key: str, series: SeriesConfig) -> Entry | None:
    """The BibTeX entry of the series paper in folder *key*, or ``None``."""
    source = paper_source(srcdir, key)
    if source is None:
        return None
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the paper's own build reports it
    report = report_of_source(text, series)
    if report is None or report.withdrawal:
        return None
    docname = f"{key}/{PAPER_DOCUMENT}"
    paper = CitablePaper(
        report=report,
        slug=key,
        url=absolute(series.base_url, f"{docname}.html"),
        pdf_url=absolute(series.base_url, download_path(docname, ".pdf")),
    )
    return report_entry(paper, series)

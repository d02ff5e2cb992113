"""The catalogue's keyword and author pages, and the links to them from every paper.

The pages are not documents: ``html-collect-pages`` renders them from the
papers' records after the documents are written, in the main process (so
``-j N`` changes nothing). Each page is rendered again only when what it shows
changed, a digest per page kept in ``.catalogue.json`` beside the pages, so an
edit to one paper rewrites the pages that list it and no other. Only the
``html`` and ``dirhtml`` builders have them: ``singlehtml`` writes no
extension pages and EPUB and LaTeX are not the website.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..model.authors import join_names
from ..model.catalogue import (
    AUTHORS,
    KEYWORDS,
    Facet,
    author_facets,
    author_identity,
    facet_index,
    keyword_facets,
    keyword_identity,
)
from ..model.report import Status
from ..reading.domain import ReportRecord, research_domain
from ..reading.problems import unpublished
from ..reading.series_view import published
from .site_files import digest, read_state
from .website import page_file

STATE_FILE = ".catalogue.json"
TEMPLATES = Path(__file__).parent / "templates"
FACET_TEMPLATE = "research_series/facet.html"
LIST_TEMPLATE = "research_series/facets.html"
HEADINGS = {KEYWORDS: "Keywords", AUTHORS: "Authors"}
_STATUS_LABELS = {Status.published: "Published", Status.withdrawn: "Withdrawn"}
CATALOGUE_BUILDERS = frozenset({"html", "dirhtml"})


def has_catalogue(builder: Builder) -> bool:
    """Whether this build writes the keyword and author pages."""
    return builder.name in CATALOGUE_BUILDERS


def facets(app: Sphinx) -> tuple[Facet, ...]:
    """Every keyword and author page, computed once per change of the records."""

    def compute() -> tuple[Facet, ...]:
        papers = [(r.docname, r.report) for r in published(app.env)]
        return (*keyword_facets(papers), *author_facets(papers))

    # A paper's problem found while pages are written changes what is published.
    withheld = frozenset(unpublished(app.env))
    return research_domain(app.env).derived(("catalogue_facets", withheld), compute)


def facet_pages(app: Sphinx) -> dict[tuple[str, str], str]:
    withheld = frozenset(unpublished(app.env))
    return research_domain(app.env).derived(
        ("catalogue_index", withheld), lambda: facet_index(facets(app))
    )


def keyword_page(app: Sphinx, keyword: str) -> str | None:
    return facet_pages(app).get((KEYWORDS, keyword_identity(keyword)))


def author_pages(app: Sphinx, record: ReportRecord) -> list[str | None]:
    index = facet_pages(app)
    return [index.get((AUTHORS, author_identity(a))) for a in record.report.authors]


def link(builder: Builder, fromdoc: str, page: str) -> str:
    """A relative link from *fromdoc*'s page to the catalogue page *page*."""
    return relative_uri(builder.get_target_uri(fromdoc), builder.get_target_uri(page))


def paper_summary(record: ReportRecord) -> dict[str, Any]:
    """What a catalogue page shows of one paper (plain values; the template escapes)."""
    report = record.report
    return {
        "docname": record.docname,
        "number": report.number,
        "title": report.title,
        "authors": join_names(report.author_names),
        "year": report.date.year,
        "status": _STATUS_LABELS.get(report.status, "Working paper"),
    }


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the pages whose content changed since the last build."""
    if not has_catalogue(app.builder):
        return
    records = {r.docname: r for r in published(app.env)}
    outdir = Path(app.outdir)
    state_path = outdir / STATE_FILE
    old = read_state(state_path)
    salt = _salt(app)
    state: dict[str, str] = {}
    pages: list[tuple[str, dict[str, Any], str]] = []
    all_facets = facets(app)
    for kind in (KEYWORDS, AUTHORS):
        of_kind = [f for f in all_facets if f.kind == kind]
        entries = [{"page": f.page, "label": f.label, "count": len(f.docnames)} for f in of_kind]
        listing: dict[str, Any] = {"title": HEADINGS[kind], "kind": kind, "facets": entries}
        pages.append((f"{kind}/index", listing, LIST_TEMPLATE))
        for facet in of_kind:
            papers = [paper_summary(records[d]) for d in facet.docnames if d in records]
            context: dict[str, Any] = {
                "title": facet.label,
                "kind": kind,
                "facet": {
                    "label": facet.label,
                    "orcid_url": facet.orcid_url,
                    "affiliations": list(facet.affiliations),
                },
                "papers": papers,
            }
            pages.append((facet.page, context, FACET_TEMPLATE))
    for pagename, context, template in pages:
        state[pagename] = digest(salt, template, json.dumps(context, sort_keys=True))
        target = page_file(app.builder, pagename)
        if old.get(pagename) != state[pagename] or not target.is_file():
            yield pagename, context, template
    for gone in sorted(set(old) - set(state)):
        page_file(app.builder, gone).unlink(missing_ok=True)
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _salt(app: Sphinx) -> str:
    """What every page depends on besides its papers: configuration and templates."""
    info = getattr(app.builder, "build_info", None)
    parts = [app.builder.name, str(getattr(info, "config_hash", ""))]
    parts += [path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.rglob("*.html"))]
    return digest(*parts)


def browse_links(app: Sphinx, fromdoc: str) -> nodes.paragraph:
    """``Browse: keywords · authors``, for the series index."""
    para = nodes.paragraph("", "", classes=["series-browse"])
    para += nodes.strong(text="Browse the series by: ")
    for i, kind in enumerate((KEYWORDS, AUTHORS)):
        if i:
            para += nodes.Text(" · ")
        uri = link(app.builder, fromdoc, f"{kind}/index")
        para += nodes.reference("", HEADINGS[kind].lower(), refuri=uri)
    return para

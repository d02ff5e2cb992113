"""The ``series-index`` directive and the transform that fills it.

While reading, the directive only leaves a placeholder and a hidden toctree
of the paper folders (so adding a folder adds a paper). At write time the
placeholder becomes the listing, computed from every paper's record, so the
index always reflects the whole series whatever order papers were read in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..model.authors import join_names
from ..model.papers import paper_docnames
from ..model.report import Status
from ..model.series import SeriesConfig
from .domain import ReportRecord, research_domain
from .nodes import folded, series_index_placeholder
from .series_view import published, series_of
from .text import text_with_links
from .withdrawal import notice


class SeriesIndexDirective(SphinxDirective):
    """Lists every paper of the series, ordered by number."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        research_domain(self.env).add_index_page(docname, self.lineno)
        papers = paper_docnames(self.env.found_docs)
        toctree = addnodes.toctree(
            parent=docname,
            entries=[(None, name) for name in papers],
            includefiles=papers,
            maxdepth=1,
            caption=None,
            glob=True,  # marks the index to be re-read when paper folders come or go
            hidden=True,
            includehidden=False,
            numbered=0,
            titlesonly=True,
        )
        self.set_source_info(toctree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += toctree
        placeholder = series_index_placeholder()
        self.set_source_info(placeholder)
        return [placeholder, wrapper]


class SeriesIndexTransform(SphinxPostTransform):
    """Replace the placeholder with the listing, before references are resolved."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(series_index_placeholder))
        if not placeholders:
            return
        series = series_of(self.env)
        ordered = published(self.env)
        for placeholder in placeholders:
            placeholder.replace_self(build_listing(series, ordered, self.env.docname))


def build_listing(
    series: SeriesConfig, ordered: Sequence[ReportRecord], fromdoc: str
) -> list[nodes.Node]:
    """Policy, statement, committee, then the papers by year (numbers follow years)."""
    result: list[nodes.Node] = []
    if series.policy:
        result.append(
            nodes.paragraph(
                "",
                "",
                nodes.strong(text="Policy: "),
                nodes.Text(series.policy),
                classes=["series-policy"],
            )
        )
    if series.listing_statement:
        result.append(nodes.paragraph(text=series.listing_statement, classes=["series-statement"]))
    catalogue = nodes.container(classes=["series-catalogue"])
    by_year: dict[int, list[ReportRecord]] = {}
    for record in ordered:
        by_year.setdefault(record.report.date.year, []).append(record)
    for year, records in sorted(by_year.items()):
        section = nodes.section(
            "", nodes.title("", str(year)), ids=[f"year-{year}"], classes=["series-year"]
        )
        entries = nodes.bullet_list(classes=["series-papers"])
        for record in records:
            entries += series_entry(record, series, fromdoc)
        section += entries
        catalogue += section
    result.append(catalogue)
    return result


def series_entry(record: ReportRecord, series: SeriesConfig, fromdoc: str) -> nodes.list_item:
    """``1. Torin Hovander. *Title*. Report type, Institution (2016).`` and the abstract."""
    report = record.report
    link = addnodes.pending_xref(
        "",
        nodes.Text(report.title),
        refdomain="std",
        reftype="doc",
        reftarget="/" + record.docname,
        refexplicit=True,
        refwarn=True,
        refdoc=fromdoc,
    )
    authors = join_names(report.author_names)
    where = ", ".join(part for part in (report.report_type, series.institution) if part)
    citation = nodes.paragraph(
        "",
        "",
        nodes.Text(f"{report.number}. {authors}. "),
        nodes.emphasis("", "", link),
        nodes.Text(f". {where} ({report.date.year})."),
        classes=["series-citation"],
    )
    item = nodes.list_item("", citation, ids=[f"paper-{report.number}"], classes=["series-entry"])
    if report.withdrawal is not None:
        item["classes"].append("series-withdrawn")
        item += notice(report.withdrawal)
        return item
    if report.status is Status.published and report.published_as:
        item += nodes.paragraph(
            "",
            "",
            nodes.strong(text="Published as: "),
            *text_with_links(report.published_as),
            classes=["series-published-as"],
        )
    else:
        policy = f" ({series.policy})" if series.policy else ""
        item += nodes.paragraph(text=f"Working paper{policy}", classes=["series-status"])
    abstract = record.abstract.deepcopy()
    abstract["classes"] = ["series-abstract"]
    item += folded("", abstract, summary="Abstract", classes=["series-abstract-fold"])
    return item

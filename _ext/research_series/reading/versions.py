"""A paper's versions in its title block: which one this is, and links to the others.

A revised paper's page says "Version 2, <date>. <note>" and links each kept
version (``<slug>/versions/<n>/``); a kept version's page says plainly that it
is an earlier version and links the current one. The links are ``{doc}``
references, so the site links pages as its builder names them and the PDF prints
their addresses (:mod:`..pdf.links`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.papers import KeptVersion, kept_version, slug, version_docname
from ..model.report import Report
from .domain import research_domain
from .series_view import kept_versions_of


def doc_link(text: str, target: str, fromdoc: str) -> addnodes.pending_xref:
    """A ``{doc}`` link to *target*, resolved as the builder names pages."""
    return addnodes.pending_xref(
        "",
        nodes.inline(text=text),
        refdomain="std",
        reftype="doc",
        reftarget=f"/{target}",
        refexplicit=True,
        refwarn=True,
        refdoc=fromdoc,
    )


def version_line(report: Report) -> nodes.paragraph | None:
    """``Version 2, December 1, 2026. <note>``: the revision this page shows."""
    if report.revision is None:
        return None
    revision = report.revision
    return nodes.paragraph(
        "",
        "",
        nodes.strong(text=f"Version {revision.number}, {revision.date.display}. "),
        nodes.Text(revision.note),
        classes=["report-version"],
    )


def earlier_versions(env: BuildEnvironment, docname: str, report: Report) -> nodes.paragraph | None:
    """``Earlier versions: Version 1 · Version 2``, each linked to its kept page (and
    dated when the pages are written, :class:`DateTheKeptVersions`)."""
    found = [n for n in kept_versions_of(env, slug(docname)) if n < report.version]
    if not found:
        return None
    para = nodes.paragraph("", "", nodes.strong(text="Earlier versions: "))
    para["classes"].append("report-earlier-versions")
    for i, number in enumerate(found):
        if i:
            para += nodes.Text(" · ")
        link = doc_link(f"Version {number}", version_docname(slug(docname), number), docname)
        link[DATED] = True
        para += link
    return para


#: Marks a link to a kept version that :class:`DateTheKeptVersions` gives its date.
DATED = "research_kept_version_dated"


class DateTheKeptVersions(SphinxPostTransform):
    """``Version 1, February 1, 2016``: each kept version's date, from its record.

    Known once every page is read. A kept version is never edited, so its date
    never changes after the paper's page that lists it was written.
    """

    # Before the PDF's links to other pages (5) and the resolving of references (10).
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        reports = research_domain(self.env).reports
        for link in list(self.document.findall(addnodes.pending_xref)):
            if not link.get(DATED):
                continue
            record = reports.get(link["reftarget"].lstrip("/"))
            if record is not None:
                date = record.report.version_date.display
                link[:] = [nodes.inline(text=f"{link.astext()}, {date}")]


def missing_versions(env: BuildEnvironment, docname: str, report: Report) -> list[int]:
    """Versions before this one that are not kept (a folder deleted or never made)."""
    found = set(kept_versions_of(env, slug(docname)))
    return [n for n in range(1, report.version) if n not in found]


def read_again_when_a_version_goes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: a paper one of whose kept versions went is read again.

    Its page links every kept version; with one gone, reading it again reports the
    version missing at its ``:version:`` line instead of leaving a dead link.
    """
    reports = research_domain(env).reports
    return sorted(
        docname
        for docname, record in reports.items()
        if kept_version(docname) is None
        and record.report.version > 1
        and missing_versions(env, docname, record.report)
    )


def kept_notice(kept: KeptVersion, report: Report) -> nodes.paragraph:
    """What a kept version's page says first: it is not the current text."""
    return nodes.paragraph(
        "",
        "",
        nodes.strong(text=f"This is an earlier version of this paper: version {kept.number}"),
        nodes.Text(
            f" ({report.version_date.display}), kept as it was published. "
            "It has been revised since: "
        ),
        doc_link("read the current version", kept.paper, version_docname(kept.slug, kept.number)),
        nodes.Text("."),
        classes=["report-kept-version"],
    )


def kept_number_problem(docname: str, report: Report) -> str | None:
    """What is wrong when a kept version's text names another version than its folder."""
    kept = kept_version(docname)
    if kept is None or kept.number == report.version:
        return None
    return (
        f"this kept version is in the folder of version {kept.number} but says it is "
        f"version {report.version}; a kept version is not edited: restore it from the "
        "version history"
    )

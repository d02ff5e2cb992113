"""Crossref deposit XML (schema 5.3.1): one ``report-paper`` per paper, in a ``doi_batch``.

Built with lxml element by element, so every value is escaped by the XML
library. A paper is a working paper in a series with an ISSN: Crossref's
``report-paper`` with ``report-paper_series_metadata``. Relations use Crossref's
relations program (``rel:``), which needs no Crossmark membership:

- ``:published-as:`` holding a DOI (or a URL) says the paper ``isPreprintOf`` the
  formal publication;
- a withdrawn paper keeps its DOI, which resolves to the notice now at its URL;
  its deposited title starts "Withdrawn:" and its abstract is the notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from lxml import etree

from ..model.doi import Depositor, correction_doi
from ..model.exports import family_given, is_whole_name
from ..model.report import Report, ReportDate
from ..model.series import SeriesConfig
from ..reading.domain import ListedWork
from ..reading.report_directive import correction_id
from .jats import CROSSREF, JATS, abstract_element, title_element
from .relations import relations

SCHEMA_VERSION = "5.3.1"
REL = "http://www.crossref.org/relations.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The default namespace is Crossref's (key None; lxml-stubs types the keys as str only).
NSMAP: Any = {None: CROSSREF, "jats": JATS, "rel": REL, "xsi": XSI}
SCHEMA_LOCATION = f"{CROSSREF} https://www.crossref.org/schemas/crossref{SCHEMA_VERSION}.xsd"


@dataclass(frozen=True)
class DepositedPaper:
    """What the deposit says of one paper (from its record and the site)."""

    report: Report
    url: str
    title: nodes.Element | None
    abstract: nodes.Element
    works: tuple[ListedWork, ...]
    language: str | None
    #: the DOIs of the paper's kept versions (``hasVersion``)
    versions: tuple[str, ...] = ()
    #: a kept version's: the paper's DOI, which names the current version (``isVersionOf``)
    version_of: str | None = None


def _sub(
    parent: etree._Element, name: str, text: str | None = None, **attrs: str
) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CROSSREF}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _contributors(parent: etree._Element, report: Report) -> None:
    contributors = _sub(parent, "contributors")
    for i, author in enumerate(report.authors):
        roles = {"sequence": "first" if i == 0 else "additional", "contributor_role": "author"}
        family, given = family_given(author)
        if is_whole_name(author) and author.family is None and " " in author.name:  # organisation
            _sub(contributors, "organization", author.name, **roles)
            continue
        person = _sub(contributors, "person_name", **roles)
        if given:
            _sub(person, "given_name", given)
        _sub(person, "surname", family)
        if author.affiliation:
            institution = _sub(_sub(person, "affiliations"), "institution")
            _sub(institution, "institution_name", author.affiliation)
        if author.orcid_url:
            _sub(person, "ORCID", author.orcid_url)


def _date(parent: etree._Element, date: ReportDate) -> None:
    element = _sub(parent, "publication_date", media_type="online")
    if date.month:
        _sub(element, "month", f"{date.month:02d}")
        if date.day:
            _sub(element, "day", f"{date.day:02d}")
    _sub(element, "year", f"{date.year:04d}")


def _citations(parent: etree._Element, works: Sequence[ListedWork]) -> None:
    citations = _sub(parent, "citation_list")
    for n, work in enumerate(works, 1):
        citation = _sub(citations, "citation", key=f"ref{n}")
        if work.doi:
            _sub(citation, "doi", work.doi)
        _sub(citation, "unstructured_citation", work.text)


def report_paper(paper: DepositedPaper, series: SeriesConfig) -> etree._Element:
    """One ``report-paper``: series, contributors, title, abstract, dates, DOI, citations."""
    report = paper.report
    assert report.doi is not None, "only papers with a DOI are deposited"
    root = etree.Element(f"{{{CROSSREF}}}report-paper", nsmap=NSMAP)
    metadata = _sub(root, "report-paper_series_metadata")
    if paper.language:
        metadata.set("language", paper.language)
    series_metadata = _sub(metadata, "series_metadata")
    _sub(_sub(series_metadata, "titles"), "title", series.title)
    _sub(series_metadata, "issn", series.issn.strip().upper(), media_type="electronic")
    _contributors(metadata, report)
    titles = _sub(metadata, "titles")
    title = title_element(paper.title, report.title)
    titles.append(title)
    abstract = paper.abstract
    if report.withdrawal is not None:
        # Crossref's way for removed content: the DOI stays and says so.
        title.text = f"Withdrawn: {title.text or ''}"
    metadata.append(abstract_element(abstract, paper.language))
    # a kept version was published on its own day; the paper's DOI keeps the first
    _date(metadata, report.version_date if paper.version_of else report.date)
    _sub(_sub(metadata, "publisher"), "publisher_name", series.publisher)
    if series.institution:
        _sub(_sub(metadata, "institution"), "institution_name", series.institution)
    item = _sub(metadata, "publisher_item")
    _sub(item, "identifier", str(report.number), id_type="report-number")
    doi_data = _sub(metadata, "doi_data")
    _sub(doi_data, "doi", report.doi)
    _sub(doi_data, "resource", paper.url)
    if paper.works and report.withdrawal is None:
        _citations(metadata, paper.works)
    program = relations(report, versions=paper.versions, version_of=paper.version_of)
    if program is not None:
        metadata.append(program)
    if report.correction is not None and series.crossmark_policy:
        root.append(correction_item(paper, series.crossmark_policy))
    return root


def correction_item(paper: DepositedPaper, policy: str) -> etree._Element:
    """The correction notice as Crossref models one: an item of its own (its DOI is the
    paper's + ``.correction``, its page the notice on the paper's page) whose Crossmark
    metadata says it updates the paper (``<update type="correction">``)."""
    report = paper.report
    correction = report.correction
    assert correction is not None and report.doi is not None
    item = etree.Element(f"{{{CROSSREF}}}content_item", component_type="other")
    if paper.language:
        item.set("language", paper.language)
    _sub(_sub(item, "titles"), "title", f"Correction: {report.title}")
    notice = etree.SubElement(item, f"{{{JATS}}}abstract")
    etree.SubElement(notice, f"{{{JATS}}}p").text = correction.text
    _date(item, correction.date)
    crossmark = _sub(item, "crossmark")
    _sub(crossmark, "crossmark_policy", policy)
    updates = _sub(crossmark, "updates")
    _sub(updates, "update", report.doi, type="correction", date=correction.date.iso)
    doi_data = _sub(item, "doi_data")
    _sub(doi_data, "doi", correction_doi(report.doi))
    _sub(doi_data, "resource", f"{paper.url}#{correction_id(report.number)}")
    return item


def doi_batch(
    papers: Sequence[etree._Element],
    *,
    batch_id: str,
    timestamp: str,
    depositor: Depositor,
    registrant: str,
) -> etree._Element:
    """The deposit: its head (who, when, which batch) and the papers."""
    root = etree.Element(f"{{{CROSSREF}}}doi_batch", nsmap=NSMAP, version=SCHEMA_VERSION)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    head = _sub(root, "head")
    _sub(head, "doi_batch_id", batch_id)
    _sub(head, "timestamp", timestamp)
    who = _sub(head, "depositor")
    _sub(who, "depositor_name", depositor.name)
    _sub(who, "email_address", depositor.email)
    _sub(head, "registrant", registrant)
    body = _sub(root, "body")
    body.extend(papers)
    etree.cleanup_namespaces(root)
    return root


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

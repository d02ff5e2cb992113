"""How a paper relates to other works, in Crossref's relations program (``rel:``).

A working paper later published formally ``isPreprintOf`` that publication
(Crossref's relation for an earlier version of a work); the publication is named
by the DOI, else the URL, written in ``:published-as:``.
"""

from __future__ import annotations

from lxml import etree

from ..model.doi import doi_in, url_in
from ..model.report import Report, Status

REL = "http://www.crossref.org/relations.xsd"


def published_as_relation(report: Report) -> etree._Element | None:
    """``<rel:program>`` for ``:published-as:``; None without a DOI or URL to point at."""
    if report.status is not Status.published or not report.published_as:
        return None
    doi = doi_in(report.published_as)
    target, kind = (doi, "doi") if doi else (url_in(report.published_as), "uri")
    if not target:
        return None
    program = etree.Element(f"{{{REL}}}program", name="relations")
    item = etree.SubElement(program, f"{{{REL}}}related_item")
    etree.SubElement(item, f"{{{REL}}}description").text = report.published_as
    relation = etree.SubElement(
        item,
        f"{{{REL}}}intra_work_relation",
        {"relationship-type": "isPreprintOf", "identifier-type": kind},
    )
    relation.text = target
    return program

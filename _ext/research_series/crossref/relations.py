"""How a paper relates to other works, in Crossref's relations program (``rel:``).

A working paper later published formally ``isPreprintOf`` that publication
(Crossref's relation for an earlier version of a work); the publication is named
by the DOI, else the URL, written in ``:published-as:``. A revised paper's DOI
``hasVersion`` each kept version's DOI, and each kept version ``isVersionOf`` the
paper's (both types of ``intra_work_relation`` in Crossref's relations schema).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..model.doi import doi_in, url_in
from ..model.report import Report, Status

REL = "http://www.crossref.org/relations.xsd"


def relations(
    report: Report, *, versions: Sequence[str] = (), version_of: str | None = None
) -> etree._Element | None:
    """The one ``<rel:program>`` of a paper (the schema allows one); None when empty."""
    program = etree.Element(f"{{{REL}}}program", name="relations")
    published_as_relation(program, report)
    for doi in versions:
        _relation(program, "hasVersion", doi, f"Version {_number(doi)} of this paper")
    if version_of:
        _relation(
            program, "isVersionOf", version_of, "The paper, whose DOI names its current version"
        )
    return program if len(program) else None


def _number(doi: str) -> str:
    return doi.rpartition(".v")[2]


def _relation(program: etree._Element, kind: str, doi: str, description: str) -> None:
    item = etree.SubElement(program, f"{{{REL}}}related_item")
    etree.SubElement(item, f"{{{REL}}}description").text = description
    relation = etree.SubElement(
        item,
        f"{{{REL}}}intra_work_relation",
        {"relationship-type": kind, "identifier-type": "doi"},
    )
    relation.text = doi


def published_as_relation(program: etree._Element, report: Report) -> None:
    """``:published-as:`` as ``isPreprintOf`` in *program*; nothing without a DOI or URL."""
    if report.status is not Status.published or not report.published_as:
        return
    doi = doi_in(report.published_as)
    target, kind = (doi, "doi") if doi else (url_in(report.published_as), "uri")
    if not target:
        return
    item = etree.SubElement(program, f"{{{REL}}}related_item")
    etree.SubElement(item, f"{{{REL}}}description").text = report.published_as
    relation = etree.SubElement(
        item,
        f"{{{REL}}}intra_work_relation",
        {"relationship-type": "isPreprintOf", "identifier-type": kind},
    )
    relation.text = target

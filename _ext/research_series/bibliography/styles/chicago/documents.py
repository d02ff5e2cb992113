"""Documents: theses, reports, patents and unpublished papers (14.211-14.218, 14.157).

Each is described by its kind (``PhD diss.``, ``technical report``, ``U.S. patent``)
and the body that issued it, with the month where the date gives one.
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...bibstrings import bibstring
from ...latex import latex_to_str
from ...punct import Parts
from ...record import Record
from .dates import long_year
from .layout import Driver, YearHead
from .names import contributors
from .publication import publisher_name
from .text import note_field, paren, with_label, with_links
from .titles import styled_title, title_with_addons

_CMS_TYPES = {
    "phdthesis": "phdthesis",
    "thesis": "phdthesis",
    "mastersthesis": "mathesis",
    "techreport": "techreport",
}


def _cms_type(record: Record) -> Text:
    """``PhD diss.``, ``master's thesis``, ``technical report``: the kind of document."""
    raw = latex_to_str(record.raw("type")).strip()
    if raw:
        return Text(bibstring(raw) or record.type_label())
    key = _CMS_TYPES.get(record.type)
    return Text(bibstring(key) or "") if key else Text()


def thesis_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(title_with_addons(record))
    facts = Parts().add(_cms_type(record)).add(record.institution).add(long_year(record))
    parts.add(paren(facts.text()), " ").add(locator)
    return with_links(record, parts, ", ")


def thesis_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    facts = Parts().add(_cms_type(record)).add(record.institution).add(long_year(record, head))
    parts.add(facts.text(), ". ", capital=True).add(note_field(record), ". ", capital=True)
    return with_links(record, parts, ". ")


def _report_number_cms(record: Record) -> Text:
    label = _cms_type(record)
    number = record.text("number")
    if number and not label:
        label = Text("report")
    return Parts().add(label).add(number, " ").text()


def report_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(title_with_addons(record))
    for item in contributors(record, note=True, editors=role != "editor", role=role):
        parts.add(item)
    parts.add(_report_number_cms(record)).add(note_field(record))
    head = Parts().add(record.place).add(publisher_name(record), ": ").text()
    parts.add(paren(Parts().add(head).add(long_year(record)).text()), " ").add(locator)
    return with_links(record, parts, ", ")


def report_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    for item in contributors(record, note=False, editors=role != "editor", role=role):
        parts.add(item, ". ", capital=True)
    parts.add(_report_number_cms(record), ". ", capital=True)
    parts.add(note_field(record), ". ", capital=True)
    issuer = Parts().add(record.place).add(publisher_name(record), ": ").text()
    parts.add(Parts().add(issuer).add(long_year(record, head)).text(), ". ")
    return with_links(record, parts, ". ")


def _patent_facts(record: Record) -> Text:
    """``U.S. patent 4,586,960, filed October 23, 1980, and issued February 4, 1986``."""
    number = Parts().add(_report_number_cms(record) or Text("patent")).add(paren(record.place), " ")
    issued = with_label("issued", Text(record.date.render_long()))
    filed = with_label("filed", Text(record.origdate.render_long()))
    if filed and issued:
        return Parts().add(number.text()).add(filed).add(Text("and ", issued)).text()
    return Parts().add(number.text()).add(filed or issued).text()


def patent_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title_only))
    parts.add(paren(_patent_facts(record)), " ")
    parts.add(note_field(record)).add(locator)
    return with_links(record, parts, ", ")


def patent_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(styled_title(record, record.title_only), ". ")
    parts.add(_patent_facts(record), ". ", capital=True)
    parts.add(note_field(record), ". ", capital=True)
    return with_links(record, parts, ". ")


def _unpublished_description(record: Record, capital: bool) -> Text:
    described = record.text("note") or record.howpublished()
    if described:
        return described
    return Text("Unpublished manuscript" if capital else "unpublished manuscript")


def _event(record: Record) -> Text:
    """``annual meeting of the Council of Science Editors, San Antonio, TX, May 6-9, 2000``."""
    date = record.eventdate or record.date
    parts = Parts().add(record.text("eventtitle")).add(record.text("venue")).add(record.place)
    return parts.add(date.render_long() if date else "n.d.").text()


def unpublished_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(title_with_addons(record))
    facts = Parts().add(_unpublished_description(record, capital=False)).add(_event(record))
    parts.add(paren(facts.text()), " ").add(locator)
    return with_links(record, parts, ", ")


def unpublished_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    facts = Parts().add(_unpublished_description(record, capital=True), capital=True)
    parts.add(facts.add(_event(record)).text(), ". ")
    return with_links(record, parts, ". ")


THESIS = Driver(thesis_note, thesis_bib)
REPORT = Driver(report_note, report_bib)
PATENT = Driver(patent_note, patent_bib)
UNPUBLISHED = Driver(unpublished_note, unpublished_bib)

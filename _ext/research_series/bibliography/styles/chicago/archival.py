"""Archival material, cross-references and whatever has no driver of its own.

``@misc`` with an ``entrysubtype`` is biblatex-chicago's archival driver: letters,
papers, interviews and speeches kept in an archive (14.219-14.233); without one,
a ``@misc`` with a URL is cited as a web page, else in a generic form, as is an
entry of a type biblatex does not know.  ``@customc`` is a cross-reference
(``Gordon Ashe, see Creasey, John``).
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...punct import Parts
from ...record import Kind, Record
from .dates import body_date
from .layout import Driver, YearHead
from .names import contributors, creator
from .online import WEB
from .publication import publisher_name
from .text import note_field, with_links
from .titles import styled_title, titleaddon


def see_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@customc, a cross-reference: ``Gordon Ashe, see Creasey, John``."""
    return parts.add(Text("see ", record.title_only))


def see_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return parts.add(Text("See ", record.title_only), ". ")


def _archival_facts(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """Title, description, place and date of a manuscript or speech (14.219-14.233)."""
    start = not note or not creator(record)[0]
    parts = Parts().add(styled_title(record, record.title_only), capital=start)
    parts.add(titleaddon(record))
    parts.add(record.text("venue"))
    date = record.origdate.start.render_day_first() if record.origdate else ""
    if record.subtype == "speech" or not date:
        date = record.date.render_long() if body_date(record, head) else ""
    parts.add(date).add(record.list_field("origlocation"))
    return parts.text()


def _archive(record: Record) -> Text:
    """``Houghton Library, Harvard University``: where the papers are kept."""
    return Parts().add(record.organization).add(record.institution).add(record.place).text()


def archival_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@misc with an entrysubtype: letters, papers, interviews, speeches in archives."""
    parts.add(_archival_facts(record, note=True)).add(record.text("note"))
    parts.add(_archive(record)).add(locator).add(record.text("addendum"))
    return with_links(record, parts, ", ")


def archival_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(_archival_facts(record, note=False, head=head), ". ")
    parts.add(record.text("note"), ". ", capital=True).add(_archive(record), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return with_links(record, parts, ". ")


def _title_and_contributors(record: Record, parts: Parts, editors: bool) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    for item in contributors(record, note=False, editors=editors):
        parts.add(item, ". ")
    return parts


def generic_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in contributors(record, note=True, editors=role != "editor"):
        parts.add(item)
    parts.add(record.howpublished()).add(record.type_label()).add(note_field(record))
    parts.add(record.place).add(publisher_name(record)).add(record.date.render_long())
    parts.add(locator)
    return with_links(record, parts, ", ")


def generic_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    _title_and_contributors(record, parts, editors=role != "editor")
    parts.add(record.howpublished(), ". ").add(record.type_label(), ". ")
    parts.add(note_field(record), ". ")
    facts = Parts().add(record.place).add(publisher_name(record), ": ")
    parts.add(facts.add(record.date.render_long()).text(), ". ")
    return with_links(record, parts, ". ")


SEE = Driver(see_note, see_bib)
ARCHIVAL = Driver(archival_note, archival_bib)
GENERIC = Driver(generic_note, generic_bib)


def _unknown(record: Record) -> Driver:
    """A type without a driver: a web page when it has a URL, else the generic form."""
    return WEB if record.kind is Kind.WEB else GENERIC


def misc_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """``@misc``: archival with an ``entrysubtype``; else as a type without a driver."""
    driver = ARCHIVAL if record.subtype else _unknown(record)
    return driver.note(record, parts, role, locator)


def misc_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    driver = ARCHIVAL if record.subtype else _unknown(record)
    return driver.bibliography(record, parts, role, head)


def unknown_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A type biblatex does not know (``check`` reports it)."""
    return _unknown(record).note(record, parts, role, locator)


def unknown_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _unknown(record).bibliography(record, parts, role, head)


MISC = Driver(misc_note, misc_bib)
UNKNOWN = Driver(unknown_note, unknown_bib)

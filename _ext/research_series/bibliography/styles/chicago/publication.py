"""Publication facts: volumes, editions, series, place, publisher and year (14.127)."""

from __future__ import annotations

from pybtex.richtext import BaseText, Text

from ...latex import latex_to_str
from ...punct import Parts
from ...record import Kind, Record
from .dates import is_reprint, pub_year, year_in_head
from .layout import YearHead
from .names import creator, natural_names, note_names
from .text import em, paren, with_label


def volume_facts(record: Record, capital: bool) -> Text:
    """``vol. 2, bk. 3 of Main Title``, ``vol. 2``, ``3 vols.`` (14.117-14.123)."""
    volume = record.text("volume")
    label = "Vol." if capital else "vol."
    part = record.text("part")
    if volume and part:
        volume = Text(volume, ", bk. ", part)
    if volume and record.maintitle and record.kind is not Kind.CHAPTER:
        return Text(label, " ", volume, " of ", em(record.maintitle))
    if volume:
        return Text(label, " ", volume)
    volumes = record.text("volumes")
    return Text(volumes, " vols.") if volumes else Text()


def has_main_work(record: Record) -> bool:
    """A volume of a multivolume work: its edition and editor follow the main title."""
    return bool(record.raw("volume") and record.maintitle) and record.kind is not Kind.CHAPTER


def main_work(record: Record, note: bool) -> Text:
    """``vol. 8 of The Works, 2nd ed., ed. W. D. Ross``."""
    parts = Parts().add(volume_facts(record, capital=not note))
    if has_main_work(record) and record.options.get("hidevolumes") == "false":
        volumes = record.text("volumes")
        parts.add(volumes and Text(volumes, " vols."), ", " if note else ". ")
    if has_main_work(record):
        parts.add(edition_facts(record))
        editors = record.names("editor")
        if editors and creator(record)[1] != "editor":
            label = "ed." if note else "edited by"
            parts.add(with_label(label, note_names(editors) if note else natural_names(editors)))
    return parts.text()


def edition_capital(record: Record) -> bool:
    """``Rev. ed.`` at the start of a sentence, unless written ``{}iPad ed.``."""
    return not record.raw("edition").startswith("{}")


def edition_facts(record: Record) -> Text:
    """``2nd ed.``, with a software version: ``iPad ed., v. 1.01``."""
    version = record.text("version")
    return Parts().add(record.edition()).add(version and Text("v. ", version)).text()


def series_and_number(record: Record) -> Text:
    """``Series Title 12``: the series with the work's number in it (a standard's
    designation too: ``ANSI/NISO Z39.29-2005``)."""
    series = record.text("series")
    if not series:
        return Text()
    number = record.text("number")
    if not number:
        return series
    numeral = str(number).isdigit() or record.type == "standard"
    return Text(series, " " if numeral else ", ", number)


def _standard_publication(record: Record, note: bool) -> Text:
    """``Bethesda, MD: NISO, approved June 9, 2005; reaffirmed May 13, 2010`` (14.243)."""
    publisher = record.organization if note and record.organization else record.publisher
    head = Parts().add(record.place).add(publisher or publisher_name(record), ": ").text()
    approved = latex_to_str(record.raw("userd")).strip()
    date = record.date.render_long() if record.date else record.year_text()
    dated = Text(approved, " ", date) if approved else Text(date)
    reaffirmed = latex_to_str(record.raw("howpublished")).strip()
    if reaffirmed and record.eventdate:
        dated = Text(dated, "; ", reaffirmed, " ", record.eventdate.render_long())
    return Parts().add(head).add(dated).text()


def publisher_name(record: Record) -> Text:
    if record.kind is Kind.REPORT:
        return record.institution or record.publisher or record.organization
    return record.publisher or record.organization or record.institution or record.howpublished()


def publication_facts(
    record: Record, publisher: BaseText | None = None, head: YearHead | None = None
) -> Text:
    """``Place: Publisher, Year`` (14.127); paired lists ``A: P; B: Q``."""
    if publisher is None:
        publisher = publisher_name(record)
    places = record.list_items("location") or record.list_items("address")
    publishers = record.list_items("publisher")
    if publisher is record.publisher and len(places) == len(publishers) > 1:
        facts = Text("; ").join(
            [Text(place, ": ", name) for place, name in zip(places, publishers, strict=True)]
        )
    else:
        facts = Parts().add(record.place).add(publisher, ": ").text()
    return Parts().add(facts).add(pub_year(record, head=head)).text()


def original_publication(record: Record) -> Text:
    """The first publication of a reprint: ``London: Breitkopf & Härtel, 1911``.

    A letter's or a recording's ``origdate`` is when it was written or recorded.
    """
    if record.type in ("letter", "music") or (record.type == "misc" and record.subtype):
        return Text()
    origdate = record.origdate.render_year() if record.origdate else ""
    place = record.list_field("origlocation")
    head = Parts().add(place).add(record.list_field("origpublisher"), ": ").text()
    return Parts().add(head).add(origdate).text()


def note_publication(record: Record) -> Text:
    """``(1924; repr., Oxford: Clarendon Press, 1997)``."""
    if record.type == "standard":
        return paren(_standard_publication(record, note=True))
    publication = publication_facts(record)
    original = original_publication(record)
    if original:
        lead = "repr., " if is_reprint(record) else ""
        publication = Text(original, "; ", lead, publication) if publication else original
    return paren(publication)


def bib_publication(
    record: Record, parts: Parts, original: bool = True, head: YearHead | None = None
) -> Parts:
    """``1924. Reprint, Oxford: Clarendon Press, 1997.``

    ``original=False``: the caller has printed the original date already.
    """
    if record.type == "standard":
        return parts.add(_standard_publication(record, note=False), ". ")
    publication = publication_facts(record, head=head)
    if original_publication(record) and head is not None:  # author-date: first date last
        parts.add(publication, ". ")
        if is_reprint(record) and year_in_head(record, head):
            parts.add(Text("First published ", original_publication(record)), ". ")
        return parts
    if original_publication(record):
        if original:
            parts.add(original_publication(record), ". ")
        if is_reprint(record) and publication:
            publication = Text("Reprint, ", publication)
    return parts.add(publication, ". ")


def publication_no_nd(record: Record, head: YearHead | None = None) -> Text:
    """``Place: Publisher, Year`` without "n.d." (undated recordings omit it)."""
    facts = Parts().add(record.place).add(publisher_name(record), ": ").text()
    return Parts().add(facts).add(pub_year(record, undated="", head=head)).text()

"""Chicago Manual of Style, 17th edition, author-date (chapter 15).

The reference list is the notes-bibliography entry with the year moved up
after the names (``Waltz, Kenneth N. 1979. Theory of International Politics.
Reading, MA: Addison-Wesley.``) and so left out of the publication facts; a
journal issue keeps only its month or season (``45 (March): 336-46``), a
newspaper its full date.  Citations, in the text or in notes, are ``Waltz 1979,
258``: surnames (``et al.`` from four, CMOS 15.29), year, locator; a work with
a ``shorthand`` is cited by it (``CMS 2017``), one with the ``notitle`` option
by its short author alone.  Modelled on biblatex-chicago's ``authordate``
option, against which ``tests/test_chicago_reference.py`` checks it.
"""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.richtext import BaseText, Tag, Text

from ..bibstrings import bibstring
from ..dates import DateRange
from ..labels import NO_LABEL, WorkLabel
from ..latex import latex_to_str, resolve_part_strings
from ..punct import Parts
from ..record import Kind, Record, related_entries, set_members
from . import fold, members_for_sets, or_key
from .chicago import (
    ChicagoNotesStyle,
    YearHead,
    bibliography_parts,
    capitalise_str,
    date_with_time,
    heading_names,
    short_lead,
    short_title,
)

__all__ = ["ChicagoAuthorDateStyle"]

_NEVER = 1 << 30


class _YearAfterHead(Parts):
    """Parts that put the year after the first item: the names, else the title."""

    def __init__(self, year: str) -> None:
        super().__init__()
        self._year = year

    def add(
        self, item: BaseText | str | None, separator: str = ", ", capital: bool = False
    ) -> Parts:
        first = not self
        super().add(item, separator, capital)
        if first and self and self._year:
            year, self._year = self._year, ""
            super().add(year, ". ")
        return self


def _cite_lead(record: Record, et_al_from: int, label: WorkLabel = NO_LABEL) -> Text:
    """Who a citation names: shorthand, short author, else the short title."""
    shorthand = record.text("shorthand")
    if shorthand:
        return shorthand
    lead = short_lead(record, et_al_from, label)
    if not lead and record.journal and record.kind is Kind.ARTICLE:
        lead = Text(Tag("em", record.journal))  # an unsigned piece: the periodical (15.47)
    if not lead and record.type == "standard" and record.organization:
        lead = record.organization
    if "notitle" in record.options:
        return lead
    if record.subtype == "classical" and lead:
        return Text(lead, ", ", short_title(record))
    return lead or short_title(record)


def _work_date(record: Record) -> DateRange:
    """The date an author-date citation gives (biblatex-chicago's ``cmsdate``).

    A recording, film or broadcast is dated when it was made or aired (a reissue by
    its first release), a manuscript or talk by when it was written or given, a
    standard by its last reaffirmation, an undated online item by when it was posted.
    """
    if record.type in ("audio", "music", "video"):
        return record.eventdate or record.origdate or record.date
    if record.type in ("misc", "unpublished", "standard"):
        return record.eventdate or record.origdate or record.date
    if not record.date and record.raw("userd") and record.urldate:
        return record.urldate
    return record.date


def with_letter(year: str, letter: str) -> str:
    """The year with its letter (CMOS 15.19, 15.44): ``1990a``, ``1987a-`` for a work
    still appearing (as biblatex-chicago prints it), ``1990-95b``, ``[ca. 1920a]``,
    ``n.d.-a``, ``forthcoming-b``."""
    if not letter or not year:
        return year
    if year.endswith("\u2013"):
        return f"{year[:-1]}{letter}\u2013"
    if year.endswith("]"):
        return f"{year[:-1]}{letter}]"
    if not year[-1].isdigit():
        return f"{year}-{letter}"
    return year + letter


def _cite_year(record: Record, letter: str = "") -> tuple[str, str]:
    """The year and the separator before it: ``1979``; ``, n.d.``; ``, forthcoming``."""
    if "notitle" in record.options or record.subtype == "classical":
        return "", ""
    if record.type == "dataset":
        return str(short_title(record)), ", "
    date = _work_date(record)
    if related_entries(record.entry) and record.raw("relatedtype").casefold() == "commenton":
        return date_with_time(record.eventdate or record.date), ", "  # a comment: its full date
    if date and not date.start.year:  # ``year = {n.d.}`` and other words
        return with_letter(date.render_year(), letter), ", "
    if date:
        year = date.render_year(compress=True)
        return with_letter(f"[{year}]" if date.start.circa else year, letter), " "
    if record.raw("pubstate"):
        return with_letter(record.year_text(), letter), ", "
    if record.type == "misc" and record.subtype:
        return "", ""
    return with_letter("n.d.", letter), ", "


class ChicagoAuthorDateStyle(ChicagoNotesStyle):
    """CMOS 17 author-date: ``(Waltz 1979, 258)`` and a reference list."""

    name = "chicago-author-date"

    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        return self.format_parenthetical(entry, locator)

    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        return self.format_parenthetical(entry, locator)

    @members_for_sets()
    def format_parenthetical(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        record = Record(entry)
        label = self.labels.of(entry)
        lead = _cite_lead(record, _NEVER if all_authors else 4, label)
        year, separator = _cite_year(record, label.extradate)
        if separator == " " and str(lead)[-1:].isdigit():  # "episode 6, 2016", not "6 2016"
            separator = ", "
        head = Parts().add(lead).add(year, separator).text()
        return or_key(Parts().add(head).add(locator).text(), entry)

    @members_for_sets()
    def format_narrative(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        record = Record(entry)
        label = self.labels.of(entry)
        lead = _cite_lead(record, _NEVER if all_authors else 4, label)
        inside = Parts().add(_cite_year(record, label.extradate)[0]).add(locator).text()
        return Parts().add(lead).add(Text("(", inside, ")") if inside else Text(), " ").text()

    @members_for_sets("all_authors")
    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        return _cite_lead(Record(entry), _NEVER if all_authors else 4, self.labels.of(entry))

    @members_for_sets()
    def format_year(self, entry: Entry) -> Text:
        year = Record(entry).year_text(compress=True)
        return Text(with_letter(year, self.labels.of(entry).extradate))

    def bibliography_sort_key(self, entry: Entry) -> tuple[str, ...]:
        """A work with a shorthand sorts by it, as its entry begins with it
        (biblatex-chicago's ``cmslos``)."""
        key = super().bibliography_sort_key(entry)
        shorthand = Record(entry).raw("shorthand") if not set_members(entry) else ""
        return (fold(latex_to_str(shorthand)), *key[1:]) if shorthand else key

    def label_year(self, record: Record) -> str:
        """The year the reference list shows (a range as written)."""
        year = _head_year(record, _work_date(record))
        return "" if year == "n.d." else year  # biblatex-chicago letters no undated work

    def format_bibliography_entry(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            texts = [self._reference(member).text() for member in members]
            joined = Parts().add(Text("; ").join(texts)).text(period=True)
            return Text(resolve_part_strings(joined, note=False))
        text = self._reference(entry).text(period=True)
        return or_key(Text(resolve_part_strings(text, note=False)), entry)

    def _reference(self, entry: Entry) -> Parts:
        record = Record(entry)
        date = _work_date(record)
        head = YearHead(date)
        parts = _YearAfterHead(
            with_letter(_head_year(record, date), self.labels.of(entry).extradate)
        )
        shorthand = record.text("shorthand")
        if shorthand:
            lead = heading_names(record, note=False)
            parts.add(Text(shorthand, " (", lead, ")") if lead else shorthand)
            return bibliography_parts(record, parts, lead=False, head=head)
        return bibliography_parts(record, parts, head=head)


def _head_year(record: Record, date: DateRange) -> str:
    """``1979``, ``[ca. 1920]``, ``Forthcoming``, ``n.d.``; nothing for a cross-reference,
    an archival item or a data set without a date."""
    if date:
        year = date.render_year(compress=True)
        return f"[{capitalise_str(year)}]" if date.start.circa else year
    pubstate = latex_to_str(record.raw("pubstate")).strip()
    if pubstate:
        return capitalise_str(bibstring(pubstate) or pubstate)
    if record.type in ("customc", "dataset") or (record.type == "misc" and record.subtype):
        return ""
    return "n.d."

"""Dates as the Chicago styles give them: time of day, access dates, recordings,
and the year an author-date head has already given (``YearHead``)."""

from __future__ import annotations

from pybtex.richtext import Text

from ...dates import MONTHS, DateRange
from ...latex import latex_to_str
from ...record import Record
from .layout import YearHead, heads_with
from .text import capitalise_str


def date_with_time(date: DateRange, twelve_hour: bool = True) -> str:
    """``April 22, 2015, 11:10 a.m.``: a date with its time of day, if it has one."""
    long = date.render_long()
    time = date.start.render_time(twelve_hour) if date.end is None else ""
    return f"{long}, {time}" if long and time else long


#: Recordings, films and broadcasts: undated ones give no "n.d." (14.263-14.267).
RECORDING_TYPES = frozenset({"audio", "music", "video"})


def is_reprint(record: Record) -> bool:
    return latex_to_str(record.raw("pubstate")).strip().casefold() == "reprint"


def year_in_head(record: Record, head: YearHead | None) -> bool:
    """True when the author-date head gives the publication date itself (not, say, the
    date a film was released, which leaves the publication year in the facts)."""
    return heads_with(head, record.date)


def pub_year(record: Record, undated: str | None = None, head: YearHead | None = None) -> str:
    """The year in the publication facts; none when the author-date style heads with it.

    ``undated`` replaces "n.d." (recordings and films omit it).
    """
    if year_in_head(record, head):
        return ""
    if undated is not None and not record.date and not record.raw("pubstate"):
        return undated
    if record.type in RECORDING_TYPES and not record.date and not record.raw("pubstate"):
        return ""
    return record.year_text(compress=True)


def long_year(record: Record, head: YearHead | None = None) -> str:
    """A report's or thesis's date with its month when it gives one (``November 1988``).

    A full date keeps only its year (the series' own papers, cited as reports in
    "How to cite", are dated to the day).
    """
    if not record.date or record.date.end is not None or record.date.start.day is not None:
        return pub_year(record, head=head)
    if head is not None:
        start = record.date.start
        return MONTHS[start.month - 1] if start.month and year_in_head(record, head) else ""
    return record.date.render_long()


def body_date(record: Record, head: YearHead | None = None) -> bool:
    """Whether the date is given in the facts: not when the author-date head already
    gives all of it (a bare year)."""
    if not record.date:
        return False
    if year_in_head(record, head):
        return record.date.start.month is not None or record.date.start.season != ""
    return True


def accessed_phrase(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """``accessed January 7, 2002``, or ``userd`` (``published electronically``) and the date."""
    date = date_with_time(record.urldate, twelve_hour=False)
    month = record.urldate.start.month
    no_day = record.urldate.start.day is None
    if heads_with(head, record.urldate) and month is not None and no_day:
        day = record.urldate.start.day  # the year is in the author-date head: "posted February"
        date = MONTHS[month - 1] + (f" {day}" if day else "")
    if not date:
        return Text()
    label = latex_to_str(record.raw("userd")) or "accessed"
    return Text(label if note else capitalise_str(label), " ", date)


def recording_date(
    record: Record,
    note: bool,
    head: YearHead | None = None,
    *,
    label: str = "recorded",
    recorded_on_origdate: bool = False,
    unlabelled: bool = False,
) -> Text:
    """``recorded February 20, 1958``, ``aired March 8, 2016``, ``performed ...``.

    The driver says how its type is dated: ``label`` (``userd`` overrides it),
    ``recorded_on_origdate`` when the ``origdate`` of a first release is the
    recording's (a reissued album's is its release), ``unlabelled`` for a bare
    date with its time (a podcast episode).
    """
    recorded = recorded_on_origdate and not is_reprint(record)
    date = record.eventdate or (record.origdate if recorded else DateRange())
    if not date or (heads_with(head, date) and date.start.month is None):
        return Text()  # (author-date: a bare year already heads the entry)
    if unlabelled and not record.raw("userd"):
        return Text(date_with_time(date))
    label = latex_to_str(record.raw("userd")).strip() or label
    if not note:
        label = capitalise_str(label)
    return Text(label, " ", date.render_long(compress=True))


def original_release(record: Record, note: bool, head: YearHead | None = None) -> Text:
    if not (is_reprint(record) and record.origdate):
        return Text()
    if heads_with(head, record.origdate):
        return Text()  # the author-date head gives it
    label = "originally released in " if note else "Originally released in "
    return Text(label, record.origdate.render_year(compress=True))

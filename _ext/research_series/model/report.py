"""The paper metadata model, free of Sphinx.

``parse_report`` turns the raw option strings of a ``research-report``
directive into a frozen :class:`Report`, returning every problem it finds
instead of logging, so the rules are unit-tested without building anything
and the directive decides how to report them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from ..bibliography.dates import PartialDate
from .authors import Author, parse_authors, split_list

REQUIRED_OPTIONS = ("authors", "number", "date")
OPTIONAL_OPTIONS = (
    "report-type",
    "status",
    "published-as",
    "keywords",
    "doi",
    "withdrawn",
    "withdrawn-reason",
    "corrected",
    "correction",
    "version",
    "revised",
    "revision-note",
)
ALL_OPTIONS = REQUIRED_OPTIONS + OPTIONAL_OPTIONS

# A DOI's suffix may hold almost anything; what would break a URL, an HTML
# attribute or a BibTeX value (quotes, braces, angle brackets, backslash, white
# space) is not in any DOI a registration agency issues today.
_DOI = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/[^\s\"{}<>\\^`|]+)$", re.IGNORECASE
)
#: Characters no metadata may hold: C0/C1 controls (but tab and new line), the
#: Unicode non-characters XML forbids, and U+FFFD, which Markdown puts where the
#: file has a NUL.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
#: Paper numbers are short; a longer one is a typo (and would not print anywhere).
MAX_NUMBER = 999_999
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Status(Enum):
    """Where a paper stands; ``published`` requires ``published-as``, ``withdrawn``
    requires ``withdrawn`` (the date) and ``withdrawn-reason``."""

    working_paper = "working-paper"
    published = "published"
    withdrawn = "withdrawn"


@dataclass(frozen=True)
class ReportDate:
    """A date of year, month or day precision, as authors give it."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order; a bare year sorts before its months."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def display(self) -> str:
        """Chicago style: ``2016``, ``March 2016``, ``March 5, 2016`` (as in works lists)."""
        return PartialDate(str(self.year), self.month, self.day).render_long()


@dataclass(frozen=True)
class Withdrawal:
    """When and why a paper was withdrawn: its page becomes a notice."""

    date: ReportDate
    reason: str


@dataclass(frozen=True)
class Correction:
    """A dated correction notice: shown at the top of the paper, in the feed and deposited."""

    date: ReportDate
    text: str


@dataclass(frozen=True)
class Revision:
    """The version a paper's page shows, when it is not the first: set by ``revise``."""

    number: int
    date: ReportDate
    note: str


@dataclass(frozen=True)
class Report:
    """One paper's validated metadata (the title comes from its heading)."""

    title: str
    authors: tuple[Author, ...]
    number: int
    date: ReportDate
    report_type: str
    status: Status = Status.working_paper
    published_as: str | None = None
    keywords: tuple[str, ...] = ()
    doi: str | None = None
    withdrawal: Withdrawal | None = None
    correction: Correction | None = None
    revision: Revision | None = None

    @property
    def version(self) -> int:
        """The version this text is: 1 until the paper is revised."""
        return self.revision.number if self.revision else 1

    @property
    def version_date(self) -> ReportDate:
        """When this version was published: the paper's date, or the revision's."""
        return self.revision.date if self.revision else self.date

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawal is not None

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def author_names(self) -> tuple[str, ...]:
        return tuple(author.name for author in self.authors)


@dataclass(frozen=True)
class MetadataProblem:
    """What is wrong with one option (``None``: the directive as a whole), and how to fix it."""

    option: str | None
    message: str
    #: False for a doubt (a date in the future) that leaves the metadata usable
    fatal: bool = True


@dataclass
class _Collector:
    problems: list[MetadataProblem] = field(default_factory=list)

    def add(self, option: str | None, message: str, fatal: bool = True) -> None:
        self.problems.append(MetadataProblem(option, message, fatal))


def control_character(text: str) -> str | None:
    """The first character of *text* no metadata may hold, described, or ``None``."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    if found[0] == "\ufffd":
        return "U+FFFD, the mark of a character that could not be read (a NUL byte, say)"
    return f"the control character U+{ord(found[0]):04X}"


def parse_number(value: str, out: _Collector) -> int:
    text = value.strip()
    if not text.isascii() or not text.isdigit() or int(text[:7]) < 1:
        shown = text if len(text) <= 20 else f"{text[:20]}..."
        out.add(
            "number", f"number {shown!r} is not a positive whole number; write e.g. ':number: 7'"
        )
        return 0
    if len(text) > len(str(MAX_NUMBER)):
        out.add(
            "number",
            f"number {text[:20]}... has {len(text)} digits; a paper's number is at most "
            f"{MAX_NUMBER}: write e.g. ':number: 7'",
        )
        return 0
    return int(text)


def parse_date(value: str, out: _Collector, option: str = "date") -> ReportDate:
    text = value.strip()
    match = _DATE.match(text)
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:  # (a month or day of 00 is not 01)
            dt.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError:
            out.add(option, f"date {text!r}: {_impossible(year, 1 if month is None else month)}")
        else:
            return ReportDate(year, month, day)
        return ReportDate(1)
    out.add(option, f"date {text!r} is not a valid YYYY, YYYY-MM or YYYY-MM-DD date")
    return ReportDate(1)


def _impossible(year: int, month: int) -> str:
    """Why a date of the right form does not exist, and the days it could be."""
    if year < 1:
        return "there is no year 0; write the year in four digits, e.g. 2016"
    if not 1 <= month <= 12:
        return f"there is no month {month}; the month is 01 to 12"
    days = calendar.monthrange(year, month)[1]
    name = calendar.month_name[month]
    return f"{name} {year} has {days} days; the day is 01 to {days:02d}"


def parse_status(value: str | None, out: _Collector) -> Status:
    if value is None:
        return Status.working_paper
    text = value.strip()
    if not text:
        known = ", ".join(status.value for status in Status)
        out.add("status", f"':status:' is empty; give one of: {known}, or remove the line")
        return Status.working_paper
    try:
        return Status(text)
    except ValueError:
        known = ", ".join(status.value for status in Status)
        out.add("status", f"unknown status {text!r}; use one of: {known}")
        return Status.working_paper


def clean_doi(value: str) -> str | None:
    """*value* as a bare DOI (``10.1234/abc``, also from ``https://doi.org/...``), else None."""
    match = _DOI.match(value.strip())
    return match[1] if match else None


def parse_doi(value: str | None, out: _Collector) -> str | None:
    if value is None:
        return None
    if not value.strip():
        out.add("doi", "':doi:' is empty; give the DOI (e.g. 10.1234/abc-567) or remove the line")
        return None
    doi = clean_doi(value)
    if doi is None:
        out.add("doi", f"DOI {value.strip()!r} is malformed; write it as 10.1234/abc-567")
    return doi


def parse_report(
    title: str,
    options: Mapping[str, str],
    *,
    default_report_type: str,
    has_abstract: bool,
    today: dt.date | None = None,
) -> tuple[Report | None, list[MetadataProblem]]:
    """Validate one directive's options; the report is ``None`` when a fatal problem was found.

    A date after *today* (default: the real today) is a problem that is not
    fatal: it is reported, and would put the paper at the top of the feed.
    """
    out = _Collector()
    for name, text in (("title", title), *options.items()):
        found = control_character(text)
        if found is not None:
            option = None if name == "title" else name
            where = "the title" if option is None else f"':{name}:'"
            out.add(option, f"{where} holds {found}; delete it")
    for name in REQUIRED_OPTIONS:
        if not (options.get(name) or "").strip():
            out.add(name, f"missing required option ':{name}:'; {_REQUIRED_HINT[name]}")
    authors = parse_authors(options["authors"], out) if options.get("authors") else ()
    number = parse_number(options["number"], out) if options.get("number") else 0
    date = parse_date(options["date"], out) if options.get("date") else ReportDate(1)
    status = parse_status(options.get("status"), out)
    published_as = " ".join((options.get("published-as") or "").split()) or None
    if status is Status.published and not published_as:
        out.add(
            "status",
            "status 'published' needs ':published-as:' with the citation of the publication",
        )
    report_type = " ".join((options.get("report-type") or "").split()) or default_report_type
    doi = parse_doi(options.get("doi"), out)
    withdrawal = parse_withdrawal(status, options, date, out)
    correction = parse_correction(options, date, out)
    revision = parse_revision(options, date, out)
    if not has_abstract:
        out.add(None, "the abstract is empty; write the abstract as the directive's body")
    if not title.strip():
        out.add(None, "the paper has no title; put '# Title' right before the directive")
    if date.sort_key > _date_key(today or dt.date.today(), date):
        out.add(
            "date",
            f"date {date.iso} is in the future; check the year (the feed lists papers by date)",
            fatal=False,
        )
    if any(problem.fatal for problem in out.problems):
        return None, out.problems
    report = Report(
        title=" ".join(title.split()),
        authors=authors,
        number=number,
        date=date,
        report_type=report_type,
        status=status,
        published_as=published_as,
        keywords=tuple(split_list(options.get("keywords") or "")),
        doi=doi,
        withdrawal=withdrawal,
        correction=correction,
        revision=revision,
    )
    return report, out.problems


def _date_key(day: dt.date, precision: ReportDate) -> tuple[int, int, int]:
    """*day* at the precision of *precision*, to compare with its ``sort_key``."""
    month = day.month if precision.month else 0
    return (day.year, month, day.day if precision.month and precision.day else 0)


#: What each date of an event in a paper's life is the date of.
_EVENTS = {"withdrawn": "withdrawal", "corrected": "correction", "revised": "revision"}


def _event_date(
    text: str, option: str, published: ReportDate, out: _Collector, day: bool
) -> ReportDate | None:
    """The date of ``:withdrawn:``, ``:corrected:`` or ``:revised:``, or None.

    Not before the paper's own date; *day*: it must name the day.
    """
    before = len(out.problems)
    date = parse_date(text, out, option=option)
    if len(out.problems) > before:
        return None
    if day and date.day is None:
        noun = _EVENTS[option]
        out.add(option, f"the {noun}'s date {date.iso} needs its day: write YYYY-MM-DD")
        return None
    if date.sort_key < published.sort_key:
        out.add(
            option,
            f"the paper is {option} ({date.iso}) before its date ({published.iso}); "
            f"check ':{option}:' and ':date:'",
        )
    return date


def parse_withdrawal(
    status: Status, options: Mapping[str, str], published: ReportDate, out: _Collector
) -> Withdrawal | None:
    """``:withdrawn:`` and ``:withdrawn-reason:`` go with ``:status: withdrawn``, and only."""
    given = [name for name in ("withdrawn", "withdrawn-reason") if name in options]
    if status is not Status.withdrawn:
        for name in given:
            out.add(
                name,
                f"':{name}:' is given but the status is not 'withdrawn'; add "
                f"':status: withdrawn' or remove ':{name}:'",
            )
        return None
    date_text = (options.get("withdrawn") or "").strip()
    reason = " ".join((options.get("withdrawn-reason") or "").split())
    if not date_text:
        out.add(
            "status",
            "status 'withdrawn' needs ':withdrawn:' with the date of withdrawal "
            "(YYYY, YYYY-MM or YYYY-MM-DD)",
        )
    if not reason:
        out.add(
            "status",
            "status 'withdrawn' needs ':withdrawn-reason:' saying why, in a "
            "sentence the notice shows",
        )
    if not date_text or not reason:
        return None
    date = _event_date(date_text, "withdrawn", published, out, day=False)
    return None if date is None else Withdrawal(date, reason)


def parse_correction(
    options: Mapping[str, str], published: ReportDate, out: _Collector
) -> Correction | None:
    """``:corrected:`` (the day) and ``:correction:`` (the notice) go together."""
    date_text = (options.get("corrected") or "").strip()
    text = " ".join((options.get("correction") or "").split())
    if "corrected" not in options and "correction" not in options:
        return None
    if not date_text:
        out.add(
            "correction",
            "':correction:' needs ':corrected:' with the day of the correction (YYYY-MM-DD)",
        )
        return None
    if not text:
        out.add(
            "corrected",
            "':corrected:' needs ':correction:' saying what was corrected, in a sentence "
            "the notice shows",
        )
        return None
    date = _event_date(date_text, "corrected", published, out, day=True)
    return None if date is None else Correction(date, text)


def parse_revision(
    options: Mapping[str, str], published: ReportDate, out: _Collector
) -> Revision | None:
    """``:version:`` (2 or more), ``:revised:`` (the day) and ``:revision-note:`` go together.

    ``research-series revise`` writes all three when it keeps the version before.
    """
    given = [name for name in ("version", "revised", "revision-note") if name in options]
    if not given:
        return None
    hint = "research-series revise writes ':version:', ':revised:' and ':revision-note:' together"
    version_text = (options.get("version") or "").strip()
    if not version_text:
        out.add(given[0], f"':{given[0]}:' needs ':version:' with the version number; {hint}")
        return None
    if not version_text.isascii() or not version_text.isdigit() or int(version_text[:7]) < 2:
        out.add(
            "version",
            f"version {version_text[:20]!r} is not a whole number of 2 or more (version 1 is "
            "the paper as first published: then leave out ':version:')",
        )
        return None
    number = int(version_text[:7])
    date_text = (options.get("revised") or "").strip()
    note = " ".join((options.get("revision-note") or "").split())
    if not date_text:
        out.add("version", f"':version:' needs ':revised:' with the day (YYYY-MM-DD); {hint}")
        return None
    if not note:
        out.add(
            "version",
            f"':version:' needs ':revision-note:' saying what changed, in a sentence the "
            f"page shows; {hint}",
        )
        return None
    date = _event_date(date_text, "revised", published, out, day=True)
    return None if date is None else Revision(number, date, note)


def number_of(value: str) -> int | None:
    """A ``:number:`` value as the directive reads it, ``None`` when it is not valid."""
    out = _Collector()
    number = parse_number(value, out)
    return None if out.problems else number


def date_problem(value: str) -> str | None:
    """What is wrong with a ``:date:`` value, as the directive says it, or ``None``."""
    out = _Collector()
    parse_date(value, out)
    return out.problems[0].message if out.problems else None


_REQUIRED_HINT = {
    "authors": "add e.g. ':authors: Jane Doe (University of New Mexico)'",
    "number": "add e.g. ':number: 7' (a positive whole number unique in the series)",
    "date": "add e.g. ':date: 2016' (YYYY, YYYY-MM or YYYY-MM-DD)",
}

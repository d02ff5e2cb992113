"""Dates from BibTeX ``year``/``month``/``day`` and biblatex ``date`` fields.

biblatex dates are ISO 8601 / EDTF level 0-1: ``1979``, ``1979-05``,
``1979-05-03``, ranges ``1988/1992`` (open ends allowed) and the markers
``~`` (circa) and ``?`` (uncertain), which are dropped for display.  Anything
that does not parse is kept as written so it is never lost.  Year ranges are
printed in full (``1984-1986``), which Chicago permits and readers never misread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .latex import latex_to_str

__all__ = ["MONTHS", "DateRange", "PartialDate", "entry_date", "parse_date"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_LOOKUP = {name.casefold(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_LOOKUP |= {name[:3].casefold(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_LOOKUP["sept"] = 9

_ISO = re.compile(
    r"(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T(\d{1,2}:\d{2})[\d:.]*(?:Z|[+\-][\d:]+)?)?"
)


@dataclass(frozen=True)
class PartialDate:
    """A year with optional month and day; ``text`` keeps an unparsable value."""

    year: str = ""
    month: int | None = None
    day: int | None = None
    text: str = ""
    circa: bool = False  # EDTF ``~``: "ca. 1920"
    uncertain: bool = False  # EDTF ``?``: "[1957?]"
    time: str = ""  # ``HH:MM`` of an ISO date-time
    season: str = ""  # EDTF months 21-24: ``1928-24`` is Winter 1928

    def render_time(self, twelve_hour: bool = True) -> str:
        """``11:10 a.m.`` (CMOS 9.38), or ``20:59`` on the 24-hour clock."""
        if not self.time:
            return ""
        if not twelve_hour:
            return self.time
        hour, minute = (int(part) for part in self.time.split(":"))
        suffix = "a.m." if hour < 12 else "p.m."
        return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"

    def __bool__(self) -> bool:
        return bool(self.year or self.text)

    def _qualified(self, value: str) -> str:
        if self.uncertain:
            return f"[{value}?]"
        if self.circa:
            return f"ca. {value}"
        return value

    def render_year(self) -> str:
        return self._qualified(self.year or self.text)

    def render_long(self) -> str:
        """Chicago/US style: ``November 3, 2015``, ``May 1979``, ``1979``."""
        if self.season and self.year:
            return self._qualified(f"{self.season} {self.year}")
        if not self.year or self.month is None:
            return self.render_year()
        month = MONTHS[self.month - 1]
        if self.day is None:
            return self._qualified(f"{month} {self.year}")
        return self._qualified(f"{month} {self.day}, {self.year}")

    def render_day_first(self) -> str:
        """The form of a letter's date (CMOS 14.111): ``25 September 1918``."""
        if not self.year or self.month is None:
            return self.render_year()
        month = MONTHS[self.month - 1]
        if self.day is None:
            return self._qualified(f"{month} {self.year}")
        return self._qualified(f"{self.day} {month} {self.year}")

    def render_apa(self) -> str:
        """APA style: ``2015, November 3``."""
        if not self.year or self.month is None:
            return self.render_year()
        month = MONTHS[self.month - 1]
        day = f" {self.day}" if self.day is not None else ""
        return f"{self.year}, {month}{day}"


@dataclass(frozen=True)
class DateRange:
    """A date or a range of dates; ``end`` is None for a single date."""

    start: PartialDate = PartialDate()
    end: PartialDate | None = None
    open_end: bool = False  # ``1987/``: a work still in progress, "1987–"

    def __bool__(self) -> bool:
        return bool(self.start)

    def _join(self, start: str, end: str) -> str:
        if self.open_end:
            return f"{start}\u2013"
        if self.end is None or end == start:
            return start
        return f"{start}\u2013{end}"

    def render_year(self, compress: bool = False) -> str:
        """The year or year range; ``compress`` as CMOS 9.64 does (1951–63, 1898–1903)."""
        end = self.end.render_year() if self.end is not None else ""
        start = self.start.render_year()
        if compress and self.end is not None and _compressible(self.start, self.end):
            end = end[2:]
        return self._join(start, end)

    def render_long(self, compress: bool = False) -> str:
        """``June 1–2, 1981``, ``May 1979``; year ranges as ``render_year``."""
        start, end = self.start, self.end
        if end is None or self.open_end or start.month is None or end.month is None:
            if end is not None and start.month is None and end.month is None:
                return self.render_year(compress)
            return self._join(start.render_long(), end.render_long() if end else "")
        if start.year == end.year and start.day is not None and end.day is not None:
            first = MONTHS[start.month - 1]
            if start.month == end.month:
                return f"{first} {start.day}\u2013{end.day}, {start.year}"
            return f"{first} {start.day}\u2013{MONTHS[end.month - 1]} {end.day}, {start.year}"
        return self._join(start.render_long(), end.render_long())

    def render_apa(self) -> str:
        if self.end is not None:
            return self.render_year()
        return self.start.render_apa()


def _compressible(start: PartialDate, end: PartialDate) -> bool:
    """Same century, plain four-digit years, not starting a century: keep two digits."""
    plain = not (start.circa or start.uncertain or end.circa or end.uncertain)
    years = start.year, end.year
    if not plain or not all(len(year) == 4 and year.isdigit() for year in years):
        return False
    return years[0][:2] == years[1][:2] and int(years[0]) % 100 != 0 and years[1] > years[0]


def _parse_month(value: str) -> int | None:
    value = value.strip().rstrip(".").casefold()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTH_LOOKUP.get(value)


_SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
_DECADE = re.compile(r"(\d{3})X")
_CENTURY = re.compile(r"(\d{2})XX")


def _century(value: str) -> str:
    number = int(value) + 1
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix} century"


def _parse_point(value: str) -> PartialDate:
    value = value.strip()
    marks = value[len(value.rstrip("~?%")) :]
    value = value.rstrip("~?%").strip()
    circa = "~" in marks or "%" in marks
    uncertain = "?" in marks or "%" in marks
    decade, century = _DECADE.fullmatch(value), _CENTURY.fullmatch(value)
    if decade:  # EDTF unspecified digits: 186X is the 1860s
        return PartialDate(year=f"{decade.group(1)}0s", circa=circa, uncertain=uncertain)
    if century:
        return PartialDate(year=_century(century.group(1)), circa=circa, uncertain=uncertain)
    match = _ISO.fullmatch(value)
    if not match:
        return PartialDate(text=value)
    year, month, day, time = match.groups()
    if month and int(month) in _SEASONS and not day:
        return PartialDate(year=year, season=_SEASONS[int(month)], circa=circa, uncertain=uncertain)
    month_number = int(month) if month and 1 <= int(month) <= 12 else None
    day_number = int(day) if day and month_number and 1 <= int(day) <= 31 else None
    return PartialDate(
        year=year,
        month=month_number,
        day=day_number,
        circa=circa,
        uncertain=uncertain,
        time=time or "" if day_number else "",
    )


def parse_date(value: str) -> DateRange:
    """Parse a biblatex ``date``-style value (also accepts ``1988--1992``)."""
    # EDTF's ``~`` (circa) is a tie to LaTeX: keep it a mark, not a no-break space.
    value = latex_to_str(value.replace("~", "\\textasciitilde{}")).strip()
    if not value:
        return DateRange()
    parts = re.split(r"\s*(?:/|--|\u2013)\s*", value, maxsplit=1)
    start = _parse_point(parts[0]) if parts[0] else PartialDate()
    if len(parts) == 1:
        return DateRange(start)
    end = _parse_point(parts[1]) if parts[1] and parts[1] != ".." else PartialDate()
    if not start:
        return DateRange(end)
    return DateRange(start, end if end else None, open_end=not end)


def entry_date(fields: Mapping[str, str], prefix: str = "") -> DateRange:
    """The date of an entry: ``<prefix>date`` first, else ``year``/``month``/``day``.

    With ``prefix="url"`` this reads ``urldate``; ``"event"`` reads ``eventdate``.
    """
    value = fields.get(prefix + "date", "").strip()
    if value:
        return parse_date(value)
    if prefix:
        return DateRange()
    year_value = fields.get("year", "").strip()
    if not year_value:
        return DateRange()
    year = parse_date(year_value)
    if year.end is not None or not year.start.year:
        return year
    month = _parse_month(latex_to_str(fields.get("month", "")))
    day_text = fields.get("day", "").strip()
    day = int(day_text) if month and day_text.isdigit() and 1 <= int(day_text) <= 31 else None
    return DateRange(PartialDate(year=year.start.year, month=month, day=day))

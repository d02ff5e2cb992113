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

_ISO = re.compile(r"(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:T[\d:.+\-Z]*)?")


@dataclass(frozen=True)
class PartialDate:
    """A year with optional month and day; ``text`` keeps an unparsable value."""

    year: str = ""
    month: int | None = None
    day: int | None = None
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.year or self.text)

    def render_year(self) -> str:
        return self.year or self.text

    def render_long(self) -> str:
        """Chicago/US style: ``November 3, 2015``, ``May 1979``, ``1979``."""
        if not self.year or self.month is None:
            return self.render_year()
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{month} {self.day}, {self.year}"

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

    def __bool__(self) -> bool:
        return bool(self.start)

    def _join(self, start: str, end: str) -> str:
        if self.end is None or end == start:
            return start
        return f"{start}\u2013{end}"

    def render_year(self) -> str:
        end = self.end.render_year() if self.end is not None else ""
        return self._join(self.start.render_year(), end)

    def render_long(self) -> str:
        end = self.end.render_long() if self.end is not None else ""
        return self._join(self.start.render_long(), end)

    def render_apa(self) -> str:
        if self.end is not None:
            return self.render_year()
        return self.start.render_apa()


def _parse_month(value: str) -> int | None:
    value = value.strip().rstrip(".").casefold()
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return _MONTH_LOOKUP.get(value)


def _parse_point(value: str) -> PartialDate:
    value = value.strip().rstrip("~?%").strip()
    match = _ISO.fullmatch(value)
    if not match:
        return PartialDate(text=value)
    year, month, day = match.groups()
    month_number = int(month) if month and 1 <= int(month) <= 12 else None
    day_number = int(day) if day and month_number and 1 <= int(day) <= 31 else None
    return PartialDate(year=year, month=month_number, day=day_number)


def parse_date(value: str) -> DateRange:
    """Parse a biblatex ``date``-style value (also accepts ``1988--1992``)."""
    value = latex_to_str(value).strip()
    if not value:
        return DateRange()
    parts = re.split(r"\s*(?:/|--|\u2013)\s*", value, maxsplit=1)
    start = _parse_point(parts[0]) if parts[0] else PartialDate()
    if len(parts) == 1:
        return DateRange(start)
    end = _parse_point(parts[1]) if parts[1] and parts[1] != ".." else PartialDate()
    if not start:
        return DateRange(end)
    return DateRange(start, end if end else None)


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

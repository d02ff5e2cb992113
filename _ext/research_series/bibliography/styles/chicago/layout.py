"""What every driver is handed: the author-date head, and the driver pair itself.

A driver is a pair of functions, the note and the bibliography entry of one
biblatex type, as biblatex-chicago pairs ``\\DeclareBibliographyDriver{book}``
with its ``{cite:book}`` twin.  The bibliography half takes a ``YearHead`` when
an author-date style has put the year after the names (CMOS 15.40), so the
facts leave out what the head already gives; ``None`` for notes and
bibliography.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ...dates import DateRange
from ...punct import Parts
from ...record import Record

__all__ = ["BibliographyDriver", "Driver", "NoteDriver", "YearHead", "heads_with"]


@dataclass(frozen=True)
class YearHead:
    """An author-date reference-list entry: its head gives the year of ``date``."""

    #: The date the head gives (biblatex-chicago's ``cmsdate``): a film's release,
    #: a letter's writing, else the publication date; empty for an undated work.
    date: DateRange


def heads_with(head: YearHead | None, date: DateRange) -> bool:
    """True when an author-date head gives ``date``, so the facts need not."""
    return head is not None and head.date == date


class NoteDriver(Protocol):
    """The full note of one type: what follows the names, with the locator."""

    def __call__(self, record: Record, parts: Parts, role: str, locator: str | None) -> Parts: ...


class BibliographyDriver(Protocol):
    """The bibliography entry of one type: what follows the names (and the year)."""

    def __call__(self, record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts: ...


@dataclass(frozen=True)
class Driver:
    """One biblatex type's note and bibliography entry, written side by side."""

    note: NoteDriver
    bibliography: BibliographyDriver
    #: False where the note never names the author (a letter's title names its writer:
    #: biblatex-chicago's ``cite:letter`` prints no ``author/editor``)
    note_names: bool = True

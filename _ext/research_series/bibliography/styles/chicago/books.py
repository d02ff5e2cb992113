"""Whole works: books, reference works and standards, and audio books and podcasts.

``@book`` and its kin (``@collection``, ``@proceedings``, ``@manual``...) print
title, contributors, edition, volume, series and publication facts (14.100-14.127).
A reference work or a standard is known by its title, so its edition comes before
its editors (14.130, 14.243); an ``@audio`` work is a book with a recording date
and the album or podcast it belongs to (14.263).
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...punct import Parts
from ...record import Record
from .dates import recording_date
from .layout import Driver, YearHead
from .names import contributors
from .publication import (
    bib_publication,
    edition_capital,
    edition_facts,
    has_main_work,
    main_work,
    note_publication,
    original_publication,
    series_and_number,
)
from .text import em, with_links
from .titles import plain_title, title_with_addons, titleaddon, titleaddon_separator

__all__ = ["AUDIO", "BOOK", "BY_TITLE"]


def _whole_work_note(
    record: Record,
    parts: Parts,
    role: str,
    locator: str | None,
    *,
    by_title: bool = False,
    recording: bool = False,
) -> Parts:
    """``by_title``: the edition before the editors; ``recording``: the date and album."""
    main = has_main_work(record)
    parts.add(title_with_addons(record), capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=True))
    if recording:
        parts.add(recording_date(record, note=True, unlabelled=True))
        parts.add(_audio_container(record, note=True))
    if by_title:
        parts.add(edition_facts(record))
    for item in contributors(record, note=True, editors=True, role=role, main_editor=main):
        parts.add(item)
    if not main and not by_title:
        parts.add(edition_facts(record))
    parts.add(main_work(record, note=True)).add(series_and_number(record))
    parts.add(record.text("note"))
    parts.add(note_publication(record), " ").add(locator)
    parts.add(record.text("type")).add(record.text("addendum"))  # the medium: a map, software
    return with_links(record, parts, ", ")


def _whole_work_bib(
    record: Record,
    parts: Parts,
    role: str,
    head: YearHead | None,
    *,
    by_title: bool = False,
    recording: bool = False,
) -> Parts:
    main = has_main_work(record)
    parts.add(title_with_addons(record), ". ", capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=False), capital=True)
    podcast = recording and bool(record.booktitle) and not record.maintitle
    if recording:
        parts.add(recording_date(record, note=False, head=head, unlabelled=True), ". ")
        parts.add(_audio_container(record, note=False), ", " if record.maintitle else ". ")
    if by_title:
        parts.add(edition_facts(record), ". ", capital=edition_capital(record))
    for index, item in enumerate(
        contributors(record, note=False, editors=True, role=role, main_editor=main)
    ):
        if podcast and index == 0:  # "In How to Do Everything, produced by ..."
            parts.add(Text(str(item)[:1].lower(), item[1:]), ", ")
        else:
            parts.add(item, ". ", capital=True)
    if not main and not by_title:
        parts.add(edition_facts(record), ". ", capital=edition_capital(record))
    parts.add(main_work(record, note=False), ". ")
    parts.add(series_and_number(record), ". ")
    if original_publication(record) and head is None:
        parts.add(original_publication(record), ". ")
    parts.add(record.text("note"), ". ", capital=True)
    bib_publication(record, parts, original=False, head=head)
    parts.add(record.text("type"), ". ", capital=True)
    addendum = record.text("addendum")
    parts.add(addendum, ". ", capital=True)
    return with_links(record, parts, ", " if addendum else ". ")


def _audio_container(record: Record, note: bool) -> Text:
    """``Die schöne Müllerin, in First Vocal Album``: the work and the album or podcast."""
    work = em(record._titled("booktitle", "booksubtitle", "booktitleaddon"))
    album = Parts().add(em(record._titled("maintitle", "mainsubtitle", "")))
    addon = record.text("maintitleaddon")
    album.add(addon, " " if str(addon).startswith("(") else titleaddon_separator(record, note))
    whole = album.text()
    if whole:
        inside = Text("in " if note else "In ", whole)
        return Parts().add(work).add(inside, ", " if note else ". ").text()
    return Text("in " if note else "In ", work) if work else Text()


def book_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """``Theory of International Politics (Reading, MA: Addison-Wesley, 1979), 258``."""
    return _whole_work_note(record, parts, role, locator)


def book_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _whole_work_bib(record, parts, role, head)


def by_title_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A reference work or a standard: ``Title, 2nd ed., ed. A (...)``."""
    return _whole_work_note(record, parts, role, locator, by_title=True)


def by_title_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _whole_work_bib(record, parts, role, head, by_title=True)


def audio_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """An audio book, a podcast episode, a song in an album (14.263)."""
    return _whole_work_note(record, parts, role, locator, recording=True)


def audio_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _whole_work_bib(record, parts, role, head, recording=True)


BOOK = Driver(book_note, book_bib)
BY_TITLE = Driver(by_title_note, by_title_bib)
AUDIO = Driver(audio_note, audio_bib)

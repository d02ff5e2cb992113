"""Parts of a whole: chapters, letters in a collection, entries in a reference work,
introductions and afterwords (14.106-14.113, 14.130-14.132).

Each is printed with the book it is in (``in Book, ed. A, vol. 2 of Main``).
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...latex import latex_to_str
from ...punct import Parts, quoted
from ...record import Record, inherited_persons
from .dates import accessed_phrase, body_date
from .layout import Driver, YearHead
from .names import contributors, natural_names, note_names, same_persons
from .publication import (
    bib_publication,
    edition_facts,
    main_work,
    note_publication,
    series_and_number,
)
from .text import em, paren, with_label, with_links
from .titles import styled_title, title_with_addons, titleaddon, titleaddon_separator


def _container_parts(record: Record, note: bool, head: YearHead | None = None) -> tuple[Text, Text]:
    """The book a chapter is in, and the volume of a multivolume work it belongs to.

    ``in Book, by A, ed. B, 2nd ed.`` and ``vol. 4 of Main, ed. C``: when the
    book is one volume of a larger work, its editors are the larger work's.
    """
    book = record.booktitle or record.maintitle
    container = Parts().add(em(book))
    bookauthor = record.names("bookauthor")
    if not same_persons(bookauthor, record.names("author")):
        container.add(with_label("by", note_names(bookauthor)))
    if "translator" in inherited_persons(record.entry):  # the book's translator
        translators = record.names("translator")
        translated = note_names(translators) if note else natural_names(translators)
        container.add(with_label("trans." if note else "translated by", translated))
    editors = note_names(record.names("editor")) if note else natural_names(record.names("editor"))
    edited = with_label("ed." if note else "edited by", editors)
    volume = record.text("volume")
    main = bool(volume and record.booktitle and record.maintitle)
    if not main:
        container.add(edited)
    container.add(record.edition())
    volume_part = Parts()
    if main:
        # a full note, and an author-date reference list, run on: ", vol. 4 of Main"
        lower = note or head is not None
        volume_part.add(Text("vol. " if lower else "Vol. ", volume, " of ", em(record.maintitle)))
        volume_part.add(edited)
    elif volume:
        container.add(Text("vol. ", volume))
    text = container.text()
    opening = Text("In " if not note else "in ", text) if book else text
    chapter = record.text("chapter")
    if chapter and book:
        opening = Text("chap. " if note else "Chap. ", chapter, " in ", text)
    return opening, volume_part.text()


def _container(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """``in Book Title, by A, ed. B, vol. 2 of Main Title, Series`` for a chapter's note."""
    opening, volume = _container_parts(record, note, head)
    return Parts().add(opening).add(volume).add(series_and_number(record)).text()


def _chapter_title(record: Record, parts: Parts, note: bool) -> Parts:
    """The chapter's title and its ``titleaddon`` (plain when there is no title)."""
    separator = ", " if note else ". "
    parts.add(title_with_addons(record), separator)
    parts.add(titleaddon(record), titleaddon_separator(record, note), capital=not note)
    return parts


def chapter_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    _chapter_title(record, parts, note=True)
    for item in contributors(record, note=True, editors=False, role=role):
        parts.add(item)
    parts.add(_container(record, note=True)).add(record.text("note"))
    parts.add(note_publication(record), " ")
    parts.add(Text(locator) if locator else record.pages(abbreviate=True))
    parts.add(accessed_phrase(record, note=True)).add(record.text("addendum"))
    return with_links(record, parts, ", ")


def chapter_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    _chapter_title(record, parts, note=False)
    for item in contributors(record, note=False, editors=False, role=role):
        parts.add(item, ". ", capital=True)
    opening, volume = _container_parts(record, note=False, head=head)
    pages = record.pages(abbreviate=True)
    if volume and head is None:
        parts.add(opening, ". ").add(Parts().add(volume).add(pages).text(), ". ")
    else:
        parts.add(Parts().add(opening).add(volume).add(pages).text(), ". ")
    parts.add(series_and_number(record), ". ").add(record.text("note"), ". ", capital=True)
    bib_publication(record, parts, head=head)
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return with_links(record, parts, ". ")


def _letter_head(record: Record, note: bool) -> Text:
    """``EBW to B. Russell, 2 July 1947`` (14.111-14.113)."""
    parts = Parts().add(styled_title(record, record.title_only), capital=True)
    parts.add(titleaddon(record))
    date = record.origdate  # the letter's own date; ``date`` is the edition's
    return parts.add(date.start.render_day_first() if date else "").text()


def letter_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A letter, its writer named by its title (the note gives no author, see
    ``LETTER``): ``A to B, date, in Letters, ed. C (...), 42``; an unpublished one
    ``A to B, Ellison Papers, box 4 (October 24, 1962)``."""
    parts.add(_letter_head(record, note=True))
    parts.add(_container(record, note=True))
    parts.add(record.text("note"))
    parts.add(paren(_letter_publication(record)), " ")
    parts.add(Text(locator) if locator else record.pages(abbreviate=True))
    return with_links(record, parts, ", ")


def letter_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(_letter_head(record, note=False), ". ")
    container = Parts().add(_container(record, note=False, head=head))
    container.add(record.pages(abbreviate=True))
    parts.add(container.text(), ". ")
    parts.add(record.text("note"), ". ", capital=True)
    if head is not None and not body_date(record, head):  # author-date: the year heads it
        bib_publication(record, parts, head=head)
    else:  # a letter's day is given in full even under an author-date head
        parts.add(_letter_publication(record), ". ")
    return with_links(record, parts, ". ")


def _letter_publication(record: Record) -> Text:
    """``Boston: Archive Press, 1999``, ``October 24, 1962``: the place, publisher and
    full date of the letter or its collection, never the archive that keeps it
    (biblatex-chicago's ``cpubletter+loc+year``)."""
    date = record.date.render_long() if record.date else ""
    place = Parts().add(record.place).add(record.publisher, ": ").text()
    return Parts().add(place).add(date).text()


def _sub_verbo(record: Record) -> Text:
    """``s.v. "Salvation"``, ``s.vv. "police ranks," "postal addresses"`` (14.130)."""
    items = record.list_items("lista")
    by = with_label("by", note_names(record.names("author")))
    if not items:
        return by
    label = "s.vv. " if len(items) > 1 else "s.v. "
    quoted_items = [quoted(item) for item in items]
    joined = Parts()
    for item in quoted_items:
        joined.add(item, ", ")
    return Parts().add(Text(label, joined.text())).add(by).text()


def reference_work_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """An entry in a dictionary or encyclopedia, by title (14.130-14.132)."""
    parts.add(styled_title(record, record.title_only))
    parts.add(record.edition())
    for item in contributors(record, note=True, editors=True, role=role):
        parts.add(item)
    publication = note_publication(record) if record.date else Text()
    note = record.text("note")
    if note and publication:
        publication = Text("(", note, ", ", publication[1:])
    elif note:
        parts.add(note)
    parts.add(publication, " ").add(_sub_verbo(record)).add(locator)
    parts.add(accessed_phrase(record, note=True))
    return with_links(record, parts, ", ")


def reference_work_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(styled_title(record, record.title_only), ". ")
    parts.add(record.edition(), ". ", capital=True)
    for item in contributors(record, note=False, editors=True, role=role):
        parts.add(item, ". ", capital=True)
    parts.add(record.text("note"), ". ", capital=True)
    if record.date:
        bib_publication(record, parts, head=head)
        parts.add(_sub_verbo(record))
    else:
        parts.add(_sub_verbo(record))
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    return with_links(record, parts, ". ")


def supplement_phrase(record: Record) -> Text:
    """``introduction to``, ``afterword to``: what part of a book a @suppbook cites."""
    described = record.text("type")
    if described:
        return described
    for role in ("introduction", "foreword", "afterword"):
        if _flagged(record, role):
            return Text(f"{role} to")
    return Text("in")


def _flagged(record: Record, role: str) -> bool:
    """``afterword = {yes}``: the entry is the book's afterword, not a name."""
    persons = record.entry.persons.get(role, ())
    if persons and all(str(person).casefold() == "yes" for person in persons):
        return True
    return latex_to_str(record.raw(role)).strip().casefold() == "yes"


def supplement_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@suppbook: ``introduction to Word Court, by Barbara Wallraff (...)`` (14.110)."""
    parts.add(Text(supplement_phrase(record), " ", em(record.title_only)))
    parts.add(with_label("by", note_names(record.names("bookauthor"))))
    for item in contributors(record, note=True, editors=True, role=role):
        parts.add(item)
    parts.add(edition_facts(record)).add(main_work(record, note=True)).add(
        series_and_number(record)
    )
    parts.add(record.text("note"))
    parts.add(note_publication(record), " ").add(locator)
    return with_links(record, parts, ", ")


def supplement_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    part = Parts().add(Text(supplement_phrase(record), " ", em(record.title_only)), capital=True)
    part.add(with_label("by", natural_names(record.names("bookauthor"))))
    part.add(record.pages(abbreviate=True))
    parts.add(part.text(), ". ")
    for item in contributors(record, note=False, editors=True, role=role):
        parts.add(item, ". ", capital=True)
    parts.add(edition_facts(record), ". ").add(main_work(record, note=False), ". ")
    parts.add(series_and_number(record), ". ").add(record.text("note"), ". ", capital=True)
    bib_publication(record, parts, head=head)
    return with_links(record, parts, ". ")


CHAPTER = Driver(chapter_note, chapter_bib)
LETTER = Driver(letter_note, letter_bib, note_names=False)
REFERENCE_ENTRY = Driver(reference_work_note, reference_work_bib)
SUPPLEMENT = Driver(supplement_note, supplement_bib)

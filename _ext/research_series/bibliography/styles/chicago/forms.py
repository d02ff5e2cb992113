"""The three forms of an entry: full note, short note and bibliography entry.

The names head each form; the type's driver (``drivers.DRIVERS``) prints the
rest; related works (``related``, ``relatedtype``) and originals of a translation
follow.  A comment on a blog post is printed around the post it comments on.
The bibliography entry takes a ``YearHead`` when an author-date style has put
the year after the names.
"""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.richtext import Text

from ...bibstrings import bibstring
from ...labels import NO_LABEL, WorkLabel
from ...latex import latex_to_str
from ...names import NameList
from ...punct import Parts, quoted
from ...record import Kind, Record, original_entries, related_entries
from .articles import journal_is_author
from .dates import date_with_time
from .drivers import driver_for
from .layout import YearHead
from .media import episode_title, series_title
from .names import (
    NO_NAMES,
    corporate_author,
    creator,
    heading_names,
    label_names,
    note_names,
    same_persons,
    short_names,
)
from .parts import supplement_phrase
from .publication import note_publication, publication_facts
from .text import capitalise_str, em, paren, with_links
from .titles import plain_title, styled_title


def full_note(record: Record, locator: str | None, lead: bool = True) -> Parts:
    _names, role = creator(record)
    parts = Parts()
    if lead and driver_for(record).note_names:
        parts.add(heading_names(record, note=True))
    if _comments_on(record):
        return _comment_note(record, parts, locator)
    parts = _shorthand_intro(record, driver_for(record).note(record, parts, role, locator))
    if record.options.get("related") == "true":
        parts.add(_related_clause(record, note=True))
    return parts


def bibliography_parts(
    record: Record, parts: Parts | None = None, lead: bool = True, head: YearHead | None = None
) -> Parts:
    """The bibliography entry; an author-date style passes its ``head`` and ``parts``
    that insert the year after the names."""
    _names, role = creator(record)
    parts = Parts() if parts is None else parts
    if lead:
        parts.add(heading_names(record, note=False))
    if _comments_on(record):
        return _comment_bib(record, parts)
    parts = driver_for(record).bibliography(record, parts, role, head)
    parts.add(_related_clause(record, note=False, head=head), ". ", capital=True)
    return parts.add(_original_clause(record, head), ". ")


def _comments_on(record: Record) -> bool:
    """A comment on a blog post or a reply in a forum (14.208-14.209)."""
    relatedtype = latex_to_str(record.raw("relatedtype")).strip().casefold()
    return relatedtype == "commenton" and bool(related_entries(record.entry))


def _related_phrase(record: Record) -> str:
    phrase = latex_to_str(record.raw("relatedstring")).strip()
    if phrase:
        return phrase
    relatedtype = latex_to_str(record.raw("relatedtype")).strip()
    return (bibstring(relatedtype) or "") if relatedtype else ""


def _related_note(entry: Entry, links: bool = True, author: NameList = NO_NAMES) -> Text:
    """The full note of a related entry; ``links=False`` leaves out its URL, and an
    ``author`` who is also the related work's is not named again."""
    record = Record(entry)
    if not links:
        record.url = ""
        record.doi = ""
    same = bool(author) and same_persons(author, creator(record)[0])
    return full_note(record, None, lead=not same).text()


def _related_clause(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """``cited in Richard W. Stoffle et al., “Ghost Dancing ...”``, ``Translated by
    Deborah Furet as The Passing of an Illusion (Chicago: ..., 1999)``."""
    related = related_entries(record.entry)
    if not related or _comments_on(record):
        return Text()
    relatedtype = latex_to_str(record.raw("relatedtype")).strip().casefold()
    if relatedtype.startswith("maintitle"):
        return Text()  # the volumes of a multivolume work: not rendered (yet)
    if relatedtype == "bytranslator":
        other = Record(related[0])
        translated = Text(
            "translated by ", note_names(other.names("translator")), " as ", em(other.title_only)
        )
        if head is not None and not note:
            return Parts().add(translated).add(publication_facts(other), ". ").text()
        return Parts().add(translated).add(note_publication(other), " ").text()
    phrase = _related_phrase(record)
    author = creator(record)[0]
    if head is not None and not note:
        body = Text("; ").join([_related_reference(entry, author) for entry in related])
        return Text(phrase, " ", body) if phrase else body
    body = Text("; ").join([_related_note(entry, author=author) for entry in related])
    return Text(phrase, " ", body) if phrase else body


def _related_reference(entry: Entry, author: NameList) -> Text:
    """A related work as the author-date reference list gives it, without the author
    when it is the same (``Gems and Gemstones. Chicago: ..., 2009``)."""
    record = Record(entry)
    same = bool(author) and same_persons(author, creator(record)[0])
    return bibliography_parts(record, lead=not same).text()


def _original_clause(record: Record, head: YearHead | None = None) -> Text:
    """``Originally published as Le passé d'une illusion (Paris: ..., 1995)``;
    ``Greek edition: Metaphysics, ...`` when the original language is known."""
    originals = original_entries(record.entry)
    if not originals:
        return Text()
    if head is not None:
        body = bibliography_parts(Record(originals[0]), lead=False).text()
    else:
        body = full_note(Record(originals[0]), None, lead=False).text()
    language = latex_to_str(record.raw("origlanguage")).strip()
    if language:
        return Text(capitalise_str(bibstring(language) or language), " edition: ", body)
    return Text("Originally published as ", body)


def _comment_note(record: Record, parts: Parts, locator: str | None) -> Parts:
    """``AC, July 1, 2008, 10:18 a.m., comment on Rhian Ellis, “Squatters’ Rights,” ...``."""
    parts.add(date_with_time(record.eventdate)).add(styled_title(record, record.title_only))
    parts.add(date_with_time(record.date)).add(locator)
    phrase = _related_phrase(record) or "comment on"
    related = _related_note(related_entries(record.entry)[0], links=False)
    parts.add(Text(phrase, " ", related), capital=not parts)
    return with_links(record, parts, ", ")


def _comment_bib(record: Record, parts: Parts) -> Parts:
    parts.add(date_with_time(record.eventdate), ". ")
    title = Parts().add(styled_title(record, record.title_only)).add(date_with_time(record.date))
    parts.add(title.text(), ". ")
    phrase = _related_phrase(record) or "comment on"
    related = short_note(Record(related_entries(record.entry)[0]), None)
    parts.add(Text(phrase, " ", related), ". ", capital=True)
    return with_links(record, parts, ". ")


def _shorthand_intro(record: Record, parts: Parts) -> Parts:
    """``(hereafter cited as CMS)`` after the first note of a work with a shorthand."""
    shorthand = record.text("shorthand")
    if shorthand:
        parts.add(Text("(hereafter cited as ", shorthand, ")"), " ")
    return parts


def short_title(record: Record) -> Text:
    """Short title styled like the full one (14.30)."""
    if record.kind is Kind.PERIODICAL and record.issuetitle:
        return quoted(record.issuetitle)
    if record.kind is Kind.PERIODICAL and not record.title:
        return em(record.journal)
    if record.type in ("suppbook", "suppcollection"):
        return Text(supplement_phrase(record), " ", em(record.short_title))
    if record.subtype == "tvepisode" and record.booktitle and not record.raw("shorttitle"):
        return Parts().add(series_title(record)).add(episode_title(record)).text()
    title = styled_title(record, record.short_title)
    return Text("see ", title) if record.type == "customc" else title


#: ``et_al_from`` for "name every author"
NEVER = 1 << 30


def short_lead(record: Record, et_al_from: int, label: WorkLabel = NO_LABEL) -> Text:
    """Surnames for a short note: ``shortauthor`` if given, else the heading names."""
    role = creator(record)[1]
    lead = short_names(label_names(record), et_al_from, label) or corporate_author(
        record, note=True
    )
    authortype = latex_to_str(record.raw("authortype")).strip().casefold()
    if lead and role == "author" and authortype in ("anon", "anon?"):
        lead = Text("[", lead, "?]" if authortype == "anon?" else "]")
    if not lead and journal_is_author(record):
        lead = em(record.journal)
    return lead


def short_note(record: Record, locator: str | None, label: WorkLabel = NO_LABEL) -> Text:
    """``Waltz, Theory of International Politics, 258`` (14.29-14.31)."""
    shorthand = record.text("shorthand")
    if shorthand:
        return Parts().add(shorthand).add(locator).text()
    lead = short_lead(record, et_al_from=4, label=label)
    title = Text() if "notitle" in record.options else short_title(record)
    if not title and _comments_on(record):
        related = short_note(Record(related_entries(record.entry)[0]), None)
        title = Text(_related_phrase(record) or "comment on", " ", related)
    parts = Parts().add(lead)
    if record.type == "letter":
        parts.add(title, " ")
    elif record.type == "dataset":
        parts.add(paren(title), " ")
    else:
        parts.add(title, capital=plain_title(record))
    return parts.add(locator).text()

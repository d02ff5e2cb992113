"""Online items: web pages, posts, social media (14.205-14.210).

``@online`` (and its aliases ``@electronic``, ``@www``, ``@webpage``) prints the
title, the site and the date of posting, then the access date and the link.
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...punct import Parts
from ...record import Record
from .dates import accessed_phrase, body_date, date_with_time
from .layout import Driver, YearHead
from .names import contributors
from .text import with_links
from .titles import plain_title, title_with_addons, titleaddon, titleaddon_separator


def site_name(record: Record) -> Text:
    """The web site or body that hosts an online item."""
    return (
        record.journal
        or record.organization
        or record.institution
        or record.publisher
        or record.howpublished()
    )


def _site_and_date(record: Record, note: bool = True, head: YearHead | None = None) -> Text:
    """``Twitter, April 22, 2015, 11:10 a.m.``: where and when an online item appeared.

    A note on the item comes between them: ``YouTube, from a performance ... on
    September 22, 1968`` (``\\nopunct`` joins it to the date).
    """
    parts = Parts().add(site_name(record))
    parts.add(record.text("note"), ", " if note else ". ", capital=not note)
    return parts.add(date_with_time(record.date) if body_date(record, head) else "").text()


def web_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(title_with_addons(record), capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=True))
    for item in contributors(record, note=True, editors=role != "editor", role=role):
        parts.add(item)
    parts.add(_site_and_date(record))
    parts.add(record.text("type")).add(locator)
    parts.add(accessed_phrase(record, note=True)).add(record.text("addendum"))
    return with_links(record, parts, ", ")


def web_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ", capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=False), capital=True)
    for item in contributors(record, note=False, editors=role != "editor", role=role):
        parts.add(item, ". ", capital=True)
    parts.add(_site_and_date(record, note=False, head=head), ". ", capital=True)
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return with_links(record, parts, ". ")


WEB = Driver(web_note, web_bib)

"""The driver table: every biblatex type, and the pair of functions that prints it.

As biblatex-chicago declares one ``\\DeclareBibliographyDriver{type}`` per type
(with its ``{cite:type}`` twin), this table names, for each type, the family
module whose note and bibliography functions print it.  Aliases share a row's
driver (``@phdthesis`` is a ``@thesis``); a type not listed is printed as a web
page when it has a URL, else in a generic form.
"""

from __future__ import annotations

from ...record import Record
from . import archival, articles, books, documents, media, online, parts
from .layout import Driver

__all__ = ["DRIVERS", "driver_for"]

DRIVERS: dict[str, Driver] = {
    # articles.py: the periodical family
    "article": articles.ARTICLE,
    "suppperiodical": articles.ARTICLE,
    "review": articles.REVIEW,
    "periodical": articles.PERIODICAL,
    # books.py: whole works
    **dict.fromkeys(
        [
            "book",
            "mvbook",
            "booklet",
            "manual",
            "collection",
            "mvcollection",
            "proceedings",
            "mvproceedings",
            "software",
        ],
        books.BOOK,
    ),
    **dict.fromkeys(["reference", "mvreference", "standard"], books.BY_TITLE),
    "audio": books.AUDIO,
    # parts.py: parts of a whole
    **dict.fromkeys(
        ["incollection", "inbook", "inproceedings", "conference", "bookinbook"], parts.CHAPTER
    ),
    "inreference": parts.REFERENCE_ENTRY,
    "suppbook": parts.SUPPLEMENT,
    "suppcollection": parts.SUPPLEMENT,
    "letter": parts.LETTER,
    # documents.py
    **dict.fromkeys(["thesis", "phdthesis", "mastersthesis"], documents.THESIS),
    **dict.fromkeys(["report", "techreport"], documents.REPORT),
    "patent": documents.PATENT,
    "unpublished": documents.UNPUBLISHED,
    # online.py
    **dict.fromkeys(["online", "electronic", "www", "webpage"], online.WEB),
    # media.py
    "music": media.MUSIC,
    "video": media.VIDEO,
    "artwork": media.ARTWORK,
    "image": media.ARTWORK,
    "performance": media.PERFORMANCE,
    "dataset": media.DATASET,
    # archival.py
    "misc": archival.MISC,
    "customc": archival.SEE,
    "set": archival.GENERIC,  # a set without members (``check`` reports it)
}


def driver_for(record: Record) -> Driver:
    """The driver of ``record``'s type; unknown types as the ``archival`` module says."""
    return DRIVERS.get(record.type, archival.UNKNOWN)

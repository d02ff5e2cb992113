"""Titles: italic, quoted or plain by type (14.86), with translations and addons."""

from __future__ import annotations

from pybtex.richtext import BaseText, Tag, Text

from ...bibstrings import bibstring
from ...latex import latex_to_str
from ...punct import quoted
from ...record import Kind, Record
from .dates import RECORDING_TYPES
from .text import capitalise_str

_QUOTED = frozenset({Kind.ARTICLE, Kind.CHAPTER, Kind.THESIS, Kind.WEB, Kind.UNPUBLISHED})


_QUOTED_GENERIC = frozenset({Kind.GENERIC})


_PLAIN = frozenset({Kind.PATENT})


_ITALIC_TYPES = frozenset({"bookinbook", "software"})


_QUOTED_TYPES = frozenset(
    {"article", "inbook", "incollection", "inproceedings", "online", "thesis", "unpublished"}
)


_PLAIN_TYPES = frozenset({"letter", "patent", "review", "suppperiodical", "dataset", "customc"})


_SUBTYPE_PLAIN = frozenset({"artwork", "image", "inreference", "misc"})


def title_format(record: Record) -> str:
    """How biblatex-chicago sets a title: ``em``, ``quote`` or ``plain`` (14.86).

    Parts of a work are quoted, whole works italic; letters, reviews and
    archival material (``misc`` with an ``entrysubtype``) are plain.
    """
    entry_type = record.type
    subtype = bool(record.raw("entrysubtype"))
    if entry_type in _ITALIC_TYPES:
        return "em"
    if entry_type in _QUOTED_TYPES:
        return "quote" if record.raw("title") else "plain"
    if entry_type in _PLAIN_TYPES:
        return "plain"
    if entry_type in _SUBTYPE_PLAIN and subtype:
        return "plain"
    if entry_type == "misc" and record.kind is Kind.WEB:
        return "quote"  # a series rule: a misc entry with a URL is cited as a web page
    if entry_type in _SUBTYPE_PLAIN:
        return "em"
    if entry_type in RECORDING_TYPES:
        return "quote" if subtype or record.raw("booktitle") else "em"
    if entry_type == "report" and record.raw("entrysubtype").casefold() == "unpublished":
        return "quote"
    if record.kind in _QUOTED or record.kind in _QUOTED_GENERIC:
        return "quote"
    if record.kind in _PLAIN:
        return "plain"
    return "em"


def plain_title(record: Record) -> bool:
    """Plain titles (reviews, letters...) take a capital at the start of a sentence."""
    return title_format(record) == "plain"


def styled_title(record: Record, title: BaseText) -> Text:
    """Italic, quoted or plain, by the type of work (CMOS 8.171, 14.86)."""
    if not title:
        return Text()
    how = title_format(record)
    if how == "quote":
        return quoted(title)
    if how == "plain":
        return Text(title)
    return Text(Tag("em", title))


def title_with_addons(record: Record) -> Text:
    """The styled title, with a translated title or the language in brackets."""
    title = styled_title(record, record.title_only)
    translated = record.text("usere")
    language = _language(record)
    if translated and _spaced_titleaddon(record):  # title, its original script, [translation]
        return Text(title, " ", record.text("titleaddon"), " [", translated, "]")
    if translated:
        return Text(title, " [", translated, "]")
    if language:
        return Text(title, " [in ", language, "]")
    return title


def _language(record: Record) -> Text:
    raw = latex_to_str(record.raw("language")).strip()
    if not raw or raw.casefold() in ("english", "american", "british"):
        return Text()
    return Text(bibstring(raw) or capitalise_str(raw))


def _spaced_titleaddon(record: Record) -> bool:
    options = record.options
    return options.get("ctitleaddon") == "space" and options.get("ptitleaddon") == "space"


def titleaddon(record: Record) -> Text:
    """The ``titleaddon``, unless the title already took it before a translation."""
    if record.raw("usere") and _spaced_titleaddon(record):
        return Text()
    return record.text("titleaddon")


def titleaddon_separator(record: Record, note: bool) -> str:
    """biblatex-chicago's ``ptitleaddon``/``ctitleaddon`` options: ``space`` joins with a space."""
    option = record.options.get("ctitleaddon" if note else "ptitleaddon", "")
    if option == "space":
        return " "
    return ", " if note else ". "

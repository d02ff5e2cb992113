"""Small text pieces every driver uses: italics, parentheses, labels, links."""

from __future__ import annotations

from pybtex.richtext import BaseText, Tag, Text

from ...punct import Parts, map_strings
from ...record import Record


def em(text: BaseText) -> Text:
    return Text(Tag("em", text)) if text else Text()


def paren(text: BaseText) -> Text:
    """``(text)``; parentheses inside become brackets (CMOS 6.101)."""
    if not text:
        return Text()
    if "(" in str(text):
        text = map_strings(text, lambda value: value.replace("(", "[").replace(")", "]"))
    return Text("(", text, ")")


def with_label(label: str, text: BaseText) -> Text:
    return Text(label, " ", text) if text else Text()


def capitalise_str(value: str) -> str:
    return value[:1].upper() + value[1:]


def with_links(record: Record, parts: Parts, separator: str) -> Parts:
    return parts.add(record.eprint(), separator).add(record.link(), separator)


def note_field(record: Record) -> Text:
    return Parts().add(record.text("note")).add(record.text("addendum")).text()

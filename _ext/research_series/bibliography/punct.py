"""Joining citation parts with American punctuation rules.

Chicago (6.9) and APA put a following comma or period *inside* closing
quotation marks (``“Title,” Journal``), and drop a comma or period that would
follow a title ending in ``?`` or ``!`` (6.119).  pybtex's template language
joins parts without knowing what the previous part ended with, so the styles
build their output with ``Parts`` instead.
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.richtext import BaseText, String, Text

__all__ = ["OPEN_QUOTE", "Parts", "add_period", "quoted"]

OPEN_QUOTE = "\u201c"
CLOSE_QUOTE = "\u201d"
_INSIDE = frozenset(",.")


def quoted(text: BaseText) -> Text:
    """``“text”`` with any double quotes inside turned to single ones (6.11)."""
    return Text(OPEN_QUOTE, _nest_quotes(text), CLOSE_QUOTE) if text else Text()


def _nest_quotes(text: BaseText) -> BaseText:
    table = str.maketrans({OPEN_QUOTE: "\u2018", CLOSE_QUOTE: "\u2019"})
    if OPEN_QUOTE not in str(text) and CLOSE_QUOTE not in str(text):
        return text
    return _map_strings(text, lambda value: value.translate(table))


def _map_strings(text: BaseText, function: Callable[[str], str]) -> BaseText:
    """Apply ``function`` to every plain string inside ``text``."""
    if isinstance(text, String):
        return String(function(str(text)))
    parts = getattr(text, "parts", None)
    if parts is None:
        return text
    similar: BaseText = text._create_similar([_map_strings(part, function) for part in parts])
    return similar


def _ends_terminated(text: str) -> bool:
    return text.rstrip(CLOSE_QUOTE + "\u2019 ").endswith(("?", "!"))


def add_period(text: BaseText, period: str = ".") -> Text:
    """Terminate ``text``; a final closing quote takes the period inside it."""
    plain = str(text)
    if not plain or _ends_terminated(plain) or plain.rstrip(CLOSE_QUOTE).endswith("."):
        return Text(text)
    if plain.endswith(CLOSE_QUOTE):
        return Text(text[:-1], period + CLOSE_QUOTE)
    return Text(text, period)


class Parts:
    """Accumulates citation parts and the punctuation between them."""

    def __init__(self) -> None:
        self._parts: list[BaseText] = []
        self._last = ""

    def __bool__(self) -> bool:
        return bool(self._parts)

    def add(self, item: BaseText | str | None, separator: str = ", ") -> Parts:
        """Append ``item`` after ``separator``; empty items are skipped."""
        if not item:
            return self
        text = Text(item) if isinstance(item, str) else item
        if self._parts:
            self._separate(separator)
        self._parts.append(text)
        self._last = str(text)
        return self

    def _separate(self, separator: str) -> None:
        lead = separator[:1]
        if lead in _INSIDE and _ends_terminated(self._last):
            separator, lead = separator[1:], ""
        if lead == "." and self._last.rstrip(CLOSE_QUOTE).endswith("."):
            separator, lead = separator[1:], ""
        if lead in _INSIDE and self._last.endswith(CLOSE_QUOTE):
            self._parts[-1] = Text(self._parts[-1][:-1], lead + CLOSE_QUOTE)
            separator = separator[1:]
        if separator:
            self._parts.append(String(separator))

    def text(self, period: bool = False) -> Text:
        """The joined text, terminated with a period (inside a final quote) if asked."""
        text = Text(*self._parts)
        return add_period(text) if period else text

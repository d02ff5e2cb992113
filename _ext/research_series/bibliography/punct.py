"""Joining citation parts with American punctuation rules.

Chicago (6.9) and APA put a following comma or period *inside* closing
quotation marks (``“Title,” Journal``), and drop a comma or period that would
follow a title ending in ``?`` or ``!`` (6.119).  pybtex's template language
joins parts without knowing what the previous part ended with, so the styles
build their output with ``Parts`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pybtex.richtext import BaseText, String, Text

__all__ = ["NO_PUNCT", "OPEN_QUOTE", "Parts", "add_period", "capitalise", "map_strings", "quoted"]

OPEN_QUOTE = "\u201c"
#: Left by ``\\nopunct`` at the end of a field: the next part follows after a space.
NO_PUNCT = "\ufeff"
CLOSE_QUOTE = "\u201d"
_INSIDE = frozenset(",.")


def quoted(text: BaseText) -> Text:
    """``“text”`` with any double quotes inside turned to single ones (6.11)."""
    return Text(OPEN_QUOTE, _nest_quotes(text), CLOSE_QUOTE) if text else Text()


def _nest_quotes(text: BaseText) -> BaseText:
    table = str.maketrans({OPEN_QUOTE: "\u2018", CLOSE_QUOTE: "\u2019"})
    if OPEN_QUOTE not in str(text) and CLOSE_QUOTE not in str(text):
        return text
    return map_strings(text, lambda value: value.translate(table))


def map_strings(text: BaseText, function: Callable[[str], str]) -> BaseText:
    """Apply ``function`` to every plain string inside ``text``."""
    if isinstance(text, String):
        return String(function(str(text)))
    parts = getattr(text, "parts", None)
    if parts is None:
        return text
    similar: BaseText = text._create_similar([map_strings(part, function) for part in parts])
    return similar


_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]$")


def _ends_terminated(text: str) -> bool:
    """True when ``text`` ends in ``?`` or ``!``, looking through closing quotes and a
    bracketed translation (``“Waar ...?” [Where ...?]``), as biblatex's tracker does."""
    text = _BRACKETED.sub("", text.rstrip())
    return text.rstrip(CLOSE_QUOTE + "\u2019 ").endswith(("?", "!"))


def _closing_quotes(text: str) -> int:
    """How many closing quotation marks end ``text`` (``”`` or ``’”``)."""
    if text.endswith("\u2019" + CLOSE_QUOTE):
        return 2
    return 1 if text.endswith(CLOSE_QUOTE) else 0


def capitalise(text: BaseText) -> Text:
    """``text`` with its first letter upper-cased (biblatex's ``\\MakeCapital``)."""
    done = False

    def upper_first(value: str) -> str:
        nonlocal done
        if done or not value:
            return value
        done = True
        return value[:1].upper() + value[1:]

    plain = str(text)
    if not plain or not plain[:1].islower():
        return Text(text)
    return Text(map_strings(text, upper_first))


def add_period(text: BaseText, period: str = ".") -> Text:
    """Terminate ``text``; a final closing quote takes the period inside it."""
    plain = str(text)
    if not plain or _ends_terminated(plain) or plain.rstrip(CLOSE_QUOTE).endswith("."):
        return Text(text)
    quotes = _closing_quotes(plain)
    if quotes:
        return Text(text[:-quotes], period, plain[-quotes:])
    return Text(text, period)


class Parts:
    """Accumulates citation parts and the punctuation between them."""

    def __init__(self) -> None:
        self._parts: list[BaseText] = []
        self._last = ""

    def __bool__(self) -> bool:
        return bool(self._parts)

    def add(
        self, item: BaseText | str | None, separator: str = ", ", capital: bool = False
    ) -> Parts:
        """Append ``item`` after ``separator``; empty items are skipped.

        With ``capital`` the item's first letter is upper-cased when it starts
        a sentence (first part, or after a period), as biblatex's ``\\autocap``.
        """
        if not item:
            return self
        text = Text(item) if isinstance(item, str) else item
        if capital and (not self._parts or separator.startswith(".")):
            text = capitalise(text)
        if self._parts:
            self._separate(separator)
        self._parts.append(text)
        self._last = str(text)
        return self

    def _separate(self, separator: str) -> None:
        lead = separator[:1]
        # CMOS 17 (6.119, 14.96): a comma after a quoted title that ends in ? or !
        # is kept, inside the quotation marks; a period is dropped.
        keep_comma = lead == "," and (
            _closing_quotes(self._last) > 0 or self._last.rstrip().endswith("]")
        )
        if lead in _INSIDE and _ends_terminated(self._last) and not keep_comma:
            separator, lead = separator[1:], ""
        if lead == "." and self._last.rstrip(CLOSE_QUOTE).endswith("."):
            separator, lead = separator[1:], ""
        if self._last.endswith(NO_PUNCT):  # biblatex's \\nopunct: a space, nothing more
            self._parts[-1] = Text(self._parts[-1][: -len(NO_PUNCT)])
            self._last = self._last[: -len(NO_PUNCT)]
            separator, lead = " ", ""
        if lead in _INSIDE and self._last.rstrip().endswith((",", ";", ":")):
            separator, lead = separator[1:].lstrip() or " ", ""  # ``House, Edward M., Papers``
        quotes = _closing_quotes(self._last)
        if lead in _INSIDE and quotes:
            last = self._parts[-1]
            self._parts[-1] = Text(last[:-quotes], lead, self._last[-quotes:])
            separator = separator[1:]
        if separator:
            self._parts.append(String(separator))

    def text(self, period: bool = False) -> Text:
        """The joined text, terminated with a period (inside a final quote) if asked."""
        text = Text(*self._parts)
        return add_period(text) if period else text

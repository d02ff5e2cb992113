"""The citation roles' target syntax, as sphinxcontrib-bibtex defines it.

``key1,key2``: works are separated by commas; each may carry pre- and post-text
in braces, ``{see}waltz1979{12}``, the post-text being the locator. The grammar
is sphinxcontrib-bibtex's (``citation_target.py``), with two deliberate
differences: empty braces are allowed (``{}waltz1979{12}``, which it rejects),
and malformed text is a located error rather than an exception that stops the
build. :func:`spell` writes the syntax back, for the editor's importer.

The series' first syntax (``key, 258`` with ``;`` between works) is no longer
read; :func:`old_spelling` recognises it so the error can show the new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_KEY_SHAPED = re.compile(r"[^\W\d][^\s,;{}]*")
_TARGET = re.compile(
    r"\s*(?:\{(?P<pre>[^{}]*)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]*)\})?\s*"
)


@dataclass(frozen=True)
class CiteItem:
    """One cited work: its key, and the author's words before and after it."""

    key: str
    pre: str | None = None
    #: the post-text: a page, a chapter (``pp. 45--47``, ``chap. 3``)
    locator: str | None = None


class CitationSyntaxError(ValueError):
    """The role's text cannot be read; the message says how to write it."""


def _text(value: str | None) -> str | None:
    """Folded white space and TeX's dashes (``45--47`` is 45–47, as biblatex prints it);
    ``None`` for no text or empty braces."""
    if value is None:
        return None
    text = " ".join(value.split()).replace("---", "\u2014").replace("--", "\u2013")
    return text or None


def parse_targets(text: str) -> list[CiteItem]:
    """``{pre}key{post},key2`` -> items, in the order written."""
    items = []
    position = 0
    while True:
        match = _TARGET.match(text, position)
        if match is None:
            raise CitationSyntaxError(
                f"cannot read {text!r} as citation keys; write keys separated by commas, "
                "each with optional {pre-text} before and {post-text} after it, e.g. "
                "{see}waltz1979{12},keohane1984"
            )
        items.append(CiteItem(match["key"], _text(match["pre"]), _text(match["post"])))
        position = match.end()
        if position == len(text):
            return items
        if text[position] != ",":
            raise CitationSyntaxError(
                f"cannot read {text!r} as citation keys: after {match['key']!r} comes "
                f"{text[position:]!r}; separate works with commas (key1,key2) and put a "
                "page in braces after its key (key1{12})"
            )
        position += 1


def spell(items: Sequence[CiteItem]) -> str:
    """The target text that :func:`parse_targets` reads back as *items*."""
    parts = []
    for item in items:
        pre = f"{{{item.pre}}}" if item.pre else ""
        post = f"{{{item.locator}}}" if item.locator else ""
        parts.append(f"{pre}{item.key}{post}")
    return ",".join(parts)


def old_spelling(text: str, is_key: Callable[[str], bool]) -> str | None:
    """The new spelling of *text* if it is the old ``key, 258; key2`` form, else ``None``.

    Only text that reads as the old form with every key known (*is_key*), each
    locator unlike a key (it holds a space or starts with no letter: ``258``,
    ``chap. 3``), and at least one locator or ``;`` is taken for it, so that
    ``key1,key2`` with a typo in ``key2`` is reported as the typo it is.
    """
    if "{" in text or "}" in text:
        return None
    items = []
    for chunk in text.split(";"):
        key, _, locator = chunk.partition(",")
        key, locator = key.strip(), locator.strip()
        if not key or not is_key(key) or (locator and _KEY_SHAPED.fullmatch(locator)):
            return None
        items.append(CiteItem(key, None, _text(locator)))
    if ";" not in text and all(item.locator is None for item in items):
        return None
    return spell(items)

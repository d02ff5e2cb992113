"""MyST text the importer writes: escaped prose and the one citation emitter.

Everything taken from a manuscript passes through :func:`escape_inline` (or
:func:`code_span`), so a Word document cannot smuggle a role, a directive, raw
HTML, a footnote mark or math into the paper. Citations are written only by
:func:`cite_role`, in the sphinxcontrib-bibtex syntax the extension reads
(:mod:`...model.citation_syntax`): keys separated by commas, pre-text and
post-text in braces around a key (``{see}key{p. 12}``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model.citation_syntax import CiteItem, spell

# ASCII punctuation that starts or delimits MyST/CommonMark inline syntax: emphasis,
# code, links/images/footnotes, roles and substitutions, raw HTML and entities,
# dollar math, tables, strikethrough. Escaping any ASCII punctuation is valid CommonMark.
# A translation table, not a regular expression: a manuscript has a million words.
_INLINE_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]{}<>$|~"})
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What may open a block when it starts a line: headings, quotes, lists, breaks,
# setext underlines, MyST comments (%), targets ((label)=), block breaks (+++),
# colon fences (:::), tables.
_LINE_START = re.compile(r"^([ \t]*)([#>+\-=%:(|])")
_ORDERED_MARK = re.compile(r"^([ \t]*)(\d{1,9})([.)])")

KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-:.]*")


def escape_inline(text: str) -> str:
    """Text that MyST shows exactly as given, wherever it sits in a line."""
    escaped = text.translate(_INLINE_ESCAPES)
    return _ENTITY.sub(r"\\&", escaped) if "&" in escaped else escaped


def escape_line_start(line: str) -> str:
    """Escape what would open a block at the start of a line (after inline escaping)."""
    line = _ORDERED_MARK.sub(r"\1\2\\\3", line)
    return _LINE_START.sub(r"\1\\\2", line)


def code_span(text: str) -> str:
    """An inline literal: a backtick fence longer than any run inside."""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _affix(text: str | None) -> str | None:
    # pre- and post-text are read up to the next brace; a backtick would end the role
    return " ".join(re.sub(r"[{}`]", "", text or "").split()) or None


def cite_role(role: str, items: Sequence[CiteItem]) -> str:
    """``{cite}`a,b``` or ``{footcite}`{see}a{p. 12}```: the importer's only writer of citations.

    The target text is the model's (:func:`...model.citation_syntax.spell`), which
    the extension reads back; braces and backticks in the author's words are dropped.
    """
    if role not in {"cite", "footcite", "cite:p", "cite:t", "footcite:p", "footcite:t"}:
        raise ValueError(f"unknown citation role {role!r}")
    if not items:
        raise ValueError("a citation needs at least one key")
    for item in items:
        if not KEY_PATTERN.fullmatch(item.key):
            raise ValueError(f"citation key {item.key!r} is not a plain key")
    cleaned = [CiteItem(item.key, _affix(item.pre), _affix(item.locator)) for item in items]
    return f"{{{role}}}`{spell(cleaned)}`"

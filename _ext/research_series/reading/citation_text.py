"""What a citation prints: note forms in notes, the role's form in the text.

In a note, a work's first citation gives the full note and later ones the
short note: the short form only ever follows a full form the reader has seen
in an earlier note (``printed_in_full``). Text citations never count as that.
Several works in one citation keep the order the author wrote them in, each
full or short by its own history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import Tag, Text
from pybtex_docutils import Backend

from ..bibliography import CitationStyle
from ..model.citation_syntax import CiteItem
from ..model.languages import language_tag
from .roles import Form, RoleSpec
from .scripts import work_language

#: The pybtex tag that marks a work's text as in a language: ``lang:ja``.
_LANGUAGE_TAG = "lang:"
#: The ``.bib`` fields that name a work's language, the first one given counting.
LANGUAGE_FIELDS = ("langid", "language")


class _Backend(Backend):
    """pybtex-docutils' nodes, and a work in its language as a ``work_language``."""

    def format_tag(self, tag_name: str, text: list[nodes.Node]) -> list[nodes.Node]:
        if tag_name.startswith(_LANGUAGE_TAG):
            return [work_language("", "", *text, lang=tag_name.removeprefix(_LANGUAGE_TAG))]
        rendered: list[nodes.Node] = super().format_tag(tag_name, text)
        return rendered


_BACKEND = _Backend()


def language_field(entry: Entry) -> tuple[str, str] | None:
    """``(field, value)`` naming *entry*'s language: ``langid``, else a single
    ``language`` (biblatex's list ``russian and english`` names no one language)."""
    for name in LANGUAGE_FIELDS:
        value = str(entry.fields.get(name, "")).strip()
        if value and not (name == "language" and " and " in value):
            return name, value
    return None


def work_language_of(entry: Entry) -> str | None:
    """The BCP 47 tag of the language *entry* is in, if its ``.bib`` entry says."""
    given = language_field(entry)
    return language_tag(given[1]) if given else None


def in_language(text: Text, entry: Entry) -> Text:
    """*text*, a work's note or entry, marked with the work's language if known."""
    lang = work_language_of(entry)
    return Text(Tag(_LANGUAGE_TAG + lang, text)) if lang else text


def render_text(text: Text) -> list[nodes.Node]:
    rendered: list[nodes.Node] = text.render(_BACKEND)
    return rendered


def entry_id(key: str) -> str:
    """The id of a work's entry in the works lists, which text citations link to."""
    return "ref-" + (nodes.make_id(key) or "entry")


@dataclass
class CitationHistory:
    """What a paper has cited so far, in reading order."""

    #: every work cited, first use first (lower-cased keys): Works Cited's order
    cited: dict[str, None] = field(default_factory=dict)
    #: works whose full note has been printed
    printed_in_full: set[str] = field(default_factory=set)

    def cite(self, entry: Entry) -> None:
        self.cited.setdefault(entry.key.lower(), None)


Work = tuple[Entry, CiteItem]


def _with_pre(pre: str | None, text: Text) -> Text:
    return Text(pre, " ", text) if pre else text


def note_citation(
    style: CitationStyle, works: Sequence[Work], history: CitationHistory, ends_note: bool
) -> nodes.inline:
    """The works as a note cites them: full the first time, short after.

    A citation that ends its note gets the closing period; one followed by the
    author's own words or punctuation leaves the punctuation to them.
    """
    parts = []
    for entry, item in works:
        key = entry.key.lower()
        history.cite(entry)
        if key in history.printed_in_full:
            text = style.format_short_note(entry, item.locator)
        else:
            text = style.format_note(entry, item.locator)
            history.printed_in_full.add(key)
        parts.append(_with_pre(item.pre, in_language(text, entry)))
    joined = style.format_note_group(parts) if ends_note else Text("; ").join(parts)
    return nodes.inline("", "", *render_text(joined), classes=["citation-note"])


def _one(style: CitationStyle, spec: RoleSpec, entry: Entry, item: CiteItem) -> Text:
    """One work in a text form (without the form's parentheses and the pre-text)."""
    form, every = spec.form, spec.all_authors
    if form in (Form.parenthetical, Form.bare):
        return style.format_parenthetical(entry, item.locator, every)
    if form is Form.textual:
        return style.format_narrative(entry, item.locator, every)
    if form in (Form.author, Form.author_in_parentheses):
        return style.format_author(entry, spec.all_authors)
    if form in (Form.year, Form.year_in_parentheses):
        return style.format_year(entry)
    return style.format_parenthetical(entry, None, every)  # the labels


def _separators(form: Form, count: int) -> list[str]:
    """What stands between the works of one text citation.

    Citations proper and labels: ``; ``; years: ``, ``; names in a sentence:
    ``A and B``, ``A, B, and C`` (the series' serial comma).
    """
    if form in (Form.parenthetical, Form.bare, Form.label, Form.label_in_parentheses):
        return ["; "] * (count - 1)
    if form in (Form.year, Form.year_in_parentheses):
        return [", "] * (count - 1)
    if count == 2:
        return [" and "]
    return [", "] * (count - 2) + [", and "] if count > 2 else []


_IN_PARENTHESES = frozenset(
    {
        Form.parenthetical,
        Form.author_in_parentheses,
        Form.year_in_parentheses,
        Form.label_in_parentheses,
    }
)


def text_citation(
    style: CitationStyle, spec: RoleSpec, works: Sequence[Work], history: CitationHistory
) -> nodes.inline:
    """``(Waltz 1979, 12; Keohane 1984)``, ``Waltz (1979) and Keohane (1984)``, ``Waltz``...

    Each work links to its entry in Works Cited (the author's pre-text stands
    before the link); ``{cite:empty}`` prints nothing.
    """
    node = nodes.inline("", "", classes=["citation"])
    for entry, _item in works:
        history.cite(entry)
    if spec.form is Form.empty:
        return node
    texts = [_one(style, spec, entry, item) for entry, item in works]
    if spec.capitalize and texts:
        texts[0] = texts[0].capfirst()
    pieces: list[nodes.Node] = []
    if spec.form in _IN_PARENTHESES:
        pieces.append(nodes.Text("("))
    separators = ["", *_separators(spec.form, len(texts))]
    for separator, text, (entry, item) in zip(separators, texts, works, strict=True):
        if separator:
            pieces.append(nodes.Text(separator))
        if item.pre and spec.form.is_citation:
            pieces.append(nodes.Text(f"{item.pre} "))
        pieces.append(nodes.reference("", "", *render_text(text), refid=entry_id(entry.key)))
    if spec.form in _IN_PARENTHESES:
        pieces.append(nodes.Text(")"))
    node.extend(pieces)
    return node

"""biblatex-chicago's \\partedit family: the words depend on the form and the place."""

from __future__ import annotations

from pybtex.database import Entry

from research_series.bibliography import get_style
from research_series.bibliography.latex import latex_to_str


def plain(text: object) -> str:
    return str(getattr(text, "render_as")("text"))  # noqa: B009


def _book(**fields: str) -> Entry:
    entry = Entry("book", fields={"publisher": "P", "location": "L", "year": "1966", **fields})
    entry.key = "k"
    return entry


def test_partedit_is_ed_in_a_note_and_capitalised_edited_by_after_a_period() -> None:
    entry = _book(title="Life-Records", note="\\partedit Martin Crow")
    notes = get_style("chicago-notes")
    assert plain(notes.format_note(entry)) == "Life-Records, ed. Martin Crow (L: P, 1966)"
    assert plain(notes.format_bibliography_entry(entry)) == (
        "Life-Records. Edited by Martin Crow. L: P, 1966."
    )
    assert plain(get_style("chicago-author-date").format_bibliography_entry(entry)) == (
        "Life-Records. 1966. Edited by Martin Crow. L: P."
    )


def test_parteditandtrans_mid_sentence_stays_lower_case() -> None:
    entry = _book(title="Poems, \\bibstring{by} Ann Roe, \\parteditandtrans Bo Lee")
    notes = get_style("chicago-notes")
    assert "Poems, by Ann Roe, ed. and trans. Bo Lee" in plain(notes.format_note(entry))
    assert "Poems, by Ann Roe, edited and translated by Bo Lee." in plain(
        notes.format_bibliography_entry(entry)
    )


def test_plain_text_of_a_field_reads_as_the_bibliography_does() -> None:
    assert latex_to_str("\\parttrans Bo Lee") == "Translated by Bo Lee"
    assert latex_to_str("x, \\partcomp Bo Lee") == "x, compiled by Bo Lee"

"""Labels computed over a works list: 1990a/1990b and E. B. White (no Sphinx)."""

from __future__ import annotations

import pytest
from pybtex.database import Entry, Person

from research_series.bibliography import CitationStyle, get_style
from research_series.bibliography.labels import letter

AUTHOR_DATE = "chicago-author-date"


def book(key: str, title: str, date: str = "", **persons: str) -> Entry:
    fields = {"title": title, "publisher": "P", "location": "L"}
    if date:
        fields["date"] = date
    entry = Entry("book", fields=fields)
    entry.key = key
    for role, names in (persons or {"author": "Doe, Jane"}).items():
        entry.persons[role] = [Person(name) for name in names.split(" and ")]
    return entry


def plain(text: object) -> str:
    return str(getattr(text, "render_as")("text"))  # noqa: B009


def forms(style: CitationStyle, entries: list[Entry]) -> dict[str, tuple[str, str]]:
    """Each key's citation and reference-list entry, labelled over ``entries``."""
    labelled = style.for_works(entries)
    return {
        entry.key: (
            plain(labelled.format_parenthetical(entry)),
            plain(labelled.format_bibliography_entry(entry)),
        )
        for entry in entries
    }


@pytest.fixture(scope="module")
def style() -> CitationStyle:
    return get_style(AUTHOR_DATE)


def test_two_works_same_names_same_year_get_letters_in_title_order(
    style: CitationStyle,
) -> None:
    # listed out of order: the letters follow the reference list's sort, not the input
    works = [book("b", "Beta", "1990"), book("a", "Alpha", "1990")]
    got = forms(style, works)
    assert got["a"] == ("Doe 1990a", "Doe, Jane. 1990a. Alpha. L: P.")
    assert got["b"] == ("Doe 1990b", "Doe, Jane. 1990b. Beta. L: P.")


def test_three_works_get_three_letters_and_every_form_shows_them(style: CitationStyle) -> None:
    works = [
        book(key, title, "2001") for key, title in (("x", "Xi"), ("y", "Ypsilon"), ("z", "Zeta"))
    ]
    labelled = style.for_works(works)
    assert [plain(labelled.format_parenthetical(work, "12")) for work in works] == [
        "Doe 2001a, 12",
        "Doe 2001b, 12",
        "Doe 2001c, 12",
    ]
    assert plain(labelled.format_narrative(works[2])) == "Doe (2001c)"
    assert plain(labelled.format_year(works[1])) == "2001b"
    assert plain(labelled.format_note(works[0])) == plain(labelled.format_short_note(works[0]))


def test_different_authors_or_years_get_no_letters(style: CitationStyle) -> None:
    works = [
        book("doe", "Alpha", "1990"),
        book("roe", "Beta", "1990", author="Roe, Rick"),
        book("doe91", "Gamma", "1991"),
    ]
    got = forms(style, works)
    assert [cite for cite, _entry in got.values()] == ["Doe 1990", "Roe 1990", "Doe 1991"]


def test_the_same_names_as_editor_and_as_author_share_the_letters(style: CitationStyle) -> None:
    works = [
        book("ed", "Alpha", "2003", editor="Hall, Al"),
        book("au", "Beta", "2003", author="Hall, Al"),
    ]
    got = forms(style, works)
    assert got["ed"] == ("Hall 2003a", "Hall, Al, ed. 2003a. Alpha. L: P.")
    assert got["au"][0] == "Hall 2003b"


def test_undated_works_get_no_letter_but_forthcoming_ones_do(style: CitationStyle) -> None:
    undated = [book("a", "Alpha"), book("b", "Beta")]
    assert [cite for cite, _entry in forms(style, undated).values()] == ["Doe, n.d.", "Doe, n.d."]
    coming = [book("a", "Alpha"), book("b", "Beta")]
    for entry in coming:
        entry.fields["pubstate"] = "forthcoming"
    got = forms(style, coming)
    assert got["a"] == ("Doe, forthcoming-a", "Doe, Jane. Forthcoming-a. Alpha. L: P.")
    assert got["b"][0] == "Doe, forthcoming-b"


def test_a_range_is_its_own_year_and_takes_the_letter_as_biblatex_chicago_prints_it(
    style: CitationStyle,
) -> None:
    works = [
        book("single", "Alpha", "1990"),
        book("open1", "Beta", "1990/"),
        book("open2", "Gamma", "1990/"),
        book("closed1", "Delta", "1990/1995"),
        book("closed2", "Epsilon", "1990/1995"),
    ]
    got = forms(style, works)
    assert got["single"][0] == "Doe 1990"
    assert (got["open1"][0], got["open2"][0]) == ("Doe 1990a\u2013", "Doe 1990b\u2013")
    assert (got["closed1"][0], got["closed2"][0]) == ("Doe 1990\u201395a", "Doe 1990\u201395b")


def test_authors_who_share_a_surname_get_initials_or_given_names(style: CitationStyle) -> None:
    works = [
        book("eb", "Letters", "1976", author="White, E. B."),
        book("sa", "Callimachus", "1999", author="White, Stephen A."),
        book("john", "Gamma", "2001", author="Jones, John"),
        book("jane", "Delta", "2002", author="Jones, Jane"),
        book("solo", "Epsilon", "2002", author="Smith, Sam"),
    ]
    got = forms(style, works)
    assert [cite for cite, _entry in got.values()] == [
        "E. B. White 1976",
        "S. A. White 1999",
        "John Jones 2001",
        "Jane Jones 2002",
        "Smith 2002",
    ]
    # the reference list inverts the names as always
    assert got["eb"][1].startswith("White, E. B. 1976. Letters.")


def test_the_same_person_twice_is_no_reason_for_initials(style: CitationStyle) -> None:
    works = [
        book("a", "Alpha", "1990", author="White, E. B."),
        book("b", "Beta", "1991", author="White, E.~B."),
    ]
    assert [cite for cite, _entry in forms(style, works).values()] == ["White 1990", "White 1991"]


def test_other_coauthors_are_no_reason_for_given_names(style: CitationStyle) -> None:
    # uniquename=minfull: "Jones and Smith" is already told apart from "Jones and Brown"
    works = [
        book("a", "Alpha", "1990", author="Jones, John and Smith, Sam"),
        book("b", "Beta", "1990", author="Jones, Jane and Brown, Bo"),
    ]
    assert [cite for cite, _entry in forms(style, works).values()] == [
        "Jones and Smith 1990",
        "Jones and Brown 1990",
    ]


def test_labels_belong_to_the_works_list_not_to_the_shared_style(style: CitationStyle) -> None:
    works = [book("a", "Alpha", "1990"), book("b", "Beta", "1990")]
    labelled = style.for_works(works)
    assert plain(labelled.format_parenthetical(works[0])) == "Doe 1990a"
    assert plain(style.format_parenthetical(works[0])) == "Doe 1990"
    assert get_style(AUTHOR_DATE) is style
    alone = style.for_works(works[:1])
    assert plain(alone.format_parenthetical(works[0])) == "Doe 1990"


def test_the_notes_style_prints_no_letters() -> None:
    notes = get_style("chicago-notes")
    works = [book("a", "Alpha", "1990"), book("b", "Beta", "1990")]
    labelled = notes.for_works(works)
    assert not labelled.labels
    assert plain(labelled.format_bibliography_entry(works[0])) == plain(
        notes.format_bibliography_entry(works[0])
    )


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab")]
)
def test_letters_run_on_past_z_as_biblatex_numbers_them(number: int, expected: str) -> None:
    assert letter(number) == expected


def test_the_notes_style_gives_initials_in_short_notes_but_no_letters() -> None:
    notes = get_style("chicago-notes")
    works = [
        book("eb", "Letters", "1976", author="White, E. B."),
        book("eb2", "Essays", "1976", author="White, E. B."),
        book("sa", "Callimachus", "1999", author="White, Stephen A."),
    ]
    labelled = notes.for_works(works)
    assert [plain(labelled.format_short_note(work)) for work in works] == [
        "E. B. White, Letters",
        "E. B. White, Essays",
        "S. A. White, Callimachus",
    ]
    assert "1976." in plain(labelled.format_bibliography_entry(works[0]))
    assert "1976a" not in plain(labelled.format_bibliography_entry(works[0]))

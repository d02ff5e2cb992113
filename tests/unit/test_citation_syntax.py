"""The citation roles' target syntax (sphinxcontrib-bibtex's), without Sphinx."""

from __future__ import annotations

import pytest

from research_series.model.citation_syntax import (
    CitationSyntaxError,
    CiteItem,
    old_spelling,
    parse_targets,
    spell,
)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("waltz1979", [CiteItem("waltz1979")]),
        ("a,b", [CiteItem("a"), CiteItem("b")]),
        (" a , b ", [CiteItem("a"), CiteItem("b")]),
        ("{see}a{12}", [CiteItem("a", "see", "12")]),
        (
            "{see also}a{pp. 45--47},{cf.}b",
            [CiteItem("a", "see also", "pp. 45–47"), CiteItem("b", "cf.")],
        ),
        ("{}a{12}", [CiteItem("a", None, "12")]),
        ("a{12, 15}", [CiteItem("a", None, "12, 15")]),
        ("doe:2020.x-y_z", [CiteItem("doe:2020.x-y_z")]),
    ],
)
def test_targets_are_read_as_sphinxcontrib_bibtex_reads_them(
    text: str, items: list[CiteItem]
) -> None:
    assert parse_targets(text) == items


@pytest.mark.parametrize("text", ["", "a b", "a,", ",a", "{see a", "a{x{y}}"])
def test_what_cannot_be_read_is_an_error_not_a_guess(text: str) -> None:
    with pytest.raises(CitationSyntaxError):
        parse_targets(text)


def test_spelling_round_trips() -> None:
    items = [CiteItem("a", "see", "12"), CiteItem("b"), CiteItem("c", None, "chap. 3")]
    assert spell(items) == "{see}a{12},b,c{chap. 3}"
    assert parse_targets(spell(items)) == items


def known(key: str) -> bool:
    return key in {"waltz1979", "keohane1984"}


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("waltz1979, 258", "waltz1979{258}"),
        ("waltz1979, chap. 3", "waltz1979{chap. 3}"),
        ("waltz1979, 12; keohane1984, 45", "waltz1979{12},keohane1984{45}"),
        ("waltz1979; keohane1984", "waltz1979,keohane1984"),
        # not the old form: a typo in a second key stays a typo
        ("waltz1979,keohan1984", None),
        ("waltz1979", None),
        ("nokey, 12", None),
    ],
)
def test_the_old_spelling_is_recognised_only_where_it_reads_right(
    text: str, new: str | None
) -> None:
    assert old_spelling(text, known) == new

"""The real series: paper 1 (Hovander, 2016) reproduced with its notes and works lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from helpers import BuildResult, article, build_copy, text_of

PAPERS = Path(__file__).resolve().parent.parent / "papers"
SEED_TITLE = (
    "Russia’s Abandonment of North Korea: The Decline of Russian-North Korean Relations "
    "in the Post-Cold War Period"
)


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_copy(PAPERS, tmp_path_factory.mktemp("papers"))
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def paper1(series: BuildResult) -> Tag:
    return article(series.outdir / "hovander-2016" / "index.html")


def test_index_entry(series: BuildResult) -> None:
    body = article(series.outdir / "index.html")
    [entry] = body.select("ul.series-papers > li")
    assert text_of(entry.select_one(".series-citation")) == (
        f"1. Torin Hovander. {SEED_TITLE} . National Security Studies Program Research Report, "
        "University of New Mexico (2016)."
    )
    assert text_of(entry.select_one(".series-abstract")).startswith(
        "US policy towards North Korea will be impacted by the deterioration"
    )
    statement = text_of(body.select_one(".series-statement"))
    assert statement.startswith(
        "These papers have been reviewed and accepted for NSSP Web listing."
    )
    assert statement.endswith(
        "Papers are reviewed by a NSSP committee consisting of Professors Alexander Cochran, "
        "Emile Nakhleh, and James Tegnelia."
    )


def test_sections_in_the_authors_order(paper1: Tag) -> None:
    headings = [text_of(h).rstrip(" ¶") for h in paper1.select("h1, h2")]
    assert headings == [
        SEED_TITLE,
        "Overview",
        "Historical Context",
        "Diplomatic Interest",
        "Information Interest",
        "Military Interest",
        "Nuclear Interest",
        "Economic Interest",
        "Conclusion",
        "Notes",
        "Works Cited",
        "Works Referenced",
        "How to cite",
    ]


def test_ten_notes_at_the_same_places(paper1: Tag) -> None:
    marks = paper1.select("a.footnote-reference")
    assert [text_of(mark) for mark in marks] == [f"[ {n} ]" for n in range(1, 11)]
    before = [mark.previous_sibling.strip().split()[-1] for mark in marks]
    assert before == [
        "advantage",
        "knowledge",
        "materials",
        "goods",
        "determined",
        "Core",
        "aircraft",
        "partner",
        "goods",
        "2013",
    ]
    notes = [text_of(note) for note in paper1.select("aside.footnote")]
    assert notes[0] == (
        "[ 1 ] A decision advantage is when policy makers are provided with intelligence that "
        "allows policy makers greater confidence in their decision. Mark M. Lowenthal, "
        "Intelligence: From secrets to policy (CQ press, 2014), 258."
    )
    assert notes[1].startswith("[ 2 ] Kathryn Weathersby, “The Soviet role in the early phase")
    assert notes[3] == (
        "[ 4 ] “OEC - Russia (RUS) Exports, Imports, and Trade Partners,” accessed November 19, "
        "2015, http://atlas.media.mit.edu/en/profile/country/rus/ ."
    )
    assert "accessed November 17, 2015" in notes[9]


def test_works_cited_and_referenced(paper1: Tag) -> None:
    cited = [text_of(p) for p in paper1.select("#works-cited .bibliography-entry")]
    referenced = [text_of(p) for p in paper1.select("#works-referenced .bibliography-entry")]
    assert len(cited) == 10
    assert any(entry.startswith("Weathersby, Kathryn.") for entry in cited)
    assert any(entry.startswith("Lowenthal, Mark M.") for entry in cited)
    assert [entry.split(".")[0] for entry in referenced] == [
        "Nish, Ian Hill",
        "“OEC: The Observatory of Economic Complexity",
        "“The World Fact Book",
    ]


def test_authors_wording_unchanged(paper1: Tag) -> None:
    text = text_of(paper1)
    for phrase in (
        "Russia’s relationship with North Kora does not significantly benefit Russia.",
        "since the end of the Cold and the subsequent USSR collapse.This study",
        "US policy coercing North Korea is highly unlikely to illicit a Russian retaliation.",
        "In 2013 North Korea imported $103 million worth of Russian goods",
    ):
        assert phrase in text

"""The series site as a reader gets it: index, title blocks, notes, works lists."""

from __future__ import annotations

import pytest
from bs4 import Tag

from helpers import BuildResult, article, text_of


@pytest.fixture
def site(series_html: BuildResult) -> BuildResult:
    return series_html


def page(site: BuildResult, docname: str) -> Tag:
    return article(site.outdir / f"{docname}.html")


def test_index_lists_papers_by_number_with_citation_and_abstract(site: BuildResult) -> None:
    body = page(site, "index")
    entries = body.select("ul.series-papers > li")
    citations = [text_of(entry.select_one("p.series-citation")) for entry in entries]
    assert citations == [
        "1. Jane Doe, John Roe, and Анна Иванова. Deterrence Revisited . "
        "Test Research Report, University of Testing (2019).",
        "2. Mary Major. Alliances in Question . Test Research Report, "
        "University of Testing (2020).",
        "3. O'Brien & Sons, Иван Петров, and 김민준. Tricky & 100% $x$? #1 a_b {c} "
        '\\input{/etc/passwd} "quotes" <script>alert(1)</script> Привет 한국어 . '
        "Special \\write18{rm} Report_#1, University of Testing (2021).",
    ]
    links = [entry.select_one("p.series-citation em a")["href"] for entry in entries]
    assert links == ["zeta/index.html", "alpha/index.html", "hostile/index.html"]
    assert text_of(entries[0].select_one(".series-abstract")) == (
        "Deterrence is revisited . A second abstract paragraph."
    )
    assert text_of(entries[1].select_one(".series-published-as")) == (
        'Published as: Mary Major, "Alliances," Journal of Tests 4 (2021), '
        "https://example.org/alliances ."
    )
    assert text_of(body.select_one(".series-policy")) == "Policy: Works-in-Progress"
    assert "Professors Ada Lovelace, Alan Turing, and Grace Hopper" in text_of(
        body.select_one(".series-statement")
    )


def test_title_block(site: BuildResult) -> None:
    block = page(site, "zeta/index").select_one("header.research-report")
    assert block is not None
    assert text_of(block.select_one(".report-series")) == (
        "Test Series of Papers · No. 1 · Test Research Report"
    )
    assert text_of(block.select_one(".report-authors")) == (
        "Jane Doe (University of Testing) ORCID 0000-0002-1825-0097 ; "
        "John Roe (Institute of Examples) ; Анна Иванова"
    )
    orcid = block.select_one("a.orcid")
    assert orcid["href"] == "https://orcid.org/0000-0002-1825-0097"
    assert text_of(block.select_one(".report-publisher")) == (
        "Test Studies Program, University of Testing · March 5, 2019"
    )
    assert block.select_one(".report-doi a")["href"] == "https://doi.org/10.1234/tsp.1"
    keywords = block.select_one(".report-keywords")
    assert text_of(keywords).replace(" ;", ";") == "Keywords: deterrence; alliances"
    assert [a["href"] for a in keywords.select("a")] == [
        "../keywords/deterrence.html",
        "../keywords/alliances.html",
    ]
    assert block.select_one(".report-authors .author-name a")["href"] == (
        "../authors/jane-doe.html"
    )
    assert text_of(block.select_one(".report-status")) == "Working paper (Works-in-Progress)"
    assert text_of(block.select_one(".abstract")) == (
        "Deterrence is revisited . A second abstract paragraph."
    )
    published = page(site, "alpha/index").select_one(".report-status")
    assert published.select_one("a")["href"] == "https://example.org/alliances"


def notes(body: Tag) -> list[str]:
    return [text_of(note) for note in body.select("aside.footnote")]


def test_notes_full_then_short_with_locators_and_generated_notes(site: BuildResult) -> None:
    body = page(site, "zeta/index")
    assert notes(body) == [
        "[ 1 ] See Kenneth N. Waltz, Theory of International Politics "
        "(Reading, MA: Addison-Wesley, 1979), 258 .",
        "[ 2 ] Waltz, Theory of International Politics , 260 and "
        "Adam Smith, Zeta's Smith Book (New York: Zeta Press, 2000) .",
        "[ 3 ] Waltz, Theory of International Politics , 97.",
    ]
    marks = [text_of(mark) for mark in body.select("a.footnote-reference")]
    assert marks == ["[ 1 ]", "[ 2 ]", "[ 3 ]"]
    # as read: each work is its own link, so no spaces are added between elements
    argument = " ".join(body.select_one("#argument").get_text().split())
    assert "In text, Smith (2000) argued this, as others have (Waltz 1979, 12; Smith 2000)" in (
        argument
    )


def test_works_cited_and_referenced_from_the_papers_own_bib(site: BuildResult) -> None:
    zeta = page(site, "zeta/index")
    cited = [text_of(p) for p in zeta.select("#works-cited .bibliography-entry")]
    assert cited == [
        "Smith, Adam. Zeta's Smith Book . New York: Zeta Press, 2000.",
        "Waltz, Kenneth N. Theory of International Politics . Reading, MA: Addison-Wesley, 1979.",
    ]
    referenced = [text_of(p) for p in zeta.select("#works-referenced .bibliography-entry")]
    assert referenced == [
        "Keohane, Robert O. After Hegemony . Princeton, NJ: Princeton University Press, 1984."
    ]
    # the same key in another paper is another work; an empty list is omitted
    alpha = page(site, "alpha/index")
    assert [text_of(p) for p in alpha.select("#works-cited .bibliography-entry")] == [
        "Smith, Alice. Alpha's Smith Book . Boston: Alpha Press, 2000."
    ]
    assert alpha.select_one("#works-referenced") is None
    assert page(site, "hostile/index").select_one("#works-cited") is None


def test_hostile_metadata_is_text_never_markup(site: BuildResult) -> None:
    html = (site.outdir / "hostile" / "index.html").read_text(encoding="utf-8")
    index_html = (site.outdir / "index.html").read_text(encoding="utf-8")
    for source in (html, index_html):
        assert "<script>alert" not in source
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    block = page(site, "hostile/index").select_one("header.research-report")
    assert text_of(block.select_one(".report-keywords")).replace(" ;", ";") == (
        "Keywords: a & b; 50%; $money$; </script><script>alert(2)</script>; ~^\\"
    )
    assert text_of(block.select_one(".report-authors")) == (
        "O'Brien & Sons ORCID 0000-0001-5109-3700 ; Иван Петров (Московский университет) ; "
        "김민준 (서울대학교 & </script>)"
    )
    assert "Special \\write18{rm} Report_#1" in text_of(block.select_one(".report-series"))


def test_previous_and_next_follow_paper_numbers(site: BuildResult) -> None:
    html = (site.outdir / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'rel="prev" title="Deterrence Revisited"' in html
    assert 'rel="next" title="Tricky' in html

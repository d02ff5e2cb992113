"""The reader's edition of the site: the catalogue by year, keyword and author pages,
and a paper page's arrangement (title block, Notes, how to cite, contents)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ProjectFactory, paper
from helpers import BuildResult, article, sphinx_build, text_of
from research_series.model.authors import Author
from research_series.model.catalogue import author_facets, keyword_facets, slugify
from research_series.model.report import Report, ReportDate


def page(site: BuildResult, name: str) -> Tag:
    return article(site.outdir / f"{name}.html")


def test_index_groups_compact_entries_by_year(series_html: BuildResult) -> None:
    body = page(series_html, "index")
    years = [text_of(h).rstrip(" ¶") for h in body.select("section.series-year > h2")]
    assert years == ["2019", "2020", "2021"]
    entry = body.select_one("#year-2019 li.series-entry")
    assert text_of(entry.select_one(".series-status")) == "Working paper (Works-in-Progress)"
    # make html makes no PDF or EPUB, so links none (make site: tests/test_links.py)
    assert [a.get_text() for a in entry.select("p.downloads a")] == ["BibTeX", "Cite"]
    assert entry.select("p.downloads a")[-1]["href"] == "zeta/index.html#how-to-cite"
    assert [p.get("class", [""])[0] for p in entry.find_all("p")][:3] == [
        "series-citation",
        "series-status",
        "downloads",
    ]
    fold = entry.select_one("details.folded")
    assert text_of(fold.select_one("summary")) == "Abstract"
    assert text_of(fold.select_one(".series-abstract")).startswith("Deterrence is revisited")
    # the filter box is there for the script to show; without it, every paper is listed
    box = body.select_one(".series-filter")
    assert box.has_attr("hidden")
    assert box.select_one("label")["for"] == box.select_one("input")["id"]
    browse = [a["href"] for a in body.select(".series-browse a")]
    assert browse == ["keywords/index.html", "authors/index.html"]


def test_keyword_pages_list_their_papers(series_html: BuildResult) -> None:
    deterrence = page(series_html, "keywords/deterrence")
    assert text_of(deterrence.select_one("h1")) == "deterrence"
    links = [a["href"] for a in deterrence.select("li.series-entry a")]
    assert links == ["../zeta/index.html"]
    listing = page(series_html, "keywords/index")
    labels = [a.get_text() for a in listing.select("ul.catalogue-list a")]
    assert labels == sorted(labels, key=str.casefold)
    assert "</script><script>alert(2)</script>" in labels


def test_author_pages_carry_affiliation_and_orcid(series_html: BuildResult) -> None:
    doe = page(series_html, "authors/jane-doe")
    assert text_of(doe.select_one("h1")) == "Jane Doe"
    assert text_of(doe.select_one(".catalogue-affiliations")) == "University of Testing"
    assert doe.select_one("a.orcid")["href"] == "https://orcid.org/0000-0002-1825-0097"
    hostile = page(series_html, "hostile/index")
    for link in hostile.select(".report-authors .author-name a"):
        target = (series_html.outdir / "hostile" / link["href"]).resolve()
        assert target.is_file(), link["href"]


def test_hostile_names_stay_text_on_catalogue_pages(series_html: BuildResult) -> None:
    for path in (series_html.outdir / "keywords").glob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path


def test_paper_page_reads_title_block_notes_then_how_to_cite(series_html: BuildResult) -> None:
    body = page(series_html, "zeta/index")
    block = body.select_one("header.research-report")
    order = [p["class"][0] for p in block.find_all("p", recursive=False)]
    assert order[:3] == ["report-authors", "report-series", "report-publisher"]
    assert block.select_one(".report-listing") is None
    # make html makes no PDF or EPUB, so links none (make site: tests/test_links.py)
    assert [a.get_text() for a in block.select(".report-links a")] == ["How to cite"]
    sections = [s["id"] for s in body.select("section > section")]
    assert sections[-4:] == ["notes", "works-cited", "works-referenced", "how-to-cite"]
    notes = body.select_one("section#notes")
    assert text_of(notes.select_one("h2")).rstrip(" ¶") == "Notes"
    backlinks = [a["href"] for a in notes.select("a[role=doc-backlink]")]
    marks = ["#" + a["id"] for a in body.select("a.footnote-reference")]
    assert backlinks == marks
    assert notes.select_one("aside.footnote-list") is None  # no complementary landmark
    cite = body.select_one("section#how-to-cite")
    assert cite.select_one(".how-to-cite .cite-as") is not None
    assert "Reviewed and accepted" in text_of(cite.select_one(".report-listing"))


def test_contents_and_identity_in_the_theme(series_html: BuildResult) -> None:
    soup = BeautifulSoup(
        (series_html.outdir / "zeta" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    contents = [a["href"] for a in soup.select("nav.page-contents a")]
    assert contents == [
        "#argument",
        "#notes",
        "#works-cited",
        "#works-referenced",
        "#how-to-cite",
    ]
    identity = text_of(soup.select_one(".site-identity"))
    assert identity == ("Test Series of Papers Test Studies Program · University of Testing")
    assert len(soup.select("h1")) == 1 and len(soup.select("main")) == 1
    # no global navigation tree: the page names no other paper but its neighbours
    assert "Alliances in Question" in text_of(soup.select_one("nav.paper-nav"))
    assert soup.select(".toctree-wrapper") == []


def test_page_size_does_not_grow_with_the_series(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    def size(count: int) -> int:
        files = {
            f"p{i}/index.md": paper(
                f"Paper {i}",
                options=f":authors: A{i} B\n:number: {i}\n:date: 2020\n:keywords: k{i}",
            )
            for i in range(1, count + 1)
        }
        srcdir = make_project(files)
        outdir = tmp_path / f"out{count}"
        result = sphinx_build(srcdir, outdir)
        assert result.returncode == 0, result.stderr
        text = (outdir / "p1" / "index.html").read_text(encoding="utf-8")
        for i in range(1, count + 1):  # names differ in length only by digits
            text = text.replace(f"Paper {i}", "Paper").replace(f"k{i}", "k")
        return len(text)

    assert abs(size(12) - size(3)) < 200


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nuclear Deterrence", "nuclear-deterrence"),
        ("a & b", "a-b"),
        ("50%", "50"),
        # names keep their letters, other scripts transliterated, never hashed
        ("Milica Đorđević", "milica-dordevic"),
        ("Nguyễn Thị Lan", "nguyen-thi-lan"),
        ("Иван Петров", "ivan-petrov"),
        ("김민준", "gim-min-jun"),
        ("李小龍", "li-xiao-long"),
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),
        ("محمد رضا", "mhmd-rd"),
    ],
)
def test_slugs(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_author_index_is_sorted_by_family_name() -> None:
    date = ReportDate(2020)
    names = ("Zoe Adams", "Anna Young", "Milica Đorđević", "Ludwig van Beethoven")
    one = Report("T", tuple(Author(name) for name in names), 1, date, "R")
    assert [f.label for f in author_facets([("one/index", one)])] == [
        "Zoe Adams",
        "Ludwig van Beethoven",
        "Milica Đorđević",
        "Anna Young",
    ]


def test_non_latin_and_colliding_names_get_distinct_pages() -> None:
    date = ReportDate(2020)
    one = Report("T", (Author("김민준"),), 1, date, "R", keywords=("Korea", "korea", "K.O.R.E.A"))
    two = Report("U", (Author("Иван Петров"), Author("김민준")), 2, date, "R")
    authors = author_facets([("one/index", one), ("two/index", two)])
    assert len({f.page for f in authors}) == len(authors) == 2
    [kim] = [f for f in authors if f.label == "김민준"]
    assert kim.docnames == ("one/index", "two/index")
    assert kim.page.startswith("authors/") and kim.page.isascii()
    keywords = keyword_facets([("one/index", one)])
    assert [f.label for f in keywords] == ["K.O.R.E.A", "Korea"]  # case folds together
    assert len({f.page for f in keywords}) == 2

"""Versions that stay: a revised paper's page says which version it is and links the kept
ones; each kept version is its own page, built from what was kept, out of the series' lists."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory, paper
from helpers import article, sphinx_build, text_of
from research_series.editor.cli import main
from research_series.model.papers import file_stem, kept_version, kept_version_map
from research_series.model.report import ReportDate, Revision, parse_report

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST = paper(
    "The First Title",
    options=":authors: Jane Doe (UNM)\n:number: 4\n:date: 2016-02-01\n:keywords: Russia",
    body="## Section\n\nThe first text {cite}`doe2016`.\n",
)
BIB = "@book{doe2016, author = {Doe, Jane}, title = {A Book}, year = {2016}, publisher = {P}}\n"
OTHER = paper("Another Paper", options=":authors: Ann Poe\n:number: 5\n:date: 2017")


def parse(**options: str) -> tuple[object, list[str]]:
    base = {"authors": "Jane Doe", "number": "3", "date": "2016-02-01"}
    report, problems = parse_report(
        "T", {**base, **options}, default_report_type="R", has_abstract=True
    )
    return report, [f"{p.option}: {p.message}" for p in problems]


def test_the_model_reads_a_revision() -> None:
    report, problems = parse(version="3", revised="2020-05-01", **{"revision-note": " New  data. "})
    assert problems == []
    assert report.revision == Revision(3, ReportDate(2020, 5, 1), "New data.")  # type: ignore[attr-defined]
    assert report.version == 3  # type: ignore[attr-defined]
    first, _ = parse()
    assert (first.version, first.version_date) == (1, ReportDate(2016, 2, 1))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"revised": "2020-05-01"}, "revised: ':revised:' needs ':version:' with the version"),
        ({"version": "1", "revised": "2020-05-01", "revision-note": "N."},
         "version: version '1' is not a whole number of 2 or more"),
        ({"version": "2", "revision-note": "N."}, "version: ':version:' needs ':revised:'"),
        ({"version": "2", "revised": "2020-05-01"}, "version: ':version:' needs ':revision-note:'"),
        ({"version": "2", "revised": "2020", "revision-note": "N."},
         "revised: the revision's date 2020 needs its day"),
        ({"version": "2", "revised": "2015-01-01", "revision-note": "N."},
         "revised: the paper is revised (2015-01-01) before its date (2016-02-01)"),
    ],
)  # fmt: skip
def test_bad_revision_options(options: dict[str, str], problem: str) -> None:
    _, problems = parse(**options)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_one_rule_for_a_kept_version() -> None:
    assert kept_version("smith-2016/versions/2/index") is not None
    assert kept_version("smith-2016/versions/2/index").number == 2  # type: ignore[union-attr]
    not_kept = (
        "smith-2016/index",
        "smith-2016/versions/0/index",
        "smith-2016/versions/x/index",
        "_x/versions/1/index",
        "smith-2016/versions/1/other",
        "a/b/versions/1/index",
    )
    for name in not_kept:
        assert kept_version(name) is None, name
    names = ["a/index", "a/versions/2/index", "a/versions/1/index", "b/versions/3/index"]
    assert kept_version_map(names) == {"a": (1, 2), "b": (3,)}
    assert (file_stem("a/index"), file_stem("a/versions/2/index")) == ("a", "a-v2")


def revised_twice(make_project: ProjectFactory) -> Path:
    """A series with a paper revised twice by the command, its text edited each time."""
    srcdir = make_project(
        {"changing/index.md": FIRST, "changing/references.bib": BIB, "other/index.md": OTHER}
    )
    index = srcdir / "changing" / "index.md"
    argv = ["revise", "changing", "--papers", str(srcdir)]
    assert main([*argv, "--note", "Section 2 rewritten.", "--date", "2018-03-02"]) == 0
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("The First Title", "The Second Title")
        .replace("first text", "second text"),
        encoding="utf-8",
    )
    assert main([*argv, "--note", "New figures for 2019.", "--date", "2020-06-01"]) == 0
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("The Second Title", "The Third Title")
        .replace("second text", "third text"),
        encoding="utf-8",
    )
    return srcdir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("versions")

    def factory(files: dict[str, str]) -> Path:
        from conftest import INDEX_MD, SERIES_CONF

        srcdir = tmp / "src"
        for name, text in {"conf.py": SERIES_CONF, "index.md": INDEX_MD, **files}.items():
            (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / name).write_text(text, encoding="utf-8")
        return srcdir

    srcdir = revised_twice(factory)
    result = sphinx_build(srcdir, tmp / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return srcdir, tmp / "html"


def test_the_page_says_its_version_and_links_the_kept_ones(site: tuple[Path, Path]) -> None:
    _, html = site
    page = article(html / "changing" / "index.html")
    assert text_of(page.select_one("p.report-version")) == (
        "Version 3, June 1, 2020. New figures for 2019."
    )
    links = page.select("p.report-earlier-versions a")
    assert [a.get_text() for a in links] == [
        "Version 1, February 1, 2016",
        "Version 2, March 2, 2018",
    ]
    assert [a["href"] for a in links] == ["versions/1/index.html", "versions/2/index.html"]
    assert "third text" in page.get_text()
    for link in links:
        assert (html / "changing" / link["href"]).is_file()


@pytest.mark.parametrize(
    ("number", "title", "text", "shown"),
    [
        (1, "The First Title", "first text", None),
        (2, "The Second Title", "second text", "Version 2, March 2, 2018. Section 2 rewritten."),
    ],
)
def test_each_kept_version_is_its_own_page(
    site: tuple[Path, Path], number: int, title: str, text: str, shown: str | None
) -> None:
    _, html = site
    path = html / "changing" / "versions" / str(number) / "index.html"
    page = article(path)
    assert page.find("h1").get_text().rstrip("#¶ ") == title
    assert text in page.get_text()
    date = "February 1, 2016" if number == 1 else "March 2, 2018"
    notice = page.select_one("p.report-kept-version")
    assert " ".join(notice.get_text().split()) == (
        f"This is an earlier version of this paper: version {number} ({date}), kept as it "
        "was published. It has been revised since: read the current version."
    )
    current = notice.find("a")
    assert current["href"] == "../../index.html"
    assert (path.parent / current["href"]).resolve() == (html / "changing" / "index.html")
    version = page.select_one("p.report-version")
    assert (text_of(version) if version else None) == shown
    # built from the kept .bib: its works list is there
    assert "A Book" in text_of(page)


def test_kept_versions_stay_out_of_the_series_lists(site: tuple[Path, Path]) -> None:
    _, html = site
    for listing in ("index.html", "feed.xml", *(
        str(p.relative_to(html)) for p in (html / "authors").glob("*.html")
    ), *(str(p.relative_to(html)) for p in (html / "keywords").glob("*.html"))):  # fmt: skip
        text = (html / listing).read_text(encoding="utf-8")
        assert "versions/" not in text, listing
        assert "The First Title" not in text and "The Second Title" not in text, listing
    index = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "The Third Title" in index.get_text()
    feed = ET.parse(html / "feed.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_a_version_not_kept_is_a_located_error(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    text = paper(
        "A Paper",
        options=":authors: Jane Doe\n:number: 3\n:date: 2016\n:version: 2\n"
        ":revised: 2017-01-02\n:revision-note: Changed.",
    )
    srcdir = make_project({"p/index.md": text})
    html = sphinx_build(srcdir, tmp_path / "html")
    assert html.returncode != 0
    assert html.warnings(srcdir) == [
        "SRC/p/index.md:7: WARNING: research-report: the paper is version 2 but version 1 is "
        "not kept (p/versions/1/index.md is missing); restore that folder, or correct "
        "':version:' [research.metadata]"
    ]


def test_a_kept_version_removed_is_reported_at_the_next_build(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = revised_twice(make_project)
    first = sphinx_build(srcdir, tmp_path / "html")
    assert first.returncode == 0, first.stderr
    shutil.rmtree(srcdir / "changing" / "versions" / "1")
    again = sphinx_build(srcdir, tmp_path / "html")
    assert again.returncode != 0
    assert again.warnings(srcdir) == [
        "SRC/changing/index.md:8: WARNING: research-report: the paper is version 3 but "
        "version 1 is not kept (changing/versions/1/index.md is missing); restore that "
        "folder, or correct ':version:' [research.metadata]"
    ]


def test_a_kept_version_without_its_directive_is_a_located_error(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    text = paper(
        "A Paper",
        options=":authors: Jane Doe\n:number: 3\n:date: 2016\n:version: 2\n"
        ":revised: 2017-01-02\n:revision-note: Changed.",
    )
    srcdir = make_project({"p/index.md": text, "p/versions/1/index.md": "# A Page\n\nText.\n"})
    html = sphinx_build(srcdir, tmp_path / "html")
    assert html.returncode != 0
    assert html.warnings(srcdir) == [
        "SRC/p/versions/1/index.md:1: WARNING: this paper folder has no research-report "
        "directive; put one right after the paper's title heading (see the handbook's "
        "directive reference) [research.series]",
        "SRC/p/versions/1/index.md: WARNING: document isn't included in any toctree "
        "[toc.not_included]",
    ]

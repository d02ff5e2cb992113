"""Strict means strict: a document with any problem is published in no format, and the
build keeps failing until it is fixed. Problems of every origin count the same: the
extension's, MyST's and docutils' (an unknown option, role or directive), Sphinx's own.
One paper's problem withholds that paper only: the index, the catalogue pages, the feed,
the sitemap and every other paper are published without it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import article, sphinx_build, text_of

GOOD = paper("A Good Paper", options=":authors: Jane Doe\n:number: 1\n:date: 2016")

PROBLEMS = {
    "an unknown option": (
        paper("Broken", options=":authors: John Roe\n:number: 2\n:date: 2016\n:keyword: x"),
        "keyword",
    ),
    "an option given twice": (
        paper("Broken", options=":authors: John Roe\n:number: 2\n:number: 3\n:date: 2016"),
        "':number:' is given twice (first at line 5); keep one",
    ),
    "an unknown role": (
        paper(
            "Broken", options=":authors: John Roe\n:number: 2\n:date: 2016", body="A {foo}`x`.\n"
        ),
        'Unknown interpreted text role "foo"',
    ),
    "an unknown directive": (
        paper(
            "Broken",
            options=":authors: John Roe\n:number: 2\n:date: 2016",
            body="```{nosuchthing}\n```\n",
        ),
        "nosuchthing",
    ),
    "a duplicate number": (
        paper("Broken", options=":authors: John Roe\n:number: 1\n:date: 2016"),
        "paper number 1 is already used by",
    ),
    "a broken cross-reference, found while writing": (
        paper(
            "Broken",
            options=":authors: John Roe\n:number: 2\n:date: 2016",
            body="See {ref}`no-such-label`.\n",
        ),
        "no-such-label",
    ),
    "a skipped heading level (MyST)": (
        paper(
            "Broken",
            options=":authors: John Roe\n:number: 2\n:date: 2016",
            body="## Part\n\n#### Detail\n\nText.\n",
        ),
        "Non-consecutive header level increase; H2 to H4",
    ),
    "an unknown option of a MyST directive": (
        paper(
            "Broken",
            options=":authors: John Roe\n:number: 2\n:date: 2016",
            body="```{note}\n:keyword: x\n\nA note.\n```\n",
        ),
        "'note': Unknown option key: 'keyword'",
    ),
    "a {numref} to no table, found while writing": (
        paper(
            "Broken",
            options=":authors: John Roe\n:number: 2\n:date: 2016",
            body="```{table} Figures\n:name: tab-x\n\n| a |\n|---|\n| 1 |\n```\n\n"
            "See {numref}`tab-y`.\n",
        ),
        "undefined label: 'tab-y'",
    ),
    "the directive after a later heading": (
        "# Broken\n\n## Introduction\n\n```{research-report}\n:authors: John Roe\n:number: 2\n"
        ":date: 2016\n\nAbstract.\n```\n",
        "the directive must follow the paper's title heading",
    ),
}


def html_pages(outdir: Path) -> set[str]:
    return {path.relative_to(outdir).as_posix() for path in outdir.rglob("*.html")}


def links_to(outdir: Path, part: str) -> list[str]:
    """Every ``page: href`` of the site whose link contains *part*."""
    found = []
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(href=True):
            if part in str(tag["href"]):
                found.append(f"{page.relative_to(outdir)}: {tag['href']}")
    return found


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_a_paper_with_any_problem_is_not_published_and_keeps_failing(
    make_project: ProjectFactory, case: str
) -> None:
    text, expected = PROBLEMS[case]
    srcdir = make_project({"good/index.md": GOOD, "zbroken/index.md": text})
    outdir = srcdir.parent / "html"
    for _run in range(2):  # the second build reads the paper again and fails again
        result = sphinx_build(srcdir, outdir)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert any(expected in line for line in result.warnings(srcdir)), result.stderr
        pages = html_pages(outdir)
        assert {"index.html", "good/index.html", "authors/index.html"} <= pages
        assert "zbroken/index.html" not in pages
        index = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert "A Good Paper" in index.get_text()
        assert "Broken" not in index.get_text()
        assert "John Roe" not in (outdir / "authors" / "index.html").read_text(encoding="utf-8")
        assert links_to(outdir, "zbroken/") == []  # not the index, no paper's "Next"
        feed = (outdir / "feed.xml").read_text(encoding="utf-8")
        assert "zbroken" not in feed and "zbroken" not in (outdir / "sitemap.xml").read_text()
        assert not (outdir / "downloads" / "zbroken.bib").exists()
    # fixed, it is published again
    (srcdir / "zbroken" / "index.md").write_text(
        paper("Fixed", options=":authors: John Roe\n:number: 2\n:date: 2016"), encoding="utf-8"
    )
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 0, result.stderr
    assert "zbroken/index.html" in html_pages(outdir)
    assert "zbroken" in (outdir / "feed.xml").read_text(encoding="utf-8")


def test_the_epub_and_latex_builders_withhold_it_too(make_project: ProjectFactory) -> None:
    text, _ = PROBLEMS["an unknown role"]
    srcdir = make_project({"good/index.md": GOOD, "zbroken/index.md": text})
    epub = sphinx_build(srcdir, srcdir.parent / "epub", builder="epub")
    assert epub.returncode != 0
    books = sorted(path.name for path in (srcdir.parent / "epub").glob("*.epub"))
    assert books == ["good.epub"]  # neither the paper nor the volume that would hold it
    with zipfile.ZipFile(srcdir.parent / "epub" / "good.epub") as book:
        assert "good/index.xhtml" in book.namelist()
    latex = sphinx_build(srcdir, srcdir.parent / "latex", builder="latex")
    assert latex.returncode != 0
    documents = sorted(path.name for path in (srcdir.parent / "latex").glob("*.tex"))
    assert documents == ["good.tex"]


def test_problems_are_remembered_outside_the_environment(
    make_project: ProjectFactory,
) -> None:
    text, _ = PROBLEMS["a broken cross-reference, found while writing"]
    srcdir = make_project({"good/index.md": GOOD, "zbroken/index.md": text})
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode != 0
    state = json.loads(
        (srcdir.parent / "html" / ".doctrees" / "research-problems.json").read_text()
    )
    assert "zbroken/index" in state
    # a problem found while writing: the index is written after every paper, without it
    assert "index.html" in html_pages(srcdir.parent / "html")


@pytest.mark.parametrize(
    ("suppressed", "body", "shown"),
    [
        ("research.footnote", "## Part\n\nA claim[^nope].\n", "A claim [^nope] ."),
        ("myst.header", "## Part\n\n#### Detail\n\nText.\n", "Detail"),
    ],
)
def test_a_suppressed_warning_publishes_the_paper(
    make_project: ProjectFactory, suppressed: str, body: str, shown: str
) -> None:
    """The author silenced the subtype: the paper is published, nothing of it dropped."""
    text = paper("Accepted", options=":authors: John Roe\n:number: 2\n:date: 2016", body=body)
    conf = SERIES_CONF + f"suppress_warnings = [{suppressed!r}]\n"
    srcdir = make_project({"conf.py": conf, "good/index.md": GOOD, "zaccepted/index.md": text})
    outdir = srcdir.parent / "html"
    for _run in range(2):
        result = sphinx_build(srcdir, outdir)
        assert result.returncode == 0, result.stderr
        assert result.warnings(srcdir) == []
        assert "zaccepted/index.html" in html_pages(outdir)
        assert shown in text_of(article(outdir / "zaccepted" / "index.html"))
        assert "Accepted" in (outdir / "index.html").read_text(encoding="utf-8")
        assert "zaccepted" in (outdir / "feed.xml").read_text(encoding="utf-8")


def test_parallel_reading_withholds_only_the_paper(make_project: ProjectFactory) -> None:
    text, expected = PROBLEMS["a skipped heading level (MyST)"]
    files = {
        f"p{n}/index.md": paper(
            f"Paper {n}", options=f":authors: Jane Doe\n:number: {n}\n:date: 2016"
        )
        for n in range(1, 5)
    }
    srcdir = make_project({**files, "zbroken/index.md": text.replace(":number: 2", ":number: 9")})
    outdir = srcdir.parent / "html"
    result = sphinx_build(srcdir, outdir, "-j", "2")
    assert result.returncode != 0
    assert any(expected in line for line in result.warnings(srcdir)), result.stderr
    index = (outdir / "index.html").read_text(encoding="utf-8")
    assert all(f"Paper {n}" in index for n in range(1, 5))
    assert "Broken" not in index and links_to(outdir, "zbroken/") == []


def test_a_series_broken_every_way_publishes_its_good_papers(
    make_project: ProjectFactory,
) -> None:
    """Each broken paper: one located warning, withheld; the home page and every good
    paper published, the index, catalogue, feed and sitemap without the broken ones."""
    broken = {}
    for i, (text, _expected) in enumerate(PROBLEMS.values()):
        broken[f"zbroken{i}/index.md"] = text.replace(":number: 2", f":number: {10 + i}")
    good = {
        f"good{n}/index.md": paper(
            f"Good Paper {n}", options=f":authors: Jane Doe\n:number: {n}\n:date: 2016"
        )
        for n in (1, 4, 5)  # (2 and 3 are the broken papers', to clash with 1)
    }
    srcdir = make_project({**good, **broken})
    outdir = srcdir.parent / "html"
    result = sphinx_build(srcdir, outdir)
    assert result.returncode != 0
    warnings = result.warnings(srcdir)
    named = [w.split(":")[0] for w in warnings]
    assert sorted(named) == sorted(f"SRC/{name}" for name in broken), warnings
    assert all(w.split(":")[1].isdigit() for w in warnings)
    pages = html_pages(outdir)
    assert {"index.html", *(name.replace(".md", ".html") for name in good)} <= pages
    assert not [page for page in pages if page.startswith("zbroken")]
    index = (outdir / "index.html").read_text(encoding="utf-8")
    assert all(f"Good Paper {n}" in index for n in (1, 4, 5)) and "Broken" not in index
    assert links_to(outdir, "zbroken") == []
    for name in ("feed.xml", "sitemap.xml"):
        assert "zbroken" not in (outdir / name).read_text(encoding="utf-8")

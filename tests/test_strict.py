"""Strict means strict: a document with any problem is published in no format, and the
build keeps failing until it is fixed. Problems of every origin count the same: the
extension's, MyST's and docutils' (an unknown option, role or directive), Sphinx's own."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory, paper
from helpers import sphinx_build

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
    "the directive after a later heading": (
        "# Broken\n\n## Introduction\n\n```{research-report}\n:authors: John Roe\n:number: 2\n"
        ":date: 2016\n\nAbstract.\n```\n",
        "the directive must follow the paper's title heading",
    ),
}


def html_pages(outdir: Path) -> set[str]:
    return {path.relative_to(outdir).as_posix() for path in outdir.rglob("*.html")}


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
        assert "good/index.html" in html_pages(outdir)
        assert "zbroken/index.html" not in html_pages(outdir)
        index = (
            (outdir / "index.html").read_text(encoding="utf-8")
            if (outdir / "index.html").exists()
            else ""
        )
        assert "Broken" not in BeautifulSoup(index, "html.parser").get_text()
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
    # a problem found while writing: the index was written before it was known
    assert "index.html" not in html_pages(srcdir.parent / "html")

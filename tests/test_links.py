"""No dead link inside the site: every ``href``/``src`` of every page leads to a file and,
where it has a fragment, to an ``id`` on that page. After ``make html`` alone (no PDF or
EPUB is linked that is not there), after ``make site`` (every one is), on the ``dirhtml``
and ``singlehtml`` builders, and after a paper is deleted, renamed or withdrawn."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
from helpers import article, dead_links, sphinx_build, text_of

BIB = """@book{smith2000,
  author = {Smith, Ann},
  title = {A Book},
  year = {2000},
  publisher = {Press}
}
"""
WITHDRAWN_OPTIONS = """
    :authors: Jane Doe (University of Testing)
    :number: 3
    :date: 2017-05
    :status: withdrawn
    :withdrawn: 2018-03-05
    :withdrawn-reason: The data were found to be unreliable.
"""
FILES = {
    "first/index.md": paper(
        "The First Paper",
        options=":authors: Jane Doe\n:number: 1\n:date: 2016",
        body="## Findings\n\nA claim[^n] and {cite:p}`smith2000`.\n\n[^n]: A note.\n",
    ),
    "first/references.bib": BIB,
    "second/index.md": paper(
        "The Second Paper", options=":authors: John Roe\n:number: 2\n:date: 2017"
    ),
    "gone/index.md": paper("The Withdrawn Paper", options=WITHDRAWN_OPTIONS),
    "gone/references.bib": BIB,
}


def build(srcdir: Path, outdir: Path, builder: str = "html") -> Path:
    result = sphinx_build(srcdir, outdir, builder=builder)
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return outdir


def links(page: Path) -> list[str]:
    return [str(a["href"]) for a in article(page).find_all("a", href=True)]


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_make_html_links_nothing_that_is_not_there(
    make_project: ProjectFactory, tmp_path: Path, builder: str
) -> None:
    srcdir = make_project(FILES)
    outdir = build(srcdir, tmp_path / builder, builder)
    assert dead_links(outdir) == []
    assert outdir.joinpath("index.html").is_file()
    hrefs = " ".join(str(p.read_text(encoding="utf-8")) for p in outdir.rglob("*.html"))
    assert ".pdf" not in hrefs and ".epub" not in hrefs  # made only by make site


def test_the_whole_series_line_follows_every_year(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    outdir = build(make_project(FILES), tmp_path / "html")
    index = article(outdir / "index.html")
    line = index.select_one("p.series-downloads")
    assert line is not None and "Atom feed" in text_of(line)
    assert line.find_parent(class_="series-year") is None
    assert [s["id"] for s in index.select("section.series-year")] == ["year-2016", "year-2017"]


def test_the_withdrawn_notice_links_no_file_and_lists_no_works(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project(FILES)
    outdir = build(srcdir, tmp_path / "html")
    # a PDF and EPUB of the paper from before it was withdrawn are still in downloads/
    for name in ("gone.pdf", "gone.epub", "first.pdf"):
        (outdir / "downloads" / name).write_text("old", encoding="utf-8")
    (srcdir / "gone" / "index.md").touch()
    build(srcdir, outdir)
    page = outdir / "gone" / "index.html"
    text = text_of(article(page))
    assert "Works Referenced" not in text and "A Book" not in text
    assert not [href for href in links(page) if href.endswith((".pdf", ".epub"))]
    # the PDF that is there is linked, from its page (written again) and the index
    assert "../downloads/first.pdf" in links(outdir / "first" / "index.html")
    assert "downloads/first.pdf" in links(outdir / "index.html")
    (outdir / "downloads" / "first.pdf").unlink()
    build(srcdir, outdir)
    assert dead_links(outdir) == []


def test_deleting_renaming_and_withdrawing_leave_no_dead_link(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project(FILES)
    outdir = build(srcdir, tmp_path / "html")
    shutil.rmtree(srcdir / "second")
    build(srcdir, outdir)
    assert dead_links(outdir) == []
    assert not (outdir / "second").exists()
    (srcdir / "first").rename(srcdir / "renamed")
    build(srcdir, outdir)
    assert dead_links(outdir) == []
    assert (outdir / "renamed" / "index.html").is_file()
    text = (srcdir / "renamed" / "index.md").read_text(encoding="utf-8")
    text = text.replace(
        ":date: 2016",
        ":date: 2016\n:status: withdrawn\n:withdrawn: 2018-01-02\n:withdrawn-reason: Wrong.",
    )
    (srcdir / "renamed" / "index.md").write_text(text, encoding="utf-8")
    build(srcdir, outdir)
    assert dead_links(outdir) == []
    assert "Withdrawn on January 2, 2018" in text_of(article(outdir / "renamed" / "index.html"))


def test_make_site_links_every_download_and_each_is_there(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project(FILES)
    builddir = tmp_path / "build"
    command = [sys.executable, "-m", "research_series.editor.cli", "site", str(srcdir),
               "--builddir", str(builddir), "--sphinx-options", "-q -W --keep-going"]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = builddir / "html"
    assert dead_links(html) == []
    for href in ("../downloads/first.pdf", "../downloads/first.epub"):
        assert href in links(html / "first" / "index.html")
    index = links(html / "index.html")
    assert "downloads/series.pdf" in index and "downloads/series.epub" in index
    # make html alone afterwards: the files are there, the links stay, none is dead
    build(srcdir, html)
    assert dead_links(html) == []
    assert "../downloads/first.pdf" in links(html / "first" / "index.html")

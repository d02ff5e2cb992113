"""Careless and hostile input: a clear error at its line, never a hang, a traceback or a
silently wrong output."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory, paper
from helpers import article, sphinx_build, text_of

OK = ":authors: Jane Doe\n:number: 1\n:date: 2016"
BIB = (
    "@book{waltz1979, author={Waltz, Kenneth N.}, title={Theory of International Politics},"
    " publisher={Addison-Wesley}, address={Reading, MA}, year={1979}}\n"
)

CASES = {
    "a NUL in metadata": (
        paper(options=":authors: Jane\x00 Doe\n:number: 1\n:date: 2016"),
        # Markdown reads a NUL as U+FFFD
        "p/index.md:4: WARNING: research-report: ':authors:' holds U+FFFD, the mark of a character",
    ),
    "a control character in the abstract": (
        paper(options=OK, abstract="An \x07abstract."),
        "research-report: the abstract holds the control character U+0007",
    ),
    "a malformed DOI": (
        paper(options=OK + '\n:doi: 10.1234/a}b"<x>'),
        "p/index.md:7: WARNING: research-report: DOI '10.1234/a}b\"<x>' is malformed",
    ),
    "an empty DOI": (
        paper(options=OK + "\n:doi:"),
        "research-report: ':doi:' is empty; give the DOI",
    ),
    "an empty status": (
        paper(options=OK + "\n:status:"),
        "research-report: ':status:' is empty",
    ),
    "authors separated by a comma": (
        paper(options=":authors: Jane Doe, John Roe\n:number: 1\n:date: 2016"),
        "author 'Jane Doe, John Roe' holds a comma; separate authors with ';'",
    ),
    "a stray parenthesis": (
        paper(options=":authors: Jane Doe (UNM))\n:number: 1\n:date: 2016"),
        "parentheses only around the affiliation",
    ),
    "a 5000-digit number": (
        paper(options=":authors: Jane Doe\n:number: " + "9" * 5000 + "\n:date: 2016"),
        "has 5000 digits; a paper's number is at most 999999",
    ),
    "a date years ahead": (
        paper(options=":authors: Jane Doe\n:number: 1\n:date: 2097"),
        "research-report: date 2097 is in the future",
    ),
    "a note in the abstract": (
        paper(options=OK, abstract="An abstract[^n].", body="Text.\n\n[^n]: The note.\n"),
        "the abstract holds a note; it is shown on the index",
    ),
    "a citation in the title": (
        paper("On {cite:t}`waltz1979`", options=OK),
        "research-report: the title holds a citation",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_metadata_is_a_located_error(make_project: ProjectFactory, case: str) -> None:
    text, expected = CASES[case]
    srcdir = make_project({"p/index.md": text, "p/references.bib": BIB})
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    assert any(expected in line for line in result.warnings(srcdir)), result.stderr
    assert not (srcdir.parent / "html" / "p" / "index.html").exists()
    feed = srcdir.parent / "html" / "feed.xml"
    assert "\x00" not in feed.read_text(encoding="utf-8")


def test_a_citation_in_the_abstract_links_only_on_its_own_page(
    make_project: ProjectFactory,
) -> None:
    srcdir = make_project(
        {
            "p/index.md": paper(options=OK, abstract="Building on {cite:t}`waltz1979`."),
            "p/references.bib": BIB,
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode == 0, result.stderr
    own = article(srcdir.parent / "html" / "p" / "index.html")
    assert own.select_one(".abstract a[href='#ref-waltz1979']") is not None
    index = article(srcdir.parent / "html" / "index.html")
    assert "Building on Waltz (1979)." in text_of(index).replace(" .", ".")
    assert not [a for a in index.select("a") if "ref-waltz1979" in a.get("href", "")]
    epub = sphinx_build(srcdir, srcdir.parent / "epub", builder="epub")
    assert epub.returncode == 0, epub.stderr
    with zipfile.ZipFile(srcdir.parent / "epub" / "series.epub") as book:
        page = BeautifulSoup(book.read("index.xhtml"), "html.parser")
    assert not [a for a in page.select("a") if "ref-waltz1979" in a.get("href", "")]


def test_a_footnote_label_like_a_generated_one(make_project: ProjectFactory) -> None:
    body = "Mine[^footcite-1] and{footcite}`waltz1979`.\n\n[^footcite-1]: My own note.\n"
    srcdir = make_project({"p/index.md": paper(options=OK, body=body), "p/references.bib": BIB})
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode == 0, result.stderr
    notes = article(srcdir.parent / "html" / "p" / "index.html").select("aside.footnote")
    assert [" ".join(n.get_text().split()) for n in notes] == [
        "[1] My own note.",
        "[2] Kenneth N. Waltz, Theory of International Politics (Reading, MA: Addison-Wesley, "
        "1979).",
    ]


def test_a_folder_name_that_cannot_be_a_slug(make_project: ProjectFactory) -> None:
    srcdir = make_project({"my paper/index.md": paper(options=OK)})
    result = sphinx_build(srcdir, srcdir.parent / "latex", builder="latex")
    assert result.returncode != 0
    assert any(
        "SRC/my paper/index.md:1: WARNING: the paper folder 'my paper' cannot name" in line
        for line in result.warnings(srcdir)
    )
    assert not list((srcdir.parent / "latex").glob("my*"))


def test_a_symlink_loop_is_skipped_not_followed(make_project: ProjectFactory) -> None:
    srcdir = make_project({"p/index.md": paper(options=OK), "p/more/page.md": "# More\n"})
    os.symlink("..", srcdir / "p" / "more" / "loop")
    result = subprocess.run(
        [
            *sphinx_command(),
            str(srcdir),
            str(srcdir.parent / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "p/more/loop is a link to a folder that holds it" in result.stderr
    assert "Traceback" not in result.stderr


def sphinx_command() -> list[str]:
    import sys

    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going"]


def test_tex_that_never_ends_is_stopped_and_located(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    body = "Text.\n\nA loop {math}`\\loop\\iftrue\\repeat` here.\n"
    srcdir = make_project(
        {
            "p/index.md": paper(options=OK, body=body),
            "q/index.md": paper("Fine", options=":authors: Jane Doe\n:number: 2\n:date: 2016"),
        }
    )
    latex = tmp_path / "latex"
    # the loop is no formula the site can show either: a warning, and the paper is built
    result = sphinx_build(srcdir, latex, builder="latex", strict=False)
    assert result.returncode == 0, result.stderr
    # by default a minute: a paper typesets in seconds, a loop must not hold the build long
    assert "\nTEXTIMEOUT ?= 60\n" in (latex / "Makefile").read_text(encoding="utf-8")
    assert result.warnings(srcdir) == [
        "SRC/p/index.md:13: WARNING: math '\\loop\\iftrue\\repeat' cannot be shown in HTML "
        'and EPUB (Unknown LaTeX command "\\loop".); it is printed as TeX there; use commands '
        "of LaTeX's math mode and amsmath [research.math]"
    ]
    make = subprocess.run(
        ["make", "-C", str(latex), "all-pdf", "TEXTIMEOUT=6"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert make.returncode != 0
    assert f"{srcdir}/p/index.md:13: ERROR: the PDF p.pdf was not written: TeX was stopped" in (
        make.stderr
    )
    assert (latex / "q.pdf").is_file()  # the other PDFs are still made
    assert not (latex / "p.pdf").exists() and not (latex / "series.pdf").exists()

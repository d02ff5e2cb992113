"""``dirhtml`` and ``singlehtml`` are websites too: strict means strict there as well."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory, paper
from helpers import sphinx_build

CLEAN = paper("A Clean Paper", options=":authors: Jane Doe\n:number: 1\n:date: 2016")
# a date that is no date: the paper has a problem, its page must not be published
BROKEN = paper("A Broken Paper", options=":authors: John Roe\n:number: 2\n:date: 2016-13")


def pages(outdir: Path) -> set[str]:
    return {str(path.relative_to(outdir)) for path in outdir.rglob("*.html")}


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_a_clean_series_builds_without_a_warning(
    make_project: ProjectFactory, tmp_path: Path, builder: str
) -> None:
    srcdir = make_project({"clean/index.md": CLEAN})
    result = sphinx_build(srcdir, tmp_path / builder, builder=builder)
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    page = "clean/index.html" if builder == "dirhtml" else "index.html"
    soup = BeautifulSoup((tmp_path / builder / page).read_text(encoding="utf-8"), "html.parser")
    # the website's extras: how to cite, and the head metadata for the paper page
    assert soup.select_one(".how-to-cite .cite-as") is not None
    if builder == "dirhtml":
        assert soup.select_one('meta[name="citation_title"]')["content"] == "A Clean Paper"
        # the catalogue's pages are folders too, and the paper links to them
        author = soup.select_one(".report-authors .author-name a")["href"]
        assert (tmp_path / builder / "clean" / author / "index.html").resolve().is_file()
        assert (tmp_path / builder / "authors" / "index.html").is_file()
    else:  # one page: no catalogue pages, and no links to them
        assert not (tmp_path / builder / "authors").exists()
        assert soup.select(".report-authors .author-name a") == []


def test_strict_dirhtml_withholds_the_page_of_a_paper_with_a_problem(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({"clean/index.md": CLEAN, "broken/index.md": BROKEN})
    outdir = tmp_path / "dirhtml"
    for _ in range(2):  # and again: the next build fails too, and publishes nothing more
        result = sphinx_build(srcdir, outdir, builder="dirhtml")
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert any("broken/index.md:" in line for line in result.warnings(srcdir))
        assert "clean/index.html" in pages(outdir)
        assert "broken/index.html" not in pages(outdir)


def test_strict_singlehtml_withholds_the_page_holding_a_paper_with_a_problem(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({"clean/index.md": CLEAN, "broken/index.md": BROKEN})
    outdir = tmp_path / "singlehtml"
    result = sphinx_build(srcdir, outdir, builder="singlehtml")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # the one page holds every paper, the broken one too
    assert "index.html" not in pages(outdir)

    (srcdir / "broken" / "index.md").write_text(
        BROKEN.replace("2016-13", "2016-12"), encoding="utf-8"
    )
    result = sphinx_build(srcdir, outdir, builder="singlehtml")
    assert result.returncode == 0, result.stderr
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert "A Broken Paper" in html and "A Clean Paper" in html
    # every paper's how-to-cite box on the one page, with ids unique to it
    soup = BeautifulSoup(html, "html.parser")
    ids = [tag["id"] for tag in soup.select(".cite-as")]
    assert len(ids) == 4 and len(set(ids)) == 4

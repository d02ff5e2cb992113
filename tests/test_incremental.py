"""Incremental builds rewrite exactly the pages that depend on a change;
``-j 2`` gives the same pages as ``-j 1``."""

from __future__ import annotations

import os
import pickle
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import paper
from helpers import article, sphinx_build
from research_series.reading.domain import ResearchDomain

ROOT = Path(__file__).parent / "roots" / "test-series"
PAGES = ["index", "zeta/index", "alpha/index", "hostile/index"]


def snapshot(outdir: Path) -> dict[str, int]:
    return {
        str(path.relative_to(outdir).with_suffix("")): path.stat().st_mtime_ns
        for path in outdir.rglob("*.html")
        if not path.name.startswith(("genindex", "search"))
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, mtime in after.items() if before.get(name) != mtime}


def touch_later(path: Path, text: str) -> None:
    """Write *text* and move the file's mtime clearly past the last build."""
    path.write_text(text, encoding="utf-8")
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = tmp_path / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    return srcdir, outdir


def rebuild(srcdir: Path, outdir: Path) -> set[str]:
    before = snapshot(outdir)
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 0, result.stderr
    return rewritten(before, snapshot(outdir))


def test_noop_rebuild_rewrites_nothing(built: tuple[Path, Path]) -> None:
    assert rebuild(*built) == set()


def test_body_edit_rewrites_only_that_paper(built: tuple[Path, Path]) -> None:
    srcdir, outdir = built
    source = srcdir / "zeta" / "index.md"
    touch_later(source, source.read_text(encoding="utf-8") + "\nA new closing paragraph.\n")
    assert rebuild(srcdir, outdir) == {"zeta/index"}
    assert "A new closing paragraph." in article(outdir / "zeta" / "index.html").get_text()


def test_bib_edit_rewrites_only_that_paper(built: tuple[Path, Path]) -> None:
    srcdir, outdir = built
    bib = srcdir / "zeta" / "references.bib"
    touch_later(bib, bib.read_text(encoding="utf-8").replace("After Hegemony", "Power and Plenty"))
    assert rebuild(srcdir, outdir) == {"zeta/index"}
    assert "Power and Plenty" in article(outdir / "zeta" / "index.html").get_text()


def test_metadata_edit_rewrites_paper_index_and_neighbours(built: tuple[Path, Path]) -> None:
    srcdir, outdir = built
    source = srcdir / "alpha" / "index.md"
    touch_later(source, source.read_text(encoding="utf-8").replace("# Alliances in", "# Allies in"))
    # and the catalogue pages that list the paper: its author's (it has no keywords)
    assert rebuild(srcdir, outdir) == {
        "alpha/index",
        "index",
        "zeta/index",
        "hostile/index",
        "authors/mary-major",
    }
    assert "Allies in Question" in article(outdir / "index.html").get_text()
    assert "Allies in Question" in article(outdir / "authors" / "mary-major.html").get_text()


def test_adding_a_folder_adds_a_paper(built: tuple[Path, Path]) -> None:
    srcdir, outdir = built
    new = srcdir / "omega" / "index.md"
    new.parent.mkdir()
    touch_later(new, paper("Omega Paper", options=":authors: O. Author\n:number: 4\n:date: 2022"))
    # a new author: their page, and the list of authors
    assert rebuild(srcdir, outdir) == {
        "omega/index",
        "index",
        "hostile/index",
        "authors/o-author",
        "authors/index",
    }
    assert "4. O. Author. Omega Paper" in " ".join(
        article(outdir / "index.html").get_text().split()
    )


def test_parallel_build_gives_the_same_pages(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    serial = sphinx_build(srcdir, tmp_path / "j1", "-j", "1")
    parallel = sphinx_build(srcdir, tmp_path / "j2", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.stderr + parallel.stderr
    for name in PAGES:
        one = (tmp_path / "j1" / f"{name}.html").read_text(encoding="utf-8")
        two = (tmp_path / "j2" / f"{name}.html").read_text(encoding="utf-8")
        assert one == two, name


def test_stored_records_hold_no_whole_document(built: tuple[Path, Path]) -> None:
    """A stored abstract must not drag its paper's doctree into the environment."""
    _, outdir = built
    env = pickle.loads((outdir / ".doctrees" / "environment.pickle").read_bytes())
    reports = env.domaindata[ResearchDomain.name]["reports"]
    assert len(reports) == 3
    for record in reports.values():
        assert all(node.document is None for node in record.abstract.findall())
        assert len(pickle.dumps(record)) < 20_000


@pytest.mark.parametrize("order", [("html", "epub"), ("epub", "html")])
def test_a_bib_edit_reaches_every_format_sharing_the_doctrees(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    """As ``make site`` builds: HTML and EPUB share one environment, so the first build
    after a ``.bib`` edit reads the paper again and the second must still write it."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    doctrees = tmp_path / "doctrees"
    out = {name: tmp_path / name for name in order}
    for name in order:
        assert sphinx_build(srcdir, out[name], "-d", str(doctrees), builder=name).returncode == 0
    bib = srcdir / "zeta" / "references.bib"  # edited now: not later than the next builds
    bib.write_text(bib.read_text(encoding="utf-8").replace("After Hegemony", "Power and Plenty"))
    for name in order:
        result = sphinx_build(srcdir, out[name], "-d", str(doctrees), builder=name)
        assert result.returncode == 0, result.stderr
    page = (out["html"] / "zeta" / "index.html").read_text(encoding="utf-8")
    assert "Power and Plenty" in page and "After Hegemony" not in page
    with zipfile.ZipFile(out["epub"] / "zeta.epub") as epub:
        chapter = "".join(
            epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml")
        )
    assert "Power and Plenty" in chapter and "After Hegemony" not in chapter
    # and nothing else was read again for the second format: a third build is a no-op
    before = snapshot(out["html"])
    assert sphinx_build(srcdir, out["html"], "-d", str(doctrees)).returncode == 0
    assert rewritten(before, snapshot(out["html"])) == set()

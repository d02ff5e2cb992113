"""Incremental builds rewrite exactly the pages that depend on a change;
``-j 2`` gives the same pages as ``-j 1``."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import paper
from helpers import article, sphinx_build
from research_series.reading.domain import ResearchDomain

ROOT = Path(__file__).parent / "roots" / "test-series"


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


#: What a build leaves that is not the site: TeX's working files, the build's own state
#: (the PDFs' progress and the volume's record of its inputs hold times).
_NOT_THE_SITE = ("doctrees/", ".log", ".aux", ".fls", ".fdb_latexmk", ".xdv", ".out", ".toc",
                 "pdf-progress.txt", ".volume-inputs.json")  # fmt: skip
#: The time an EPUB was made (EPUB 3 requires it).
_MODIFIED = re.compile(rb"<meta property=\"dcterms:modified\">[^<]*</meta>")


def site_files(builddir: Path) -> dict[str, bytes]:
    """Every file ``make site`` made, by path; a PDF as its text, an EPUB as its members."""
    files: dict[str, bytes] = {}
    for path in sorted(builddir.rglob("*")):
        name = path.relative_to(builddir).as_posix()
        if not path.is_file() or any(part in name for part in _NOT_THE_SITE):
            continue
        if path.suffix == ".pdf":  # its creation time and ID differ from run to run
            pages = PdfReader(path).pages
            files[name] = "\f".join(page.extract_text() for page in pages).encode()
        elif path.suffix == ".epub":  # its zip records the time each member was written
            with zipfile.ZipFile(path) as book:
                for member in sorted(book.namelist()):
                    files[f"{name}!{member}"] = _MODIFIED.sub(b"", book.read(member))
        else:
            files[name] = path.read_bytes()
    return files


def test_parallel_site_gives_the_same_files(tmp_path: Path) -> None:
    """``make site`` with ``-j auto`` makes every file (pages, catalogue, feed, sitemap,
    search index, downloads, LaTeX, PDFs, EPUBs) as a serial build does."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    made = {}
    for jobs in ("1", "auto"):
        command = [sys.executable, "-m", "research_series.editor.cli", "site", str(srcdir),
                   "--builddir", str(tmp_path / jobs),
                   "--sphinx-options", f"-q -W --keep-going -j {jobs}"]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        made[jobs] = site_files(tmp_path / jobs)
    serial, parallel = made["1"], made["auto"]
    assert sorted(serial) == sorted(parallel)
    assert {"html/feed.xml", "html/sitemap.xml", "html/searchindex.js"} <= set(serial)
    assert any(name.startswith("html/downloads/") and name.endswith(".pdf") for name in serial)
    assert [name for name in serial if serial[name] != parallel[name]] == []


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

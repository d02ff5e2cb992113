"""Each kept version downloadable (PDF, accessible PDF, EPUB) at ``downloads/<slug>-v<n>.*``,
made from what was kept; a revision rebuilds only the paper's own outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory
from research_series.editor.cli import main
from test_epub import Epub, assert_epubcheck_passes
from test_pdf import flat, pages, squeezed
from test_versions import revised_twice

STRICT = "-q -W --keep-going"
SITE = "https://example.org/series/"


def site(srcdir: Path, builddir: Path) -> None:
    """``make site``: a new process, strict."""
    command = [sys.executable, "-m", "research_series.editor.cli", "site", str(srcdir),
               "--builddir", str(builddir), "--sphinx-options", STRICT]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr


def mtimes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns
        for path in folder.rglob("*")
        if path.is_file()
    }


def text(pdf: Path) -> str:
    return flat(" ".join(pages(pdf)))


def chapter(epub: Path, docname: str) -> str:
    book = Epub(epub)
    name = next(n for n in book.names() if n.endswith(f"{docname}.xhtml"))
    return " ".join(BeautifulSoup(book.zip.read(name), "html.parser").get_text().split())


@pytest.fixture
def built(make_project: ProjectFactory, tmp_path: Path) -> tuple[Path, Path]:
    srcdir = revised_twice(make_project)
    builddir = tmp_path / "build"
    site(srcdir, builddir)
    return srcdir, builddir


def test_each_version_is_downloadable_as_it_was_kept(built: tuple[Path, Path]) -> None:
    _, builddir = built
    downloads = builddir / "html" / "downloads"
    names = sorted(path.name for path in downloads.glob("changing*"))
    assert names == sorted(
        f"changing{stem}{suffix}"
        for stem in ("", "-v1", "-v2")
        for suffix in (".bib", ".epub", ".json", ".pdf", ".ris", "-accessible.pdf")
    )
    first = text(downloads / "changing-v1.pdf")
    assert "The First Title" in first and "The first text" in first
    assert "third text" not in first and "Third Title" not in first
    assert squeezed(
        "This is an earlier version of this paper: version 1 (February 1, 2016), kept as it "
        f"was published. It has been revised since: read the current version ({SITE}"
        "changing/index.html)."
    ) in squeezed(first)
    second = text(downloads / "changing-v2.pdf")
    assert "The Second Title" in second
    assert "Version 2, March 2, 2018. Section 2 rewritten." in second
    current = text(downloads / "changing.pdf")
    assert "Version 3, June 1, 2020. New figures for 2019." in current
    assert squeezed(
        f"Earlier versions: Version 1, February 1, 2016 ({SITE}changing/versions/1/index.html)"
        f" · Version 2, March 2, 2018 ({SITE}changing/versions/2/index.html)"
    ) in squeezed(current)  # a URL breaks across lines
    assert "The third text" in current and "first text" not in current
    accessible = text(downloads / "changing-v1-accessible.pdf")
    assert "The First Title" in accessible and "third text" not in accessible

    assert "The first text" in chapter(downloads / "changing-v1.epub", "changing/versions/1/index")
    assert "The second text" in chapter(downloads / "changing-v2.epub", "changing/versions/2/index")
    assert_epubcheck_passes([downloads / "changing-v1.epub"])

    # the kept version's page links its own files
    page = BeautifulSoup(
        (builddir / "html" / "changing" / "versions" / "1" / "index.html").read_text(
            encoding="utf-8"
        ),
        "html.parser",
    )
    links = {a.get_text(): a["href"] for a in page.select("p.report-links a")}
    assert links["PDF"] == "../../../downloads/changing-v1.pdf"
    assert links["EPUB"] == "../../../downloads/changing-v1.epub"


def test_the_volume_holds_the_current_versions_only(built: tuple[Path, Path]) -> None:
    _, builddir = built
    manifest = json.loads((builddir / "latex" / "series.volume.json").read_text("utf-8"))
    assert [paper["slug"] for paper in manifest["papers"]] == ["changing", "other"]
    volume = text(builddir / "html" / "downloads" / "series.pdf")
    assert "The Third Title" in volume and "The First Title" not in volume
    book = Epub(builddir / "html" / "downloads" / "series.epub")
    assert not [name for name in book.names() if "versions" in name]


def test_a_revision_rebuilds_only_the_papers_own_outputs(built: tuple[Path, Path]) -> None:
    srcdir, builddir = built
    before = mtimes(builddir / "html")
    index = srcdir / "changing" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("third text", "fourth text"), encoding="utf-8"
    )
    argv = ["revise", "changing", "--papers", str(srcdir)]
    assert main([*argv, "--note", "Fourth.", "--date", "2021-01-05"]) == 0
    site(srcdir, builddir)
    after = mtimes(builddir / "html")
    changed = {name for name, mtime in after.items() if before.get(name) != mtime}
    kept = {
        "changing/versions/1/index.html",
        "changing/versions/2/index.html",
        "downloads/changing-v1.pdf",
        "downloads/changing-v1.epub",
        "downloads/changing-v1-accessible.pdf",
        "downloads/changing-v2.pdf",
        "downloads/changing-v2.epub",
        "other/index.html",
        "downloads/other.pdf",
        "downloads/other.epub",
    }
    assert not kept & changed, sorted(kept & changed)
    made = {
        "changing/index.html",
        "changing/versions/3/index.html",
        "downloads/changing.pdf",
        "downloads/changing-v3.pdf",
        "downloads/changing-v3.epub",
        "index.html",
        "downloads/series.pdf",
    }
    assert made <= changed, sorted(made - changed)
    assert "fourth text" in text(builddir / "html" / "downloads" / "changing-v3.pdf")


def test_a_withdrawn_papers_kept_versions_lose_their_files_not_their_pages(
    built: tuple[Path, Path],
) -> None:
    srcdir, builddir = built
    index = srcdir / "changing" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            ":keywords: Russia",
            ":keywords: Russia\n:status: withdrawn\n:withdrawn: 2021-01-01\n"
            ":withdrawn-reason: The data were wrong.",
        ),
        encoding="utf-8",
    )
    site(srcdir, builddir)
    downloads = builddir / "html" / "downloads"
    left = sorted(path.name for path in downloads.glob("changing*"))
    assert left == sorted(
        f"changing{stem}{suffix}"
        for stem in ("", "-v1", "-v2")
        for suffix in (".bib", ".json", ".ris")
    )
    for number in (1, 2):
        assert (builddir / "html" / "changing" / "versions" / str(number) / "index.html").is_file()

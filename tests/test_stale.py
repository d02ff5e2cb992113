"""Nothing stale: after any build, every output holds exactly the papers that exist now.

A series is published with ``make site`` (HTML, PDFs, EPUBs, downloads), then one paper
is deleted and another renamed, and ``make site`` runs again: no page, source copy,
download, feed or sitemap entry, ``.tex``, PDF or EPUB of the old folders is left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ProjectFactory, paper

REPO = Path(__file__).resolve().parent.parent


def make_site(srcdir: Path, builddir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-C", str(REPO), "site", f"SOURCEDIR={srcdir}", f"BUILDDIR={builddir}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TEXTIMEOUT": "120"},
    )


def names_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_deleted_and_renamed_papers_leave_no_trace(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    papers = {
        f"{slug}/index.md": paper(
            f"Paper {slug.title()}", options=f":authors: Jane Doe\n:number: {n}\n:date: 2016"
        )
        for n, slug in enumerate(("keep", "gone", "old"), 1)
    }
    srcdir = make_project(papers)
    builddir = tmp_path / "build"
    first = make_site(srcdir, builddir)
    assert first.returncode == 0, first.stderr[-3000:]
    before = names_under(builddir / "html")
    for name in ("gone/index.html", "old/index.html", "downloads/gone.pdf", "downloads/old.epub"):
        assert name in before, name

    shutil.rmtree(srcdir / "gone")
    (srcdir / "old").rename(srcdir / "new")
    second = make_site(srcdir, builddir)
    assert second.returncode == 0, second.stderr[-3000:]

    html = builddir / "html"
    published = names_under(html)
    stale = [name for name in published if "gone" in name or "old" in name]
    assert stale == []
    assert {"new/index.html", "downloads/new.pdf", "downloads/new.epub"} <= published
    assert {"downloads/new.bib", "downloads/new.ris", "downloads/new.json"} <= published
    for listing in ("feed.xml", "sitemap.xml", "downloads/series.bib", "downloads/series.json"):
        text = (html / listing).read_text(encoding="utf-8")
        # the renamed paper keeps its title, at its new address
        assert "Paper Gone" not in text and "gone" not in text and "/old/" not in text, listing
        assert "new/" in text or "new.pdf" in text or "report-3" in text, listing
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "Paper Gone" not in index and 'href="new/index.html"' in index
    latex = {name for name in names_under(builddir / "latex") if name.endswith((".tex", ".pdf"))}
    assert {"keep.tex", "new.tex", "series.tex", "keep.pdf", "new.pdf", "series.pdf"} <= latex
    assert not [name for name in latex if name.startswith(("gone", "old"))]
    volume = (builddir / "latex" / "series.tex").read_text(encoding="utf-8")
    assert "Paper Gone" not in volume and "{old/index" not in volume
    epubs = sorted(path.name for path in (builddir / "epub").glob("*.epub"))
    assert epubs == ["keep.epub", "new.epub", "series.epub"]

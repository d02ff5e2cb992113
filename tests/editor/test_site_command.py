"""``research-series site`` (``make site``): every phase in one process, stopping at the
first that fails; ``tests/test_stale.py`` builds whole sites with it through ``make``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
from helpers import dead_links
from research_series.editor.cli import main

STRICT = "-q -W --keep-going"


def site(srcdir: Path, builddir: Path) -> subprocess.CompletedProcess[str]:
    """The command as ``make site`` runs it: a new process, strict."""
    command = [sys.executable, "-m", "research_series.editor.cli", "site", str(srcdir),
               "--builddir", str(builddir), "--sphinx-options", STRICT]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_a_folder_without_conf_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["site", str(tmp_path), "--builddir", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"error: {tmp_path}: no conf.py here; give the series folder")
    assert not (tmp_path / "out").exists()


def test_a_failing_build_stops_the_site(make_project: ProjectFactory, tmp_path: Path) -> None:
    """A paper's problem fails the HTML build: no PDF, EPUB or downloads are made."""
    srcdir = make_project({"p/index.md": paper(body="## Section\n\n{cite:p}`nosuchkey`.\n")})
    builddir = tmp_path / "build"
    proc = site(srcdir, builddir)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "nosuchkey" in proc.stderr and "Traceback" not in proc.stderr
    assert "research-series site: HTML failed after" in proc.stderr
    assert "research-series site: LaTeX" not in proc.stdout + proc.stderr
    assert not (builddir / "latex").exists() and not (builddir / "epub").exists()


@pytest.mark.parametrize(
    ("body", "environment"),
    [
        ("## Section\n\n{cite:p}`nosuchkey`.\n", {}),  # a paper's problem fails the HTML phase
        ("## Section\n\nText.\n", {"MAKE": "false"}),  # the PDFs cannot be made
    ],
    ids=["html-fails", "pdfs-fail"],
)
def test_a_site_that_stops_half_way_links_no_download_that_is_not_there(
    make_project: ProjectFactory, tmp_path: Path, body: str, environment: dict[str, str]
) -> None:
    srcdir = make_project({"good/index.md": paper("Good"), "p/index.md": paper(body=body)})
    builddir = tmp_path / "build"
    command = [sys.executable, "-m", "research_series.editor.cli", "site", str(srcdir),
               "--builddir", str(builddir), "--sphinx-options", STRICT]  # fmt: skip
    proc = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", **environment},
    )
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "the pages link only the downloads that were made" in proc.stderr
    html = builddir / "html"
    assert (html / "good" / "index.html").is_file()
    assert dead_links(html) == []

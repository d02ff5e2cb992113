"""``research-series site`` (``make site``): every phase in one process, stopping at the
first that fails; ``tests/test_stale.py`` builds whole sites with it through ``make``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
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

"""The benchmark's generator writes a series our toolchain builds, and a vanilla twin
(Sphinx + MyST + sphinxcontrib-bibtex) that builds too. Correctness only: no timings."""

from __future__ import annotations

import importlib
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import REPO
from helpers import article, sphinx_build, text_of
from research_series.model.authors import orcid_checksum_ok


def bench(module: str) -> ModuleType:
    """``bench.<module>`` from the repository root (``bench/`` is not installed)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module(f"bench.{module}")


def test_generator_is_seeded_and_realistic() -> None:
    generate = bench("generate")
    papers = generate.make_series(40, seed=3)
    again = generate.make_series(40, seed=3)
    assert [generate.ours_markdown(p) for p in papers] == [generate.ours_markdown(p) for p in again]
    assert sorted(paper.number for paper in papers) == list(range(1, 41))
    figures = generate.stats(papers)
    assert 2700 <= figures["words"] <= 3600
    assert 27 <= figures["notes"] <= 33
    assert 18 <= figures["references"] <= 22
    kinds = Counter(item.kind for paper in papers for item in paper.references)
    assert set(kinds) == {"book", "article", "incollection", "online", "techreport"}
    keys = Counter(item.key for paper in papers for item in paper.references)
    assert any(count > 1 for count in keys.values()), "some keys are shared across papers"
    orcids = [a.orcid for paper in papers for a in paper.authors if a.orcid]
    assert orcids and all(orcid_checksum_ok(orcid) for orcid in orcids)
    assert all(1 <= len(paper.authors) <= 3 for paper in papers)
    assert all(paper.uncited for paper in papers)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return bench("generate").generate(3, tmp_path_factory.mktemp("bench"), seed=7)


def test_generated_series_builds_with_our_toolchain(generated: Any, tmp_path: Path) -> None:
    result = sphinx_build(generated.ours, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(generated.ours) == []
    for paper in generated.papers:
        body = article(tmp_path / "html" / paper.slug / "index.html")
        text = text_of(body)
        assert paper.title in text
        assert "Works Cited" in text and "Works Referenced" in text
        notes = body.select("aside.footnote")
        assert len(notes) >= 25, f"{paper.slug}: {len(notes)} notes"
        cited = body.select(".works-list .bibliography-entry")
        assert len(cited) == len(paper.references)


def test_vanilla_twin_builds(generated: Any, tmp_path: Path) -> None:
    result = sphinx_build(generated.vanilla, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(generated.vanilla) == []
    for paper in generated.papers:
        text = text_of(article(tmp_path / "html" / paper.slug / "index.html"))
        assert paper.title in text and "Works Cited" in text


def test_runner_prints_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = bench("run")
    argv = ["--sizes", "3", "--rows", "full,noop,body", "--projects", "ours"]
    assert run.main([*argv, "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "| 3 | ours | full HTML -j 1 |" in out
    assert "| 3 | ours | no-op rebuild |" in out
    assert "| 3 | ours | edit one body |" in out

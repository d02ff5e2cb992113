"""The handbook builds strictly, its warnings page lists every warning an author can meet
(the series', MyST's, docutils' and Sphinx's), each with its fix, and its footer reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from myst_parser.warnings_ import MystWarnings

from helpers import sphinx_build, text_of
from research_series.reading.diagnostics import Problem

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handbook")
    result = sphinx_build(DOCS, out / "html", "-d", str(out / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert result.warnings(DOCS) == []
    return out / "html"


def test_every_warning_is_listed_with_its_fix(handbook: Path) -> None:
    soup = BeautifulSoup((handbook / "warnings.html").read_text(encoding="utf-8"), "html.parser")
    rows = {}
    for row in soup.select("table.warning-table tbody tr"):
        name, what, fix = (text_of(cell) for cell in row.find_all("td"))
        rows[name] = (what, fix)
    expected = {f"research.{p.value}" for p in Problem} | {f"myst.{w.value}" for w in MystWarnings}
    assert expected <= set(rows)
    assert any("numfig is disabled" in name for name in rows)  # Sphinx's, listed by hand
    assert all(what and len(fix) > 10 for what, fix in rows.values()), rows
    assert "suggests the near one" in rows["myst.directive_option"][1]


def test_the_footer_names_who_holds_the_copyright(handbook: Path) -> None:
    soup = BeautifulSoup((handbook / "index.html").read_text(encoding="utf-8"), "html.parser")
    footer = text_of(soup.select_one("div.footer"))
    assert "©." not in footer
    assert "National Security Studies Program" in footer

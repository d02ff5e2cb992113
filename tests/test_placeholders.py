"""Placeholders that ``new-paper`` and ``import`` write are refused at their lines, with
what to write instead, by ``check`` and by strict builds; the rest of the series is
published. The strings have one home (``model/placeholders.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
from helpers import sphinx_build
from research_series.editor.check import check_series
from research_series.editor.cli import main
from research_series.editor.manuscript import import_manuscript
from research_series.model.placeholders import (
    IMPORTED_ABSTRACT,
    PLACEHOLDERS,
    placeholders_in,
)
from test_import import plain_docx

GOOD = paper("A Good Paper", options=":authors: Jane Doe\n:number: 1\n:date: 2016")

SKELETON_WARNINGS = [
    "SRC/fresh/index.md:1: WARNING: 'Title of the Paper' is the placeholder that new-paper "
    "wrote; write the paper's title in its place [research.placeholder]",
    "SRC/fresh/index.md:4: WARNING: 'Author Name (Affiliation)' is the placeholder that "
    "new-paper wrote; write the authors in its place, ';'-separated, each 'Name "
    "(Affiliation)' [research.placeholder]",
    "SRC/fresh/index.md:8: WARNING: 'The abstract: one or more paragraphs saying what the "
    "paper finds.' is the placeholder that new-paper wrote; write the paper's abstract in "
    "its place: one or more paragraphs saying what the paper finds [research.placeholder]",
    "SRC/fresh/index.md:13: WARNING: 'The first section, with a note[^first].' is the "
    "placeholder that new-paper wrote; write the paper's first section in its place (keep "
    "a note mark such as [^first] only with its note) [research.placeholder]",
    "SRC/fresh/index.md:15: WARNING: 'A note. To cite a work, add its entry to "
    "`references.bib`...' is the placeholder that new-paper wrote; write the paper's note "
    "in its place, or delete the note with its mark [^first] [research.placeholder]",
]


def test_an_untouched_skeleton_is_refused_at_each_placeholder(
    make_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({"good/index.md": GOOD})
    assert main(["new-paper", "fresh", "--papers", str(srcdir), "--date", "2026"]) == 0
    capsys.readouterr()
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode != 0
    assert result.warnings(srcdir) == SKELETON_WARNINGS
    outdir = tmp_path / "html"
    assert (outdir / "good" / "index.html").is_file()
    assert not (outdir / "fresh" / "index.html").exists()
    assert "Title of the Paper" not in (outdir / "index.html").read_text(encoding="utf-8")
    assert "Title of the Paper" not in (outdir / "feed.xml").read_text(encoding="utf-8")
    problems = check_series(srcdir, base=srcdir.parent)
    assert [(p.file, p.line) for p in problems] == [
        ("src/fresh/index.md", line) for line in (1, 4, 8, 13, 15)
    ]


def test_an_imported_paper_without_an_abstract_is_refused_until_one_is_written(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({"good/index.md": GOOD})
    docx = plain_docx(tmp_path / "m.docx", title="An Imported Paper")
    import_manuscript(
        docx, srcdir, slug="imported", number=2, date="2016", authors=["Ann Poe"], title=None
    )
    index = srcdir / "imported" / "index.md"
    line = index.read_text(encoding="utf-8").splitlines().index(IMPORTED_ABSTRACT) + 1
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode != 0
    assert result.warnings(srcdir) == [
        f"SRC/imported/index.md:{line}: WARNING: 'Abstract to be written.' is the placeholder "
        "that import wrote; write the paper's abstract in its place: one or more paragraphs "
        "saying what the paper finds [research.placeholder]"
    ]
    assert not (tmp_path / "html" / "imported" / "index.html").exists()
    assert "Abstract to be written" not in (tmp_path / "html" / "index.html").read_text("utf-8")
    text = index.read_text(encoding="utf-8").replace(IMPORTED_ABSTRACT, "What it finds.")
    index.write_text(text, encoding="utf-8")
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert "An Imported Paper" in (tmp_path / "html" / "index.html").read_text("utf-8")


def test_each_placeholder_is_found_on_its_line() -> None:
    for placeholder in PLACEHOLDERS:
        text = f"before\n\n{placeholder.text}\n\nafter\n"
        assert placeholders_in(text) == [(3, placeholder)]
    assert placeholders_in("## Title of the Paper Revisited\n") == []
    assert placeholders_in("The abstract of a real paper.\n") == []

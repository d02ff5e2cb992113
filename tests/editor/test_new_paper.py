"""``new-paper`` and ``collect-downloads``: arguments checked, a skeleton that builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
from helpers import article, sphinx_build, text_of
from research_series.editor.cli import main
from research_series.editor.paper_folder import report_options, used_numbers
from research_series.model.placeholders import (
    SKELETON_ABSTRACT,
    SKELETON_NOTE,
    SKELETON_PARAGRAPH,
)


def test_new_paper_builds_strictly_with_the_next_number(
    make_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project(
        {
            "first/index.md": paper("First", options=":authors: A B\n:number: 3\n:date: 2016"),
            "broken/index.md": paper("Broken", options=":authors: A B\n:number: x\n:date: 2016"),
        }
    )
    argv = ["new-paper", "fresh-2026", "--papers", str(srcdir), "--title", "A Fresh Paper"]
    assert main([*argv, "--author", "Ann Poe (UNM)", "--date", "2026-03"]) == 0
    index = srcdir / "fresh-2026" / "index.md"
    assert capsys.readouterr().out.strip() == str(index)
    assert report_options(index.read_text(encoding="utf-8"))["number"] == "4"
    (srcdir / "broken").rename(tmp_path / "broken")  # the series must build strictly
    write_in_place_of_placeholders(index)

    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    page = text_of(article(tmp_path / "html" / "fresh-2026" / "index.html"))
    assert "A Fresh Paper" in page and "Ann Poe" in page and "No. 4" in page
    assert "March 2026" in page


def write_in_place_of_placeholders(index: Path) -> None:
    """What the author does next (an untouched skeleton is refused: test_placeholders.py)."""
    text = index.read_text(encoding="utf-8")
    for placeholder, own in (
        (SKELETON_ABSTRACT, "What the paper finds."),
        (SKELETON_PARAGRAPH, "The paper's first section[^first]."),
        (SKELETON_NOTE, "The paper's note."),
    ):
        assert placeholder in text
        text = text.replace(placeholder, own)
    index.write_text(text, encoding="utf-8")


def test_used_numbers_read_the_directive_as_the_extension_does(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.md").write_text(
        "# A\n\n````{research-report}\n:authors: X\n:number:  12 \n:date: 2016\n\nAbs.\n````\n"
        "\n```text\n:number: 99\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.md").write_text("# B\n\n:number: 50\n", encoding="utf-8")
    assert used_numbers(tmp_path) == {12: "a"}


def test_given_number(make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = make_project({"first/index.md": paper("First")})
    assert main(["new-paper", "second", "--papers", str(srcdir), "--number", "7"]) == 0
    assert report_options((srcdir / "second" / "index.md").read_text("utf-8"))["number"] == "7"
    assert main(["new-paper", "third", "--papers", str(srcdir), "--number", "1"]) == 2
    assert capsys.readouterr().err.endswith(
        f"error: --number 1 is used by {srcdir / 'first'}; choose another or leave out "
        "--number (next free: 8)\n"
    )
    assert not (srcdir / "third").exists()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["Bad_Slug"], "error: slug 'Bad_Slug': use lowercase letters, digits and single '-'"),
        (
            ["ok", "--date", "2016-02-30"],
            "error: --date: date '2016-02-30': February 2016 has 29 days",
        ),
        (["ok", "--date", "16"], "error: --date: date '16' is not a valid"),
        (["ok", "--number", "0"], "error: argument --number: '0': give a positive whole number"),
        (["exists"], "exists already; choose another slug"),
        (["ok", "--title", " "], "error: --title must be one line of text"),
    ],
)
def test_new_paper_rejects(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str], args: list[str], error: str
) -> None:
    srcdir = make_project({"exists/index.md": paper("Exists")})
    assert run(["new-paper", *args, "--papers", str(srcdir)]) == 2
    assert error in capsys.readouterr().err
    assert sorted(p.name for p in srcdir.iterdir()) == ["conf.py", "exists", "index.md"]


def test_missing_papers_folder_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["new-paper", "ok", "--papers", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"error: {missing}: no such folder; give the series folder with --papers\n"
    )
    assert not missing.exists()


def test_collect_downloads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "_biuld"
    assert main(["collect-downloads", str(typo)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {typo / 'html'}: no such folder; build")
    assert not typo.exists()

    build = tmp_path / "_build"
    # a paper's PDF has its .tex beside it; figure.pdf is an image the LaTeX builder copied
    files = ("html/index.html", "latex/a.tex", "latex/a.pdf", "latex/figure.pdf", "epub/a.epub")
    for name in (*files, "html/downloads/old.pdf"):
        (build / name).parent.mkdir(parents=True, exist_ok=True)
        (build / name).write_text("x", encoding="utf-8")
    assert main(["collect-downloads", str(build)]) == 0
    downloads = build / "html" / "downloads"
    assert sorted(p.name for p in downloads.iterdir()) == ["a.epub", "a.pdf"]
    # one line, not a line per file: a CI log of 500 papers stays readable
    assert capsys.readouterr().out == f"2 downloads in {downloads} (2 copied, 1 removed)\n"
    # again: nothing rebuilt, nothing copied; a rebuilt PDF is copied again
    assert main(["collect-downloads", str(build)]) == 0
    assert capsys.readouterr().out.endswith("(0 copied, 0 removed)\n")
    (build / "latex/a.pdf").write_text("rebuilt", encoding="utf-8")
    os.utime(build / "latex/a.pdf", ns=(1, 1))  # a time of its own, whatever the clock's grain
    assert main(["collect-downloads", str(build)]) == 0
    assert capsys.readouterr().out.endswith("(1 copied, 0 removed)\n")
    assert (downloads / "a.pdf").read_text(encoding="utf-8") == "rebuilt"


def run(argv: list[str]) -> int:
    """The exit status, whether argparse or the command refused."""
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)

"""``new-paper`` and ``import`` make a paper one way: the same bad argument gets the same
``error:`` line and exit status from both, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

import test_import as word
from conftest import ProjectFactory, paper
from helpers import article, sphinx_build, text_of, write_abstracts
from research_series.editor.cli import main
from research_series.editor.paper_folder import heading
from research_series.model.papers import is_valid_slug


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("new_paper", "imported", "message"),
    [
        (["Doe_2024"], ["--slug", "Doe_2024"], "error: slug 'Doe_2024': use lowercase letters"),
        (["taken"], ["--slug", "taken"], "taken exists already; choose another slug"),
        (
            ["--date", "2024-02-30"],
            ["--date", "2024-02-30"],
            "error: --date: date '2024-02-30': February 2024 has 29 days; the day is 01 to 29",
        ),
        (["--number", "3"], ["--number", "3"], "error: --number 3 is used by "),
        (
            ["--author", "Jane <b>Doe</b>"],
            ["--author", "Jane <b>Doe</b>"],
            "error: --author: cannot read author 'Jane <b>Doe</b>'",
        ),
        (
            ["--author", "Doe, Jane"],
            ["--author", "Doe, Jane"],
            "error: --author: author 'Doe, Jane' holds a comma",
        ),
        (
            ["--title", "Bell \x07 rings"],
            ["--title", "Bell \x07 rings"],
            "error: --title: the title holds the control character U+0007; delete it",
        ),
        (["--title", "Two\nlines"], ["--title", "Two\nlines"], "error: --title must be one line"),
    ],
)
def test_the_same_bad_argument_gets_the_same_answer(
    new_paper: list[str],
    imported: list[str],
    message: str,
    make_project: ProjectFactory,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srcdir = make_project(
        {"taken/index.md": paper("Taken", options=":authors: A B\n:number: 3\n:date: 2016")}
    )
    before = sorted(p.name for p in srcdir.iterdir())
    docx = word.write_docx(tmp_path / "m.docx", [word.para(word.run("Text."))], creator="Jo Roe")
    slug = [] if new_paper[0].startswith("-") else new_paper[:1]
    options = new_paper[len(slug) :]
    code, err = run(["new-paper", *(slug or ["fresh"]), "--papers", str(srcdir), *options], capsys)
    argv = ["import", str(docx), "--slug", "fresh", "--date", "2024", "--title", "T"]
    code2, err2 = run([*argv, "--papers", str(srcdir), *imported], capsys)
    assert (code, code2) == (2, 2), (err, err2)
    assert message in err and err == err2
    assert err.count("\n") == 1
    assert sorted(p.name for p in srcdir.iterdir()) == before


def test_one_slug_rule_for_the_commands_and_the_build() -> None:
    for good in ("doe-2024", "a", "hovander-2016", "p1"):
        assert is_valid_slug(good)
    for bad in ("Doe-2024", "doe_2024", "doe.2024", "-doe", "doe--2024", "doe-", "d\u00f6e", "٢٠"):
        assert not is_valid_slug(bad)


def test_a_title_ending_in_a_hash_keeps_it(make_project: ProjectFactory, tmp_path: Path) -> None:
    assert heading("Programming in C #") == "# Programming in C \\#"
    srcdir = make_project({})
    docx = word.write_docx(tmp_path / "m.docx", [word.para(word.run("Text."))], creator="Jo Roe")
    argv = ["import", str(docx), "--slug", "c-sharp", "--date", "2024", "--papers", str(srcdir)]
    assert main([*argv, "--title", "Why C #"]) == 0
    write_abstracts(srcdir)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = article(tmp_path / "html" / "c-sharp" / "index.html")
    assert text_of(page.select_one("h1")).rstrip("¶ ") == "Why C #"


@pytest.mark.parametrize("number", ["0", "-3", "seven", "٧", "1234567"])
def test_a_number_that_is_not_one_gets_the_same_answer(
    number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """argparse refuses it for both (exit 2), with the same last line."""
    papers = tmp_path / "papers"
    papers.mkdir()
    docx = word.write_docx(tmp_path / "m.docx", [word.para(word.run("Text."))], creator="Jo Roe")
    code, err = run(["new-paper", "fresh", "--papers", str(papers), "--number", number], capsys)
    argv = ["import", str(docx), "--slug", "fresh", "--date", "2024", "--papers", str(papers)]
    code2, err2 = run([*argv, "--number", number], capsys)
    assert (code, code2) == (2, 2)
    last = (
        f"argument --number: {number!r}: give a positive whole number up to 999999, e.g. --number 7"
    )
    assert err.splitlines()[-1].endswith(last) and err2.splitlines()[-1].endswith(last)
    assert list(papers.iterdir()) == []

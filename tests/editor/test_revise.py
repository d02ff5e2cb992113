"""``research-series revise``: the published version kept before the editor edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ProjectFactory, paper
from research_series.editor.cli import main
from research_series.editor.paper_folder import report_options

ORIGINAL = paper(
    "A Paper That Changes",
    options=":authors: Jane Doe\n:number: 4\n:date: 2016-02-01\n:keywords: Russia",
    body="## Section\n\nThe first text {cite}`doe2016`.\n\n![A map](map.png)\n",
)
BIB = "@book{doe2016, author = {Doe, Jane}, title = {A Book}, year = {2016}, publisher = {P}}\n"


@pytest.fixture
def series(make_project: ProjectFactory) -> Path:
    srcdir = make_project({"changing/index.md": ORIGINAL, "changing/references.bib": BIB})
    (srcdir / "changing" / "map.png").write_bytes(b"\x89PNG not really")
    return srcdir


def revise(srcdir: Path, *args: str) -> int:
    return main(["revise", *args, "--papers", str(srcdir)])


def test_revise_keeps_the_folder_and_sets_the_next_version(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "  Section 2\n rewritten. "
    assert revise(series, "changing", "--note", note, "--date", "2026-03-02") == 0
    folder = series / "changing"
    kept = folder / "versions" / "1"
    assert capsys.readouterr().out.strip() == (
        f"kept version 1 in {kept}; {folder / 'index.md'} is now version 2 (2026-03-02): "
        "edit it, then build"
    )
    assert (kept / "index.md").read_text(encoding="utf-8") == ORIGINAL
    assert (kept / "references.bib").read_text(encoding="utf-8") == BIB
    assert (kept / "map.png").read_bytes() == b"\x89PNG not really"
    assert sorted(p.name for p in kept.iterdir()) == ["index.md", "map.png", "references.bib"]
    options = report_options((folder / "index.md").read_text(encoding="utf-8"))
    assert options == {
        "authors": "Jane Doe",
        "number": "4",
        "date": "2016-02-01",
        "keywords": "Russia",
        "version": "2",
        "revised": "2026-03-02",
        "revision-note": "Section 2 rewritten.",
    }
    # the body and the abstract are the editor's, untouched
    assert (folder / "index.md").read_text(encoding="utf-8").replace(
        ":version: 2\n:revised: 2026-03-02\n:revision-note: Section 2 rewritten.\n", ""
    ) == ORIGINAL


def test_revising_again_needs_a_change_and_keeps_version_two(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert revise(series, "changing", "--note", "First change.", "--date", "2026-03-02") == 0
    capsys.readouterr()
    index = series / "changing" / "index.md"
    assert revise(series, "changing", "--note", "Second change.") == 2
    assert capsys.readouterr().err.strip() == (
        f"error: {index}: version 2 is not yet changed from version 1 (kept in "
        f"{series / 'changing' / 'versions' / '1'}); edit the paper first, then revise it again"
    )
    assert not (series / "changing" / "versions" / "2").exists()

    index.write_text(index.read_text(encoding="utf-8").replace("first text", "second text"))
    assert revise(series, "changing", "--note", "Second change.", "--date", "2026-04-01") == 0
    kept_two = (series / "changing" / "versions" / "2" / "index.md").read_text(encoding="utf-8")
    assert "second text" in kept_two and ":version: 2\n" in kept_two
    options = report_options(index.read_text(encoding="utf-8"))
    assert (options["version"], options["revised"], options["revision-note"]) == (
        "3", "2026-04-01", "Second change."
    )  # fmt: skip
    # the kept version 2 has no folder of versions inside it
    assert not (series / "changing" / "versions" / "2" / "versions").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--note", "N."], "error: SRC/nope/index.md: no such paper; give the slug of a "
         "paper folder (papers: changing, gone)"),
        (["changing", "--note", " \n "], "error: --note is empty; say in a sentence what the new "
         "version changes (the page shows it)"),
        (["gone", "--note", "N."], "error: SRC/gone/index.md:7: the paper is withdrawn; its page "
         "is the notice and is not revised (publish the new text as a new paper)"),
        (["changing", "--note", "N.", "--date", "2026-02"], "error: --date: the revision's date "
         "2026-02 needs its day: write YYYY-MM-DD"),
        (["changing", "--note", "N.", "--date", "2015-01-01"], "error: --date: the paper is "
         "revised (2015-01-01) before its date (2016-02-01); check ':revised:' and ':date:'"),
        (["Bad Slug", "--note", "N."], "error: slug 'Bad Slug': use lowercase letters, digits and "
         "single '-' between them (e.g. smith-2016), it becomes the paper's folder and URL"),
    ],
)  # fmt: skip
def test_bad_requests_are_located_errors(
    series: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    gone = paper(
        "Gone",
        options=":authors: A B\n:number: 5\n:date: 2016\n:status: withdrawn\n"
        ":withdrawn: 2017\n:withdrawn-reason: Wrong data.",
    )
    (series / "gone").mkdir()
    (series / "gone" / "index.md").write_text(gone, encoding="utf-8")
    before = (series / "changing" / "index.md").read_text(encoding="utf-8")
    assert revise(series, *args) == 2
    assert capsys.readouterr().err.strip().replace(str(series), "SRC") == message
    assert (series / "changing" / "index.md").read_text(encoding="utf-8") == before
    assert not (series / "changing" / "versions").exists()


def test_the_help_explains_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["revise", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "papers/SLUG/versions/N/" in out
    assert "--note NOTE what the new version changes, in a sentence its page shows" in out
    assert "--date DATE the new version's day, YYYY-MM-DD (default: today)" in out


def test_a_correction_stays_with_the_version_it_corrects(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    corrected = ORIGINAL.replace(
        ":keywords: Russia", ":keywords: Russia\n:corrected: 2016-05-01\n:correction: Fixed."
    )
    srcdir = make_project({"changing/index.md": corrected})
    assert revise(srcdir, "changing", "--note", "New.", "--date", "2026-03-02") == 0
    kept = report_options((srcdir / "changing/versions/1/index.md").read_text(encoding="utf-8"))
    assert (kept["corrected"], kept["correction"]) == ("2016-05-01", "Fixed.")
    current = report_options((srcdir / "changing/index.md").read_text(encoding="utf-8"))
    assert "corrected" not in current and "correction" not in current
    assert current["version"] == "2"

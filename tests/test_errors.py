"""Bad input: one clear warning with file and line, a failing build, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ProjectFactory, paper
from helpers import sphinx_build

OK = ":authors: Jane Doe\n:number: 1\n:date: 2016"
BOOK = "@book{waltz1979, author={Waltz, Kenneth N.}, title={Theory}, publisher={AW}, year={1979}}\n"

CASES = {
    "missing option": (
        {"p/index.md": paper(options=":authors: Jane Doe\n:date: 2016")},
        "SRC/p/index.md:3: WARNING: research-report: missing required option ':number:'; "
        "add e.g. ':number: 7' (a positive whole number unique in the series) "
        "[research.metadata]",
    ),
    "malformed date": (
        {"p/index.md": paper(options=":authors: Jane Doe\n:number: 1\n:date: 2016-13")},
        "SRC/p/index.md:6: WARNING: research-report: date '2016-13': there is no month 13; "
        "the month is 01 to 12 [research.metadata]",
    ),
    "unknown status": (
        {"p/index.md": paper(options=OK + "\n:status: draft")},
        "SRC/p/index.md:7: WARNING: research-report: unknown status 'draft'; use one of: "
        "working-paper, published, withdrawn [research.metadata]",
    ),
    "published without published-as": (
        {"p/index.md": paper(options=OK + "\n:status: published")},
        "SRC/p/index.md:7: WARNING: research-report: status 'published' needs ':published-as:' "
        "with the citation of the publication [research.metadata]",
    ),
    "bad ORCID checksum": (
        {
            "p/index.md": paper(
                options=":authors: Jane Doe <0000-0002-1825-0098>\n:number: 1\n:date: 2016"
            )
        },
        "SRC/p/index.md:4: WARNING: research-report: ORCID 0000-0002-1825-0098 of Jane Doe fails "
        "its checksum (last digit); copy the iD exactly from the author's ORCID record "
        "[research.metadata]",
    ),
    "empty abstract": (
        {"p/index.md": paper(options=OK, abstract="")},
        "SRC/p/index.md:3: WARNING: research-report: the abstract is empty; write the abstract "
        "as the directive's body [research.metadata]",
    ),
    "two directives": (
        {"p/index.md": paper(options=OK) + "\n```{research-report}\n" + OK + "\n\nAbs.\n```\n"},
        "SRC/p/index.md:15: WARNING: a second research-report directive in this paper (the "
        "first is at line 3); keep one directive per paper [research.metadata]",
    ),
    "folder without directive": (
        {"p/index.md": "# No directive\n\nText.\n"},
        "SRC/p/index.md:1: WARNING: this paper folder has no research-report directive; put one "
        "right after the paper's title heading (see the handbook's directive reference) "
        "[research.series]",
    ),
    "missing citation key": (
        {"p/index.md": paper(options=OK, body="Text {cite}`nokey`.\n"), "p/references.bib": BOOK},
        "SRC/p/index.md:11: WARNING: citation key 'nokey' is not in references.bib; add an entry "
        "with this key or correct the key [research.citation]",
    ),
    "citation without any bib": (
        {"p/index.md": paper(options=OK, body="Text {footcite}`waltz1979`.\n")},
        "SRC/p/index.md:11: WARNING: citation key 'waltz1979' is not in references.bib (there is "
        "none next to this paper); add an entry with this key or correct the key "
        "[research.citation]",
    ),
    "bib that does not parse": (
        {
            "p/index.md": paper(options=OK, body="Text {cite}`waltz1979`.\n"),
            "p/references.bib": BOOK + "\n@book{broken,\n  title = {Unclosed,\n  year = 1990\n",
        },
        "SRC/p/references.bib:4: WARNING: the file ends inside the value of field 'title' in "
        "entry 'broken': a brace or quote opened here is never closed; close it "
        "[research.bibtex]",
    ),
    "bib entry missing a comma (no echo such as 'no year')": (
        {
            "p/index.md": paper(options=OK, body="Text {cite}`waltz1979`.\n"),
            "p/references.bib": "@book{waltz1979,\n  author = {Waltz, Kenneth N.},\n"
            "  title = {Theory}\n  year = {1979},\n  publisher = {AW}\n}\n",
        },
        "SRC/p/references.bib:4: WARNING: syntax error in entry 'waltz1979': '}' expected; "
        "check for a missing comma, brace or quote here or at the end of the previous line "
        "[research.bibtex]",
    ),
    "a day the month does not have": (
        {"p/index.md": paper(options=":authors: Jane Doe\n:number: 1\n:date: 2015-02-30")},
        "SRC/p/index.md:6: WARNING: research-report: date '2015-02-30': February 2015 has 28 "
        "days; the day is 01 to 28 [research.metadata]",
    ),
    "an option near a known one": (
        {"p/index.md": paper(options=OK + "\n:keyword: deterrence")},
        "SRC/p/index.md:7: WARNING: 'research-report': Unknown option key: 'keyword' (allowed: "
        "['authors', 'corrected', 'correction', 'date', 'doi', 'keywords', 'number', "
        "'published-as', 'report-type', 'revised', 'revision-note', "
        "'status', 'version', 'withdrawn', 'withdrawn-reason']); did you mean ':keywords:'? "
        "[myst.directive_option]",
    ),
    "a cite key near one in the .bib": (
        {
            "p/index.md": paper(options=OK, body="Text {cite}`waltz1997`.\n"),
            "p/references.bib": BOOK,
        },
        "SRC/p/index.md:11: WARNING: citation key 'waltz1997' is not in references.bib; did you "
        "mean 'waltz1979'? Else add an entry with this key or correct the key [research.citation]",
    ),
    "a skipped heading level": (
        {"p/index.md": paper(options=OK, body="## Part\n\n#### Detail\n\nText.\n")},
        "SRC/p/index.md:13: WARNING: Non-consecutive header level increase; H2 to H4; make this "
        "heading H3 ('### '), or add the missing H3 heading above it [myst.header]",
    ),
    "footnote mark without definition": (
        {"p/index.md": paper(options=OK, body="Text[^x] and [^y].\n\n[^y]: Y.\n")},
        "SRC/p/index.md:11: WARNING: footnote mark [^x] has no definition; add a line "
        "'[^x]: text of the note' to this file, or remove the mark [research.footnote]",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_fails_with_one_clear_warning(case: str, make_project: ProjectFactory) -> None:
    files, expected = CASES[case]
    srcdir = make_project(files)
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.warnings(srcdir) == [expected]  # one: the cause, not its echoes


def test_duplicate_number_names_both_papers(make_project: ProjectFactory) -> None:
    srcdir = make_project({"a/index.md": paper(options=OK), "b/index.md": paper(options=OK)})
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    assert result.warnings(srcdir) == [
        "SRC/b/index.md:5: WARNING: paper number 1 is already used by SRC/a/index.md:5; give "
        "each paper its own ':number:' [research.series]"
    ]


def test_source_not_utf8_is_reported_and_not_built(make_project: ProjectFactory) -> None:
    srcdir = make_project({"good/index.md": paper(options=OK)})
    bad = srcdir / "bad" / "index.md"
    bad.parent.mkdir()
    bad.write_bytes(paper(title="Café", options=OK.replace("1", "2")).encode("latin-1"))
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.warnings(srcdir) == [
        "SRC/bad/index.md:1: WARNING: this file is not UTF-8 (byte 0xe9 on this line); re-save "
        "it as UTF-8 in your editor (the page is not built until then) [research.source]"
    ]
    assert (srcdir.parent / "out" / "good" / "index.html").is_file()
    assert not (srcdir.parent / "out" / "bad" / "index.html").exists()


def test_duplicate_key_within_one_paper_names_both_places(make_project: ProjectFactory) -> None:
    second = BOOK.replace("Theory", "Other")
    srcdir = make_project(
        {
            "p/index.md": paper(options=OK, body="Text {cite}`waltz1979`.\n"),
            "p/references.bib": BOOK + "\n" + second,
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    [warning] = result.warnings(srcdir)
    assert warning.startswith("SRC/p/references.bib:3: WARNING: ")
    assert (
        "waltz1979" in warning and "references.bib:1" in warning and "references.bib:3" in warning
    )


def test_bad_series_config_names_conf_line(make_project: ProjectFactory) -> None:
    from conftest import SERIES_CONF

    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + 'series_citation_style = "mla"\n',
            "p/index.md": paper(options=OK),
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    lineno = SERIES_CONF.count("\n") + 1
    assert result.warnings(srcdir) == [
        f"SRC/conf.py:{lineno}: WARNING: series_citation_style = 'mla' is invalid; set it to the "
        "name of an installed citation style (installed: author-date, chicago-author-date, "
        "chicago-notes) [research.config]"
    ]


def test_a_second_build_fails_again_and_publishes_no_broken_page(
    make_project: ProjectFactory,
) -> None:
    srcdir = make_project(
        {
            "good/index.md": paper(options=OK),
            "bad/index.md": paper(options=":authors: Jane Doe\n:number: 2\n:date: 2016-13"),
        }
    )
    outdir = srcdir.parent / "out"
    first = sphinx_build(srcdir, outdir)
    second = sphinx_build(srcdir, outdir)
    assert first.returncode == second.returncode == 1
    assert first.warnings(srcdir) == second.warnings(srcdir) != []
    assert (outdir / "good" / "index.html").is_file()
    assert not (outdir / "bad" / "index.html").exists()
    fixed = srcdir / "bad" / "index.md"
    fixed.write_text(fixed.read_text(encoding="utf-8").replace("2016-13", "2016-12"), "utf-8")
    assert sphinx_build(srcdir, outdir).returncode == 0
    assert (outdir / "bad" / "index.html").is_file()


def test_warnings_point_at_the_line_not_the_paragraph(make_project: ProjectFactory) -> None:
    """Inside a multi-line paragraph, a table, a note or a footnote: the line itself."""
    body = (
        "First line of a paragraph\n"  # 11
        "then {cite}`nokey` on its second.\n"  # 12
        "\n"
        "Another paragraph\n"  # 14
        "with a mark[^nodef] here.\n"  # 15
        "\n"
        "| a | b |\n"  # 17
        "|---|---|\n"
        "| x | {cite:p}`bad2` |\n"  # 19
        "\n"
        "```{note}\n"  # 21
        "Line one\n"
        "line two {cite}`bad3`.\n"  # 23
        "```\n"
        "\n"
        "Text[^n].\n"  # 26
        "\n"
        "[^n]: A note that runs\n"  # 28
        "    over {cite}`bad4` two lines.\n"  # 29
    )
    srcdir = make_project({"p/index.md": paper(options=OK, body=body), "p/references.bib": BOOK})
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    located = sorted(
        (int(w.split(":")[1]), w.split("WARNING: ")[1][:30]) for w in result.warnings(srcdir)
    )
    assert located == [
        (12, "citation key 'nokey' is not in"),
        (15, "footnote mark [^nodef] has no "),
        (19, "citation key 'bad2' is not in "),
        (23, "citation key 'bad3' is not in "),
        (29, "citation key 'bad4' is not in "),
    ]


def test_paths_are_shown_from_where_the_build_was_started(make_project: ProjectFactory) -> None:
    """Documents' and .bib files' paths alike, in locations and in messages."""
    srcdir = make_project(
        {
            "a/index.md": paper(options=OK),
            "b/index.md": paper(options=OK, body="Text {cite}`waltz1997`.\n"),
            "b/references.bib": BOOK + "@book{broken,\n  title = {Unclosed,\n",
        }
    )
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "src", "out"]
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        command, cwd=srcdir.parent, capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 1
    lines = sorted(line for line in proc.stderr.splitlines() if "WARNING" in line)
    assert [line.split(" WARNING: ")[0] for line in lines] == [
        "src/b/index.md:11:",
        "src/b/index.md:5:",
        "src/b/references.bib:3:",
    ]
    assert "already used by src/a/index.md:5;" in proc.stderr
    assert str(srcdir) not in proc.stderr

"""``research-series check``: the strict build's problems, all at once, without the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import sphinx_build
from research_series.editor.check import Problem, check_series, parse_record
from research_series.editor.cli import main

BIB = """\
@book{waltz1979,
  author = {Waltz, Kenneth N.},
  title = {Theory of International Politics},
  publisher = {Addison-Wesley},
  address = {Reading, MA},
  year = {1979},
}
"""

#: A series with a problem of every kind the editor meets, in several papers.
BROKEN = {
    "conf.py": SERIES_CONF + 'series_citation_style = "mla"\n',
    "alpha/index.md": paper(
        "Alpha",
        options=":authors: Jane Doe\n:number: 1\n:date: 2016-02-30",
        body="## One\n\nText[^a] and a mark with no note[^missing].\n\n"
        "[^a]: {cite}`waltz1979, 12` and {cite}`nobody2000`.\n",
    ),
    "alpha/references.bib": BIB + "@book{broken,\n  title = {No end}\n",
    "beta/index.md": paper(
        "Beta",
        options=":authors: John Roe\n:number: 1\n:date: 2017\n:status: gone",
        body="## One\n\n```{nosuchdirective}\n```\n",
    ),
    "gamma/index.md": "# Gamma\n\nNo directive here.\n",
    "delta/index.md": paper("Delta", options=":authors: Ann Poe\n:number: 4\n:date: 2018"),
    "epsilon/index.md": paper("Epsilon", options=":authors: Bo Li\n:number: 4\n:date: 2019"),
}

#: ``path:line: WARNING: message [type.subtype]`` as ``sphinx-build`` prints it.
LINE = re.compile(r"^(?P<file>/[^:]+?)(?::(?P<line>\d+))?: (?:WARNING|ERROR): (?P<message>.*)$")


def strict_build_problems(srcdir: Path, outdir: Path) -> set[tuple[str, int | None, str]]:
    """What ``make html`` reports, read from its warning stream by a regex of this test."""
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 1
    found = set()
    for line in result.stderr.splitlines():
        match = LINE.match(line)
        if match:
            number = int(match["line"]) if match["line"] else None
            found.add((str(Path(match["file"]).resolve()), number, match["message"]))
    return found


def test_check_agrees_with_the_strict_build(make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project(BROKEN)
    expected = strict_build_problems(srcdir, tmp_path / "html")
    problems = check_series(srcdir)
    got = {(p.file, p.line, p.message + p.kind) for p in problems}
    assert got == expected
    # every paper's problems, of every kind, in one run
    kinds = {p.subtype for p in problems}
    assert {"config", "metadata", "citation", "bibtex", "footnote", "series"} <= kinds
    assert {Path(p.file or "").parent.name for p in problems} >= {"alpha", "beta", "gamma"}
    assert not (tmp_path / "src" / "_build").exists()


def test_check_text_and_json(
    make_project: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    srcdir = make_project(BROKEN)
    monkeypatch.chdir(srcdir.parent)
    assert main(["check", "src"]) == 1
    out, err = capsys.readouterr()
    assert (
        "src/alpha/index.md:6: research-report: date '2016-02-30': February 2016 has 29 days; "
        "the day is 01 to 29 [research.metadata]"
    ) in out.splitlines()
    assert "src/beta/index.md:7: research-report: unknown status 'gone'; use one of: " in out
    assert re.search(r"problems in 6 files$", err.strip())

    assert main(["check", "src", "--format", "json"]) == 1
    items = json.loads(capsys.readouterr().out)
    first = next(i for i in items if i["message"].startswith("research-report: date"))
    assert first == {
        "file": "src/alpha/index.md",
        "line": 6,
        "message": "research-report: date '2016-02-30': February 2016 has 29 days; the day is "
        "01 to 29",
        "level": "warning",
        "type": "research",
        "subtype": "metadata",
    }


def test_check_of_a_good_series_is_silent(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({"alpha/index.md": paper("Alpha")})
    assert main(["check", str(srcdir), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "error: {src}: no such folder; give the series folder, the one holding conf.py"),
        ({"index.md": "# x\n"}, "error: {src}: no conf.py here; give the series folder, the one"),
    ],
)
def test_check_without_a_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str] | None, message: str
) -> None:
    src = tmp_path / "src"
    for name, text in (files or {}).items():
        src.mkdir(exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    assert main(["check", str(src)]) == 2
    assert capsys.readouterr().err.startswith(message.format(src=src))


def test_broken_conf_py_is_a_problem_not_a_traceback(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({"conf.py": SERIES_CONF + "series_title = (\n"})
    assert main(["check", str(srcdir)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{srcdir / 'conf.py'}:")
    assert "syntax error" in out and "Traceback" not in out


def test_parse_record_reads_sphinx_locations() -> None:
    assert parse_record("/p/a.md:7: WARNING: bad; fix [research.metadata]\n") == Problem(
        "/p/a.md", 7, "bad; fix", "warning", "research", "metadata"
    )
    assert parse_record("/p/a.md: ERROR: two\nlines\n") == Problem(
        "/p/a.md", None, "two\nlines", "error"
    )
    assert parse_record("WARNING: no place [misc]") == Problem(
        None, None, "no place", "warning", "misc"
    )

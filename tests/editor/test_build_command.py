"""``research-series build`` (``make html`` and the other formats), ``conf.py`` problems
as one line, and the command line's help and exit statuses as a user meets them."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SERIES_CONF, ProjectFactory, paper
from research_series.editor.cli import parser


def make_html(srcdir: Path, builddir: Path) -> subprocess.CompletedProcess[str]:
    """``make html`` through the repository's Makefile, in this environment."""
    return subprocess.run(
        [
            *("make", "-C", str(REPO), "--no-print-directory", "html", f"SOURCEDIR={srcdir}"),
            *(f"BUILDDIR={builddir}", "STAMP="),
            f"RESEARCH_SERIES={sys.executable} -m research_series.editor.cli",
        ],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("broken", "line", "message"),
    [
        ('series_title = ("Unclosed"\n', 16, "syntax error: '(' was never closed"),
        ("import nosuchmodule_here\n", 16, "ModuleNotFoundError: No module named"),
        ("x = 1 / 0\n", 16, "ZeroDivisionError: division by zero"),
    ],
)
def test_conf_py_that_does_not_load_is_one_line_at_its_line(
    make_project: ProjectFactory, tmp_path: Path, broken: str, line: int, message: str
) -> None:
    conf = SERIES_CONF + broken
    assert conf.count("\n") == line  # the broken statement is on the last line
    srcdir = make_project({"conf.py": conf, "p/index.md": paper()})
    proc = make_html(srcdir, tmp_path / "build")
    assert proc.returncode != 0
    errors = [text for text in proc.stderr.splitlines() if "error" in text.lower()]
    assert errors[0].startswith(f"{srcdir / 'conf.py'}:{line}: error: {message}"), proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "report" not in proc.stderr  # no "please report this to the developers"
    assert not (tmp_path / "build" / "html").exists()


def test_make_html_builds_and_prints_no_configuration_dump(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({"p/index.md": paper()})
    proc = make_html(srcdir, tmp_path / "build")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "build" / "html" / "p" / "index.html").is_file()
    assert "MdParserConfig" not in proc.stdout + proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) < 300


def test_every_command_and_option_has_help_in_a_users_words() -> None:
    main = parser()
    assert "argv" not in (main.description or "")
    subparsers = next(
        action for action in main._actions if isinstance(action, argparse._SubParsersAction)
    )
    helped = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert set(helped) == set(subparsers.choices) and all(helped.values())
    for name, command in subparsers.choices.items():
        for action in command._actions:
            if not isinstance(action, argparse._HelpAction):
                what = "/".join(action.option_strings) or action.dest
                assert action.help, f"research-series {name} {what} has no help"


def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path) -> None:
    for argv in (
        ["no-such-command"],
        ["check", "--format", "xml"],
        ["preview", "--port", "99999"],
        ["build", "html", str(tmp_path)],  # no conf.py there
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "research_series.editor.cli", *argv],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 2, (argv, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert proc.stderr.strip().splitlines()[-1].startswith(("error:", "research-series"))


@pytest.mark.parametrize("command", [["build", "html"], ["check"], ["site"], ["preview"]])
@pytest.mark.parametrize(
    ("has_folder", "fault"), [(False, "no such folder"), (True, "no conf.py here")]
)
def test_every_command_gives_the_same_advice_for_a_folder_that_is_no_series(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    has_folder: bool,
    fault: str,
) -> None:
    from research_series.editor.cli import main

    folder = tmp_path / "papres"  # the editor's typo
    if has_folder:
        folder.mkdir()
    assert main([*command, str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"error: {folder}: {fault}; give the series folder, the one holding conf.py (e.g. papers)\n"
    )


def test_preview_reports_a_broken_conf_py_in_one_line_before_serving(
    make_project: ProjectFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from research_series.editor.cli import main

    srcdir = make_project({"conf.py": SERIES_CONF + "x = 1 / 0\n", "p/index.md": paper()})
    assert main(["preview", str(srcdir), "--builddir", str(srcdir / "_build")]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        f"{srcdir / 'conf.py'}:16: error: ZeroDivisionError: division by zero; "
        "fix conf.py so that Sphinx can load it\n"
    )
    assert "Preview of" not in captured.out  # nothing was served

"""One way to make a paper folder, for ``new-paper`` and ``import`` alike.

Both commands check their arguments here, before anything is written, with the
rules the build applies (the slug rule of :mod:`...model.papers`, the directive's own
date, number, author and title rules of :mod:`...model.report`), so the same bad input
gets the same message and the same exit status from both; both find the next free
number here, write the title heading and the ``research-report`` directive here, and
put the folder in place here, whole or not at all.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from markdown_it import MarkdownIt

from ..model.papers import PAPER_DOCUMENT, SLUG_RULE, is_valid_slug, paper_folders
from ..model.report import MAX_NUMBER, date_problem, number_of, parse_report
from .errors import CommandError
from .myst_text import escape_inline

_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")


class PaperArgumentError(CommandError):
    """An argument of ``new-paper`` or ``import`` the build would refuse (exit status 2)."""


def number_argument(text: str) -> int:
    """``--number`` as both commands read it (an argparse ``type``)."""
    number = number_of(text) if text.isascii() else None
    if number is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a positive whole number up to {MAX_NUMBER}, e.g. --number 7"
        )
    return number


def check_text(option: str, value: str) -> str:
    """*value* if it is text that can be written (an argument in invalid UTF-8 is not)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        byte = ord(value[error.start]) - 0xDC00 if "\udc80" <= value[error.start] <= "\udcff" else 0
        raise PaperArgumentError(
            f"{option}: the text is not UTF-8 (byte 0x{byte:02X} at character {error.start + 1}); "
            "type it again in a terminal set to UTF-8"
        ) from None
    return value


def check_slug(slug: str) -> None:
    if not is_valid_slug(slug):
        raise PaperArgumentError(
            f"slug {check_text('slug', slug)!r}: use {SLUG_RULE}, it becomes the paper's "
            "folder and URL"
        )


def check_date(date: str) -> str:
    """The ``:date:`` value, or the directive's own message for one it would refuse."""
    problem = date_problem(check_text("--date", date))
    if problem:
        raise PaperArgumentError(f"--date: {problem}")
    return date.strip()


def _one_line(option: str, value: str) -> str:
    if not check_text(option, value).strip() or "\n" in value or "\r" in value:
        raise PaperArgumentError(f"{option} must be one line of text")
    return " ".join(value.split())


def check_title(title: str, option: str = "--title") -> str:
    """The title folded to one line, or what the directive would say against it."""
    title = _one_line(option, title)
    problems = parse_report(
        title,
        {"authors": "A", "number": "1", "date": "2000"},
        default_report_type="",
        has_abstract=True,
    )[1]
    for problem in problems:
        if problem.fatal and problem.option is None:
            raise PaperArgumentError(f"{option}: {problem.message}")
    return title


def check_authors(authors: Sequence[str], option: str = "--author") -> list[str]:
    """The authors as ``:authors:`` lists them, or the directive's message against them."""
    names = [_one_line(option, author) for author in authors]
    options = {"authors": "; ".join(names), "number": "1", "date": "2000"}
    problems = parse_report("T", options, default_report_type="", has_abstract=True)[1]
    for problem in problems:
        if problem.fatal and problem.option == "authors":
            raise PaperArgumentError(f"{option}: {problem.message}")
    return names


def check_target(papers: Path, slug: str) -> Path:
    """``papers/<slug>``, when the series folder exists and the paper's does not."""
    check_slug(slug)
    if not papers.is_dir():
        raise PaperArgumentError(f"{papers}: no such folder; give the series folder with --papers")
    folder = papers / slug
    if folder.exists():
        raise PaperArgumentError(f"{folder} exists already; choose another slug")
    return folder


def report_options(text: str) -> dict[str, str]:
    """The ``:name: value`` options of the first ``research-report`` directive in *text*.

    Read with MyST's own Markdown parser (markdown-it), so fences are found as
    the extension finds them, wherever they are and however long their backticks.
    """
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.info.strip() == "{research-report}":
            options = {}
            for line in token.content.splitlines():
                match = _OPTION.match(line.strip())
                if match is None:
                    break
                options[match["name"]] = match["value"]
            return options
    return {}


def used_numbers(papers: Path) -> dict[int, str]:
    """Each valid ``:number:`` in the series, with the paper folder that has it."""
    used: dict[int, str] = {}
    for slug in paper_folders(papers):
        try:
            text = (papers / slug / f"{PAPER_DOCUMENT}.md").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports an unreadable paper; it has no number to avoid
        number = number_of(report_options(text).get("number", ""))
        if number is not None:
            used.setdefault(number, slug)
    return used


def choose_number(papers: Path, number: int | None) -> int:
    """*number* when it is free, else the next free one when none is given."""
    used = used_numbers(papers)
    if number is None:
        return max(used, default=0) + 1
    if number_of(str(number)) is None:
        raise PaperArgumentError(
            f"--number {number}: give a positive whole number up to {MAX_NUMBER}"
        )
    if number in used:
        raise PaperArgumentError(
            f"--number {number} is used by {papers / used[number]}; "
            f"choose another or leave out --number (next free: {max(used) + 1})"
        )
    return number


def fence_for(lines: Sequence[str]) -> str:
    """A backtick fence longer than any fence inside *lines*."""
    runs = [len(m[1]) for line in lines if (m := re.match(r"\s*(`{3,})", line))]
    return "`" * max(3, max(runs, default=0) + 1)


def heading(title: str) -> str:
    """The title as the paper's ``# `` heading, shown exactly (a final '#' included)."""
    text = escape_inline(title)
    if text.endswith("#"):  # else CommonMark reads it as the heading's closing sequence
        text = text[:-1] + "\\#"
    return f"# {text}"


def report_head(
    title: str, authors: Sequence[str], number: int, date: str, abstract: Sequence[str]
) -> list[str]:
    """The title heading and the ``research-report`` directive with *abstract* as its body."""
    fence = fence_for(abstract)
    return [
        heading(title),
        "",
        f"{fence}{{research-report}}",
        f":authors: {'; '.join(authors)}",
        f":number: {number}",
        f":date: {date}",
        "",
        *abstract,
        fence,
    ]


#: Set by a Ctrl-C while a command records it (:func:`ctrl_c_recorded`).
_CTRL_C = threading.Event()


@contextmanager
def ctrl_c_recorded() -> Iterator[None]:
    """Ctrl-C raises ``KeyboardInterrupt`` as always, and is remembered as well.

    Python drops an exception raised while a finaliser runs (a ``ZipFile``'s
    ``__del__`` during garbage collection, say), and the command would go on to
    write the paper the editor stopped; :func:`staged_folder` puts no folder in
    place after a Ctrl-C it was told of.
    """

    def interrupted(signum: int, frame: FrameType | None) -> None:
        _CTRL_C.set()
        raise KeyboardInterrupt

    _CTRL_C.clear()
    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        _CTRL_C.clear()


@contextmanager
def staged_folder(papers: Path, slug: str) -> Iterator[Path]:
    """A hidden folder in *papers* to write the paper into, put in place as ``<slug>`` at
    the end; removed, and nothing left behind, when anything fails (Ctrl-C included)."""
    stage = Path(tempfile.mkdtemp(prefix=f".{slug}-", suffix=".partial", dir=papers))
    try:
        mask = os.umask(0)
        os.umask(mask)
        stage.chmod(0o777 & ~mask)  # mkdtemp's folder is private; a paper's is not
        yield stage
        if _CTRL_C.is_set():
            raise KeyboardInterrupt  # one Python dropped (ctrl_c_recorded)
        target = papers / slug
        if target.exists():
            raise PaperArgumentError(f"{target} exists already; choose another slug")
        stage.rename(target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise

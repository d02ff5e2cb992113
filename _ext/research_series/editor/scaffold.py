"""``research-series new-paper``: a paper folder that builds strictly as it stands."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from markdown_it import MarkdownIt

from ..model.papers import PAPER_DOCUMENT, paper_folders
from ..model.report import date_problem, number_of
from .errors import CommandError

#: A slug is the paper's folder and URL: lowercase letters, digits and '-'.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_OPTION = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")

PAPER_TEMPLATE = """\
# {title}

```{{research-report}}
:authors: {author}
:number: {number}
:date: {date}

The abstract: one or more paragraphs saying what the paper finds.
```

## Introduction

The first section, with a note[^first].

[^first]: A note. To cite a work, add its entry to `references.bib` in this folder and
    write its key in the note, the page in braces, e.g. `` {{cite}}`smith2016{{12}}` ``
    (see the handbook).
"""


class ScaffoldError(CommandError):
    """An argument of ``new-paper`` that cannot be used, with how to fix it."""


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


def new_paper(
    papers: Path,
    slug: str,
    *,
    title: str,
    author: str,
    date: str | None = None,
    number: int | None = None,
) -> Path:
    """Create ``papers/<slug>/`` (``index.md``, an empty ``references.bib``); its index."""
    if not _SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"slug {slug!r}: use lowercase letters, digits and single '-' between them "
            "(e.g. smith-2016), it becomes the paper's folder and URL"
        )
    if not papers.is_dir():
        raise ScaffoldError(f"{papers}: no such folder; give the series folder with --papers")
    folder = papers / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} exists already; choose another slug")
    date = date if date is not None else str(dt.date.today().year)
    problem = date_problem(date)
    if problem:
        raise ScaffoldError(f"--date: {problem}")
    for name, value in (("--title", title), ("--author", author)):
        if not value.strip() or "\n" in value:
            raise ScaffoldError(f"{name} must be one line of text")
    used = used_numbers(papers)
    if number is None:
        number = max(used, default=0) + 1
    elif number < 1:
        raise ScaffoldError(f"--number {number}: give a positive whole number")
    elif number in used:
        raise ScaffoldError(
            f"--number {number} is used by {papers / used[number]}; "
            f"choose another or leave out --number (next free: {max(used) + 1})"
        )
    folder.mkdir()
    index = folder / f"{PAPER_DOCUMENT}.md"
    text = PAPER_TEMPLATE.format(
        title=title.strip(), author=author.strip(), number=number, date=date
    )
    index.write_text(text, encoding="utf-8")
    (folder / "references.bib").write_text("", encoding="utf-8")
    return index

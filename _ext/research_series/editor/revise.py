"""``research-series revise``: keep the version readers cited before the editor edits.

The paper's folder as it is (``index.md``, ``references.bib``, images) is copied
to ``<slug>/versions/<n>/``, which the build publishes at its own URL and nothing
ever rewrites, and the paper's ``research-report`` directive is given the next
version's number, date and note (``:version:``, ``:revised:``, ``:revision-note:``);
a correction notice stays with the version it corrects, in the kept copy.
The copy is put in place whole or not at all; ``index.md`` is changed only after.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from markdown_it import MarkdownIt

from ..model.papers import PAPER_DOCUMENT, VERSIONS, paper_folders
from ..model.report import Status, parse_report
from .paper_folder import PaperArgumentError, check_slug, check_text, report_options

#: The options ``revise`` writes; the rest of the directive is the editor's.
REVISION_OPTIONS = ("version", "revised", "revision-note")
#: Which argument gave the value of each option, for the build's message about it.
_ARGUMENT = {"version": "the paper's ':version:'", "revised": "--date", "revision-note": "--note"}
#: A correction notice belongs to the version it corrects: the kept copy keeps it.
_LEFT_WITH_THE_KEPT = ("corrected", "correction")
_OPTION_LINE = re.compile(r"^\s*:([\w-]+):")
_REVISION_LINE = re.compile(rf"^\s*:(?:{'|'.join(REVISION_OPTIONS + _LEFT_WITH_THE_KEPT)}):")


def revise(papers: Path, slug: str, note: str, date: str | None = None) -> str:
    """Keep the paper's current version; returns what was done, in a sentence."""
    check_slug(slug)
    folder = papers / slug
    index = folder / f"{PAPER_DOCUMENT}.md"
    if not index.is_file():
        known = ", ".join(paper_folders(papers)) or "none"
        raise PaperArgumentError(
            f"{index}: no such paper; give the slug of a paper folder (papers: {known})"
        )
    note = " ".join(check_text("--note", note).split())
    if not note:
        raise PaperArgumentError(
            "--note is empty; say in a sentence what the new version changes (the page shows it)"
        )
    text = index.read_text(encoding="utf-8")
    lines = text.splitlines()
    start, end = _directive_lines(text, index)
    options = report_options(text)
    status_line = _line_of(lines, start, end, "status")
    if (options.get("status") or "").strip() == Status.withdrawn.value:
        raise PaperArgumentError(
            f"{index}:{status_line}: the paper is withdrawn; its page is the notice and is "
            "not revised (publish the new text as a new paper)"
        )
    current = _version(options, index, _line_of(lines, start, end, "version"))
    revised = date or dt.date.today().isoformat()
    new_options = {"version": str(current + 1), "revised": revised, "revision-note": note}
    _check_with_the_build(options, new_options)
    kept = folder / VERSIONS / str(current)
    if kept.exists():
        raise PaperArgumentError(
            f"{kept} exists already: version {current} is kept; check ':version:' at "
            f"{index}:{_line_of(lines, start, end, 'version')}"
        )
    previous = folder / VERSIONS / str(current - 1)
    if current > 1 and previous.is_dir() and _snapshot(previous) == _snapshot(folder):
        raise PaperArgumentError(
            f"{index}: version {current} is not yet changed from version {current - 1} "
            f"(kept in {previous}); edit the paper first, then revise it again"
        )
    _keep(folder, kept)
    index.write_text(
        _with_options(lines, start, end, new_options) + ("\n" if text.endswith("\n") else ""),
        encoding="utf-8",
    )
    return (
        f"kept version {current} in {kept}; {index} is now version {current + 1} "
        f"({revised}): edit it, then build"
    )


def _directive_lines(text: str, index: Path) -> tuple[int, int]:
    """The 0-based lines of the ``research-report`` fence: its opening and its end."""
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "fence" and token.info.strip() == "{research-report}" and token.map:
            return token.map[0], token.map[1]
    raise PaperArgumentError(
        f"{index}: no research-report directive; the paper's metadata is in it "
        "(see docs/directive.md)"
    )


def _option_rows(lines: list[str], start: int, end: int) -> list[int]:
    """The 0-based lines of the directive's ``:name: value`` options."""
    rows = []
    for row in range(start + 1, end):
        if not _OPTION_LINE.match(lines[row]):
            break
        rows.append(row)
    return rows


def _line_of(lines: list[str], start: int, end: int, option: str) -> int:
    """The 1-based line of ``:option:``, else the directive's."""
    for row in _option_rows(lines, start, end):
        match = _OPTION_LINE.match(lines[row])
        if match and match[1] == option:
            return row + 1
    return start + 1


def _version(options: dict[str, str], index: Path, line: int) -> int:
    text = (options.get("version") or "").strip()
    if not text:
        return 1
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 2:
        raise PaperArgumentError(
            f"{index}:{line}: ':version: {text[:20]}' is not a version number (2 or more); "
            "fix it first (make check says how)"
        )
    return int(text)


def _check_with_the_build(options: dict[str, str], new: dict[str, str]) -> None:
    """The new options as the build reads them: its message for a bad ``--date``."""
    merged = {**options, **new}
    problems = parse_report("T", merged, default_report_type="", has_abstract=True)[1]
    for problem in problems:
        if problem.fatal and problem.option in REVISION_OPTIONS:
            raise PaperArgumentError(f"{_ARGUMENT[problem.option]}: {problem.message}")


def _with_options(lines: list[str], start: int, end: int, new: dict[str, str]) -> str:
    """*lines* with the revision options set: replaced where given, else after the last."""
    rows = _option_rows(lines, start, end)
    kept = [row for row in rows if not _REVISION_LINE.match(lines[row])]
    insert_after = kept[-1] if kept else start
    added = [f":{name}: {value}" for name, value in new.items()]
    out = []
    for row, line in enumerate(lines):
        if row in rows and row not in kept:
            continue
        out.append(line)
        if row == insert_after:
            out.extend(added)
    return "\n".join(out)


def _snapshot(folder: Path) -> dict[str, bytes]:
    """What a version is made of (its files but kept versions), its revision lines aside."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] == VERSIONS or not path.is_file():
            continue
        data = path.read_bytes()
        if relative.as_posix() == f"{PAPER_DOCUMENT}.md":
            text = data.decode("utf-8", "replace").splitlines()
            data = "\n".join(line for line in text if not _REVISION_LINE.match(line)).encode()
        found[relative.as_posix()] = data
    return found


def _keep(folder: Path, kept: Path) -> None:
    """Copy the paper's files (but its kept versions) to *kept*, whole or not at all."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{kept.name}-", suffix=".partial", dir=kept.parent))
    try:
        mask = os.umask(0)
        os.umask(mask)
        stage.chmod(0o777 & ~mask)
        top = folder.resolve()

        def versions_folder(where: str, names: list[str]) -> list[str]:
            return [VERSIONS] if Path(where).resolve() == top and VERSIONS in names else []

        shutil.copytree(folder, stage, ignore=versions_folder, dirs_exist_ok=True)
        stage.rename(kept)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise

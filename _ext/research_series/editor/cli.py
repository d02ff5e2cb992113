"""``research-series``: small editor's commands around the Sphinx build.

Functions take ``argv`` so tests call them directly.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model.papers import paper_folders
from .manuscript import add_import_command, run_import

PAPER_TEMPLATE = """\
# {title}

```{{research-report}}
:authors: {author}
:number: {number}
:date: {date}
:keywords:

The abstract: one or more paragraphs.
```

## Introduction

Text, with a note[^first].

[^first]: A note. To cite a work of references.bib here, write `` {{cite}}`key{{12}}` ``
    (the page in braces); in the text, `` {{footcite}}`key{{12}}` `` makes a note of its own.
"""


def collect_downloads(builddir: Path) -> list[Path]:
    """Place every PDF and EPUB built into ``html/downloads/``, where the site links them.

    The folder mirrors what was built: a PDF or EPUB of a paper that is gone
    (deleted, renamed, withheld for its problems) is removed from it.
    """
    target = builddir / "html" / "downloads"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for pattern, folder in (("*.pdf", "latex"), ("*.epub", "epub")):
        # a PDF is a paper's when its .tex is there (figures are PDFs too)
        built = [
            path
            for path in sorted((builddir / folder).glob(pattern))
            if folder != "latex" or path.with_suffix(".tex").is_file()
        ]
        for path in built:
            destination = target / path.name
            shutil.copy2(path, destination)
            copied.append(destination)
        names = {path.name for path in built}
        for stale in target.glob(pattern):
            if stale.name not in names:
                stale.unlink()
    return copied


def new_paper(papers: Path, slug: str, title: str, author: str, date: str) -> Path:
    """Create ``papers/<slug>/`` with an ``index.md`` skeleton and the next free number."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise SystemExit(f"error: slug {slug!r}: use lowercase letters, digits and '-'")
    folder = papers / slug
    if folder.exists():
        raise SystemExit(f"error: {folder} exists already")
    numbers = [
        int(match[1])
        for name in paper_folders(papers)
        if (
            match := re.search(
                r"^:number:\s*(\d+)", (papers / name / "index.md").read_text("utf-8"), re.M
            )
        )
    ]
    folder.mkdir(parents=True)
    index = folder / "index.md"
    index.write_text(
        PAPER_TEMPLATE.format(
            title=title, author=author, number=max(numbers, default=0) + 1, date=date
        ),
        encoding="utf-8",
    )
    (folder / "references.bib").write_text("", encoding="utf-8")
    return index


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="research-series", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    collect = commands.add_parser("collect-downloads", help="copy PDFs and EPUBs into the site")
    collect.add_argument("builddir", type=Path, nargs="?", default=Path("_build"))
    new = commands.add_parser("new-paper", help="start a paper folder")
    new.add_argument("slug")
    new.add_argument("--papers", type=Path, default=Path("papers"))
    new.add_argument("--title", default="Title of the Paper")
    new.add_argument("--author", default="Author Name (Affiliation)")
    new.add_argument("--date", default="2026")
    add_import_command(commands)
    args = parser.parse_args(argv)
    if args.command == "import":
        return run_import(args)
    if args.command == "collect-downloads":
        for path in collect_downloads(args.builddir):
            print(path)
    else:
        print(new_paper(args.papers, args.slug, args.title, args.author, args.date))
    return 0


if __name__ == "__main__":
    sys.exit(main())

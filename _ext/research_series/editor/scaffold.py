"""``research-series new-paper``: a paper folder that builds strictly as it stands.

Its arguments are checked, its number chosen and its directive written by
:mod:`.paper_folder`, as ``import`` does.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model.papers import PAPER_DOCUMENT
from ..model.placeholders import SKELETON_ABSTRACT, SKELETON_NOTE, SKELETON_PARAGRAPH
from .paper_folder import (
    check_authors,
    check_date,
    check_target,
    check_title,
    choose_number,
    report_head,
    staged_folder,
)

ABSTRACT = SKELETON_ABSTRACT
BODY = f"""\
## Introduction

{SKELETON_PARAGRAPH}

[^first]: {SKELETON_NOTE}
"""


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
    check_target(papers, slug)
    date = check_date(date if date is not None else str(dt.date.today().year))
    title = check_title(title)
    authors = check_authors([author])
    number = choose_number(papers, number)
    head = report_head(title, authors, number, date, [ABSTRACT])
    with staged_folder(papers, slug) as stage:
        (stage / f"{PAPER_DOCUMENT}.md").write_text(
            "\n".join(head) + "\n\n" + BODY, encoding="utf-8"
        )
        (stage / "references.bib").write_text("", encoding="utf-8")
    return papers / slug / f"{PAPER_DOCUMENT}.md"

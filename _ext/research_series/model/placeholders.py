"""The placeholder text ``new-paper`` and ``import`` write, and what to write instead.

One home for these strings: the skeleton and the importer write them, and a
build refuses a paper that still holds one (``research.placeholder``), at its
line, so a placeholder never reaches the paper page, the index, the feed or the
PDF. A placeholder spanning several lines is found by its first line.
"""

from __future__ import annotations

from dataclasses import dataclass

#: ``import``: the abstract of a manuscript that has none.
IMPORTED_ABSTRACT = "Abstract to be written."
#: ``new-paper``: the abstract, the first section's paragraph and its note.
SKELETON_ABSTRACT = "The abstract: one or more paragraphs saying what the paper finds."
SKELETON_PARAGRAPH = "The first section, with a note[^first]."
SKELETON_NOTE = (
    "A note. To cite a work, add its entry to `references.bib` in this folder and\n"
    "    write its key in the note, the page in braces, e.g. `` {cite}`smith2016{12}` ``\n"
    "    (see the handbook)."
)
#: ``new-paper``'s ``--title`` and ``--author`` when they are not given.
DEFAULT_TITLE = "Title of the Paper"
DEFAULT_AUTHOR = "Author Name (Affiliation)"


@dataclass(frozen=True)
class Placeholder:
    """A placeholder: its text, which command writes it, and what to write instead."""

    text: str
    writer: str
    instead: str
    #: found only as a whole line (a heading), not inside a longer one
    whole_line: bool = False

    @property
    def marker(self) -> str:
        """The first line of the text, which a source line holds where it is left."""
        return self.text.splitlines()[0]


PLACEHOLDERS = (
    Placeholder(
        IMPORTED_ABSTRACT,
        "import",
        "write the paper's abstract in its place: one or more paragraphs saying what "
        "the paper finds",
    ),
    Placeholder(
        SKELETON_ABSTRACT,
        "new-paper",
        "write the paper's abstract in its place: one or more paragraphs saying what "
        "the paper finds",
    ),
    Placeholder(
        SKELETON_PARAGRAPH,
        "new-paper",
        "write the paper's first section in its place (keep a note mark such as "
        "[^first] only with its note)",
    ),
    Placeholder(
        SKELETON_NOTE,
        "new-paper",
        "write the paper's note in its place, or delete the note with its mark [^first]",
    ),
    Placeholder(
        f"# {DEFAULT_TITLE}", "new-paper", "write the paper's title in its place", whole_line=True
    ),
    Placeholder(
        DEFAULT_AUTHOR,
        "new-paper",
        "write the authors in its place, ';'-separated, each 'Name (Affiliation)'",
    ),
)


def placeholders_in(text: str) -> list[tuple[int, Placeholder]]:
    """``(line, placeholder)`` for every placeholder left in *text*; lines from 1."""
    found = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for placeholder in PLACEHOLDERS:
            left = (
                line.strip() == placeholder.marker
                if placeholder.whole_line
                else placeholder.marker in line
            )
            if left:
                found.append((lineno, placeholder))
    return found


def placeholder_message(placeholder: Placeholder) -> str:
    """What a build says about a placeholder left in a paper."""
    shown = placeholder.marker.removeprefix("# ")
    if len(shown) > 70:
        shown = shown[:60].rsplit(" ", 1)[0] + "..."
    return f"{shown!r} is the placeholder that {placeholder.writer} wrote; {placeholder.instead}"

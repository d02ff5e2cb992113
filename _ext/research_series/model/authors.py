"""Authors as the ``research-report`` directive names them, free of Sphinx.

``Name (Affiliation) <ORCID>``, separated by ``;``, with the family name marked by
slashes where it is not the last word (``/Han/ Ji-woo``, docs/authors.md). The
rules live here, apart from the rest of the paper's metadata (``report.py``),
because every export, the catalogue and the running head read the same split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pybtex.richtext import Text

from ..bibliography.record import join_list


class Complaints(Protocol):
    """Where a parser puts what is wrong with an option (``report._Collector``)."""

    @property
    def problems(self) -> Sequence[object]: ...

    def add(self, option: str | None, message: str, fatal: bool = True) -> None: ...


_AUTHOR = re.compile(
    r"^(?P<name>[^()<>]+?)\s*(?:\((?P<affiliation>.*)\))?\s*(?:<(?P<orcid>[^<>]*)>)?\s*$",
    re.DOTALL,
)
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.IGNORECASE)
#: A family name marked with slashes, at the start or the end of the name:
#: ``/Han/ Ji-woo`` (family name first), ``Gabriel /García Márquez/``.
_MARKED = re.compile(r"^(?P<before>[^/]*)/(?P<family>[^/]*)/(?P<after>[^/]*)$")
_MARK_HINT = (
    "put the family name between two slashes at the start or the end of the name: "
    "'/Han/ Ji-woo' (family name first), 'Gabriel /García Márquez/' (family name last)"
)
#: Name suffixes that follow a comma: "Martin Luther King, Jr."
_NAME_SUFFIX = re.compile(r",\s*(?:Jr|Sr|II|III|IV|V)\.?$")


@dataclass(frozen=True)
class Author:
    """One author; ``name`` is shown as written, the family name as marked.

    ``/Han/ Ji-woo`` (docs/authors.md) marks the family name with slashes:
    ``family`` is ``Han``, ``given`` ``Ji-woo``, and ``family_first`` says the
    name is written, cited and shown family name first. Unmarked names leave
    ``family`` ``None`` and are split as BibTeX splits ``First Last``.
    """

    name: str
    affiliation: str | None = None
    orcid: str | None = None
    family: str | None = None
    given: str = ""
    family_first: bool = False

    @property
    def orcid_url(self) -> str | None:
        return f"https://orcid.org/{self.orcid}" if self.orcid else None


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, the check digit ORCID uses."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    return digits[-1].upper() == expected


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B, and C``: the serial comma of the series' style."""
    return str(join_list([Text(name) for name in names]))


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated option, dropping empty items and folding whitespace."""
    return [" ".join(item.split()) for item in value.split(";") if item.strip()]


def parse_authors(value: str, out: Complaints) -> tuple[Author, ...]:
    authors = []
    for item in split_list(value):
        match = _AUTHOR.match(item)
        if not match or (match["affiliation"] or "").count("(") != (
            match["affiliation"] or ""
        ).count(")"):
            out.add(
                "authors",
                f"cannot read author {item!r}; write 'Name (Affiliation) <ORCID>', "
                "affiliation and ORCID optional, parentheses only around the affiliation, "
                "authors separated by ';'",
            )
            continue
        if "," in _NAME_SUFFIX.sub("", match["name"]):
            out.add(
                "authors",
                f"author {item!r} holds a comma; separate authors with ';' "
                "(':authors: Jane Doe; John Roe') and write each name as 'First Last', "
                "or family name first as '/Han/ Ji-woo'",
            )
            continue
        marked = _marked_family(item, match["name"], out)
        if marked is None:
            continue
        name, family, given, family_first = marked
        orcid = match["orcid"]
        if orcid is not None:
            orcid = _check_orcid(name, orcid.strip(), out)
        affiliation = (match["affiliation"] or "").strip() or None
        authors.append(Author(name, affiliation, orcid, family, given, family_first))
    if not authors and not out.problems:
        out.add("authors", "no author given; write ':authors: Name (Affiliation) <ORCID>; ...'")
    return tuple(authors)


def _marked_family(
    item: str, raw: str, out: Complaints
) -> tuple[str, str | None, str, bool] | None:
    """``(name as shown, family, given, family first)`` of a name, slashes read.

    ``/Han/ Ji-woo`` -> ``("Han Ji-woo", "Han", "Ji-woo", True)``; a name without
    slashes is returned as written with no family name marked.
    """
    text = " ".join(raw.split())
    if "/" not in text:
        return text, None, "", False
    match = _MARKED.match(text)
    if match is None:
        count = "one slash" if text.count("/") == 1 else f"{text.count('/')} slashes"
        out.add("authors", f"author {item!r} has {count}; {_MARK_HINT}")
        return None
    before, after = match["before"].strip(), match["after"].strip()
    family = " ".join(match["family"].split())
    if not family or (before and after):
        where = "an empty family name" if not family else "a family name in the middle"
        out.add("authors", f"author {item!r} has {where}; {_MARK_HINT}")
        return None
    if after:
        return f"{family} {after}", family, after, True
    return " ".join(f"{before} {family}".split()), family, before, False


def _check_orcid(name: str, raw: str, out: Complaints) -> str | None:
    match = _ORCID.match(raw)
    if not match:
        out.add(
            "authors",
            f"ORCID {raw!r} of {name.strip()} is malformed; write it as 0000-0002-1825-0097",
        )
        return None
    orcid = match[1].upper()
    if not orcid_checksum_ok(orcid):
        out.add(
            "authors",
            f"ORCID {orcid} of {name.strip()} fails its checksum (last digit); "
            "copy the iD exactly from the author's ORCID record",
        )
        return None
    return orcid

"""Labels that depend on the whole works list: 1990a/1990b and E. B. White.

An author-date citation must point to one entry of the works list.  Two works
by the same names in the same year both read ``Bernhard 1990``, so Chicago
(CMOS 17 15.19) and biblatex add a letter, ``1990a``, ``1990b`` (biblatex's
``extradate``); two authors who share a surname are told apart by their
initials, or their given names when the initials agree too (biblatex's
``uniquename=minfull``, CMOS 15.21).  Neither can be decided by a style that
sees one entry: ``work_labels`` computes both once over a works list and a style
made with ``CitationStyle.for_works`` prints them, so the text's citations and
the list agree wherever the same style object renders both.

Letters follow biber: works are grouped by their label names and the year the
entry shows (a range as written, so ``1987`` and ``1987-`` are different years),
and numbered in the bibliography's sort order; a group of one gets no letter,
nor does a work without names or without any year shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from pybtex.database import Entry, Person

from .latex import latex_to_str
from .names import is_organisation

__all__ = [
    "FULL",
    "INITIALS",
    "NO_LABEL",
    "NO_LABELS",
    "SURNAME",
    "LabelBasis",
    "WorkLabel",
    "WorkLabels",
    "letter",
    "work_labels",
]

#: How many given-name characters a citation shows for one person: none, initials, all.
SURNAME, INITIALS, FULL = 0, 1, 2


@dataclass(frozen=True)
class LabelBasis:
    """What a style prints that labels must tell apart, for one entry.

    ``names`` are the persons the citation names (biblatex's labelname, only as
    many as a citation shows before "et al."), ``truncated`` whether it adds
    "et al.", ``year`` the year as the works list shows it (``1987``, ``1987-``,
    ``n.d.``; empty when it shows none).
    """

    names: tuple[Person, ...]
    truncated: bool
    year: str


@dataclass(frozen=True)
class WorkLabel:
    """One work's labels: its letter (``"a"``) and each cited name's given-name level."""

    extradate: str = ""
    given: tuple[int, ...] = ()

    def level(self, index: int) -> int:
        """``SURNAME``, ``INITIALS`` or ``FULL`` for the ``index``-th cited name."""
        return self.given[index] if index < len(self.given) else SURNAME


NO_LABEL = WorkLabel()


@dataclass(frozen=True)
class WorkLabels:
    """The labels of every work of one works list, by citation key (case-insensitive)."""

    by_key: Mapping[str, WorkLabel] = field(default_factory=dict)

    def of(self, entry: Entry) -> WorkLabel:
        return self.by_key.get(str(entry.key).lower(), NO_LABEL)

    def __bool__(self) -> bool:
        return bool(self.by_key)


NO_LABELS = WorkLabels()

Basis: TypeAlias = Callable[[Entry], "LabelBasis | None"]
SortKey: TypeAlias = Callable[[Entry], tuple[str, ...]]


def letter(number: int) -> str:
    """biblatex's ``\\mknumalph``: 1 -> a, 26 -> z, 27 -> aa."""
    text = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


def _fold(value: str) -> str:
    return " ".join(latex_to_str(value).casefold().replace(".", ". ").split())


def _family(person: Person) -> str:
    return _fold(" ".join([*person.prelast_names, *person.last_names, *person.lineage_names]))


def _given(person: Person) -> str:
    if is_organisation(person):
        return ""
    return _fold(" ".join([*person.first_names, *person.middle_names]))


def _initials(given: str) -> str:
    return " ".join(part[0] for part in given.replace("-", " ").split() if part)


def _given_levels(bases: Mapping[str, LabelBasis]) -> dict[str, tuple[int, ...]]:
    """uniquename=minfull: given names only where cited names would otherwise agree.

    Works whose citations read alike by surnames alone (``White``) are compared;
    a person whose surname another person in them shares gets initials if the
    initials differ, else the whole given name.
    """
    by_surnames: dict[tuple[tuple[str, ...], bool], list[str]] = defaultdict(list)
    for key, basis in bases.items():
        if basis.names:
            surnames = tuple(_family(person) for person in basis.names)
            by_surnames[surnames, basis.truncated].append(key)
    levels: dict[str, tuple[int, ...]] = {}
    for keys in by_surnames.values():
        givens: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            for person in bases[key].names:
                givens[_family(person)].add(_given(person))
        for key in keys:
            found = []
            for person in bases[key].names:
                others = givens[_family(person)] - {_given(person)}
                if not others:
                    found.append(SURNAME)
                elif _initials(_given(person)) in {_initials(other) for other in others}:
                    found.append(FULL)
                else:
                    found.append(INITIALS)
            if any(found):
                levels[key] = tuple(found)
    return levels


def _identity(basis: LabelBasis, levels: Sequence[int]) -> tuple[object, ...]:
    """The names as the citation shows them (biber's namehash with uniquename)."""
    names = []
    for index, person in enumerate(basis.names):
        level = levels[index] if index < len(levels) else SURNAME
        names.append((_family(person), _given(person) if level else ""))
    return (tuple(names), basis.truncated)


def work_labels(entries: Iterable[Entry], basis: Basis, sort_key: SortKey) -> WorkLabels:
    """The labels of the works list ``entries`` as a style shows them.

    ``basis`` says what the style's citation of an entry prints (None: the style
    prints no labels for it), ``sort_key`` the works list's order, which gives
    the letters their order.
    """
    bases: dict[str, LabelBasis] = {}
    ordered: list[tuple[tuple[str, ...], str]] = []
    for entry in entries:
        found = basis(entry)
        if found is None:
            continue
        key = str(entry.key).lower()
        bases[key] = found
        ordered.append((sort_key(entry), key))
    levels = _given_levels(bases)
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for _sort, key in sorted(ordered, key=lambda item: item[0]):
        found = bases[key]
        if found.names and found.year:
            groups[(_identity(found, levels.get(key, ())), found.year.casefold())].append(key)
    letters = {
        key: letter(number)
        for keys in groups.values()
        if len(keys) > 1
        for number, key in enumerate(keys, start=1)
    }
    return WorkLabels(
        {
            key: WorkLabel(letters.get(key, ""), levels.get(key, ()))
            for key in bases
            if key in letters or key in levels
        }
    )

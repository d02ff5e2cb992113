"""Rendering of pybtex ``Person`` objects and name lists.

A name given in braces (``{United Nations}`` or ``{{Nautilus Institute}}``) is
an organisation: BibTeX cannot split it, so it is shown as written and never
inverted.  ``and others`` in a BibTeX name list marks a truncated list and is
rendered as "et al.".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.textutils import abbreviate

from .latex import latex_to_str, latex_to_text

__all__ = [
    "NameList",
    "is_family_first",
    "is_organisation",
    "name_list",
    "person_first_last",
    "person_initials_last",
    "person_last",
    "person_last_first",
    "person_last_initials",
    "person_sort_key",
]


def is_organisation(person: Person) -> bool:
    """True for a single fully braced name such as ``{United Nations}``."""
    if person.first_names or person.middle_names or person.prelast_names:
        return False
    if person.lineage_names or len(person.last_names) != 1:
        return False
    name: str = person.last_names[0]
    return name.startswith("{") and name.endswith("}") and _outer_group_spans(name)


def _outer_group_spans(name: str) -> bool:
    """True when the first ``{`` closes at the very end of ``name``."""
    depth = 0
    for index, char in enumerate(name):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index == len(name) - 1
    return False


def _is_others(person: Person) -> bool:
    return str(person) == "others"


def _join(parts: Sequence[str]) -> Text:
    return Text(" ").join([latex_to_text(part) for part in parts if part])


def person_last(person: Person) -> Text:
    """Surname as used in short forms: ``Waltz``; ``van Gennep``; organisations whole."""
    if is_organisation(person):
        return latex_to_text(person.last_names[0])
    return _join([*person.prelast_names, *person.last_names])


def is_family_first(person: Person) -> bool:
    """A name written family name first, never inverted: biblatex-chicago's ``cjk``
    name template (``nametemplates=cjk``, or a ``cjk=`` script part), or an author
    marked ``/Han/ Ji-woo``."""
    return bool(getattr(person, "family_first", False) or getattr(person, "cjk_name", ""))


def _family_first(person: Person) -> Text:
    """``Han Ji-woo``, ``Hua Linfu 華林甫``: family name, given name, the name in its script."""
    if not is_family_first(person):
        return Text()
    names = _join([*person.last_names, *person.first_names, *person.middle_names])
    script: str = getattr(person, "cjk_name", "")
    return Text(names, " ", latex_to_text(script)) if script else names


def person_first_last(person: Person) -> Text:
    """Natural order: ``Kenneth N. Waltz``; ``Martin Luther King Jr.``."""
    if is_organisation(person):
        return latex_to_text(person.last_names[0])
    if _family_first(person):
        return _family_first(person)
    names = [*person.first_names, *person.middle_names, *person.prelast_names]
    return _join([*names, *person.last_names, *person.lineage_names])


def person_last_first(person: Person) -> Text:
    """Inverted (Chicago bibliography): ``Waltz, Kenneth N.``; ``Gennep, Arnold van``;
    a name written family name first is never inverted (``Hua Linfu 華林甫``)."""
    if is_organisation(person):
        return latex_to_text(person.last_names[0])
    if _family_first(person):
        return _family_first(person)
    given = _join([*person.first_names, *person.middle_names, *person.prelast_names])
    parts = [_join(person.last_names), given, _join(person.lineage_names)]
    return Text(", ").join([part for part in parts if part])


def person_last_initials(person: Person) -> Text:
    """APA inverted with initials: ``Waltz, K. N.``; ``van Gennep, A.``."""
    if is_organisation(person):
        return latex_to_text(person.last_names[0])
    given = " ".join(
        abbreviate(latex_to_str(name)) for name in [*person.first_names, *person.middle_names]
    )
    parts = [_join([*person.prelast_names, *person.last_names]), Text(given)]
    parts.append(_join(person.lineage_names))
    return Text(", ").join([part for part in parts if part])


def person_initials_last(person: Person) -> Text:
    """APA natural order with initials, for editors: ``K. N. Waltz``."""
    if is_organisation(person):
        return latex_to_text(person.last_names[0])
    given = [abbreviate(latex_to_str(name)) for name in [*person.first_names, *person.middle_names]]
    names = [*given, *person.prelast_names, *person.last_names]
    return _join(names)


def person_sort_key(person: Person) -> str:
    """Sort by surname (ignoring the particle, as Chicago does), then given names."""
    if is_organisation(person):
        return latex_to_str(person.last_names[0])
    names = [*person.last_names, *person.first_names, *person.middle_names]
    return " ".join(latex_to_str(name) for name in [*names, *person.prelast_names])


@dataclass(frozen=True)
class NameList:
    """The persons of one role, with the ``and others`` marker split off."""

    persons: tuple[Person, ...]
    truncated: bool

    def __bool__(self) -> bool:
        return bool(self.persons)

    def __len__(self) -> int:
        return len(self.persons)


def name_list(persons: Sequence[Person]) -> NameList:
    """Build a ``NameList``; ``others`` anywhere in the list means "et al."."""
    real = tuple(person for person in persons if not _is_others(person))
    return NameList(real, truncated=len(real) != len(persons))

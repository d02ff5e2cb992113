"""Names: who heads an entry and in what role, and the contributors after the title.

Notes give names in natural order (``A, B, and C``; ``A et al.`` from four), the
bibliography inverts the first (14.76); short forms give surnames only.
"""

from __future__ import annotations

from pybtex.database import Person
from pybtex.richtext import Text

from ...bibstrings import bibstring
from ...labels import FULL, INITIALS, NO_LABEL, WorkLabel
from ...latex import latex_to_str
from ...names import (
    NameList,
    is_family_first,
    person_first_last,
    person_initials_last,
    person_last,
    person_last_first,
)
from ...record import Kind, Record, inherited_persons, join_list
from .text import capitalise_str, with_label

NO_NAMES = NameList((), False)


def note_names(names: NameList) -> Text:
    """``A``, ``A and B``, ``A, B, and C``, ``A et al.`` in natural order."""
    if not names:
        return Text()
    if names.truncated or len(names) >= 4:
        return Text(person_first_last(names.persons[0]), " et al.")
    return join_list([person_first_last(person) for person in names.persons])


def bibliography_names(names: NameList) -> Text:
    """First name inverted; more than ten names become seven and "et al."."""
    if not names:
        return Text()
    persons, truncated = names.persons, names.truncated
    if len(persons) > 10:
        persons, truncated = persons[:7], True
    items = [person_last_first(persons[0])]
    items += [person_first_last(person) for person in persons[1:]]
    if truncated:
        return Text(Text(", ").join(items), ", et al.")
    # "Waltz, Kenneth, and ...": the comma closes an inverted name; "Han Ji-woo and ..."
    return join_list(items, comma_for_two=not is_family_first(persons[0]))


def short_names(names: NameList, et_al_from: int = 4, label: WorkLabel = NO_LABEL) -> Text:
    """Surnames only: ``Waltz``, ``Keohane and Nye``, ``Lowenthal et al.``; with the
    initials or given names ``label`` asks for where surnames alone are ambiguous
    (``E. B. White``)."""
    if not names:
        return Text()
    if names.truncated or len(names) >= et_al_from:
        return Text(_short_name(names.persons[0], label.level(0)), " et al.")
    return join_list(
        [_short_name(person, label.level(index)) for index, person in enumerate(names.persons)]
    )


def _short_name(person: Person, level: int) -> Text:
    if level == FULL:
        return person_first_last(person)
    if level == INITIALS:
        return person_initials_last(person)
    return person_last(person)


def label_names(record: Record) -> NameList:
    """The names a short citation gives (biblatex's labelname): ``shortauthor`` if
    given, else the heading names."""
    shortauthor = record.names("shortauthor") or record.names("shorteditor")
    return shortauthor or creator(record)[0]


def creator(record: Record) -> tuple[NameList, str]:
    """Who heads the citation, and in what role (biblatex-chicago's labelname).

    Authors, else editors (not of a chapter's book), else translators; the
    entry's ``options`` can pass over either (``useauthor=false``).
    """
    authors = record.names("author")
    if authors and record.uses("author") and record.type not in _TITLE_FIRST:
        return authors, "author"
    editors = record.names("editor")
    heads = record.kind is not Kind.CHAPTER and record.type not in EDITOR_AFTER
    if editors and heads and record.uses("editor"):
        return editors, "editor"
    translators = record.names("translator")
    chapter = record.kind is Kind.CHAPTER
    if translators and not chapter and record.uses("translator") and record.type != "periodical":
        return translators, "translator"
    holders = record.names("holder")
    if holders and record.kind is Kind.PATENT:
        return holders, "holder"
    return NO_NAMES, ""


def corporate_author(record: Record, note: bool) -> Text:
    """A manual's organisation heads it when no person does (14.70); a standard's
    heads its bibliography entry."""
    if creator(record)[0] or not record.organization:
        return Text()
    if record.type == "manual" or (record.type == "standard" and not note):
        return record.organization
    return Text()


# Reference works and standards are known by title: their editors follow it.
EDITOR_AFTER = frozenset({"reference", "mvreference", "inreference", "standard", "letter"})


# Entries whose title names their author (an article in a reference work, a letter).
_TITLE_FIRST = frozenset({"inreference"})


def _role_label(record: Record, role: str, names: NameList) -> str:
    """``ed.``/``eds.``, ``trans.``, ``dir.``: the label after names that head an entry."""
    if role == "editor":
        kind = latex_to_str(record.raw("editortype")).strip() or "editor"
    elif role == "translator":
        kind = "translator"
    else:
        return ""
    plural = len(names) > 1 or names.truncated
    label = bibstring(kind + "s" if plural else kind)
    if label is None:
        label = bibstring(kind)
    return label if label is not None else kind


def heading_names(record: Record, note: bool) -> Text:
    """The names heading a note or bibliography entry, with role and pseudonym."""
    names, role = creator(record)
    if not names:
        return corporate_author(record, note)
    lead = note_names(names) if note else bibliography_names(names)
    authortype = latex_to_str(record.raw("authortype")).strip().casefold()
    if role == "author" and authortype in ("anon", "anon?"):
        lead = Text("[", lead, "?]" if authortype == "anon?" else "]")
    addon = record.text("nameaddon")
    if addon and role == "author":
        # Online items and reviews take a handle or place as written: (@ConanOBrien).
        as_written = record.type in ("online", "review", "suppperiodical")
        lead = Text(lead, " ", addon) if as_written else Text(lead, " [", addon, "]")
    label = _role_label(record, role, names)
    return Text(lead, ", ", label) if label else lead


def natural_names(names: NameList) -> Text:
    """All names in natural order, as a bibliography lists contributors."""
    if not names:
        return Text()
    persons, truncated = names.persons, names.truncated
    if len(persons) > 10:
        persons, truncated = persons[:7], True
    items = [person_first_last(person) for person in persons]
    if truncated:
        return Text(Text(", ").join(items), ", et al.")
    return join_list(items)


def same_persons(first: NameList, second: NameList) -> bool:
    """True when one list of people both edited and translated (14.104)."""
    return bool(first) and [str(p) for p in first.persons] == [str(p) for p in second.persons]


# Contributors named after the title: (role, note phrase, bibliography phrase).
_CONTRIBUTORS = (
    ("translator", "trans.", "Translated by"),
    ("commentator", "with commentary by", "With commentary by"),
    ("annotator", "with annotations by", "With annotations by"),
    ("introduction", "with an introduction by", "With an introduction by"),
    ("foreword", "with a foreword by", "With a foreword by"),
    ("afterword", "with an afterword by", "With an afterword by"),
)


def contributors(
    record: Record, note: bool, editors: bool, role: str = "", main_editor: bool = False
) -> list[Text]:
    """``ed. A``/``Edited by A``, ``trans. B``/``Translated by B`` and the like.

    ``role`` is the role already named at the head; ``main_editor`` leaves the
    editor to the main title (``vol. 4 of Opera, ed. J. Burnet``).  An author
    passed over by ``useauthor=false`` follows the title: ``by Ezra Pound``.
    """
    items = []
    names = note_names if note else natural_names
    roles: tuple[tuple[str, str, str], ...] = _CONTRIBUTORS
    by_author = record.kind not in (Kind.ARTICLE, Kind.WEB)  # a review's "author" may be a trick
    if role != "author" and record.names("author") and not record.uses("author") and by_author:
        items.append(with_label("by" if note else "By", names(record.names("author"))))
    title_editors = record.names("namea") if main_editor else record.names("editor")
    if editors and not main_editor and role == "editor":
        title_editors = NO_NAMES
    if editors or main_editor:
        label = editor_phrase(record, note, title_editors, main_editor)
        translators = record.names("nameb") or record.names("translator")
        if role != "translator" and same_persons(title_editors, translators):
            label = "ed. and trans." if note else "Edited and translated by"
            roles = roles[1:]
        items.append(with_label(label, names(title_editors)))
    if editors or main_editor:
        items += named_roles(record, note, roles=("editora", "editorb", "editorc"))
    if role == "translator" or (
        record.kind is Kind.CHAPTER and "translator" in inherited_persons(record.entry)
    ):
        roles = roles[1:]
    for contributor, note_phrase, bib_phrase in roles:
        phrase = note_phrase if note else bib_phrase
        persons = record.names(contributor)
        if contributor == "translator" and record.names("nameb"):
            persons = record.names("nameb")
        items.append(with_label(phrase, names(persons)))
    if record.names("namec"):  # usenamec=false only keeps the compiler from the head
        items.append(with_label("comp." if note else "Compiled by", names(record.names("namec"))))
    return [item for item in items if item]


def editor_phrase(record: Record, note: bool, names: NameList, main: bool) -> str:
    """``ed.``/``Edited by``, or the ``editortype`` (``dir.``/``Directed by``)."""
    kind = "editor" if main else latex_to_str(record.raw("editortype")).strip() or "editor"
    if kind == "none":
        return ""
    if note:
        return bibstring(kind) or kind
    phrase = bibstring("by" + kind)
    return capitalise_str(phrase) if phrase else kind


def _type_label(kind: str, note: bool, capital: bool = True) -> str:
    """``dir.``/``Directed by`` for ``director``; an unknown type as written (``written by``)."""
    kind = kind.strip()
    if note:
        return bibstring(kind) or kind
    phrase = bibstring("by" + kind) or kind
    return capitalise_str(phrase) if capital else phrase


def named_roles(
    record: Record, note: bool, skip: str = "", capital: bool = True, roles: tuple[str, ...] = ()
) -> list[Text]:
    """``editor``, ``editora``-``editorc`` with their types: ``dir. Gail Mancuso``."""
    names = note_names if note else natural_names
    items = []
    for role in roles or ("editor", "editora", "editorb", "editorc"):
        persons = record.names(role)
        if not persons or role == skip:
            continue
        kind = latex_to_str(record.raw(role + "type")).strip() or "editor"
        label = "" if kind == "none" else _type_label(kind, note, capital)
        items.append(with_label(label, names(persons)) if label else names(persons))
    return items

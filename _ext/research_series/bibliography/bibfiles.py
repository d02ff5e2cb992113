"""Loading .bib files into a ``Bibliography`` without ever raising.

pybtex's ``Parser`` stops at the first error (strict mode) or prints to stderr
(lenient mode), and forgets where each entry was.  The paper build needs every
problem with its file and line, and the line of each entry for "defined here"
messages, so this module drives pybtex's low-level scanner itself: it records
the line of each ``@``, turns every error into a ``BibProblem``, keeps the
first of two entries with the same key, and then applies biblatex ``xdata`` and
``crossref`` inheritance so that styles see complete entries.

Keys are case-insensitive, as in BibTeX and pybtex (``Waltz1979`` and
``waltz1979`` are the same entry); the mappings returned keep the spelling of
the definition.  @string macros carry over from one file to the next, in the
order the files are given, as in BibTeX.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import Entry, InvalidNameString, Person
from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict, OrderedCaseInsensitiveDict

__all__ = ["BibEntry", "BibProblem", "Bibliography", "load_bibliography"]

# Name-list fields parsed into pybtex ``Person`` objects (BibTeX and biblatex).
PERSON_FIELDS = frozenset(
    {
        "author",
        "editor",
        "translator",
        "bookauthor",
        "holder",
        "commentator",
        "annotator",
        "introduction",
        "foreword",
        "afterword",
        "editora",
        "editorb",
        "editorc",
        "namea",
        "nameb",
        "namec",
        "shortauthor",
        "shorteditor",
    }
)


@dataclass(frozen=True)
class BibProblem:
    """Something wrong in a .bib file, with where it is and how to fix it."""

    path: str
    line: int | None
    message: str


@dataclass(frozen=True)
class Bibliography:
    """Entries by citation key (case-insensitive), and where each was defined."""

    entries: Mapping[str, Entry] = field(default_factory=OrderedCaseInsensitiveDict)
    sources: Mapping[str, tuple[str, int]] = field(default_factory=OrderedCaseInsensitiveDict)
    #: keys (lower case) of entries a syntax error cut short: their missing fields
    #: are the error's echo, already reported, not problems of their own
    damaged: frozenset[str] = frozenset()


class BibEntry(Entry):  # type: ignore[misc]
    """A pybtex ``Entry`` that also knows the members of a biblatex ``@set``, the
    entries its ``related`` field names, and which persons it took from its crossref
    parent (a translator of the whole book is the container's, not the chapter's)."""

    set_members: tuple[Entry, ...] = ()
    related_entries: tuple[Entry, ...] = ()
    original_entries: tuple[Entry, ...] = ()  # biblatex-chicago's userf: the original
    inherited_persons: frozenset[str] = frozenset()


@dataclass
class _Loader:
    """State shared across the files of one ``load_bibliography`` call."""

    entries: OrderedCaseInsensitiveDict = field(default_factory=OrderedCaseInsensitiveDict)
    sources: OrderedCaseInsensitiveDict = field(default_factory=OrderedCaseInsensitiveDict)
    problems: list[BibProblem] = field(default_factory=list)
    macros: CaseInsensitiveDict = field(default_factory=lambda: CaseInsensitiveDict(month_names))
    damaged_at: set[tuple[str, int]] = field(default_factory=set)
    damaged: set[str] = field(default_factory=set)

    def problem(self, path: str, line: int | None, message: str) -> None:
        self.problems.append(BibProblem(path, line, message))


class _Scanner(LowLevelParser):  # type: ignore[misc]
    """pybtex's scanner, remembering where the current entry and value start."""

    entry_line = 1
    value_line = 1

    def parse_command(self) -> Any:
        self.entry_line = self.lineno
        return super().parse_command()

    def parse_value(self) -> None:
        self.value_line = self.lineno
        super().parse_value()

    def swallowed_fields(self) -> bool:
        """True when the last value runs over lines that look like ``name = ...``."""
        value = "".join(self.current_value or ())
        return bool(_FIELD_START.search(value))


_FIELD_START = re.compile(r"[\r\n]\s*[A-Za-z][\w-]*\s*=")


def load_bibliography(paths: Sequence[pathlib.Path]) -> tuple[Bibliography, list[BibProblem]]:
    """Parse the .bib files in order; problems are returned, never raised."""
    loader = _Loader()
    for path in paths:
        text = _read(loader, pathlib.Path(path))
        if text is not None:
            _parse(loader, str(path), text)
    _resolve(loader)
    bibliography = Bibliography(loader.entries, loader.sources, frozenset(loader.damaged))
    return bibliography, loader.problems


def _read(loader: _Loader, path: pathlib.Path) -> str | None:
    """The file's text; undecodable bytes become U+FFFD after a problem is noted."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"cannot read the file ({reason}); check the path in the paper's configuration"
        loader.problem(str(path), None, message)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = (
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x} cannot be decoded); "
            're-save it as UTF-8 or write the character as a LaTeX command such as {\\"u}'
        )
        loader.problem(str(path), line, message)
        return data.decode("utf-8-sig", errors="replace")


@contextmanager
def _collect_pybtex_errors() -> Iterator[list[Exception]]:
    """Route pybtex's ``report_error`` (e.g. bad names) into a list, then restore."""
    previous = pybtex.errors.captured_errors
    collected: list[Exception] = []
    pybtex.errors.captured_errors = collected
    try:
        yield collected
    finally:
        pybtex.errors.captured_errors = previous


def _parse(loader: _Loader, path: str, text: str) -> None:
    scanner: _Scanner

    def handle_error(error: PybtexSyntaxError) -> None:
        loader.problem(path, *_describe_syntax_error(error, scanner))
        loader.damaged_at.add((path, scanner.entry_line))

    scanner = _Scanner(text, macros=loader.macros, handle_error=handle_error, filename=path)
    with _collect_pybtex_errors() as pybtex_errors:
        for command, body in scanner:
            if command.lower() in ("string", "preamble"):
                continue
            key, fields = body
            if key is None:
                continue
            _add_entry(loader, path, scanner.entry_line, command, key, fields)
            if (path, scanner.entry_line) in loader.damaged_at:
                loader.damaged.add(key.lower())
            for error in pybtex_errors:
                loader.problem(path, scanner.entry_line, _describe_data_error(key, error))
            pybtex_errors.clear()


def _describe_data_error(key: str, error: Exception) -> str:
    if isinstance(error, InvalidNameString):
        return (
            f"entry '{key}': {error}; separate the names of a name list with 'and', "
            "and write each as 'Last, First' or 'First Last'"
        )
    return f"entry '{key}': {error}"


def _describe_syntax_error(error: PybtexSyntaxError, scanner: _Scanner) -> tuple[int | None, str]:
    """Line and an actionable message for a pybtex syntax error."""
    key = scanner.current_entry_key
    where = f" in entry '{key}'" if key else ""
    if isinstance(error, PrematureEOF):
        if scanner.current_field_name:
            field_name = scanner.current_field_name
            message = (
                f"the file ends inside the value of field '{field_name}'{where}: "
                "a brace or quote opened here is never closed; close it"
            )
            return scanner.value_line, message
        entry = f"entry '{key}'" if key else "an entry"
        message = f"the file ends inside {entry}; add its closing brace"
        return scanner.entry_line, message
    if isinstance(error, UndefinedMacro):
        name = error.args[0]
        message = (
            f"undefined @string macro '{name}'{where}; define it with "
            f"@string{{{name} = {{...}}}} or put the value in braces"
        )
        return error.lineno, message
    if scanner.current_field_name and scanner.swallowed_fields():
        field_name = scanner.current_field_name
        message = (
            f"the value of field '{field_name}'{where} runs on into the fields after it; "
            "its closing brace or quote is probably missing"
        )
        return scanner.value_line, message
    if "entry key" in str(error.args[0]):
        message = "an entry has no citation key; write it as @type{key, field = {...}}"
        return error.lineno, message
    message = (
        f"syntax error{where}: {error.args[0]}; check for a missing comma, "
        "brace or quote here or at the end of the previous line"
    )
    return error.lineno, message


def _add_entry(
    loader: _Loader,
    path: str,
    line: int,
    entry_type: str,
    key: str,
    fields: Sequence[tuple[str, Sequence[str]]],
) -> None:
    if key in loader.sources:
        first_path, first_line = loader.sources[key]
        first = _display(first_path, path)
        second = _display(path, first_path)
        message = (
            f"duplicate citation key '{key}': defined at {first}:{first_line} and "
            f"{second}:{line}; rename one of them"
        )
        loader.problem(path, line, message)
        return
    entry = BibEntry(entry_type)
    entry.key = key
    for name in _fill_fields(entry, fields):
        message = f"entry '{key}' has two '{name}' fields; the second is ignored, delete one"
        loader.problem(path, line, message)
    loader.entries[key] = entry
    loader.sources[key] = (path, line)


def _display(path: str, other: str) -> str:
    """The file name alone, unless two different files share that name."""
    name = pathlib.PurePath(path).name
    return path if path != other and pathlib.PurePath(other).name == name else name


def _fill_fields(entry: Entry, fields: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Store fields and persons on ``entry``; return the names given twice."""
    seen: set[str] = set()
    repeated = []
    for name, parts in fields:
        lower = name.lower()
        if lower in seen:
            repeated.append(name)
            continue
        seen.add(lower)
        value = normalize_whitespace("".join(parts))
        if lower in PERSON_FIELDS:
            for person in split_name_list(value):
                entry.add_person(_person(person), lower)
        else:
            entry.fields[name] = value
    if _family_first_template(entry.fields.get("options", "")):
        for persons in entry.persons.values():
            for person in persons:
                person.family_first = True
    return repeated


def _family_first_template(options: str) -> bool:
    """``nametemplates=cjk`` among biblatex options: names are family name first."""
    for item in split_tex_string(options, ","):
        name, _sep, value = item.partition("=")
        if name.strip().casefold() == "nametemplates" and value.strip().casefold() == "cjk":
            return True
    return False


_EXTENDED_NAME = re.compile(
    r"^\s*(?:family|given|prefix|suffix|cjk|nametemplates)\s*=", re.IGNORECASE
)
_NAME_PARTS = {"family": "last", "given": "first", "prefix": "prelast", "suffix": "lineage"}


def _person(value: str) -> Person:
    """A ``Person`` from a BibTeX name or biblatex's ``family=..., given=...`` form.

    A ``cjk=...`` part (the name in Chinese, Japanese or Korean script) is kept as
    ``cjk_name``; ``nametemplates=cjk`` (biblatex-chicago's ``cmsnameparts``)
    makes the name ``family_first``; other name parts are dropped.
    """
    if not _EXTENDED_NAME.match(value):
        return Person(value)
    parts: dict[str, str] = {}
    script = ""
    family_first = False
    for item in split_tex_string(value, ","):
        name, _sep, part = item.partition("=")
        role = _NAME_PARTS.get(name.strip().casefold())
        if role and part.strip():
            parts[role] = part.strip()
        elif name.strip().casefold() == "cjk":
            script = part.strip()
        elif _family_first_template(item):
            family_first = True
    person = Person(**parts)
    if script:  # biblatex-chicago's cjk name template: family name first, then the script
        person.cjk_name = script
    if family_first:
        person.family_first = True
    return person


# -- inheritance: xdata, crossref, sets ------------------------------------

_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        # biblatex-chicago: a part has its own link and date of access, never its
        # container's, and namea/nameb name the part's own editor and translator.
        "url",
        "urldate",
        "doi",
        "eprint",
        "eprinttype",
        "namea",
        "nameb",
        "sortyear",
        "sortname",
        "sorttitle",
    }
)
_UNTITLED = {"shorttitle": "", "sorttitle": "", "indextitle": "", "indexsorttitle": ""}
_AS_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_AS_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_CONTAINED = frozenset(
    {
        "inbook",
        "bookinbook",
        "suppbook",
        "incollection",
        "inreference",
        "suppcollection",
        "inproceedings",
        "conference",
        "letter",
    }
)
_RECORDINGS = frozenset({"audio", "music", "video"})
_MULTIVOLUME = frozenset({"mvbook", "mvcollection", "mvreference", "mvproceedings"})
_CONTAINERS = frozenset({"book", "collection", "reference", "proceedings"})


def _field_mapping(parent_type: str, child_type: str) -> Mapping[str, str]:
    """biblatex's default inheritance renames (manual, appendix B); "" = not inherited."""
    if parent_type in _MULTIVOLUME and child_type not in _MULTIVOLUME:
        return {**_AS_MAIN, **_UNTITLED}
    if parent_type in _CONTAINERS and child_type in _CONTAINED:
        return {**_AS_BOOK, **_UNTITLED}
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        return {**_AS_JOURNAL, **_UNTITLED}
    if parent_type in _RECORDINGS and child_type in _RECORDINGS:  # a track of an album
        return {**_AS_BOOK, **_UNTITLED}
    return {}


# Fields that say the same thing: a child with one of a group inherits none of it
# (a collection's own ``year`` is not overridden by its series' ``date``).
_ALIASES = (
    frozenset({"date", "year", "month", "day"}),
    frozenset({"journal", "journaltitle"}),
    frozenset({"address", "location"}),
    frozenset({"school", "institution"}),
)


def _has_alias_in(own: set[str], target: str) -> bool:
    """True when the child's own fields already hold ``target`` under another name."""
    group = next((names for names in _ALIASES if target in names), None)
    return group is not None and bool(own & group)


def _inherit(
    child: Entry, parent: Entry, mapping: Mapping[str, str], crossref: bool = False
) -> None:
    """Copy the parent's fields and persons that the child does not have."""
    own = {name.lower() for name in child.fields}
    for name, value in parent.fields.items():
        lower = name.lower()
        if lower in _NOT_INHERITED:
            continue
        target = mapping.get(lower, lower)
        if (
            target
            and target not in child.fields
            and not (target not in own and _has_alias_in(own, target))
        ):
            child.fields[target] = value
    inherited = set()
    for role, persons in parent.persons.items():
        if role not in child.persons:
            child.persons[role] = list(persons)
            inherited.add(role)
    if crossref and isinstance(child, BibEntry):
        child.inherited_persons = frozenset(child.inherited_persons | inherited)
    from_book = parent.type in ("book", "mvbook") and "author" in parent.persons
    if from_book and child.type in ("inbook", "bookinbook", "suppbook"):
        child.persons.setdefault("bookauthor", list(parent.persons["author"]))


def _resolve(loader: _Loader) -> None:
    """Apply xdata, then crossref, then collect set members, for every entry."""
    done: set[str] = set()
    for key in list(loader.entries):
        _resolve_entry(loader, key, done, ())
    for key, entry in list(loader.entries.items()):
        if entry.type == "xdata":
            del loader.entries[key]  # data containers, not citable (biblatex)
            del loader.sources[key]
        elif entry.type == "set":
            _resolve_set(loader, key, entry)
        if isinstance(entry, BibEntry):
            entry.related_entries = _entries(loader, entry.fields.get("related", ""))
            entry.original_entries = _entries(loader, entry.fields.get("userf", ""))


def _entries(loader: _Loader, keys: str) -> tuple[Entry, ...]:
    """The defined entries among a comma-separated list of keys."""
    return tuple(loader.entries[key] for key in _key_list(keys) if key in loader.entries)


def _resolve_entry(loader: _Loader, key: str, done: set[str], chain: tuple[str, ...]) -> None:
    lower = key.lower()
    if lower in done:
        return
    if lower in chain:
        cycle = " -> ".join((*chain[chain.index(lower) :], lower))
        message = f"entry '{key}' inherits from itself ({cycle}); remove one crossref or xdata"
        _reference_problem(loader, key, message)
        return
    entry = loader.entries[key]
    chain = (*chain, lower)
    for xdata in _key_list(entry.fields.get("xdata", "")):
        parent = _parent(loader, key, xdata, "xdata", done, chain)
        if parent is not None:
            _inherit(entry, parent, {})
    crossref = entry.fields.get("crossref", "").strip()
    if crossref:
        parent = _parent(loader, key, crossref, "crossref", done, chain)
        if parent is not None:
            _inherit(entry, parent, _field_mapping(parent.type, entry.type), crossref=True)
    done.add(lower)


def _parent(
    loader: _Loader,
    key: str,
    parent_key: str,
    field_name: str,
    done: set[str],
    chain: tuple[str, ...],
) -> Entry | None:
    if parent_key not in loader.entries:
        message = (
            f"entry '{key}' has {field_name} = {{{parent_key}}} but no entry "
            f"'{parent_key}' is defined; add it or correct the key"
        )
        _reference_problem(loader, key, message)
        return None
    _resolve_entry(loader, parent_key, done, chain)
    parent: Entry = loader.entries[parent_key]
    return parent


def _reference_problem(loader: _Loader, key: str, message: str) -> None:
    path, line = loader.sources[key]
    loader.problem(path, line, message)


def _key_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _resolve_set(loader: _Loader, key: str, entry: Entry) -> None:
    members = []
    for member_key in _key_list(entry.fields.get("entryset", "")):
        member = loader.entries.get(member_key)
        if member is None:
            message = (
                f"set '{key}' lists '{member_key}' in its entryset, but no such entry "
                "is defined; add it or remove it from the set"
            )
            _reference_problem(loader, key, message)
        elif member.type != "set":
            members.append(member)
    if isinstance(entry, BibEntry):
        entry.set_members = tuple(members)

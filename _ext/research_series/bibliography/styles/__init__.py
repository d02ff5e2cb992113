"""Citation styles: the ``CitationStyle`` base class and ``get_style``.

A ``CitationStyle`` is a pybtex formatting style (so ``format_entries`` and
the ``pybtex.style.formatting`` entry points keep working) with the extra
citation forms a notes-and-bibliography series needs.  Styles are found
through pybtex's plugin registry, so a third-party package can add one by entry
point; the two built-in styles are also registered at run time, which makes
them work from a source checkout that was never installed.
"""

from __future__ import annotations

import abc
import copy
import functools
import inspect
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, ClassVar, Self, TypeVar

from pybtex.database import Entry
from pybtex.plugin import PluginNotFound, enumerate_plugin_names, find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels.number import LabelStyle as NumberLabels
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.none import SortingStyle as Unsorted

from ..labels import NO_LABELS, LabelBasis, WorkLabels, work_labels
from ..latex import latex_to_str
from ..names import person_sort_key
from ..punct import add_period
from ..record import Kind, Record, related_entries, set_members

__all__ = [
    "DEFAULT_STYLE",
    "PLUGIN_GROUP",
    "CitationStyle",
    "fold",
    "get_style",
    "known_style_names",
    "or_key",
]

PLUGIN_GROUP = "pybtex.style.formatting"
DEFAULT_STYLE = "chicago-notes"


def fold(value: str) -> str:
    """Casefold and strip accents so that "Ébert" sorts with "Ebert"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def or_key(text: Text, entry: Entry) -> Text:
    """``text``, or the citation key when the entry has neither title nor names.

    Such a citation would be unrecognisable; the key at least lets the author
    find the entry (``check`` reports what is missing).
    """
    record = Record(entry)
    if text and (record.title or record.journal or record.has_creator()):
        return text
    return Text(str(entry.key or "?"))


_Form = TypeVar("_Form", bound=Callable[..., Text])


def members_for_sets(*forwarded: str) -> Callable[[_Form], _Form]:
    """A form method that gives a biblatex ``@set`` its members' forms, joined by "; ".

    Each member takes only the arguments *forwarded* names (a locator belongs to
    no one member of a set); the form is looked up on the style, so a subclass's
    own form serves its members.
    """

    def decorate(method: _Form) -> _Form:
        signature = inspect.signature(method)

        @functools.wraps(method)
        def form(self: Any, entry: Entry, *args: Any, **kwargs: Any) -> Text:
            members = set_members(entry)
            if not members:
                return method(self, entry, *args, **kwargs)
            given = signature.bind(self, entry, *args, **kwargs).arguments
            passed = {name: given[name] for name in forwarded if name in given}
            own = getattr(self, method.__name__)
            return Text("; ").join([own(member, **passed) for member in members])

        return form  # type: ignore[return-value]

    return decorate


class CitationStyle(BaseStyle, metaclass=abc.ABCMeta):  # type: ignore[misc]
    """Base class of the series' citation styles.

    Subclasses implement the five forms.  Every form renders whatever the entry
    has and never raises for missing fields; ``check`` says what is missing.
    """

    name: ClassVar[str] = ""
    # Classes rather than plugin names: pybtex looks a name up among the installed
    # entry points, a scan of every installed distribution's metadata per lookup.
    default_label_style: ClassVar[type] = NumberLabels
    default_name_style: ClassVar[type] = PlainNames
    default_sorting_style: ClassVar[type] = Unsorted

    #: The labels of the works list this style object cites from (``for_works``).
    labels: WorkLabels = NO_LABELS

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = self._sort_entries

    # -- the works list ---------------------------------------------------

    def for_works(self, entries: Iterable[Entry]) -> Self:
        """This style citing from the works list ``entries``: with its labels.

        Letters (``1990a``) and given names (``E. B. White``) depend on the other
        works of the list, so a paper's citations and its works lists must all be
        rendered by the one object this returns.
        """
        labelled = copy.copy(self)
        labelled.labels = work_labels(entries, self.label_basis, self.bibliography_sort_key)
        return labelled

    def label_basis(self, entry: Entry) -> LabelBasis | None:
        """What this style's citation of ``entry`` shows that labels must tell apart;
        None (the default) for a style that prints no such labels."""
        return None

    # -- the citation forms -----------------------------------------------

    @abc.abstractmethod
    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        """Full note for the first citation, without terminal period."""

    @abc.abstractmethod
    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        """Short note for later citations, without terminal period."""

    @abc.abstractmethod
    def format_bibliography_entry(self, entry: Entry) -> Text:
        """Bibliography entry, with terminal punctuation."""

    @abc.abstractmethod
    def format_parenthetical(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        """In-text citation to be put inside parentheses by the caller.

        *all_authors* names every author where the style would write "et al."
        (sphinxcontrib-bibtex's ``s`` roles).
        """

    @abc.abstractmethod
    def format_narrative(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        """In-text citation that names the author in the running text."""

    @abc.abstractmethod
    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        """The creators as the in-text citation names them (``Waltz``, ``King et al.``)."""

    @abc.abstractmethod
    def format_year(self, entry: Entry) -> Text:
        """The date as the in-text citation gives it (``1979``)."""

    def format_note_group(self, notes: Sequence[Text]) -> Text:
        """Join the citations of one note with "; " and end it with a period.

        Unlike ``Text.add_period`` this puts the period inside a closing
        quotation mark (``Weathersby, “Soviet Role.”``), as Chicago requires.
        """
        return add_period(Text("; ").join([note for note in notes if note]))

    # -- sorting and checking ---------------------------------------------

    def bibliography_sort_key(self, entry: Entry) -> tuple[str, ...]:
        """Names (else title without A/An/The), year, title; folded for sorting."""
        members = set_members(entry)
        if members:
            return self.bibliography_sort_key(members[0])
        record = Record(entry)
        persons = record.names("author") or record.names("editor")
        override = record.raw("sortkey", "sortname")  # biblatex's explicit sort fields
        if override:
            names = latex_to_str(override)
        elif persons:
            names = " ".join(person_sort_key(person) for person in persons.persons)
        elif record.organization and record.kind is not Kind.WEB:  # web: title comes first
            names = str(record.organization)
        else:
            names = record.sort_title()
        year = record.raw("sortyear") or (record.date.start.year if record.date else "")
        return (fold(names), year, fold(record.sort_title()))

    def check(self, entry: Entry) -> list[str]:
        """What keeps this entry from being rendered in full (empty if nothing)."""
        record = Record(entry)
        if record.kind is Kind.SET:
            return [] if set_members(entry) else ["set has no members (entryset field)"]
        problems = []
        if not record.known_type:
            problems.append(f"unknown entry type @{record.type}, shown in a generic form")
        comment = bool(related_entries(entry)) and record.raw("relatedtype") == "commenton"
        untitled_ok = comment or record.raw("titleaddon")  # "comment on ..."; "letters"
        if (
            not record.title
            and not untitled_ok
            and not (record.kind is Kind.PERIODICAL and record.journal)
        ):
            problems.append("no title")
        # No creator is no problem: Chicago lists anonymous works by title (14.75).
        if not _has_citable_date(record):
            problems.append("no year or date")
        problems.extend(_kind_problems(record, comment))
        return problems

    # -- pybtex integration -----------------------------------------------

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """pybtex hook: one bibliography entry (used by ``format_entries``)."""
        return FormattedEntry(entry.key, self.format_bibliography_entry(entry), label)

    def _sort_entries(self, entries: Iterable[Entry]) -> list[Entry]:
        return sorted(entries, key=self.bibliography_sort_key)


# Types that need no date: cross-references, archival papers (CMOS 14.221 gives
# dates where known), and a blog or site cited as a whole.
_UNDATED_TYPES = frozenset({"customc"})
# Parts whose title names the whole they are in (an encyclopedia's article by its
# headword, an introduction by the book it introduces): no booktitle needed.
_SELF_CONTAINED = frozenset({"inreference", "suppbook", "suppcollection", "letter"})


def _has_citable_date(record: Record) -> bool:
    """Whether the entry has some date a citation can give (or needs none)."""
    if record.date or record.origdate or record.eventdate or record.raw("pubstate"):
        return True
    if record.urldate and (record.kind is Kind.WEB or record.url or record.raw("userd")):
        return True
    if record.type in _UNDATED_TYPES or (record.type == "misc" and record.subtype):
        return True
    return record.kind is Kind.PERIODICAL and bool(record.url)


def _kind_problems(record: Record, comment: bool = False) -> list[str]:
    """Fields without which a type cannot be cited in full."""
    if record.kind is Kind.ARTICLE and not record.journal and not comment:
        return ["no journal (journal or journaltitle field)"]
    contained = record.kind is Kind.CHAPTER and record.type not in _SELF_CONTAINED
    if contained and not (record.booktitle or record.maintitle or related_entries(record.entry)):
        return ["no booktitle"]
    if record.kind is Kind.THESIS and not record.institution:
        return ["no school or institution"]
    linked = record.url or record.doi or record.raw("eprint") or related_entries(record.entry)
    if record.type == "online" and not linked:
        return ["no url or doi"]
    return []


_registered = False


def _register_builtin_styles() -> None:
    """Make the built-in styles findable even when the package is not installed."""
    global _registered
    if _registered:
        return
    from .authordate import AuthorDateStyle
    from .chicago import ChicagoNotesStyle
    from .chicago_authordate import ChicagoAuthorDateStyle

    for style in (ChicagoNotesStyle, AuthorDateStyle, ChicagoAuthorDateStyle):
        register_plugin(PLUGIN_GROUP, style.name, style)
    _registered = True


def _citation_style_class(name: str) -> type[CitationStyle] | None:
    try:
        found = find_plugin(PLUGIN_GROUP, name)
    except (PluginNotFound, ImportError, AttributeError):
        return None
    if isinstance(found, type) and issubclass(found, CitationStyle):
        return found
    return None


def known_style_names() -> list[str]:
    """Names of all installed styles that are ``CitationStyle`` subclasses."""
    _register_builtin_styles()
    names = dict.fromkeys(enumerate_plugin_names(PLUGIN_GROUP))
    return sorted(name for name in names if _citation_style_class(name) is not None)


def get_style(name: str = DEFAULT_STYLE) -> CitationStyle:
    """The style instance for ``name``, looked up and created once per process.

    Raises ``ValueError`` naming the known styles when ``name`` is unknown or
    is a pybtex style that cannot format citations (e.g. ``plain``).
    """
    return _style_named(name)


@cache
def _style_named(name: str) -> CitationStyle:
    _register_builtin_styles()
    style_class = _citation_style_class(name) if name else None
    if style_class is None:
        known = ", ".join(repr(known) for known in known_style_names())
        message = f"unknown citation style {name!r}; known styles are {known}"
        raise ValueError(message)
    return _instance(style_class)


@cache
def _instance(style_class: type[CitationStyle]) -> CitationStyle:
    """One instance per class, so that aliases of a style share it."""
    return style_class()

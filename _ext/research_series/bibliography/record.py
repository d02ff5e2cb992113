"""Read a pybtex ``Entry`` the way both styles need it.

BibTeX and biblatex name the same thing differently (``journal`` and
``journaltitle``, ``address`` and ``location``, ``school`` and
``institution``, ``year``/``month`` and ``date``); ``Record`` hides that, decodes
LaTeX once, and classifies the entry type into the few shapes a citation can
take, so each style only decides punctuation and order.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from functools import cached_property

from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import Entry, Person
from pybtex.richtext import HRef, String, Text

from .dates import DateRange, entry_date
from .latex import latex_to_str, latex_to_text, strip_url
from .names import NameList, name_list

__all__ = [
    "KNOWN_TYPES",
    "Kind",
    "Record",
    "abbreviate_page_range",
    "format_pages",
    "inherited_persons",
    "join_list",
    "ordinal",
    "original_entries",
    "related_entries",
    "set_members",
]


class Kind(enum.Enum):
    """The shape of a citation, shared by several BibTeX/biblatex types."""

    BOOK = "book"  # stand-alone work, italic title
    ARTICLE = "article"  # in a journal, magazine or newspaper
    CHAPTER = "chapter"  # part of a book or proceedings
    THESIS = "thesis"
    REPORT = "report"
    WEB = "web"  # web page or other online item
    PATENT = "patent"
    UNPUBLISHED = "unpublished"
    PERIODICAL = "periodical"  # a whole journal issue
    SET = "set"
    GENERIC = "generic"  # misc and unknown types


_KINDS = {
    **dict.fromkeys(["article", "suppperiodical", "review"], Kind.ARTICLE),
    **dict.fromkeys(
        [
            "book",
            "mvbook",
            "booklet",
            "manual",
            "collection",
            "mvcollection",
            "proceedings",
            "mvproceedings",
            "reference",
            "mvreference",
            "software",
            "dataset",
            "standard",
            "music",
            "audio",
            "video",
            "performance",
            "artwork",
            "image",
        ],
        Kind.BOOK,
    ),
    **dict.fromkeys(
        [
            "incollection",
            "inbook",
            "inproceedings",
            "conference",
            "inreference",
            "bookinbook",
            "suppbook",
            "suppcollection",
            "letter",
        ],
        Kind.CHAPTER,
    ),
    **dict.fromkeys(["thesis", "phdthesis", "mastersthesis"], Kind.THESIS),
    **dict.fromkeys(["report", "techreport"], Kind.REPORT),
    **dict.fromkeys(["online", "electronic", "www", "webpage"], Kind.WEB),
    "patent": Kind.PATENT,
    "unpublished": Kind.UNPUBLISHED,
    "periodical": Kind.PERIODICAL,
    "set": Kind.SET,
    "misc": Kind.GENERIC,
    "customc": Kind.GENERIC,  # biblatex-chicago's "see" cross-reference
}

KNOWN_TYPES = frozenset(_KINDS)

# biblatex localisation keys that appear in ``type`` and ``location`` fields.
_TYPE_KEYS = {
    "phdthesis": "PhD diss.",
    "mathesis": "Master\u2019s thesis",
    "mastersthesis": "Master\u2019s thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical Report",
    "resreport": "Research Report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent",
    "patentus": "US Patent",
    "patenteu": "European Patent",
    "patentde": "German Patent",
    "patentfr": "French Patent",
    "patentuk": "British Patent",
    "patreq": "Patent request",
    "patrequs": "US patent request",
    "patreqeu": "European patent request",
    "patreqde": "German patent request",
    "patreqfr": "French patent request",
    "patrequk": "British patent request",
}
_COUNTRIES = {
    "countryde": "Germany",
    "countryeu": "European Union",
    "countryfr": "France",
    "countryuk": "United Kingdom",
    "countryus": "United States",
}
_DEFAULT_TYPE = {
    "phdthesis": "PhD diss.",
    "thesis": "PhD diss.",
    "mastersthesis": "Master\u2019s thesis",
    "techreport": "Technical Report",
    "patent": "Patent",
}
_LEADING_ARTICLE = re.compile(r"^(the|an|a)\s+", re.IGNORECASE)


def join_list(items: Sequence[Text], conjunction: str = "and", comma_for_two: bool = False) -> Text:
    """``A``; ``A and B``; ``A, B, and C`` (serial comma, as Chicago and APA use)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return items[0] if items else Text()
    if len(items) == 2:
        separator = f", {conjunction} " if comma_for_two else f" {conjunction} "
        return Text(items[0], separator, items[1])
    return Text(Text(", ").join(items[:-1]), f", {conjunction} ", items[-1])


def abbreviate_page_range(first: str, last: str) -> str:
    """Chicago 17th ed. 9.61 inclusive numbers: 71-72, 100-104, 101-8, 321-28, 1496-500."""
    if not (first.isdigit() and last.isdigit()) or len(first) != len(last):
        return last
    start = int(first)
    if start < 100 or start % 100 == 0 or int(last) <= start:
        return last
    keep = next(index for index, (a, b) in enumerate(zip(first, last, strict=True)) if a != b)
    changed = last[keep:]
    minimum = 1 if start % 100 < 10 else 2
    return last[-max(len(changed), minimum) :]


_RANGE = re.compile(r"^\s*(\w+)\s*(?:-+|\u2013|\u2014)\s*(\w+)\s*$")


def format_pages(value: str, abbreviate: bool) -> Text:
    """Render a ``pages`` field: ranges get an en dash, optionally abbreviated."""
    rendered = []
    for part in split_tex_string(value, ","):
        match = _RANGE.match(part)
        if match:
            first, last = match.groups()
            last = abbreviate_page_range(first, last) if abbreviate else last
            rendered.append(latex_to_text(f"{first}\u2013{last}"))
        else:
            rendered.append(latex_to_text(part.strip()))
    return Text(", ").join([part for part in rendered if part])


class Record:
    """Decoded, normalised view of one entry; cheap to build per format call."""

    def __init__(self, entry: Entry) -> None:
        self.entry = entry
        self.type: str = entry.type.lower()
        self.kind = _KINDS.get(self.type, Kind.GENERIC)
        if self.kind is Kind.GENERIC and self.url:
            self.kind = Kind.WEB
        self.known_type = self.type in _KINDS

    # -- raw access --------------------------------------------------------

    def raw(self, *names: str) -> str:
        """The first non-empty field among ``names``, as written (LaTeX)."""
        for name in names:
            value: str = self.entry.fields.get(name, "")
            if value.strip():
                return value.strip()
        return ""

    def text(self, *names: str) -> Text:
        """The first non-empty field among ``names``, decoded; empty Text if none."""
        value = self.raw(*names)
        return latex_to_text(value) if value else Text()

    def names(self, role: str) -> NameList:
        """The persons of ``role``; a ``yes`` flag (``afterword = {yes}``) is no name."""
        persons: Sequence[Person] = self.entry.persons.get(role, ())
        return name_list([person for person in persons if str(person).casefold() != "yes"])

    @cached_property
    def options(self) -> dict[str, str]:
        """The entry's biblatex ``options`` field: ``useauthor=false`` and the like."""
        options = {}
        for item in split_tex_string(self.raw("options"), ","):
            name, _sep, value = item.partition("=")
            if name.strip():
                options[name.strip().casefold()] = value.strip().casefold() or "true"
        return options

    def uses(self, role: str) -> bool:
        """False when ``options`` holds ``use<role>=false`` (biblatex's useauthor etc.)."""
        return self.options.get(f"use{role}", "true") != "false"

    @cached_property
    def subtype(self) -> str:
        """``entrysubtype``, folded (``magazine``, ``classical``, ``tvepisode``...)."""
        return latex_to_str(self.raw("entrysubtype")).strip().casefold()

    # -- titles ------------------------------------------------------------

    def _titled(self, main: str, sub: str, addon: str) -> Text:
        title = self.text(main)
        subtitle = self.text(sub)
        if title and subtitle:
            separator = " " if str(title).rstrip().endswith(("?", "!")) else ": "
            title = Text(title, separator, subtitle)
        elif subtitle:
            title = subtitle
        addon_text = self.text(addon) if addon else Text()
        return Text(title, ". ", addon_text) if title and addon_text else title or addon_text

    @cached_property
    def title(self) -> Text:
        """Title with subtitle (``Title: Subtitle``) and ``titleaddon``."""
        return self._titled("title", "subtitle", "titleaddon")

    @cached_property
    def title_only(self) -> Text:
        """Title with subtitle, without ``titleaddon`` (which Chicago prints apart)."""
        return self._titled("title", "subtitle", "")

    @cached_property
    def short_title(self) -> Text:
        """``shorttitle``, else the title before its first colon (outside braces)."""
        if self.raw("shorttitle"):
            return self.text("shorttitle")
        raw = self.raw("title")
        if not raw:
            return self.title
        head = split_tex_string(raw, ":", strip=True)
        return latex_to_text(head[0]) if len(head) > 1 and head[0] else latex_to_text(raw)

    @cached_property
    def booktitle(self) -> Text:
        return self._titled("booktitle", "booksubtitle", "booktitleaddon")

    @cached_property
    def maintitle(self) -> Text:
        return self._titled("maintitle", "mainsubtitle", "maintitleaddon")

    @cached_property
    def journal(self) -> Text:
        journal = self.text("journaltitle", "journal")
        subtitle = self.text("journalsubtitle")
        return Text(journal, ": ", subtitle) if journal and subtitle else journal

    @cached_property
    def issuetitle(self) -> Text:
        return self._titled("issuetitle", "issuesubtitle", "issuetitleaddon")

    def sort_title(self) -> str:
        """Title for sorting: ``sorttitle`` if given, leading A/An/The dropped."""
        value = latex_to_str(self.raw("sorttitle", "title", "booktitle", "journaltitle"))
        return _LEADING_ARTICLE.sub("", value.strip())

    # -- publication facts ------------------------------------------------

    def list_field(self, *names: str) -> Text:
        """A biblatex list field (``Durham and London``) joined for display."""
        raw = self.raw(*names)
        if not raw:
            return Text()
        items = [_COUNTRIES.get(item.strip(), item) for item in split_name_list(raw)]
        return join_list([latex_to_text(item) for item in items])

    @cached_property
    def place(self) -> Text:
        return self.list_field("location", "address")

    @cached_property
    def publisher(self) -> Text:
        """Publishers joined with a slash (``Faber & Faber / Farrar``), as biblatex-chicago."""
        raw = self.raw("publisher")
        if not raw:
            return Text()
        return Text(" / ").join([latex_to_text(item) for item in split_name_list(raw)])

    def list_items(self, name: str) -> list[Text]:
        """The items of a biblatex list field, decoded."""
        raw = self.raw(name)
        return [latex_to_text(item) for item in split_name_list(raw)] if raw else []

    @cached_property
    def institution(self) -> Text:
        return self.list_field("institution", "school")

    @cached_property
    def organization(self) -> Text:
        return self.list_field("organization")

    @cached_property
    def date(self) -> DateRange:
        return entry_date(self.entry.fields)

    @cached_property
    def origdate(self) -> DateRange:
        return entry_date(self.entry.fields, "orig")

    @cached_property
    def eventdate(self) -> DateRange:
        return entry_date(self.entry.fields, "event")

    @cached_property
    def urldate(self) -> DateRange:
        return entry_date(self.entry.fields, "url")

    def year_text(self, compress: bool = False) -> str:
        """The year (or year range); "n.d." when there is none.

        ``compress`` shortens a range as CMOS 9.64 does (1951–63).
        """
        if self.date:
            return self.date.render_year(compress)
        pubstate = latex_to_str(self.raw("pubstate"))
        return pubstate or "n.d."

    def edition(self) -> Text:
        """``2nd ed.`` from a number, otherwise the field as written."""
        raw = self.raw("edition")
        if raw.isdigit():
            return Text(f"{ordinal(int(raw))} ed.")
        return latex_to_text(raw) if raw else Text()

    def type_label(self) -> Text:
        """The ``type`` field, with biblatex keys (``phdthesis``) spelled out."""
        raw = self.raw("type")
        if raw:
            key = raw.strip("{}").strip()
            return Text(_TYPE_KEYS[key]) if key in _TYPE_KEYS else latex_to_text(raw)
        return Text(_DEFAULT_TYPE.get(self.type, ""))

    def howpublished(self) -> Text:
        """``howpublished`` unless it only holds a URL (then it is the link)."""
        raw = self.raw("howpublished")
        if not raw or _looks_like_url(raw):
            return Text()
        return latex_to_text(raw)

    def pages(self, abbreviate: bool) -> Text:
        raw = self.raw("pages", "eid")
        return format_pages(raw, abbreviate) if raw else Text()

    # -- links ------------------------------------------------------------

    @cached_property
    def url(self) -> str:
        raw = self.raw("url")
        if not raw:
            howpublished = self.raw("howpublished")
            raw = howpublished if _looks_like_url(howpublished) else ""
        url = strip_url(raw) if raw else ""
        return f"https://{url}" if url.startswith("www.") else url

    @cached_property
    def doi(self) -> str:
        raw = strip_url(self.raw("doi")) if self.raw("doi") else ""
        return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", raw, flags=re.IGNORECASE)

    def link(self) -> Text:
        """The DOI as ``https://doi.org/...`` if there is one, else the URL."""
        if self.doi:
            url = f"https://doi.org/{self.doi}"
            return Text(HRef(url, url))
        if self.url:
            return Text(HRef(self.url, self.url))
        return Text()

    def eprint(self) -> Text:
        """``arXiv:1234.5678 [hep-th]`` style identifier, linked when it is arXiv."""
        identifier = strip_url(self.raw("eprint")) if self.raw("eprint") else ""
        if not identifier:
            return Text()
        kind = latex_to_str(self.raw("eprinttype", "archiveprefix")).strip()
        category = latex_to_str(self.raw("eprintclass", "primaryclass")).strip()
        suffix = f" [{category}]" if category else ""
        if kind.casefold() == "arxiv":
            url = f"https://arxiv.org/abs/{identifier}"
            return Text(HRef(url, f"arXiv:{identifier}"), suffix)
        label = f"{kind}: " if kind else ""
        return Text(String(f"{label}{identifier}{suffix}"))

    def has_creator(self) -> bool:
        """True when some person or body is responsible for the work."""
        roles = ("author", "editor", "bookauthor", "holder")
        if any(self.names(role) for role in roles):
            return True
        if self.organization:
            return True
        return self.kind is Kind.REPORT and bool(self.institution)


def related_entries(entry: Entry) -> tuple[Entry, ...]:
    """The entries named in ``related`` (filled in by ``load_bibliography``)."""
    related: Sequence[Entry] = getattr(entry, "related_entries", ())
    return tuple(related)


def original_entries(entry: Entry) -> tuple[Entry, ...]:
    """The original an entry translates or reprints (biblatex-chicago's ``userf``)."""
    originals: Sequence[Entry] = getattr(entry, "original_entries", ())
    return tuple(originals)


def inherited_persons(entry: Entry) -> frozenset[str]:
    """The name lists an entry took from its ``crossref`` parent."""
    inherited: frozenset[str] = getattr(entry, "inherited_persons", frozenset())
    return inherited


def set_members(entry: Entry) -> tuple[Entry, ...]:
    """The member entries of a biblatex ``@set`` (filled in by ``load_bibliography``)."""
    members: Sequence[Entry] = getattr(entry, "set_members", ())
    return tuple(members)


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"\s*(?:\\url\s*\{|https?://|ftp://|www\.)", value))


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``11th``, ``23rd``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"

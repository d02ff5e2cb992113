"""Chicago Manual of Style, 17th edition, notes and bibliography.

The reference is biblatex-chicago (David Fussner's implementation of CMOS 17,
``notes`` option); ``tests/test_chicago_reference.py`` compares this style with
it, entry by entry, on biblatex-chicago's own ``notes-test.bib``.

* full note ``Kenneth N. Waltz, Theory of International Politics (Reading, MA:
  Addison-Wesley, 1979), 258``; short note ``Waltz, Theory of International
  Politics, 258``; bibliography ``Waltz, Kenneth N. Theory of International
  Politics. Reading, MA: Addison-Wesley, 1979.``
* every biblatex-chicago entry type has its driver: books and their parts,
  articles, reviews and comments, letters and archival material (``@misc`` with
  an ``entrysubtype``), reference works (``s.v.``), recordings, films and
  broadcasts, artworks, performances, standards, data sets, patents, ``@customc``
  cross-references ("see Creasey, John").
* titles keep the case they were entered in (a series rule); whole works are
  italic, parts quoted, letters, reviews and archival items plain (capitalised
  at the start of a sentence); a following comma or period goes inside the
  closing quotation marks, and a comma stays after a quoted title ending in
  ``?`` (``“Why War?,” League``).
* biblatex's localisation keys are spelled out (``\\bibstring{reviewof}``,
  ``edition = {revisededition}``), as are ``editortype`` roles (``dir.``,
  ``Directed by``); the ``options`` field's ``useauthor=false``/``useeditor=false``
  move those names after the title.
* page ranges take an en dash and are abbreviated as in CMOS 17 9.61
  (425-58, 101-8, 321-28, 1496-500), year ranges as in 9.64 (1951-63,
  1898-1903); in a note a locator replaces an article's or chapter's page range.
* dates: "n.d." for an undated work (not for recordings and archival items),
  ``[1957?]`` for an uncertain year, ``ca. 1920`` for an approximate one,
  ``1860s`` for ``186X``; reprints give the original publication first
  (``1924; repr., Oxford: ...``).
* names: two "A and B", three "A, B, and C", four or more "A et al." in notes;
  the bibliography inverts the first name and lists up to ten, else seven and
  "et al." (14.76).  Braced names (organisations) are never inverted.
* the author-date forms (``format_parenthetical``/``format_narrative``) follow
  CMOS 15: ``Waltz 1979, 258``, ``Keohane and Nye 1977``, three or more names
  ``Lowenthal et al. 2014`` (the series rule, as in CMOS 18).  The full
  author-date style is ``chicago_authordate.ChicagoAuthorDateStyle``.
"""

from __future__ import annotations

import re

from pybtex.database import Entry, Person
from pybtex.richtext import BaseText, Tag, Text

from ..bibstrings import bibstring
from ..dates import MONTHS, DateRange
from ..labels import FULL, INITIALS, NO_LABEL, LabelBasis, WorkLabel
from ..latex import latex_to_str, resolve_part_strings
from ..names import (
    NameList,
    person_first_last,
    person_initials_last,
    person_last,
    person_last_first,
)
from ..punct import Parts, capitalise, map_strings, quoted
from ..record import (
    Kind,
    Record,
    format_pages,
    inherited_persons,
    join_list,
    ordinal,
    original_entries,
    related_entries,
    set_members,
)
from . import CitationStyle, members_for_sets, or_key

__all__ = ["ChicagoNotesStyle"]

_NO_NAMES = NameList((), False)
_QUOTED = frozenset({Kind.ARTICLE, Kind.CHAPTER, Kind.THESIS, Kind.WEB, Kind.UNPUBLISHED})
_QUOTED_GENERIC = frozenset({Kind.GENERIC})
_PLAIN = frozenset({Kind.PATENT})
_ITALIC_TYPES = frozenset({"bookinbook", "software"})
# Contributors named after the title: (role, note phrase, bibliography phrase).
_CONTRIBUTORS = (
    ("translator", "trans.", "Translated by"),
    ("commentator", "with commentary by", "With commentary by"),
    ("annotator", "with annotations by", "With annotations by"),
    ("introduction", "with an introduction by", "With an introduction by"),
    ("foreword", "with a foreword by", "With a foreword by"),
    ("afterword", "with an afterword by", "With an afterword by"),
)
_JOURNAL_SERIES = {"newseries": "n.s.", "oldseries": "o.s."}


# -- names -------------------------------------------------------------------


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
    return join_list(items, comma_for_two=True)


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
    return shortauthor or _creator(record)[0]


def _creator(record: Record) -> tuple[NameList, str]:
    """Who heads the citation, and in what role (biblatex-chicago's labelname).

    Authors, else editors (not of a chapter's book), else translators; the
    entry's ``options`` can pass over either (``useauthor=false``).
    """
    authors = record.names("author")
    if authors and record.uses("author") and record.type not in _TITLE_FIRST:
        return authors, "author"
    editors = record.names("editor")
    heads = record.kind is not Kind.CHAPTER and record.type not in _EDITOR_AFTER
    if editors and heads and record.uses("editor"):
        return editors, "editor"
    translators = record.names("translator")
    chapter = record.kind is Kind.CHAPTER
    if translators and not chapter and record.uses("translator") and record.type != "periodical":
        return translators, "translator"
    holders = record.names("holder")
    if holders and record.kind is Kind.PATENT:
        return holders, "holder"
    return _NO_NAMES, ""


def _corporate_author(record: Record, note: bool) -> Text:
    """A manual's organisation heads it when no person does (14.70); a standard's
    heads its bibliography entry."""
    if _creator(record)[0] or not record.organization:
        return Text()
    if record.type == "manual" or (record.type == "standard" and not note):
        return record.organization
    return Text()


# Reference works and standards are known by title: their editors follow it.
_EDITOR_AFTER = frozenset({"reference", "mvreference", "inreference", "standard", "letter"})
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


def _lead(record: Record, note: bool) -> Text:
    """The names heading a note or bibliography entry, with role and pseudonym."""
    names, role = _creator(record)
    if not names:
        return _corporate_author(record, note)
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


# -- titles ------------------------------------------------------------------


_QUOTED_TYPES = frozenset(
    {"article", "inbook", "incollection", "inproceedings", "online", "thesis", "unpublished"}
)
_PLAIN_TYPES = frozenset({"letter", "patent", "review", "suppperiodical", "dataset", "customc"})
_SUBTYPE_PLAIN = frozenset({"artwork", "image", "inreference", "misc"})
_PART_OF_AV = frozenset({"audio", "music", "video"})


def title_format(record: Record) -> str:
    """How biblatex-chicago sets a title: ``em``, ``quote`` or ``plain`` (14.86).

    Parts of a work are quoted, whole works italic; letters, reviews and
    archival material (``misc`` with an ``entrysubtype``) are plain.
    """
    entry_type = record.type
    subtype = bool(record.raw("entrysubtype"))
    if entry_type in _ITALIC_TYPES:
        return "em"
    if entry_type in _QUOTED_TYPES:
        return "quote" if record.raw("title") else "plain"
    if entry_type in _PLAIN_TYPES:
        return "plain"
    if entry_type in _SUBTYPE_PLAIN and subtype:
        return "plain"
    if entry_type == "misc" and record.kind is Kind.WEB:
        return "quote"  # a series rule: a misc entry with a URL is cited as a web page
    if entry_type in _SUBTYPE_PLAIN:
        return "em"
    if entry_type in _PART_OF_AV:
        return "quote" if subtype or record.raw("booktitle") else "em"
    if entry_type == "report" and record.raw("entrysubtype").casefold() == "unpublished":
        return "quote"
    if record.kind in _QUOTED or record.kind in _QUOTED_GENERIC:
        return "quote"
    if record.kind in _PLAIN:
        return "plain"
    return "em"


def _plain(record: Record) -> bool:
    """Plain titles (reviews, letters...) take a capital at the start of a sentence."""
    return title_format(record) == "plain"


def styled_title(record: Record, title: BaseText) -> Text:
    """Italic, quoted or plain, by the type of work (CMOS 8.171, 14.86)."""
    if not title:
        return Text()
    how = title_format(record)
    if how == "quote":
        return quoted(title)
    if how == "plain":
        return Text(title)
    return Text(Tag("em", title))


def _em(text: BaseText) -> Text:
    return Text(Tag("em", text)) if text else Text()


def _paren(text: BaseText) -> Text:
    """``(text)``; parentheses inside become brackets (CMOS 6.101)."""
    if not text:
        return Text()
    if "(" in str(text):
        text = map_strings(text, lambda value: value.replace("(", "[").replace(")", "]"))
    return Text("(", text, ")")


def _with_label(label: str, text: BaseText) -> Text:
    return Text(label, " ", text) if text else Text()


# -- pieces shared by notes and bibliography --------------------------------


def _contributors(
    record: Record, note: bool, editors: bool, role: str = "", main_editor: bool = False
) -> list[Text]:
    """``ed. A``/``Edited by A``, ``trans. B``/``Translated by B`` and the like.

    ``role`` is the role already named at the head; ``main_editor`` leaves the
    editor to the main title (``vol. 4 of Opera, ed. J. Burnet``).  An author
    passed over by ``useauthor=false`` follows the title: ``by Ezra Pound``.
    """
    items = []
    names = note_names if note else _natural_names
    roles: tuple[tuple[str, str, str], ...] = _CONTRIBUTORS
    by_author = record.kind not in (Kind.ARTICLE, Kind.WEB)  # a review's "author" may be a trick
    if role != "author" and record.names("author") and not record.uses("author") and by_author:
        items.append(_with_label("by" if note else "By", names(record.names("author"))))
    title_editors = record.names("namea") if main_editor else record.names("editor")
    if editors and not main_editor and role == "editor":
        title_editors = _NO_NAMES
    if editors or main_editor:
        label = _editor_phrase(record, note, title_editors, main_editor)
        translators = record.names("nameb") or record.names("translator")
        if role != "translator" and _same_persons(title_editors, translators):
            label = "ed. and trans." if note else "Edited and translated by"
            roles = roles[1:]
        items.append(_with_label(label, names(title_editors)))
    if editors or main_editor:
        items += _named_roles(record, note, roles=("editora", "editorb", "editorc"))
    if role == "translator" or (
        record.kind is Kind.CHAPTER and "translator" in inherited_persons(record.entry)
    ):
        roles = roles[1:]
    for contributor, note_phrase, bib_phrase in roles:
        phrase = note_phrase if note else bib_phrase
        persons = record.names(contributor)
        if contributor == "translator" and record.names("nameb"):
            persons = record.names("nameb")
        items.append(_with_label(phrase, names(persons)))
    if record.names("namec"):  # usenamec=false only keeps the compiler from the head
        items.append(_with_label("comp." if note else "Compiled by", names(record.names("namec"))))
    return [item for item in items if item]


def _editor_phrase(record: Record, note: bool, names: NameList, main: bool) -> str:
    """``ed.``/``Edited by``, or the ``editortype`` (``dir.``/``Directed by``)."""
    kind = "editor" if main else latex_to_str(record.raw("editortype")).strip() or "editor"
    if kind == "none":
        return ""
    if note:
        return bibstring(kind) or kind
    phrase = bibstring("by" + kind)
    return capitalise_str(phrase) if phrase else kind


def capitalise_str(value: str) -> str:
    return value[:1].upper() + value[1:]


def _same_persons(first: NameList, second: NameList) -> bool:
    """True when one list of people both edited and translated (14.104)."""
    return bool(first) and [str(p) for p in first.persons] == [str(p) for p in second.persons]


def _natural_names(names: NameList) -> Text:
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


def _volume(record: Record, capital: bool) -> Text:
    """``vol. 2, bk. 3 of Main Title``, ``vol. 2``, ``3 vols.`` (14.117-14.123)."""
    volume = record.text("volume")
    label = "Vol." if capital else "vol."
    part = record.text("part")
    if volume and part:
        volume = Text(volume, ", bk. ", part)
    if volume and record.maintitle and record.kind is not Kind.CHAPTER:
        return Text(label, " ", volume, " of ", _em(record.maintitle))
    if volume:
        return Text(label, " ", volume)
    volumes = record.text("volumes")
    return Text(volumes, " vols.") if volumes else Text()


def _has_main_work(record: Record) -> bool:
    """A volume of a multivolume work: its edition and editor follow the main title."""
    return bool(record.raw("volume") and record.maintitle) and record.kind is not Kind.CHAPTER


def _main_work(record: Record, note: bool) -> Text:
    """``vol. 8 of The Works, 2nd ed., ed. W. D. Ross``."""
    parts = Parts().add(_volume(record, capital=not note))
    if _has_main_work(record) and record.options.get("hidevolumes") == "false":
        volumes = record.text("volumes")
        parts.add(volumes and Text(volumes, " vols."), ", " if note else ". ")
    if _has_main_work(record):
        parts.add(_edition(record))
        editors = record.names("editor")
        if editors and _creator(record)[1] != "editor":
            label = "ed." if note else "edited by"
            parts.add(_with_label(label, note_names(editors) if note else _natural_names(editors)))
    return parts.text()


def _edition_capital(record: Record) -> bool:
    """``Rev. ed.`` at the start of a sentence, unless written ``{}iPad ed.``."""
    return not record.raw("edition").startswith("{}")


def _edition(record: Record) -> Text:
    """``2nd ed.``, with a software version: ``iPad ed., v. 1.01``."""
    version = record.text("version")
    return Parts().add(record.edition()).add(version and Text("v. ", version)).text()


def _series(record: Record) -> Text:
    """``Series Title 12``: the series with the work's number in it (a standard's
    designation too: ``ANSI/NISO Z39.29-2005``)."""
    series = record.text("series")
    if not series:
        return Text()
    number = record.text("number")
    if not number:
        return series
    numeral = str(number).isdigit() or record.type == "standard"
    return Text(series, " " if numeral else ", ", number)


def _standard_publication(record: Record, note: bool) -> Text:
    """``Bethesda, MD: NISO, approved June 9, 2005; reaffirmed May 13, 2010`` (14.243)."""
    publisher = record.organization if note and record.organization else record.publisher
    head = Parts().add(record.place).add(publisher or _publisher(record), ": ").text()
    approved = latex_to_str(record.raw("userd")).strip()
    date = record.date.render_long() if record.date else record.year_text()
    dated = Text(approved, " ", date) if approved else Text(date)
    reaffirmed = latex_to_str(record.raw("howpublished")).strip()
    if reaffirmed and record.eventdate:
        dated = Text(dated, "; ", reaffirmed, " ", record.eventdate.render_long())
    return Parts().add(head).add(dated).text()


def _publisher(record: Record) -> Text:
    if record.kind is Kind.REPORT:
        return record.institution or record.publisher or record.organization
    return record.publisher or record.organization or record.institution or record.howpublished()


def _publication(record: Record, publisher: BaseText | None = None) -> Text:
    """``Place: Publisher, Year`` (14.127); paired lists ``A: P; B: Q``."""
    if publisher is None:
        publisher = _publisher(record)
    places = record.list_items("location") or record.list_items("address")
    publishers = record.list_items("publisher")
    if publisher is record.publisher and len(places) == len(publishers) > 1:
        head = Text("; ").join(
            [Text(place, ": ", name) for place, name in zip(places, publishers, strict=True)]
        )
    else:
        head = Parts().add(record.place).add(publisher, ": ").text()
    return Parts().add(head).add(_pub_year(record)).text()


def _original(record: Record) -> Text:
    """The first publication of a reprint: ``London: Breitkopf & Härtel, 1911``.

    A letter's or a recording's ``origdate`` is when it was written or recorded.
    """
    if record.type in ("letter", "music") or _driver(record) == "archival":
        return Text()
    origdate = record.origdate.render_year() if record.origdate else ""
    place = record.list_field("origlocation")
    head = Parts().add(place).add(record.list_field("origpublisher"), ": ").text()
    return Parts().add(head).add(origdate).text()


def _reprint(record: Record) -> bool:
    return latex_to_str(record.raw("pubstate")).strip().casefold() == "reprint"


def _note_publication(record: Record) -> Text:
    """``(1924; repr., Oxford: Clarendon Press, 1997)``."""
    if record.type == "standard":
        return _paren(_standard_publication(record, note=True))
    publication = _publication(record)
    original = _original(record)
    if original:
        lead = "repr., " if _reprint(record) else ""
        publication = Text(original, "; ", lead, publication) if publication else original
    return _paren(publication)


def _bib_publication(record: Record, parts: Parts, original: bool = True) -> Parts:
    """``1924. Reprint, Oxford: Clarendon Press, 1997.``

    ``original=False``: the caller has printed the original date already.
    """
    if record.type == "standard":
        return parts.add(_standard_publication(record, note=False), ". ")
    publication = _publication(record)
    if _original(record) and record.head_year:  # author-date: a reprint's first date last
        parts.add(publication, ". ")
        if _reprint(record) and _year_in_head(record):
            parts.add(Text("First published ", _original(record)), ". ")
        return parts
    if _original(record):
        if original:
            parts.add(_original(record), ". ")
        if _reprint(record) and publication:
            publication = Text("Reprint, ", publication)
    return parts.add(publication, ". ")


def _year_in_head(record: Record) -> bool:
    """True when the author-date head gives the publication date itself (not, say, the
    date a film was released, which leaves the publication year in the facts)."""
    return record.head_date is None or record.head_date == record.date


def _pub_year(record: Record, undated: str | None = None) -> str:
    """The year in the publication facts; none when the author-date style heads with it.

    ``undated`` replaces "n.d." (recordings and films omit it).
    """
    if record.head_year and _year_in_head(record):
        return ""
    if undated is not None and not record.date and not record.raw("pubstate"):
        return undated
    if record.type in _AV_TYPES and not record.date and not record.raw("pubstate"):
        return ""
    return record.year_text(compress=True)


def _journal_date(record: Record) -> str:
    """``1993``, ``May 1993``, ``Spring 1993`` or ``February 6, 2002`` for an issue."""
    issue = str(record.text("issue"))
    year = _pub_year(record, undated="")
    if issue:
        return f"{issue} {year}".strip()
    start = record.date.start
    if start.season:
        return f"{start.season} {year}".strip()
    if start.month is not None and record.date.end is None:
        if record.head_year and start.day is None:
            return MONTHS[start.month - 1]
        return record.date.render_long()
    return year


def _is_magazine(record: Record) -> bool:
    """Magazines and newspapers are cited by date, not volume (14.188)."""
    if record.subtype in ("magazine", "newspaper"):
        return True
    no_volume = not (record.raw("volume") or record.raw("number"))
    start = record.date.start
    season = bool(record.raw("issue") or start.season) and not record.head_year
    return no_volume and (start.day is not None or season)


def _journal_name(record: Record, note: bool = True) -> Text:
    """``Journal (Place)``, ``Blog (blog), Main Title``: the periodical's name."""
    parts = Parts().add(_em(record.journal))
    parts.add(record.text("journaltitleaddon"), " ")
    parts.add(_paren(record.place), " ")
    if record.type in ("article", "review") and record.maintitle:
        parts.add(_em(record.maintitle), ", " if note else ". ")
    parts.add(record.text("usera"))  # a broadcaster: MacNeil/Lehrer NewsHour, PBS
    return parts.text()


def _journal(record: Record, pages: BaseText, name: bool = True, note: bool = True) -> Text:
    """``Journal 2, no. 4 (1993): 425-58`` or ``Magazine, May 3, 1993, 25``."""
    journal = _journal_name(record, note) if name else Text()
    if _is_magazine(record):
        date = record.date.render_long()
        if record.head_year and record.date.start.day is None:
            date = _journal_date(record)
        elif not record.date.start.month and record.raw("issue"):
            date = f"{latex_to_str(record.raw('issue'))} {date}"
        parts = Parts().add(journal).add(date or record.year_text(compress=True))
        parts.add(_numbers(record))
        return parts.add(pages).text()
    series = record.raw("series")
    series_text = Text(_JOURNAL_SERIES.get(series, "")) if series else Text()
    if series.isdigit():
        series_text = Text(f"{ordinal(int(series))} ser.")
    elif series and not series_text:
        series_text = record.text("series")
    parts = Parts().add(journal).add(series_text)
    volume = record.text("volume")
    parts.add(volume, ", " if series_text else " ")
    date = _journal_date(record)
    if record.head_year and volume and not date:  # author-date (15.47): 13 (1): 47-60
        number = record.text("number")
        parts.add(_paren(number), " ")
        return parts.add(pages, ": " if number else ":").text()
    parts.add(_with_label("no.", record.text("number")), ", ")
    parts.add(_paren(Text(date)), " ")
    return parts.add(pages, ": " if date else ", ").text()


def _numbers(record: Record) -> Text:
    """``no. 5`` or ``nos. 23-24``."""
    number = record.raw("number")
    if not number:
        return Text()
    label = "nos." if re.search(r"[-\u2013,]", number) else "no."
    return Text(label, " ", format_pages(number, abbreviate=False))


def _site(record: Record) -> Text:
    """The web site or body that hosts an online item."""
    return (
        record.journal
        or record.organization
        or record.institution
        or record.publisher
        or record.howpublished()
    )


def _links(record: Record, parts: Parts, separator: str) -> Parts:
    return parts.add(record.eprint(), separator).add(record.link(), separator)


def _note_field(record: Record) -> Text:
    return Parts().add(record.text("note")).add(record.text("addendum")).text()


# -- the full note -----------------------------------------------------------


def _note(record: Record, locator: str | None, lead: bool = True) -> Parts:
    _names, role = _creator(record)
    parts = Parts()
    if lead and not _title_names_writer(record):
        parts.add(_lead(record, note=True))
    if _comments_on(record):
        return _comment_note(record, parts, locator)
    builder = _TYPE_NOTE_BUILDERS.get(_driver(record)) or _NOTE_BUILDERS.get(
        record.kind, _generic_note
    )
    parts = _shorthand_intro(record, builder(record, parts, role, locator))
    if record.options.get("related") == "true":
        parts.add(_related_clause(record, note=True))
    return parts


def _title_names_writer(record: Record) -> bool:
    """A letter titled ``EBW to B. Russell`` names its writer: the note omits the author."""
    if record.type != "letter":
        return False
    names, _role = _creator(record)
    if not names:
        return False
    title = str(record.title_only)
    if all(str(person_last(person)) in title for person in names.persons):
        return True
    first = names.persons[0]
    initials = "".join(str(name)[:1] for name in [*first.first_names, *first.middle_names])
    return bool(initials) and title.startswith(initials)  # EBW to ...: E. B. White


def _driver(record: Record) -> str:
    """The biblatex-chicago driver an entry is set by, where it differs from its kind."""
    if record.type == "misc" and record.subtype:
        return "archival"
    return record.type


def _book_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    main = _has_main_work(record)
    parts.add(_title_with_addons(record), capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=True))
    if record.type == "audio":
        parts.add(_recording_date(record, note=True)).add(_audio_container(record, note=True))
    if record.type in _EDITOR_AFTER:
        parts.add(_edition(record))
    for item in _contributors(record, note=True, editors=True, role=role, main_editor=main):
        parts.add(item)
    if not main and record.type not in _EDITOR_AFTER:
        parts.add(_edition(record))
    parts.add(_main_work(record, note=True)).add(_series(record))
    parts.add(record.text("note"))
    parts.add(_note_publication(record), " ").add(locator)
    parts.add(_book_type(record)).add(record.text("addendum"))
    return _links(record, parts, ", ")


def _audio_container(record: Record, note: bool) -> Text:
    """``Die schöne Müllerin, in First Vocal Album``: the work and the album or podcast."""
    work = _em(record._titled("booktitle", "booksubtitle", "booktitleaddon"))
    album = Parts().add(_em(record._titled("maintitle", "mainsubtitle", "")))
    addon = record.text("maintitleaddon")
    album.add(addon, " " if str(addon).startswith("(") else _titleaddon_separator(record, note))
    whole = album.text()
    if whole:
        inside = Text("in " if note else "In ", whole)
        return Parts().add(work).add(inside, ", " if note else ". ").text()
    return Text("in " if note else "In ", work) if work else Text()


def _title_with_addons(record: Record) -> Text:
    """The styled title, with a translated title or the language in brackets."""
    title = styled_title(record, record.title_only)
    translated = record.text("usere")
    language = _language(record)
    if translated and _spaced_titleaddon(record):  # title, its original script, [translation]
        return Text(title, " ", record.text("titleaddon"), " [", translated, "]")
    if translated:
        return Text(title, " [", translated, "]")
    if language:
        return Text(title, " [in ", language, "]")
    return title


def _language(record: Record) -> Text:
    raw = latex_to_str(record.raw("language")).strip()
    if not raw or raw.casefold() in ("english", "american", "british"):
        return Text()
    return Text(bibstring(raw) or capitalise_str(raw))


def _book_type(record: Record) -> Text:
    """A book's ``type`` (the medium of software, a map...), after the facts."""
    return record.text("type") if record.kind is Kind.BOOK else Text()


def _article_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    if record.type == "review":  # a comment: its own date before the post (14.208)
        parts.add(_dated(record.eventdate))
    parts.add(_title_with_addons(record), capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=True))
    for item in _contributors(record, note=True, editors=False, role=role):
        parts.add(item)
    parts.add(_article_editors(record, note=True))
    parts.add(record.text("note"))
    pages = Text(locator) if locator else record.pages(abbreviate=True)
    parts.add(_journal(record, pages)).add(record.text("type")).add(_accessed(record, note=True))
    parts.add(record.text("addendum"))
    return _links(record, parts, ", ")


def _spaced_titleaddon(record: Record) -> bool:
    options = record.options
    return options.get("ctitleaddon") == "space" and options.get("ptitleaddon") == "space"


def _titleaddon(record: Record) -> Text:
    """The ``titleaddon``, unless the title already took it before a translation."""
    if record.raw("usere") and _spaced_titleaddon(record):
        return Text()
    return record.text("titleaddon")


def _titleaddon_separator(record: Record, note: bool) -> str:
    """biblatex-chicago's ``ptitleaddon``/``ctitleaddon`` options: ``space`` joins with a space."""
    option = record.options.get("ctitleaddon" if note else "ptitleaddon", "")
    if option == "space":
        return " "
    return ", " if note else ". "


def _article_editors(record: Record, note: bool) -> Text:
    """The editors of an article, or of the special issue it appears in."""
    editors = record.names("editor")
    if _creator(record)[1] == "editor":
        editors = _NO_NAMES
    names = note_names(editors) if note else _natural_names(editors)
    if record.issuetitle:
        issue = Parts().add(quoted(record.issuetitle))
        issue.add(_with_label("ed." if note else "edited by", names))
        return Text("in " if note else "In ", issue.text())
    phrase = _editor_phrase(record, note, editors, main=False)
    return _with_label(phrase, names) if phrase else names


def _accessed(record: Record, note: bool) -> Text:
    """``accessed January 7, 2002``, or ``userd`` (``published electronically``) and the date."""
    date = _dated(record.urldate, twelve_hour=False)
    month = record.urldate.start.month
    no_day = record.urldate.start.day is None
    if record.head_year and record.head_date == record.urldate and month is not None and no_day:
        day = record.urldate.start.day  # the year is in the author-date head: "posted February"
        date = MONTHS[month - 1] + (f" {day}" if day else "")
    if not date:
        return Text()
    label = latex_to_str(record.raw("userd")) or "accessed"
    return Text(label if note else capitalise_str(label), " ", date)


def _container_parts(record: Record, note: bool) -> tuple[Text, Text]:
    """The book a chapter is in, and the volume of a multivolume work it belongs to.

    ``in Book, by A, ed. B, 2nd ed.`` and ``vol. 4 of Main, ed. C``: when the
    book is one volume of a larger work, its editors are the larger work's.
    """
    book = record.booktitle or record.maintitle
    container = Parts().add(_em(book))
    bookauthor = record.names("bookauthor")
    if not _same_persons(bookauthor, record.names("author")):
        container.add(_with_label("by", note_names(bookauthor)))
    if "translator" in inherited_persons(record.entry):  # the book's translator
        translators = record.names("translator")
        translated = note_names(translators) if note else _natural_names(translators)
        container.add(_with_label("trans." if note else "translated by", translated))
    editors = note_names(record.names("editor")) if note else _natural_names(record.names("editor"))
    edited = _with_label("ed." if note else "edited by", editors)
    volume = record.text("volume")
    main = bool(volume and record.booktitle and record.maintitle)
    if not main:
        container.add(edited)
    container.add(record.edition())
    volume_part = Parts()
    if main:
        # a full note, and an author-date reference list, run on: ", vol. 4 of Main"
        lower = note or record.head_year
        volume_part.add(Text("vol. " if lower else "Vol. ", volume, " of ", _em(record.maintitle)))
        volume_part.add(edited)
    elif volume:
        container.add(Text("vol. ", volume))
    text = container.text()
    head = Text("In " if not note else "in ", text) if book else text
    chapter = record.text("chapter")
    if chapter and book:
        head = Text("chap. " if note else "Chap. ", chapter, " in ", text)
    return head, volume_part.text()


def _container(record: Record, note: bool) -> Text:
    """``in Book Title, by A, ed. B, vol. 2 of Main Title, Series`` for a chapter's note."""
    head, volume = _container_parts(record, note)
    return Parts().add(head).add(volume).add(_series(record)).text()


def _chapter_title(record: Record, parts: Parts, note: bool) -> Parts:
    """The chapter's title and its ``titleaddon`` (plain when there is no title)."""
    separator = ", " if note else ". "
    parts.add(_title_with_addons(record), separator)
    parts.add(_titleaddon(record), _titleaddon_separator(record, note), capital=not note)
    return parts


def _chapter_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    _chapter_title(record, parts, note=True)
    for item in _contributors(record, note=True, editors=False, role=role):
        parts.add(item)
    parts.add(_container(record, note=True)).add(record.text("note"))
    parts.add(_note_publication(record), " ")
    parts.add(Text(locator) if locator else record.pages(abbreviate=True))
    parts.add(_accessed(record, note=True)).add(record.text("addendum"))
    return _links(record, parts, ", ")


_CMS_TYPES = {
    "phdthesis": "phdthesis",
    "thesis": "phdthesis",
    "mastersthesis": "mathesis",
    "techreport": "techreport",
}


def _cms_type(record: Record) -> Text:
    """``PhD diss.``, ``master's thesis``, ``technical report``: the kind of document."""
    raw = latex_to_str(record.raw("type")).strip()
    if raw:
        return Text(bibstring(raw) or record.type_label())
    key = _CMS_TYPES.get(record.type)
    return Text(bibstring(key) or "") if key else Text()


def _long_year(record: Record) -> str:
    """A report's or thesis's date with its month when it gives one (``November 1988``).

    A full date keeps only its year (the series' own papers, cited as reports in
    "How to cite", are dated to the day).
    """
    if not record.date or record.date.end is not None or record.date.start.day is not None:
        return _pub_year(record)
    if record.head_year:
        start = record.date.start
        return MONTHS[start.month - 1] if start.month and _year_in_head(record) else ""
    return record.date.render_long()


def _thesis_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(_title_with_addons(record))
    facts = Parts().add(_cms_type(record)).add(record.institution).add(_long_year(record))
    parts.add(_paren(facts.text()), " ").add(locator)
    return _links(record, parts, ", ")


def _report_number_cms(record: Record) -> Text:
    label = _cms_type(record)
    number = record.text("number")
    if number and not label:
        label = Text("report")
    return Parts().add(label).add(number, " ").text()


def _report_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(_title_with_addons(record))
    for item in _contributors(record, note=True, editors=role != "editor", role=role):
        parts.add(item)
    parts.add(_report_number_cms(record)).add(_note_field(record))
    head = Parts().add(record.place).add(_publisher(record), ": ").text()
    parts.add(_paren(Parts().add(head).add(_long_year(record)).text()), " ").add(locator)
    return _links(record, parts, ", ")


def _web_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(_title_with_addons(record), capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=True))
    for item in _contributors(record, note=True, editors=role != "editor", role=role):
        parts.add(item)
    parts.add(_site_and_date(record))
    parts.add(record.text("type")).add(locator)
    parts.add(_accessed(record, note=True)).add(record.text("addendum"))
    return _links(record, parts, ", ")


def _dated(date: DateRange, twelve_hour: bool = True) -> str:
    """``April 22, 2015, 11:10 a.m.``: a date with its time of day, if it has one."""
    long = date.render_long()
    time = date.start.render_time(twelve_hour) if date.end is None else ""
    return f"{long}, {time}" if long and time else long


def _body_date(record: Record) -> bool:
    """Whether the date is given in the facts: not when the author-date head already
    gives all of it (a bare year)."""
    if not record.date:
        return False
    if record.head_year and _year_in_head(record):
        return record.date.start.month is not None or record.date.start.season != ""
    return True


def _site_and_date(record: Record, note: bool = True) -> Text:
    """``Twitter, April 22, 2015, 11:10 a.m.``: where and when an online item appeared.

    A note on the item comes between them: ``YouTube, from a performance ... on
    September 22, 1968`` (``\\nopunct`` joins it to the date).
    """
    parts = Parts().add(_site(record))
    parts.add(record.text("note"), ", " if note else ". ", capital=not note)
    return parts.add(_dated(record.date) if _body_date(record) else "").text()


def _patent_facts(record: Record) -> Text:
    """``U.S. patent 4,586,960, filed October 23, 1980, and issued February 4, 1986``."""
    number = (
        Parts().add(_report_number_cms(record) or Text("patent")).add(_paren(record.place), " ")
    )
    issued = _with_label("issued", Text(record.date.render_long()))
    filed = _with_label("filed", Text(record.origdate.render_long()))
    if filed and issued:
        return Parts().add(number.text()).add(filed).add(Text("and ", issued)).text()
    return Parts().add(number.text()).add(filed or issued).text()


def _patent_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title_only))
    parts.add(_paren(_patent_facts(record)), " ")
    parts.add(_note_field(record)).add(locator)
    return _links(record, parts, ", ")


def _unpublished_description(record: Record, capital: bool) -> Text:
    described = record.text("note") or record.howpublished()
    if described:
        return described
    return Text("Unpublished manuscript" if capital else "unpublished manuscript")


def _event(record: Record) -> Text:
    """``annual meeting of the Council of Science Editors, San Antonio, TX, May 6-9, 2000``."""
    date = record.eventdate or record.date
    parts = Parts().add(record.text("eventtitle")).add(record.text("venue")).add(record.place)
    return parts.add(date.render_long() if date else "n.d.").text()


def _unpublished_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(_title_with_addons(record))
    facts = Parts().add(_unpublished_description(record, capital=False)).add(_event(record))
    parts.add(_paren(facts.text()), " ").add(locator)
    return _links(record, parts, ", ")


def _issue(record: Record, note: bool = True) -> Text:
    """A whole journal issue: ``Journal 35, no. 4 (2011)``; a blog: ``Wordplay (blog)``."""
    journal = _em(record.title or record.journal)
    journal = Parts().add(journal).add(_paren(record.place), " ")
    journal.add(_em(record.maintitle), ", " if note else ". ")
    parts = Parts().add(journal.text()).add(record.text("volume"), " ")
    parts.add(_with_label("no.", record.text("number")), ", ")
    return parts.add(_paren(Text(_journal_date(record))), " ").text()


def _periodical_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    if record.issuetitle:
        parts.add(quoted(record.issuetitle)).add("special issue")
    parts.add(_issue(record)).add(_periodical_note_field(record)).add(locator)
    return _links(record, parts, ", ")


def _periodical_note_field(record: Record) -> Text:
    """The note, unless it only repeats "special issue" (printed for an issue title)."""
    note = _note_field(record)
    if record.issuetitle and str(note).strip().casefold() == "special issue":
        return Text()
    return note


def _generic_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=role != "editor"):
        parts.add(item)
    parts.add(record.howpublished()).add(record.type_label()).add(_note_field(record))
    parts.add(record.place).add(_publisher(record)).add(record.date.render_long())
    parts.add(locator)
    return _links(record, parts, ", ")


_NOTE_BUILDERS = {
    Kind.BOOK: _book_note,
    Kind.ARTICLE: _article_note,
    Kind.CHAPTER: _chapter_note,
    Kind.THESIS: _thesis_note,
    Kind.REPORT: _report_note,
    Kind.WEB: _web_note,
    Kind.PATENT: _patent_note,
    Kind.UNPUBLISHED: _unpublished_note,
    Kind.PERIODICAL: _periodical_note,
}


# -- the bibliography entry --------------------------------------------------


def _bibliography(record: Record, parts: Parts | None = None, lead: bool = True) -> Parts:
    """The bibliography entry; an author-date style passes ``parts`` that insert the year."""
    _names, role = _creator(record)
    parts = Parts() if parts is None else parts
    if lead:
        parts.add(_lead(record, note=False))
    if _comments_on(record):
        return _comment_bib(record, parts)
    builder = _TYPE_BIB_BUILDERS.get(_driver(record)) or _BIB_BUILDERS.get(
        record.kind, _generic_bib
    )
    parts = builder(record, parts, role)
    parts.add(_related_clause(record, note=False), ". ", capital=True)
    return parts.add(_original_clause(record), ". ")


# -- related entries (biblatex's related, relatedtype, relatedstring) ----------


def _comments_on(record: Record) -> bool:
    """A comment on a blog post or a reply in a forum (14.208-14.209)."""
    relatedtype = latex_to_str(record.raw("relatedtype")).strip().casefold()
    return relatedtype == "commenton" and bool(related_entries(record.entry))


def _related_phrase(record: Record) -> str:
    phrase = latex_to_str(record.raw("relatedstring")).strip()
    if phrase:
        return phrase
    relatedtype = latex_to_str(record.raw("relatedtype")).strip()
    return (bibstring(relatedtype) or "") if relatedtype else ""


def _related_note(entry: Entry, links: bool = True, author: NameList = _NO_NAMES) -> Text:
    """The full note of a related entry; ``links=False`` leaves out its URL, and an
    ``author`` who is also the related work's is not named again."""
    record = Record(entry)
    if not links:
        record.url = ""
        record.doi = ""
    same = bool(author) and _same_persons(author, _creator(record)[0])
    return _note(record, None, lead=not same).text()


def _related_clause(record: Record, note: bool) -> Text:
    """``cited in Richard W. Stoffle et al., “Ghost Dancing ...”``, ``Translated by
    Deborah Furet as The Passing of an Illusion (Chicago: ..., 1999)``."""
    related = related_entries(record.entry)
    if not related or _comments_on(record):
        return Text()
    relatedtype = latex_to_str(record.raw("relatedtype")).strip().casefold()
    if relatedtype.startswith("maintitle"):
        return Text()  # the volumes of a multivolume work: not rendered (yet)
    if relatedtype == "bytranslator":
        other = Record(related[0])
        translated = Text(
            "translated by ", note_names(other.names("translator")), " as ", _em(other.title_only)
        )
        if record.head_year and not note:
            return Parts().add(translated).add(_publication(other), ". ").text()
        return Parts().add(translated).add(_note_publication(other), " ").text()
    phrase = _related_phrase(record)
    author = _creator(record)[0]
    if record.head_year and not note:
        body = Text("; ").join([_related_reference(entry, author) for entry in related])
        return Text(phrase, " ", body) if phrase else body
    body = Text("; ").join([_related_note(entry, author=author) for entry in related])
    return Text(phrase, " ", body) if phrase else body


def _related_reference(entry: Entry, author: NameList) -> Text:
    """A related work as the author-date reference list gives it, without the author
    when it is the same (``Gems and Gemstones. Chicago: ..., 2009``)."""
    record = Record(entry)
    same = bool(author) and _same_persons(author, _creator(record)[0])
    return _bibliography(record, lead=not same).text()


def _original_clause(record: Record) -> Text:
    """``Originally published as Le passé d'une illusion (Paris: ..., 1995)``;
    ``Greek edition: Metaphysics, ...`` when the original language is known."""
    originals = original_entries(record.entry)
    if not originals:
        return Text()
    if record.head_year:
        body = _bibliography(Record(originals[0]), lead=False).text()
    else:
        body = _note(Record(originals[0]), None, lead=False).text()
    language = latex_to_str(record.raw("origlanguage")).strip()
    if language:
        return Text(capitalise_str(bibstring(language) or language), " edition: ", body)
    return Text("Originally published as ", body)


def _comment_note(record: Record, parts: Parts, locator: str | None) -> Parts:
    """``AC, July 1, 2008, 10:18 a.m., comment on Rhian Ellis, “Squatters’ Rights,” ...``."""
    parts.add(_dated(record.eventdate)).add(styled_title(record, record.title_only))
    parts.add(_dated(record.date)).add(locator)
    phrase = _related_phrase(record) or "comment on"
    related = _related_note(related_entries(record.entry)[0], links=False)
    parts.add(Text(phrase, " ", related), capital=not parts)
    return _links(record, parts, ", ")


def _comment_bib(record: Record, parts: Parts) -> Parts:
    parts.add(_dated(record.eventdate), ". ")
    head = Parts().add(styled_title(record, record.title_only)).add(_dated(record.date))
    parts.add(head.text(), ". ")
    phrase = _related_phrase(record) or "comment on"
    related = _short_note(Record(related_entries(record.entry)[0]), None)
    parts.add(Text(phrase, " ", related), ". ", capital=True)
    return _links(record, parts, ". ")


def _title_and_contributors(record: Record, parts: Parts, editors: bool) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    for item in _contributors(record, note=False, editors=editors):
        parts.add(item, ". ")
    return parts


def _book_bib(record: Record, parts: Parts, role: str) -> Parts:
    main = _has_main_work(record)
    parts.add(_title_with_addons(record), ". ", capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=False), capital=True)
    podcast = record.type == "audio" and bool(record.booktitle) and not record.maintitle
    if record.type == "audio":
        parts.add(_recording_date(record, note=False), ". ")
        parts.add(_audio_container(record, note=False), ", " if record.maintitle else ". ")
    if record.type in _EDITOR_AFTER:
        parts.add(_edition(record), ". ", capital=_edition_capital(record))
    for index, item in enumerate(
        _contributors(record, note=False, editors=True, role=role, main_editor=main)
    ):
        if podcast and index == 0:  # "In How to Do Everything, produced by ..."
            parts.add(Text(str(item)[:1].lower(), item[1:]), ", ")
        else:
            parts.add(item, ". ", capital=True)
    if not main and record.type not in _EDITOR_AFTER:
        parts.add(_edition(record), ". ", capital=_edition_capital(record))
    parts.add(_main_work(record, note=False), ". ")
    parts.add(_series(record), ". ")
    if _original(record) and not record.head_year:
        parts.add(_original(record), ". ")
    parts.add(record.text("note"), ". ", capital=True)
    _bib_publication(record, parts, original=False)
    parts.add(_book_type(record), ". ", capital=True)
    addendum = record.text("addendum")
    parts.add(addendum, ". ", capital=True)
    return _links(record, parts, ", " if addendum else ". ")


def _article_bib(record: Record, parts: Parts, role: str) -> Parts:
    journal_lead = not parts and _journal_is_author(record)
    if journal_lead:
        parts.add(_journal_name(record))
    if record.type == "review":
        parts.add(_dated(record.eventdate), ". ")
    parts.add(_title_with_addons(record), ". ", capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=False), capital=True)
    for item in _contributors(record, note=False, editors=False, role=role):
        parts.add(item, ". ", capital=True)
    issue = _article_editors(record, note=False)
    parts.add(issue, ". ", capital=True)
    note = record.text("note")
    if note and record.issuetitle:
        note = Text(note, ", ")
    parts.add(note, ". ", capital=True)
    journal = _journal(record, record.pages(abbreviate=True), name=not journal_lead, note=False)
    if note and record.issuetitle:
        parts.add(journal, "")
    else:
        parts.add(journal, ". ")
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(_accessed(record, note=False), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return _links(record, parts, ". ")


def _journal_is_author(record: Record) -> bool:
    """An unsigned newspaper or magazine piece is listed under the periodical (14.207)."""
    unsigned = not record.names("author") and not record.raw("author")
    return unsigned and _is_magazine(record) and bool(record.journal)


def _chapter_bib(record: Record, parts: Parts, role: str) -> Parts:
    _chapter_title(record, parts, note=False)
    for item in _contributors(record, note=False, editors=False, role=role):
        parts.add(item, ". ", capital=True)
    head, volume = _container_parts(record, note=False)
    pages = record.pages(abbreviate=True)
    if volume and not record.head_year:
        parts.add(head, ". ").add(Parts().add(volume).add(pages).text(), ". ")
    else:
        parts.add(Parts().add(head).add(volume).add(pages).text(), ". ")
    parts.add(_series(record), ". ").add(record.text("note"), ". ", capital=True)
    _bib_publication(record, parts)
    parts.add(_accessed(record, note=False), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return _links(record, parts, ". ")


def _thesis_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    facts = Parts().add(_cms_type(record)).add(record.institution).add(_long_year(record))
    parts.add(facts.text(), ". ", capital=True).add(_note_field(record), ". ", capital=True)
    return _links(record, parts, ". ")


def _report_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    for item in _contributors(record, note=False, editors=role != "editor", role=role):
        parts.add(item, ". ", capital=True)
    parts.add(_report_number_cms(record), ". ", capital=True)
    parts.add(_note_field(record), ". ", capital=True)
    head = Parts().add(record.place).add(_publisher(record), ": ").text()
    parts.add(Parts().add(head).add(_long_year(record)).text(), ". ")
    return _links(record, parts, ". ")


def _web_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ", capital=_plain(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=False), capital=True)
    for item in _contributors(record, note=False, editors=role != "editor", role=role):
        parts.add(item, ". ", capital=True)
    parts.add(_site_and_date(record, note=False), ". ", capital=True)
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(_accessed(record, note=False), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return _links(record, parts, ". ")


def _patent_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(styled_title(record, record.title_only), ". ")
    parts.add(_patent_facts(record), ". ", capital=True)
    parts.add(_note_field(record), ". ", capital=True)
    return _links(record, parts, ". ")


def _unpublished_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    facts = Parts().add(_unpublished_description(record, capital=True), capital=True)
    parts.add(facts.add(_event(record)).text(), ". ")
    return _links(record, parts, ". ")


def _periodical_bib(record: Record, parts: Parts, role: str) -> Parts:
    if record.issuetitle:
        parts.add(quoted(record.issuetitle), ". ").add("Special issue", ". ")
        parts.add(_issue(record, note=False), ", ")
    else:
        parts.add(_issue(record, note=False), ". ")
    parts.add(_periodical_note_field(record), ". ", capital=True)
    return _links(record, parts, ". ")


def _generic_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=role != "editor")
    parts.add(record.howpublished(), ". ").add(record.type_label(), ". ")
    parts.add(_note_field(record), ". ")
    facts = Parts().add(record.place).add(_publisher(record), ": ")
    parts.add(facts.add(record.date.render_long()).text(), ". ")
    return _links(record, parts, ". ")


_BIB_BUILDERS = {
    Kind.BOOK: _book_bib,
    Kind.ARTICLE: _article_bib,
    Kind.CHAPTER: _chapter_bib,
    Kind.THESIS: _thesis_bib,
    Kind.REPORT: _report_bib,
    Kind.WEB: _web_bib,
    Kind.PATENT: _patent_bib,
    Kind.UNPUBLISHED: _unpublished_bib,
    Kind.PERIODICAL: _periodical_bib,
}


# -- drivers for single entry types -------------------------------------------


def _see_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@customc, a cross-reference: ``Gordon Ashe, see Creasey, John``."""
    return parts.add(Text("see ", record.title_only))


def _see_bib(record: Record, parts: Parts, role: str) -> Parts:
    return parts.add(Text("See ", record.title_only), ". ")


def _archival_facts(record: Record, note: bool) -> Text:
    """Title, description, place and date of a manuscript or speech (14.219-14.233)."""
    start = not note or not _creator(record)[0]
    parts = Parts().add(styled_title(record, record.title_only), capital=start)
    parts.add(_titleaddon(record))
    parts.add(record.text("venue"))
    date = record.origdate.start.render_day_first() if record.origdate else ""
    if record.subtype == "speech" or not date:
        date = record.date.render_long() if _body_date(record) else ""
    parts.add(date).add(record.list_field("origlocation"))
    return parts.text()


def _archive(record: Record) -> Text:
    """``Houghton Library, Harvard University``: where the papers are kept."""
    return Parts().add(record.organization).add(record.institution).add(record.place).text()


def _archival_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@misc with an entrysubtype: letters, papers, interviews, speeches in archives."""
    parts.add(_archival_facts(record, note=True)).add(record.text("note"))
    parts.add(_archive(record)).add(locator).add(record.text("addendum"))
    return _links(record, parts, ", ")


def _archival_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_archival_facts(record, note=False), ". ")
    parts.add(record.text("note"), ". ", capital=True).add(_archive(record), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return _links(record, parts, ". ")


def _letter_head(record: Record, note: bool) -> Text:
    """``EBW to B. Russell, 2 July 1947`` (14.111-14.113)."""
    parts = Parts().add(styled_title(record, record.title_only), capital=True)
    parts.add(_titleaddon(record))
    date = record.origdate  # the letter's own date; ``date`` is the edition's
    return parts.add(date.start.render_day_first() if date else "").text()


def _letter_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A letter in a published collection: ``A to B, date, in Letters, ed. C (...), 42``."""
    parts.add(_letter_head(record, note=True))
    parts.add(_container(record, note=True))
    parts.add(_note_publication(record), " ")
    parts.add(Text(locator) if locator else record.pages(abbreviate=True))
    return _links(record, parts, ", ")


def _letter_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_letter_head(record, note=False), ". ")
    container = Parts().add(_container(record, note=False))
    container.add(record.pages(abbreviate=True))
    parts.add(container.text(), ". ")
    _bib_publication(record, parts)
    return _links(record, parts, ". ")


def _shorthand_intro(record: Record, parts: Parts) -> Parts:
    """``(hereafter cited as CMS)`` after the first note of a work with a shorthand."""
    shorthand = record.text("shorthand")
    if shorthand:
        parts.add(Text("(hereafter cited as ", shorthand, ")"), " ")
    return parts


def _sub_verbo(record: Record) -> Text:
    """``s.v. "Salvation"``, ``s.vv. "police ranks," "postal addresses"`` (14.130)."""
    items = record.list_items("lista")
    by = _with_label("by", note_names(record.names("author")))
    if not items:
        return by
    label = "s.vv. " if len(items) > 1 else "s.v. "
    quoted_items = [quoted(item) for item in items]
    joined = Parts()
    for item in quoted_items:
        joined.add(item, ", ")
    return Parts().add(Text(label, joined.text())).add(by).text()


def _reference_work_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """An entry in a dictionary or encyclopedia, by title (14.130-14.132)."""
    parts.add(styled_title(record, record.title_only))
    parts.add(record.edition())
    for item in _contributors(record, note=True, editors=True, role=role):
        parts.add(item)
    publication = _note_publication(record) if record.date else Text()
    note = record.text("note")
    if note and publication:
        publication = Text("(", note, ", ", publication[1:])
    elif note:
        parts.add(note)
    parts.add(publication, " ").add(_sub_verbo(record)).add(locator)
    parts.add(_accessed(record, note=True))
    return _links(record, parts, ", ")


def _reference_work_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(styled_title(record, record.title_only), ". ")
    parts.add(record.edition(), ". ", capital=True)
    for item in _contributors(record, note=False, editors=True, role=role):
        parts.add(item, ". ", capital=True)
    parts.add(record.text("note"), ". ", capital=True)
    if record.date:
        _bib_publication(record, parts)
        parts.add(_sub_verbo(record))
    else:
        parts.add(_sub_verbo(record))
    parts.add(_accessed(record, note=False), ". ")
    return _links(record, parts, ". ")


def _supplement_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """@suppbook: ``introduction to Word Court, by Barbara Wallraff (...)`` (14.110)."""
    parts.add(Text(_supplement(record), " ", _em(record.title_only)))
    parts.add(_with_label("by", note_names(record.names("bookauthor"))))
    for item in _contributors(record, note=True, editors=True, role=role):
        parts.add(item)
    parts.add(_edition(record)).add(_main_work(record, note=True)).add(_series(record))
    parts.add(record.text("note"))
    parts.add(_note_publication(record), " ").add(locator)
    return _links(record, parts, ", ")


def _supplement_bib(record: Record, parts: Parts, role: str) -> Parts:
    head = Parts().add(Text(_supplement(record), " ", _em(record.title_only)), capital=True)
    head.add(_with_label("by", _natural_names(record.names("bookauthor"))))
    head.add(record.pages(abbreviate=True))
    parts.add(head.text(), ". ")
    for item in _contributors(record, note=False, editors=True, role=role):
        parts.add(item, ". ", capital=True)
    parts.add(_edition(record), ". ").add(_main_work(record, note=False), ". ")
    parts.add(_series(record), ". ").add(record.text("note"), ". ", capital=True)
    _bib_publication(record, parts)
    return _links(record, parts, ". ")


# -- recordings, films and broadcasts (14.261-14.268) -------------------------------

_AV_TYPES = frozenset({"audio", "music", "video"})


def _type_label(kind: str, note: bool, capital: bool = True) -> str:
    """``dir.``/``Directed by`` for ``director``; an unknown type as written (``written by``)."""
    kind = kind.strip()
    if note:
        return bibstring(kind) or kind
    phrase = bibstring("by" + kind) or kind
    return capitalise_str(phrase) if capital else phrase


def _named_roles(
    record: Record, note: bool, skip: str = "", capital: bool = True, roles: tuple[str, ...] = ()
) -> list[Text]:
    """``editor``, ``editora``-``editorc`` with their types: ``dir. Gail Mancuso``."""
    names = note_names if note else _natural_names
    items = []
    for role in roles or ("editor", "editora", "editorb", "editorc"):
        persons = record.names(role)
        if not persons or role == skip:
            continue
        kind = latex_to_str(record.raw(role + "type")).strip() or "editor"
        label = "" if kind == "none" else _type_label(kind, note, capital)
        items.append(_with_label(label, names(persons)) if label else names(persons))
    return items


def _recording_date(record: Record, note: bool) -> Text:
    """``recorded February 20, 1958``, ``aired March 8, 2016``, ``performed ...``."""
    reprint = _reprint(record)
    recorded = record.type == "music" and not reprint  # a film's origdate is its release
    date = record.eventdate or (record.origdate if recorded else DateRange())
    if not date or (record.head_year and record.head_date == date and date.start.month is None):
        return Text()  # (author-date: a bare year already heads the entry)
    default = "aired" if record.type == "video" else "recorded"
    if record.type == "audio" and not record.raw("userd"):
        return Text(_dated(date))
    label = latex_to_str(record.raw("userd")).strip() or default
    if not note:
        label = capitalise_str(label)
    return Text(label, " ", date.render_long(compress=True))


def _label_number(record: Record) -> Text:
    """``Columbia CL 1157``: the label (or series) and the catalogue number."""
    label = record.text("series") or record.publisher
    return Parts().add(label).add(record.text("number"), " ").text()


def _album(record: Record, note: bool) -> Text:
    """``track 1 on Lady in Satin`` or the album a song appeared on."""
    album = record.booktitle
    if not album:
        return Text()
    by = Text(note_names(record.names("bookauthor")), ", ") if record.names("bookauthor") else ""
    chapter = record.text("chapter")
    if chapter:
        return Text("track " if note else "Track ", chapter, " on ", by, _em(album))
    return Text(by, _em(album))


def _music_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """An album or a track (14.263): ``Pink Floyd, Atom Heart Mother, Capitol ..., 1990``."""
    parts.add(_title_with_addons(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=True))
    if role != "author" and record.names("author"):
        parts.add(_with_label("by", note_names(record.names("author"))))
    for item in _named_roles(record, note=True, skip=role):
        parts.add(item)
    parts.add(_recording_date(record, note=True)).add(record.text("note"))
    parts.add(record.howpublished()).add(_album(record, note=True))
    facts = Parts().add(_label_number(record)).add(_pub_year(record, undated=""))
    parts.add(facts.add(record.text("type")).text()).add(locator)
    parts.add(_original_release(record, note=True)).add(_accessed(record, note=True))
    return _links(record, parts, ", ")


def _original_release(record: Record, note: bool) -> Text:
    if not (_reprint(record) and record.origdate):
        return Text()
    if record.head_year and record.head_date == record.origdate:
        return Text()  # the author-date head gives it
    label = "originally released in " if note else "Originally released in "
    return Text(label, record.origdate.render_year(compress=True))


def _music_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=False), capital=True)
    if role != "author" and record.names("author"):
        parts.add(_with_label("By", _natural_names(record.names("author"))), ". ")
    for item in _named_roles(record, note=False, skip=role):
        parts.add(item, ". ")
    parts.add(_recording_date(record, note=False), ". ")
    parts.add(record.text("note"), ". ", capital=True)
    parts.add(record.howpublished(), ". ").add(_album(record, note=False), ". ")
    facts = Parts().add(_label_number(record)).add(_pub_year(record, undated=""))
    parts.add(facts.add(record.text("type")).text(), ". ")
    parts.add(_original_release(record, note=False), ". ")
    parts.add(_accessed(record, note=False), ". ")
    return _links(record, parts, ". ")


def _series_title(record: Record) -> Text:
    """A television series or film a clip belongs to: ``Friends, season 3, episode 1``."""
    if not record.booktitle:
        return Text()
    return Text(_em(record._titled("booktitle", "booksubtitle", "")))


def _episode(record: Record) -> Text:
    return record.text("booktitleaddon")


def _broadcast(record: Record) -> Text:
    """``on FX``: the network of a broadcast (``usera``)."""
    network = record.text("usera")
    return Text("on ", network) if network else Text()


def _video_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A film, a television episode or a video recording (14.265-14.267)."""
    tv = record.subtype == "tvepisode"
    if tv:
        parts.add(_series_title(record)).add(_episode(record))
    parts.add(_title_with_addons(record))
    parts.add(_titleaddon(record), _titleaddon_separator(record, note=True))
    if not tv:
        parts.add(_series_title(record)).add(_episode(record))
    if role != "author" and record.names("author") and record.uses("author"):
        parts.add(_with_label("by", note_names(record.names("author"))))
    parts.add(record.edition())
    for item in _named_roles(record, note=True, skip=role):
        parts.add(item)
    aired = _recording_date(record, note=True)
    parts.add(aired).add(_broadcast(record)).add(record.text("note"))
    publication = Parts().add(_original(record), "; ").add(_publication_no_nd(record), "; ")
    parts.add(_paren(publication.text()), " ").add(locator)
    parts.add(record.text("type")).add(_accessed(record, note=True))
    return _links(record, parts, ", ")


def _publication_no_nd(record: Record) -> Text:
    """``Place: Publisher, Year`` without "n.d." (undated recordings omit it)."""
    head = Parts().add(record.place).add(_publisher(record), ": ").text()
    return Parts().add(head).add(_pub_year(record, undated="")).text()


def _video_bib(record: Record, parts: Parts, role: str) -> Parts:
    tv = record.subtype == "tvepisode"
    if tv:
        parts.add(_series_title(record), ". ")
        episode = Parts().add(_episode(record), capital=True).add(_title_with_addons(record))
        parts.add(episode.text(), ". ")
    else:
        parts.add(_title_with_addons(record), ". ")
        parts.add(_titleaddon(record), _titleaddon_separator(record, note=False), capital=True)
        series = Parts().add(_series_title(record)).add(_episode(record)).add(record.edition())
        parts.add(series.text(), ". ")
    if role != "author" and record.names("author") and record.uses("author"):
        parts.add(_with_label("By", _natural_names(record.names("author"))), ". ")
    names = Parts()
    for item in _named_roles(record, note=False, skip=role, capital=False):
        names.add(item)
    parts.add(names.text(), ". ", capital=True)
    aired = Parts().add(_recording_date(record, note=False)).add(_broadcast(record))
    parts.add(aired.text(), ". ").add(record.text("note"), ". ", capital=True)
    if not (record.head_year and record.head_date == record.origdate):
        parts.add(_original(record), ". ")
    parts.add(_publication_no_nd(record), ". ")
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(_accessed(record, note=False), ". ")
    return _links(record, parts, ". ")


# -- artworks, performances, data sets (14.235, 14.266, 14.259) -----------------


def _artwork_facts(record: Record) -> tuple[Text, Text, Text]:
    """Date; medium and size; where it is (or was published)."""
    date = record.date.render_long(compress=True) if _body_date(record) else ""
    medium = Parts().add(record.text("type")).add(record.text("note")).text()
    event = record.eventdate.render_long() if record.eventdate else ""
    place = Parts().add(record.howpublished()).add(record.institution).add(record.place)
    return Text(date), medium, place.add(event).text()


def _artwork_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A painting or a photograph: ``Madonna of the Rocks, 1480s, oil on canvas, ..., Louvre``."""
    parts.add(_title_with_addons(record))
    date, medium, place = _artwork_facts(record)
    parts.add(date).add(medium).add(place).add(locator)
    parts.add(_accessed(record, note=True))
    return _links(record, parts, ", ")


def _artwork_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    date, medium, place = _artwork_facts(record)
    parts.add(date, ". ").add(medium, ". ", capital=True).add(place, ". ")
    parts.add(_accessed(record, note=False), ". ")
    return _links(record, parts, ". ")


def _performance_facts(record: Record) -> Text:
    """``Richard Rodgers Theatre, New York, NY, February 2, 2016``."""
    date = record.date.render_long() if record.date else ""
    return Parts().add(record.text("venue")).add(record.place).add(date).text()


def _performance_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A live performance (14.266): title, those responsible, venue, place and date."""
    parts.add(_title_with_addons(record))
    for item in _named_roles(record, note=True, skip=role):
        parts.add(item)
    parts.add(_performance_facts(record)).add(record.text("note")).add(locator)
    return _links(record, parts, ", ")


def _performance_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(_title_with_addons(record), ". ")
    for item in _named_roles(record, note=False, skip=role):
        parts.add(item, ". ")
    parts.add(_performance_facts(record), ". ").add(record.text("note"), ". ", capital=True)
    return _links(record, parts, ". ")


def _dataset_inside(record: Record) -> Text:
    """``for RP11-322N14 BAC [accession number AC087526.3]; accessed April 6, 2016``."""
    identifier = Parts().add(record.text("type")).add(record.text("number"), " ").text()
    title = (
        Parts()
        .add(styled_title(record, record.title_only))
        .add(Text("[", identifier, "]") if identifier else Text(), " ")
    )
    accessed = _accessed(record, note=True)
    date = record.date.render_long() if record.date else ""
    return Parts().add(title.text()).add(date).add(accessed, "; ").text()


def _dataset_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A data set in a database (14.259): ``GenBank (for ...; accessed ...)``."""
    inside = _dataset_inside(record)
    if parts:
        parts.add(_paren(inside), " ")
    else:
        parts.add(inside)
    parts.add(locator)
    return _links(record, parts, ", ")


def _dataset_bib(record: Record, parts: Parts, role: str) -> Parts:
    inside = _dataset_inside(record)
    if parts and record.head_year:  # author-date: "GenBank. (For ...)"
        parts.add(Text("(", capitalise(inside), ")"), ". ")
    elif parts:
        parts.add(_paren(inside), " ")
    else:
        parts.add(inside, capital=True)
    return _links(record, parts, ". ")


_TYPE_NOTE_BUILDERS = {
    "artwork": _artwork_note,
    "image": _artwork_note,
    "performance": _performance_note,
    "dataset": _dataset_note,
    "music": _music_note,
    "video": _video_note,
    "customc": _see_note,
    "archival": _archival_note,
    "letter": _letter_note,
    "inreference": _reference_work_note,
    "suppbook": _supplement_note,
    "suppcollection": _supplement_note,
}
_TYPE_BIB_BUILDERS = {
    "artwork": _artwork_bib,
    "image": _artwork_bib,
    "performance": _performance_bib,
    "dataset": _dataset_bib,
    "music": _music_bib,
    "video": _video_bib,
    "customc": _see_bib,
    "archival": _archival_bib,
    "letter": _letter_bib,
    "inreference": _reference_work_bib,
    "suppbook": _supplement_bib,
    "suppcollection": _supplement_bib,
}


# -- short forms ------------------------------------------------------------


def short_title(record: Record) -> Text:
    """Short title styled like the full one (14.30)."""
    if record.kind is Kind.PERIODICAL and record.issuetitle:
        return quoted(record.issuetitle)
    if record.kind is Kind.PERIODICAL and not record.title:
        return _em(record.journal)
    if record.type in ("suppbook", "suppcollection"):
        return Text(_supplement(record), " ", _em(record.short_title))
    if record.subtype == "tvepisode" and record.booktitle and not record.raw("shorttitle"):
        return Parts().add(_series_title(record)).add(_episode(record)).text()
    title = styled_title(record, record.short_title)
    return Text("see ", title) if record.type == "customc" else title


#: ``et_al_from`` for "name every author"
_NEVER = 1 << 30


def _short_lead(record: Record, et_al_from: int, label: WorkLabel = NO_LABEL) -> Text:
    """Surnames for a short note: ``shortauthor`` if given, else the heading names."""
    role = _creator(record)[1]
    lead = short_names(label_names(record), et_al_from, label) or _corporate_author(
        record, note=True
    )
    authortype = latex_to_str(record.raw("authortype")).strip().casefold()
    if lead and role == "author" and authortype in ("anon", "anon?"):
        lead = Text("[", lead, "?]" if authortype == "anon?" else "]")
    if not lead and _journal_is_author(record):
        lead = _em(record.journal)
    return lead


def _short_note(record: Record, locator: str | None, label: WorkLabel = NO_LABEL) -> Text:
    """``Waltz, Theory of International Politics, 258`` (14.29-14.31)."""
    shorthand = record.text("shorthand")
    if shorthand:
        return Parts().add(shorthand).add(locator).text()
    lead = _short_lead(record, et_al_from=4, label=label)
    title = Text() if "notitle" in record.options else short_title(record)
    if not title and _comments_on(record):
        related = _short_note(Record(related_entries(record.entry)[0]), None)
        title = Text(_related_phrase(record) or "comment on", " ", related)
    parts = Parts().add(lead)
    if record.type == "letter":
        parts.add(title, " ")
    elif record.type == "dataset":
        parts.add(_paren(title), " ")
    else:
        parts.add(title, capital=_plain(record))
    return parts.add(locator).text()


def _supplement(record: Record) -> Text:
    """``introduction to``, ``afterword to``: what part of a book a @suppbook cites."""
    described = record.text("type")
    if described:
        return described
    for role in ("introduction", "foreword", "afterword"):
        if _flagged(record, role):
            return Text(f"{role} to")
    return Text("in")


def _flagged(record: Record, role: str) -> bool:
    """``afterword = {yes}``: the entry is the book's afterword, not a name."""
    persons = record.entry.persons.get(role, ())
    if persons and all(str(person).casefold() == "yes" for person in persons):
        return True
    return latex_to_str(record.raw(role)).strip().casefold() == "yes"


class ChicagoNotesStyle(CitationStyle):
    """CMOS 17 notes and bibliography; the series default."""

    name = "chicago-notes"

    @members_for_sets()
    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        record = Record(entry)
        if "short" in record.options:  # biblatex's ``short`` option: always the short note
            return self.format_short_note(entry, locator)
        return or_key(Text(resolve_part_strings(_note(record, locator).text(), note=True)), entry)

    @members_for_sets()
    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        short = _short_note(Record(entry), locator, self.labels.of(entry))
        return or_key(Text(resolve_part_strings(short, note=False)), entry)

    def format_bibliography_entry(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            texts = [_bibliography(Record(member)).text() for member in members]
            joined = Parts().add(Text("; ").join(texts)).text(period=True)
            return Text(resolve_part_strings(joined, note=False))
        text = _bibliography(Record(entry)).text(period=True)
        return or_key(Text(resolve_part_strings(text, note=False)), entry)

    @members_for_sets()
    def format_parenthetical(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        record = Record(entry)
        lead = self.format_author(entry, all_authors)
        parts = Parts().add(
            Text(lead, " ", record.year_text(compress=True))
            if lead
            else record.year_text(compress=True)
        )
        return parts.add(locator).text()

    @members_for_sets()
    def format_narrative(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        record = Record(entry)
        lead = self.format_author(entry, all_authors)
        inside = Parts().add(record.year_text(compress=True)).add(locator).text()
        return Parts().add(lead).add(_paren(inside), " ").text()

    @members_for_sets("all_authors")
    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        """Surnames, "et al." from three authors (CMOS 18, the series rule) unless all;
        the short title when the work has no creator."""
        record = Record(entry)
        et_al_from = _NEVER if all_authors else 3
        return _short_lead(record, et_al_from, self.labels.of(entry)) or short_title(record)

    @members_for_sets()
    def format_year(self, entry: Entry) -> Text:
        return Text(Record(entry).year_text(compress=True))

    def label_basis(self, entry: Entry) -> LabelBasis | None:
        """The names a short citation gives (first and "et al." from four) and the
        year that tells works apart (none here: notes give titles, not letters)."""
        if set_members(entry):
            return None
        record = Record(entry)
        names = label_names(record)
        shown = names.persons[:1] if names.truncated or len(names) >= 4 else names.persons
        truncated = len(shown) < len(names) or names.truncated
        return LabelBasis(shown, truncated, self.label_year(record))

    def label_year(self, record: Record) -> str:
        """The year a work's letter goes with; empty: the style gives no letters."""
        return ""

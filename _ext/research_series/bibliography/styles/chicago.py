"""Chicago Manual of Style, 17th edition, notes and bibliography.

Modelled on the CSL style ``chicago-notes-bibliography`` (17th edition):

* full note ``Kenneth N. Waltz, Theory of International Politics (Reading, MA:
  Addison-Wesley, 1979), 258``; short note ``Waltz, Theory of International
  Politics, 258``; bibliography ``Waltz, Kenneth N. Theory of International
  Politics. Reading, MA: Addison-Wesley, 1979.``
* titles keep the case they were entered in (a series rule); books, reports and
  journals are italic, articles, chapters, theses and web pages are quoted, with
  a following comma or period inside the closing quotation mark.
* page ranges take an en dash and are abbreviated as in CMOS 17 9.61
  (425-58, 101-8, 321-28, 1496-500: the 17th edition dropped the 16th's
  exception for four-digit numbers); in a note a locator replaces an article's
  or chapter's page range, as Chicago cites the page referred to.
* a work without a date shows "n.d."; year ranges are given in full (1984-1986);
  an article without volume and number but with a full date is cited like a
  magazine (``Magazine, May 3, 1993, 25``).
* names: two "A and B", three "A, B, and C", four or more "A et al." in notes;
  the bibliography inverts the first name and lists up to ten, else seven and
  "et al." (14.76).  Braced names (organisations) are never inverted.
* the author-date forms (``format_parenthetical``/``format_narrative``) follow
  CMOS 15: ``Waltz 1979, 258``, ``Keohane and Nye 1977``, three or more names
  ``Lowenthal et al. 2014`` (the series rule, as in CMOS 18).
"""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.richtext import BaseText, Tag, Text

from ..dates import MONTHS
from ..names import NameList, person_first_last, person_last, person_last_first
from ..punct import Parts, quoted
from ..record import Kind, Record, join_list, ordinal, set_members
from . import CitationStyle, or_key

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


def short_names(names: NameList, et_al_from: int = 4) -> Text:
    """Surnames only: ``Waltz``, ``Keohane and Nye``, ``Lowenthal et al.``."""
    if not names:
        return Text()
    if names.truncated or len(names) >= et_al_from:
        return Text(person_last(names.persons[0]), " et al.")
    return join_list([person_last(person) for person in names.persons])


def _creator(record: Record) -> tuple[NameList, str]:
    """Who heads the citation: authors, else editors (not of a chapter's book)."""
    authors = record.names("author")
    if authors:
        return authors, "author"
    editors = record.names("editor")
    if editors and record.kind is not Kind.CHAPTER:
        return editors, "editor"
    holders = record.names("holder")
    if holders and record.kind is Kind.PATENT:
        return holders, "holder"
    return _NO_NAMES, ""


def _editor_label(names: NameList) -> str:
    return "eds." if len(names) > 1 or names.truncated else "ed."


# -- titles ------------------------------------------------------------------


def styled_title(record: Record, title: BaseText) -> Text:
    """Italic, quoted or plain, by the kind of work (CMOS 8.171, 14.86)."""
    if not title:
        return Text()
    if record.type in _ITALIC_TYPES:
        return Text(Tag("em", title))
    if record.kind in _QUOTED or record.kind in _QUOTED_GENERIC:
        return quoted(title)
    if record.kind in _PLAIN:
        return Text(title)
    return Text(Tag("em", title))


def _em(text: BaseText) -> Text:
    return Text(Tag("em", text)) if text else Text()


def _paren(text: BaseText) -> Text:
    return Text("(", text, ")") if text else Text()


def _with_label(label: str, text: BaseText) -> Text:
    return Text(label, " ", text) if text else Text()


# -- pieces shared by notes and bibliography --------------------------------


def _contributors(record: Record, note: bool, editors: bool) -> list[Text]:
    """``ed. A``/``Edited by A``, ``trans. B``/``Translated by B`` and the like."""
    items = []
    names = note_names if note else _natural_names
    roles: tuple[tuple[str, str, str], ...] = _CONTRIBUTORS
    if editors:
        label = "ed." if note else "Edited by"
        if _same_persons(record.names("editor"), record.names("translator")):
            label = "ed. and trans." if note else "Edited and translated by"
            roles = roles[1:]
        items.append(_with_label(label, names(record.names("editor"))))
    for role, note_phrase, bib_phrase in roles:
        phrase = note_phrase if note else bib_phrase
        items.append(_with_label(phrase, names(record.names(role))))
    return [item for item in items if item]


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
    """``vol. 2 of Main Title``, ``vol. 2``, ``3 vols.`` (14.117-14.123)."""
    volume = record.text("volume")
    label = "Vol." if capital else "vol."
    if volume and record.maintitle and record.kind is not Kind.CHAPTER:
        return Text(label, " ", volume, " of ", _em(record.maintitle))
    if volume:
        return Text(label, " ", volume)
    volumes = record.text("volumes")
    return Text(volumes, " vols.") if volumes else Text()


def _series(record: Record) -> Text:
    """``Series Title 12``: the series with the work's number in it."""
    series = record.text("series")
    if not series:
        return Text()
    number = record.text("number")
    return Text(series, " ", number) if number else series


def _publisher(record: Record) -> Text:
    if record.kind is Kind.REPORT:
        return record.institution or record.publisher or record.organization
    return record.publisher or record.organization or record.institution or record.howpublished()


def _publication(record: Record, publisher: BaseText | None = None) -> Text:
    """``Place: Publisher, Year`` (14.127)."""
    if publisher is None:
        publisher = _publisher(record)
    head = Parts().add(record.place).add(publisher, ": ").text()
    return Parts().add(head).add(record.year_text()).text()


def _journal_date(record: Record) -> str:
    """``1993``, ``May 1993`` or ``Spring 1993`` for a journal issue."""
    issue = str(record.text("issue"))
    year = record.year_text()
    if issue:
        return f"{issue} {year}"
    start = record.date.start
    if start.month is not None and record.date.end is None:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return year


def _is_magazine(record: Record) -> bool:
    """Magazines and newspapers are cited by date, not volume (14.188)."""
    subtype = record.raw("entrysubtype").casefold()
    if subtype in ("magazine", "newspaper"):
        return True
    no_volume = not (record.raw("volume") or record.raw("number"))
    return no_volume and record.date.start.day is not None


def _journal(record: Record, pages: BaseText) -> Text:
    """``Journal 2, no. 4 (1993): 425-58`` or ``Magazine, May 3, 1993, 25``."""
    journal = _em(record.journal)
    if _is_magazine(record):
        return Parts().add(journal).add(record.date.render_long()).add(pages).text()
    series = record.raw("series")
    series_text = Text(_JOURNAL_SERIES.get(series, "")) if series else Text()
    if series.isdigit():
        series_text = Text(f"{ordinal(int(series))} ser.")
    elif series and not series_text:
        series_text = record.text("series")
    parts = Parts().add(journal).add(series_text).add(record.text("volume"), " ")
    parts.add(_with_label("no.", record.text("number")), ", ")
    parts.add(_paren(Text(_journal_date(record))), " ")
    return parts.add(pages, ": ").text()


def _report_number(record: Record) -> Text:
    """``Technical Report 42``; a bare number is ``Report 42``."""
    label = record.type_label()
    number = record.text("number")
    if number and not label:
        label = Text("Report")
    return Parts().add(label).add(number, " ").text()


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


def _note(record: Record, locator: str | None) -> Parts:
    names, role = _creator(record)
    parts = Parts()
    lead = note_names(names)
    if role == "editor":
        lead = Text(lead, ", ", _editor_label(names))
    parts.add(lead)
    builder = _NOTE_BUILDERS.get(record.kind, _generic_note)
    return builder(record, parts, role, locator)


def _book_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=role != "editor"):
        parts.add(item)
    parts.add(record.edition()).add(_volume(record, capital=False)).add(_series(record))
    parts.add(record.text("version") and Text("version ", record.text("version")))
    parts.add(_note_field(record))
    parts.add(_paren(_publication(record)), " ").add(locator)
    return _links(record, parts, ", ")


def _article_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=False):
        parts.add(item)
    pages = Text(locator) if locator else record.pages(abbreviate=True)
    parts.add(_journal(record, pages))
    parts.add(_note_field(record))
    return _links(record, parts, ", ")


def _container(record: Record, note: bool) -> Text:
    """``in Book Title, by A, ed. B, vol. 2 of Main Title`` for a chapter."""
    book = record.booktitle or record.maintitle
    container = Parts().add(_em(book))
    container.add(_with_label("by", note_names(record.names("bookauthor"))))
    editors = note_names(record.names("editor")) if note else _natural_names(record.names("editor"))
    container.add(_with_label("ed." if note else "edited by", editors))
    container.add(record.edition())
    volume = record.text("volume")
    if volume and record.booktitle and record.maintitle:
        container.add(Text("vol. ", volume, " of ", _em(record.maintitle)))
    elif volume:
        container.add(Text("vol. ", volume))
    container.add(_series(record))
    text = container.text()
    return Text("In " if not note else "in ", text) if book else text


def _chapter_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=False):
        parts.add(item)
    parts.add(_container(record, note=True)).add(_note_field(record))
    parts.add(_paren(_publication(record)), " ")
    parts.add(Text(locator) if locator else record.pages(abbreviate=True))
    return _links(record, parts, ", ")


def _thesis_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    facts = Parts().add(record.type_label()).add(record.institution).add(record.year_text())
    parts.add(_paren(facts.text()), " ").add(locator)
    return _links(record, parts, ", ")


def _report_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=role != "editor"):
        parts.add(item)
    parts.add(_report_number(record)).add(_note_field(record))
    parts.add(_paren(_publication(record)), " ").add(locator)
    return _links(record, parts, ", ")


def _web_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    for item in _contributors(record, note=True, editors=role != "editor"):
        parts.add(item)
    parts.add(_site(record)).add(record.date.render_long()).add(_note_field(record))
    parts.add(locator)
    parts.add(_with_label("accessed", Text(record.urldate.render_long())))
    return _links(record, parts, ", ")


def _patent_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    number = Parts().add(_report_number(record)).add(_paren(record.place), " ")
    parts.add(number.text())
    parts.add(_with_label("issued", Text(record.date.render_long())))
    parts.add(_note_field(record)).add(locator)
    return _links(record, parts, ", ")


def _unpublished_description(record: Record, capital: bool) -> Text:
    described = record.text("note") or record.howpublished()
    if described:
        return described
    return Text("Unpublished manuscript" if capital else "unpublished manuscript")


def _unpublished_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    parts.add(styled_title(record, record.title))
    facts = Parts().add(_unpublished_description(record, capital=False))
    facts.add(record.date.render_long() or "n.d.")
    parts.add(_paren(facts.text()), " ").add(locator)
    return _links(record, parts, ", ")


def _issue(record: Record) -> Text:
    """A whole journal issue: ``Journal 35, no. 4 (2011)``."""
    journal = _em(record.title or record.journal)
    parts = Parts().add(journal).add(record.text("volume"), " ")
    parts.add(_with_label("no.", record.text("number")), ", ")
    return parts.add(_paren(Text(_journal_date(record))), " ").text()


def _periodical_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    if record.issuetitle:
        parts.add(quoted(record.issuetitle)).add("special issue")
    parts.add(_issue(record)).add(locator)
    return _links(record, parts, ", ")


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


def _bibliography(record: Record) -> Parts:
    names, role = _creator(record)
    parts = Parts()
    lead = bibliography_names(names)
    if role == "editor":
        lead = Text(lead, ", ", _editor_label(names))
    parts.add(lead)
    builder = _BIB_BUILDERS.get(record.kind, _generic_bib)
    return builder(record, parts, role)


def _title_and_contributors(record: Record, parts: Parts, editors: bool) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    for item in _contributors(record, note=False, editors=editors):
        parts.add(item, ". ")
    return parts


def _book_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=role != "editor")
    parts.add(record.edition(), ". ").add(_volume(record, capital=True), ". ")
    parts.add(_series(record), ". ")
    parts.add(record.text("version") and Text("Version ", record.text("version")), ". ")
    parts.add(_note_field(record), ". ").add(_publication(record), ". ")
    return _links(record, parts, ". ")


def _article_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=False)
    parts.add(_journal(record, record.pages(abbreviate=True)), ". ")
    parts.add(_note_field(record), ". ")
    return _links(record, parts, ". ")


def _chapter_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=False)
    container = Parts().add(_container(record, note=False))
    container.add(record.pages(abbreviate=True))
    parts.add(container.text(), ". ").add(_note_field(record), ". ")
    parts.add(_publication(record), ". ")
    return _links(record, parts, ". ")


def _thesis_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    facts = Parts().add(record.type_label()).add(record.institution).add(record.year_text())
    parts.add(facts.text(), ". ").add(_note_field(record), ". ")
    return _links(record, parts, ". ")


def _report_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=role != "editor")
    parts.add(_report_number(record), ". ").add(_note_field(record), ". ")
    parts.add(_publication(record), ". ")
    return _links(record, parts, ". ")


def _web_bib(record: Record, parts: Parts, role: str) -> Parts:
    _title_and_contributors(record, parts, editors=role != "editor")
    parts.add(_site(record), ". ").add(record.date.render_long(), ". ")
    parts.add(_note_field(record), ". ")
    parts.add(_with_label("Accessed", Text(record.urldate.render_long())), ". ")
    return _links(record, parts, ". ")


def _patent_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    number = Parts().add(_report_number(record)).add(_paren(record.place), " ")
    parts.add(number.text(), ". ")
    parts.add(_with_label("issued", Text(record.date.render_long())))
    parts.add(_note_field(record), ". ")
    return _links(record, parts, ". ")


def _unpublished_bib(record: Record, parts: Parts, role: str) -> Parts:
    parts.add(styled_title(record, record.title), ". ")
    facts = Parts().add(_unpublished_description(record, capital=True))
    parts.add(facts.add(record.date.render_long() or "n.d.").text(), ". ")
    return _links(record, parts, ". ")


def _periodical_bib(record: Record, parts: Parts, role: str) -> Parts:
    if record.issuetitle:
        parts.add(quoted(record.issuetitle), ". ").add("Special issue", ". ")
        parts.add(_issue(record), ", ")
    else:
        parts.add(_issue(record), ". ")
    parts.add(_note_field(record), ". ")
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


# -- short forms ------------------------------------------------------------


def short_title(record: Record) -> Text:
    """Short title styled like the full one (14.30)."""
    if record.kind is Kind.PERIODICAL and not record.title:
        return _em(record.journal)
    return styled_title(record, record.short_title)


#: ``et_al_from`` for "name every author"
_NEVER = 1 << 30


def _short_lead(record: Record, et_al_from: int) -> Text:
    names, _role = _creator(record)
    return short_names(names, et_al_from)


class ChicagoNotesStyle(CitationStyle):
    """CMOS 17 notes and bibliography; the series default."""

    name = "chicago-notes"

    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_note(member) for member in members])
        return or_key(_note(Record(entry), locator).text(), entry)

    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_short_note(member) for member in members])
        record = Record(entry)
        parts = Parts().add(_short_lead(record, et_al_from=4)).add(short_title(record))
        return or_key(parts.add(locator).text(), entry)

    def format_bibliography_entry(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            texts = [_bibliography(Record(member)).text() for member in members]
            return Parts().add(Text("; ").join(texts)).text(period=True)
        return or_key(_bibliography(Record(entry)).text(period=True), entry)

    def format_parenthetical(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_parenthetical(member) for member in members])
        record = Record(entry)
        lead = self.format_author(entry, all_authors)
        parts = Parts().add(Text(lead, " ", record.year_text()) if lead else record.year_text())
        return parts.add(locator).text()

    def format_narrative(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_narrative(member) for member in members])
        record = Record(entry)
        lead = self.format_author(entry, all_authors)
        inside = Parts().add(record.year_text()).add(locator).text()
        return Parts().add(lead).add(_paren(inside), " ").text()

    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        """Surnames, "et al." from three authors (CMOS 18, the series rule) unless all;
        the short title when the work has no creator."""
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_author(member, all_authors) for member in members])
        record = Record(entry)
        return _short_lead(record, et_al_from=_NEVER if all_authors else 3) or short_title(record)

    def format_year(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            return Text("; ").join([self.format_year(member) for member in members])
        return Text(Record(entry).year_text())

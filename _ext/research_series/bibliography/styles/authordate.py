"""Author-date citations after APA (7th edition), selectable per series.

* reference list: ``Waltz, K. N. (1979). Theory of International Politics.
  Addison-Wesley.``; titles keep the case they were entered in (a series rule,
  where APA would use sentence case); stand-alone works italic, parts of a work
  (articles, chapters) plain; journal name and volume italic
  (``Journal, 2(4), 425-458.``); page ranges in full; no period after a final
  DOI or URL, as APA requires.
* in-text: parenthetical ``Waltz, 1979, p. 258``, narrative ``Waltz (1979, p.
  258)``; two authors ``Keohane & Nye, 1977`` / ``Keohane and Nye (1977)``;
  three or more ``Lowenthal et al., 2014``.  A locator that is a bare number or
  range gets ``p.``/``pp.``; anything else (``chap. 3``) is kept as given.
* notes (when an author uses footnotes with this style) are the parenthetical
  form, for both first and later citations.
"""

from __future__ import annotations

import re

from pybtex.database import Entry
from pybtex.richtext import BaseText, Tag, Text

from ..latex import resolve_part_strings
from ..names import NameList, person_initials_last, person_last, person_last_initials
from ..punct import Parts, add_period, quoted
from ..record import Kind, Record, join_list, set_members
from . import CitationStyle, members_for_sets, or_key

__all__ = ["AuthorDateStyle"]

_NO_NAMES = NameList((), False)
_PART_KINDS = frozenset({Kind.ARTICLE, Kind.CHAPTER})
_DESCRIPTIONS = {
    "phdthesis": "Doctoral dissertation",
    "thesis": "Doctoral dissertation",
    "mastersthesis": "Master\u2019s thesis",
    "mathesis": "Master\u2019s thesis",
}
_PAGE_RANGE = re.compile(r"^\d+\s*(?:-+|\u2013)\s*\d+$")


def reference_names(names: NameList) -> Text:
    """``Waltz, K. N.``; ``A, & B``; up to 20 names, else 19, "…" and the last."""
    persons = [person_last_initials(person) for person in names.persons]
    if not persons:
        return Text()
    if len(persons) > 20:
        return Text(Text(", ").join(persons[:19]), ", . . . ", persons[-1])
    if names.truncated:
        return Text(Text(", ").join(persons), ", et al.")
    return join_list(persons, conjunction="&", comma_for_two=True)


def citation_names(names: NameList, conjunction: str, all_authors: bool = False) -> Text:
    """Surnames for in-text citations: one, two, or the first and "et al." (unless all)."""
    if not names:
        return Text()
    if names.truncated or (len(names) >= 3 and not all_authors):
        return Text(person_last(names.persons[0]), " et al.")
    return join_list([person_last(person) for person in names.persons], conjunction)


def _creator(record: Record) -> tuple[NameList, str]:
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


def _initials_names(names: NameList) -> Text:
    return join_list([person_initials_last(person) for person in names.persons], "&")


def _em(text: BaseText) -> Text:
    return Text(Tag("em", text)) if text else Text()


def _title(record: Record, title: BaseText) -> Text:
    """Stand-alone works italic, parts of works plain (APA 6.6, 9.19)."""
    if record.kind in _PART_KINDS and record.type != "bookinbook":
        return Text(title)
    return _em(title)


def _in_text_title(record: Record) -> Text:
    """A title standing in for the author in a citation (APA 8.14)."""
    if record.kind in _PART_KINDS or record.kind in (Kind.WEB, Kind.THESIS):
        return quoted(record.short_title)
    return _em(record.short_title)


def _date(record: Record) -> str:
    """``(1979)``; ``(2015, November 3)`` for dated items; ``(n.d.)``."""
    if not record.date:
        return f"({record.year_text()})"
    dated = record.kind in (Kind.WEB, Kind.GENERIC, Kind.UNPUBLISHED)
    dated = dated or (record.kind is Kind.ARTICLE and not record.raw("volume"))
    return f"({record.date.render_apa() if dated else record.date.render_year()})"


def _locator(locator: str | None) -> str:
    if not locator:
        return ""
    locator = locator.strip()
    if locator.isdigit():
        return f"p. {locator}"
    if _PAGE_RANGE.match(locator):
        return "pp. " + re.sub(r"\s*(?:-+|\u2013)\s*", "\u2013", locator)
    return locator


def _details(record: Record, creator_role: str) -> Text:
    """Parenthesised details after a title: ``(K. Bland, Trans.; 2nd ed., Vol. 1)``."""
    people = Parts()
    editors, translators = record.names("editor"), record.names("translator")
    if creator_role == "editor":
        editors = _NO_NAMES
    if editors and [str(p) for p in editors.persons] == [str(p) for p in translators.persons]:
        people.add(Text(_initials_names(editors), ", Ed. & Trans."))
    else:
        if editors:
            people.add(Text(_initials_names(editors), ", Eds." if len(editors) > 1 else ", Ed."))
        if translators:
            people.add(Text(_initials_names(translators), ", Trans."), "; ")
    facts = Parts().add(record.edition())
    facts.add(record.text("volume") and Text("Vol. ", record.text("volume")))
    inner = Parts().add(people.text()).add(facts.text(), "; ").text()
    return Text("(", inner, ")") if inner else Text()


def _description(record: Record) -> Text:
    """The bracketed description of a thesis, manuscript or the like (APA 9.21)."""
    if record.kind is Kind.THESIS:
        key = record.raw("type").strip("{}") or record.type
        label = Text(_DESCRIPTIONS[key]) if key in _DESCRIPTIONS else record.type_label()
        return Text("[", Parts().add(label).add(record.institution).text(), "]")
    if record.kind is Kind.UNPUBLISHED:
        described = record.text("note") or record.howpublished()
        return Text("[", described or "Unpublished manuscript", "]")
    described = record.howpublished() or record.type_label()
    return Text("[", described, "]") if described else Text()


def _source(record: Record) -> Text:
    """What follows the title: journal, container, publisher or site."""
    kind = record.kind
    if kind is Kind.ARTICLE:
        journal = Parts().add(_em(record.journal)).add(_em(record.text("volume")))
        issue = record.text("number") or record.text("issue")
        volume = Text(journal.text(), "(", issue, ")") if issue else journal.text()
        return Parts().add(volume).add(record.pages(abbreviate=False)).text()
    if kind is Kind.CHAPTER:
        editors = record.names("editor")
        lead = Text(_initials_names(editors), " (Eds.)" if len(editors) > 1 else " (Ed.)")
        container = Parts().add(lead if editors else Text()).add(_em(record.booktitle))
        container.add(_details_for_container(record), " ")
        book = Text("In ", container.text())
        return Parts().add(book).add(_publisher(record), ". ").text()
    if kind is Kind.PERIODICAL:
        volume = Parts().add(_em(record.title or record.journal)).add(_em(record.text("volume")))
        issue = record.text("number")
        return Text(volume.text(), "(", issue, ")") if issue else volume.text()
    return _publisher(record)


def _details_for_container(record: Record) -> Text:
    facts = Parts().add(record.edition())
    facts.add(record.text("volume") and Text("Vol. ", record.text("volume")))
    pages = record.pages(abbreviate=False)
    facts.add(pages and Text("pp. ", pages))
    inner = facts.text()
    return Text("(", inner, ")") if inner else Text()


def _publisher(record: Record) -> Text:
    if record.kind is Kind.WEB:
        site = record.journal or record.organization or record.publisher
        return site or record.institution or record.howpublished()
    if record.kind in (Kind.REPORT, Kind.THESIS):
        return record.institution if record.kind is Kind.REPORT else Text()
    return record.publisher or record.organization or record.institution


def _number(record: Record) -> Text:
    """``(Technical Report No. 99-02)`` for reports, ``(US Patent No. 1)`` for patents."""
    if record.kind not in (Kind.REPORT, Kind.PATENT):
        return Text()
    number = record.text("number")
    label = record.type_label() or Text("Report")
    return Text("(", label, " No. ", number, ")") if number else Text()


def _reference(record: Record) -> Text:
    names, role = _creator(record)
    lead = reference_names(names)
    if role == "editor":
        lead = Text(lead, " (Eds.)" if len(names) > 1 else " (Ed.)")
    title = record.title
    if record.kind is Kind.PERIODICAL:
        title = record.issuetitle
    head = Parts()
    title_part = Parts().add(_title(record, title))
    if record.kind not in _PART_KINDS and record.kind is not Kind.PERIODICAL:
        title_part.add(_details(record, role), " ")
    title_part.add(_number(record), " ")
    if record.kind in (Kind.THESIS, Kind.UNPUBLISHED, Kind.GENERIC, Kind.WEB):
        title_part.add(_description(record) if record.kind is not Kind.WEB else Text(), " ")
    if record.kind is Kind.PERIODICAL and title:
        title_part.add("[Special issue]", " ")
    if lead:
        head.add(add_period(lead)).add(_date(record), " ").add(title_part.text(), ". ")
    else:
        head.add(title_part.text()).add(_date(record), ". ")
    source = _source(record)
    if str(source) != str(lead):  # a site named like its author is not repeated
        head.add(source, ". ")
    if record.kind is not Kind.UNPUBLISHED:  # there the note is the description
        head.add(record.text("note"), ". ")
    head.add(record.eprint(), ". ")
    retrieved = record.urldate.render_long()
    text = head.text(period=True)
    link = record.link()
    if link and retrieved and not record.doi:
        link = Text(f"Retrieved {retrieved}, from ", link)
    return Text(text, " ", link) if link else text


def _citation(record: Record, conjunction: str, all_authors: bool = False) -> tuple[Text, str]:
    """Author surnames (or the title) and the year: APA cites the year alone."""
    names, _role = _creator(record)
    lead = citation_names(names, conjunction, all_authors) or _in_text_title(record)
    return lead, record.year_text()


class AuthorDateStyle(CitationStyle):
    """APA-like author-date citations with a reference list."""

    name = "author-date"

    @members_for_sets()
    def format_parenthetical(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        lead, year = _citation(Record(entry), "&", all_authors)
        return Parts().add(lead).add(year).add(_locator(locator)).text()

    @members_for_sets()
    def format_narrative(
        self, entry: Entry, locator: str | None = None, all_authors: bool = False
    ) -> Text:
        lead, year = _citation(Record(entry), "and", all_authors)
        inside = Parts().add(year).add(_locator(locator)).text()
        return Parts().add(lead).add(Text("(", inside, ")"), " ").text()

    @members_for_sets("all_authors")
    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        return _citation(Record(entry), "and", all_authors)[0]

    @members_for_sets()
    def format_year(self, entry: Entry) -> Text:
        return Text(_citation(Record(entry), "and")[1])

    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        return self.format_parenthetical(entry, locator)

    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        return self.format_parenthetical(entry, locator)

    def format_bibliography_entry(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            joined = Text(" ").join([_reference(Record(member)) for member in members])
            return Text(resolve_part_strings(joined, note=False))
        return or_key(Text(resolve_part_strings(_reference(Record(entry)), note=False)), entry)

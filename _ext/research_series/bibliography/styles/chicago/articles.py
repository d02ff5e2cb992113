"""Articles, reviews and whole issues: the periodical family (14.168-14.210).

``@article`` and ``@suppperiodical`` print alike; ``@review`` (a review, or a
comment on a blog post) gives its own date first; ``@periodical`` is a whole
issue.  The journal facts they share (``Journal 2, no. 4 (1993): 425-58``,
``Magazine, May 3, 1993, 25``) are here too.
"""

from __future__ import annotations

import re

from pybtex.richtext import BaseText, Text

from ...dates import MONTHS
from ...latex import latex_to_str
from ...punct import Parts, quoted
from ...record import Record, format_pages, ordinal
from .dates import accessed_phrase, date_with_time, pub_year
from .layout import Driver, YearHead
from .names import NO_NAMES, contributors, creator, editor_phrase, natural_names, note_names
from .text import em, note_field, paren, with_label, with_links
from .titles import plain_title, title_with_addons, titleaddon, titleaddon_separator

__all__ = ["ARTICLE", "PERIODICAL", "REVIEW", "journal_is_author"]

_JOURNAL_SERIES = {"newseries": "n.s.", "oldseries": "o.s."}


def _journal_date(record: Record, head: YearHead | None = None) -> str:
    """``1993``, ``May 1993``, ``Spring 1993`` or ``February 6, 2002`` for an issue."""
    issue = str(record.text("issue"))
    year = pub_year(record, undated="", head=head)
    if issue:
        return f"{issue} {year}".strip()
    start = record.date.start
    if start.season:
        return f"{start.season} {year}".strip()
    if start.month is not None and record.date.end is None:
        if head is not None and start.day is None:
            return MONTHS[start.month - 1]
        return record.date.render_long()
    return year


def _is_magazine(record: Record, head: YearHead | None = None) -> bool:
    """Magazines and newspapers are cited by date, not volume (14.188)."""
    if record.subtype in ("magazine", "newspaper"):
        return True
    no_volume = not (record.raw("volume") or record.raw("number"))
    start = record.date.start
    season = bool(record.raw("issue") or start.season) and head is None
    return no_volume and (start.day is not None or season)


def _journal_name(record: Record, note: bool = True) -> Text:
    """``Journal (Place)``, ``Blog (blog), Main Title``: the periodical's name."""
    parts = Parts().add(em(record.journal))
    parts.add(record.text("journaltitleaddon"), " ")
    parts.add(paren(record.place), " ")
    if record.type in ("article", "review") and record.maintitle:
        parts.add(em(record.maintitle), ", " if note else ". ")
    parts.add(record.text("usera"))  # a broadcaster: MacNeil/Lehrer NewsHour, PBS
    return parts.text()


def journal_facts(
    record: Record,
    pages: BaseText,
    name: bool = True,
    note: bool = True,
    head: YearHead | None = None,
) -> Text:
    """``Journal 2, no. 4 (1993): 425-58`` or ``Magazine, May 3, 1993, 25``."""
    journal = _journal_name(record, note) if name else Text()
    if _is_magazine(record, head):
        date = record.date.render_long()
        if head is not None and record.date.start.day is None:
            date = _journal_date(record, head)
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
    date = _journal_date(record, head)
    if head is not None and volume and not date:  # author-date (15.47): 13 (1): 47-60
        number = record.text("number")
        parts.add(paren(number), " ")
        return parts.add(pages, ": " if number else ":").text()
    parts.add(with_label("no.", record.text("number")), ", ")
    parts.add(paren(Text(date)), " ")
    return parts.add(pages, ": " if date else ", ").text()


def _numbers(record: Record) -> Text:
    """``no. 5`` or ``nos. 23-24``."""
    number = record.raw("number")
    if not number:
        return Text()
    label = "nos." if re.search(r"[-\u2013,]", number) else "no."
    return Text(label, " ", format_pages(number, abbreviate=False))


def journal_is_author(record: Record, head: YearHead | None = None) -> bool:
    """An unsigned newspaper or magazine piece is listed under the periodical (14.207)."""
    unsigned = not record.names("author") and not record.raw("author")
    return unsigned and _is_magazine(record, head) and bool(record.journal)


def _article_editors(record: Record, note: bool) -> Text:
    """The editors of an article, or of the special issue it appears in."""
    editors = record.names("editor")
    if creator(record)[1] == "editor":
        editors = NO_NAMES
    names = note_names(editors) if note else natural_names(editors)
    if record.issuetitle:
        issue = Parts().add(quoted(record.issuetitle))
        issue.add(with_label("ed." if note else "edited by", names))
        return Text("in " if note else "In ", issue.text())
    phrase = editor_phrase(record, note, editors, main=False)
    return with_label(phrase, names) if phrase else names


def _article_note(
    record: Record, parts: Parts, role: str, locator: str | None, dated: bool = False
) -> Parts:
    """``dated``: a comment's own date comes before its title (14.208)."""
    if dated:
        parts.add(date_with_time(record.eventdate))
    parts.add(title_with_addons(record), capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=True))
    for item in contributors(record, note=True, editors=False, role=role):
        parts.add(item)
    parts.add(_article_editors(record, note=True))
    parts.add(record.text("note"))
    pages = Text(locator) if locator else record.pages(abbreviate=True)
    parts.add(journal_facts(record, pages)).add(record.text("type"))
    parts.add(accessed_phrase(record, note=True)).add(record.text("addendum"))
    return with_links(record, parts, ", ")


def _article_bib(
    record: Record, parts: Parts, role: str, head: YearHead | None, dated: bool = False
) -> Parts:
    journal_lead = not parts and journal_is_author(record, head)
    if journal_lead:
        parts.add(_journal_name(record))
    if dated:
        parts.add(date_with_time(record.eventdate), ". ")
    parts.add(title_with_addons(record), ". ", capital=plain_title(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=False), capital=True)
    for item in contributors(record, note=False, editors=False, role=role):
        parts.add(item, ". ", capital=True)
    issue = _article_editors(record, note=False)
    parts.add(issue, ". ", capital=True)
    note = record.text("note")
    if note and record.issuetitle:
        note = Text(note, ", ")
    parts.add(note, ". ", capital=True)
    pages = record.pages(abbreviate=True)
    journal = journal_facts(record, pages, name=not journal_lead, note=False, head=head)
    if note and record.issuetitle:
        parts.add(journal, "")
    else:
        parts.add(journal, ". ")
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    parts.add(record.text("addendum"), ". ", capital=True)
    return with_links(record, parts, ". ")


def article_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """``@article``: ``“Title,” Journal 2, no. 4 (1993): 425-58``."""
    return _article_note(record, parts, role, locator)


def article_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _article_bib(record, parts, role, head)


def review_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """``@review``: a review, or a comment with its own date (14.208-14.209)."""
    return _article_note(record, parts, role, locator, dated=True)


def review_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    return _article_bib(record, parts, role, head, dated=True)


def _whole_issue(record: Record, note: bool = True, head: YearHead | None = None) -> Text:
    """A whole journal issue: ``Journal 35, no. 4 (2011)``; a blog: ``Wordplay (blog)``."""
    journal = em(record.title or record.journal)
    journal = Parts().add(journal).add(paren(record.place), " ")
    journal.add(em(record.maintitle), ", " if note else ". ")
    parts = Parts().add(journal.text()).add(record.text("volume"), " ")
    parts.add(with_label("no.", record.text("number")), ", ")
    return parts.add(paren(Text(_journal_date(record, head))), " ").text()


def _periodical_note_field(record: Record) -> Text:
    """The note, unless it only repeats "special issue" (printed for an issue title)."""
    note = note_field(record)
    if record.issuetitle and str(note).strip().casefold() == "special issue":
        return Text()
    return note


def periodical_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """``@periodical``, a whole issue: ``“Title,” special issue, Journal 35, no. 4 (2011)``."""
    if record.issuetitle:
        parts.add(quoted(record.issuetitle)).add("special issue")
    parts.add(_whole_issue(record)).add(_periodical_note_field(record)).add(locator)
    return with_links(record, parts, ", ")


def periodical_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    if record.issuetitle:
        parts.add(quoted(record.issuetitle), ". ").add("Special issue", ". ")
        parts.add(_whole_issue(record, note=False, head=head), ", ")
    else:
        parts.add(_whole_issue(record, note=False, head=head), ". ")
    parts.add(_periodical_note_field(record), ". ", capital=True)
    return with_links(record, parts, ". ")


ARTICLE = Driver(article_note, article_bib)
REVIEW = Driver(review_note, review_bib)
PERIODICAL = Driver(periodical_note, periodical_bib)

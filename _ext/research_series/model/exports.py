"""A paper's own citation, in every form readers paste into their tools.

BibTeX (``@techreport``) is written by pybtex, RIS (``TY  - RPRT``) by
rispy and CSL-JSON (``type: report``) by ``json``; all three come from the
same :class:`~.report.Report`, so they agree on title, author order, date,
number and DOI.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import rispy
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from .authors import Author
from .papers import CitablePaper
from .scripts import transliterate
from .series import SeriesConfig

#: One writer for all exports: ``BibliographyData.to_string`` looks the writer
#: plugin up (scanning every installed entry point) on each call.
_BIBTEX_WRITER = Writer()

# pybtex's writer already escapes & % # _ ~ (through latexcodec); these it
# leaves alone. Braces become commands so that unbalanced ones stay balanced.
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Escape what pybtex's BibTeX writer does not, so *text* prints literally."""
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def person(author: Author) -> Person:
    """A pybtex person: a marked family name as marked, "First Last" as BibTeX splits it.

    A name written family name first carries ``family_first``, which the
    citation styles read (``bibliography.names``) to print it uninverted.
    """
    if author.family is None:
        return Person(author.name)
    marked = Person(first=author.given, last=author.family)
    if author.family_first:
        marked.family_first = True
    return marked


def is_whole_name(author: Author) -> bool:
    """A name not to be split into family and given names: an organisation, one word."""
    if author.family is not None:
        return not author.given
    return " " not in author.name or "&" in author.name


def family_given(author: Author) -> tuple[str, str]:
    """``(family, given)``; a whole name is all family, as BibTeX's braces keep it."""
    if is_whole_name(author):
        return author.family or author.name, ""
    if author.family is not None:
        return author.family, author.given
    parsed = person(author)
    family = " ".join(parsed.prelast_names + parsed.last_names + parsed.lineage_names)
    given = " ".join(parsed.first_names + parsed.middle_names)
    return family, given


def sort_name(author: Author) -> str:
    """The key an index of authors sorts by: family name first, in Latin letters.

    ``Ludwig van Beethoven`` sorts as ``beethoven ludwig van`` (Chicago 16.71),
    ``Milica Đorđević`` as ``dordevic milica``.
    """
    if is_whole_name(author):
        return transliterate(author.name).casefold()
    if author.family is not None:
        return transliterate(f"{author.family} {author.given}").casefold()
    parsed = person(author)
    parts = parsed.last_names + parsed.lineage_names + parsed.first_names
    parts += parsed.middle_names + parsed.prelast_names
    return transliterate(" ".join(parts)).casefold()


def family_names(authors: Sequence[Author]) -> list[str]:
    """The authors' family names as a short form gives them: ``Han``, ``van Gennep``,
    ``King`` (no "Jr."), an organisation whole."""
    names = []
    for author in authors:
        if is_whole_name(author) or author.family is not None:
            names.append(family_given(author)[0])
        else:
            parsed = person(author)
            names.append(" ".join(parsed.prelast_names + parsed.last_names))
    return names


def inverted(author: Author) -> str:
    """``Haddad, Samir``, ``Han, Ji-woo``: family name, comma, given names; for
    tools that take one string and split it at the comma (Scholar tags, RIS, file-as)."""
    return ", ".join(part for part in family_given(author) if part)


def report_entry(paper: CitablePaper, series: SeriesConfig, *, escape: bool = False) -> Entry:
    """The paper as a ``techreport`` entry (escaped when it is to be written as BibTeX)."""
    value = bibtex_escape if escape else (lambda text: text)
    report = paper.report
    fields = {
        "title": value(report.title),
        "institution": value(series.publisher_line),
        "type": value(report.report_type),
        "number": str(report.number),
        "year": str(report.date.year),
        "series": value(series.title),
        "url": paper.url,
    }
    if report.date.month:
        fields["month"] = str(report.date.month)
    if report.date.day:
        fields["date"] = report.date.iso
    if report.doi:
        fields["doi"] = report.doi
    if report.keywords:
        fields["keywords"] = value(", ".join(report.keywords))
    if paper.version_note:
        # biblatex's field, and the words every style prints after the report number
        fields["version"] = str(report.version)
        fields["note"] = value(paper.version_note)
    entry = Entry("techreport", fields=fields)
    for author in report.authors:
        # braces keep names BibTeX would misread (organisations, one-word names) whole
        whole = is_whole_name(author)
        if whole:
            entry.add_person(Person("{" + value(family_given(author)[0]) + "}"), "author")
        elif author.family is not None:  # written out as "Family, Given"
            marked = person(author)
            if escape:
                marked = Person(first=value(author.given), last=value(author.family))
            entry.add_person(marked, "author")
        else:
            entry.add_person(Person(value(author.name)), "author")
    return entry


def to_bibtex(papers: Sequence[CitablePaper], series: SeriesConfig) -> str:
    data = BibliographyData(
        entries={paper.key: report_entry(paper, series, escape=True) for paper in papers}
    )
    text: str = _BIBTEX_WRITER.to_string(data)
    return text


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's writer without its numbering line (``1.``) before each ``TY  -``.

    RIS records start with ``TY``; reference managers that read the file strictly
    (and rispy itself, for the first record) take the number for a broken record.
    """

    def set_header(self, count: int) -> str:
        return ""


def to_ris(papers: Sequence[CitablePaper], series: SeriesConfig) -> str:
    records = []
    for paper in papers:
        report = paper.report
        record: dict[str, object] = {
            "type_of_reference": "RPRT",
            "title": report.title,
            "authors": [inverted(author) for author in report.authors],
            "year": str(report.date.year),
            "date": "/".join(report.date.iso.split("-")) + "/",
            "publisher": series.publisher_line,
            "volume": str(report.number),  # RIS puts a report's number in VL
            "tertiary_title": series.title,
            "urls": [paper.url],
        }
        if report.doi:
            record["doi"] = report.doi
        if report.keywords:
            record["keywords"] = list(report.keywords)
        if paper.version_note:
            record["edition"] = paper.version_note  # RIS has no version tag; ET is edition
        records.append(record)
    text: str = rispy.dumps(records, implementation=_RisWriter)
    return text


def csl_item(paper: CitablePaper, series: SeriesConfig) -> dict[str, object]:
    report = paper.report
    date_parts = [int(part) for part in report.date.iso.split("-")]
    item: dict[str, object] = {
        "id": paper.key,
        "type": "report",
        "title": report.title,
        "author": [_csl_name(author) for author in report.authors],
        "issued": {"date-parts": [date_parts]},
        "publisher": series.publisher_line,
        "genre": report.report_type,
        "number": str(report.number),
        "collection-title": series.title,
        "collection-number": str(report.number),
        "URL": paper.url,
    }
    if report.doi:
        item["DOI"] = report.doi
    if report.keywords:
        item["keyword"] = ", ".join(report.keywords)
    if paper.version_note:
        item["version"] = str(report.version)
        item["note"] = paper.version_note
    return item


def to_csl_json(papers: Sequence[CitablePaper], series: SeriesConfig) -> str:
    items = [csl_item(paper, series) for paper in papers]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _csl_name(author: Author) -> dict[str, object]:
    """A CSL name; one written family name first keeps its order (``static-ordering``)."""
    family, given = family_given(author)
    if not given:
        return {"literal": author.name}
    name: dict[str, object] = {"family": family, "given": given}
    if author.family_first:
        name["static-ordering"] = True
    return name

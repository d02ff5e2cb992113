"""``ChicagoNotesStyle``: the citation forms of the notes-and-bibliography style."""

from __future__ import annotations

from pybtex.database import Entry
from pybtex.richtext import Text

from ...labels import LabelBasis
from ...latex import resolve_part_strings
from ...punct import Parts
from ...record import Record, set_members
from .. import CitationStyle, members_for_sets, or_key
from .forms import NEVER, bibliography_parts, full_note, short_lead, short_note, short_title
from .names import label_names
from .text import paren


class ChicagoNotesStyle(CitationStyle):
    """CMOS 17 notes and bibliography; the series default."""

    name = "chicago-notes"

    @members_for_sets()
    def format_note(self, entry: Entry, locator: str | None = None) -> Text:
        record = Record(entry)
        if "short" in record.options:  # biblatex's ``short`` option: always the short note
            return self.format_short_note(entry, locator)
        return or_key(
            Text(resolve_part_strings(full_note(record, locator).text(), note=True)), entry
        )

    @members_for_sets()
    def format_short_note(self, entry: Entry, locator: str | None = None) -> Text:
        short = short_note(Record(entry), locator, self.labels.of(entry))
        return or_key(Text(resolve_part_strings(short, note=False)), entry)

    def format_bibliography_entry(self, entry: Entry) -> Text:
        members = set_members(entry)
        if members:
            texts = [bibliography_parts(Record(member)).text() for member in members]
            joined = Parts().add(Text("; ").join(texts)).text(period=True)
            return Text(resolve_part_strings(joined, note=False))
        text = bibliography_parts(Record(entry)).text(period=True)
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
        return Parts().add(lead).add(paren(inside), " ").text()

    @members_for_sets("all_authors")
    def format_author(self, entry: Entry, all_authors: bool = False) -> Text:
        """Surnames, "et al." from three authors (CMOS 18, the series rule) unless all;
        the short title when the work has no creator."""
        record = Record(entry)
        et_al_from = NEVER if all_authors else 3
        return short_lead(record, et_al_from, self.labels.of(entry)) or short_title(record)

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

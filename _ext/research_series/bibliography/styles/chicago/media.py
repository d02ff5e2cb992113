"""Recordings, films and broadcasts, artworks, performances and data sets
(14.233-14.268).

``@music`` is an album or a track, ``@video`` a film or a television episode,
``@artwork`` and ``@image`` a painting or a photograph, ``@performance`` a live
show, ``@dataset`` a record in a database.  (``@audio`` is book-like: ``books``.)
"""

from __future__ import annotations

from pybtex.richtext import Text

from ...dates import MONTHS
from ...punct import Parts, capitalise
from ...record import Record
from .dates import (
    accessed_phrase,
    body_date,
    original_release,
    pub_year,
    recording_date,
    year_in_head,
)
from .layout import Driver, YearHead, heads_with
from .names import named_roles, natural_names, note_names
from .publication import original_publication, publication_no_nd
from .text import em, paren, with_label, with_links
from .titles import styled_title, title_with_addons, titleaddon, titleaddon_separator


def _label_number(record: Record) -> Text:
    """``Columbia CL 1157``: the label (or series) and the catalogue number."""
    label = record.text("series") or record.publisher
    return Parts().add(label).add(record.text("number"), " ").text()


def album_facts(record: Record, note: bool) -> Text:
    """``track 1 on Lady in Satin`` or the album a song appeared on."""
    album = record.booktitle
    if not album:
        return Text()
    by = Text(note_names(record.names("bookauthor")), ", ") if record.names("bookauthor") else ""
    chapter = record.text("chapter")
    if chapter:
        return Text("track " if note else "Track ", chapter, " on ", by, em(album))
    return Text(by, em(album))


def _recorded(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """``recorded February 20, 1958``: an album's first release is its recording."""
    return recording_date(record, note, head, recorded_on_origdate=True)


def _aired(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """``aired March 8, 2016``: a broadcast's date (a film's ``origdate`` is its release)."""
    return recording_date(record, note, head, label="aired")


def music_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """An album or a track (14.263): ``Pink Floyd, Atom Heart Mother, Capitol ..., 1990``."""
    parts.add(title_with_addons(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=True))
    if role != "author" and record.names("author"):
        parts.add(with_label("by", note_names(record.names("author"))))
    for item in named_roles(record, note=True, skip=role):
        parts.add(item)
    parts.add(_recorded(record, note=True)).add(record.text("note"))
    parts.add(record.howpublished()).add(album_facts(record, note=True))
    facts = Parts().add(_label_number(record)).add(pub_year(record, undated=""))
    parts.add(facts.add(record.text("type")).text()).add(locator)
    parts.add(original_release(record, note=True)).add(accessed_phrase(record, note=True))
    return with_links(record, parts, ", ")


def music_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    parts.add(titleaddon(record), titleaddon_separator(record, note=False), capital=True)
    if role != "author" and record.names("author"):
        parts.add(with_label("By", natural_names(record.names("author"))), ". ")
    for item in named_roles(record, note=False, skip=role):
        parts.add(item, ". ")
    parts.add(_recorded(record, note=False, head=head), ". ")
    parts.add(record.text("note"), ". ", capital=True)
    parts.add(record.howpublished(), ". ").add(album_facts(record, note=False), ". ")
    facts = Parts().add(_label_number(record)).add(pub_year(record, undated="", head=head))
    parts.add(facts.add(record.text("type")).text(), ". ")
    parts.add(original_release(record, note=False, head=head), ". ")
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    return with_links(record, parts, ". ")


def series_title(record: Record) -> Text:
    """A television series or film a clip belongs to: ``Friends, season 3, episode 1``."""
    if not record.booktitle:
        return Text()
    return Text(em(record._titled("booktitle", "booksubtitle", "")))


def episode_title(record: Record) -> Text:
    return record.text("booktitleaddon")


def _broadcast(record: Record) -> Text:
    """``on FX``: the network of a broadcast (``usera``)."""
    network = record.text("usera")
    return Text("on ", network) if network else Text()


def video_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A film, a television episode or a video recording (14.265-14.267)."""
    tv = record.subtype == "tvepisode"
    if tv:
        parts.add(series_title(record)).add(episode_title(record))
    parts.add(title_with_addons(record))
    parts.add(titleaddon(record), titleaddon_separator(record, note=True))
    if not tv:
        parts.add(series_title(record)).add(episode_title(record))
    if role != "author" and record.names("author") and record.uses("author"):
        parts.add(with_label("by", note_names(record.names("author"))))
    parts.add(record.edition())
    for item in named_roles(record, note=True, skip=role):
        parts.add(item)
    aired = _aired(record, note=True)
    parts.add(aired).add(_broadcast(record)).add(record.text("note"))
    publication = (
        Parts().add(original_publication(record), "; ").add(publication_no_nd(record), "; ")
    )
    parts.add(paren(publication.text()), " ").add(locator)
    parts.add(record.text("type")).add(accessed_phrase(record, note=True))
    return with_links(record, parts, ", ")


def video_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    tv = record.subtype == "tvepisode"
    if tv:
        parts.add(series_title(record), ". ")
        episode = Parts().add(episode_title(record), capital=True).add(title_with_addons(record))
        parts.add(episode.text(), ". ")
    else:
        parts.add(title_with_addons(record), ". ")
        parts.add(titleaddon(record), titleaddon_separator(record, note=False), capital=True)
        series = Parts().add(series_title(record)).add(episode_title(record)).add(record.edition())
        parts.add(series.text(), ". ")
    if role != "author" and record.names("author") and record.uses("author"):
        parts.add(with_label("By", natural_names(record.names("author"))), ". ")
    names = Parts()
    for item in named_roles(record, note=False, skip=role, capital=False):
        names.add(item)
    parts.add(names.text(), ". ", capital=True)
    aired = Parts().add(_aired(record, note=False, head=head)).add(_broadcast(record))
    parts.add(aired.text(), ". ").add(record.text("note"), ". ", capital=True)
    if not heads_with(head, record.origdate):
        parts.add(original_publication(record), ". ")
    parts.add(publication_no_nd(record, head), ". ")
    parts.add(record.text("type"), ". ", capital=True)
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    return with_links(record, parts, ". ")


def _artwork_facts(record: Record, head: YearHead | None = None) -> tuple[Text, Text, Text]:
    """Date; medium and size; where it is (or was published)."""
    date = record.date.render_long(compress=True) if body_date(record, head) else ""
    medium = Parts().add(record.text("type")).add(record.text("note")).text()
    event = record.eventdate.render_long() if record.eventdate else ""
    place = Parts().add(record.howpublished()).add(record.institution).add(record.place)
    return Text(date), medium, place.add(event).text()


def artwork_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A painting or a photograph: ``Madonna of the Rocks, 1480s, oil on canvas, ..., Louvre``."""
    parts.add(title_with_addons(record))
    date, medium, place = _artwork_facts(record)
    parts.add(date).add(medium).add(place).add(locator)
    parts.add(accessed_phrase(record, note=True))
    return with_links(record, parts, ", ")


def artwork_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    date, medium, place = _artwork_facts(record, head)
    parts.add(date, ". ").add(medium, ". ", capital=True).add(place, ". ")
    parts.add(accessed_phrase(record, note=False, head=head), ". ")
    return with_links(record, parts, ". ")


def _performance_facts(record: Record) -> Text:
    """``Richard Rodgers Theatre, New York, NY, February 2, 2016``."""
    date = record.date.render_long() if record.date else ""
    return Parts().add(record.text("venue")).add(record.place).add(date).text()


def performance_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A live performance (14.266): title, those responsible, venue, place and date."""
    parts.add(title_with_addons(record))
    for item in named_roles(record, note=True, skip=role):
        parts.add(item)
    parts.add(_performance_facts(record)).add(record.text("note")).add(locator)
    return with_links(record, parts, ", ")


def performance_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    parts.add(title_with_addons(record), ". ")
    for item in named_roles(record, note=False, skip=role):
        parts.add(item, ". ")
    parts.add(_performance_facts(record), ". ").add(record.text("note"), ". ", capital=True)
    return with_links(record, parts, ". ")


def _dataset_inside(record: Record, note: bool, head: YearHead | None = None) -> Text:
    """What the parentheses hold (14.259, biblatex-chicago's ``dataset``): ``GenBank
    [accession number AC087526.3], v. 2.1, Organisation, Place; accessed April 6, 2016``,
    joined by full stops in the bibliography (``GenBank. V. 2.1. ...``)."""
    identifier = Parts().add(record.text("type")).add(record.text("number"), " ").text()
    title = (
        Parts()
        .add(styled_title(record, record.title_only))
        .add(Text("[", identifier, "]") if identifier else Text(), " ")
    )
    separator = ", " if note else ". "
    inside = Parts().add(title.text())
    version = record.text("version")
    for item in (
        version and Text("v. ", version),
        record.text("note"),
        Parts().add(record.institution).add(record.organization).text(),
        record.place,
    ):
        inside.add(item, separator, capital=not note)
    accessed = accessed_phrase(record, note=True, head=head)
    return inside.add(accessed, "; ").text()


def _dataset_date(record: Record, head: YearHead | None = None) -> str:
    """The data set's date, after the parentheses: ``), 2021,`` (biblatex-chicago);
    under an author-date head only what the head leaves out (``April``)."""
    if not body_date(record, head):
        return ""
    start = record.date.start
    if year_in_head(record, head):
        if start.month is None:  # a season: the head's year says enough
            return ""
        return MONTHS[start.month - 1] + (f" {start.day}" if start.day else "")
    return record.date.render_long()


def dataset_note(record: Record, parts: Parts, role: str, locator: str | None) -> Parts:
    """A data set in a database (14.259): ``GenBank (for ...; accessed ...), 2016``."""
    inside = _dataset_inside(record, note=True)
    if parts:
        parts.add(paren(inside), " ")
    else:
        parts.add(paren(inside))
    parts.add(locator).add(_dataset_date(record))
    return with_links(record, parts, ", ")


def dataset_bib(record: Record, parts: Parts, role: str, head: YearHead | None) -> Parts:
    inside = _dataset_inside(record, note=False, head=head)
    if parts and head is not None:  # author-date: "GenBank. (For ...)"
        parts.add(Text("(", capitalise(inside), ")"), ". ")
    elif parts:
        parts.add(paren(inside), " ")
    else:
        parts.add(paren(inside), capital=True)
    parts.add(_dataset_date(record, head), ". ")
    return with_links(record, parts, ". ")


MUSIC = Driver(music_note, music_bib)
VIDEO = Driver(video_note, video_bib)
ARTWORK = Driver(artwork_note, artwork_bib)
PERFORMANCE = Driver(performance_note, performance_bib)
DATASET = Driver(dataset_note, dataset_bib)

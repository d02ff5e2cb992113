"""What an EPUB says about itself, derived from a paper's record and the series.

Pure functions over the metadata model (no Sphinx), so the identifier, dates
and accessibility claims are decided in one place and unit-testable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model.exports import inverted
from ..model.report import Report
from ..model.series import SeriesConfig

# Characters XML 1.0 forbids; metadata is user text and must not break the package.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_URN = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PackageMetadata:
    """Everything ``content.opf`` states besides the manifest and spine."""

    identifier: str
    title: str
    creators: tuple[str, ...]
    publisher: str
    date: str
    language: str
    description: str
    modified: str
    subjects: tuple[str, ...] = ()
    #: each creator's ``file-as`` (``Han, Ji-woo``), by position; "" for none
    creators_file_as: tuple[str, ...] = ()
    collection: str = ""
    position: int | None = None
    rights: str = ""
    source: str = ""
    has_images: bool = False


def clean(text: str) -> str:
    """One line of XML-safe text: control characters dropped, white space folded."""
    return " ".join(_NOT_XML.sub("", text).split())


def urn_namespace(short_name: str) -> str:
    """``NSSP`` -> ``nssp``: a URN namespace part that stays the same across builds."""
    return _NOT_URN.sub("-", short_name.lower()).strip("-") or "series"


def paper_identifier(report: Report, series: SeriesConfig) -> str:
    """The DOI when the paper has one, else ``urn:<series>:report:<number>``."""
    if report.doi:
        return f"urn:doi:{report.doi}"
    return f"urn:{urn_namespace(series.short_name)}:report:{report.number}"


def volume_identifier(series: SeriesConfig) -> str:
    return f"urn:{urn_namespace(series.short_name)}:series"


def modified_timestamp(epoch: int | None = None) -> str:
    """``dcterms:modified`` in the one form EPUB allows (UTC, to the second)."""
    moment = dt.datetime.now(dt.UTC) if epoch is None else dt.datetime.fromtimestamp(epoch, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def paper_metadata(
    report: Report,
    series: SeriesConfig,
    *,
    abstract: str,
    language: str,
    modified: str,
    rights: str = "",
    source: str = "",
    has_images: bool = False,
) -> PackageMetadata:
    """One paper as its own publication, numbered within the series collection."""
    return PackageMetadata(
        identifier=paper_identifier(report, series),
        title=clean(report.title),
        creators=tuple(clean(name) for name in report.author_names),
        creators_file_as=tuple(clean(inverted(author)) for author in report.authors),
        publisher=clean(series.publisher_line),
        date=report.date.iso,
        language=language,
        description=clean(abstract),
        modified=modified,
        subjects=tuple(clean(keyword) for keyword in report.keywords),
        collection=clean(series.title),
        position=report.number,
        rights=clean(rights),
        source=source,
        has_images=has_images,
    )


def volume_metadata(
    series: SeriesConfig,
    reports: Iterable[Report],
    *,
    description: str,
    language: str,
    modified: str,
    rights: str = "",
    source: str = "",
    has_images: bool = False,
) -> PackageMetadata:
    """The whole series as one publication, by its publisher, dated by its newest paper."""
    dates = [report.date for report in reports]
    newest = max(dates, key=lambda date: date.sort_key, default=None)
    return PackageMetadata(
        identifier=volume_identifier(series),
        title=clean(series.title),
        creators=(clean(series.publisher_line),) if series.publisher_line else (),
        publisher=clean(series.publisher_line),
        date=newest.iso if newest else modified[:10],
        language=language,
        description=clean(description or series.title),
        modified=modified,
        rights=clean(rights),
        source=source,
        has_images=has_images,
    )


def access_modes(meta: PackageMetadata) -> tuple[str, ...]:
    return ("textual", "visual") if meta.has_images else ("textual",)


ACCESSIBILITY_FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder")


def accessibility_summary(meta: PackageMetadata) -> str:
    """A plain statement of what the reader gets, true of every paper we build."""
    images = (
        " Figures are images; their text alternatives are those the author supplied."
        if meta.has_images
        else ""
    )
    return (
        "Reflowable text with headings in reading order, a navigable table of contents, "
        "and notes linked to and from their references. No flashing, motion or sound "
        "hazards." + images
    )

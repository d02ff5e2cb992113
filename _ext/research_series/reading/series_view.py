"""The series as a whole, derived from the per-paper records once per change.

Every part that needs the papers in order (the index, the head metadata, the
site files, the EPUB volume, navigation) asks :func:`series_view`, which the
domain keeps until a paper's record changes, so a build orders the series once
rather than once per page that shows it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sphinx.environment import BuildEnvironment

from ..model.papers import kept_version, kept_version_map
from ..model.series import SeriesConfig
from .domain import ReportRecord, research_domain
from .problems import unpublished

Neighbour = tuple[str, str]
"""A neighbouring paper's docname and title (both "" where there is none)."""


@dataclass(frozen=True)
class Duplicate:
    """A paper whose number an earlier paper (by docname) already has."""

    record: ReportRecord
    first: ReportRecord


@dataclass(frozen=True)
class SeriesView:
    """Papers by number, their number clashes, and each paper's neighbours."""

    ordered: tuple[ReportRecord, ...]
    duplicates: tuple[Duplicate, ...]
    neighbours: dict[str, tuple[Neighbour, Neighbour]]


def order_papers(records: Iterable[ReportRecord]) -> tuple[list[ReportRecord], list[Duplicate]]:
    """Papers by number (then docname, so the order is total), and the clashes."""
    ordered = sorted(records, key=lambda record: (record.report.number, record.docname))
    seen: dict[int, ReportRecord] = {}
    duplicates = []
    for record in ordered:
        first = seen.setdefault(record.report.number, record)
        if first is not record:
            duplicates.append(Duplicate(record, first))
    return ordered, duplicates


def neighbours(ordered: Sequence[ReportRecord]) -> dict[str, tuple[Neighbour, Neighbour]]:
    """Each paper's previous and next paper, which its page links in navigation."""
    pairs = [(record.docname, record.report.title) for record in ordered]
    none = ("", "")
    return {
        record.docname: (
            pairs[i - 1] if i > 0 else none,
            pairs[i + 1] if i + 1 < len(pairs) else none,
        )
        for i, record in enumerate(ordered)
    }


def fingerprint(records: Sequence[ReportRecord], withheld: Iterable[str] = ()) -> str:
    """A digest of everything the index shows, to tell when it must be rewritten."""
    digest = hashlib.sha256()
    digest.update(repr(sorted(withheld)).encode())
    for record in records:
        digest.update(repr((record.docname, record.report)).encode())
        digest.update(record.abstract.astext().encode())
    return digest.hexdigest()


def _compute(env: BuildEnvironment) -> SeriesView:
    # A kept version has its record (its page, PDF and citation are its own) but is
    # not a paper of the series: not listed, numbered, fed or bound in the volume.
    current = (r for r in research_domain(env).reports.values() if not kept_version(r.docname))
    ordered, duplicates = order_papers(current)
    return SeriesView(tuple(ordered), tuple(duplicates), neighbours(ordered))


def series_view(env: BuildEnvironment) -> SeriesView:
    """The series now, computed once until a paper's record changes."""
    return research_domain(env).derived("series_view", lambda: _compute(env))


def published(env: BuildEnvironment) -> list[ReportRecord]:
    """The papers in order, less those a strict build withholds for their problems."""
    withheld = unpublished(env)
    return [record for record in series_view(env).ordered if record.docname not in withheld]


def kept_versions_of(env: BuildEnvironment, paper_slug: str) -> tuple[int, ...]:
    """The numbers of a paper's kept versions, found among the documents once per build
    (every paper's page, feed entry and deposit asks)."""
    found = research_domain(env).derived("kept_versions", lambda: kept_version_map(env.found_docs))
    return found.get(paper_slug, ())


def series_of(env: BuildEnvironment) -> SeriesConfig:
    """The validated ``series_*`` options (read once per build)."""
    return research_domain(env).series

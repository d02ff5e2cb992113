"""Files beside the website's pages: citation exports, an Atom feed, a sitemap.

Written once per HTML build after the pages, each only when its content
changed, so an incremental build touches only what a change affects. The feed
and sitemap declare their namespace as an attribute of the root element, so
ElementTree's process-wide prefix registry is never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from sphinx.application import Sphinx

from ..model.exports import to_bibtex, to_csl_json, to_ris
from ..model.papers import (
    DOWNLOADS,
    CitablePaper,
    absolute,
    download_path,
    file_stem,
    slug,
    version_docname,
)
from ..model.report import ReportDate
from ..model.series import SeriesConfig
from ..reading.domain import ReportRecord, research_domain
from ..reading.problems import unpublished
from ..reading.series_view import kept_versions_of, published, series_of
from .urls import citable
from .website import is_website

EXPORTS = ((".bib", to_bibtex), (".ris", to_ris), (".json", to_csl_json))
STATE_FILE = ".state.json"
SERIES_KEY = "(series)"
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_site_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: only for the website builders, only after success.

    Each paper's exports are rendered again only when what they show changed
    (a digest per paper kept in ``downloads/.state.json``); the series-wide
    files only when any paper, or the set of pages, changed.
    """
    if exception is not None or not is_website(app.builder):
        return
    series = series_of(app.env)
    ordered = published(app.env)
    papers = [citable(record, series, app.builder) for record in ordered]
    outdir = Path(app.outdir)
    state_path = outdir / DOWNLOADS / STATE_FILE
    old_state = read_state(state_path)
    state = {}
    reports = research_domain(app.env).reports
    withheld = unpublished(app.env)
    for record in ordered:
        # the paper's citation exports, then each kept version's (<slug>-v<n>.bib ...)
        paper = record.docname
        kept = [version_docname(slug(paper), n) for n in kept_versions_of(app.env, slug(paper))]
        for docname in [
            paper,
            *(name for name in kept if name in reports and name not in withheld),
        ]:
            cited = citable(reports[docname], series, app.builder)
            key = file_stem(docname)
            state[key] = digest(repr(cited), repr(series))
            targets = [outdir / download_path(docname, suffix) for suffix, _ in EXPORTS]
            if old_state.get(key) == state[key] and all(p.is_file() for p in targets):
                continue
            for target, (_, render) in zip(targets, EXPORTS, strict=True):
                write_if_changed(target, render([cited], series))
    for stem in set(old_state) - set(state) - {SERIES_KEY}:
        for suffix, _ in EXPORTS:
            (outdir / DOWNLOADS / f"{stem}{suffix}").unlink(missing_ok=True)
    pages = [
        absolute(series.base_url, app.builder.get_target_uri(name))
        for name in sorted(app.env.found_docs)
        if name not in withheld
    ]
    state[SERIES_KEY] = digest(*(state[paper.slug] for paper in papers), *pages)
    if old_state.get(SERIES_KEY) != state[SERIES_KEY] or not (outdir / "feed.xml").is_file():
        write_if_changed(outdir / DOWNLOADS / "series.bib", to_bibtex(papers, series))
        write_if_changed(outdir / DOWNLOADS / "series.json", to_csl_json(papers, series))
        write_if_changed(outdir / "feed.xml", atom_feed(ordered, papers, series))
        write_if_changed(outdir / "sitemap.xml", sitemap(pages))
    write_if_changed(state_path, json.dumps(state, indent=1, sort_keys=True) + "\n")


def digest(*parts: str) -> str:
    """A digest of *parts*, to tell when what a file shows changed."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


def read_state(path: Path) -> dict[str, str]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def atom_feed(
    records: Sequence[ReportRecord], papers: Sequence[CitablePaper], series: SeriesConfig
) -> str:
    """The series' papers, newest first (by date, then number).

    A withdrawn or corrected paper's entry is updated on that day and says so in its
    title (and a correction in its summary), so feed readers announce it as news.
    """
    feed = ET.Element("feed", xmlns=ATOM)
    _sub(feed, "title", series.title)
    _sub(feed, "id", absolute(series.base_url, "#series"))
    ET.SubElement(feed, "link", href=absolute(series.base_url, "feed.xml"), rel="self")
    ET.SubElement(feed, "link", href=absolute(series.base_url, ""))
    pairs = sorted(
        zip(records, papers, strict=True),
        key=lambda pair: (_updated(pair[0]).sort_key, pair[0].report.number),
        reverse=True,
    )
    _sub(feed, "updated", _timestamp(_updated(pairs[0][0])) if pairs else "1970-01-01T00:00:00Z")
    author = ET.SubElement(feed, "author")
    _sub(author, "name", series.publisher_line)
    for record, paper in pairs:
        entry = ET.SubElement(feed, "entry")
        report = record.report
        _sub(entry, "title", _news(record) + report.title)
        _sub(entry, "id", paper.url)
        ET.SubElement(entry, "link", href=paper.url)
        _sub(entry, "updated", _timestamp(_updated(record)))
        _sub(entry, "published", _timestamp(record.report.date))
        for name in record.report.author_names:
            _sub(ET.SubElement(entry, "author"), "name", name)
        notices = []
        if report.revision is not None:
            revision = report.revision
            notices.append(f"Version {revision.number}, {revision.date.display}. {revision.note}")
        if report.correction is not None:
            correction = report.correction
            notices.append(f"Corrected on {correction.date.display}. {correction.text}")
        notice = "".join(f"{text}\n\n" for text in notices)
        _sub(entry, "summary", notice + record.abstract.astext())
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def sitemap(urls: list[str]) -> str:
    root = ET.Element("urlset", xmlns=SITEMAP)
    for url in urls:
        _sub(ET.SubElement(root, "url"), "loc", url)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _news(record: ReportRecord) -> str:
    """What an entry's title says first: the paper's last news, if any."""
    report, last = record.report, _updated(record)
    if report.withdrawal:
        return "Withdrawn: "
    if report.correction and report.correction.date == last:
        return "Corrected: "
    if report.revision and report.revision.date == last:
        return f"Revised (version {report.version}): "
    return ""


def _updated(record: ReportRecord) -> ReportDate:
    """The last news of a paper: its date, a revision's, a correction's or its withdrawal's."""
    report = record.report
    news = [report.date]
    news += [
        notice.date for notice in (report.revision, report.correction, report.withdrawal) if notice
    ]
    return max(news, key=lambda date: date.sort_key)


def _timestamp(date: ReportDate) -> str:
    day = dt.date(date.year, date.month or 1, date.day or 1)
    return f"{day.isoformat()}T00:00:00Z"

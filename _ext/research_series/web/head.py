"""Machine-readable metadata in each page's ``<head>``: Highwire Press tags
for Google Scholar, Dublin Core, OpenGraph and one schema.org JSON-LD block.

Every value is escaped for its boundary: ``html.escape`` for attributes, and
JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes so that a title holding
``</script>`` stays text inside the script element.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..model.exports import family_given, inverted, is_whole_name
from ..model.papers import (
    absolute,
    download_path,
    kept_version,
    slug,
    version_docname,
)
from ..model.series import SeriesConfig
from ..reading.domain import ReportRecord, research_domain
from ..reading.series_view import kept_versions_of, published, series_of
from .download_links import will_exist
from .urls import citable
from .website import is_website


def meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{html.escape(name)}" content="{html.escape(content)}" />'


def json_ld(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">\n{text}\n</script>'


def series_node(series: SeriesConfig) -> dict[str, Any]:
    """The series as a ``CreativeWorkSeries`` with a stable ``@id``."""
    return {
        "@type": "CreativeWorkSeries",
        "@id": absolute(series.base_url, "#series"),
        "name": series.title,
        "alternateName": series.short_name,
        "url": absolute(series.base_url, ""),
        "publisher": {"@type": "Organization", "name": series.publisher_line},
    }


def paper_tags(record: ReportRecord, series: SeriesConfig, app: Sphinx) -> list[str]:
    paper = citable(record, series, app.builder)
    report = record.report
    language = app.config.language or "en"
    abstract = record.abstract.astext()
    date = report.date.iso.replace("-", "/")
    tags = [meta("citation_title", report.title)]
    for author in report.authors:
        # a marked family name as "Han, Ji-woo", so Scholar splits it there
        shown = inverted(author) if author.family is not None else author.name
        tags.append(meta("citation_author", shown))
        if author.affiliation:
            tags.append(meta("citation_author_institution", author.affiliation))
        if author.orcid:
            tags.append(meta("citation_author_orcid", author.orcid))
    tags += [
        meta("citation_publication_date", date),
        meta("citation_technical_report_institution", series.publisher_line),
        meta("citation_technical_report_number", str(report.number)),
        meta("citation_series_title", series.title),
        meta("citation_abstract_html_url", paper.url),
        meta("citation_language", language),
    ]
    # a withdrawn paper's PDF is no longer published; none is named before it is made
    pdf_url = paper.pdf_url if has_pdf(app.builder, record) else ""
    if pdf_url:
        tags.append(meta("citation_pdf_url", pdf_url))
    if report.keywords:
        tags.append(meta("citation_keywords", "; ".join(report.keywords)))
    if report.doi:
        tags.append(meta("citation_doi", report.doi))
    tags += [meta("DC.title", report.title)]
    tags += [meta("DC.creator", author.name) for author in report.authors]
    tags += [
        meta("DC.date", report.date.iso),
        meta("DC.publisher", series.publisher_line),
        meta("DC.type", "Text.Report"),
        meta("DC.language", language),
        meta("DC.identifier", report.doi_url or paper.url),
        meta("DC.description", abstract),
    ]
    tags += [meta("DC.subject", keyword) for keyword in report.keywords]
    tags += [
        meta("og:type", "article", "property"),
        meta("og:title", report.title, "property"),
        meta("og:url", paper.url, "property"),
        meta("og:site_name", series.title, "property"),
        meta("og:description", abstract, "property"),
        meta("article:published_time", report.date.iso, "property"),
    ]
    data = paper_json_ld(record, series, paper.url, pdf_url, language)
    tags += version_tags(app, record, series, data)
    tags.append(json_ld(data))
    return tags


def version_tags(
    app: Sphinx, record: ReportRecord, series: SeriesConfig, data: dict[str, Any]
) -> list[str]:
    """The version a page is, and its relation to the paper's others (DCMI terms and
    schema.org's ``workExample``/``exampleOfWork``); adds to the JSON-LD *data*."""
    report = record.report
    kept = kept_version(record.docname)
    if kept is None and report.revision is None:
        return []
    data["version"] = str(report.version)
    tags: list[str] = []
    if report.revision is not None:
        data["dateModified"] = report.revision.date.iso
        tags.append(meta("DC.date.modified", report.revision.date.iso))
    if kept is not None:
        current = absolute(series.base_url, app.builder.get_target_uri(kept.paper))
        data["exampleOfWork"] = {"@id": current}
        tags.append(meta("DC.relation.isVersionOf", current))
        return tags
    examples = []
    for number in kept_versions_of(app.env, slug(record.docname)):
        url = absolute(
            series.base_url,
            app.builder.get_target_uri(version_docname(slug(record.docname), number)),
        )
        examples.append({"@id": url, "version": str(number)})
        tags.append(meta("DC.relation.hasVersion", url))
    if examples:
        data["workExample"] = examples
    return tags


def has_pdf(builder: Builder, record: ReportRecord) -> bool:
    """Whether the paper's PDF is published: not withdrawn, and there or being made."""
    path = download_path(record.docname, ".pdf")
    return record.report.withdrawal is None and will_exist(builder, path)


def paper_json_ld(
    record: ReportRecord, series: SeriesConfig, url: str, pdf_url: str, language: str
) -> dict[str, Any]:
    report = record.report
    authors = []
    for author in report.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name}
        if not is_whole_name(author):
            person["familyName"], person["givenName"] = family_given(author)
        if author.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": author.affiliation}
        if author.orcid_url:
            person["@id"] = author.orcid_url
            person["sameAs"] = author.orcid_url
        authors.append(person)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": ["Report", "ScholarlyArticle"],
        "@id": url,
        "url": url,
        "headline": report.title,
        "name": report.title,
        "author": authors,
        "datePublished": report.date.iso,
        "inLanguage": language,
        "reportNumber": str(report.number),
        "abstract": record.abstract.astext(),
        "publisher": {"@type": "Organization", "name": series.publisher_line},
        "isPartOf": series_node(series),
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": pdf_url,
            "encodingFormat": "application/pdf",
        },
    }
    if not pdf_url:
        del data["encoding"]  # no PDF published (withdrawn, or not made)
    if report.keywords:
        data["keywords"] = list(report.keywords)
    if report.doi_url:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": report.doi}
        data["sameAs"] = report.doi_url
    return data


def series_json_ld(records: Sequence[ReportRecord], series: SeriesConfig, app: Sphinx) -> str:
    data = {"@context": "https://schema.org", **series_node(series)}
    data["hasPart"] = [
        {
            "@type": ["Report", "ScholarlyArticle"],
            "@id": citable(record, series, app.builder).url,
            "name": record.report.title,
            "reportNumber": str(record.report.number),
            "datePublished": record.report.date.iso,
            "author": [{"@type": "Person", "name": a.name} for a in record.report.authors],
        }
        for record in records
    ]
    return json_ld(data)


def add_head_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: paper pages and index pages only; nothing elsewhere."""
    if not is_website(app.builder):
        return
    domain = research_domain(app.env)
    series = series_of(app.env)
    record = domain.reports.get(pagename)
    if record is not None:
        tags = paper_tags(record, series, app)
    elif pagename in domain.index_pages:
        tags = [series_json_ld(published(app.env), series, app)]
    else:
        return
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"

"""Where a paper and its downloads live on the site, relative and absolute."""

from __future__ import annotations

from posixpath import dirname
from urllib.parse import urljoin

from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from .config import SeriesConfig
from .domain import ReportRecord
from .exports import CitablePaper

DOWNLOADS = "downloads"
#: The file name of the whole-series volume: ``series.pdf`` and ``series.epub``.
VOLUME = "series"


def slug(docname: str) -> str:
    """A paper's slug is its folder's name; every output is named after it."""
    return dirname(docname) or docname


def download_path(docname: str, suffix: str) -> str:
    return f"{DOWNLOADS}/{slug(docname)}{suffix}"


def absolute(series: SeriesConfig, path: str) -> str:
    base = series.base_url if series.base_url.endswith("/") else series.base_url + "/"
    return urljoin(base, path)


def citable(record: ReportRecord, series: SeriesConfig, builder: Builder) -> CitablePaper:
    return CitablePaper(
        report=record.report,
        slug=slug(record.docname),
        url=absolute(series, builder.get_target_uri(record.docname)),
        pdf_url=absolute(series, download_path(record.docname, ".pdf")),
    )


def relative_from(builder: Builder, docname: str, path: str) -> str:
    """A link from *docname*'s page to a site path such as ``downloads/x.pdf``."""
    return relative_uri(builder.get_target_uri(docname), path)

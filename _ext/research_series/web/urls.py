"""Where a paper and its downloads live on the site, as this builder names pages."""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..model.papers import CitablePaper, absolute, download_path, kept_version, slug
from ..model.series import SeriesConfig
from ..reading.domain import ReportRecord


def citable(record: ReportRecord, series: SeriesConfig, builder: Builder) -> CitablePaper:
    """The paper with its absolute page and PDF URLs on the series' site."""
    return CitablePaper(
        report=record.report,
        slug=slug(record.docname),
        url=absolute(series.base_url, builder.get_target_uri(record.docname)),
        pdf_url=absolute(series.base_url, download_path(record.docname, ".pdf")),
        kept=kept_version(record.docname) is not None,
    )


def relative_from(builder: Builder, docname: str, path: str) -> str:
    """A link from *docname*'s page to a site path such as ``downloads/x.pdf``."""
    return relative_uri(builder.get_target_uri(docname), path)

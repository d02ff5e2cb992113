"""The ``crossref`` builder: a deposit of the papers whose metadata changed.

It writes no page. After reading (sharing ``doctrees`` with the other builds, so
after ``make html`` nothing is read again), it makes each published paper's
``report-paper``, compares its digest with the one kept from the last batch
(``deposited.json`` in the output folder) and writes the changed ones into
``<batch id>.xml``. ``crossref_redeposit_all`` (``research-series crossref
--all``) puts every paper in. The toolchain sends nothing: the editor deposits
the file (docs/doi.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Set
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from lxml import etree
from sphinx.builders import Builder
from sphinx.util import logging

from ..model.doi import Depositor, is_series_doi, parse_depositor
from ..model.papers import absolute, slug, version_docname
from ..model.series import SeriesConfig, config_name, option_help
from ..reading.compat import given_value
from ..reading.config import option_location
from ..reading.diagnostics import Problem, warn
from ..reading.domain import ReportRecord, research_domain
from ..reading.problems import unpublished
from ..reading.series_view import kept_versions_of, published, series_of
from .deposit import DepositedPaper, doi_batch, report_paper, to_bytes

logger = logging.getLogger(__name__)

#: The digests of what the last batches deposited, per DOI.
STATE_FILE = "deposited.json"
#: What a deposit cannot do without (``series_*`` field names).
REQUIRED = ("issn", "doi_prefix", "crossref_depositor", "base_url")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


class CrossrefBuilder(Builder):
    """Writes ``<batch id>.xml``, Crossref deposit XML, for the changed papers."""

    name = "crossref"
    format = "crossref"
    epilog = "The Crossref deposit is in %(outdir)s."
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterable[str]:
        return []  # no page is written; finish() decides what the batch holds

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The paper's page as the HTML site names it: its canonical URL's path."""
        suffix = self.config.html_link_suffix or self.config.html_file_suffix or ".html"
        return quote(docname) + suffix

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        series = series_of(self.env)
        depositor = self._settings(series)
        if depositor is None:
            return
        papers: dict[str, etree._Element] = {}
        corrected = []
        for record in published(self.env):
            for paper in self._paper_and_versions(record, series):
                papers[paper.report.doi or ""] = report_paper(paper, series)
                if paper.report.correction is not None:
                    corrected.append(record.docname)
        if corrected and not series.crossmark_policy:
            name = config_name("crossmark_policy")
            warn(
                Problem.config,
                f"{name} is not set; the correction of {', '.join(corrected)} is deposited "
                "(as an update of the paper) only with it: set it to "
                + option_help("crossmark_policy"),
                option_location(self.app, name),
            )
        write_batch(
            Path(self.outdir),
            papers,
            series=series,
            depositor=depositor,
            everything=bool(self.config.crossref_redeposit_all),
        )

    def _settings(self, series: SeriesConfig) -> Depositor | None:
        """The depositor when every setting a deposit needs is there; else each is reported.

        A malformed value was reported (and reverted) when the configuration was
        read; it is not reported again as missing.
        """
        missing = False
        for field in REQUIRED:
            name = config_name(field)
            if getattr(series, field):
                continue
            missing = True
            if given_value(self.config, name):
                continue  # malformed: validate_config said so at its line
            warn(
                Problem.config,
                f"{name} is not set; a Crossref deposit needs it: set it to {option_help(field)}",
                option_location(self.app, name),
            )
        return None if missing else parse_depositor(series.crossref_depositor)

    def _paper_and_versions(
        self, record: ReportRecord, series: SeriesConfig
    ) -> list[DepositedPaper]:
        """The paper (its DOI names the current version), then each kept version with
        its own DOI, related both ways (``hasVersion``, ``isVersionOf``)."""
        paper = self._paper(record, series)
        if paper is None or paper.report.doi is None:
            return []
        reports = research_domain(self.env).reports
        withheld = unpublished(self.env)
        name = slug(record.docname)
        kept = []
        for number in kept_versions_of(self.env, name):
            docname = version_docname(name, number)
            version = reports.get(docname)
            if version is None or docname in withheld:
                continue
            deposited = self._paper(version, series)
            if deposited is not None:
                kept.append(replace(deposited, version_of=paper.report.doi))
        versions = tuple(version.report.doi or "" for version in kept)
        return [replace(paper, versions=versions), *kept]

    def _paper(self, record: ReportRecord, series: SeriesConfig) -> DepositedPaper | None:
        report = record.report
        if report.doi is None:
            return None
        if not is_series_doi(report.doi, series.doi_prefix):
            logger.info(
                "crossref: %s: its DOI %s is not under series_doi_prefix %s; not deposited",
                record.docname,
                report.doi,
                series.doi_prefix,
            )
            return None
        language = (self.config.language or "").split("-")[0].split("_")[0].lower()
        return DepositedPaper(
            report=report,
            url=absolute(series.base_url, self.get_target_uri(record.docname)),
            title=record.title,
            abstract=record.abstract,
            works=record.works,
            language=language if _LANGUAGE.match(language) else None,
        )


def digest(element: etree._Element) -> str:
    """What changed means: the canonical XML of the paper's ``report-paper``."""
    return hashlib.sha256(etree.tostring(element, method="c14n")).hexdigest()


def _load_state(path: Path) -> dict[str, str]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {str(key): str(value) for key, value in state.items()}


def write_batch(
    outdir: Path,
    papers: dict[str, etree._Element],
    *,
    series: SeriesConfig,
    depositor: Depositor,
    everything: bool,
    now: dt.datetime | None = None,
) -> Path | None:
    """Write the changed papers (all with *everything*) as one batch; its path, or None."""
    state_path = outdir / STATE_FILE
    state = _load_state(state_path)
    digests = {doi: digest(element) for doi, element in papers.items()}
    changed = [doi for doi in papers if everything or state.get(doi) != digests[doi]]
    if not changed:
        logger.info("crossref: no paper's metadata changed since the last batch; none written")
        return None
    moment = now or dt.datetime.now(dt.UTC)
    timestamp = moment.strftime("%Y%m%d%H%M%S%f")[:-3]  # grows with every batch
    short = re.sub(r"[^a-z0-9]", "", series.short_name.lower()) or "series"
    batch_id = f"{short}-{timestamp}"
    batch = doi_batch(
        [papers[doi] for doi in changed],
        batch_id=batch_id,
        timestamp=timestamp,
        depositor=depositor,
        registrant=series.publisher,
    )
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / f"{batch_id}.xml"
    path.write_bytes(to_bytes(batch))
    state.update({doi: digests[doi] for doi in changed})
    state_path.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    logger.info("crossref: %d paper(s) in %s", len(changed), path)
    return path

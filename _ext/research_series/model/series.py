"""The series' own metadata (``series_*`` in ``conf.py``) and the rules for its values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .doi import issn_problem, parse_depositor, prefix_problem
from .report import clean_doi, join_names

#: The styles a series may cite in (``series_citation_style``).
CITATION_STYLES = ("chicago-notes", "chicago-author-date", "author-date")
#: The forms every paper's "How to cite" offers (the series' own style first).
HOW_TO_CITE_STYLES = ("chicago-notes", "author-date")


@dataclass(frozen=True)
class SeriesConfig:
    """The series metadata every page and output format draws on."""

    title: str = ""
    short_name: str = ""
    publisher: str = ""
    institution: str = ""
    committee: tuple[str, ...] = ()
    committee_title: str = "Professors"
    policy: str = ""
    policy_statement: str = ""
    report_type: str = "Research Report"
    base_url: str = ""
    citation_style: str = "chicago-notes"
    shared_bib: str = ""
    allow_raw_html: bool = False
    tex_timeout: int = 300
    # Crossref deposits (``research-series crossref``, docs/doi.md)
    issn: str = ""
    doi_prefix: str = ""
    crossref_depositor: str = ""
    crossmark_policy: str = ""

    @property
    def publisher_line(self) -> str:
        """``Publisher, Institution`` without repeating either."""
        parts = [part for part in (self.publisher, self.institution) if part]
        return ", ".join(dict.fromkeys(parts))

    @property
    def committee_line(self) -> str:
        """``Professors A, B, and C``."""
        if not self.committee:
            return ""
        return f"{self.committee_title} {join_names(self.committee)}".strip()

    @property
    def listing_statement(self) -> str:
        """The listing policy and the review committee, in one statement.

        Shown once on the index, in each paper's title block and on the volume's
        cover, so every format says the same.
        """
        parts = [self.policy_statement.strip()]
        if self.committee:
            parts.append(
                f"Papers are reviewed by a {self.short_name} committee consisting of "
                f"{self.committee_line}."
            )
        return " ".join(part for part in parts if part)


#: Values the series cannot do without: a warning names each one left empty.
REQUIRED = ("title", "short_name", "publisher")

#: What each value should be, as said in the warning for a malformed one.
HELP = {
    "title": "the series' full title",
    "short_name": "a short name for running heads and identifiers, e.g. 'NSSP'",
    "publisher": "the publishing body, e.g. 'National Security Studies Program'",
    "institution": "the institution, e.g. 'University of New Mexico'",
    "committee": "a list of the review committee's names",
    "committee_title": "the title before the committee's names, e.g. 'Professors'",
    "policy": "the listing policy's name, e.g. 'Works-in-Progress'",
    "policy_statement": "the listing statement shown on the index and each paper",
    "report_type": "the default report type of a paper",
    "base_url": "the site's absolute base URL, e.g. 'https://example.org/series/'",
    "citation_style": "one of: " + ", ".join(CITATION_STYLES),
    "shared_bib": "a .bib path relative to the source folder, shared by all papers",
    "allow_raw_html": "True to publish raw HTML in papers, cleaned of script (default False)",
    "tex_timeout": "the seconds TeX may take for one paper's PDF (default 300)",
    "issn": "the series' ISSN, e.g. '2049-3630' (its check digit is verified)",
    "doi_prefix": "the DOI prefix Crossref gave the series, e.g. '10.55555'",
    "crossref_depositor": "who deposits with Crossref, as 'Name <email>'",
    "crossmark_policy": "the DOI of the series' page on corrections and withdrawals, "
    "e.g. '10.55555/nssp-policy' (needed to deposit a correction)",
}


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


_VALIDATORS: dict[str, Callable[[Any], bool]] = {
    "committee": lambda value: (
        isinstance(value, list | tuple)
        and all(isinstance(item, str) and item.strip() for item in value)
    ),
    "citation_style": lambda value: value in CITATION_STYLES,
    "allow_raw_html": lambda value: isinstance(value, bool),
    "tex_timeout": lambda value: type(value) is int and value > 0,
    "issn": lambda value: isinstance(value, str) and (not value or not issn_problem(value)),
    "doi_prefix": lambda value: isinstance(value, str) and (not value or not prefix_problem(value)),
    "crossref_depositor": lambda value: (
        isinstance(value, str) and (not value or parse_depositor(value) is not None)
    ),
    "crossmark_policy": lambda value: (
        isinstance(value, str) and (not value or clean_doi(value) == value.strip())
    ),
    "base_url": lambda value: (
        isinstance(value, str) and (not value or value.startswith(("http://", "https://")))
    ),
}


def is_valid(field_name: str, value: Any) -> bool:
    """Whether *value* is acceptable for the series field *field_name*."""
    return _VALIDATORS.get(field_name, _is_text)(value)


def config_name(field_name: str) -> str:
    """The ``conf.py`` name of a series field: ``title`` -> ``series_title``."""
    return f"series_{field_name}"

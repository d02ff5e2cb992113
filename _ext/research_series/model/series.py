"""The series' own metadata (``series_*`` in ``conf.py``), each option declared once.

Every option is one field of ``SeriesConfig``, with its default, its rule and its
help in the field's metadata (as MyST-Parser declares ``MdParserConfig``): Sphinx
registers the options from it (``reading.config``), the warning for a bad value
quotes its help, and the handbook's table of options is generated from it
(``reading.options_table``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..bibliography import DEFAULT_STYLE, get_style, known_style_names
from .authors import join_names
from .doi import issn_problem, parse_depositor, prefix_problem
from .report import clean_doi

__all__ = [
    "HOW_TO_CITE_STYLES",
    "TEX_TIMEOUT",
    "Option",
    "SeriesConfig",
    "config_name",
    "option_help",
    "option_problem",
    "series_options",
]

#: Seconds TeX may take for one paper's PDF (``series_tex_timeout``): a paper typesets
#: in one to three seconds, so a minute is ample, and a loop in a paper's math holds
#: the build a minute, not five.
TEX_TIMEOUT = 60
#: The forms every paper's "How to cite" offers (the series' own style first).
HOW_TO_CITE_STYLES = ("chicago-notes", "author-date")


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_name_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(
        isinstance(item, str) and item.strip() for item in value
    )


def _is_flag(value: Any) -> bool:
    return isinstance(value, bool)


def _is_seconds(value: Any) -> bool:
    return type(value) is int and value > 0


def _is_base_url(value: Any) -> bool:
    return isinstance(value, str) and (not value or value.startswith(("http://", "https://")))


def _is_issn(value: Any) -> bool:
    return isinstance(value, str) and (not value or not issn_problem(value))


def _is_doi_prefix(value: Any) -> bool:
    return isinstance(value, str) and (not value or not prefix_problem(value))


def _is_depositor(value: Any) -> bool:
    return isinstance(value, str) and (not value or parse_depositor(value) is not None)


def _is_doi(value: Any) -> bool:
    return isinstance(value, str) and (not value or clean_doi(value) == value.strip())


def _is_citation_style(value: Any) -> bool:
    """A name pybtex's registry finds among the installed citation styles."""
    if not isinstance(value, str):
        return False
    try:
        get_style(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Option:
    """How one ``series_*`` option is declared, next to its default."""

    #: What the value should be: the handbook's "meaning" and the end of the
    #: warning for a bad value ("... is invalid; set it to <help>").
    help: str
    validator: Callable[[Any], bool] = _is_text
    #: A warning names the option when it is left empty.
    required: bool = False
    #: The type as the handbook names it.
    doc_type: str = "text"
    #: More for the handbook (MyST Markdown), after the help.
    notes: str = ""
    #: The values the warning for a bad one lists (read when it is given).
    choices: Callable[[], Sequence[str]] | None = None


def _option(
    default: Any, help: str, validator: Callable[[Any], bool] = _is_text, **declared: Any
) -> Any:
    """A ``SeriesConfig`` field: its default, and its ``Option`` in the metadata."""
    return field(default=default, metadata={"option": Option(help, validator, **declared)})


@dataclass(frozen=True)
class SeriesConfig:
    """The series metadata every page and output format draws on."""

    title: str = _option("", "the series' full title", required=True)
    short_name: str = _option(
        "", "a short name for running heads and identifiers, e.g. 'NSSP'", required=True
    )
    publisher: str = _option(
        "", "the publishing body, e.g. 'National Security Studies Program'", required=True
    )
    institution: str = _option("", "the institution, e.g. 'University of New Mexico'")
    committee: tuple[str, ...] = _option(
        (), "a list of the review committee's names", _is_name_list, doc_type="list of text"
    )
    committee_title: str = _option(
        "Professors", "the title before the committee's names, e.g. 'Professors'"
    )
    policy: str = _option("", "the listing policy's name, e.g. 'Works-in-Progress'")
    policy_statement: str = _option("", "the listing statement shown on the index and each paper")
    report_type: str = _option("Research Report", "the default report type of a paper")
    base_url: str = _option(
        "",
        "the site's absolute base URL, e.g. 'https://example.org/series/'",
        _is_base_url,
        notes="`READTHEDOCS_CANONICAL_URL` gives it when the series is built on Read the Docs.",
    )
    citation_style: str = _option(
        DEFAULT_STYLE,
        "the name of an installed citation style",
        _is_citation_style,
        notes=(
            "`chicago-notes`: CMOS 17 notes and bibliography; `chicago-author-date`: CMOS 17 "
            "author-date, as biblatex-chicago's `authordate` option prints it; `author-date`: "
            "an APA-like author-date.  Styles are found through pybtex's plugin registry, so a "
            "package that registers a `CitationStyle` under the `pybtex.style.formatting` "
            "entry point can be chosen by its name."
        ),
        choices=known_style_names,
    )
    shared_bib: str = _option("", "a .bib path relative to the source folder, shared by all papers")
    allow_raw_html: bool = _option(
        False,
        "True to publish raw HTML in papers, cleaned of script (default False)",
        _is_flag,
        doc_type="bool",
        notes=(
            "Raw HTML (` ```{raw} html ``` `, inline HTML) is cleaned of script by nh3; "
            "off, it fails the build at its line."
        ),
    )
    tex_timeout: int = _option(
        TEX_TIMEOUT,
        f"the seconds TeX may take for one paper's PDF (default {TEX_TIMEOUT})",
        _is_seconds,
        doc_type="int",
        notes=(
            "A paper whose PDF takes longer is stopped and reported at its line (the "
            "volume's front matter likewise); `make latexpdf TEXTIMEOUT=N` overrides it "
            "for one run."
        ),
    )
    # Crossref deposits (``research-series crossref``, docs/doi.md)
    issn: str = _option(
        "",
        "the series' ISSN, e.g. '2049-3630' (its check digit is verified)",
        _is_issn,
        notes="Needed by `make crossref`.",
    )
    doi_prefix: str = _option(
        "",
        "the DOI prefix Crossref gave the series, e.g. '10.55555'",
        _is_doi_prefix,
        notes="A paper's DOI is its `:doi:`, else `<prefix>/<short name>.<number>`.",
    )
    crossref_depositor: str = _option(
        "",
        "who deposits with Crossref, as 'Name <email>'",
        _is_depositor,
        notes="Needed by `make crossref`.",
    )
    crossmark_policy: str = _option(
        "",
        "the DOI of the series' page on corrections and withdrawals, e.g. "
        "'10.55555/nssp-policy' (needed to deposit a correction)",
        _is_doi,
    )

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


def series_options() -> list[tuple[str, Any, Option]]:
    """Each option's field name, default and declaration, in declaration order."""
    return [(spec.name, spec.default, spec.metadata["option"]) for spec in fields(SeriesConfig)]


def option_help(field_name: str) -> str:
    """What the option should be, as its declaration says (the end of its warnings)."""
    return next(option.help for name, _, option in series_options() if name == field_name)


def config_name(field_name: str) -> str:
    """The ``conf.py`` name of a series field: ``title`` -> ``series_title``."""
    return f"series_{field_name}"


def option_problem(field_name: str, declared: Option, value: Any) -> tuple[str, bool] | None:
    """What is wrong with ``value`` for the option, and whether it must be reverted to
    its default (a malformed value) or only reported (a required one left empty)."""
    name = config_name(field_name)
    if not declared.validator(value):
        message = f"{name} = {value!r} is invalid; set it to {declared.help}"
        if declared.choices is not None:
            message += f" (installed: {', '.join(declared.choices())})"
        return message, True
    if declared.required and not str(value).strip():
        return f"{name} is not set; set it to {declared.help}", False
    return None

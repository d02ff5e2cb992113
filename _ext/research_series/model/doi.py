"""A paper's DOI and the series' Crossref settings: one home for each rule.

Every place that shows a DOI (the page, "How to cite", the exports, the Scholar
tags, JSON-LD, the PDF, the EPUB, the Crossref deposit) reads the report's
``doi``, which the directive sets once with :func:`paper_doi`: the paper's own
``:doi:``, else the series' DOI for it.

The series' DOI of paper *N* is ``<series_doi_prefix>/<short name>.<N>``, the short
name lowercased with anything but letters, digits, ``.``, ``-`` and ``_`` left out:
``10.55555/nssp.7`` for paper 7 of NSSP. The pattern never changes: a DOI, once
registered, is cited for ever. A kept earlier version (``research-series revise``)
of a paper whose DOI is the series' has ``<paper's DOI>.v<n>`` (:func:`version_doi`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ISSN = re.compile(r"^(\d{4})-(\d{3}[\dX])$")
_PREFIX = re.compile(r"^10\.\d{4,9}$")
_DEPOSITOR = re.compile(r"^(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>$")
_SUFFIX_UNSAFE = re.compile(r"[^a-z0-9._-]")


def issn_check_digit(first_seven: str) -> str:
    """The ISSN check digit (ISO 3297: weights 8 to 2, modulo 11, 10 written ``X``)."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_seven, range(8, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def issn_problem(value: str) -> str | None:
    """What is wrong with an ISSN (``2049-3630``), or ``None`` when it is valid."""
    match = _ISSN.match(value.strip().upper())
    if match is None:
        return f"{value!r} is not an ISSN; write it as four digits, '-', four digits (2049-3630)"
    digits = match[1] + match[2]
    if issn_check_digit(digits[:7]) != digits[7]:
        return (
            f"ISSN {value.strip()} fails its check digit (the last one); copy it exactly "
            "from the ISSN centre's record"
        )
    return None


def prefix_problem(value: str) -> str | None:
    """What is wrong with a DOI prefix (``10.55555``), or ``None``."""
    if _PREFIX.match(value.strip()):
        return None
    return f"{value!r} is not a DOI prefix; write the prefix Crossref gave you, e.g. 10.55555"


@dataclass(frozen=True)
class Depositor:
    """Who sends the deposit: Crossref mails the deposit's report to *email*."""

    name: str
    email: str


def parse_depositor(value: str) -> Depositor | None:
    """``Name <email>`` as a :class:`Depositor`, ``None`` when it is not that."""
    match = _DEPOSITOR.match(" ".join(value.split()))
    if match is None:
        return None
    return Depositor(match["name"], match["email"])


def series_doi(prefix: str, short_name: str, number: int) -> str:
    """The series' DOI of paper *number*: ``<prefix>/<short name>.<number>``."""
    suffix = _SUFFIX_UNSAFE.sub("", short_name.lower()) or "paper"
    return f"{prefix}/{suffix}.{number}"


def paper_doi(own: str | None, number: int, prefix: str, short_name: str) -> str | None:
    """A paper's DOI: its own ``:doi:``, else the series' (when a prefix is set)."""
    if own:
        return own
    if prefix:
        return series_doi(prefix, short_name, number)
    return None


def version_doi(doi: str, number: int) -> str:
    """The DOI of a paper's kept version *number*: ``<paper's DOI>.v<number>``.

    The paper's own DOI always names its current version; a kept version is
    registered under its own, which never changes once the version is kept.
    """
    return f"{doi}.v{number}"


def correction_doi(doi: str) -> str:
    """The DOI of a paper's correction notice: ``<paper's DOI>.correction``."""
    return f"{doi}.correction"


def is_series_doi(doi: str, prefix: str) -> bool:
    """Whether *doi* is under the series' prefix (only those are the series' to deposit)."""
    return bool(prefix) and doi.lower().startswith(prefix.lower() + "/")


_DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s\"<>{}\\^`|]+")
_URL_IN_TEXT = re.compile(r"https?://[^\s\"<>{}\\^`|]+")
#: Sentence punctuation that ends a citation, not the DOI or URL before it.
_TRAILING = ".,;:)]'"


def doi_in(text: str) -> str | None:
    """The first DOI written in *text* (a citation: ``... https://doi.org/10.1/x.``)."""
    match = _DOI_IN_TEXT.search(text)
    return match[0].rstrip(_TRAILING) if match else None


def url_in(text: str) -> str | None:
    """The first http(s) URL written in *text*."""
    match = _URL_IN_TEXT.search(text)
    return match[0].rstrip(_TRAILING) if match else None

"""The DOI and Crossref-setting rules of ``model/doi.py``, without building anything."""

from __future__ import annotations

import pytest

from research_series.model.doi import (
    Depositor,
    doi_in,
    is_series_doi,
    issn_check_digit,
    issn_problem,
    paper_doi,
    parse_depositor,
    prefix_problem,
    series_doi,
)
from research_series.model.series import series_options

_VALIDATORS = {name: option.validator for name, _, option in series_options()}


def is_valid(field_name: str, value: object) -> bool:
    """The option's own validator, as its declaration holds it."""
    return _VALIDATORS[field_name](value)


@pytest.mark.parametrize("issn", ["0378-5955", "0317-8471", "2434-561X", "2434-561x"])
def test_valid_issns(issn: str) -> None:
    assert issn_problem(issn) is None
    assert is_valid("issn", issn)


def test_check_digit_is_iso_3297() -> None:
    assert issn_check_digit("0317847") == "1"
    assert issn_check_digit("2434561") == "X"


@pytest.mark.parametrize(
    ("issn", "says"),
    [
        ("0378-5956", "fails its check digit"),
        ("03785955", "is not an ISSN"),
        ("0378-595", "is not an ISSN"),
        ("ISSN 0378-5955", "is not an ISSN"),
    ],
)
def test_malformed_issns(issn: str, says: str) -> None:
    problem = issn_problem(issn)
    assert problem is not None and says in problem
    assert not is_valid("issn", issn)


def test_empty_crossref_settings_are_valid_until_a_deposit_needs_them() -> None:
    assert is_valid("issn", "") and is_valid("doi_prefix", "")
    assert is_valid("crossref_depositor", "")


def test_prefix() -> None:
    assert prefix_problem("10.55555") is None
    assert prefix_problem("10.555") is not None  # four to nine digits
    assert prefix_problem("10.55555/x") is not None
    assert not is_valid("doi_prefix", "https://doi.org/10.55555")


def test_depositor() -> None:
    assert parse_depositor("Jane  Doe <jane@example.org>") == Depositor(
        "Jane Doe", "jane@example.org"
    )
    assert parse_depositor("jane@example.org") is None
    assert parse_depositor("Jane <not an address>") is None
    assert not is_valid("crossref_depositor", "Jane Doe")


def test_the_series_doi_pattern_is_stable() -> None:
    assert series_doi("10.55555", "NSSP", 7) == "10.55555/nssp.7"
    assert series_doi("10.55555", "N S/S P!", 12) == "10.55555/nssp.12"
    assert paper_doi(None, 7, "10.55555", "NSSP") == "10.55555/nssp.7"
    assert paper_doi("10.1234/own", 7, "10.55555", "NSSP") == "10.1234/own"
    assert paper_doi(None, 7, "", "NSSP") is None
    assert is_series_doi("10.55555/NSSP.7", "10.55555")
    assert not is_series_doi("10.555551/x", "10.55555")


def test_doi_in_a_citation() -> None:
    assert doi_in("J. Doe, “T,” J 4 (2019), https://doi.org/10.2000/jt.4.") == "10.2000/jt.4"
    assert doi_in("no identifier here") is None


def test_crossmark_policy_is_a_doi() -> None:
    assert is_valid("crossmark_policy", "10.55555/nssp-policy")
    assert is_valid("crossmark_policy", "")
    assert not is_valid("crossmark_policy", "https://example.org/policy")

"""The metadata model, without Sphinx."""

from __future__ import annotations

import pytest

from research_series.model.authors import Author, orcid_checksum_ok
from research_series.model.report import ReportDate, Status, parse_report

BASE = {"authors": "Torin Hovander (University of New Mexico)", "number": "1", "date": "2016"}


def parse(**options: str) -> tuple[object, list[str]]:
    merged = {**BASE, **{key.replace("_", "-"): value for key, value in options.items()}}
    report, problems = parse_report(
        "Title", merged, default_report_type="Research Report", has_abstract=True
    )
    return report, [problem.message for problem in problems]


def test_valid_report_fields() -> None:
    report, problems = parse(
        keywords="Russia; North Korea; ; DIME", doi="https://doi.org/10.1000/x.1"
    )
    assert problems == []
    assert report is not None
    assert report.authors == (Author("Torin Hovander", "University of New Mexico"),)  # type: ignore[attr-defined]
    assert report.keywords == ("Russia", "North Korea", "DIME")  # type: ignore[attr-defined]
    assert report.doi == "10.1000/x.1"  # type: ignore[attr-defined]
    assert report.status is Status.working_paper  # type: ignore[attr-defined]
    assert report.report_type == "Research Report"  # type: ignore[attr-defined]


def test_several_authors_with_orcid_and_nested_parentheses() -> None:
    report, problems = parse(
        authors="Анна Иванова (МГУ) <0000-0002-1825-0097>; 김민준; "
        "Bo Li (Dept. of Physics (Theory), Uni X) <https://orcid.org/0000-0001-5109-3700>"
    )
    assert problems == []
    assert report.authors == (  # type: ignore[attr-defined]
        Author("Анна Иванова", "МГУ", "0000-0002-1825-0097"),
        Author("김민준"),
        Author("Bo Li", "Dept. of Physics (Theory), Uni X", "0000-0001-5109-3700"),
    )


def test_a_family_name_marked_with_slashes() -> None:
    report, problems = parse(
        authors="/Han/ Ji-woo (KIDA) <0000-0002-1825-0097>; /Nguyễn/  Thị Lan; "
        "Gabriel /García Márquez/; /Sukarno/; Samir Haddad"
    )
    assert problems == []
    assert report.authors == (  # type: ignore[attr-defined]
        Author("Han Ji-woo", "KIDA", "0000-0002-1825-0097", "Han", "Ji-woo", True),
        Author("Nguyễn Thị Lan", None, None, "Nguyễn", "Thị Lan", True),
        Author("Gabriel García Márquez", None, None, "García Márquez", "Gabriel", False),
        Author("Sukarno", None, None, "Sukarno", "", False),
        Author("Samir Haddad"),
    )


@pytest.mark.parametrize(
    ("authors", "says"),
    [
        ("Ji /Han/ woo", "has a family name in the middle"),
        ("/ / Ji-woo", "has an empty family name"),
        ("Han/Ji-woo", "has one slash"),
        ("/Han/ /Ji/ woo", "has 4 slashes"),
        ("Han, Ji-woo", "or family name first as '/Han/ Ji-woo'"),
    ],
)
def test_a_misplaced_slash_is_explained(authors: str, says: str) -> None:
    report, problems = parse(authors=authors)
    assert report is None
    [problem] = problems
    assert says in problem
    assert "'/Han/ Ji-woo'" in problem


@pytest.mark.parametrize(
    ("orcid", "ok"),
    [("0000-0002-1825-0097", True), ("0000-0002-1694-233X", True), ("0000-0002-1825-0098", False)],
)
def test_orcid_checksum(orcid: str, ok: bool) -> None:
    assert orcid_checksum_ok(orcid) is ok


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"number": ""},
            "missing required option ':number:'; add e.g. ':number: 7' "
            "(a positive whole number unique in the series)",
        ),
        ({"number": "0"}, "number '0' is not a positive whole number; write e.g. ':number: 7'"),
        ({"number": "٣"}, "number '٣' is not a positive whole number; write e.g. ':number: 7'"),
        ({"date": "2016-13"}, "date '2016-13': there is no month 13; the month is 01 to 12"),
        (
            {"date": "2026-02-30"},
            "date '2026-02-30': February 2026 has 28 days; the day is 01 to 28",
        ),
        ({"date": "2016-00-01"}, "date '2016-00-01': there is no month 0; the month is 01 to 12"),
        ({"date": "2016-04-00"}, "date '2016-04-00': April 2016 has 30 days; the day is 01 to 30"),
        (
            {"date": "16 May 2016"},
            "date '16 May 2016' is not a valid YYYY, YYYY-MM or YYYY-MM-DD date",
        ),
        (
            {"status": "draft"},
            "unknown status 'draft'; use one of: working-paper, published, withdrawn",
        ),
        (
            {"status": "published"},
            "status 'published' needs ':published-as:' with the citation of the publication",
        ),
        (
            {"authors": "Jane Doe <0000-0002-1825-0098>"},
            "ORCID 0000-0002-1825-0098 of Jane Doe "
            "fails its checksum (last digit); copy the iD exactly from the author's ORCID record",
        ),
        (
            {"authors": "Jane Doe <orcid>"},
            "ORCID 'orcid' of Jane Doe is malformed; write it as 0000-0002-1825-0097",
        ),
        ({"doi": "doi 10"}, "DOI 'doi 10' is malformed; write it as 10.1234/abc-567"),
    ],
)
def test_problems_have_exact_messages(options: dict[str, str], message: str) -> None:
    report, problems = parse(**options)
    assert report is None
    assert problems == [message]


def test_empty_abstract() -> None:
    report, problems = parse_report("T", BASE, default_report_type="R", has_abstract=False)
    assert report is None
    assert [p.message for p in problems] == [
        "the abstract is empty; write the abstract as the directive's body"
    ]


def test_published_needs_published_as_and_keeps_it() -> None:
    report, problems = parse(status="published", published_as="J. Doe, in *Journal* 3 (2018)")
    assert problems == []
    assert report.published_as == "J. Doe, in *Journal* 3 (2018)"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("date", "display", "iso"),
    [
        (ReportDate(2016), "2016", "2016"),
        (ReportDate(2016, 3), "March 2016", "2016-03"),
        (ReportDate(2016, 3, 5), "March 5, 2016", "2016-03-05"),
    ],
)
def test_date_forms(date: ReportDate, display: str, iso: str) -> None:
    assert (date.display, date.iso) == (display, iso)


def test_dates_of_mixed_precision_sort_chronologically() -> None:
    dates = [ReportDate(2016, 12), ReportDate(2016), ReportDate(2015, 3, 2), ReportDate(2016, 1, 9)]
    assert sorted(dates, key=lambda date: date.sort_key) == [
        ReportDate(2015, 3, 2),
        ReportDate(2016),
        ReportDate(2016, 1, 9),
        ReportDate(2016, 12),
    ]


def test_a_future_date_is_reported_but_keeps_the_metadata() -> None:
    import datetime as dt

    report, problems = parse_report(
        "Title",
        {**BASE, "date": "2030-02"},
        default_report_type="R",
        has_abstract=True,
        today=dt.date(2030, 1, 31),
    )
    assert report is not None
    assert [(p.message, p.fatal) for p in problems] == [
        ("date 2030-02 is in the future; check the year (the feed lists papers by date)", False)
    ]
    same_month, problems = parse_report(
        "Title",
        {**BASE, "date": "2030-01"},
        default_report_type="R",
        has_abstract=True,
        today=dt.date(2030, 1, 1),
    )
    assert same_month is not None and problems == []


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"authors": "Ann\x01 Lee"}, "':authors:' holds the control character U+0001; delete it"),
        ({"keywords": "a\ufffdb"}, "':keywords:' holds U+FFFD"),
        ({"doi": "10.1234/a b"}, "DOI '10.1234/a b' is malformed"),
        ({"doi": "10.1234/x<y>"}, "DOI '10.1234/x<y>' is malformed"),
        ({"doi": " "}, "':doi:' is empty; give the DOI"),
        ({"authors": "Doe, Jane"}, "author 'Doe, Jane' holds a comma"),
        ({"authors": "Ann Lee (A (B)"}, "cannot read author 'Ann Lee (A (B)'"),
        ({"number": "1234567"}, "number 1234567... has 7 digits"),
    ],
)
def test_values_that_would_print_wrong_are_refused(options: dict[str, str], expected: str) -> None:
    report, problems = parse(**options)
    assert report is None
    assert any(message.startswith(expected) for message in problems), problems


def test_name_suffixes_after_a_comma_are_names() -> None:
    report, problems = parse(authors="Martin Luther King, Jr. (Morehouse College)")
    assert problems == []
    assert report is not None
    assert report.author_names == ("Martin Luther King, Jr.",)  # type: ignore[attr-defined]

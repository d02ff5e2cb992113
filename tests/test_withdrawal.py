"""A withdrawn paper: a notice at the same URL, no PDF or EPUB, listed and announced."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ProjectFactory, paper
from helpers import article, sphinx_build, text_of
from research_series.model.report import ReportDate, Withdrawal, parse_report

WITHDRAWN = paper(
    "The Withdrawn Paper",
    options="""
        :authors: Jane Doe (University of Testing)
        :number: 2
        :date: 2016-05
        :status: withdrawn
        :withdrawn: 2017-03-05
        :withdrawn-reason: The data of section 2 were found to be unreliable.
    """,
    abstract="A secret abstract.",
    body="## Findings\n\nSecret body text[^n].\n\n[^n]: {cite}`nobody`\n",
)
FILES = {
    "kept/index.md": paper("A Kept Paper"),
    "gone/index.md": WITHDRAWN,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The series as HTML, EPUB and LaTeX (as ``make site`` builds them), each strict and
    without a warning."""
    root = tmp_path_factory.mktemp("withdrawn")
    srcdir = root / "src"
    from conftest import INDEX_MD, SERIES_CONF

    for name, text in {"conf.py": SERIES_CONF, "index.md": INDEX_MD, **FILES}.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    # a PDF and EPUB of the paper from before it was withdrawn
    for stale in ("latex/gone.tex", "latex/gone.pdf", "epub/gone.epub"):
        (root / stale).parent.mkdir(parents=True, exist_ok=True)
        (root / stale).write_text("old", encoding="utf-8")
    outputs = {}
    for builder in ("html", "epub", "latex"):
        # as make site builds them: the kept paper's PDF and EPUB are linked
        result = sphinx_build(srcdir, root / builder, builder=builder, site=True)
        assert result.returncode == 0, result.stderr
        assert result.warnings(srcdir) == []
        outputs[builder] = root / builder
    return outputs


def test_page_is_a_notice_at_the_same_url(built: dict[str, Path]) -> None:
    body = article(built["html"] / "gone" / "index.html")
    text = text_of(body)
    assert "The Withdrawn Paper" in text and "Jane Doe" in text
    notice = body.find(class_="report-withdrawn")
    assert notice is not None
    assert text_of(notice) == (
        "Withdrawn on March 5, 2017. The data of section 2 were found to be unreliable."
    )
    for gone in ("secret", "Findings", "Works Cited", "Abstract"):
        assert gone.lower() not in text.lower()
    # the original citation, with citation exports but no PDF or EPUB
    cite = body.find(class_="how-to-cite")
    assert cite is not None and "The Withdrawn Paper" in text_of(cite)
    links = [a.get_text() for a in cite.find(class_="downloads").find_all("a")]
    assert links == ["BibTeX", "RIS", "CSL-JSON"]
    head = BeautifulSoup((built["html"] / "gone" / "index.html").read_text("utf-8"), "html.parser")
    assert head.find("meta", attrs={"name": "citation_pdf_url"}) is None


def test_index_lists_it_as_withdrawn(built: dict[str, Path]) -> None:
    body = article(built["html"] / "index.html")
    item = body.find(id="paper-2")
    assert item is not None and "series-withdrawn" in item["class"]
    text = text_of(item)
    assert text.startswith("2. Jane Doe. The Withdrawn Paper")
    assert "Withdrawn on March 5, 2017." in text and "secret" not in text.lower()
    # still citable: its citation and how to cite it, no PDF or EPUB
    assert [a.get_text() for a in item.find(class_="downloads").find_all("a")] == ["BibTeX", "Cite"]
    kept = body.find(id="paper-1")
    assert [a.get_text() for a in kept.find(class_="downloads").find_all("a")] == [
        "PDF",
        "EPUB",
        "BibTeX",
        "Cite",
    ]


def test_feed_announces_the_withdrawal(built: dict[str, Path]) -> None:
    feed = etree.parse(str(built["html"] / "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    first = feed.find("a:entry", ns)
    assert first is not None
    assert first.findtext("a:title", namespaces=ns) == "Withdrawn: The Withdrawn Paper"
    assert first.findtext("a:updated", namespaces=ns) == "2017-03-05T00:00:00Z"
    assert first.findtext("a:published", namespaces=ns) == "2016-05-01T00:00:00Z"
    assert "found to be unreliable" in (first.findtext("a:summary", namespaces=ns) or "")
    assert feed.findtext("a:updated", namespaces=ns) == "2017-03-05T00:00:00Z"


def test_no_pdf_or_epub(built: dict[str, Path]) -> None:
    assert sorted(p.name for p in built["epub"].glob("*.epub")) == ["kept.epub", "series.epub"]
    assert sorted(p.name for p in built["latex"].glob("*.tex")) == ["kept.tex", "series.tex"]
    assert not (built["latex"] / "gone.pdf").exists()
    # the volume keeps the notice, as the index does
    with zipfile.ZipFile(built["epub"] / "series.epub") as volume:
        name = next(n for n in volume.namelist() if n.endswith("gone/index.xhtml"))
        page = volume.read(name).decode()
    assert "Withdrawn on March 5, 2017" in page and "Secret" not in page


@pytest.mark.parametrize(
    ("options", "problems"),
    [
        (
            {"status": "withdrawn"},
            [
                "status 'withdrawn' needs ':withdrawn:' with the date of withdrawal "
                "(YYYY, YYYY-MM or YYYY-MM-DD)",
                "status 'withdrawn' needs ':withdrawn-reason:' saying why, in a sentence "
                "the notice shows",
            ],
        ),
        (
            {"withdrawn": "2017", "withdrawn-reason": "x"},
            [
                "':withdrawn:' is given but the status is not 'withdrawn'; add "
                "':status: withdrawn' or remove ':withdrawn:'",
                "':withdrawn-reason:' is given but the status is not 'withdrawn'; add "
                "':status: withdrawn' or remove ':withdrawn-reason:'",
            ],
        ),
        (
            {"status": "withdrawn", "withdrawn": "2017-13", "withdrawn-reason": "x"},
            ["date '2017-13': there is no month 13; the month is 01 to 12"],
        ),
        (
            {"status": "withdrawn", "withdrawn": "2015", "withdrawn-reason": "x"},
            [
                "the paper is withdrawn (2015) before its date (2016); check ':withdrawn:' "
                "and ':date:'"
            ],
        ),
    ],
)
def test_withdrawal_options(options: dict[str, str], problems: list[str]) -> None:
    base = {"authors": "A B", "number": "1", "date": "2016"}
    report, found = parse_report(
        "T", {**base, **options}, default_report_type="R", has_abstract=True
    )
    assert report is None
    assert [problem.message for problem in found] == problems


def test_withdrawal_is_read() -> None:
    options = {"status": "withdrawn", "withdrawn": "2017-03", "withdrawn-reason": " Why. "}
    base = {"authors": "A B", "number": "1", "date": "2016"}
    report, found = parse_report(
        "T", {**base, **options}, default_report_type="R", has_abstract=True
    )
    assert found == []
    assert report is not None and report.withdrawal == Withdrawal(ReportDate(2017, 3), "Why.")


def test_problem_lines_in_a_build(make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project(
        {
            "gone/index.md": paper(
                "Gone",
                options=":authors: A B\n:number: 1\n:date: 2016\n"
                ":status: withdrawn\n:withdrawn: 2017",
            )
        }
    )
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.warnings(srcdir) == [
        "SRC/gone/index.md:7: WARNING: research-report: status 'withdrawn' needs "
        "':withdrawn-reason:' saying why, in a sentence the notice shows [research.metadata]"
    ]

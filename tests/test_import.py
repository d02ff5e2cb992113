"""``research-series import``: Word manuscripts (real and written as Word writes them) to papers.

Each imported paper is built strictly with Sphinx and checked in the HTML a reader gets.
The real Word files are mammoth's test documents, fetched from the npm registry at test
time (skipped where npm or the registry is missing, except in CI, where that fails); the
others are written below in the WordprocessingML that Word, Zotero and Mendeley write.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tarfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from conftest import ProjectFactory
from helpers import article, sphinx_build, text_of
from research_series.bibliography import load_bibliography
from research_series.editor.manuscript import (
    CiteItem,
    ManuscriptError,
    add_import_command,
    cite_role,
    import_manuscript,
)
from research_series.editor.manuscript.csl import to_entry
from research_series.editor.myst_text import escape_inline
from research_series.editor.paper_folder import PaperArgumentError
from research_series.model.placeholders import IMPORTED_ABSTRACT

WALTZ = {
    "id": "W1",
    "type": "book",
    "title": "Theory of International Politics",
    "publisher": "Addison-Wesley",
    "publisher-place": "Reading, MA",
    "author": [{"family": "Waltz", "given": "Kenneth N."}],
    "issued": {"date-parts": [["1979"]]},
}
KEOHANE = {
    "id": "K1",
    "type": "article-journal",
    "title": "The Demand for International Regimes",
    "container-title": "International Organization",
    "volume": "36",
    "issue": "2",
    "page": "325-355",
    "DOI": "10.1017/S002081830001897X",
    "author": [{"family": "Keohane", "given": "Robert O."}],
    "issued": {"date-parts": [[1982, 3]]},
}
JERVIS = {
    "id": "J1",
    "type": "chapter",
    "title": "Security Regimes",
    "container-title": "International Regimes",
    "editor": [{"family": "Krasner", "given": "Stephen D."}],
    "publisher": "Cornell University Press",
    "publisher-place": "Ithaca",
    "page": "173–194",
    "author": [{"family": "Jervis", "given": "Robert"}],
    "issued": {"date-parts": [["1983"]]},
}
CFR = {
    "id": "C1",
    "type": "webpage",
    "title": "North Korea's Military Capabilities",
    "container-title": "Council on Foreign Relations",
    "URL": "https://www.cfr.org/backgrounder/north-korea-nuclear-weapons-missile-tests",
    "accessed": {"date-parts": [["2024", "1", "15"]]},
    "issued": {"date-parts": [["2023", "6", "28"]]},
    "author": [{"literal": "Council on Foreign Relations"}],
}


def import_into(srcdir: Path, docx: Path, slug: str, **options: Any) -> Any:
    defaults: dict[str, Any] = {"number": 1, "date": "2024", "authors": None, "title": None}
    return import_manuscript(docx, srcdir, slug=slug, **{**defaults, **options})


def write_abstracts(srcdir: Path) -> None:
    """What the author does next: an abstract in place of the importer's placeholder
    (a strict build refuses it: ``tests/test_placeholders.py``)."""
    for index in srcdir.glob("*/index.md"):
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace(IMPORTED_ABSTRACT, "The author's abstract."), "utf-8")


def build(srcdir: Path, tmp_path: Path) -> Path:
    write_abstracts(srcdir)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return tmp_path / "html"


def notes_of(page: Path) -> dict[str, str]:
    """``{number: text}`` of the page's footnotes, as the reader sees them."""
    body = article(page)
    out = {}
    for note in body.select("aside.footnote, .footnote-list > aside, dl.footnote > dt"):
        label = note.select_one(".label")
        if label is None:
            continue
        number = label.get_text().strip("[]")
        label.extract()
        out[number] = text_of(note)
    return out


# -- a ten-footnote manuscript -----------------------------------------------------------


def ten_note_manuscript(path: Path) -> Path:
    body = [
        para(run("Russia and the Peninsula after 1991"), style="Title"),
        para(run("Abstract"), style="Heading1"),
        para(run("Russia gains little from North Korea.")),
        para(run("Overview"), style="Heading1"),
        para(
            run("Russia's interests are few."),
            footnote_ref(1),
            run(" The relationship "),
            run("deteriorated", italic=True),
            run(" after the Soviet collapse"),
            footnote_ref(2),
            run(", as "),
            run("every", bold=True),
            run(" observer noted."),
            footnote_ref(3),
        ),
        para(run("Interests"), style="Heading2"),
        para(run("Diplomatic ties"), footnote_ref(4), style="ListParagraph", numbered=1),
        para(run("Economic ties"), footnote_ref(5), style="ListParagraph", numbered=1),
        para(run("First, trade."), style="ListParagraph", numbered=2),
        para(run("Second, arms."), footnote_ref(6), style="ListParagraph", numbered=2),
        para(run("A decision advantage is what diplomats want."), footnote_ref(7), style="Quote"),
        table([["Year", "Trade (USD)"], ["1988", "60%"], ["2013", "$103 million"]]),
        para(
            run("See the "),
            hyperlink("rId10", "Observatory of Economic Complexity"),
            run(" for trade data."),
            footnote_ref(8),
        ),
        para(run("Conclusion"), style="Heading1"),
        para(
            run("Pressure can continue"),
            footnote_ref(9),
            run(" without retaliation."),
            footnote_ref(10),
        ),
    ]
    notes = [run(f"Note {n} text: source number {n}.") for n in range(1, 11)]
    notes[1] = run("Kathryn Weathersby, ") + run("Soviet Aims in Korea", italic=True) + run(", 7.")
    return write_docx(
        path,
        body,
        footnotes=notes,
        creator="Torin Hovander",
        links={"rId10": "https://oec.world/en/profile/country/rus"},
    )


def test_ten_footnotes_become_notes_1_to_10(make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project({})
    docx = ten_note_manuscript(tmp_path / "manuscript.docx")
    result = import_into(srcdir, docx, "hovander-2016")
    assert result.footnotes == 10
    assert result.endnotes == 0
    text = (srcdir / "hovander-2016" / "index.md").read_text(encoding="utf-8")
    assert text.startswith("# Russia and the Peninsula after 1991\n")
    assert ":authors: Torin Hovander" in text
    assert [f"[^{n}]:" in text for n in range(1, 11)] == [True] * 10
    html = build(srcdir, tmp_path) / "hovander-2016" / "index.html"
    notes = notes_of(html)
    assert list(notes) == [str(n) for n in range(1, 11)]
    for n in (1, 3, 4, 10):
        assert notes[str(n)] == f"Note {n} text: source number {n}."
    assert notes["2"] == "Kathryn Weathersby, Soviet Aims in Korea , 7."
    body = article(html)
    assert body.find("em", string="deteriorated") is not None
    assert body.find("strong", string="every") is not None
    assert [h.get_text().strip("¶") for h in body.select("section h2")][:2] == [
        "Overview",
        "Conclusion",
    ]
    assert "Interests" in [h.get_text().strip("¶") for h in body.select("h3")]
    assert len(body.select("ul > li")) >= 2
    assert len(body.select("ol > li")) >= 2
    assert "A decision advantage" in text_of(body.select_one("blockquote"))
    cells = [text_of(td) for td in body.select("table td")]
    assert "$103 million" in cells
    link = body.find("a", string="Observatory of Economic Complexity")
    assert link is not None and link["href"] == "https://oec.world/en/profile/country/rus"
    abstract = text_of(body.select_one(".abstract"))
    assert "Russia gains little" in abstract


# -- Zotero and Mendeley citations ---------------------------------------------------------


def zotero_manuscript(path: Path) -> Path:
    body = [
        para(run("Regimes and Restraint"), style="Title"),
        para(run("Jane Doe (University of Testing)"), style="Author"),
        para(run("The abstract of the paper."), style="Abstract"),
        para(run("Introduction"), style="Heading1"),
        para(run("Structure constrains states."), footnote_ref(1)),
        para(
            run("Regimes matter "),
            mendeley_citation([KEOHANE], "(Keohane, 1982)"),
            run(", and security regimes are rare."),
            footnote_ref(2),
        ),
        para(run("Works Cited"), style="Heading1"),
        para(run("Waltz, Kenneth N. Theory of International Politics. 1979.")),
    ]
    notes = [
        zotero_citation([WALTZ], "Kenneth N. Waltz, Theory of International Politics (1979).", 1),
        run("On regimes, ")
        + zotero_citation([JERVIS], "Robert Jervis, “Security Regimes” (1983).", 2)
        + run(" Also ")
        + zotero_citation([CFR], "Council on Foreign Relations, 2023.", 2),
    ]
    return write_docx(path, body, footnotes=notes)


def test_zotero_and_mendeley_citations_become_works_cited(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({})
    docx = zotero_manuscript(tmp_path / "zotero.docx")
    result = import_into(srcdir, docx, "doe-2024", number=2)
    assert (result.citations, result.works) == (4, 4)
    text = (srcdir / "doe-2024" / "index.md").read_text(encoding="utf-8")
    assert "[^1]: {cite}`waltz1979`" in text
    assert "On regimes, {cite}`jervis1983`" in text
    assert "Regimes matter{footcite}`keohane1982`" in text
    assert ":authors: Jane Doe (University of Testing)" in text
    assert any("Works Cited" in warning and "by hand" in warning for warning in result.warnings)
    bib, problems = load_bibliography([srcdir / "doe-2024" / "references.bib"])
    assert problems == []
    assert len(bib.entries) == 4
    html = build(srcdir, tmp_path) / "doe-2024" / "index.html"
    notes = notes_of(html)
    assert "Waltz, Theory of International Politics" in notes["1"].replace("Kenneth N. ", "")
    assert "Jervis" in notes["2"] and "Security Regimes" in notes["2"]
    assert any("Keohane" in note for note in notes.values())
    page = text_of(article(html))
    assert "Works Cited" in page
    for author in ("Waltz, Kenneth N.", "Keohane, Robert O.", "Jervis, Robert"):
        assert author in page


def test_unreadable_citation_field_keeps_its_text(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    srcdir = make_project({})
    broken = field(
        ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"id": 1,', [run("(Waltz 1979)")]
    )
    body = [para(run("A Title"), style="Title"), para(run("Text "), broken, run("."))]
    docx = write_docx(tmp_path / "broken.docx", body, creator="Jane Doe")
    result = import_into(srcdir, docx, "broken")
    assert result.citations == 0
    assert any("broken.docx, paragraph 2" in w and "cannot be read" in w for w in result.warnings)
    text = (srcdir / "broken" / "index.md").read_text(encoding="utf-8")
    assert "Text (Waltz 1979)." in text
    build(srcdir, tmp_path)


# -- nothing from the manuscript becomes markup --------------------------------------------


HOSTILE = [
    "Use {cite}`nothing` and {footcite}`x` here.",
    "A mark [^1] and a [link](javascript:alert(1)) typed.",
    "<script>alert('x')</script> and &amp; and $x^2$ and \\emph{x}.",
    "# not a heading",
    ":::{note}",
    "1. not a list",
    "% not a comment",
    "(target)=",
    "```{raw} html",
    "+++",
    "---",
    "| a | b |",
    "*not emphasis* and _neither_ and ~~struck~~",
]


def test_manuscript_text_is_never_markup(make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project({})
    body = [
        para(run("Hostile {Title} `x`"), style="Title"),
        para(run("Abstract."), style="Abstract"),
    ]
    body += [para(run(line)) for line in HOSTILE]
    body.append(para(hyperlink("rId10", "a bad link"), run(" and "), hyperlink("rId11", "mail")))
    docx = write_docx(
        tmp_path / "hostile.docx",
        body,
        creator="Jane Doe",
        links={"rId10": "javascript:alert(1)", "rId11": "mailto:editor@example.org"},
    )
    result = import_into(srcdir, docx, "hostile")
    assert any("javascript" in warning for warning in result.warnings)
    html_page = build(srcdir, tmp_path) / "hostile" / "index.html"
    body_html = article(html_page)
    paragraphs = [text_of(p) for p in body_html.select("section > p")]
    for line in HOSTILE:
        assert " ".join(line.split()) in paragraphs, line
    assert body_html.find("script") is None
    assert body_html.select("aside.footnote, .footnote") == []
    assert body_html.select("section > p em, section > p strong") == []
    # no heading from the manuscript: the page's only h2 is the site's How to cite
    assert [" ".join(h.get_text().split()).rstrip("¶") for h in body_html.select("h2")] == [
        "How to cite"
    ]
    assert body_html.find("a", string="a bad link") is None
    assert body_html.select_one("a[href^='mailto:editor']") is not None
    assert "Hostile {Title} `x`" in text_of(body_html.select_one("h1"))


# -- real Word files ------------------------------------------------------------------------

MAMMOTH = "mammoth@1.13.0"


@pytest.fixture(scope="module")
def real_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """mammoth's test documents (saved by Word), from the npm registry."""
    # CI runs every test: there, a missing npm or registry is a failure, not a skip
    missing = pytest.fail if os.environ.get("CI") else pytest.skip
    npm = shutil.which("npm")
    if npm is None:
        missing("npm is not installed")
    folder = tmp_path_factory.mktemp("mammoth")
    proc = subprocess.run(
        [npm, "pack", MAMMOTH, "--silent"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    tarballs = list(folder.glob("mammoth-*.tgz"))
    if proc.returncode != 0 or not tarballs:
        missing(f"npm pack {MAMMOTH} failed: {proc.stderr.strip()[-200:]}")
    with tarfile.open(tarballs[0]) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("package/test/test-data/")]
        archive.extractall(folder, members=members, filter="data")
    return folder / "package" / "test" / "test-data"


def test_real_word_files(real_docx: Path, make_project: ProjectFactory, tmp_path: Path) -> None:
    srcdir = make_project({})
    imported = {}
    for number, name in enumerate(
        ["footnotes", "endnotes", "footnote-hyperlink", "tables", "simple-list", "tiny-picture"], 1
    ):
        imported[name] = import_into(
            srcdir,
            real_docx / f"{name}.docx",
            name,
            number=number,
            title=f"Real {name}",
            authors=["Jane Doe"],
        )
    assert (imported["footnotes"].footnotes, imported["endnotes"].endnotes) == (2, 2)
    # The Word file's picture has no description, which the build reports at its line;
    # the author writes one, as the warning asks.
    picture_md = srcdir / "tiny-picture" / "index.md"
    text = picture_md.read_text(encoding="utf-8")
    assert text.count("![](") == 1
    picture_md.write_text(text.replace("![](", "![A tiny picture](", 1), encoding="utf-8")
    html = build(srcdir, tmp_path)
    footnotes = notes_of(html / "footnotes" / "index.html")
    assert footnotes == {"1": "A tachyon walks into a bar.", "2": "Fin."}
    endnotes = notes_of(html / "endnotes" / "index.html")
    assert list(endnotes) == ["1", "2"]
    assert article(html / "tables" / "index.html").find("table") is not None
    assert len(article(html / "simple-list" / "index.html").select("li")) >= 2
    picture = article(html / "tiny-picture" / "index.html").find("img")
    assert picture is not None and (html / "tiny-picture" / picture["src"]).is_file()
    link = article(html / "footnote-hyperlink" / "index.html").select_one("aside a[href^=http]")
    assert link is not None


# -- the command: errors are one line naming the option --------------------------------------


def run_cli(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="research-series")
    add_import_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import", *argv])
    code = args.handler(args)
    out, err = capsys.readouterr()
    return code, out, err


def plain_docx(
    path: Path, *, title: str = "", creator: str = "", styled_title: bool = True
) -> Path:
    body = [para(run("Body text."))]
    if styled_title and title:
        body.insert(0, para(run(title), style="Title"))
    return write_docx(path, body, creator=creator)


@pytest.mark.parametrize(
    ("case", "option", "status"),
    [
        ("no-title", "--title", 1),
        ("no-author", "--author", 1),
        ("bad-slug", "slug 'Doe_2024'", 2),
        ("bad-date", "--date", 2),
        ("day-31-feb", "--date", 2),
        ("exists", "choose another slug", 2),
        ("not-docx", ".docx", 1),
        ("doc97", ".docx", 1),
        ("corrupt", "save it again", 1),
        ("no-papers", "--papers", 2),
    ],
)
def test_import_errors(
    case: str, option: str, status: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Arguments the build would refuse exit 2 (as ``new-paper``), a manuscript that cannot
    be imported exits 1."""
    papers = tmp_path / "papers"
    papers.mkdir()
    docx = plain_docx(tmp_path / "m.docx", title="A Title", creator="Jane Doe")
    argv = [
        str(docx),
        "--slug",
        "doe-2024",
        "--number",
        "3",
        "--date",
        "2024-05",
        "--papers",
        str(papers),
    ]
    if case == "no-title":
        argv[0] = str(plain_docx(tmp_path / "t.docx", creator="Jane Doe"))
    elif case == "no-author":
        argv[0] = str(plain_docx(tmp_path / "a.docx", title="A Title"))
    elif case == "bad-slug":
        argv[2] = "Doe_2024"
    elif case == "bad-date":
        argv[6] = "May 2024"
    elif case == "day-31-feb":
        argv[6] = "2024-02-31"
    elif case == "exists":
        (papers / "doe-2024").mkdir()
    elif case == "not-docx":
        (tmp_path / "m.txt").write_text("Just text.\n", encoding="utf-8")
        argv[0] = str(tmp_path / "m.txt")
    elif case == "doc97":
        (tmp_path / "m.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
        argv[0] = str(tmp_path / "m.doc")
    elif case == "corrupt":
        data = docx.read_bytes()
        (tmp_path / "c.docx").write_bytes(data[: len(data) // 2])
        argv[0] = str(tmp_path / "c.docx")
    elif case == "no-papers":
        argv[-1] = str(tmp_path / "missing")
    code, _, err = run_cli(argv, capsys)
    assert code == status
    assert err.startswith("error: ") and option in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    if case != "exists":
        assert not (papers / "doe-2024").exists()


def test_corrupt_xml_inside_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    docx = plain_docx(tmp_path / "m.docx", title="A Title", creator="Jane Doe")
    damaged = tmp_path / "x.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, data[:-40] if info.filename == "word/document.xml" else data)
    argv = [str(damaged), "--slug", "x", "--date", "2024", "--papers", str(papers)]
    code, _, err = run_cli(argv, capsys)
    assert code == 1 and err.startswith("error: ") and "Traceback" not in err


def test_cli_success_prints_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    docx = ten_note_manuscript(tmp_path / "m.docx")
    argv = [
        str(docx),
        "--slug",
        "hovander-2016",
        "--date",
        "2016",
        "--papers",
        str(papers),
        "--author",
        "Torin Hovander (University of New Mexico)",
        "--title",
        "Given Title",
    ]
    code, out, err = run_cli(argv, capsys)
    assert code == 0, err
    assert "10 footnotes" in out
    text = (papers / "hovander-2016" / "index.md").read_text(encoding="utf-8")
    assert text.startswith("# Given Title\n")
    assert ":authors: Torin Hovander (University of New Mexico)\n:number: 1\n" in text
    assert "numbered 1, the next free number" in err


# -- units: the citation syntax, escaping, CSL -> biblatex -----------------------------------


def test_cite_role_syntax() -> None:
    assert cite_role("cite", [CiteItem("waltz1979")]) == "{cite}`waltz1979`"
    assert cite_role("footcite", [CiteItem("a"), CiteItem("b")]) == "{footcite}`a,b`"
    assert cite_role("cite", [CiteItem("a", locator="p. 12")]) == "{cite}`a{p. 12}`"
    assert cite_role("cite", [CiteItem("a", pre="see")]) == "{cite}`{see}a`"
    assert (
        cite_role("cite", [CiteItem("a", "see", "12"), CiteItem("b", locator="chap. 3")])
        == "{cite}`{see}a{12},b{chap. 3}`"
    )
    assert cite_role("cite", [CiteItem("a", "{x}`", "1`2")]) == "{cite}`{x}a{12}`"
    with pytest.raises(ValueError):
        cite_role("cite", [CiteItem("a b")])
    with pytest.raises(ValueError):
        cite_role("raw", [CiteItem("a")])


def test_escape_inline() -> None:
    assert escape_inline("{cite}`x`") == "\\{cite\\}\\`x\\`"
    assert escape_inline("[^1] <b> $5 & &amp;") == "\\[^1\\] \\<b\\> \\$5 & \\&amp;"


@pytest.mark.parametrize(
    ("item", "entry_type", "expected"),
    [
        (WALTZ, "book", {"author": "Waltz, Kenneth N.", "location": "Reading, MA", "date": "1979"}),
        (
            KEOHANE,
            "article",
            {
                "journaltitle": "International Organization",
                "pages": "325--355",
                "number": "2",
                "date": "1982-03",
                "doi": "10.1017/S002081830001897X",
            },
        ),
        (
            JERVIS,
            "incollection",
            {
                "booktitle": "International Regimes",
                "editor": "Krasner, Stephen D.",
                "pages": "173--194",
            },
        ),
        (
            CFR,
            "online",
            {
                "author": "{Council on Foreign Relations}",
                "urldate": "2024-01-15",
                "url": CFR["url"] if "url" in CFR else CFR["URL"],
                "date": "2023-06-28",
            },
        ),
        (
            {
                "type": "report",
                "title": "R & D_1",
                "publisher": "RAND",
                "number": "RR-1",
                "author": [
                    {"family": "van Evera", "given": "Stephen", "non-dropping-particle": "de"}
                ],
            },
            "report",
            {
                "institution": "RAND",
                "number": "RR-1",
                "title": "R \\& D\\_1",
                "author": "de van Evera, Stephen",
            },
        ),
        (
            {"type": "thesis", "title": "T", "genre": "Master's thesis", "publisher": "UNM"},
            "thesis",
            {"type": "mathesis", "institution": "UNM"},
        ),
    ],
)
def test_csl_to_biblatex(item: dict[str, Any], entry_type: str, expected: dict[str, str]) -> None:
    entry = to_entry(item)
    assert entry.type == entry_type
    for name, value in expected.items():
        assert entry.fields[name] == value, name


def test_import_errors_raise_manuscript_error(tmp_path: Path) -> None:
    with pytest.raises(ManuscriptError, match="no such file"):
        import_manuscript(
            tmp_path / "x.docx", tmp_path, slug="x", number=1, date="2024", authors=None, title=None
        )
    with pytest.raises(PaperArgumentError, match="--number"):
        import_manuscript(
            tmp_path / "x.docx", tmp_path, slug="x", number=0, date="2024", authors=None, title=None
        )


# -- writing .docx files as Word, Zotero and Mendeley do ------------------------------------

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PARTS = {
    "/word/document.xml": f"{_MIME}.document.main+xml",
    "/word/styles.xml": f"{_MIME}.styles+xml",
    "/word/numbering.xml": f"{_MIME}.numbering+xml",
    "/word/footnotes.xml": f"{_MIME}.footnotes+xml",
    "/word/endnotes.xml": f"{_MIME}.endnotes+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
}
_CT = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Default Extension="{ext}" ContentType="{kind}"/>'
        for ext, kind in (
            ("png", "image/png"),
            ("svg", "image/svg+xml"),
            ("emf", "image/x-emf"),
            ("wmf", "image/x-wmf"),
        )
    )
    + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in _PARTS.items())
    + "</Types>"
)


def _rels(targets: Sequence[tuple[str, str]], extra: str = "") -> str:
    return (
        f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
            for i, (kind, target) in enumerate(targets, 1)
        )
        + extra
        + "</Relationships>"
    )


_RELS = _rels(
    [
        (f"{_OFFICE}/officeDocument", "word/document.xml"),
        (f"{_PKG}/relationships/metadata/core-properties", "docProps/core.xml"),
    ]
)
_DOC_PARTS = [
    (f"{_OFFICE}/{name}", f"{name}.xml")
    for name in ("styles", "numbering", "footnotes", "endnotes")
]
_STYLE_NAMES = {
    "Normal": "Normal",
    "Title": "Title",
    "Subtitle": "Subtitle",
    "Heading1": "heading 1",
    "Heading2": "heading 2",
    "Quote": "Quote",
    "ListParagraph": "List Paragraph",
    "FootnoteText": "footnote text",
    "EndnoteText": "endnote text",
    "Abstract": "Abstract",
    "Author": "Author",
}
_CHAR_STYLES = {
    "FootnoteReference": "footnote reference",
    "EndnoteReference": "endnote reference",
    "Hyperlink": "Hyperlink",
}
_LEVEL = (
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
)
_BULLET = _LEVEL.format(fmt="bullet", text="\u2022")
_DECIMAL = _LEVEL.format(fmt="decimal", text="%1.")
_NUMBERING = (
    f"{_XML}<w:numbering {NS}>"
    f'<w:abstractNum w:abstractNumId="0">{_BULLET}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="1">{_DECIMAL}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)


def _styles() -> str:
    paragraph = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>'
        for sid, name in _STYLE_NAMES.items()
    )
    character = "".join(
        f'<w:style w:type="character" w:styleId="{sid}"><w:name w:val="{name}"/>'
        + ('<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if "Reference" in sid else "")
        + "</w:style>"
        for sid, name in _CHAR_STYLES.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:styles {NS}>{paragraph}{character}</w:styles>"
    )


def run(text: str, *, italic: bool = False, bold: bool = False) -> str:
    props = ("<w:i/><w:iCs/>" if italic else "") + ("<w:b/><w:bCs/>" if bold else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, style: str | None = None, numbered: int | None = None) -> str:
    ppr = ""
    if style or numbered:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if numbered:
            inner += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbered}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def footnote_ref(note_id: int) -> str:
    return (
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def endnote_ref(note_id: int) -> str:
    return (
        '<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr>'
        f'<w:endnoteReference w:id="{note_id}"/></w:r>'
    )


def hyperlink(rel_id: str, text: str) -> str:
    return (
        f'<w:hyperlink r:id="{rel_id}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
        f'</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'
    )


_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def image(rel_id: str, *, external: bool = False, alt: str = "A figure") -> str:
    """An inline picture as Word writes it: embedded (``r:embed``) or linked (``r:link``)."""
    blip = f'<a:blip r:{"link" if external else "embed"}="{rel_id}"/>'
    return (
        '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/>'
        f'<wp:docPr id="1" name="Picture 1" descr="{escape(alt)}"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="0" name="picture"/><pic:cNvPicPr/></pic:nvPicPr>'
        f"<pic:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def table(rows: Sequence[Sequence[str]]) -> str:
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(run(cell))}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{body}</w:tbl>'


def field(instruction: str, result_runs: Sequence[str]) -> str:
    """A complex field as Word stores it: the instruction split into 255-character runs."""
    chunks = [instruction[i : i + 255] for i in range(0, len(instruction), 255)]
    instr = "".join(
        f'<w:r><w:instrText xml:space="preserve">{escape(chunk)}</w:instrText></w:r>'
        for chunk in chunks
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + instr
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + "".join(result_runs)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def zotero_citation(items: Sequence[dict[str, Any]], text: str, note_index: int = 0) -> str:
    """``ADDIN ZOTERO_ITEM CSL_CITATION {...}`` as the Zotero Word plugin writes it."""
    cited = []
    for index, item in enumerate(items):
        data_item = {k: v for k, v in item.items() if k not in ("locator", "label")}
        cited.append(
            {
                "id": index + 100,
                "uris": [f"http://zotero.org/users/1234/items/ITEM{item['id']}"],
                "itemData": {**data_item, "id": index + 100},
                **{k: item[k] for k in ("locator", "label") if k in item},
            }
        )
    data = {
        "citationID": f"z{len(text):04d}{note_index:04d}",
        "properties": {"formattedCitation": text, "plainCitation": text, "noteIndex": note_index},
        "citationItems": cited,
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    instruction = f" ADDIN ZOTERO_ITEM CSL_CITATION {json.dumps(data, ensure_ascii=False)} "
    return field(instruction, [run(text)])


def mendeley_citation(items: Sequence[dict[str, Any]], text: str) -> str:
    """``ADDIN CSL_CITATION {...}`` as Mendeley Cite writes it (item ids ITEM-1, ...)."""
    data = {
        "citationItems": [
            {
                "id": f"ITEM-{index + 1}",
                "itemData": {**item, "id": f"ITEM-{index + 1}"},
                "uris": [f"http://www.mendeley.com/documents/?uuid={item['id']}"],
            }
            for index, item in enumerate(items)
        ],
        "mendeley": {"formattedCitation": text, "plainTextFormattedCitation": text},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return field(f"ADDIN CSL_CITATION {json.dumps(data)}", [run(text)])


def _notes(kind: str, notes: Sequence[str]) -> str:
    style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    ref = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    mark = "footnoteRef" if kind == "footnote" else "endnoteRef"
    parts = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>",
    ]
    for index, content in enumerate(notes, 1):
        parts.append(
            f'<w:{kind} w:id="{index}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{ref}"/></w:rPr><w:{mark}/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{content}</w:p></w:{kind}>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {NS}>'
        + "".join(parts)
        + f"</w:{kind}s>"
    )


def write_docx(
    path: Path,
    body: Sequence[str],
    *,
    footnotes: Sequence[str] = (),
    endnotes: Sequence[str] = (),
    title: str = "",
    creator: str = "",
    links: dict[str, str] | None = None,
    images: dict[str, tuple[str, bytes | None]] | None = None,
) -> Path:
    """A .docx with *body* paragraphs (XML) and notes whose XML content follows the mark.

    *images* maps a relationship id to ``(target, content)``: content ``None`` leaves
    the part out (a missing image); a target with ``://`` is a linked image.
    """
    rels = "".join(
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/hyperlink" Target="{escape(url)}" TargetMode="External"/>'
        for rid, url in (links or {}).items()
    )
    rels += "".join(
        f'<Relationship Id="{rid}" Type="{_IMAGE_REL}" Target="{escape(target)}"'
        + (' TargetMode="External"/>' if "://" in target else "/>")
        for rid, (target, _) in (images or {}).items()
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        "</cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _rels(_DOC_PARTS, rels))
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", _styles())
        archive.writestr("word/numbering.xml", _NUMBERING)
        archive.writestr("word/footnotes.xml", _notes("footnote", footnotes))
        archive.writestr("word/endnotes.xml", _notes("endnote", endnotes))
        archive.writestr("docProps/core.xml", core)
        for target, content in (images or {}).values():
            if content is not None and "://" not in target:
                archive.writestr(f"word/{target}", content)
    return path

"""Papers as the field writes them, in every format: numbered figures, tables and math.

``tests/roots/test-real-papers`` holds papers written for these tests: charts,
captioned tables, numbered equations and cross-references to all of them. The
project is built once as HTML, once as PDF (XeLaTeX) and once as EPUB, strictly,
and each test reads what a reader gets: the article body of the HTML, the text
of the PDF (``pdftotext``), the XHTML inside the EPUB and EPUBCheck's verdict.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ProjectFactory, paper
from helpers import BuildResult, article, sphinx_build, text_of
from test_epub import Epub, assert_epubcheck_passes, epubs_in
from test_pdf import flat, latexpdf, needs_tex, pages

ROOT = Path(__file__).parent / "roots" / "test-real-papers"
MATHML = "{http://www.w3.org/1998/Math/MathML}math"
XHTML_NS = {"x": "http://www.w3.org/1999/xhtml", "m": "http://www.w3.org/1998/Math/MathML"}


@dataclass
class Built:
    """One format of the corpus: the build and its source folder."""

    result: BuildResult
    srcdir: Path


def _build(factory: pytest.TempPathFactory, builder: str) -> Built:
    srcdir = factory.mktemp(f"real-{builder}") / "src"
    shutil.copytree(ROOT, srcdir)
    if builder == "latexpdf":
        result = latexpdf(srcdir, srcdir.parent / "build")
    else:
        result = sphinx_build(srcdir, srcdir.parent / builder, builder=builder)
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return Built(result, srcdir)


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "html")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "latexpdf")


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "epub")


def html_text(built: Built, slug: str) -> str:
    return text_of(article(built.result.outdir / slug / "index.html"))


def pdf_text(built: Built, slug: str) -> str:
    return flat("".join(pages(built.result.outdir / f"{slug}.pdf")))


def epub_page(built: Built, slug: str) -> Tag:
    book = epubs_in(built.result.outdir)[slug]
    soup = BeautifulSoup(book.zip.read(f"{slug}/index.xhtml"), "xml")
    body = soup.find("body")
    assert isinstance(body, Tag)
    return body


def epub_text(built: Built, slug: str) -> str:
    return text_of(epub_page(built, slug))


# What a reader of "Counting Missiles" reads, word for word, in every format.
OKAFOR_SENTENCES = [
    "Launch tests rose steadily over the decade, as Figure 1 shows, while the inventory "
    "in Table 1 stayed nearly flat.",
    "as (1) states.",
    "The method is set out in Method, and the appendix repeats the arithmetic in Table 2.",
    "the smallest n with (2) below k",
    "Figure 2 draws the notional engagement range; the radar case is in",
    "A budget of $5 million and $10 million for two programs stays a sum of money, not math.",
]
OKAFOR_CAPTIONS = [
    "Figure 1 Launch tests per year, 2015 to 2020.",
    "Table 1 Interceptor inventory by year (notional numbers).",
    "Figure 2 Notional engagement range of one battery.",
    "Table 2 The arithmetic of (3) for three kill probabilities.",
]
# The second paper counts from one again: its figure is not the series' third.
LINDQVIST_SENTENCES = [
    "The covered area in Figure 1 follows from (1), with the stations listed in Table 1.",
    "Figure 1 Area covered by one station.",
    "Table 1 Stations and mast heights.",
]


def _readable(text: str) -> str:
    """One space between words; pdftotext sets a math italic letter off by spaces."""
    return re.sub(r"\s+([.,)])", r"\1", " ".join(text.split()))


@pytest.mark.parametrize("fmt", ["html", "epub", pytest.param("pdf", marks=needs_tex)])
def test_references_and_captions_read_the_same_in_every_format(
    fmt: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(fmt)
    read = {"html": html_text, "epub": epub_text, "pdf": pdf_text}[fmt]
    okafor = _readable(read(built, "okafor-2021"))
    for sentence in OKAFOR_SENTENCES + OKAFOR_CAPTIONS:
        assert sentence in okafor, (fmt, sentence)
    lindqvist = _readable(read(built, "lindqvist-2019"))
    for sentence in LINDQVIST_SENTENCES:
        assert sentence in lindqvist, (fmt, sentence)
    assert "Fig. " not in okafor and "numref" not in okafor and "fig-launches" not in okafor


def _equation_numbers(page: Tag) -> list[str]:
    return [" ".join(e.get_text(" ").split()).rstrip(" ¶") for e in page.select("span.eqno")]


def test_equations_numbered_per_paper_on_the_site_and_in_the_epub(html: Built, epub: Built) -> None:
    site = article(html.result.outdir / "okafor-2021" / "index.html")
    book = epub_page(epub, "okafor-2021")
    # eq-leak, eq-expected, eq-needed, and the numbered amsmath block as one
    assert _equation_numbers(site) == ["(1)", "(2)", "(3)", "(4)"]
    assert _equation_numbers(book) == ["(1)", "(2)", "(3)", "(4)"]
    other = article(html.result.outdir / "lindqvist-2019" / "index.html")
    assert _equation_numbers(other) == ["(1)"]


@needs_tex
def test_pdf_numbers_an_amsmath_block_once_like_the_site(pdf: Built) -> None:
    text = pdf_text(pdf, "okafor-2021")
    assert [n for n in ("(1)", "(2)", "(3)", "(4)", "(5)") if n in text] == [
        "(1)",
        "(2)",
        "(3)",
        "(4)",
    ]
    tex = (pdf.result.outdir / "okafor-2021.tex").read_text(encoding="utf-8")
    assert "\\begin{equation}\\begin{aligned}" in tex  # \begin{align} numbered once
    assert "\\begin{align*}" in tex  # the unnumbered block stays unnumbered


def test_math_is_mathml_made_at_build_time(html: Built, epub: Built) -> None:
    site = article(html.result.outdir / "okafor-2021" / "index.html")
    formulas = site.find_all("math")
    assert len(formulas) >= 15
    assert {f.get("xmlns") for f in formulas} == {"http://www.w3.org/1998/Math/MathML"}
    leak = site.select_one("#equation-eq-leak math")
    assert leak is not None and leak.get("display") == "block"
    assert leak["alttext"] == "P_{\\text{leak}} = (1 - p)^{n}"
    assert leak.find("mtext").get_text() == "leak"
    text = text_of(site)
    assert "\\(" not in text and "\\[" not in text and "$p$" not in text
    # the numbered amsmath block: its rows aligned in one table
    assert site.select("div.math-display math mtable mtr")
    book = epub_page(epub, "okafor-2021")
    assert len(book.find_all("math")) == len(formulas)
    assert "\\(" not in text_of(book)


def test_epub_declares_mathml_and_passes_epubcheck(epub: Built) -> None:
    books = epubs_in(epub.result.outdir)
    item = _manifest_item(books["okafor-2021"], "okafor-2021/index.xhtml")
    assert "mathml" in str(item.get("properties", "")).split()
    assert_epubcheck_passes([book.path for book in books.values()])


def _manifest_item(book: Epub, href: str) -> object:
    [item] = [i for i in book.manifest().values() if i.get("href") == href]
    return item


@needs_tex
def test_pdf_typesets_the_math(pdf: Built) -> None:
    text = pdf_text(pdf, "okafor-2021")
    assert "$p$" not in text and "\\frac" not in text and "\\geq" not in text
    assert "ln(k/w)" in text.replace(" ", "")
    tex = (pdf.result.outdir / "okafor-2021.tex").read_text(encoding="utf-8")
    assert "\\(p\\)" in tex and "\\frac{\\ln(k/w)}{\\ln(1-p)}" in tex


def _other_hosts(page: Path) -> list[str]:
    """Scripts, stylesheets, images and frames the page would load from another host."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag, attribute in (
        ("script", "src"),
        ("link", "href"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("video", "src"),
        ("audio", "src"),
    ):
        for element in soup.find_all(tag):
            url = str(element.get(attribute) or "")
            if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(
                element.get("rel") or []
            ):
                continue  # canonical and alternate links name pages, load nothing
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                found.append(f"{page.name}: <{tag} {attribute}={url}>")
    for style in soup.find_all("style"):
        found += [f"{page.name}: {u}" for u in re.findall(r"url\(\s*['\"]?(\w+:|//)", style.text)]
    return found


def test_no_page_of_the_site_loads_anything_from_another_host(
    html: Built, series_html: BuildResult
) -> None:
    for outdir in (html.result.outdir, series_html.outdir):
        pages_ = sorted(outdir.rglob("*.html"))
        assert len(pages_) > 5
        offenders = [hit for page in pages_ for hit in _other_hosts(page)]
        assert offenders == []
        for css in outdir.rglob("*.css"):
            remote = re.findall(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//", css.read_text())
            assert remote == [], css
        for script in outdir.rglob("*.js"):
            assert "cdn.jsdelivr" not in script.read_text() and "mathjax" not in script.name


def test_image_without_alt_text_is_a_located_warning(make_project: ProjectFactory) -> None:
    body = (
        "## Section\n\nText.\n\n```{figure} chart.png\n:name: fig-x\n\nA caption.\n```\n\n"
        "![](chart.png)\n"
    )
    srcdir = make_project({"p/index.md": paper(body=body)})
    shutil.copy(ROOT / "okafor-2021" / "launches.png", srcdir / "p" / "chart.png")
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode != 0
    assert result.warnings(srcdir) == [
        "SRC/p/index.md:15: WARNING: the image 'chart.png' has no alternative text; "
        "describe what it shows with ':alt:' (a figure) or ![text](file) (an image) "
        "[research.figure]",
        "SRC/p/index.md:21: WARNING: the image 'chart.png' has no alternative text; "
        "describe what it shows with ':alt:' (a figure) or ![text](file) (an image) "
        "[research.figure]",
    ]


def test_math_the_converter_cannot_read_is_a_located_warning(
    make_project: ProjectFactory,
) -> None:
    body = "## Section\n\nA formula $\\nosuchcommand{x}$ here.\n"
    srcdir = make_project({"p/index.md": paper(body=body)})
    result = sphinx_build(srcdir, srcdir.parent / "html", strict=False)
    assert result.returncode == 0
    assert result.warnings(srcdir) == [
        "SRC/p/index.md:13: WARNING: math '\\nosuchcommand{x}' cannot be shown in HTML "
        'and EPUB (Unknown LaTeX command "\\nosuchcommand".); it is printed as TeX there; '
        "use commands of LaTeX's math mode and amsmath [research.math]"
    ]
    page = article(srcdir.parent / "html" / "p" / "index.html")
    assert page.select_one("code.math-tex").get_text() == "\\nosuchcommand{x}"


# ---- other scripts ------------------------------------------------------------------------

# (language, direction, the quotation) as the paper "Reading Sources in Seven Scripts"
# writes them inside English sentences.
QUOTATIONS = [
    ("ko", None, "한반도 평화 구상은 남북 관계의 안정과 주변국 협력을 함께 추구한다"),
    ("ko", None, "신북방정책의 전개와 과제"),
    ("ja", None, "日本の安全保障環境は一層厳しさを増している"),
    ("zh", None, "坚持和平发展道路"),
    ("ru", None, "Стратегия национальной безопасности Российской Федерации"),
    ("ar", "rtl", "الأمن القومي العربي المشترك"),
    ("fa", "rtl", "سیاست خارجی جمهوری اسلامی ایران"),
    ("he", "rtl", "ביטחון לאומי"),
    ("ar", "rtl", "السياسة الخارجية"),
    ("ko", None, "남북 관계"),  # in a note
]


def _tagged(page: Tag) -> list[tuple[str, str | None, str]]:
    return [
        (str(span["lang"]), span.get("dir"), span.get_text())
        for span in page.find_all("span", attrs={"lang": True})
    ]


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_other_scripts_carry_their_language_and_direction(
    fmt: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(fmt)
    if fmt == "html":
        page = article(built.result.outdir / "han-2022" / "index.html")
    else:
        page = epub_page(built, "han-2022")
    tagged = _tagged(page)
    for quotation in QUOTATIONS:
        assert quotation in tagged, quotation
    # the title, the keywords and the bold Arabic are tagged too; English never is
    assert ("ko", None, "한반도") in tagged and ("ar", "rtl", "الأمن الإقليمي") in tagged
    assert all(re.search(r"[A-Za-z]", text) is None for _, _, text in tagged), tagged
    # the English around a quotation stays outside it, so the sentence keeps its order
    span = page.find("span", string="الأمن القومي العربي المشترك")
    assert span is not None and str(span.previous_sibling).endswith("calls for ")


@needs_tex
def test_korean_keeps_its_word_spaces_and_quotes_no_stray_spaces_in_pdf(pdf: Built) -> None:
    text = pdf_text(pdf, "han-2022")
    assert "남북 관계의 안정과 주변국 협력을 함께 추구한다" in text
    assert "“북방 경제 협력”" in text
    assert "신북방정책의 전개와 과제" in text
    assert "日本の安全保障環境は一層厳しさを増している" in text.replace(" ", "")
    tex = (pdf.result.outdir / "han-2022.tex").read_text(encoding="utf-8")
    assert "\\researchcjk{ja}{日本の安全保障環境" in tex  # Japanese forms, not Korean
    log = (pdf.result.outdir / "han-2022.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


def test_a_family_first_author_heads_the_pdf_by_family_name(pdf: Built) -> None:
    """``/Han/ Ji-woo``: the title block reads "Han Ji-woo", the running head "Han and
    Haddad" (it read "Ji-woo and Haddad" before names could be written family name first)."""
    pdf_pages = pages(pdf.result.outdir / "han-2022.pdf")
    assert "Han Ji-woo" in flat(pdf_pages[0])
    heads = [flat(page).split(" ")[:8] for page in pdf_pages[1:]]
    assert heads and all("Han and Haddad" in " ".join(head) for head in heads), heads
    assert "Ji-woo and Haddad" not in flat("".join(pdf_pages))


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    """(top, left, text) of each word on *page*, as poppler places it."""
    soup = BeautifulSoup(
        subprocess.run(
            ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
        "html.parser",
    )
    return [
        (round(float(w["ymin"])), float(w["xmin"]), w.get_text()) for w in soup.find_all("word")
    ]


@needs_tex
def test_arabic_persian_hebrew_run_right_to_left_in_a_font_that_shapes_them(
    pdf: Built,
) -> None:
    path = pdf.result.outdir / "han-2022.pdf"
    text = pdf_text(pdf, "han-2022")
    for _, _, quotation in QUOTATIONS[5:9]:
        assert quotation in re.sub("[\u202a-\u202e]", "", text), quotation
    # poppler lists a right-to-left word's letters in the order they stand on the
    # page: the phrase's first word (الأمن) stands to the right of its last (المشترك)
    words = [word for page in (1, 2) for word in _words(path, page)]
    [(top, last)] = [(t, left) for t, left, word in words if word == "كرتشملا"]
    [first] = [left for t, left, word in words if word == "نمألا" and t == top]
    assert first > last
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Amiri-Regular" in fonts and "Amiri-Bold" in fonts and "Amiri-Slanted" in fonts
    log = (pdf.result.outdir / "han-2022.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


# ---- tables -------------------------------------------------------------------------------


@needs_tex
def test_pdf_tables_take_column_widths_from_their_content(pdf: Built) -> None:
    tex = (pdf.result.outdir / "ivanova-2020.tex").read_text(encoding="utf-8")
    spec = re.search(r"\\begin\{longtable\}\{((?:\\X\{\d+\}\{\d+\})+)\}", tex)
    assert spec is not None, "the 72-row table has no widths from its content"
    year, partner, agreement, volume = (
        int(share) for share in re.findall(r"\\X\{(\d+)\}", spec[1])
    )
    assert agreement > partner > year and agreement > volume  # room where the text is
    log = (pdf.result.outdir / "ivanova-2020.log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log  # nothing runs into the next column
    text = "".join(pages(pdf.result.outdir / "ivanova-2020.pdf"))
    for word in ("Partner", "Volume", "DPRK", "Diplomatic", "Security"):
        assert not re.search(rf"{word[:3]}\w*-\n", text), word  # never hyphenated
    # the long table breaks across pages with its head repeated
    continued = [p for p in pages(pdf.result.outdir / "ivanova-2020.pdf") if "continued" in p]
    assert len(continued) >= 3
    assert all(re.search(r"Year\s+Partner\s+Agreement or meeting\s+Volume", p) for p in continued)
    assert text.count("DPRK") >= 10


def test_site_tables_are_reachable_by_keyboard_and_epub_tables_are_not_changed(
    html: Built, epub: Built
) -> None:
    site = article(html.result.outdir / "ivanova-2020" / "index.html")
    assert [t.get("tabindex") for t in site.find_all("table")] == ["0", "0"]
    book = epub_page(epub, "ivanova-2020")
    assert [t.get("tabindex") for t in book.find_all("table")] == [None, None]
    assert len(book.select("#tab-chronology tbody tr")) == 72


def test_a_parallel_build_numbers_each_paper_as_the_serial_one(html: Built, tmp_path: Path) -> None:
    """Read in two processes (more than five documents), the numbers are merged per paper."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    for number in (5, 6, 7):
        text = paper(
            f"Filler {number}",
            options=f":authors: Jane Doe\n:number: {number}\n:date: 2023",
            # labels are project-wide in Sphinx's domains: each paper names its own
            body=f"## Body\n\n$$\nx = 1\n$$ (eq-x{number})\n\nAs {{eq}}`eq-x{number}` says.\n",
        )
        (srcdir / f"filler-{number}").mkdir()
        (srcdir / f"filler-{number}" / "index.md").write_text(text, encoding="utf-8")
    result = sphinx_build(srcdir, tmp_path / "html", "-j", "2")
    assert result.returncode == 0, result.stderr
    for slug in ("okafor-2021", "lindqvist-2019", "ivanova-2020"):
        parallel = article(tmp_path / "html" / slug / "index.html")
        serial = article(html.result.outdir / slug / "index.html")
        assert [text_of(n) for n in parallel.select(".caption-number, .eqno")] == [
            text_of(n) for n in serial.select(".caption-number, .eqno")
        ]
    filler = article(tmp_path / "html" / "filler-7" / "index.html")
    assert _equation_numbers(filler) == ["(1)"] and "As (1) says." in text_of(filler)


# ---- papers citing papers of the series -------------------------------------------------

LINDQVIST_NOTE = (
    "The horizon formula is taken from Erik Lindqvist, Radar Coverage in the Baltic: A "
    "Short Note, Test Research Report 1 (Test Studies Program, University of Testing, "
    "March 2019), 2, https://example.org/series/lindqvist-2019/index.html."
)
LINDQVIST_WORK = (
    "Lindqvist, Erik. Radar Coverage in the Baltic: A Short Note. Test Research Report 1. "
    "Test Studies Program, University of Testing, March 2019. "
    "https://example.org/series/lindqvist-2019/index.html."
)


@pytest.mark.parametrize("fmt", ["html", "epub", pytest.param("pdf", marks=needs_tex)])
def test_a_paper_cites_a_series_paper_by_its_folder_name(
    fmt: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(fmt)
    read = {"html": html_text, "epub": epub_text, "pdf": pdf_text}[fmt]
    text = _readable(read(built, "okafor-2021"))
    if fmt == "pdf":
        text = text.replace("- ", "-")  # a URL broken at the line's end
    assert "The radar arithmetic of Lindqvist (2019) is the model here." in text
    assert LINDQVIST_NOTE in text
    assert LINDQVIST_WORK in text
    assert "lindqvist-2019/index\n" not in text and "/lindqvist-2019/index " not in text


def test_the_citing_paper_follows_the_cited_papers_metadata(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = tmp_path / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    cited = srcdir / "lindqvist-2019" / "index.md"
    cited.write_text(
        cited.read_text(encoding="utf-8").replace("A Short Note", "A Longer Note"),
        encoding="utf-8",
    )
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 0, result.stderr
    text = html_text(Built(result, srcdir), "okafor-2021")
    assert "Radar Coverage in the Baltic: A Longer Note" in text
    assert "A Short Note" not in text


def test_a_link_to_another_paper_is_its_title_and_in_print_its_url(
    html: Built, epub: Built, request: pytest.FixtureRequest
) -> None:
    site = article(html.result.outdir / "okafor-2021" / "index.html")
    link = site.find("a", href="../lindqvist-2019/index.html")
    assert link is not None and text_of(link) == "Radar Coverage in the Baltic: A Short Note"
    assert "the radar case is in Radar Coverage in the Baltic: A Short Note." in _readable(
        html_text(html, "okafor-2021")
    )
    if shutil.which("xelatex") is None:
        return
    text = _readable(pdf_text(request.getfixturevalue("pdf"), "okafor-2021"))
    # (the URL may break before its hyphen, where the lines are joined with a space)
    printed = (
        "the radar case is in Radar Coverage in the Baltic: A Short Note "
        "(https://example.org/series/lindqvist-2019/index.html)."
    )
    assert printed in re.sub(r"\s+(?=[/.\-_?#%~=&])", "", text)
    assert "lindqvist-2019/index." not in text.replace("index.html", "")
    assert "../lindqvist" not in text

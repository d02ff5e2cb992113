"""Nothing an author or a ``.bib`` file supplies becomes script or an active link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import BuildResult, sphinx_build
from research_series.model.links import is_safe_link, link_scheme

OK = ":authors: Jane Doe\n:number: 1\n:date: 2016"


def entry(key: str, url: str) -> str:
    return (
        f"@online{{{key}, author={{Doe, Jane}}, title={{Page {key}}}, url={{{url}}},"
        " urldate={2020-01-01}, year={2020}}\n"
    )


@pytest.mark.parametrize(
    ("uri", "safe"),
    [
        ("https://example.org/a?b=c", True),
        ("http://example.org", True),
        ("mailto:editor@example.org", True),
        ("doi:10.1234/x", True),
        ("#section", True),
        ("../other/index.html", True),
        ("//example.org/x", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("vbscript:msgbox", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
    ],
)
def test_link_schemes_as_a_browser_reads_them(uri: str, safe: bool) -> None:
    assert is_safe_link(uri) is safe, link_scheme(uri)


def build(srcdir: Path, builder: str = "html") -> BuildResult:
    return sphinx_build(srcdir, srcdir.parent / builder, builder=builder)


def test_bib_urls_that_could_run_code_are_text_with_a_warning_at_the_entry(
    make_project: ProjectFactory,
) -> None:
    bib = (
        entry("good", "https://example.org/good")
        + entry("js", "javascript:alert(1)")
        + entry("file", "file:///etc/passwd")
        + entry("sneaky", " JaVa\tScRiPt:alert(2)")
    )
    body = "Good{footcite}`good`, bad{footcite}`js`, worse{footcite}`file,sneaky`.\n"
    srcdir = make_project({"p/index.md": paper(options=OK, body=body), "p/references.bib": bib})
    result = build(srcdir)
    assert result.returncode != 0
    warnings = result.warnings(srcdir)
    for line in (2, 3, 4):  # the .bib entries, and the notes citing them
        assert any(f"SRC/p/references.bib:{line}: WARNING: the link to" in w for w in warnings)
    assert any(
        "SRC/p/index.md:11: WARNING: the link to 'javascript:alert(1)'" in w for w in warnings
    )
    assert "Traceback" not in result.stdout + result.stderr
    # not published; and in a non-strict build, published without the links
    assert not (result.outdir / "p" / "index.html").exists()
    loose = sphinx_build(srcdir, srcdir.parent / "loose", strict=False)
    html = (loose.outdir / "p" / "index.html").read_text(encoding="utf-8")
    hrefs = [a.get("href", "") for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert "https://example.org/good" in hrefs
    assert not [h for h in hrefs if re.search(r"script|file:", h, re.IGNORECASE)]
    assert "javascript:alert(1)" in html  # printed as text, for the author to see


def test_markdown_links_with_unsafe_schemes_are_text(make_project: ProjectFactory) -> None:
    body = (
        "See [the site](https://example.org), [mail](mailto:a@example.org), "
        "[a trap](javascript:alert(1)) and [a file](file:///etc/passwd).\n"
    )
    srcdir = make_project(
        {
            "p/index.md": paper(
                options=OK,
                abstract="An abstract with [a link](vbscript:msgbox).",
                body=body + "\nEscaped, as text: \\[x\\](javascript:no), `[y](javascript:no)`.\n",
            )
        }
    )
    result = build(srcdir)
    warnings = "\n".join(result.warnings(srcdir))
    assert "SRC/p/index.md:8: WARNING: the link to 'vbscript:msgbox' is not made" in warnings
    assert "SRC/p/index.md:11: WARNING: the link to 'javascript:alert(1)' is not made" in warnings
    assert "SRC/p/index.md:11: WARNING: the link to 'file:///etc/passwd' is not made" in warnings
    assert "javascript:no" not in warnings  # what the author wrote as text is text
    loose = sphinx_build(srcdir, srcdir.parent / "loose", strict=False)
    soup = BeautifulSoup((loose.outdir / "p" / "index.html").read_text("utf-8"), "html.parser")
    hrefs = [a.get("href", "") for a in soup.find_all("a")]
    assert "https://example.org" in hrefs and "mailto:a%40example.org" in hrefs  # Sphinx hides @
    assert not [h for h in hrefs if h.startswith(("javascript", "file", "vbscript"))]
    assert "[a trap](javascript:alert(1))" in soup.get_text()  # markdown-it keeps it as text


RAW_BLOCK = "```{raw} html\n<script>alert(1)</script><img src=x onerror=alert(2)><b>bold</b>\n```\n"


def test_raw_html_is_refused_by_default_naming_the_setting(make_project: ProjectFactory) -> None:
    srcdir = make_project(
        {
            "p/index.md": paper(
                options=OK,
                abstract="An abstract with <b onmouseover=alert(3)>inline</b> HTML.",
                body="Text.\n\n" + RAW_BLOCK,
            )
        }
    )
    result = build(srcdir)
    assert result.returncode != 0
    warnings = "\n".join(result.warnings(srcdir))
    assert "SRC/p/index.md:8: WARNING: raw HTML is not published" in warnings  # the abstract
    assert "SRC/p/index.md:13: WARNING: raw HTML is not published" in warnings  # the block
    assert "series_allow_raw_html = True" in warnings
    assert not (result.outdir / "p" / "index.html").exists()
    # nothing of it reaches the index either
    index = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "onmouseover" not in index and "<script>alert" not in index
    loose = sphinx_build(srcdir, srcdir.parent / "loose", strict=False)
    for page in ("p/index.html", "index.html"):
        html = (loose.outdir / page).read_text(encoding="utf-8")
        assert "onmouseover" not in html and "alert(1)" not in html and "onerror" not in html


def test_allowed_raw_html_is_sanitised_not_filtered_by_pattern(
    make_project: ProjectFactory,
) -> None:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + "series_allow_raw_html = True\n",
            "p/index.md": paper(options=OK, body="Text.\n\n" + RAW_BLOCK),
        }
    )
    result = build(srcdir)
    assert result.returncode == 0, result.stderr
    html = (result.outdir / "p" / "index.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" in html
    assert "alert(1)" not in html and "onerror" not in html and "<script>alert" not in html
    epub = build(srcdir, "epub")
    assert epub.returncode == 0, epub.stderr


def test_inline_raw_html_with_smart_quotes_builds(make_project: ProjectFactory) -> None:
    """Cleaned raw HTML among quoted words: docutils' SmartQuotes (on by default) walks the
    cleaned text, which must sit in the tree like any other (it crashed with a traceback)."""
    conf = SERIES_CONF.replace("smartquotes = False", "") + "series_allow_raw_html = True\n"
    body = 'The "council" calls for <span lang="ar">الأمن</span> in "its" first line.\n'
    srcdir = make_project({"conf.py": conf, "p/index.md": paper(options=OK, body=body)})
    result = build(srcdir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    html = (result.outdir / "p" / "index.html").read_text(encoding="utf-8")
    assert '<span dir="rtl" lang="ar">الأمن</span>' in html  # the words kept, tagged
    assert "“council” calls for" in html and "“its” first line" in html


def test_an_unsafe_bib_url_leaves_the_epub_valid(make_project: ProjectFactory) -> None:
    from test_epub import assert_epubcheck_passes

    bib = entry("js", "javascript:alert(1)") + entry("good", "https://example.org/good")
    body = "A claim{footcite}`js,good`.\n"
    srcdir = make_project({"p/index.md": paper(options=OK, body=body), "p/references.bib": bib})
    result = sphinx_build(srcdir, srcdir.parent / "epub", builder="epub", strict=False)
    assert result.returncode == 0, result.stderr
    assert_epubcheck_passes([result.outdir / "p.epub"])

"""A cited work's language comes from its ``.bib`` entry (``langid`` or ``language``).

``tests/roots/test-work-languages`` cites a Japanese book whose title is Han
characters only (which the script alone would call Chinese), a Russian article,
a Korean book (``language = {Korean}``) and a Chinese one (``langid = {zh-Hans}``).
Each note and works-list entry carries its work's language, and the runs of its
script take that language: in the HTML and EPUB as ``lang``, in the PDF as the
CJK font of the language (``\\researchcjk{ja}``) and, for Russian, polyglossia's hyphenation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ProjectFactory, paper
from helpers import BuildResult, sphinx_build
from research_series.model.languages import language_tag
from research_series.model.scripts import Run, script_runs
from test_epub import assert_epubcheck_passes, epubs_in
from test_pdf import latexpdf, needs_tex, run

ROOT = Path(__file__).parent / "roots" / "test-work-languages"
SLUG = "sato-2023"
#: Each work's title, and the language its note and entry carry.
TITLES = {
    "日本外交史": "ja",
    "Россия и Корея": "ru",
    "한국 외교 정책": "ko",
    "中国外交史": "zh-Hans",
}


def _build(tmp_path: Path, builder: str) -> BuildResult:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    result = (
        latexpdf(srcdir, tmp_path / "build")
        if builder == "latexpdf"
        else sphinx_build(srcdir, tmp_path / builder, builder=builder)
    )
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return result


def assert_works_carry_their_language(page: Tag) -> None:
    """In every note and works-list entry, each title sits in its work's language, and
    the language of the nearest element around it is that language too."""
    for title, lang in TITLES.items():
        spans = [s for s in page.find_all("span") if s.get_text() == title]
        assert len(spans) == 2, title  # its note and its works-list entry
        for span in spans:
            assert span.get("lang") == lang, (title, span)
            entry = span.find_parent("span", attrs={"lang": True})
            assert entry is not None and entry.get("lang") == lang, title
            assert entry.get_text().strip() != title  # the whole entry, not the title only
    assert not page.find_all(attrs={"lang": "zh"})  # the Japanese title is not Chinese


def test_works_carry_their_language_on_the_site(tmp_path: Path) -> None:
    result = _build(tmp_path, "html")
    page = BeautifulSoup((result.outdir / SLUG / "index.html").read_text("utf-8"), "html.parser")
    assert_works_carry_their_language(page)


def test_works_carry_their_language_in_the_epub(tmp_path: Path) -> None:
    result = _build(tmp_path, "epub")
    book = epubs_in(result.outdir)[SLUG]
    assert_works_carry_their_language(BeautifulSoup(book.zip.read(f"{SLUG}/index.xhtml"), "xml"))
    assert_epubcheck_passes([book.path])


@needs_tex
def test_pdf_sets_works_in_their_language(tmp_path: Path) -> None:
    result = _build(tmp_path, "latexpdf")
    tex = (result.outdir / f"{SLUG}.tex").read_text(encoding="utf-8")
    assert "\\researchcjk{ja}{日本外交史}" in tex
    assert "\\researchcjk{zh}{中国外交史}" in tex
    assert "\\researchcjk{ko}{한국 외교 정책}" in tex
    # The Russian work, note and entry, each in Russian hyphenation as a whole.
    assert tex.count("\\researchlang{ru}{Sergei Ivanov") == 1  # the note
    assert tex.count("\\researchlang{ru}{Ivanov, Sergei") == 1  # the Works Cited entry
    text = run("pdftotext", str(result.outdir / f"{SLUG}.pdf"), "-")
    assert "Satō, Ichirō. 日本外交史. Tokyo: Chūō Kōron, 1999." in text
    assert "Ivanov, Sergei. “Россия и Корея.” Международная жизнь" in text


def test_a_language_the_series_does_not_know_is_a_located_warning(
    make_project: ProjectFactory,
) -> None:
    bib = (
        "@book{ok,\n  author = {Doe, Jane},\n  title = {Fine},\n  publisher = {P},\n"
        "  address = {Paris},\n  year = {2001},\n  langid = {french},\n}\n\n"
        "@book{odd,\n  author = {Roe, Jim},\n  title = {A Title},\n  publisher = {P},\n"
        "  address = {Paris},\n  year = {2002},\n  langid = {klingon},\n}\n"
    )
    srcdir = make_project(
        {
            "x/index.md": paper(body="## Body\n\nText.{footcite}`ok` More.{footcite}`odd`\n"),
            "x/references.bib": bib,
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode != 0
    assert result.warnings(srcdir) == [
        "SRC/x/references.bib:10: WARNING: entry 'odd': langid 'klingon' is not a language "
        "the series knows; write its biblatex name (russian, japanese, korean, arabic...) or "
        "its BCP 47 tag (ru, ja, ko, ar...) [research.bibtex]"
    ]
    assert not (result.outdir / "x" / "index.html").exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("japanese", "ja"),
        ("{Russian}", "ru"),
        ("langkorean", "ko"),
        ("farsi", "fa"),
        ("zh-Hant", "zh-Hant"),
        ("pt-BR", "pt-BR"),
        ("ngerman", "de"),
        ("klingon", None),
        ("xx", None),
    ],
)
def test_language_names_and_tags(value: str, tag: str | None) -> None:
    assert language_tag(value) == tag


def test_a_run_in_the_known_languages_script_takes_that_language() -> None:
    assert script_runs("日本外交史 (1999)") == [Run("日本外交史", "zh"), Run(" (1999)")]
    assert script_runs("日本外交史 (1999)", "ja") == [Run("日本外交史", "ja"), Run(" (1999)")]
    # A run in another script keeps the language its letters imply.
    assert script_runs("Россия and 日本", "ja") == [
        Run("Россия", "ru"),
        Run(" and "),
        Run("日本", "ja"),
    ]
    assert script_runs("Россия", "uk") == [Run("Россия", "uk")]

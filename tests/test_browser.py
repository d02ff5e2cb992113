"""The website in a real browser: phone widths, notes beside their marks, contents,
dark mode, and axe-core with no violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import DESKTOP, PHONE, Browser, chromium, require_browser
from helpers import BuildResult, build_copy

PAPERS = Path(__file__).resolve().parent.parent / "papers"
PAPER = "hovander-2016/index.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_copy(PAPERS, tmp_path_factory.mktemp("browser"))
    assert result.returncode == 0, result.stderr
    return result.outdir


def pages(real_site: Path, series_html: BuildResult) -> list[Path]:
    test_site = series_html.outdir
    return [
        real_site / "index.html",
        real_site / PAPER,
        real_site / "search.html",
        real_site / "keywords" / "north-korea.html",
        real_site / "authors" / "index.html",
        test_site / "index.html",
        test_site / "zeta" / "index.html",
        test_site / "hostile" / "index.html",
    ]


@pytest.mark.parametrize("width", [320, 390])
def test_no_horizontal_scroll_on_a_phone(
    browser: Browser, real_site: Path, series_html: BuildResult, width: int
) -> None:
    for page in pages(real_site, series_html):
        browser.open(page, (width, 800))
        scroll_width, inner = browser.js(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner, f"{page}: {scroll_width} px wide at {inner} px"


MARK_AND_NOTE = """
const mark = document.querySelectorAll('a.footnote-reference')[arguments[0]];
const note = document.getElementById(mark.getAttribute('aria-describedby'));
const box = (el) => { const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
return {mark: box(mark), note: box(note), visible: getComputedStyle(note).display !== 'none',
        text: note.textContent, width: window.innerWidth};
"""


def test_notes_sit_in_the_margin_beside_their_marks_on_a_wide_screen(
    browser: Browser, real_site: Path
) -> None:
    browser.open(real_site / PAPER, DESKTOP)
    for i in range(3):
        browser.js(
            "document.querySelectorAll('a.footnote-reference')[arguments[0]]"
            ".scrollIntoView({block: 'center'})",
            i,
        )
        found = browser.js(MARK_AND_NOTE, i)
        assert found["visible"]
        assert found["note"]["left"] > found["mark"]["right"]  # in the right margin
        assert abs(found["note"]["top"] - found["mark"]["top"]) < 60  # beside its line
        assert found["note"]["right"] <= found["width"]
    assert browser.js(MARK_AND_NOTE, 0)["text"].startswith("1A decision advantage")


def test_a_note_opens_beside_its_mark_on_hover_on_a_phone(
    browser: Browser, real_site: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.open(real_site / PAPER, PHONE)
    assert not browser.js(MARK_AND_NOTE, 1)["visible"]
    mark = browser.driver.find_elements(By.CSS_SELECTOR, "a.footnote-reference")[1]
    browser.js("arguments[0].scrollIntoView({block: 'center'})", mark)
    ActionChains(browser.driver).move_to_element(mark).perform()
    found = browser.js(MARK_AND_NOTE, 1)
    assert found["visible"]
    assert 0 <= found["note"]["top"] - found["mark"]["bottom"] < 40  # just under its mark
    assert found["note"]["left"] >= 0 and found["note"]["right"] <= found["width"]
    assert "Kathryn Weathersby" in found["text"]


def test_a_note_opens_on_keyboard_focus_and_closes_on_escape(
    browser: Browser, real_site: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.open(real_site / PAPER, PHONE)
    for _ in range(80):
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
        if browser.js("return document.activeElement.matches('a.footnote-reference')"):
            break
    else:
        pytest.fail("no note mark is reachable with the Tab key")
    found = browser.js(MARK_AND_NOTE, 0)
    assert found["visible"]
    assert 0 <= found["note"]["top"] - found["mark"]["bottom"] < 40
    assert browser.js("return document.activeElement.getAttribute('aria-expanded')") == "true"
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    assert not browser.js(MARK_AND_NOTE, 0)["visible"]


def test_contents_list_the_papers_sections(browser: Browser, real_site: Path) -> None:
    browser.open(real_site / PAPER, DESKTOP)
    links = browser.js(
        "return [...document.querySelectorAll('nav.page-contents a')].map((a) => "
        "[a.textContent, a.hash, !!document.getElementById(a.hash.slice(1)), "
        "a.getBoundingClientRect().width > 0])"
    )
    assert [label for label, *_ in links][:2] == ["Overview", "Historical Context"]
    assert [label for label, *_ in links][-4:] == [
        "Notes",
        "Works Cited",
        "Works Referenced",
        "How to cite",
    ]
    assert all(exists and shown for _, _, exists, shown in links)


def test_abstract_within_the_first_desktop_screen(browser: Browser, real_site: Path) -> None:
    browser.open(real_site / PAPER, (1280, 800))
    top = browser.js("return document.querySelector('.abstract').getBoundingClientRect().top")
    assert top < 800


def test_dark_mode_follows_the_system(browser: Browser, real_site: Path) -> None:
    def background() -> list[int]:
        colour = browser.js("return getComputedStyle(document.body).backgroundColor")
        return [int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]

    browser.open(real_site / PAPER, DESKTOP)
    assert min(background()) > 230
    browser.open(real_site / PAPER, DESKTOP, dark=True)
    assert max(background()) < 40


def test_one_h1_a_main_landmark_and_a_skip_link(browser: Browser, real_site: Path) -> None:
    for page in (real_site / "index.html", real_site / PAPER):
        browser.open(page, DESKTOP)
        counts = browser.js(
            "return [document.querySelectorAll('h1').length, "
            "document.querySelectorAll('main').length, "
            "document.querySelector('a.skip-link').hash]"
        )
        assert counts == [1, 1, "#main-content"]


def test_catalogue_filter_narrows_the_list(browser: Browser, series_html: BuildResult) -> None:
    from selenium.webdriver.common.by import By

    browser.open(series_html.outdir / "index.html", DESKTOP)
    shown = (
        "return [...document.querySelectorAll('li.series-entry')].filter((li) => !li.hidden).length"
    )
    assert browser.js(shown) == 3
    box = browser.driver.find_element(By.ID, "series-filter-q")
    box.send_keys("deterrence")
    assert browser.js(shown) == 1
    assert browser.js("return document.querySelector('.series-filter-status').textContent") == (
        "1 of 3 papers shown"
    )


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation(
    browser: Browser, real_site: Path, series_html: BuildResult, dark: bool
) -> None:
    found = {}
    for page in pages(real_site, series_html):
        browser.open(page, DESKTOP, dark=dark)
        found[str(page)] = browser.axe()
    assert {page: v for page, v in found.items() if v} == {}


def test_epub_chapter_fits_a_phone(browser: Browser, tmp_path: Path) -> None:
    import zipfile

    result = build_copy(PAPERS, tmp_path, builder="epub")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(result.outdir / "hovander-2016.epub") as epub:
        epub.extractall(tmp_path / "book")
    browser.open(tmp_path / "book" / "hovander-2016" / "index.xhtml", (320, 640))
    scroll_width, inner = browser.js(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner
    label, text = browser.js(
        "const note = document.querySelector('aside.footnote');"
        "return [note.querySelector('.label').getBoundingClientRect().top,"
        "        note.querySelector('p').getBoundingClientRect().top];"
    )
    assert abs(label - text) < 4  # the label on the note's first line


REAL_PAPERS = Path(__file__).resolve().parent / "roots" / "test-real-papers"


@pytest.fixture(scope="module")
def real_papers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Papers with tables, math and seven scripts (tests/test_real_papers.py)."""
    result = build_copy(REAL_PAPERS, tmp_path_factory.mktemp("real-papers"))
    assert result.returncode == 0, result.stderr
    return result.outdir


def test_a_wide_table_scrolls_inside_itself_on_a_phone(browser: Browser, real_papers: Path) -> None:
    browser.open(real_papers / "ivanova-2020" / "index.html", (320, 800))
    page, inner, table, box, padding, rule = browser.js(
        "const t = document.getElementById('tab-chronology');"
        "const cell = t.querySelector('tbody td');"
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        "        t.scrollWidth, t.clientWidth, getComputedStyle(cell).paddingLeft,"
        "        getComputedStyle(cell).borderBottomStyle];"
    )
    assert page <= inner  # the page does not scroll sideways
    assert table > box  # the table does, inside itself
    assert padding != "0px" and rule == "solid"


def test_korean_breaks_only_between_words_and_cjk_stays_upright(
    browser: Browser, real_papers: Path
) -> None:
    browser.open(real_papers / "han-2022" / "index.html", (320, 800))
    korean, italic = browser.js(
        "const ko = document.querySelector('span[lang=ko]');"
        "const em = document.querySelector('em > span[lang=ko]');"
        "return [getComputedStyle(ko).wordBreak, getComputedStyle(em).fontStyle];"
    )
    assert korean == "keep-all" and italic == "normal"


def test_axe_finds_no_violation_in_papers_with_math_tables_and_scripts(
    browser: Browser, real_papers: Path
) -> None:
    found = {}
    for slug in ("okafor-2021", "han-2022", "ivanova-2020"):
        for size in (DESKTOP, PHONE):
            browser.open(real_papers / slug / "index.html", size)
            found[f"{slug} {size}"] = browser.axe()
    assert {page: v for page, v in found.items() if v} == {}

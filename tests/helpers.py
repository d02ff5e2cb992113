"""Build helpers the integration tests share: real sphinx-build runs, parsed outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from research_series.model.papers import SITE_BUILD_ENV


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    outdir: Path

    def warnings(self, srcdir: Path) -> list[str]:
        """Warning lines, with the source folder shown as ``SRC``."""
        lines = [line for line in self.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        return [line.replace(str(srcdir), "SRC") for line in lines]


def sphinx_build(
    srcdir: Path,
    outdir: Path,
    *args: str,
    builder: str = "html",
    strict: bool = True,
    site: bool = False,
) -> BuildResult:
    """Run ``sphinx-build`` as an editor would (a new process, strict like ``make``).

    *site*: as the HTML phase of ``make site`` runs it, which links the PDFs and
    EPUBs its later phases make (``make html`` links only those that are there).
    """
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q"]
    if strict:
        command += ["-W", "--keep-going"]
    command += [*args, str(srcdir), str(outdir)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    env.pop(SITE_BUILD_ENV, None)
    if site:
        env[SITE_BUILD_ENV] = "1"
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, outdir)


def build_copy(
    source: Path, workdir: Path, *args: str, builder: str = "html", site: bool = False
) -> BuildResult:
    """Build a copy of the project *source* (``workdir/src`` into ``workdir/<builder>``)."""
    srcdir = workdir / "src"
    shutil.copytree(source, srcdir)
    return sphinx_build(srcdir, workdir / builder, *args, builder=builder, site=site)


def article(html_path: Path) -> Tag:
    """The page's article body only, so theme chrome does not matter."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    body = soup.find("div", attrs={"role": "main"}) or soup.find("div", class_="body")
    assert isinstance(body, Tag), f"no article body in {html_path}"
    return body


def text_of(node: Tag) -> str:
    """The text as read: blocks apart, a quotation in another script within its sentence."""
    copy = BeautifulSoup(str(node), "html.parser")
    for span in copy.find_all("span", attrs={"lang": True}):
        span.unwrap()
    copy.smooth()
    return " ".join(copy.get_text(" ").split())


def dead_links(outdir: Path) -> list[str]:
    """Every ``page: link`` of the site (``href``/``src``) that leads to no file, or to no
    element with the ``id`` its fragment names. Links to other hosts are not followed."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {str(tag["id"]) for tag in soup.find_all(id=True)}
            ids[page] |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
        return ids[page]

    dead = []
    root = outdir.resolve()
    for page in sorted(outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(lambda t: t.has_attr("href") or t.has_attr("src")):
            link = str(tag.get("href") or tag.get("src") or "")
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(outdir).as_posix()}: {link}"
            missing = not target.is_relative_to(root) or not target.is_file()
            if missing or (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in ids_of(target)
            ):
                dead.append(where)
    return dead


def write_abstracts(srcdir: Path) -> None:
    """What the editor does before building an import: its placeholder abstract replaced."""
    from research_series.model.placeholders import IMPORTED_ABSTRACT

    for index in srcdir.glob("*/index.md"):
        text = index.read_text(encoding="utf-8")
        index.write_text(text.replace(IMPORTED_ABSTRACT, "What the paper finds."), "utf-8")

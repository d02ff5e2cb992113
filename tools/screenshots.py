"""The handbook's screenshots: the reader's edition of the series, as a reader sees it.

Builds ``papers/`` (HTML, PDF, EPUB) and writes into ``docs/_static/screenshots/``:
a paper page on a desktop and on a phone, the series index, a PDF page and an
EPUB chapter (on a phone). Run by ``make screenshots``; needs the browser-test
programs (``make browser-deps``) and TeX Live. Images are reduced to a small
palette so they stay small in the repository.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import chromium  # noqa: E402

OUT = REPO / "docs" / "_static" / "screenshots"
PAPER = "hovander-2016"


def build(builder: str, outdir: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-M", builder, str(REPO / "papers"), str(outdir)]
    subprocess.run([*command, "-q", "-E", "-W", "--keep-going"], check=True)


def save_small(png: bytes, path: Path, width: int | None = None) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if width and image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    small = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    small.save(path, format="PNG", optimize=True)
    print(f"{path.relative_to(REPO)}: {image.width}×{image.height}, {path.stat().st_size} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=REPO / "_build" / "screenshots")
    args = parser.parse_args(argv)
    builddir: Path = args.builddir
    for builder in ("html", "latexpdf", "epub"):
        build(builder, builddir)
    html = builddir / "html"
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        shots = [
            ("paper-desktop.png", html / PAPER / "index.html", (1280, 800), 1280),
            ("paper-phone.png", html / PAPER / "index.html", (390, 844), None),
            ("index.png", html / "index.html", (1280, 800), 1280),
        ]
        book = Path(tmp) / "book"
        with zipfile.ZipFile(builddir / "epub" / f"{PAPER}.epub") as epub:
            epub.extractall(book)
        shots.append(("epub-chapter.png", book / PAPER / "index.xhtml", (390, 844), None))
        for name, page, size, width in shots:
            browser.open(page, size)
            if name == "epub-chapter.png":  # the notes, as a reading system lays them out
                browser.js("document.querySelector('.footnote-list').scrollIntoView()")
            save_small(browser.driver.get_screenshot_as_png(), OUT / name, width)
        pdf = builddir / "latex" / f"{PAPER}.pdf"
        prefix = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", str(pdf), str(prefix)],
            check=True,
        )
        [page_png] = sorted(Path(tmp).glob("page*.png"))
        save_small(page_png.read_bytes(), OUT / "pdf-page.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

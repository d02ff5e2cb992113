"""``research-series collect-downloads``: the built PDFs and EPUBs into the site."""

from __future__ import annotations

import shutil
from pathlib import Path


class DownloadsError(Exception):
    """The build folder does not hold a site to add downloads to."""


def collect_downloads(builddir: Path) -> list[Path]:
    """Place every PDF and EPUB built into ``html/downloads/``, where the site links them.

    The folder mirrors what was built, so it holds exactly the papers published now.
    """
    site = builddir / "html"
    if not site.is_dir():
        raise DownloadsError(
            f"{site}: no such folder; build the site first ('make html') or give the "
            "build folder that holds html/"
        )
    target = site / "downloads"
    target.mkdir(exist_ok=True)
    copied = []
    for pattern, folder in (("*.pdf", "latex"), ("*.epub", "epub")):
        if not (builddir / folder).is_dir():
            continue
        # A PDF is a paper's when its .tex is there (a figure can be a PDF too); one
        # no longer built (a deleted, renamed, withdrawn or withheld paper's) goes.
        built = [
            path
            for path in sorted((builddir / folder).glob(pattern))
            if folder != "latex" or path.with_suffix(".tex").is_file()
        ]
        names = {path.name for path in built}
        for old in target.glob(pattern):
            if old.name not in names:
                old.unlink()
        for path in built:
            destination = target / path.name
            shutil.copy2(path, destination)
            copied.append(destination)
    return copied

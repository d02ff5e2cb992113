"""``research-series collect-downloads``: the built PDFs and EPUBs into the site."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CommandError


class DownloadsError(CommandError):
    """The build folder does not hold a site to add downloads to."""


@dataclass
class Collected:
    """What :func:`collect_downloads` found, copied and removed."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    copied: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.files)} downloads in {self.folder} "
            f"({len(self.copied)} copied, {len(self.removed)} removed)"
        )


def _same(source: Path, copy: Path) -> bool:
    """*copy* is *source* as last copied (``copy2`` keeps the time; only builds rewrite)."""
    try:
        mine, theirs = source.stat(), copy.stat()
    except OSError:
        return False
    return (mine.st_size, mine.st_mtime_ns) == (theirs.st_size, theirs.st_mtime_ns)


def collect_downloads(builddir: Path) -> Collected:
    """Place every PDF and EPUB built into ``html/downloads/``, where the site links them.

    The folder mirrors what was built, so it holds exactly the papers published now;
    a file copied before and not rebuilt since is left as it is.
    """
    site = builddir / "html"
    if not site.is_dir():
        raise DownloadsError(
            f"{site}: no such folder; build the site first ('make html') or give the "
            "build folder that holds html/"
        )
    target = site / "downloads"
    target.mkdir(exist_ok=True)
    collected = Collected(target)
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
                collected.removed.append(old)
        for path in built:
            destination = target / path.name
            collected.files.append(destination)
            if not _same(path, destination):
                shutil.copy2(path, destination)
                collected.copied.append(destination)
    return collected

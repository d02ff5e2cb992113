"""``research-series collect-downloads``: the built PDFs (print and accessible) and EPUBs
into the site."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..model.papers import ACCESSIBLE_PDF
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
    built = _built(builddir)
    for pattern in ("*.pdf", "*.epub"):
        # One no longer built (a deleted, renamed, withdrawn or withheld paper's) goes.
        for old in target.glob(pattern):
            if old.name not in built:
                old.unlink()
                collected.removed.append(old)
    for name, path in sorted(built.items()):
        destination = target / name
        collected.files.append(destination)
        if not _same(path, destination):
            shutil.copy2(path, destination)
            collected.copied.append(destination)
    return collected


def _built(builddir: Path) -> dict[str, Path]:
    """Each download's name in the site, and the built file it is a copy of.

    ``<slug>.pdf`` is the XeLaTeX PDF (the print edition), a paper's when its
    ``.tex`` is there (a figure can be a PDF too); ``<slug>-accessible.pdf`` the
    tagged PDF/UA-1 PDF printed from the paper's page (``pdfua/``).
    """
    built: dict[str, Path] = {}
    latex, epub, accessible = builddir / "latex", builddir / "epub", builddir / "pdfua"
    for path in sorted(latex.glob("*.pdf")) if latex.is_dir() else ():
        if path.with_suffix(".tex").is_file():
            built[path.name] = path
    for path in sorted(epub.glob("*.epub")) if epub.is_dir() else ():
        built[path.name] = path
    for path in sorted(accessible.glob("*.pdf")) if accessible.is_dir() else ():
        built[f"{path.stem}{ACCESSIBLE_PDF}"] = path
    return built

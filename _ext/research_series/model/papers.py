"""What a paper is, and where it and its files live on the site.

One rule for "is a paper", used by the reading layer (docnames), the PDF
configuration (files, before any document is read) and the editor's commands
(folders): a folder directly under the source folder, whose name does not start
with ``_`` or ``.``, holding the paper's ``index`` document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .report import Report

#: A paper's main document inside its folder.
PAPER_DOCUMENT = "index"
#: The file name of the whole-series volume: ``series.pdf`` and ``series.epub``.
VOLUME = "series"
#: The site folder holding every paper's PDF, EPUB and citation exports.
DOWNLOADS = "downloads"
#: Set (to "1") by ``research-series site`` while it builds: the PDFs and EPUBs its
#: later phases make are linked from the pages its HTML phase writes.
SITE_BUILD_ENV = "RESEARCH_SERIES_SITE_BUILD"
#: A paper's accessible PDF in downloads/ (``<slug>-accessible.pdf``: tagged, PDF/UA-1,
#: printed from its web page); ``<slug>.pdf`` is the XeLaTeX print edition.
ACCESSIBLE_PDF = "-accessible.pdf"


#: The folder of a paper's kept versions: ``<slug>/versions/<n>/``, one per version.
VERSIONS = "versions"
_KEPT = re.compile(rf"([a-z0-9][a-z0-9-]*)/{VERSIONS}/([1-9][0-9]{{0,5}})/{PAPER_DOCUMENT}")


@dataclass(frozen=True)
class KeptVersion:
    """An earlier version of a paper, kept as it was published (``research-series revise``)."""

    slug: str
    number: int

    @property
    def paper(self) -> str:
        """The docname of the paper's current version."""
        return f"{self.slug}/{PAPER_DOCUMENT}"


def kept_version(docname: str) -> KeptVersion | None:
    """The kept version *docname* is (``<slug>/versions/<n>/index``), else ``None``.

    The one rule for "is a kept version": it is read and published at its own URL,
    but is not a paper of the series (not in the index, the feed or the volume).
    """
    match = _KEPT.fullmatch(docname)
    if match is None or not is_valid_slug(match[1]):
        return None
    return KeptVersion(match[1], int(match[2]))


def version_docname(paper_slug: str, number: int) -> str:
    """The docname of version *number* of a paper, kept in its ``versions/`` folder."""
    return f"{paper_slug}/{VERSIONS}/{number}/{PAPER_DOCUMENT}"


def kept_version_map(docnames: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Each revised paper's slug with the numbers of its kept versions, in order."""
    found: dict[str, list[int]] = {}
    for name in docnames:
        kept = kept_version(name)
        if kept is not None:
            found.setdefault(kept.slug, []).append(kept.number)
    return {name: tuple(sorted(numbers)) for name, numbers in found.items()}


def file_stem(docname: str) -> str:
    """What a paper's files are named after: ``<slug>``, or ``<slug>-v<n>`` for a kept version."""
    kept = kept_version(docname)
    return f"{kept.slug}-v{kept.number}" if kept else slug(docname)


def paper_slug(docname: str) -> str | None:
    """The paper's slug (its folder's name) if *docname* is a paper's main document."""
    folder, sep, name = docname.partition("/")
    if not sep or name != PAPER_DOCUMENT or not folder or folder.startswith(("_", ".")):
        return None
    return folder


def is_paper_docname(docname: str) -> bool:
    return paper_slug(docname) is not None


#: The package's one slug rule: lowercase ASCII letters and digits, single '-' between.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The rule in words, for every message that refuses a slug.
SLUG_RULE = "lowercase letters, digits and single '-' between them (e.g. smith-2016)"


def is_valid_slug(name: str) -> bool:
    """Whether a paper folder's name can name its files and URLs everywhere.

    It names the PDF, the EPUB, the downloads and the page's URL (the same on every
    file system, whatever its case rules), and is a target in the LaTeX folder's
    Makefile, where a space or a quote would break. ``new-paper``, ``import`` and
    the build all ask this one function.
    """
    return bool(_SLUG.fullmatch(name))


def slug(docname: str) -> str:
    """The folder a document lives in (its own name when it is at the top)."""
    return docname.partition("/")[0] if "/" in docname else docname


def paper_folders(srcdir: Path, excluded: Callable[[str], bool] = lambda _: False) -> list[str]:
    """Slugs of the papers in *srcdir*, read from the file system (``<slug>/index.md``).

    *excluded* is given a paper's relative source path, as Sphinx's
    ``exclude_patterns`` matcher is.
    """
    found = []
    for path in srcdir.glob(f"*/{PAPER_DOCUMENT}.md"):
        name = paper_slug(f"{path.parent.name}/{PAPER_DOCUMENT}")
        if name is not None and is_valid_slug(name) and not excluded(f"{name}/{PAPER_DOCUMENT}.md"):
            found.append(name)
    return sorted(found)


def kept_version_docnames(
    srcdir: Path, excluded: Callable[[str], bool] = lambda _: False
) -> list[str]:
    """Every paper's kept versions in *srcdir*, read from the file system, by paper then number.

    ``<slug>/versions/<n>/index.md`` of each paper :func:`paper_folders` finds.
    """
    found = []
    for paper in paper_folders(srcdir, excluded):
        for path in (srcdir / paper / VERSIONS).glob(f"*/{PAPER_DOCUMENT}.md"):
            docname = f"{paper}/{VERSIONS}/{path.parent.name}/{PAPER_DOCUMENT}"
            kept = kept_version(docname)
            if kept is not None and not excluded(f"{docname}.md"):
                found.append((paper, kept.number, docname))
    return [docname for _, _, docname in sorted(found)]


def paper_docnames(docnames: Iterable[str]) -> list[str]:
    """The papers' main documents among *docnames*, sorted."""
    return sorted(name for name in docnames if is_paper_docname(name))


def download_path(docname: str, suffix: str) -> str:
    """A paper's file in the site's downloads folder, e.g. ``downloads/<slug>.pdf``.

    A kept version's files are ``downloads/<slug>-v<n>.pdf`` and so on.
    """
    return f"{DOWNLOADS}/{file_stem(docname)}{suffix}"


def absolute(base_url: str, path: str) -> str:
    """*path* on the site whose root is *base_url*."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, path)


@dataclass(frozen=True)
class CitablePaper:
    """A report with what only the site knows: its key and absolute URLs."""

    report: Report
    slug: str
    url: str
    pdf_url: str
    #: an earlier version kept by ``revise``, not the paper's current text
    kept: bool = False

    @property
    def version_note(self) -> str | None:
        """``Version 2, revised June 1, 2020`` for a revised or kept version, else None."""
        revision = self.report.revision
        if revision is not None:
            return f"Version {revision.number}, revised {revision.date.display}"
        return f"Version {self.report.version}" if self.kept else None

    @property
    def key(self) -> str:
        version = f"-v{self.report.version}" if self.kept else ""
        return f"report-{self.report.number}{version}"

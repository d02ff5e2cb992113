"""At make time: every published paper's accessible PDF (PDF/UA-1), in one process.

``python -m research_series.pdfua <builddir>`` reads the papers the HTML build
listed (:data:`MANIFEST`), and prints each paper's built page with the series' print
stylesheet by WeasyPrint into ``<builddir>/pdfua/<slug>.pdf``. A paper is printed
again only when its page, the stylesheet, its title or authors, or WeasyPrint or
ziamath (its formulas, ``formulas.py``) changed (a digest of them is kept in
:data:`STATE`); the PDF of a paper no longer listed is removed. Nothing is loaded
from another host: the fetcher given to WeasyPrint opens only files inside the built
site.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

#: The folder under the build folder; the manifest and state live in it.
FOLDER = "pdfua"
#: Written by the HTML build (:mod:`.manifest`): the papers to print.
MANIFEST = "papers.json"
#: What each PDF was made from, for the next run.
STATE = ".state.json"
#: The print stylesheet, shipped with the package.
STYLESHEET = Path(__file__).with_name("print.css")


@contextmanager
def reported(page: Path) -> Iterator[list[str]]:
    """WeasyPrint's warnings and errors while printing *page*, each located at the page.

    A refused resource, an image without alt text or a missing ``lang`` would make a
    PDF that is not what the page is, or not PDF/UA: each fails the paper.
    """
    problems: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            problems.append(f"{page}: {record.levelname.lower()}: {record.getMessage()}")

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _save(state_file: Path, state: dict[str, str]) -> None:
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", "utf-8")


class RefusedFetch(ValueError):
    """A page asked for something outside the built site."""


@dataclass(frozen=True)
class Paper:
    """One paper to print, as the manifest lists it."""

    slug: str
    page: str  # the built page, relative to the site folder
    title: str
    authors: tuple[str, ...]


@dataclass
class Outcome:
    """What one run did, for its summary line."""

    made: list[str]
    kept: list[str]
    removed: list[str]
    seconds: float
    #: WeasyPrint's messages for the papers not printed, each located at its page
    failed: list[str] = field(default_factory=list)
    #: papers printed with their notes at the end, since WeasyPrint lost a foot note
    endnotes: list[str] = field(default_factory=list)
    #: formulas printed as their TeX (ziamath could not draw them), each at its page
    as_tex: list[str] = field(default_factory=list)

    def summary(self, folder: Path) -> str:
        per = f", {self.seconds / len(self.made):.2f} s each" if self.made else ""
        return (
            f"{len(self.made) + len(self.kept)} accessible PDFs in {folder} "
            f"({len(self.made)} made{per}, {len(self.kept)} unchanged, "
            f"{len(self.removed)} removed)"
            + (f"; notes at the end in {', '.join(self.endnotes)}" if self.endnotes else "")
        )


def read_manifest(folder: Path) -> tuple[Path, list[Paper]]:
    """The built site's folder and its papers, from the HTML build's manifest."""
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    papers = [Paper(p["slug"], p["page"], p["title"], tuple(p["authors"])) for p in data["papers"]]
    return (folder / data["site"]).resolve(), papers


def local_fetcher(site: Path) -> Any:
    """A WeasyPrint URL fetcher that opens only files inside *site* (and ``data:``)."""
    from weasyprint.urls import URLFetcher

    root = site.resolve()

    class SiteOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            from urllib.parse import unquote, urlsplit

            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path == STYLESHEET.resolve() or path.is_relative_to(root):
                    return super().fetch(url, headers)
            raise RefusedFetch(f"not loaded (only files of the built site are): {url}")

    return SiteOnly(allowed_protocols=("file", "data"), timeout=5)


def digest(page: bytes, paper: Paper, stylesheet: bytes, engine: str) -> str:
    """What a paper's PDF is made from, in one value."""
    hasher = hashlib.sha256()
    for part in (page, stylesheet, engine.encode(), paper.title.encode()):
        hasher.update(len(part).to_bytes(8, "big") + part)
    for author in paper.authors:
        hasher.update(author.encode() + b"\0")
    return hasher.hexdigest()


#: WeasyPrint's error when a link's target (here: a note) was not laid out.
LOST_TARGET = "No anchor #"


def render(
    site: Path, paper: Paper, target: Path, fetcher: Any, endnotes: bool = False
) -> tuple[str, ...]:
    """Print one paper's page into *target*, tagged, as PDF/UA-1 (notes at the foot of
    their page, or with *endnotes* at the end); the formulas printed as TeX."""
    from weasyprint import HTML

    from .page import print_page
    from .tagging import install

    install()
    page = site / paper.page
    printed = print_page(
        page.read_text(encoding="utf-8"),
        STYLESHEET.resolve().as_uri(),
        paper.title,
        list(paper.authors),
        endnotes=endnotes,
    )
    document = HTML(
        string=printed.html, base_url=page.resolve().as_uri(), url_fetcher=fetcher
    ).render(pdf_variant="pdf/ua-1")
    document.metadata.title = paper.title
    document.metadata.authors = list(paper.authors)
    document.metadata.lang = printed.lang
    partial = target.with_suffix(".pdf.part")
    document.write_pdf(partial, pdf_variant="pdf/ua-1", finisher=finish)
    partial.replace(target)
    return printed.as_tex


def finish(document: Any, pdf: Any) -> None:
    """What is done to the PDF once WeasyPrint has made it: annotations printable and
    each in its ``Link``, list items with an ``LBody``, each foot note in the
    structure tree after its call."""
    from .notes import notes_after_calls
    from .tagging import annotations_in_links, list_bodies

    printable_annotations(document, pdf)
    annotations_in_links(pdf)
    list_bodies(pdf)
    notes_after_calls(pdf)


def printable_annotations(document: Any, pdf: Any) -> None:
    """Every link annotation printed as it is shown (PDF/UA-1 7.18.1: the Print flag),
    which WeasyPrint leaves unset."""
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("Type") == "/Annot":
            item["F"] = 4


def make_all(builddir: Path, jobs: int = 1) -> Outcome:
    """Every listed paper's PDF up to date (*jobs* at a time), the others removed."""
    folder = builddir / FOLDER
    site, papers = read_manifest(folder)
    state_file = folder / STATE
    try:
        state: dict[str, str] = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    outcome = Outcome([], [], [], 0.0)
    started = time.perf_counter()
    new_state: dict[str, str] = {}
    try:
        _print_changed(papers, site, folder, state, new_state, outcome, jobs)
    finally:
        # what was made is kept as made, even when a later paper fails
        _save(state_file, {slug: new_state[slug] for slug in outcome.made + outcome.kept})
    listed = {paper.slug for paper in papers}
    for old in sorted(folder.glob("*.pdf")):
        if old.stem not in listed:
            old.unlink()
            outcome.removed.append(old.stem)
    outcome.seconds = time.perf_counter() - started
    return outcome


@dataclass(frozen=True)
class Printed:
    """One paper's printing: WeasyPrint's located problems (none: printed), whether
    its notes had to go at the end, and its formulas printed as TeX (located)."""

    problems: list[str]
    endnotes: bool = False
    as_tex: tuple[str, ...] = ()


def print_paper(site: Path, paper: Paper, target: Path) -> Printed:
    """Print one paper, with its notes at the end if WeasyPrint lost a foot note."""
    fetcher = local_fetcher(site)
    page = site / paper.page
    with reported(page) as problems:
        as_tex = render(site, paper, target, fetcher)
    endnotes = bool(problems) and all(LOST_TARGET in problem for problem in problems)
    if endnotes:
        # WeasyPrint lost a foot note: the paper is printed with its notes at the end
        with reported(page) as problems:
            as_tex = render(site, paper, target, fetcher, endnotes=True)
    if problems:
        target.unlink(missing_ok=True)
    return Printed(problems, endnotes, tuple(f"{page}: warning: {tex}" for tex in as_tex))


def _print_job(job: tuple[Path, Paper, Path]) -> Printed:
    """:func:`print_paper`, with a failure of WeasyPrint itself reported at the page
    (as its warnings are) rather than as a traceback that stops every other paper."""
    site, paper, target = job
    try:
        return print_paper(site, paper, target)
    except Exception as error:  # WeasyPrint's own failure on this page
        target.unlink(missing_ok=True)
        return Printed([f"{site / paper.page}: error: {type(error).__name__}: {error}"])


def _print_changed(
    papers: list[Paper],
    site: Path,
    folder: Path,
    state: dict[str, str],
    new_state: dict[str, str],
    outcome: Outcome,
    jobs: int,
) -> None:
    # the printer and the formulas' renderer: a new version of either prints again
    engine = f"weasyprint {version('weasyprint')}; ziamath {version('ziamath')}"
    stylesheet = STYLESHEET.read_bytes()
    todo: list[tuple[Path, Paper, Path]] = []
    for paper in papers:
        target = folder / f"{paper.slug}.pdf"
        value = digest((site / paper.page).read_bytes(), paper, stylesheet, engine)
        new_state[paper.slug] = value
        if state.get(paper.slug) == value and target.is_file():
            outcome.kept.append(paper.slug)
        else:
            todo.append((site, paper, target))
    if jobs > 1 and len(todo) > 1:
        # one process per core, as the LaTeX PDFs are made (fork: nothing to import again)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=context) as pool:
            results = list(pool.map(_print_job, todo))
    else:
        results = [_print_job(job) for job in todo]
    for (_, paper, _), printed in zip(todo, results, strict=True):
        if printed.endnotes:
            outcome.endnotes.append(paper.slug)
        outcome.as_tex += printed.as_tex
        if printed.problems:  # this paper only: the others are still printed
            outcome.failed += printed.problems
        else:
            outcome.made.append(paper.slug)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m research_series.pdfua",
        description="Make every published paper's accessible (PDF/UA-1) PDF.",
    )
    parser.add_argument("builddir", type=Path, help="the build folder (holds pdfua/papers.json)")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=int(os.environ.get("PDFJOBS") or os.cpu_count() or 1),
        help="papers printed at once (default: PDFJOBS, as for the LaTeX PDFs, else one per core)",
    )
    args = parser.parse_args(argv)
    folder = args.builddir / FOLDER
    if not (folder / MANIFEST).is_file():
        print(
            f"error: {folder / MANIFEST}: no such file; build the HTML first ('make html')",
            file=sys.stderr,
        )
        return 2
    outcome = make_all(args.builddir, max(1, args.jobs))
    print(outcome.summary(folder), flush=True)
    for problem in outcome.as_tex + outcome.failed:
        print(problem, file=sys.stderr)
    if outcome.failed:
        print("error: a paper's accessible PDF was not made (above)", file=sys.stderr)
        return 1
    return 0

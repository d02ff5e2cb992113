"""``research-series site``: what ``make site`` builds, in one process.

The site is the HTML, every paper's PDF (and the volume) and accessible PDF, every
EPUB, and the downloads folder that links them. Each of the three Sphinx builds started its own
Python, imported Sphinx and the extension, and loaded the environment: on a
200-paper series with nothing changed, 0.9 s of each build's 1 s. Here the
builds run one after another in this process, as ``sphinx-build -M`` runs them
(the same options, doctrees and outputs), the PDFs are made by the LaTeX folder's
Makefile in between, and each phase's time is printed. The first phase that fails
stops the site, as ``make`` stops at the first failing target; the HTML is then
written once more linking only the PDFs and EPUBs that are there, so that a site
that stopped half-way has no dead download links.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..model.papers import SITE_BUILD_ENV
from .build import PROBLEMS, check_conf, sphinx_make_mode
from .downloads import collect_downloads

#: What each phase line starts with (the benchmark reads them).
PHASE_LINE = "research-series site:"


def _pdfs(builddir: Path, options: Sequence[str]) -> int:
    """``make all-pdf`` in the LaTeX folder, with the arguments ``sphinx-build -M latexpdf``
    gives it for these options (``-q``: TeX stops at the first error, latexmk is silent)."""
    make = os.environ.get("MAKE", "make")
    arguments = [make, "-C", str(builddir / "latex"), "--no-print-directory", "all-pdf"]
    if "-q" in options or "-Q" in options:
        arguments += ["LATEXOPTS=-halt-on-error", "LATEXMKOPTS=-silent"]
    return subprocess.call(arguments)


def _accessible_pdfs(builddir: Path) -> int:
    """Every paper's tagged PDF/UA-1 PDF, printed from its page by WeasyPrint in one
    Python of its own (the ``pdfua`` wing, which this command may not import)."""
    return subprocess.call([sys.executable, "-m", "research_series.pdfua", str(builddir)])


def _downloads(builddir: Path) -> int:
    print(collect_downloads(builddir).summary(), flush=True)
    return 0


def build_site(srcdir: Path, builddir: Path, options: Sequence[str]) -> int:
    """Every phase of the site in order; the exit status of the first that fails, else 0."""
    if not check_conf(srcdir):
        return PROBLEMS
    phases: list[tuple[str, Callable[[], int]]] = [
        ("HTML", lambda: sphinx_make_mode("html", srcdir, builddir, options)),
        ("PDF/UA", lambda: _accessible_pdfs(builddir)),
        ("LaTeX", lambda: sphinx_make_mode("latex", srcdir, builddir, options)),
        ("PDFs", lambda: _pdfs(builddir, options)),
        ("EPUB", lambda: sphinx_make_mode("epub", srcdir, builddir, options)),
        ("downloads", lambda: _downloads(builddir)),
    ]
    with _site_build(True):  # the HTML phase links the PDFs and EPUBs the later phases make
        status = _run_phases(phases)
    if status != 0:
        with _site_build(False):
            # -Q: the problems were reported once; the pages are written all the same.
            sphinx_make_mode("html", srcdir, builddir, [*options, "-Q"])
        print(f"{PHASE_LINE} the pages link only the downloads that were made",
              file=sys.stderr, flush=True)  # fmt: skip
    return status


@contextlib.contextmanager
def _site_build(on: bool) -> Iterator[None]:
    """Whether the HTML built within links every paper's PDF and EPUB (on) or only
    those there are (off); the process's environment as it was afterwards."""
    previous = os.environ.pop(SITE_BUILD_ENV, None)
    if on:
        os.environ[SITE_BUILD_ENV] = "1"
    try:
        yield
    finally:
        os.environ.pop(SITE_BUILD_ENV, None)
        if previous is not None:
            os.environ[SITE_BUILD_ENV] = previous


def _run_phases(phases: Sequence[tuple[str, Callable[[], int]]]) -> int:
    for name, run in phases:
        started = time.perf_counter()
        status = run()
        seconds = time.perf_counter() - started
        sys.stdout.flush()
        if status != 0:
            print(f"{PHASE_LINE} {name} failed after {seconds:.1f} s; the site is not complete",
                  file=sys.stderr, flush=True)  # fmt: skip
            return status
        print(f"{PHASE_LINE} {name} {seconds:.1f} s", flush=True)
    return 0

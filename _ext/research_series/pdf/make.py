"""The LaTeX folder's Makefile: every PDF in parallel, failures reported per paper.

``sphinx-build -M latexpdf`` runs ``make all-pdf`` in the LaTeX folder. Sphinx's
own Makefile stops at the first failing document and prints TeX's output of
all documents interleaved; this one (written over it when the build finishes)
keeps going (``-k``), runs one job per core unless ``-j`` says otherwise, and
compiles each document through :func:`main`, which times it and, when it fails,
names the paper, its source line and TeX's error.

TeX runs without shell escape and may read and write only files below the
LaTeX folder (kpathsea's paranoid mode), as a second wall behind escaping.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..model.series import TEX_TIMEOUT
from .passes import one_pass_run, record_inputs, up_to_date
from .progress import PROGRESS_FILE, paper_done

if TYPE_CHECKING:  # imported once per PDF: Sphinx itself is not needed here
    from sphinx.application import Sphinx

MAKEFILE = """\
# Makefile for the research series' PDFs (written by research_series).
#
#   make all-pdf           every paper and the volume: one job per core, and the
#                          other PDFs are still made when one fails
#   make -j1 all-pdf       one at a time (PDFJOBS=N sets the default number)
#   make <slug>.pdf        one paper
#   make V=1 all-pdf       a line for every paper made, with the count and time left
#   make clean

ALLDOCS = $(basename $(wildcard *.tex))
# The volume is assembled from the papers' PDFs once they are made.
VOLUME  = {volume}
PAPERPDF = $(filter-out $(VOLUME:=.pdf),$(ALLDOCS:=.pdf))
ALLPDF  = $(PAPERPDF) $(filter $(VOLUME:=.pdf),$(ALLDOCS:=.pdf))
PYTHON  = {python}
SRCDIR  = {srcdir}
# Extra options for latexmk and for the TeX engine, as in Sphinx's Makefile.
LATEXMKOPTS ?=
export LATEXOPTS ?=

# Seconds each PDF may take (series_tex_timeout).
TEXTIMEOUT ?= {timeout}
PDFJOBS ?= $(shell nproc 2>/dev/null || echo 2)
# (all-pdf's own make, PLAN_MADE=1, shares these jobs)
ifeq ($(filter -j%,$(MAKEFLAGS))$(PLAN_MADE),)
MAKEFLAGS += -j$(PDFJOBS)
endif
MAKEFLAGS += -k

# all-pdf asks one process which papers' PDFs are out of date (pdf/plan.py), then
# makes only those, and the volume: the others are taken as they are.
ifeq ($(PLAN_MADE),1)
$(filter-out $(PLANNED),$(PAPERPDF)): ;
PDFGOALS = $(PLANNED)
else
PDFGOALS = $(if $(filter-out all all-pdf,$(MAKECMDGOALS)),$(filter $(PAPERPDF),\
  $(MAKECMDGOALS)),$(PAPERPDF))
endif

# Progress (pdf/progress.py): papers done of those this run makes, and the time left;
# one line per paper with V=1, else a line for each tenth of them.
export RESEARCH_PDF_RUN := $(shell date +%s.%N)
export RESEARCH_PDF_TOTAL := $(words $(PDFGOALS))
ifeq ($(V),1)
export RESEARCH_PDF_VERBOSE := 1
endif

COMPILE = $(PYTHON) -m research_series.pdf.make --srcdir $(SRCDIR) $(LATEXMKOPTS)

%.pdf: %.tex FORCE_MAKE
\t@$(COMPILE) --timeout $(TEXTIMEOUT) -- '$*'
{volume_rule}
all: all-pdf

all-pdf:
\t@planned="$$($(PYTHON) -m research_series.pdf.plan $(LATEXMKOPTS) -- $(PAPERPDF:.pdf=))" \\
\t  && $(MAKE) --no-print-directory PLAN_MADE=1 PLANNED="$$planned" planned-pdf

planned-pdf: $(PLANNED) $(filter $(VOLUME:=.pdf),$(ALLPDF))

clean:
\trm -f *.log *.aux *.toc *.out *.xdv *.fls *.fdb_latexmk *.idx *.ind *.ilg $(ALLPDF)

.PHONY: all all-pdf planned-pdf clean FORCE_MAKE
"""

VOLUME_RULE = """
# Not typeset: its front matter is, once, and the papers' PDFs follow (pdf/volume.py).
{volume}.pdf: {volume}.tex {volume}.volume.json $(PAPERPDF) FORCE_MAKE
\t@$(PYTHON) -m research_series.pdf.volume --timeout $(TEXTIMEOUT)
"""

#: Engines whose Makefile needs Sphinx's own recipes (DVI route for Japanese).
_SPHINX_MAKEFILE_ENGINES = frozenset({"platex", "uplatex"})

#: TeX reads and writes only below its folder, and runs no programs. And kpathsea
#: does not look for a file it did not find under other cases of its name: that
#: lists the LaTeX folder (every paper's files) at each of the many files LaTeX
#: probes for and does not find, 0.7 s of system time per paper at 200 papers.
TEX_SANDBOX = {
    "openin_any": "p",
    "openout_any": "p",
    "shell_escape": "f",
    "texmf_casefold_search": "0",
}

#: What :func:`_run_limited` returns when the time ran out.
TIMED_OUT = -1

LATEXMK = [
    "latexmk",
    "-pdf",
    "-dvi-",
    "-ps-",
    "-interaction=nonstopmode",
    "-halt-on-error",
    "-file-line-error",
]


def _make_value(text: str) -> str:
    """Text as a make variable's value: ``$`` and ``#`` mean something to make."""
    return text.replace("$", "$$").replace("#", "\\#")


def write_makefile(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: replace Sphinx's LaTeX Makefile with ours."""
    if exception is not None or app.builder.name != "latex":
        return
    if app.config.latex_engine in _SPHINX_MAKEFILE_ENGINES:
        return
    from ..model.papers import VOLUME

    has_volume = any(doc[1] == f"{VOLUME}.tex" for doc in app.config.latex_documents)
    timeout = app.config.series_tex_timeout
    text = MAKEFILE.format(
        python=_make_value(shlex.quote(sys.executable)),
        srcdir=_make_value(shlex.quote(str(app.srcdir))),
        volume=VOLUME if has_volume else "",
        progress=PROGRESS_FILE,
        timeout=timeout,
        volume_rule=VOLUME_RULE.format(volume=VOLUME) if has_volume else "",
    )
    Path(app.outdir, "Makefile").write_text(text, encoding="utf-8")


def _run_limited(command: list[str], output: IO[str], env: dict[str, str], timeout: float) -> int:
    """Run *command* in its own process group; past *timeout* seconds, interrupt it.

    TeX answers an interrupt with an error naming the input line it was at
    (``! Interruption.`` and ``l.<n>``), and stops (``-halt-on-error``), so the
    report can name the paper's line; whatever does not stop is killed.
    """
    process = subprocess.Popen(
        command,
        stdout=output,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        for sig, grace in ((signal.SIGINT, 5.0), (signal.SIGKILL, None)):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        return TIMED_OUT


def compile_pdf(
    name: str, srcdir: str | None, latexmk_options: Sequence[str], timeout: float = TEX_TIMEOUT
) -> int:
    """Run latexmk on ``<name>.tex``; on failure report it and leave no stale PDF."""
    started = time.perf_counter()
    env = {**os.environ, **TEX_SANDBOX}
    # One XeLaTeX run where the paper needs no more (passes.py), else latexmk's passes.
    one_pass = one_pass_run(name, latexmk_options)
    if one_pass is not None and up_to_date(name, one_pass):
        paper_done(name, None)
        return 0
    command = one_pass or [*LATEXMK, *latexmk_options, f"{name}.tex"]
    try:
        with open(f"{name}.latexmk.log", "w", encoding="utf-8") as output:
            status = _run_limited(command, output, env, timeout)
    except OSError as error:
        print(
            f"{name}.pdf: cannot run latexmk ({error}); install TeX Live "
            "(make system-deps installs it on Debian)",
            file=sys.stderr,
        )
        return 1
    seconds = time.perf_counter() - started
    if status == 0 and one_pass is not None:
        record_inputs(name, command)
    if status == 0:
        paper_done(name, f"PDF {name}.pdf ({seconds:.1f} s)")
        return 0
    Path(f"{name}.pdf").unlink(missing_ok=True)
    Path(f"{name}.inputs.json").unlink(missing_ok=True)
    from .texlog import report  # Sphinx and docutils: only when a PDF failed

    log = _read(f"{name}.log")
    tex = _read(f"{name}.tex").splitlines()
    limit = timeout if status == TIMED_OUT else None
    print(report(name, log, tex, srcdir, os.getcwd(), limit), file=sys.stderr, flush=True)
    paper_done(name, None)
    return 1


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m research_series.pdf.make [--srcdir DIR] [LATEXMKOPTS] -- NAME``."""
    parser = argparse.ArgumentParser(
        prog="research_series.pdf.make", description=__doc__, allow_abbrev=False
    )
    parser.add_argument("--srcdir", help="the source folder, to name the paper's file")
    parser.add_argument(
        "--timeout",
        type=float,
        default=TEX_TIMEOUT,
        help="seconds TeX may take (series_tex_timeout)",
    )
    parser.add_argument("name", help="the document, without .tex")
    args, latexmk_options = parser.parse_known_args(argv)
    return compile_pdf(args.name, args.srcdir, latexmk_options, args.timeout)


if __name__ == "__main__":
    sys.exit(main())

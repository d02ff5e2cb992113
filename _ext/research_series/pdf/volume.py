"""The series volume, assembled from the papers' own PDFs rather than typeset again.

Typesetting the volume repeated every paper's TeX run in one ever longer job
(about 1,500 pages at 500 papers), on every edit. Now:

- at build time (Sphinx), the volume's ``series.tex`` keeps its preamble and
  cover but none of the papers (the LaTeX builder, ``incremental.py``, assembles
  it without them), and ``series.volume.json`` lists the papers in series order
  with what the contents print (``volume_manifest.py``);
- at make time, once every paper's PDF is made, :func:`build_volume` typesets a
  small front matter (the cover and a contents with each paper's authors and
  first page) from that preamble, in one XeLaTeX pass, and appends the papers'
  PDFs (``assembly.py``): one bookmark per paper, page labels (the cover, the
  contents i, ii, …, then 1, 2, … through the papers, as the contents count them),
  and every internal link pointing to the same place in the volume. After an edit
  the previous volume is updated: only the changed papers' pages are replaced.

``python -m research_series.pdf.volume`` is what the LaTeX folder's Makefile runs
for ``series.pdf``; it does nothing when what the volume is made of (its texts and
every paper's PDF, by digest) is what it was made of last time. It imports no
Sphinx.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.papers import VOLUME
from ..model.series import TEX_TIMEOUT
from .passes import NO_CJK, needs

#: What the LaTeX build leaves for the volume: the papers in order.
MANIFEST = f"{VOLUME}.volume.json"
#: The front matter's source and job name (not ``*.tex``: the Makefile compiles those).
FRONT = f"{VOLUME}-front"
FRONT_SOURCE = f"{FRONT}.ltx"
#: Named destination of a paper's first page, for the contents' links.
TARGET_PREFIX = "volume."


@dataclass(frozen=True)
class Paper:
    slug: str
    number: int
    year: int
    title: str
    title_tex: str
    authors_tex: str


def read_manifest(path: Path) -> list[Paper]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Paper(**paper) for paper in data["papers"]]


_TITLE_PAGE = re.compile(r"^\\researchvolumetitlepage\{.*$", re.MULTILINE)

CONTENTS = r"""
\begin{document}
\makeatletter
\pagenumbering{roman}
\pagestyle{empty}
\researchmaketitle
@TITLEPAGE@
\pagestyle{plain}
\newcommand\researchvolumeentry[5]{%
  \par\noindent\begin{tabular*}{\linewidth}{@{}p{2.2em}@{}p{\dimexpr\linewidth-5.4em}@{\extracolsep{\fill}}r@{}}
  #1 & \raggedright\hyperlink{#5}{#2}\\[0.15em] {\small\itshape #3} & \hyperlink{#5}{#4}
  \end{tabular*}\par\medskip}
{\py@HeaderFamily\Huge\bfseries Contents\par}
\medskip
{\py@HeaderFamily\large @SPAN@\par}
\bigskip
@ENTRIES@
\makeatother
\end{document}
"""


def front_source(
    preamble: str, papers: Sequence[Paper], starts: Sequence[int], title_page: str = ""
) -> str:
    """The cover and contents: *starts* are the papers' first pages, counted from 1.

    *title_page* is the volume's title page as the LaTeX build wrote it into
    ``series.tex`` (series, programme, years, committee); its own contents
    command is dropped, since the contents here list the papers' PDFs.
    """
    years = sorted({paper.year for paper in papers})
    numbers = sorted(paper.number for paper in papers)
    span = f"Nos.~{numbers[0]}\u2013{numbers[-1]}" if len(numbers) > 1 else f"No.~{numbers[0]}"
    if years:
        span += f", {years[0]}" + (f"\u2013{years[-1]}" if years[-1] != years[0] else "")
    entries = "\n".join(
        rf"\hypertarget{{{TARGET_PREFIX}{paper.slug}}}{{}}"
        rf"\researchvolumeentry{{{paper.number}}}{{{paper.title_tex}}}"
        rf"{{{paper.authors_tex}}}{{{start}}}{{{TARGET_PREFIX}{paper.slug}}}"
        for paper, start in zip(papers, starts, strict=True)
    )
    body = CONTENTS.replace("@SPAN@", span).replace("@ENTRIES@", entries)
    cover = (r"\let\sphinxtableofcontents\relax" + "\n" + title_page) if title_page else ""
    front = preamble + body.replace("@TITLEPAGE@", cover)
    _, cjk = needs(front)
    return front if cjk else NO_CJK + "\n" + front


def volume_title_page(tex: str) -> str:
    """The ``\\researchvolumetitlepage{...}`` line of the volume's ``.tex``, if any."""
    found = _TITLE_PAGE.search(tex)
    return found[0] if found else ""


def volume_preamble(tex: str) -> str:
    """The volume document's preamble (class, fonts, the series' package, title)."""
    head, found, _ = tex.partition(r"\begin{document}")
    if not found:
        raise ValueError(f"{VOLUME}.tex has no \\begin{{document}}")
    return head


#: What the last volume was made from, so that a no-op can tell (the LaTeX build
#: writes ``series.tex`` and the manifest again each time, with the same text).
INPUTS = f"{VOLUME}.volume-inputs.json"


def _inputs_key(texts: Sequence[Path], pdfs: Sequence[Path]) -> dict[str, Any]:
    """The digests of what the volume is made of: its texts and every paper's PDF.

    By content, not by file times, so that PDFs made elsewhere (a CI job per share of
    the papers) or copied with new times are not taken for changed ones; reading
    every PDF costs about 0.1 s at 500 papers.
    """
    return {
        "texts": {path.name: _digest(path) for path in texts},
        "pdfs": {path.name: _digest(path) for path in pdfs},
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _previous() -> dict[str, Any]:
    """The record of the last volume made: its inputs (``key``) and its pages (``layout``)."""
    try:
        record = json.loads(Path(INPUTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) and "key" in record else {}


class FrontMatterFailed(Exception):
    """XeLaTeX did not make the front matter; the message says why."""


def _typeset_front(source: str, timeout: float) -> Path:
    """The front matter's PDF, typeset from *source*."""
    from .make import TEX_SANDBOX, TIMED_OUT, _run_limited

    Path(FRONT_SOURCE).write_text(source, encoding="utf-8")
    command = [
        "xelatex",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"-jobname={FRONT}",
        FRONT_SOURCE,
    ]
    front = Path(f"{FRONT}.pdf")
    front.unlink(missing_ok=True)
    with open(f"{FRONT}.xelatex.log", "w", encoding="utf-8") as log:
        status = _run_limited(command, log, {**os.environ, **TEX_SANDBOX}, timeout)
    if status != 0 or not front.exists():
        why = "timed out" if status == TIMED_OUT else "XeLaTeX failed"
        raise FrontMatterFailed(f"its front matter {why} (full log: {FRONT}.log)")
    return front


def build_volume(timeout: float = TEX_TIMEOUT) -> int:
    """Make ``series.pdf`` in the LaTeX folder (the current one); 0 when made or up to date.

    The previous volume is updated where it can be: only the pages of papers whose
    PDF changed are replaced, and the front matter only when its text changed
    (a paper's title, or a paper's length moving the pages after it).
    """
    from .assembly import Part, assemble, page_count, page_starts, update

    started = time.perf_counter()
    output = Path(f"{VOLUME}.pdf")
    manifest, tex = Path(MANIFEST), Path(f"{VOLUME}.tex")
    papers = read_manifest(manifest)
    pdfs = [Path(f"{paper.slug}.pdf") for paper in papers]
    missing = [path.name for path in pdfs if not path.exists()]
    if missing:
        print(f"{output.name}: not made, {', '.join(missing)} missing", file=sys.stderr)
        output.unlink(missing_ok=True)
        return 1
    key = _inputs_key([manifest, tex], pdfs)
    previous = _previous() if output.exists() else {}
    if previous.get("key") == key:
        return 0
    Path(INPUTS).unlink(missing_ok=True)
    # the previous volume's papers: [slug, pages, the PDF's digest]
    laid_out: list[list[Any]] = previous.get("layout", {}).get("papers", [])
    known = {slug: (count, digest) for slug, count, digest in laid_out}
    parts, changed = [], set()
    for n, (paper, pdf) in enumerate(zip(papers, pdfs, strict=True)):
        count, digest = known.get(paper.slug, (0, None))
        if digest != key["pdfs"][pdf.name]:
            count = page_count(pdf)
            changed.add(n)
        parts.append(Part(paper.slug, pdf, count, f"{paper.number}. {paper.title}"))
    starts = page_starts(1, (part.pages for part in parts))  # as the contents count them
    text = tex.read_text(encoding="utf-8")
    source = front_source(volume_preamble(text), papers, starts, volume_title_page(text))
    front_digest = hashlib.sha256(source.encode()).hexdigest()
    incremental = [entry[0] for entry in laid_out] == [part.slug for part in parts]
    front: Path | None = None
    try:
        if not incremental or previous["layout"].get("front") != front_digest:
            front = _typeset_front(source, timeout)
        front_count = None
        if incremental:
            old = previous["layout"]
            counts = [entry[1] for entry in laid_out]
            front_count = update(
                output, old["front_pages"], counts, parts, changed, front, output, TARGET_PREFIX
            )
        if front_count is None:  # not laid out as the record says: made anew
            front = front or _typeset_front(source, timeout)
            front_count = assemble(front, parts, output, TARGET_PREFIX)
    except FrontMatterFailed as error:
        print(f"{output.name}: not made, {error}", file=sys.stderr)
        output.unlink(missing_ok=True)
        return 1
    finally:
        if front is not None:
            front.unlink(missing_ok=True)
    layout = {
        "front": front_digest,
        "front_pages": front_count,
        "papers": [[part.slug, part.pages, key["pdfs"][part.pdf.name]] for part in parts],
    }
    Path(INPUTS).write_text(json.dumps({"key": key, "layout": layout}), encoding="utf-8")
    seconds = time.perf_counter() - started
    count = f"{len(papers)} paper{'s' * (len(papers) != 1)}"
    print(f"PDF {output.name} ({count}, {seconds:.1f} s)", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m research_series.pdf.volume [--timeout S]``, in the LaTeX folder."""
    parser = argparse.ArgumentParser(prog="research_series.pdf.volume", description=__doc__)
    parser.add_argument(
        "--timeout", type=float, default=TEX_TIMEOUT, help="seconds XeLaTeX may take"
    )
    args = parser.parse_args(argv)
    return build_volume(args.timeout)


if __name__ == "__main__":
    sys.exit(main())

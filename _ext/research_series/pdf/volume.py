"""The series volume, assembled from the papers' own PDFs rather than typeset again.

Typesetting the volume repeated every paper's TeX run in one ever longer job
(about 1,500 pages at 500 papers), on every edit. Now:

- at build time (Sphinx), the volume's ``series.tex`` keeps its preamble and
  cover but none of the papers (:class:`VolumeWithoutPapers`), and
  ``series.volume.json`` lists the papers in series order with what the contents
  print (:func:`write_manifest`);
- at make time, once every paper's PDF is made, :func:`build_volume` typesets a
  small front matter (the cover and a contents with each paper's authors and
  first page) from that preamble, in one XeLaTeX pass, and appends the papers'
  PDFs with pypdf: one bookmark per paper, page labels (the cover, the contents
  i, ii, …, then 1, 2, … through the papers, as the contents count them), and every
  internal link pointing to the same place in the volume (a paper's named
  destinations become explicit ones, so papers' names cannot clash).

``python -m research_series.pdf.volume`` is what the LaTeX folder's Makefile runs
for ``series.pdf``; it does nothing when the volume is newer than all it is made
of.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..model.papers import VOLUME, is_paper_docname
from ..model.report import join_names
from ..reading.domain import research_domain
from .passes import NO_CJK, needs
from .transforms import VOLUME_PAPERS

#: What the LaTeX build leaves for the volume: the papers in order.
MANIFEST = f"{VOLUME}.volume.json"
#: The front matter's source and job name (not ``*.tex``: the Makefile compiles those).
FRONT = f"{VOLUME}-front"
FRONT_SOURCE = f"{FRONT}.ltx"
#: Named destination of a paper's first page, for the contents' links.
TARGET_PREFIX = "volume."


class VolumeWithoutPapers(SphinxPostTransform):
    """The volume's ``.tex`` holds its cover only: the papers come from their PDFs."""

    builders = ("latex",)
    default_priority = 5  # before OrderVolume, which then has nothing to order

    def run(self, **kwargs: Any) -> None:
        papers = [
            node
            for node in self.document.findall(addnodes.start_of_file)
            if is_paper_docname(node["docname"]) and node.parent is not None
        ]
        if not papers:  # a paper's own document
            return
        # the title page (:class:`.transforms.VolumeTitlePage`) still names their years
        self.document[VOLUME_PAPERS] = [node["docname"] for node in papers]
        for node in papers:
            node.parent.remove(node)
        # what is left of the index page (its toctree's captions) is not printed either
        for section in list(self.document.findall(nodes.section)):
            if section.parent is not None:
                section.parent.remove(section)


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (LaTeX): the papers the volume holds, in series order."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    manifest = outdir / MANIFEST
    if not (outdir / f"{VOLUME}.tex").exists():
        manifest.unlink(missing_ok=True)
        return
    engine = app.config.latex_engine
    reports = research_domain(app.env).reports
    papers = []
    for start, target, *_ in app.config.latex_documents:
        stem = Path(target).stem
        record = reports.get(start)
        if stem == VOLUME or record is None or not (outdir / target).exists():
            continue
        report = record.report
        authors = join_names(report.author_names)
        papers.append(
            {
                "slug": stem,
                "number": report.number,
                "year": report.date.year,
                "title": report.title,
                "title_tex": texescape.escape(report.title, engine),
                "authors_tex": texescape.escape(authors, engine),
            }
        )
    papers.sort(key=lambda paper: (paper["number"], paper["slug"]))
    text = json.dumps({"papers": papers}, indent=1, ensure_ascii=False) + "\n"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != text:
        manifest.write_text(text, encoding="utf-8")


# ---- make time ----------------------------------------------------------------------------


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


def assemble(front: Path, papers: Sequence[tuple[Paper, Path]], output: Path) -> None:
    """Front matter, then each paper's PDF: bookmarks, page labels, links kept."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle

    writer = PdfWriter()
    front_reader = PdfReader(front)
    readers = [(paper, PdfReader(path)) for paper, path in papers]
    first_pages: dict[str, int] = {}
    offset = len(front_reader.pages)
    for paper, reader in readers:
        first_pages[TARGET_PREFIX + paper.slug] = offset
        offset += len(reader.pages)

    relink = [_append(writer, front_reader, first_pages.get)]
    writer.add_outline_item(title="Contents", page_number=min(1, len(front_reader.pages) - 1))
    for paper, reader in readers:
        start = len(writer.pages)
        relink.append(_append(writer, reader, None))
        writer.add_outline_item(title=f"{paper.number}. {paper.title}", page_number=start)
    for links in relink:  # once every page is in: the contents link to the papers
        links()
    front_count = len(front_reader.pages)
    # The cover has no number; the contents count from i, as printed.
    writer.set_page_label(0, 0, prefix="Cover")
    if front_count > 1:
        writer.set_page_label(1, front_count - 1, style=PageLabelStyle.LOWERCASE_ROMAN, start=1)
    if len(writer.pages) > front_count:
        writer.set_page_label(
            front_count, len(writer.pages) - 1, style=PageLabelStyle.DECIMAL, start=1
        )
    writer.page_mode = "/UseOutlines"
    if front_reader.metadata:
        writer.add_metadata(
            {key: str(value) for key, value in front_reader.metadata.items() if key != "/Producer"}
        )
    partial = output.with_name(output.name + ".part")
    with partial.open("wb") as stream:
        writer.write(stream)
    partial.replace(output)


def _append(
    writer: Any, reader: Any, outside: Callable[[str], int | None] | None
) -> Callable[[], None]:
    """Append *reader*'s pages; what it returns makes each link's destination explicit.

    *outside* resolves names that point into other parts of the volume (the
    contents' links to papers); other names are the document's own.
    """
    from pypdf.generic import ArrayObject, NameObject

    source_pages = {
        (ref.idnum, ref.generation): n
        for n, page in enumerate(reader.pages)
        if (ref := page.indirect_reference) is not None
    }
    named = {str(name): dest for name, dest in reader.named_destinations.items()}
    added = [writer.add_page(page) for page in reader.pages]

    def target(destination: Any) -> ArrayObject | None:
        if isinstance(destination, list):  # an explicit destination: [page /XYZ ...]
            ref = destination[0]
            index = source_pages.get((getattr(ref, "idnum", -1), getattr(ref, "generation", 0)))
            if index is None:
                return None
            return ArrayObject([added[index].indirect_reference, *list(destination)[1:]])
        name = str(destination)
        if outside is not None and (page := outside(name)) is not None:
            return ArrayObject([writer.pages[page].indirect_reference, NameObject("/Fit")])
        dest = named.get(name)
        if dest is None:
            return None
        index = reader.get_destination_page_number(dest)
        if index < 0:
            return None
        array = dest.dest_array
        return ArrayObject([added[index].indirect_reference, *list(array)[1:]])

    def relink() -> None:
        for page in added:
            _relink_page(page, target)

    return relink


def _relink_page(page: Any, target: Callable[[Any], Any]) -> None:
    from pypdf.generic import NameObject

    for annotation in page.get("/Annots", []) or []:
        annotation = annotation.get_object()
        if annotation.get("/Subtype") != "/Link":
            continue
        if "/Dest" in annotation:
            new = target(annotation["/Dest"])
            if new is not None:
                annotation[NameObject("/Dest")] = new
        action = annotation.get("/A")
        if action is not None:
            action = action.get_object()
            if action.get("/S") == "/GoTo" and "/D" in action:
                new = target(action["/D"])
                if new is not None:
                    action[NameObject("/D")] = new


#: What the last volume was made from, so that a no-op can tell (the LaTeX build
#: writes ``series.tex`` and the manifest again each time, with the same text).
INPUTS = f"{VOLUME}.volume-inputs.json"


def _inputs_key(texts: Sequence[Path], pdfs: Sequence[Path]) -> dict[str, object]:
    """Digests of the texts; each paper PDF's size and time (only ``make`` rewrites them)."""
    return {
        "texts": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in texts},
        "pdfs": {path.name: [path.stat().st_size, path.stat().st_mtime_ns] for path in pdfs},
    }


def _up_to_date(output: Path, key: dict[str, object]) -> bool:
    try:
        return output.exists() and json.loads(Path(INPUTS).read_text(encoding="utf-8")) == key
    except (OSError, ValueError):
        return False


def build_volume(timeout: float = 300) -> int:
    """Make ``series.pdf`` in the LaTeX folder (the current one); 0 when made or up to date."""
    from .make import TEX_SANDBOX, TIMED_OUT, _run_limited

    started = time.perf_counter()
    folder = Path()
    manifest = folder / MANIFEST
    tex = folder / f"{VOLUME}.tex"
    output = folder / f"{VOLUME}.pdf"
    papers = read_manifest(manifest)
    pdfs = [folder / f"{paper.slug}.pdf" for paper in papers]
    missing = [path.name for path in pdfs if not path.exists()]
    if missing:
        print(f"{output.name}: not made, {', '.join(missing)} missing", file=sys.stderr)
        output.unlink(missing_ok=True)
        return 1
    key = _inputs_key([manifest, tex], pdfs)
    if _up_to_date(output, key):
        return 0
    Path(INPUTS).unlink(missing_ok=True)
    from pypdf import PdfReader

    counts = [len(PdfReader(path).pages) for path in pdfs]
    starts = []
    page = 1
    for count in counts:
        starts.append(page)
        page += count
    text = tex.read_text(encoding="utf-8")
    source = front_source(volume_preamble(text), papers, starts, volume_title_page(text))
    (folder / FRONT_SOURCE).write_text(source, encoding="utf-8")
    env = {**os.environ, **TEX_SANDBOX}
    command = [
        "xelatex",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
        f"-jobname={FRONT}",
        FRONT_SOURCE,
    ]
    front = folder / f"{FRONT}.pdf"
    with open(folder / f"{FRONT}.xelatex.log", "w", encoding="utf-8") as log:
        status = _run_limited(command, log, env, timeout)
    if status != 0 or not front.exists():
        why = "timed out" if status == TIMED_OUT else "XeLaTeX failed"
        print(
            f"{output.name}: not made, its front matter {why} "
            f"(full log: {folder / (FRONT + '.log')})",
            file=sys.stderr,
        )
        output.unlink(missing_ok=True)
        return 1
    try:
        assemble(front, list(zip(papers, pdfs, strict=True)), output)
    finally:
        front.unlink(missing_ok=True)
    Path(INPUTS).write_text(json.dumps(key), encoding="utf-8")
    seconds = time.perf_counter() - started
    print(f"PDF {output.name} ({len(papers)} papers, {seconds:.1f} s)", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m research_series.pdf.volume [--timeout S]``, in the LaTeX folder."""
    parser = argparse.ArgumentParser(prog="research_series.pdf.volume", description=__doc__)
    parser.add_argument("--timeout", type=float, default=300, help="seconds XeLaTeX may take")
    args = parser.parse_args(argv)
    return build_volume(args.timeout)


if __name__ == "__main__":
    sys.exit(main())

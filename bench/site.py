"""Whole-site rows: ``make site`` as Read the Docs runs it, by phase, full and incremental.

``make site`` is ``research-series site``: HTML, then the LaTeX build, every
paper's PDF and the volume, then EPUB, then the downloads, in one process that
prints each phase's time. That command is timed here whole (wall, CPU and peak
memory of it and everything it runs) and each phase has a row with the time it
printed; the volume's share of the PDF phase is read from its line in the make
output, and each paper's PDF time from ``V=1``'s line per paper. The same
command is then run with nothing changed (no-op), after one paper's body is
edited and after one paper's ``.bib`` is edited. A minimal XeLaTeX document with
the series' fonts is timed in the same run, so the per-paper cost can be given as
a ratio on the same (possibly loaded) machine.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from bench.generate import Paper
from bench.measure import Measure, Row, clean, edit_bib, edit_body, run_measured

MINIMAL_TEX = r"""\documentclass[letterpaper,10pt]{article}
\usepackage{fontspec}
\setmainfont{FreeSerif}[Extension=.otf,UprightFont=*,ItalicFont=*Italic,BoldFont=*Bold,
  BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf,UprightFont=*,ItalicFont=*Oblique,BoldFont=*Bold,
  BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9,Extension=.otf,UprightFont=*,ItalicFont=*Oblique,
  BoldFont=*Bold,BoldItalicFont=*BoldOblique]
\begin{document}
A minimal document: \textit{italic}, \textbf{bold}, \textsf{sans}, \texttt{mono}.
\end{document}
"""

_PAPER_LINE = re.compile(r"^PDF (\S+)\.pdf \((\d+(?:\.\d+)?) s\)", re.MULTILINE)
_VOLUME_LINE = re.compile(r"^PDF series\.pdf \(\d+ papers, (\d+(?:\.\d+)?) s\)", re.MULTILINE)


PHASES = ("HTML", "PDF/UA", "LaTeX", "PDFs", "EPUB", "downloads")
_PHASE_LINE = re.compile(r"^research-series site: (\S+) (\d+(?:\.\d+)?) s$", re.MULTILINE)


def _site(
    src: Path, build: Path, logs: Path, tag: str, timeout: float | None
) -> tuple[Measure, dict[str, float]]:
    """``make site``'s command, timed whole, and the seconds it printed for each phase."""
    command = [sys.executable, "-m", "research_series.editor.cli", "site", str(src),
               "--builddir", str(build), "--sphinx-options", "-q -W --keep-going"]  # fmt: skip
    # V=1: the LaTeX folder's Makefile prints a line per paper, with its time
    measure = run_measured(command, logs / f"{tag}.log", env={"V": "1"}, timeout=timeout)
    text = Path(measure.log).read_text(encoding="utf-8", errors="replace")
    return measure, {name: float(seconds) for name, seconds in _PHASE_LINE.findall(text)}


def _pdf_times(measure: Measure) -> tuple[dict[str, float], float | None]:
    """Each paper's PDF time and the volume's, from the V=1 lines of the make output."""
    text = Path(measure.log).read_text(encoding="utf-8", errors="replace")
    papers = {name: float(seconds) for name, seconds in _PAPER_LINE.findall(text)}
    papers.pop("series", None)
    volume = _VOLUME_LINE.search(text)
    return papers, float(volume[1]) if volume else None


def _outputs(build: Path) -> dict[str, int]:
    found = {}
    for folder, pattern in (
        ("html", "**/*.html"),
        ("latex", "*.pdf"),
        ("pdfua", "*.pdf"),
        ("epub", "*.epub"),
    ):
        for path in (build / folder).glob(pattern):
            found[f"{folder}/{path.relative_to(build / folder)}"] = path.stat().st_mtime_ns
    for path in (build / "html" / "downloads").glob("*"):
        found[f"downloads/{path.name}"] = path.stat().st_mtime_ns
    return found


def _split(phases: dict[str, float]) -> str:
    return ", ".join(f"{name} {phases[name]:.1f}" for name in PHASES if name in phases)


def minimal_xelatex(work: Path, runs: int = 5) -> Measure:
    """The median of *runs* XeLaTeX runs of a one-page document with the series' fonts."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "minimal.tex").write_text(MINIMAL_TEX, encoding="utf-8")
    command = ["xelatex", "-interaction=batchmode", "-output-directory", str(work)]
    measures = [
        run_measured([*command, str(work / "minimal.tex")], work / f"minimal-{i}.log")
        for i in range(runs)
    ]
    return sorted(measures, key=lambda m: m.wall)[(runs - 1) // 2]


def one_paper_alone(latex: Path, slug: str, logs: Path, runs: int = 5) -> Measure:
    """One paper's PDF made from scratch (``pdf.make``, as ``make`` runs it), median of *runs*."""
    command = [sys.executable, "-m", "research_series.pdf.make", "--", slug]
    measures = []
    for i in range(runs):
        for suffix in (".pdf", ".inputs.json", ".aux", ".fdb_latexmk"):
            (latex / f"{slug}{suffix}").unlink(missing_ok=True)
        measures.append(
            run_measured(["sh", "-c", f'cd "{latex}" && exec "$@"', "sh", *command],
                         logs / f"alone-{i}.log")
        )  # fmt: skip
    return sorted(measures, key=lambda m: m.wall)[(runs - 1) // 2]


def bench_site(n: int, src: Path, target: Paper, timeout: float | None) -> list[Row]:
    base = src.parent / "build-site"
    build, logs = base / "out", base / "logs"
    clean(base)
    rows: list[Row] = []
    minimal = minimal_xelatex(base / "minimal")
    full, phases = _site(src, build, logs, "full", timeout)
    papers, volume = _pdf_times(full)
    failed = f"failed (exit {full.returncode}): {full.log}" if full.returncode else ""
    rows.append(Row(n, "ours", "make site full", full.wall, full.cpu, full.rss_mb,
                    note=failed or f"all phases: {_split(phases)}"))  # fmt: skip
    for name in PHASES:
        if name in phases:
            rows.append(Row(n, "ours", f"  site: {name}", phases[name]))
    pdf = phases.get("PDFs")
    if volume is not None and pdf:
        share = f"{volume / (pdf - volume):.1%} of the papers' PDFs"
        rows.append(Row(n, "ours", "  site: of which volume", volume, note=share))
    if papers:
        times = list(papers.values())
        mean, worst = statistics.fmean(times), max(times)
        rows.append(
            Row(
                n,
                "ours",
                "PDF per paper",
                mean,
                note=f"mean of {len(times)} (max {worst:.1f} s); minimal XeLaTeX "
                f"{minimal.wall:.2f} s in this run: {mean / minimal.wall:.1f}x",
                extra={"mean": mean, "max": worst, "minimal": minimal.wall},
            )
        )
    rows.append(Row(n, "ours", "minimal XeLaTeX", minimal.wall, minimal.cpu, minimal.rss_mb))
    steps: tuple[tuple[str, Callable[[Path, Paper], None] | None], ...] = (
        ("make site no-op", None),
        ("make site, one body edited", edit_body),
        ("make site, one .bib edited", edit_bib),
    )
    for label, edit in steps:
        before = _outputs(build)
        if edit is not None:
            edit(src, target)
        measure, phases = _site(src, build, logs, label.split()[-2], timeout)
        after = _outputs(build)
        changed = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
        shown = ", ".join(changed[:8]) + (f" +{len(changed) - 8}" if len(changed) > 8 else "")
        status = f"failed (exit {measure.returncode}); " if measure.returncode else ""
        note = f"{status}{_split(phases)}; {len(changed)} outputs rewritten: {shown}"
        row = Row(n, "ours", label, measure.wall, measure.cpu, measure.rss_mb, note=note)
        row.pages = len(changed)
        rows.append(row)
    # last: it remakes one paper's PDF, which would make the volume out of date; the
    # minimal document again, at the same time
    minimal = minimal_xelatex(base / "minimal")
    alone = one_paper_alone(build / "latex", target.slug, logs)
    rows.append(
        Row(
            n,
            "ours",
            "one paper's PDF alone",
            alone.wall,
            alone.cpu,
            alone.rss_mb,
            note=f"median of 5, nothing else of ours running: {alone.wall / minimal.wall:.1f}x "
            f"the minimal document's wall, {alone.cpu / minimal.cpu:.1f}x its CPU",
            extra={"ratio_wall": alone.wall / minimal.wall, "ratio_cpu": alone.cpu / minimal.cpu},
        )
    )
    return rows

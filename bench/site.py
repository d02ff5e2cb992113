"""Whole-site rows: ``make site`` as Read the Docs runs it, by phase, full and incremental.

``make site`` is HTML, then ``latexpdf`` (the LaTeX build, every paper's PDF, the
volume), then EPUB, then ``collect-downloads``. Each phase is run here as its
own timed process with the commands the Makefile uses, so the full row is their
sum and each phase has its own row; the volume's share of the PDF phase is read
from its line in the make output, and each paper's PDF time from ``V=1``'s line
per paper. The same phases are then run with nothing changed (no-op), after one
paper's body is edited and after one paper's ``.bib`` is edited. A minimal
XeLaTeX document with the series' fonts is timed in the same run, so the
per-paper cost can be given as a ratio on the same (possibly loaded) machine.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from bench.generate import Paper
from bench.run import Measure, Row, clean, edit_bib, edit_body, run_measured

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


def _phases(src: Path, build: Path, logs: Path, tag: str, timeout: float | None) -> list[Measure]:
    """HTML, LaTeX, PDFs (volume included), EPUB, downloads: as ``make site`` runs them."""
    python = sys.executable
    strict = ["-q", "-W", "--keep-going"]
    steps: list[tuple[str, list[str], dict[str, str]]] = [
        ("html", [python, "-m", "sphinx", "-M", "html", str(src), str(build), *strict], {}),
        ("latex", [python, "-m", "sphinx", "-M", "latex", str(src), str(build), *strict], {}),
        ("pdf", ["make", "-C", str(build / "latex"), "all-pdf", "V=1"], {}),
        ("epub", [python, "-m", "sphinx", "-M", "epub", str(src), str(build), *strict], {}),
        (
            "downloads",
            [python, "-m", "research_series.editor.cli", "collect-downloads", str(build)],
            {},
        ),
    ]
    return [
        run_measured(command, logs / f"{tag}-{name}.log", env=env, timeout=timeout)
        for name, command, env in steps
    ]


def _pdf_times(measure: Measure) -> tuple[dict[str, float], float | None]:
    text = Path(measure.log).read_text(encoding="utf-8", errors="replace")
    papers = {name: float(seconds) for name, seconds in _PAPER_LINE.findall(text)}
    papers.pop("series", None)
    volume = _VOLUME_LINE.search(text)
    return papers, float(volume[1]) if volume else None


def _outputs(build: Path) -> dict[str, int]:
    found = {}
    for folder, pattern in (("html", "**/*.html"), ("latex", "*.pdf"), ("epub", "*.epub")):
        for path in (build / folder).glob(pattern):
            found[f"{folder}/{path.relative_to(build / folder)}"] = path.stat().st_mtime_ns
    for path in (build / "html" / "downloads").glob("*"):
        found[f"downloads/{path.name}"] = path.stat().st_mtime_ns
    return found


def _total(n: int, name: str, measures: list[Measure], note: str) -> Row:
    return Row(
        n,
        "ours",
        name,
        sum(m.wall for m in measures),
        sum(m.cpu for m in measures),
        max(m.rss_mb for m in measures),
        None,
        note,
    )


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
    full = _phases(src, build, logs, "full", timeout)
    papers, volume = _pdf_times(full[2])
    failed = [m.log for m in full if m.returncode != 0]
    rows.append(_total(n, "make site full", full, f"failed: {failed}" if failed else "all phases"))
    phases = ("HTML", "LaTeX", "PDFs + volume", "EPUB", "downloads")
    for name, measure in zip(phases, full, strict=True):
        rows.append(Row(n, "ours", f"  site: {name}", measure.wall, measure.cpu, measure.rss_mb))
    pdf = full[2]
    if volume is not None:
        share = f"{volume / (pdf.wall - volume):.1%} of the papers' PDFs"
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
        measures = _phases(src, build, logs, label.split()[-2], timeout)
        after = _outputs(build)
        changed = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
        shown = ", ".join(changed[:8]) + (f" +{len(changed) - 8}" if len(changed) > 8 else "")
        split = ", ".join(
            f"{name} {m.wall:.1f}"
            for name, m in zip(
                ("HTML", "LaTeX", "PDFs", "EPUB", "downloads"), measures, strict=True
            )
        )
        note = f"{split}; {len(changed)} outputs rewritten: {shown}"
        row = _total(n, label, measures, note)
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

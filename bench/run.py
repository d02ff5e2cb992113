"""Build the synthetic series with our toolchain and with vanilla Sphinx, side by side.

For each number of papers N it generates both projects (``bench/generate.py``) under
``bench/_work/`` and times, as separate ``sphinx-build`` processes, the rows below.
Wall time is measured around the process; CPU time and peak memory come from
``os.wait4`` (the child's ``rusage``, which includes the ``-j`` worker processes it
waited for; peak RSS is that of the largest single process).

rows (``--rows``):
  full      full HTML build at -j 1 (clean output and doctrees)
  j2        full HTML build at -j 2, output compared file by file with the -j 1 build
  noop      rebuild of the -j 1 output with nothing changed
  body      one paper's body edited (a paragraph appended), then rebuilt
  bib       one paper's references.bib edited (a cited title changed), then rebuilt
  epub      full ``-b epub`` build (clean)
  crossref  ``-b crossref`` (what ``make crossref --all`` runs) after the full -j 1 HTML
            build, sharing its doctrees: every paper in one deposit batch
  pdf       ``-b latex`` on a separate --pdf-papers series, then ``make all-pdf`` at -j1 and -j2
  site      ``make site`` by phase (HTML, LaTeX, PDFs and volume, EPUB, downloads): full,
            no-op, one body edited, one .bib edited; per-paper PDF time against a minimal
            XeLaTeX document (bench/site.py)

"pages rewritten" counts output .html files whose mtime changed (or that are new).
A sub-second process's time varies by several per cent from run to run, so each
incremental row (noop, body, bib) that takes under 5 s is run ``--repeat`` times, a
new edit each time, and the run with the median wall time is shown.
Benchmarks print figures; nothing here asserts a timing. Example:

    .venv/bin/python -m bench.run --sizes 50,200,500 --vanilla-max 200
"""

from __future__ import annotations

import argparse
import cProfile
import filecmp
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

if __package__ in (None, ""):  # run as ``python bench/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import Paper, edit_target, generate
from bench.measure import Measure, Row, clean, edit_bib, edit_body, run_measured
from bench.site import bench_site

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "_work"
ALL_ROWS = ("full", "j2", "noop", "body", "bib", "epub", "crossref", "pdf", "site")
# Incremental rows faster than this (seconds) are run --repeat times and the median shown.
SHORT_ROW = 5.0
PROJECTS = ("ours", "vanilla")


def sphinx(builder: str, src: Path, out: Path, doctrees: Path, jobs: int) -> list[str]:
    return [
        sys.executable, "-m", "sphinx", "-b", builder, "-q", "-j", str(jobs),
        "-d", str(doctrees), str(src), str(out),
    ]  # fmt: skip


def snapshot(outdir: Path) -> dict[str, int]:
    return {
        str(path.relative_to(outdir)): path.stat().st_mtime_ns
        for path in outdir.rglob("*")
        if path.is_file()
    }


def rewritten(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths whose bytes differ, or that exist on one side only."""
    a, b = snapshot(left), snapshot(right)
    names = sorted(set(a) | set(b))
    return [
        name
        for name in names
        if name not in a
        or name not in b
        or not filecmp.cmp(left / name, right / name, shallow=False)
    ]


def describe(measure: Measure) -> str:
    parts = []
    if measure.returncode:
        parts.append(f"exit {measure.returncode} (log: {Path(measure.log).name})")
    if measure.warnings:
        parts.append(f"{measure.warnings} warnings")
    return "; ".join(parts)


# Pages Sphinx's HTML builder writes at the end of every build, whatever changed.
ALWAYS_WRITTEN = frozenset({"genindex.html", "search.html", "py-modindex.html"})


def content_pages(files: list[str]) -> list[str]:
    return [f for f in files if f.endswith(".html") and f not in ALWAYS_WRITTEN]


def pages_note(files: list[str]) -> str:
    pages = content_pages(files)
    shown = ", ".join(name.removesuffix(".html") for name in pages[:4])
    more = f" +{len(pages) - 4}" if len(pages) > 4 else ""
    always = sorted(f.removesuffix(".html") for f in files if f in ALWAYS_WRITTEN)
    others = len(files) - len(pages) - len(always)
    extra = f" (+ {', '.join(always)} and {others} other files)" if always or others else ""
    return (f"{shown}{more}" if pages else "no pages") + extra


def row_from(n: int, project: str, name: str, measure: Measure, note: str = "") -> Row:
    notes = "; ".join(part for part in (note, describe(measure)) if part)
    return Row(n, project, name, measure.wall, measure.cpu, measure.rss_mb, None, notes)


def median_run(measures: list[Measure]) -> Measure:
    """The run with the median wall time (its CPU and memory with it)."""
    return sorted(measures, key=lambda m: m.wall)[(len(measures) - 1) // 2]


def bench_html(
    n: int,
    project: str,
    src: Path,
    target: Paper,
    rows: set[str],
    timeout: float | None,
    repeat: int = 1,
) -> list[Row]:
    base = src.parent / f"build-{project}"
    logs = base / "logs"
    html1, dt1 = base / "html-j1", base / "doctrees-j1"
    html2, dt2 = base / "html-j2", base / "doctrees-j2"
    result: list[Row] = []
    have_j1 = False
    if rows & {"full", "noop", "body", "bib", "j2", "crossref"}:
        clean(html1, dt1)
        m = run_measured(sphinx("html", src, html1, dt1, 1), logs / "full-j1.log", timeout=timeout)
        pages = sum(1 for name in snapshot(html1) if name.endswith(".html"))
        result.append(row_from(n, project, "full HTML -j 1", m, f"{pages} pages"))
        have_j1 = m.returncode == 0
        result[-1].extra["pages_total"] = pages
    if "j2" in rows:
        clean(html2, dt2)
        m = run_measured(sphinx("html", src, html2, dt2, 2), logs / "full-j2.log", timeout=timeout)
        note = ""
        if have_j1:
            diff = differing_files(html1, html2)
            note = (
                "output identical to -j 1"
                if not diff
                else (f"{len(diff)} files differ from -j 1: " + ", ".join(diff[:3]))
            )
        result.append(row_from(n, project, "full HTML -j 2", m, note))
        result[-1].extra["identical"] = have_j1 and note == "output identical to -j 1"
        clean(html2, dt2)
    edits = (("noop", "no-op rebuild", None), ("body", "edit one body", edit_body),
             ("bib", "edit one .bib", edit_bib))  # fmt: skip
    for key, label, edit in edits:
        if key not in rows or not have_j1:
            continue
        measures: list[Measure] = []
        changed: set[str] = set()
        while len(measures) < (repeat if all(m.wall < SHORT_ROW for m in measures) else 1):
            before = snapshot(html1)
            if edit is not None:
                time.sleep(0.05)  # a clearly later mtime than the last read
                edit(src, target)  # each repeat edits again: text appended, a title changed
            log = logs / f"{key}-{len(measures) + 1}.log"
            measures.append(run_measured(sphinx("html", src, html1, dt1, 1), log, timeout=timeout))
            changed |= set(rewritten(before, snapshot(html1)))
        files = sorted(changed)
        row = row_from(n, project, label, median_run(measures), pages_note(files))
        if len(measures) > 1:
            walls = sorted(run.wall for run in measures)
            row.note = f"median of {len(walls)}, {walls[0]:.2f}-{walls[-1]:.2f} s; {row.note}"
        content = content_pages(files)
        row.pages = len(content)
        row.extra["pages"] = content
        row.extra["target"] = f"{target.slug}/index.html"
        row.extra["walls"] = [run.wall for run in measures]
        result.append(row)
    if "crossref" in rows and have_j1 and project == "ours":
        deposit = base / "crossref"
        clean(deposit)
        command = [*sphinx("crossref", src, deposit, dt1, 1), "-D", "crossref_redeposit_all=1"]
        m = run_measured(command, logs / "crossref.log", timeout=timeout)
        batch = b"".join(path.read_bytes() for path in deposit.glob("*.xml"))
        papers = batch.count(b"<report-paper>")
        result.append(row_from(n, project, "make crossref --all", m, f"{papers} papers in a batch"))
        clean(deposit)
    if "epub" in rows:
        epub, dte = base / "epub", base / "doctrees-epub"
        clean(epub, dte)
        m = run_measured(sphinx("epub", src, epub, dte, 1), logs / "epub.log", timeout=timeout)
        books = sorted(path.name for path in epub.glob("*.epub"))
        shown = ", ".join(books[:2]) + (f" +{len(books) - 2}" if len(books) > 2 else "")
        result.append(row_from(n, project, "EPUB (all papers)", m, f"{len(books)} .epub: {shown}"))
        result[-1].extra["epubs"] = len(books)
        clean(epub, dte)
    return result


def bench_pdf(n: int, project: str, src: Path, timeout: float | None) -> list[Row]:
    base = src.parent / f"build-{project}"
    logs = base / "logs"
    latex, dtl = base / "latex", base / "doctrees-latex"
    clean(latex, dtl)
    m = run_measured(sphinx("latex", src, latex, dtl, 1), logs / "latex.log", timeout=timeout)
    docs = sorted(path.name for path in latex.glob("*.tex"))
    result = [row_from(n, project, "LaTeX (sphinx-build)", m, f"{len(docs)} .tex")]
    env = {"LATEXOPTS": "-interaction=nonstopmode -halt-on-error", "LATEXMKOPTS": "-silent"}
    for jobs in (1, 2):
        copy = base / f"latex-make-j{jobs}"
        clean(copy)
        shutil.copytree(latex, copy)
        m = run_measured(
            ["make", "-C", str(copy), "all-pdf", f"-j{jobs}"],
            logs / f"pdf-j{jobs}.log",
            env=env,
            timeout=timeout,
        )
        pdfs = sorted(path.name for path in copy.glob("*.pdf"))
        result.append(row_from(n, project, f"PDF make -j {jobs}", m, f"{len(pdfs)} .pdf"))
        result[-1].extra["pdfs"] = len(pdfs)
        clean(copy)
    return result


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| N | project | build | wall s | CPU s | peak RSS MB | pages rewritten | notes |",
        "|---:|---|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        pages = "" if r.pages is None else str(r.pages)
        lines.append(
            f"| {r.n} | {r.project} | {r.row} | {fmt(r.wall)} | {fmt(r.cpu)} | "
            f"{fmt(r.rss_mb, 0)} | {pages} | {r.note} |"
        )
    return "\n".join(lines)


def find(rows: Sequence[Row], n: int, project: str, name: str) -> Row | None:
    return next((r for r in rows if (r.n, r.project, r.row) == (n, project, name)), None)


def cpu_ratio(rows: Sequence[Row], large: int, small: int) -> str:
    """CPU time is less disturbed than wall time by other work on the machine."""
    a, b = find(rows, large, "ours", "full HTML -j 1"), find(rows, small, "ours", "full HTML -j 1")
    if a is None or b is None or not a.cpu or not b.cpu:
        return "n/a"
    return f"{a.cpu:.1f} s / {b.cpu:.1f} s = {a.cpu / b.cpu:.1f}"


def criteria(rows: Sequence[Row], sizes: Sequence[int], pdf_n: int) -> list[str]:
    """The issue's acceptance figures, computed from this run (``n/a`` when not measured)."""
    out: list[str] = []

    def check(label: str, ok: bool | None, figure: str) -> None:
        verdict = "n/a" if ok is None else ("holds" if ok else "FAILS")
        out.append(f"- {label}: {figure} -> {verdict}")

    def wall(n: int, project: str, name: str) -> float | None:
        row = find(rows, n, project, name)
        return row.wall if row is not None and "exit" not in row.note else None

    small, mid, large = min(sizes), (200 if 200 in sizes else None), max(sizes)
    a, b = wall(large, "ours", "full HTML -j 1"), wall(small, "ours", "full HTML -j 1")
    if a and b and large != small:
        limit = 11 * large / small / 10
        check(
            f"full HTML time({large})/time({small}) <= {limit:g}",
            a / b <= limit,
            f"{a:.1f} s / {b:.1f} s = {a / b:.1f} (CPU: {cpu_ratio(rows, large, small)})",
        )
    else:
        check("full HTML scaling", None, "needs two sizes")
    n = mid or large
    ours, van = wall(n, "ours", "full HTML -j 1"), wall(n, "vanilla", "full HTML -j 1")
    if ours and van:
        check(f"N={n}: ours >= 5x faster than vanilla", van / ours >= 5, f"{van / ours:.1f}x")
    else:
        check(f"N={n}: ours >= 5x faster than vanilla", None, "not measured")
    if ours:
        for name in ("no-op rebuild", "edit one body", "edit one .bib"):
            row = find(rows, n, "ours", name)
            if row is None or row.wall is None:
                check(f"N={n}: {name} <= 5% of full", None, "not measured")
                continue
            target = row.extra.get("target")
            expected = set() if name == "no-op rebuild" else {target}
            pages = row.extra.get("pages", [])
            assert isinstance(pages, list)
            only = set(pages) == expected
            share = row.wall / ours
            check(
                f"N={n}: {name} <= 5% of full, rewriting only dependent pages",
                share <= 0.05 and only,
                f"{share:.1%} of full, {len(pages)} pages rewritten",
            )
        j2 = find(rows, n, "ours", "full HTML -j 2")
        if j2 is not None and j2.wall:
            identical = bool(j2.extra.get("identical"))
            check(
                f"N={n}: -j 2 >= 1.4x faster than -j 1, identical output",
                ours / j2.wall >= 1.4 and identical,
                f"{ours / j2.wall:.2f}x, {'identical' if identical else 'output differs'}",
            )
    peak = [r.rss_mb for r in rows if r.n == large and r.project == "ours" and r.rss_mb]
    if peak and large >= 500:
        check(f"peak memory at N={large} < 1 GB", max(peak) < 1024, f"{max(peak):.0f} MB")
    for size in sizes:
        html, epub = wall(size, "ours", "full HTML -j 1"), wall(size, "ours", "EPUB (all papers)")
        if html and epub:
            check(f"N={size}: EPUB <= 1.5x HTML", epub / html <= 1.5, f"{epub / html:.2f}x")
    deposit = wall(large, "ours", "make crossref --all")
    if deposit is not None and large >= 500:
        check(f"N={large}: make crossref < 10 s", deposit < 10, f"{deposit:.1f} s")
    out.extend(site_criteria(rows, sizes, check))
    j1, j2w = wall(pdf_n, "ours", "PDF make -j 1"), wall(pdf_n, "ours", "PDF make -j 2")
    if j1 and j2w:
        check(
            f"N={pdf_n}: PDF make -j 2 >= 1.8x faster than -j 1",
            j1 / j2w >= 1.8,
            f"{j1 / j2w:.2f}x",
        )
    return out


def site_criteria(
    rows: Sequence[Row], sizes: Sequence[int], check: Callable[[str, bool | None, str], None]
) -> list[str]:
    """The whole-site targets (``--rows site``); lines go through *check*."""

    def wall(n: int, name: str) -> float | None:
        row = find(rows, n, "ours", name)
        return row.wall if row is not None else None

    measured = [n for n in sizes if wall(n, "make site full")]
    if len(measured) >= 2:
        small, large = min(measured), max(measured)
        a, b = wall(large, "make site full") or 0.0, wall(small, "make site full") or 1.0
        limit = 11 * large / small / 10
        check(
            f"make site full, time({large}) / time({small}) <= {limit:.1f} (linear)",
            a / b <= limit,
            f"{a:.0f} s / {b:.0f} s = {a / b:.1f}",
        )
    for n in measured:
        full = wall(n, "make site full") or 1.0
        volume, pdfs = wall(n, "  site: of which volume"), wall(n, "  site: PDFs + volume")
        if volume and pdfs:
            share = volume / (pdfs - volume)
            check(f"N={n}: volume <= 10% of the papers' PDFs", share <= 0.10, f"{share:.1%}")
        alone = find(rows, n, "ours", "one paper's PDF alone")
        if alone is not None:
            ratio = float(str(alone.extra.get("ratio_wall", 0)))
            check(f"N={n}: one paper's PDF <= 2.5x minimal XeLaTeX", ratio <= 2.5, f"{ratio:.2f}x")
        # the targets are set at N=200; other sizes are shown for the trend
        for name, limit in (("make site no-op", 0.02), ("make site, one body edited", 0.05),
                            ("make site, one .bib edited", 0.05)):  # fmt: skip
            value = wall(n, name)
            if value:
                label = f"<= {limit:.0%} of full" if n == 200 else "(the target is at N=200)"
                check(f"N={n}: {name} {label}", value / full <= limit if n == 200 else None,
                      f"{value:.1f} s, {value / full:.1%}")  # fmt: skip
    return []


def profile(n: int, seed: int, out: Path, top: int) -> str:
    """cProfile of our full -j 1 HTML build in this process; returns the top functions."""
    from sphinx.cmd.build import build_main

    generated = generate(n, out / f"n{n}", seed)
    build = out / f"n{n}" / "profile"
    clean(build)
    profiler = cProfile.Profile()
    doctrees, html = str(build / "doctrees"), str(build / "html")
    args = ["-b", "html", "-q", "-d", doctrees, str(generated.ours), html]
    profiler.enable()
    build_main(args)
    profiler.disable()
    profiler.dump_stats(str(build / "html.prof"))
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return f"profile written to {build / 'html.prof'}\n" + report.getvalue()


PHASE_EVENTS = (
    "builder-inited",
    "env-before-read-docs",
    "env-updated",
    "env-check-consistency",
    "write-started",
    "build-finished",
)


def build_phases(src: Path, out: Path, doctrees: Path, jobs: int = 1) -> dict[str, float]:
    """One HTML build in this process; seconds between Sphinx's events.

    ``startup`` (application, extensions, pickled environment) ends at
    ``builder-inited``; ``outdated`` is finding what to read; ``read`` ends at
    ``env-updated`` (all parsing and read-time transforms, our citations included);
    ``env-updated+pickle`` covers ``env-updated`` handlers and pickling the
    environment; ``consistency`` the consistency check; ``write`` ends at
    ``build-finished`` (post-transforms, pages, search index, static files); then
    the ``build-finished`` handlers. A phase that does not happen (nothing to read)
    is counted in the next one.
    """
    from sphinx.application import Sphinx

    marks: dict[str, float] = {}

    def marker(name: str) -> Callable[..., None]:
        def handler(*args: object) -> None:
            marks.setdefault(name, time.perf_counter())

        return handler

    start = time.perf_counter()
    app = Sphinx(str(src), str(src), str(out), str(doctrees), "html", status=None,
                 warning=io.StringIO(), parallel=jobs)  # fmt: skip
    for event in PHASE_EVENTS:
        # first among handlers, so a phase ends before our own handlers run
        app.connect(event, marker(event), priority=0)
    marks["builder-inited"] = time.perf_counter()  # the event fired inside Sphinx()
    app.build()
    end = time.perf_counter()
    names = ("outdated", "read", "env-updated+pickle", "consistency", "write")
    points = [marks.get(event) for event in PHASE_EVENTS]
    result = {"startup": marks["builder-inited"] - start}
    previous = points[0]
    for name, point in zip(names, points[1:], strict=True):
        if point is not None and previous is not None:
            result[name] = point - previous
            previous = point
    result["build-finished handlers"] = end - (previous or end)
    result["total"] = end - start
    return result


def phases(n: int, seed: int, work: Path) -> str:
    generated = generate(n, work / f"n{n}", seed)
    build = work / f"n{n}" / "phases"
    clean(build)
    target = edit_target(generated.papers)
    lines = [f"phases of our HTML build, N={n} (seconds, in-process, no profiler)"]
    steps = (("full", None), ("no-op", None), ("edit body", edit_body), ("edit .bib", edit_bib))
    for label, edit in steps:
        if edit is not None:
            edit(generated.ours, target)
        figures = build_phases(generated.ours, build / "html", build / "doctrees")
        lines.append(f"{label:>10}: " + ", ".join(f"{k} {v:.2f}" for k, v in figures.items()))
    return "\n".join(lines)


def revision() -> str:
    """The commit measured (``-dirty`` when the work tree has changes)."""
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {out.stdout.strip()}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join((__doc__ or "").split("\n\n")[1:]),
    )
    parser.add_argument(
        "--sizes", default="50,200,500", help="numbers of papers (default %(default)s)"
    )
    parser.add_argument("--rows", default=",".join(ALL_ROWS), help="rows to run (default all)")
    parser.add_argument("--projects", default="ours,vanilla", help="ours, vanilla or both")
    parser.add_argument(
        "--vanilla-max",
        type=int,
        default=200,
        help="largest N built with the vanilla stack (its cost grows with N squared; "
        "default %(default)s)",
    )
    parser.add_argument("--pdf-papers", type=int, default=20, help="papers in the PDF series")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=WORK, help="where projects are generated")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per build")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each incremental row under 5 s; the median is shown "
                        "(default %(default)s)")  # fmt: skip
    parser.add_argument("--json", type=Path, default=None, help="also write the rows as JSON")
    parser.add_argument("--profile", type=int, default=None, metavar="N",
                        help="instead: cProfile our full HTML build of N papers")  # fmt: skip
    parser.add_argument("--phases", type=int, default=None, metavar="N",
                        help="instead: time the phases of our builds of N papers")  # fmt: skip
    args = parser.parse_args(argv)
    if args.profile:
        print(profile(args.profile, args.seed, args.work, 40))
        return 0
    if args.phases:
        print(phases(args.phases, args.seed, args.work))
        return 0
    sizes = [int(size) for size in args.sizes.split(",") if size]
    rows = {row.strip() for row in args.rows.split(",") if row.strip()}
    unknown = rows - set(ALL_ROWS)
    if unknown:
        parser.error(
            f"unknown rows: {', '.join(sorted(unknown))}; choose from {', '.join(ALL_ROWS)}"
        )
    projects = [p for p in PROJECTS if p in args.projects.split(",")]
    results: list[Row] = []

    def emit(new: list[Row]) -> None:
        results.extend(new)
        for r in new:
            print(f"  {r.n:>4} {r.project:<8} {r.row:<22} {fmt(r.wall):>7} s  {r.note}", flush=True)

    for n in sizes if rows - {"pdf"} else []:
        generated = generate(n, args.work / f"n{n}", args.seed)
        target = edit_target(generated.papers)
        for project in projects:
            if project == "vanilla" and n > args.vanilla_max:
                skipped = f"skipped: N > --vanilla-max {args.vanilla_max}"
                emit([Row(n, project, "all rows", note=skipped)])
                continue
            src = generated.ours if project == "ours" else generated.vanilla
            if rows - {"pdf", "site"}:
                emit(bench_html(n, project, src, target, rows, args.timeout, max(1, args.repeat)))
            if "site" in rows and project == "ours":
                emit(bench_site(n, src, target, args.timeout))
    if "pdf" in rows:
        n = args.pdf_papers
        generated = generate(n, args.work / f"pdf{n}", args.seed)
        for project in projects:
            src = generated.ours if project == "ours" else generated.vanilla
            emit(bench_pdf(n, project, src, args.timeout))
    command = " ".join(["python -m bench.run", *(argv if argv is not None else sys.argv[1:])])
    print(f"\n`{command}` ({os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {revision()})\n")
    print(table(results))
    print("\nCriteria of the issue:\n" + "\n".join(criteria(results, sizes, args.pdf_papers)))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

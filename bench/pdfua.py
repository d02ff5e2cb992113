"""The accessible PDFs' cost: per paper, amortised over a series printed in one process.

Generates N papers (``bench.generate``), builds their HTML once (not timed), then
times ``python -m research_series.pdfua`` (the ``make site`` phase) three ways: every
paper printed, nothing changed, one paper's page changed. Prints one line per run
and the per-paper figure.

Usage: ``python -m bench.pdfua --sizes 50`` (``--work`` for the folder).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.generate import edit_target, generate
from bench.measure import Measure, run_measured

REPO = Path(__file__).resolve().parent.parent


def _html(source: Path, build: Path, logs: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(source),
               str(build / "html"), "-d", str(build / "doctrees")]  # fmt: skip
    measure = run_measured(command, logs / "html.log")
    if measure.returncode != 0:
        raise SystemExit(f"the HTML build failed: {measure.log}")


def _print(build: Path, logs: Path, tag: str) -> Measure:
    command = [sys.executable, "-m", "research_series.pdfua", str(build)]
    measure = run_measured(command, logs / f"pdfua-{tag}.log")
    if measure.returncode != 0:
        raise SystemExit(f"the accessible PDFs failed: {measure.log}")
    return measure


def bench(n: int, work: Path, seed: int = 1) -> list[str]:
    """The lines of one size's figures."""
    out = work / f"pdfua-n{n}"
    shutil.rmtree(out, ignore_errors=True)
    generated = generate(n, out / "generated", seed)
    build, logs = out / "build", out / "logs"
    _html(generated.ours, build, logs)
    full = _print(build, logs, "full")
    unchanged = _print(build, logs, "unchanged")
    edited = generated.ours / edit_target(generated.papers).slug / "index.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne sentence more.\n", "utf-8")
    _html(generated.ours, build, logs)
    one = _print(build, logs, "one-changed")
    return [
        f"accessible PDFs, N={n} (one process; wall / CPU seconds, peak RSS)",
        f"  all printed   {full.wall:6.1f} s  {full.cpu:6.1f} s  {full.rss_mb:5.0f} MB"
        f"  = {full.wall / n:.2f} s per paper",
        f"  none changed  {unchanged.wall:6.1f} s  {unchanged.cpu:6.1f} s",
        f"  one changed   {one.wall:6.1f} s  {one.cpu:6.1f} s",
        "  " + Path(full.log).read_text(encoding="utf-8").strip().splitlines()[-1],
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="50", help="comma-separated paper counts")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "_work")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for n in (int(size) for size in args.sizes.split(",")):
        print("\n".join(bench(n, args.work, args.seed)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

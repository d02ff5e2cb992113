"""Progress of the PDF phase: papers done of total and an estimate of the time left.

``make all-pdf`` runs one :mod:`.make` process per paper, several at a time, so
they share a small file in the LaTeX folder: each appends one line when its
paper is done (made, up to date, or failed). The Makefile gives every process
the run's start time and the number of papers (``RESEARCH_PDF_RUN``,
``RESEARCH_PDF_TOTAL``); lines of earlier runs are ignored.

What is printed: with ``V=1`` (``RESEARCH_PDF_VERBOSE``) one line per paper,
with the count and the time left; otherwise one line each time another tenth of
the papers is done, so a CI log of any series gets at most ten lines.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PROGRESS_FILE = "pdf-progress.txt"
STEPS = 10


def _count(path: Path, run: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(1 for line in lines if line.split(" ", 1)[0] == run)


def _left(seconds: float) -> str:
    if seconds < 90:
        return f"about {max(1, round(seconds))} s left"
    return f"about {round(seconds / 60)} min left"


def line(done: int, total: int, elapsed: float) -> str:
    """``12 of 200 PDFs (6 %), about 4 min left``: the rate so far, for what remains."""
    left = "" if done >= total else ", " + _left(elapsed / done * (total - done))
    return f"{done} of {total} PDFs ({100 * done // total} %){left}"


def paper_done(name: str, made: str | None) -> None:
    """Count *name* as done and print what is due; *made* is its own line (or ``None``).

    Outside ``make all-pdf`` (no run is set) only *made* is printed, as before.
    """
    run = os.environ.get("RESEARCH_PDF_RUN", "")
    try:
        total = int(os.environ.get("RESEARCH_PDF_TOTAL", "0"))
    except ValueError:
        total = 0
    verbose = os.environ.get("RESEARCH_PDF_VERBOSE", "") not in ("", "0")
    if not run or total <= 0:
        if made:
            print(made, flush=True)
        return
    path = Path(PROGRESS_FILE)
    # One short write with O_APPEND: the parallel processes' lines do not mix.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{run} {name}\n".encode())
    finally:
        os.close(fd)
    done = min(_count(path, run), total)
    try:
        elapsed = max(0.0, time.time() - float(run))
    except ValueError:
        elapsed = 0.0
    status = line(done, total, elapsed)
    if verbose:
        print(f"{made or f'PDF {name}.pdf (up to date)'} [{status}]", flush=True)
    elif done * STEPS // total > (done - 1) * STEPS // total:
        print(status, flush=True)

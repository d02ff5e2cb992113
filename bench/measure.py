"""What every benchmark row is made of: one timed process, a row of the table, and the
edits the incremental rows make (``run.py`` and ``site.py`` both use them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import BIB_FILENAME, Paper


@dataclass
class Measure:
    """One timed process."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    warnings: int
    log: str


@dataclass
class Row:
    n: int
    project: str
    row: str
    wall: float | None = None
    cpu: float | None = None
    rss_mb: float | None = None
    pages: int | None = None
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def run_measured(
    command: Sequence[str],
    log: Path,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> Measure:
    """Run *command*, its output to *log*; wall, CPU (user+sys) and peak RSS of the process."""
    log.parent.mkdir(parents=True, exist_ok=True)
    environ = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1", **(env or {})}
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=environ,
        )
        # A blocking wait (a killer thread enforces the timeout): polling would add up
        # to a polling interval to every measured time.
        killer = threading.Timer(timeout, proc.kill) if timeout else None
        if killer is not None:
            killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        if killer is not None:
            killer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    return Measure(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        returncode=proc.returncode,
        warnings=text.count("WARNING:"),
        log=str(log),
    )


def clean(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            shutil.rmtree(path)


def edit_body(src: Path, paper: Paper) -> None:
    path = src / paper.slug / "index.md"
    text = path.read_text(encoding="utf-8")
    head, sep, notes = text.partition("\n[^")
    addition = "\nAn editor's added paragraph: the argument is restated for clarity.\n"
    path.write_text(head.rstrip("\n") + "\n" + addition + sep + notes, encoding="utf-8")


def edit_bib(src: Path, paper: Paper) -> None:
    path = src / paper.slug / BIB_FILENAME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title = {", "title = {Revised: ", 1), encoding="utf-8")

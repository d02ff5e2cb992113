"""``make preview``: served on loopback, rebuilt and reloaded when a paper changes."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import REPO, ProjectFactory, paper

TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return None  # not serving yet, or the page was rewritten while it was being sent


def wait_for(condition: Callable[[], bool], what: str, log: Path) -> None:
    """Poll until *condition* holds, at most ``TIMEOUT`` seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"preview: {what} within {TIMEOUT:.0f} s; its output:\n{log.read_text()}")


@pytest.fixture
def preview(make_project: ProjectFactory, tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    srcdir = make_project({"alpha/index.md": paper("Alpha", body="## One\n\nFirst words.\n")})
    port = free_port()
    log = tmp_path / "preview.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "research_series.editor.cli", "preview", str(srcdir)),
                *("--port", str(port), "--builddir", str(tmp_path / "_build")),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
            start_new_session=True,  # stopped with everything it started
        )
    try:
        yield srcdir, f"http://127.0.0.1:{port}/alpha/index.html", log
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)


def test_preview_rebuilds_on_edit_and_keeps_serving(preview: tuple[Path, str, Path]) -> None:
    srcdir, url, log = preview
    wait_for(lambda: "First words." in (fetch(url) or ""), "serves the paper", log)
    assert "/websocket-reload" in (fetch(url) or "")  # the page reloads itself

    index = srcdir / "alpha" / "index.md"
    index.write_text(paper("Alpha", body="## One\n\nSecond words.\n"), encoding="utf-8")
    wait_for(lambda: "Second words." in (fetch(url) or ""), "shows the edit", log)

    # A problem: shown in the terminal with file and line, the page still served.
    broken = paper("Alpha", body="## One\n\nThird words[^nowhere].\n")
    index.write_text(broken, encoding="utf-8")
    wait_for(lambda: "Third words" in (fetch(url) or ""), "shows the edit with a problem", log)
    wait_for(
        lambda: (
            f"{index}:13: WARNING: footnote mark [^nowhere] has no definition" in log.read_text()
        ),
        "names the problem",
        log,
    )
    bib = srcdir / "alpha" / "references.bib"
    bib.write_text("@book{x,\n  title = {Unclosed\n", encoding="utf-8")
    wait_for(lambda: f"{bib}:2: WARNING: " in log.read_text(), "rebuilds on a .bib change", log)
    assert "Traceback" not in log.read_text()


def test_make_preview_passes_port_and_builddir() -> None:
    dry = subprocess.run(
        ["make", "-n", "preview", "PORT=8765", "BUILDDIR=/tmp/elsewhere", "VENV=/venv"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        '/venv/bin/research-series preview "papers" --port "8765" --builddir "/tmp/elsewhere"'
    ) in dry.stdout
    assert '-e ".[preview]"' in dry.stdout
    assert "--constraint requirements.lock" in dry.stdout


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def processes_with(marker: str) -> list[str]:
    """The command lines of running processes that name *marker*."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if marker in cmdline and proc.name.isdigit() and int(proc.name) != os.getpid():
            found.append(cmdline)
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_make_preview_stops_with_its_server_when_make_is_stopped(
    make_project: ProjectFactory, tmp_path: Path, stop: signal.Signals
) -> None:
    """``kill <pid of make>`` (an IDE, a process manager) leaves nothing serving."""
    srcdir = make_project({"alpha/index.md": paper("Alpha", body="## One\n\nWords.\n")})
    port = free_port()
    log = tmp_path / "make.log"
    with log.open("w") as out:
        make = subprocess.Popen(
            [
                *("make", "-C", str(REPO), "preview", f"SOURCEDIR={srcdir}", f"PORT={port}"),
                *(f"BUILDDIR={tmp_path / '_build'}", f"VENV={sys.prefix}", "PREVIEW_STAMP="),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1"},
        )
    try:
        wait_for(lambda: listening(port), "listens", log)
        make.send_signal(stop)  # make alone, not its process group
        make.wait(timeout=20)
        wait_for(lambda: not listening(port), "stops listening", log)
        wait_for(lambda: not processes_with(str(srcdir)), "leaves no process behind", log)
    finally:
        for cmdline in processes_with(str(srcdir)):
            print("left running:", cmdline)
        if make.poll() is None:
            make.kill()

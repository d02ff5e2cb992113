"""``research-series preview``: the series served on 127.0.0.1, rebuilt and reloaded live.

sphinx-autobuild watches the series folder (every paper, its ``.bib``, ``conf.py``),
rebuilds what changed and reloads the browser. The preview is not strict: a
paper with problems is still written, so the editor sees the rest of an edit,
and each problem is printed in the terminal as ``file:line: WARNING: ...``
(the strict build, ``make html``, would withhold that page and fail). A build
that cannot finish at all (a broken ``conf.py``) leaves the last complete site
served.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from .build import PROBLEMS, check_conf
from .errors import CommandError

#: Loopback only: a preview is for the editor at this machine.
HOST = "127.0.0.1"


class PreviewError(CommandError):
    """The preview cannot start."""


def preview_command(
    papers: Path, builddir: Path, port: int, sphinx_options: Sequence[str] = ()
) -> list[str]:
    """The ``sphinx-autobuild`` run: HTML into ``<builddir>/preview``, on loopback."""
    return [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        str(papers),
        str(builddir / "preview"),
        "--host",
        HOST,
        "--port",
        str(port),
        *sphinx_options,
    ]


def run_preview(
    papers: Path,
    builddir: Path,
    port: int,
    sphinx_options: Sequence[str] = (),
    make_pid: int | None = None,
) -> int:
    """Serve until interrupted; the exit status of sphinx-autobuild."""
    if not check_conf(papers):
        return PROBLEMS
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise PreviewError(
            "the preview needs sphinx-autobuild: pip install -e '.[preview]' "
            "('make preview' installs it)"
        )
    print(f"Preview of {papers} on http://{HOST}:{port}/ (Ctrl+C stops it)", flush=True)
    if make_pid is not None:
        _stop_when_make_stops(make_pid)
    return serve_until_stopped(preview_command(papers, builddir, port, sphinx_options))


#: Signals that stop the preview: Ctrl+C, ``kill``, a closed terminal.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: Linux's prctl(PR_SET_PDEATHSIG): a signal for this process when its parent exits.
_PR_SET_PDEATHSIG = 1


class _Stopped(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise _Stopped(signum)


def _term_when_parent_exits() -> None:
    """Ask Linux to send SIGTERM here when the parent process exits.

    ``make preview`` runs this command as make's child (through a shell); a process
    manager or IDE that stops the preview kills make, and make's shell may exit
    without passing the signal on. Elsewhere than Linux this does nothing.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return


def _caught_signals(pid: int) -> int | None:
    """The signals process *pid* handles (its ``SigCgt`` mask), or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return int(line.split()[1], 16)
    return None


def _stop_when_make_stops(make_pid: int) -> None:
    """Stop the preview once the ``make`` that runs it is told to stop, or has exited.

    GNU make passes SIGTERM on to its recipe but not SIGINT: it expects the terminal to
    have interrupted the whole process group, resets its handler to the default and
    waits for its recipe to end. A ``kill -INT`` of make alone (an IDE's stop button)
    would so wait for ever. The handler's reset shows in ``/proc/<pid>/status``, which a
    thread here reads twice a second (Linux; elsewhere it finds nothing and does nothing).
    """
    watched = (1 << (signal.SIGINT - 1)) | (1 << (signal.SIGTERM - 1))
    initial = _caught_signals(make_pid)
    if initial is None:
        return

    def watch() -> None:
        while True:
            caught = _caught_signals(make_pid)
            if caught is None or (initial & ~caught & watched):
                os.kill(os.getpid(), signal.SIGTERM)
                return
            time.sleep(0.5)

    threading.Thread(target=watch, name="watch-make", daemon=True).start()


def serve_until_stopped(command: Sequence[str]) -> int:
    """Run the server until it ends or this process is told to stop; never leave it running.

    The server (sphinx-autobuild and the Sphinx builds it starts) runs in a process
    group of its own, so that a stop signal here ends the whole group, and it is
    told to end when this process dies, whatever kills it.
    """
    parent = os.getppid()
    _term_when_parent_exits()
    if os.getppid() != parent:  # the parent exited before the request was in place
        return 0
    previous = {signum: signal.signal(signum, _stop) for signum in STOP_SIGNALS}
    server: subprocess.Popen[bytes] | None = None
    try:
        server = subprocess.Popen(
            list(command), process_group=0, preexec_fn=_term_when_parent_exits
        )
        return server.wait()
    except _Stopped:
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if server is not None and server.poll() is None:
            _end_group(server)


def _end_group(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL if it has not ended in 5 s."""
    for signum, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, None)):
        try:
            os.killpg(server.pid, signum)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue

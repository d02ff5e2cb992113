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

import importlib.util
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

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


def run_preview(papers: Path, builddir: Path, port: int, sphinx_options: Sequence[str] = ()) -> int:
    """Serve until interrupted; the exit status of sphinx-autobuild."""
    if not (papers / "conf.py").is_file():
        raise PreviewError(f"{papers} has no conf.py; give the series folder (e.g. papers)")
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise PreviewError(
            "the preview needs sphinx-autobuild: pip install -e '.[preview]' "
            "('make preview' installs it)"
        )
    print(f"Preview of {papers} on http://{HOST}:{port}/ (Ctrl+C stops it)", flush=True)
    try:
        return subprocess.run(preview_command(papers, builddir, port, sphinx_options)).returncode
    except KeyboardInterrupt:
        return 0

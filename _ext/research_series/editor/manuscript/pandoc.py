"""Running pandoc (shipped in the ``pypandoc-binary`` wheel) on a prepared manuscript."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from .docx import ManuscriptError

PANDOC_TIMEOUT = 300  # seconds; a long manuscript with images takes a few


def pandoc_path() -> str:
    """The pandoc binary of the ``pypandoc-binary`` wheel, else one on PATH."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        for name in ("pandoc", "pandoc.exe"):
            candidate = Path(spec.origin).parent / "files" / name
            if candidate.is_file():
                return str(candidate)
    found = shutil.which("pandoc")
    if found:
        return found
    raise ManuscriptError(
        "pandoc is not installed; install the project's dependencies (pip install pypandoc-binary)"
    )


def run_pandoc(docx: Path, workdir: Path) -> dict[str, Any]:
    """The document as pandoc's JSON tree; images extracted into ``workdir/media``."""
    command = [
        pandoc_path(),
        "--from=docx",
        "--to=json",
        "--track-changes=accept",
        "--extract-media=media",
        str(docx),
    ]
    try:
        proc = subprocess.run(
            command, cwd=workdir, capture_output=True, timeout=PANDOC_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise ManuscriptError(f"{docx.name}: pandoc took longer than {PANDOC_TIMEOUT} s") from error
    except OSError as error:
        raise ManuscriptError(f"cannot run pandoc ({error})") from error
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {proc.returncode}"
        raise ManuscriptError(
            f"the manuscript cannot be read ({reason}); the file may be damaged: open it in Word "
            "and save it again as .docx"
        )
    try:
        document: dict[str, Any] = json.loads(proc.stdout)
    except json.JSONDecodeError as error:
        raise ManuscriptError(f"pandoc gave no readable document ({error})") from error
    return document

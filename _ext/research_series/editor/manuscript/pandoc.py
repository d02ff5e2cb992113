"""Running pandoc (shipped in the ``pypandoc-binary`` wheel) on a prepared manuscript."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..errors import ManuscriptError

#: Seconds pandoc may take; the largest manuscript the archive limits let through
#: takes about 10 (docs/editors.md, "Limits").
PANDOC_TIMEOUT = 50
#: pandoc's heap limit (GHC's ``-M``): the manual's advice for untrusted input. Its
#: resident memory stays under about twice this.
PANDOC_HEAP = "500m"
#: The exit status of a GHC program whose heap is exhausted.
_HEAP_EXHAUSTED = 251


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
        "pandoc is not installed: run 'make word-import' once (it installs the 'word' extra)"
    )


def run_pandoc(docx: Path, workdir: Path) -> dict[str, Any]:
    """The document as pandoc's JSON tree; images extracted into ``workdir/media``."""
    command = [
        pandoc_path(),
        "+RTS",
        f"-M{PANDOC_HEAP}",
        "-RTS",
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
        raise ManuscriptError(
            f"{docx.name}: converting took longer than the {PANDOC_TIMEOUT} s the importer "
            "allows; split the manuscript"
        ) from error
    except OSError as error:
        raise ManuscriptError(f"cannot run pandoc ({error})") from error
    if proc.returncode == _HEAP_EXHAUSTED:
        raise ManuscriptError(
            f"{docx.name}: converting needs more than the {PANDOC_HEAP}B of memory the importer "
            "allows; split the manuscript"
        )
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {proc.returncode}"
        raise ManuscriptError(
            f"the manuscript cannot be read ({reason}); the file may be damaged: open it in Word "
            "and save it again as .docx"
        )
    try:
        document: dict[str, Any] = json.loads(proc.stdout)
    except RecursionError as error:
        raise ManuscriptError(
            "the manuscript nests tables, lists or fields too deeply to be read; simplify "
            "the nesting in Word and save again"
        ) from error
    except json.JSONDecodeError as error:
        raise ManuscriptError(f"pandoc gave no readable document ({error})") from error
    return document

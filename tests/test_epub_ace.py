"""DAISY Ace, the EPUB accessibility checker, finds nothing in the corpus's EPUBs.

``tests/roots/test-real-papers`` (math as MathML, captioned figures and tables,
seven scripts, notes) is built as EPUB, and Ace (``@daisy/ace-cli`` from npm,
``tools/browser``, installed by ``make test`` without a browser of its own) checks
each book with Debian's chromium: its report must pass, with no violation in any
document. Missing pieces skip the test locally and fail it in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from browser import CHROMIUM, REPO
from helpers import sphinx_build

ROOT = Path(__file__).parent / "roots" / "test-real-papers"
ACE = REPO / "tools" / "browser" / "node_modules" / ".bin" / "ace-cli"


def require_ace() -> None:
    reason = None
    if not ACE.is_file():
        reason = f"{ACE} is missing (make browser-deps)"
    elif shutil.which(CHROMIUM) is None:
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run Ace: {reason}")
    pytest.skip(reason)


def ace(epub: Path, outdir: Path) -> dict[str, Any]:
    """Ace's JSON report on *epub*; it runs our chromium and downloads nothing."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(shutil.which(CHROMIUM)), "NO_COLOR": "1"}
    proc = subprocess.run(
        [str(ACE), "--silent", "--force", "--outdir", str(outdir), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report: dict[str, Any] = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    return report


def violations(report: dict[str, Any]) -> list[str]:
    """Each failed check: the document, the rule, its impact and what it says."""
    found = []
    for document in report["assertions"]:
        for check in document.get("assertions", ()):
            if check["earl:result"]["earl:outcome"] != "pass":
                test = check["earl:test"]
                found.append(
                    f"{document['earl:testSubject']['url']}: {test['dct:title']} "
                    f"({test['earl:impact']}): {check['earl:result'].get('dct:description', '')}"
                )
    return found


def test_ace_finds_no_violation_in_the_corpus_epubs(tmp_path: Path) -> None:
    require_ace()
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    result = sphinx_build(srcdir, tmp_path / "epub", builder="epub")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    books = sorted(result.outdir.glob("*.epub"))
    assert [book.stem for book in books] == [
        "han-2022",
        "ivanova-2020",
        "lindqvist-2019",
        "okafor-2021",
        "series",
    ]
    found = {}
    for book in books:
        report = ace(book, tmp_path / "ace" / book.stem)
        checked = [document["earl:testSubject"]["url"] for document in report["assertions"]]
        assert f"{book.stem}/index.xhtml" in checked or book.stem == "series", checked
        if report["earl:result"]["earl:outcome"] != "pass" or violations(report):
            found[book.name] = violations(report)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)

"""Build helpers the integration tests share: real sphinx-build runs, parsed outputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag


@dataclass
class BuildResult:
    returncode: int
    stdout: str
    stderr: str
    outdir: Path

    def warnings(self, srcdir: Path) -> list[str]:
        """Warning lines, with the source folder shown as ``SRC``."""
        lines = [line for line in self.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
        return [line.replace(str(srcdir), "SRC") for line in lines]


def sphinx_build(
    srcdir: Path, outdir: Path, *args: str, builder: str = "html", strict: bool = True
) -> BuildResult:
    """Run ``sphinx-build`` as an editor would (a new process, strict like ``make``)."""
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q"]
    if strict:
        command += ["-W", "--keep-going"]
    command += [*args, str(srcdir), str(outdir)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, outdir)


def build_copy(source: Path, workdir: Path, *args: str, builder: str = "html") -> BuildResult:
    """Build a copy of the project *source* (``workdir/src`` into ``workdir/<builder>``)."""
    srcdir = workdir / "src"
    shutil.copytree(source, srcdir)
    return sphinx_build(srcdir, workdir / builder, *args, builder=builder)


def article(html_path: Path) -> Tag:
    """The page's article body only, so theme chrome does not matter."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    body = soup.find("div", attrs={"role": "main"}) or soup.find("div", class_="body")
    assert isinstance(body, Tag), f"no article body in {html_path}"
    return body


def text_of(node: Tag) -> str:
    """The text as read: blocks apart, a quotation in another script within its sentence."""
    copy = BeautifulSoup(str(node), "html.parser")
    for span in copy.find_all("span", attrs={"lang": True}):
        span.unwrap()
    copy.smooth()
    return " ".join(copy.get_text(" ").split())

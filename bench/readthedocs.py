"""Read the Docs' build, as Read the Docs runs it, here: ``python -m bench.readthedocs``.

A fresh checkout of this repository (the files git would clone, as they are in the
working tree), optionally with ``papers/`` replaced by N generated papers; each of
``.readthedocs.yaml``'s ``build.commands`` run by bash from its root, as an
unprivileged user with a home of its own (so an empty pip cache: every package is
downloaded, as there), ``READTHEDOCS_OUTPUT`` and ``READTHEDOCS_CANONICAL_URL``
set, and nothing of the calling environment. Prints each command's wall time.
``tests/test_readthedocs.py`` runs the same simulation on the real series.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.generate import make_series, write_series
from research_series.editor.site import PHASE_LINE

REPO = Path(__file__).resolve().parent.parent
CANONICAL = "https://nssp.example.org/en/latest/"
#: Read the Docs' own builder user is ``docs`` (uid 1005); any unprivileged one will do.
BUILD_USER = "nobody"


def build_commands() -> list[str]:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    return list(config["build"]["commands"])


def fresh_checkout(root: Path) -> Path:
    """The files a clone would have, as they are in this working tree, under *root*."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    checkout = root / "checkout"
    for name in listed.split("\0"):
        if name and (REPO / name).is_file():
            target = checkout / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    return checkout


@dataclass(frozen=True)
class Step:
    command: str
    returncode: int
    seconds: float
    stdout: str
    stderr: str


def run_as_read_the_docs(root: Path, checkout: Path) -> list[Step]:
    """Run every build command in *checkout*, stopping at the first that fails."""
    home = root / "home"
    home.mkdir()
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "READTHEDOCS": "True",
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "READTHEDOCS_OUTPUT": str(checkout / "_readthedocs"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam(BUILD_USER)
        for path in [root, *root.rglob("*")]:
            os.lchown(path, user.pw_uid, user.pw_gid)
        prefix = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]
    steps = []
    for command in build_commands():
        started = time.perf_counter()
        proc = subprocess.run(
            [*prefix, "bash", "-c", command],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        steps.append(Step(command, proc.returncode, seconds, proc.stdout, proc.stderr))
        if proc.returncode:
            break
    return steps


def make_root() -> Path:
    """A folder the unprivileged builder can reach (pytest's own are private to root)."""
    root = Path(tempfile.mkdtemp(prefix="rtd-", dir="/tmp"))
    root.chmod(0o755)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--papers", type=int, default=0, help="N generated papers (0: papers/)")
    parser.add_argument("--keep", action="store_true", help="keep the checkout afterwards")
    args = parser.parse_args(argv)
    root = make_root()
    try:
        checkout = fresh_checkout(root)
        if args.papers:
            write_series(make_series(args.papers), checkout / "papers", vanilla=False)
        steps = run_as_read_the_docs(root, checkout)
        for step in steps:
            print(f"{step.command}: exit {step.returncode}, {step.seconds:.1f} s")
            phases = [line for line in step.stdout.splitlines() if line.startswith(PHASE_LINE)]
            site = sum(float(line.split()[-2]) for line in phases)
            for line in phases:
                print(f"  {line}")
            if phases:
                print(
                    f"  set-up and the rest (venv, downloads, copying): {step.seconds - site:.1f} s"
                )
            if step.returncode:
                print(step.stdout[-3000:], step.stderr[-3000:])
        venv = subprocess.run(["du", "-sm", str(checkout / ".venv")], capture_output=True,
                              text=True, check=False).stdout.split()  # fmt: skip
        print(f"papers: {args.papers or 'papers/'}; .venv {venv[0] if venv else '?'} MB")
        return max(step.returncode for step in steps)
    finally:
        if args.keep:
            print(f"kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

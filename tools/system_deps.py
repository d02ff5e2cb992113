"""Install the Debian packages the tests drive for real, asking apt only for what is missing.

TeX Live (XeLaTeX, latexmk, biber, biblatex-chicago), the fonts the PDFs and EPUB covers
use, poppler-utils, EPUBCheck, and chromium with chromium-driver and npm for the browser
tests. Run by ``make system-deps`` (and so by ``make test``); ``--dry-run`` prints what
would be asked for and installs nothing.

A package is asked for only when dpkg does not have it installed *and* the commands it
would bring are not already on PATH. That second rule is what keeps a machine with
Node.js from NodeSource working: NodeSource's ``nodejs`` ships ``npm`` itself and
conflicts with Debian's ``npm``, so asking apt for ``npm`` there fails the whole install.
Likewise a TeX Live installed from TUG (``xelatex`` on PATH) is not installed again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    """A Debian package the tests need, and the commands that show it is there anyway."""

    name: str
    why: str
    commands: tuple[str, ...] = ()


PACKAGES: tuple[Package, ...] = (
    Package("python3-venv", "makes the project's .venv with Debian's Python"),
    Package("texlive-xetex", "XeLaTeX for the PDFs", ("xelatex",)),
    Package("texlive-latex-recommended", "LaTeX packages Sphinx's LaTeX needs"),
    Package("texlive-latex-extra", "LaTeX packages Sphinx's LaTeX needs (xurl, ...)"),
    Package("texlive-fonts-recommended", "TeX fonts"),
    Package("texlive-lang-cyrillic", "hyphenation for Russian"),
    Package("texlive-lang-greek", "hyphenation for Greek"),
    Package("texlive-lang-chinese", "xeCJK for Chinese, Japanese and Korean"),
    Package("texlive-lang-cjk", "CJK support files for xeCJK"),
    Package("texlive-bibtex-extra", "biblatex-chicago, the reference the Chicago tests match"),
    Package("latexmk", "runs XeLaTeX as often as needed", ("latexmk",)),
    Package("biber", "biblatex's back end, for the biblatex-chicago reference", ("biber",)),
    Package("xindy", "index sorting Sphinx's LaTeX asks for", ("xindy",)),
    Package("fontconfig", "finds fonts for XeLaTeX and the EPUB covers", ("fc-list",)),
    Package("fonts-freefont-otf", "FreeSerif: Latin, Greek, Cyrillic in the PDFs"),
    Package("fonts-noto-cjk", "Noto CJK: Hangul and Han in the PDFs"),
    Package("fonts-hosny-amiri", "Amiri: Arabic and Persian in both PDFs, all four faces"),
    Package("libpangoft2-1.0-0", "Pango, WeasyPrint's text layout for the accessible PDFs"),
    Package("epubcheck", "EPUBCheck validates every EPUB"),
    Package("poppler-utils", "pdftotext, pdfinfo, pdffonts read the PDFs", ("pdftotext",)),
    Package("chromium", "the browser of the accessibility tests", ("chromium",)),
    Package("chromium-driver", "drives chromium from the tests", ("chromedriver",)),
    Package("npm", "installs axe-core for the browser tests", ("npm",)),
)


def to_install(
    installed: Callable[[str], bool],
    on_path: Callable[[str], bool],
    packages: Iterable[Package] = PACKAGES,
) -> list[str]:
    """The packages to ask apt for, given what dpkg has and what PATH holds."""
    return [
        package.name
        for package in packages
        if not installed(package.name)
        and not (package.commands and all(on_path(command) for command in package.commands))
    ]


def dpkg_installed(names: Iterable[str]) -> set[str]:
    """The names dpkg reports as installed (none where dpkg-query is missing)."""
    if shutil.which("dpkg-query") is None:
        return set()
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\\n", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    return {line.split()[0] for line in proc.stdout.splitlines() if line.endswith(" installed")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Install the Debian packages the tests need (only those missing)."
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the packages that would be installed"
    )
    args = parser.parse_args(argv)
    present = dpkg_installed(package.name for package in PACKAGES)
    missing = to_install(present.__contains__, lambda command: shutil.which(command) is not None)
    if args.dry_run:
        print(" ".join(missing))
        return 0
    if not missing:
        return 0
    if shutil.which("apt-get") is None:
        print(
            "error: these Debian packages are needed and apt-get is not here; install them "
            f"with your system's package manager: {' '.join(missing)}",
            file=sys.stderr,
        )
        return 1
    sudo: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") is None:
            print(
                f"error: install these Debian packages as root: {' '.join(missing)}",
                file=sys.stderr,
            )
            return 1
        sudo = ["sudo"]
    print(
        f"Installing {len(missing)} system package{'s' if len(missing) != 1 else ''} "
        "for the PDF, EPUB and browser tests (a few minutes, once)...",
        flush=True,
    )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = (
        [*sudo, "apt-get", "update", "-qq"],
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
    )
    for step in steps:
        if subprocess.run(step, env=env, stdout=subprocess.DEVNULL, check=False).returncode:
            print(f"error: `{' '.join(step)}` failed (its message is above)", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Setting up: what a fresh machine is asked to install, and the locked Python packages.

The decision which Debian packages to ask apt for is checked without installing
anything: on given states of a machine (nothing installed; Node.js from NodeSource,
which brings its own npm and conflicts with Debian's; everything there), and against
apt's own resolver on this machine, in simulation.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from conftest import REPO
from research_series.reading import compat


def _load_system_deps() -> ModuleType:
    spec = importlib.util.spec_from_file_location("system_deps", REPO / "tools" / "system_deps.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


system_deps = _load_system_deps()
ALL = [package.name for package in system_deps.PACKAGES]


def decide(installed: set[str], on_path: set[str]) -> list[str]:
    return list(system_deps.to_install(installed.__contains__, on_path.__contains__))


def test_a_bare_machine_is_asked_for_everything() -> None:
    assert decide(set(), set()) == ALL
    assert {"texlive-xetex", "epubcheck", "chromium", "npm", "fonts-noto-cjk"} <= set(ALL)


def test_nodesource_node_keeps_its_own_npm() -> None:
    """NodeSource's nodejs ships npm and conflicts with Debian's npm package."""
    wanted = decide({"nodejs"}, {"node", "npm"})
    assert "npm" not in wanted
    assert "texlive-xetex" in wanted and "chromium" in wanted


def test_debian_npm_is_asked_for_only_where_no_npm_command_exists() -> None:
    assert "npm" in decide({"nodejs"}, {"node"})


def test_a_complete_machine_is_asked_for_nothing() -> None:
    assert decide(set(ALL), set()) == []


def test_programs_installed_outside_apt_count_as_there() -> None:
    """A TeX Live from TUG on PATH: its Debian package is not installed over it."""
    wanted = decide(set(), {"xelatex", "latexmk", "biber", "chromium", "chromedriver"})
    for name in ("texlive-xetex", "latexmk", "biber", "chromium", "chromium-driver"):
        assert name not in wanted
    # packages that are only files (fonts, TeX packages) are judged by dpkg alone
    assert "fonts-noto-cjk" in wanted and "texlive-latex-extra" in wanted


def test_dry_run_prints_this_machines_decision_and_installs_nothing() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "tools" / "system_deps.py"), "--dry-run"],
        capture_output=True,
        text=True,
        check=True,
    )
    wanted = proc.stdout.split()
    assert set(wanted) <= set(ALL)
    if shutil.which("npm"):
        assert "npm" not in wanted


@pytest.mark.skipif(shutil.which("apt-get") is None, reason="not a Debian machine")
def test_apt_accepts_what_a_fresh_machine_like_this_one_asks_for() -> None:
    """apt's resolver, simulating (``-s``), on the whole list this machine would need
    without the test programs: no conflict with what is installed (NodeSource's nodejs)."""
    present = system_deps.dpkg_installed(["nodejs"])
    wanted = system_deps.to_install(
        present.__contains__,
        lambda command: command in {"node", "npm"} and shutil.which(command) is not None,
    )
    proc = subprocess.run(
        ["apt-get", "-s", "install", "--no-install-recommends", *wanted],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LANG": "C"},
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Conflicts" not in proc.stdout + proc.stderr


# ---- the lock ----------------------------------------------------------------------------

LOCKED = {
    match[1].lower().replace("_", "-"): match[2]
    for match in re.finditer(
        r"^([A-Za-z0-9_.-]+)==([^\s;]+)", (REPO / "requirements.lock").read_text(), re.M
    )
}


def _declared() -> list[Requirement]:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    names = [*project["dependencies"], *(name for extra in extras for name in extra)]
    return [Requirement(name) for name in names]


def test_every_declared_dependency_is_locked_within_its_bounds() -> None:
    for requirement in _declared():
        if requirement.name == "research-series":
            continue
        name = requirement.name.lower().replace("_", "-")
        assert name in LOCKED, f"{name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(LOCKED[name], prereleases=True), (
            f"requirements.lock has {name}=={LOCKED[name]}, outside {requirement}: run make lock"
        )


def test_the_build_libraries_are_locked() -> None:
    for name in ("sphinx", "myst-parser", "docutils", "pybtex", "markdown-it-py", "jinja2"):
        assert name in LOCKED


def test_this_environment_was_installed_from_the_lock() -> None:
    for name, version in LOCKED.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # an extra this environment does not have
        assert installed == version, f"{name} {installed} installed, {version} locked"


def test_private_sphinx_api_was_checked_against_the_locked_sphinx() -> None:
    assert LOCKED["sphinx"] == compat.CHECKED_WITH

"""The package's layout is its architecture: these rules keep the wings apart.

Imports are read from the source (every ``import`` statement, including those
inside functions and ``TYPE_CHECKING`` blocks) and resolved to module names, so
a rule broken anywhere fails here with the file and line.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "research_series"
ROOT = Path(__file__).resolve().parent.parent / "_ext" / PACKAGE

#: Which wings each wing may import (itself always).
ALLOWED = {
    "bibliography": set(),
    "model": {"bibliography"},
    "reading": {"model", "bibliography"},
    "web": {"reading", "model", "bibliography"},
    "pdf": {"reading", "model", "bibliography"},
    "epub": {"reading", "model", "bibliography"},
    "crossref": {"reading", "model", "bibliography"},
    "pdfua": {"reading", "model", "bibliography"},
    "performance": set(),
    "editor": {"model", "bibliography"},
}
#: Third-party packages the Sphinx-free wings must not import.
SPHINX_AND_DOCUTILS = {"sphinx", "docutils", "myst_parser", "pybtex_docutils", "jinja2"}
SPHINX_FREE = {"model", "bibliography"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. research_series.web.head
    target: str  # the imported module, e.g. research_series.reading.domain
    where: str  # path:line


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    name = module_name(path)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        where = f"{path.relative_to(ROOT.parent)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [Import(name, alias.name, where) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # ``from . import web`` imports the submodule ``web``
            found += [Import(name, target, where)]
            if not node.module:
                found += [Import(name, f"{target}.{alias.name}", where) for alias in node.names]
    return found


def wing_of(module: str) -> str | None:
    """The wing of a package module, ``None`` for the root (``__init__``, ``extension``)."""
    parts = module.split(".")
    if parts[0] != PACKAGE or len(parts) < 2:
        return None
    if (ROOT / parts[1]).is_dir():
        return parts[1]
    return None


def violation(imp: Import) -> str | None:
    """What rule *imp* breaks, or ``None``."""
    wing = wing_of(imp.module)
    if wing is None:  # the root wires the wings; it may import any of them
        return None
    top = imp.target.split(".")[0]
    if wing in SPHINX_FREE and top in SPHINX_AND_DOCUTILS:
        return f"{wing} imports {imp.target}: the {wing} wing is free of Sphinx and docutils"
    if top != PACKAGE:
        return None
    target_wing = wing_of(imp.target)
    if target_wing is None:
        return f"{imp.target} is the package root: no wing imports back up to it"
    if target_wing != wing and target_wing not in ALLOWED[wing]:
        return f"the {wing} wing imports the {target_wing} wing"
    return None


def all_imports() -> list[Import]:
    return [imp for path in sorted(ROOT.rglob("*.py")) for imp in imports_of(path)]


def test_every_module_is_in_a_wing_or_is_the_root() -> None:
    loose = sorted(
        path.name for path in ROOT.glob("*.py") if path.name not in {"__init__.py", "extension.py"}
    )
    assert loose == []
    wings = sorted(path.name for path in ROOT.iterdir() if (path / "__init__.py").is_file())
    assert wings == sorted(ALLOWED)


def test_no_import_breaks_the_layout() -> None:
    broken = [f"{imp.where}: {reason}" for imp in all_imports() if (reason := violation(imp))]
    assert broken == []


@pytest.mark.parametrize(
    ("module", "target", "rule"),
    [
        ("research_series.model.report", "sphinx.util", "free of Sphinx"),
        ("research_series.model.report", "docutils.nodes", "free of Sphinx"),
        ("research_series.reading.domain", "research_series.web.urls", "imports the web wing"),
        ("research_series.pdf.config", "research_series.epub.links", "imports the epub wing"),
        ("research_series.epub.builder", "research_series", "package root"),
        ("research_series.web.head", "research_series.extension", "package root"),
        ("research_series.editor.cli", "research_series.reading.domain", "imports the reading"),
    ],
)
def test_the_rules_catch_what_they_forbid(module: str, target: str, rule: str) -> None:
    reason = violation(Import(module, target, "x.py:1"))
    assert reason is not None and rule in reason


def test_relative_imports_resolve_to_their_modules() -> None:
    targets = {imp.target for imp in imports_of(ROOT / "web" / "head.py")}
    assert {"research_series.reading.domain", "research_series.model.papers"} <= targets
    targets = {imp.target for imp in imports_of(ROOT / "extension.py")}
    assert "research_series.web" in targets

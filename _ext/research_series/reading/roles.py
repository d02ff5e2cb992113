"""The citation roles: ``{cite}``, ``{cite:p}``, ``{cite:t}`` and ``{footcite}``.

Each leaves a placeholder carrying its keys and locators; the paper's
bibliography turns it into text while the paper is read (``citations``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx

from .domain import NoAnyTargetsDomain
from .nodes import citation_reference, footnote_citation


@dataclass(frozen=True)
class CiteItem:
    key: str
    locator: str | None


def parse_items(text: str) -> list[CiteItem]:
    """``key1, 12; key2`` -> items; a locator is what follows the first comma."""
    items = []
    for chunk in text.split(";"):
        key, _, locator = chunk.partition(",")
        items.append(CiteItem(key.strip(), " ".join(locator.split()) or None))
    return items


def _make_role(mode: str) -> Any:
    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        items = parse_items(nodes.unescape(text))
        source, line = inliner.reporter.get_source_and_line(lineno)
        node: nodes.Element = citation_reference(rawtext, items=items, mode=mode)
        if mode == "foot":
            node = footnote_citation("", node)
        for each in node.findall(nodes.Element):
            each.source, each.line = str(source), line
        return [node], []

    return role


def setup_roles(app: Sphinx) -> None:
    """``{cite}`` (note form in a footnote, else parenthetical), ``{cite:p}``,
    ``{cite:t}`` and ``{footcite}`` (a footnote holding a note citation)."""
    app.add_role("cite", _make_role("auto"))
    app.add_role("footcite", _make_role("foot"))
    app.add_domain(CiteDomain)


class CiteDomain(NoAnyTargetsDomain):
    """Hosts ``{cite:p}`` and ``{cite:t}``; Sphinx resolves ``x:y`` roles by domain."""

    name = "cite"
    label = "Citations"
    roles: ClassVar[dict[str, Any]] = {"p": _make_role("p"), "t": _make_role("t")}

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing to merge: citations are resolved inside their own paper."""

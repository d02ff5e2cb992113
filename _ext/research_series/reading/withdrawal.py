"""A withdrawn paper: its page becomes a notice at the same URL, its body is dropped.

The title block says when and why (:func:`notice`); the transform removes
everything else of the page before citations and notes are resolved, so the
withdrawn text is neither shown nor checked, in any format.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..model.report import Withdrawal
from .nodes import report_titleblock


def notice(withdrawal: Withdrawal) -> nodes.paragraph:
    """``Withdrawn on March 5, 2024. <reason>``: what the page, index and feed say."""
    return nodes.paragraph(
        "",
        "",
        nodes.strong(text=f"Withdrawn on {withdrawal.date.display}. "),
        nodes.Text(withdrawal.reason),
        classes=["report-withdrawn"],
    )


class DropWithdrawnBody(SphinxTransform):
    """Keep the title and the notice of a withdrawn paper, nothing else."""

    # Before citations (610) and footnote numbering (620): nothing withdrawn is resolved.
    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        block = next(
            (b for b in self.document.findall(report_titleblock) if b.get("withdrawn")), None
        )
        if block is None:
            return
        section = block.parent
        keep = {id(section), id(block), id(section[0])}
        for node in list(self.document.children):
            if id(node) not in keep:
                self.document.remove(node)
        for node in list(section.children):
            if id(node) not in keep:
                section.remove(node)
        document = self.document
        for name in ("autofootnotes", "autofootnote_refs", "symbol_footnotes"):
            getattr(document, name).clear()
        for name in ("footnote_refs", "citation_refs"):
            getattr(document, name).clear()
        document.footnotes.clear()
        document.citations.clear()
        document.symbol_footnote_refs.clear()

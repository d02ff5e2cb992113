"""A paper that still holds ``new-paper``'s or ``import``'s placeholder text is refused.

The placeholders are found in the source, at their lines (the strings are
:mod:`..model.placeholders`), so ``check`` and a strict build name each one
with what to write instead, and a strict build publishes the paper nowhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.transforms import SphinxTransform

from ..model.papers import is_paper_docname
from ..model.placeholders import placeholder_message, placeholders_in
from .diagnostics import Problem
from .domain import warn_while_reading


class RefusePlaceholders(SphinxTransform):
    """Warn at every placeholder line of a paper's Markdown source."""

    default_priority = 605

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        source = Path(self.env.doc2path(docname))
        if not is_paper_docname(docname) or source.suffix != ".md":
            return
        for line, placeholder in placeholders_in(source.read_text(encoding="utf-8")):
            warn_while_reading(
                self.env, Problem.placeholder, placeholder_message(placeholder), (docname, line)
            )

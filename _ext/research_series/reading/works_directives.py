"""``{bibliography}`` and ``{footbibliography}``: where the paper's works lists go.

Authors who know sphinxcontrib-bibtex write one of these where the list of
works should stand. Here the lists are generated from the paper's own
bibliography either way (Works Cited, then Works Referenced), so both
directives mean the same: put them here rather than at the end. Notes stay
numbered notes (in a section of their own on the page, at the foot of the page
in the PDF). Neither takes options or content: a filter or a style of its own
would make one paper read its bibliography another way.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .nodes import works_lists_placeholder


def _refuse_option(value: str | None) -> Any:
    raise ValueError(
        "the works lists are generated from the paper's references.bib (Works Cited, then "
        "Works Referenced), so this option is not read; remove it"
    )


class WorksListsDirective(SphinxDirective):
    """Leaves a placeholder that :class:`.citations.ResolveCitations` replaces."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    #: sphinxcontrib-bibtex's options, each refused with the reason
    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(
        (
            "filter",
            "cited",
            "notcited",
            "all",
            "style",
            "list",
            "enumtype",
            "start",
            "labelprefix",
            "keyprefix",
        ),
        _refuse_option,
    )

    def run(self) -> list[nodes.Node]:
        placeholder = works_lists_placeholder(directive=self.name)
        self.set_source_info(placeholder)
        return [placeholder]

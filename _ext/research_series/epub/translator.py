"""XHTML for EPUB: footnotes that reading systems show as pop-up notes.

Sphinx's HTML5 translator already marks notes with ARIA roles; EPUB reading
systems look for ``epub:type`` instead (``noteref`` on the mark, ``footnote``
on an ``aside`` in the same file), so both are written. The list around the
notes is a plain ``div`` rather than docutils' ``aside``: a reader that hides
footnote asides would otherwise leave an empty complementary region behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.writers.html5 import HTML5Translator

if TYPE_CHECKING:
    from docutils import nodes

# Passed as ``**attributes``: ``epub:type`` is no Python name.
NOTEREF: dict[str, Any] = {"epub:type": "noteref"}
FOOTNOTE: dict[str, Any] = {"epub:type": "footnote"}


class EpubTranslator(HTML5Translator):
    """HTML5 translation with EPUB 3 note semantics."""

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        classes = ["footnote-reference", self.settings.footnote_references]
        href = "#" + node["refid"]
        tag = self.starttag(
            node, "a", suffix="", classes=classes, role="doc-noteref", href=href, **NOTEREF
        )
        self.body.append(tag)
        self.body.append('<span class="fn-bracket">[</span>')

    def visit_footnote(self, node: nodes.Element) -> None:
        label_style = self.settings.footnote_references
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append(f'<div class="footnote-list {label_style}">\n')
        classes = [node.tagname, label_style]
        self.body.append(
            self.starttag(node, "aside", classes=classes, role="doc-footnote", **FOOTNOTE)
        )

    def depart_footnote(self, node: nodes.Element) -> None:
        self.body.append("</aside>\n")
        if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
            self.body.append("</div>\n")

"""The few custom nodes, each with a handler for every builder that may meet it.

Placeholders (``series_index_placeholder``, ``citation_reference``,
``footnote_citation``, ``works_lists_placeholder``) are replaced by standard
docutils nodes before any writer runs; ``report_titleblock`` reaches the
writers so that HTML can wrap the title block in ``<header>``; the PDF wing
adds its LaTeX handlers (:mod:`..pdf.titleblock`), so no output format's code
lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator


class report_titleblock(nodes.General, nodes.Element):
    """The paper's title block: series line, authors, dates, status, abstract.

    Attribute ``paper``: the docname of the paper it introduces.
    """


class folded(nodes.General, nodes.Element):
    """Content a reader opens on demand (HTML ``<details>``), e.g. an index abstract.

    Attribute ``summary``: the line shown while folded.
    """


class series_index_placeholder(nodes.General, nodes.Element):
    """Where the series index goes; filled after all papers are read."""


class citation_reference(nodes.Inline, nodes.Element):
    """A citation role awaiting the paper's bibliography.

    Attributes: ``items`` (the works), ``spec`` (the role's form), ``role``
    (its name, for messages) and ``problem`` (why its text could not be read).
    """


class footnote_citation(nodes.Inline, nodes.Element):
    """A ``{footcite}`` role: becomes a numbered footnote holding a note citation."""


class works_lists_placeholder(nodes.General, nodes.Element):
    """Where a ``{bibliography}`` or ``{footbibliography}`` directive puts the works lists."""


def _visit_header(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "header", CLASS="research-report"))  # type: ignore[attr-defined]


def _depart_header(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append("</header>\n")  # type: ignore[attr-defined]


def _visit_details(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "details", CLASS="folded"))  # type: ignore[attr-defined]
    self.body.append(f"<summary>{self.encode(node.get('summary', ''))}</summary>\n")  # type: ignore[attr-defined]


def _depart_details(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append("</details>\n")  # type: ignore[attr-defined]


def _pass(self: SphinxTranslator, node: nodes.Element) -> None:
    """Render the children as they are."""


#: Visit and depart handlers that render a node's children as they are (the formats a
#: node has no markup of its own in).
PASSTHROUGH = (_pass, _pass)

_Handler = Callable[[SphinxTranslator, nodes.Element], None]
#: A node's visit and depart handlers in one format.
Handlers = tuple[_Handler, _Handler]


def add_html_node(
    app: Sphinx, node: type[nodes.Element], html: Handlers, *, latex: bool = True
) -> None:
    """A node with markup of its own in HTML (and EPUB); its children as they are in the
    other formats, LaTeX too unless the PDF wing writes its own (*latex* False)."""
    others = ("text", "man", "texinfo") + (("latex",) if latex else ())
    handlers: dict[str, Any] = {"html": html, **dict.fromkeys(others, PASSTHROUGH)}
    app.add_node(node, **handlers)


def setup_nodes(app: Sphinx) -> None:
    add_html_node(app, report_titleblock, (_visit_header, _depart_header), latex=False)
    add_html_node(app, folded, (_visit_details, _depart_details))

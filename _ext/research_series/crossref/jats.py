"""A paper's title and abstract as Crossref takes them: face markup and JATS.

Only what the schema names is kept: emphasis, strong, code, sub- and superscript
as Crossref's face markup in a title (``<i>``, ``<b>``, ``<tt>``, ``<sub>``,
``<sup>``), and as JATS in the abstract (paragraphs, lists, ``<jats:italic>``...).
Anything else (a link, a rendered citation, math) is kept as its text, so no
markup an author wrote reaches the deposit, and lxml escapes every character.
"""

from __future__ import annotations

from docutils import nodes
from lxml import etree

CROSSREF = "http://www.crossref.org/schema/5.3.1"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"

#: docutils inline node -> Crossref face markup (in titles)
_FACE: dict[type[nodes.Element], str] = {
    nodes.emphasis: "i",
    nodes.strong: "b",
    nodes.literal: "tt",
    nodes.subscript: "sub",
    nodes.superscript: "sup",
}
#: docutils inline node -> JATS inline element (in the abstract)
_JATS_INLINE: dict[type[nodes.Element], str] = {
    nodes.emphasis: "italic",
    nodes.strong: "bold",
    nodes.literal: "monospace",
    nodes.subscript: "sub",
    nodes.superscript: "sup",
}


def append_text(parent: etree._Element, text: str) -> None:
    """Mixed content: *text* after the last child of *parent*, or as its text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(
    parent: etree._Element, node: nodes.Node, names: dict[type[nodes.Element], str], ns: str
) -> None:
    """*node*'s text into *parent*, inline markup named by *names* kept as elements."""
    if isinstance(node, nodes.Text):
        append_text(parent, str(node).replace("\n", " "))
        return
    name = next((tag for kind, tag in names.items() if isinstance(node, kind)), None)
    if name is None or not isinstance(node, nodes.Element):
        if isinstance(node, nodes.Element) and not isinstance(node, nodes.math):
            for child in node.children:
                _inline(parent, child, names, ns)
        else:
            append_text(parent, node.astext())
        return
    element = etree.SubElement(parent, f"{{{ns}}}{name}" if ns else name)
    for child in node.children:
        _inline(element, child, names, ns)


def title_element(title: nodes.Element | None, plain: str) -> etree._Element:
    """``<title>`` with face markup from the heading (*plain* when there is none)."""
    element = etree.Element(f"{{{CROSSREF}}}title")
    if title is None:
        element.text = plain
        return element
    for child in title.children:
        _inline(element, child, _FACE, CROSSREF)
    return element


def _block(parent: etree._Element, node: nodes.Node) -> None:
    """A block of the abstract as JATS: paragraphs and lists; other blocks as paragraphs."""
    if isinstance(node, nodes.bullet_list | nodes.enumerated_list):
        kind = "bullet" if isinstance(node, nodes.bullet_list) else "order"
        # JATS holds a list inside a paragraph, not beside one.
        holder = etree.SubElement(parent, f"{{{JATS}}}p")
        listing = etree.SubElement(holder, f"{{{JATS}}}list", {"list-type": kind})
        for item in node.children:
            list_item = etree.SubElement(listing, f"{{{JATS}}}list-item")
            blocks = [child for child in item.children if isinstance(child, nodes.Element)]
            for block in blocks or [nodes.paragraph(text=item.astext())]:
                _block(list_item, block)
            if not len(list_item):
                etree.SubElement(list_item, f"{{{JATS}}}p")
        return
    if isinstance(node, nodes.paragraph):
        paragraph = etree.SubElement(parent, f"{{{JATS}}}p")
        for inline in node.children:
            _inline(paragraph, inline, _JATS_INLINE, JATS)
        return
    if isinstance(node, nodes.Element) and any(
        isinstance(child, nodes.Body) for child in node.children
    ):
        for child in node.children:
            _block(parent, child)
        return
    text = " ".join(node.astext().split())
    if text:
        etree.SubElement(parent, f"{{{JATS}}}p").text = text


def abstract_element(abstract: nodes.Element, language: str | None) -> etree._Element:
    """``<jats:abstract>`` holding the abstract's paragraphs and lists."""
    element = etree.Element(f"{{{JATS}}}abstract")
    if language:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    for child in abstract.children:
        _block(element, child)
    if not len(element):
        etree.SubElement(element, f"{{{JATS}}}p").text = " ".join(abstract.astext().split())
    return element

"""Text in another script carries its language and direction, in every format.

When a document is resolved, each run of Korean, Japanese, Chinese, Russian, Greek,
Arabic, Persian or Hebrew text (:func:`..model.scripts.script_runs`) in a
``script_run`` node (``doctree-resolved``, late, after the output wings have
arranged the page: the site's keyword links are made there): the HTML and
EPUB write ``<span lang="ko">`` (and
``dir="rtl"`` for Arabic, Persian and Hebrew, which also isolates the run from
the English around it, so a mixed sentence keeps its order); the PDF wing sets
right-to-left runs in a font that shapes them, right to left. It runs on every
document, titles, notes and works lists included, after citations are
rendered, and never inside code, math or raw markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxTranslator

from ..model.scripts import script_runs
from .nodes import add_html_node


class script_run(nodes.Inline, nodes.TextElement):
    """Text in one script. Attributes: ``lang`` (BCP 47) and ``rtl`` (bool)."""


class work_language(nodes.Inline, nodes.TextElement):
    """A cited work's note or works-list entry, in the language its ``.bib`` entry
    names (``langid``/``language``). Attribute: ``lang`` (BCP 47).

    The runs of another script inside it take that language when they are in its
    script (:func:`tag_scripts`); the PDF sets the entry's hyphenation by it.
    """


# Text here is not prose: code, math, raw markup and what is already tagged.
_SKIP = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.math,
    nodes.math_block,
    nodes.raw,
    nodes.comment,
    nodes.substitution_definition,
    script_run,
)


def _in_prose(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, _SKIP):
            return False
        parent = parent.parent
    return True


def _is_document_title(text: nodes.Text) -> bool:
    title = text.parent
    return (
        isinstance(title, nodes.title)
        and isinstance(title.parent, nodes.section)
        and isinstance(title.parent.parent, nodes.document)
    )


def _known_language(text: nodes.Text) -> str | None:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, work_language):
            return str(parent["lang"])
        parent = parent.parent
    return None


def tag_scripts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Wrap every run of another script in a ``script_run`` node."""
    # Sphinx's LaTeX writer takes the document's title as plain text (the title
    # block prints the title, tagged, from its own copy).
    latex = app.builder.format == "latex"
    for text in list(doctree.findall(nodes.Text)):
        if text.isascii() or text.parent is None or not _in_prose(text):
            continue
        if latex and _is_document_title(text):
            continue
        runs = script_runs(str(text), _known_language(text))
        if all(run.lang is None for run in runs):
            continue
        pieces: list[nodes.Node] = [
            script_run(run.text, run.text, lang=run.lang, rtl=run.rtl)
            if run.lang
            else nodes.Text(run.text)
            for run in runs
        ]
        text.parent.replace(text, pieces)


def visit_script_run_html(self: SphinxTranslator, node: nodes.Element) -> None:
    attributes = {"lang": node["lang"]}
    if node.get("rtl"):
        attributes["dir"] = "rtl"
    self.body.append(self.starttag(node, "span", "", **attributes))  # type: ignore[attr-defined]


def depart_script_run_html(self: SphinxTranslator, node: nodes.Element) -> None:
    self.body.append("</span>")  # type: ignore[attr-defined]


def setup_scripts(app: Sphinx) -> None:
    """The nodes (the PDF wing adds their LaTeX handlers) and the tagging, run last.

    A work's language is written as a run of a script is: ``<span lang>``.
    """
    html = (visit_script_run_html, depart_script_run_html)
    add_html_node(app, script_run, html)
    add_html_node(app, work_language, html)
    app.connect("doctree-resolved", tag_scripts, priority=900)

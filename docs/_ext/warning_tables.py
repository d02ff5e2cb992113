"""The handbook's tables of warnings, generated from the code that holds each list.

``{warning-table} research`` lists the extension's subtypes from
``research_series.reading.diagnostics.Problem`` (what, then ``Fix:``, in each
docstring); ``{warning-table} myst`` lists MyST-Parser's from its
``MystWarnings`` enum, with the fix this handbook gives for each (a subtype a
new MyST adds without a fix here fails the handbook's build, so the list stays
complete); ``{warning-table} sphinx`` lists the docutils and Sphinx warnings an
author of this series can meet, which neither holds in one list.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

MYST_FIXES = {
    "deprecated": "Write it as the message says; the old form will stop working.",
    "not_supported": "Write it another way in Markdown; this syntax is not rendered.",
    "render": "Report it to the series editor: a MyST construct this toolchain cannot render.",
    "topmatter": "Correct the YAML front matter between the `---` lines at the top of the file.",
    "duplicate_def": "Give each `[label]: url` link definition its own label.",
    "header": "Make the heading one level below the one above it (`##` then `###`), or add "
    "the missing heading; the message says which.",
    "directive_parse": "Correct the directive's first line and its options, as the message says.",
    "directive_option": "Correct the option's name (the message suggests the near one) or its "
    "value; only the options the message lists are known.",
    "directive_comments": "Delete the `#` comment from the directive's options.",
    "directive_body": "Correct the directive's content; this directive takes the content "
    "the message says.",
    "directive_unknown": "Correct the directive's name (e.g. `{note}`, `{figure}`, "
    "`{research-report}`).",
    "role_unknown": "Correct the role's name (e.g. `{cite}`, `{cite:p}`, `{ref}`, `{doc}`).",
    "xref_ambiguous": "Name the target so that only one matches (its label, with `(label)=`).",
    "xref_missing": "Correct the link's target, or add the label `(target)=` above the heading "
    "it should lead to.",
    "inv_retrieval": "Check the `intersphinx_mapping` URL in `conf.py`, or build when online.",
    "iref_missing": "Correct the inventory reference's target.",
    "iref_ambiguous": "Name the inventory reference's project and type to single it out.",
    "domains": "Report it to the series editor: an extension in `conf.py` is too old.",
    "linkify": "Install linkify-it-py, or take `linkify` out of `myst_enable_extensions`.",
    "heading_slug": "Simplify the heading's text; its anchor could not be made.",
    "strikethrough": "Remove the `~~strikethrough~~`: the PDF and EPUB cannot show it.",
    "html": "Write the content in Markdown instead of HTML.",
    "attribute": "Correct the `{...}` attribute's value as the message says.",
    "substitution": "Define the substitution in `conf.py` (`myst_substitutions`) or correct "
    "its name.",
    "section_ref": "Correct the `#heading` link: no heading of this page has that anchor.",
}

#: docutils and Sphinx keep no list of their warnings: those an author meets here.
SPHINX_WARNINGS = (
    (
        'Unknown interpreted text role "x"',
        "docutils: a role `{x}` it does not know.",
        "Correct the role's name (e.g. `{cite}`, `{ref}`).",
    ),
    (
        'Unknown directive type "x"',
        "docutils: a directive `{x}` it does not know.",
        "Correct the directive's name (e.g. `{note}`, `{figure}`).",
    ),
    (
        "Duplicate explicit target name",
        "docutils: two links or labels with one name.",
        "Give each `(label)=` or link definition its own name.",
    ),
    (
        "Inline emphasis start-string without end-string",
        "docutils: a `*` or `_` opens emphasis that never closes.",
        "Close the emphasis, or write `\\*` for a literal star.",
    ),
    (
        "undefined label [ref.ref]",
        "Sphinx: a `{ref}` to a label no page defines.",
        "Add `(label)=` above the heading, or correct the label.",
    ),
    (
        "numfig is disabled. :numref: is ignored.",
        "Sphinx: `{numref}` while figures are not numbered.",
        "Write `{ref}` instead, or set `numfig = True` in `conf.py`.",
    ),
    (
        "Failed to create a cross reference. Any number is not assigned [ref.numref]",
        "Sphinx: `{numref}` to something that has no number (a section).",
        "Use `{ref}` for sections; `{numref}` is for figures and tables.",
    ),
    (
        "unknown document [ref.doc]",
        "Sphinx: a `{doc}` to a file that is not in the series.",
        "Correct the path (relative to the page, or from the series folder with `/`).",
    ),
    (
        "image file not readable [image.not_readable]",
        "Sphinx: an image the page shows is not there.",
        "Put the image in the paper's folder and correct its path.",
    ),
    (
        "duplicate label [ref.duplicate_label]",
        "Sphinx: two `(label)=` with one name in the series.",
        "Give each label its own name (e.g. prefix it with the paper's slug).",
    ),
    (
        'Could not lex literal_block as "x" [misc.highlighting_failure]',
        "Sphinx: a code block whose language does not match its text.",
        "Correct the language after the opening backticks, or leave it out.",
    ),
)


def attribute_docs(module: str, owner: str) -> dict[str, str]:
    """The docstring under each attribute of the class *owner* in *module*."""
    found = ModuleAnalyzer.for_module(module).find_attr_docs()
    return {
        name: " ".join(" ".join(lines).split())
        for (scope, name), lines in found.items()
        if scope == owner
    }


def _rows(kind: str) -> list[tuple[str, str, str]]:
    if kind == "research":
        from research_series.reading.diagnostics import Problem

        docs = attribute_docs("research_series.reading.diagnostics", "Problem")
        rows = []
        for member in Problem:
            what, _, fix = docs[member.name].partition(" Fix: ")
            if not fix:
                raise ExtensionError(f"Problem.{member.name}'s docstring has no 'Fix:'")
            rows.append((f"research.{member.value}", what, fix[:1].upper() + fix[1:]))
        return rows
    if kind == "myst":
        from myst_parser.warnings_ import MystWarnings

        docs = attribute_docs("myst_parser.warnings_", "MystWarnings")
        missing = [member.value for member in MystWarnings if member.value not in MYST_FIXES]
        if missing:
            raise ExtensionError(f"no fix in the handbook for MyST's warnings: {missing}")
        return [
            (f"myst.{member.value}", docs.get(member.name, ""), MYST_FIXES[member.value])
            for member in MystWarnings
        ]
    if kind == "sphinx":
        return list(SPHINX_WARNINGS)
    raise ExtensionError(f"warning-table: unknown list {kind!r} (research, myst or sphinx)")


class WarningTable(SphinxDirective):
    """A table: the warning, what it means, how to fix it."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["warning-table"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (25, 40, 35):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(("Warning", "What it means", "How to fix it"), literal=False)
        body = nodes.tbody()
        group += body
        for row in _rows(self.arguments[0]):
            body += self._row(row, literal=True)
        return [table]

    def _row(self, cells: tuple[str, str, str], *, literal: bool) -> nodes.row:
        row = nodes.row()
        for i, text in enumerate(cells):
            entry = nodes.entry()
            if i == 0 and literal:
                entry += nodes.paragraph("", "", nodes.literal(text, text))
            else:
                paragraph = nodes.paragraph()
                # inline Markdown-like `code` in the texts, parsed as the page's own text
                parsed, _ = self.parse_inline(text, lineno=self.lineno)
                paragraph += parsed
                entry += paragraph
            row += entry
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("warning-table", WarningTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

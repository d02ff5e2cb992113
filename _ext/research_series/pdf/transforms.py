"""LaTeX-only post-transforms: the first page, the volume's order, and safety.

They run on the tree the LaTeX builder assembles for one output file (a paper,
or the volume with every paper inlined), so they know which file they serve:
``self.env.docname`` is that file's start document.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.papers import is_paper_docname
from ..reading.diagnostics import Problem, warn
from ..reading.domain import research_domain
from ..reading.nodes import report_titleblock
from ..reading.series_view import series_of
from .titleblock import pdf_info

#: Comments ``%% source: <file>:<line>`` in the ``.tex`` let a TeX error be
#: traced to the paper's own line (see ``texlog``).
SOURCE_MARK = "%% source: "
_SOURCE_CLASS = "research-source-mark"
_UNSAFE_IN_COMMENT = re.compile(r"[^\w./\- ]")


def paper_of(node: nodes.Node, default: str) -> str:
    """The document a node came from, else *default* (the file's start document).

    When the LaTeX builder inlines a document it marks its sections with
    ``docname`` (the children of its ``start_of_file`` keep their old parent,
    so that node cannot be reached by walking up).
    """
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.get("docname"):
            return str(parent["docname"])
        parent = parent.parent
    return default


class LatexPostTransform(SphinxPostTransform):
    """Runs for the LaTeX builder only: the site and EPUB keep the doctree as read."""

    builders = ("latex",)


class ArrangeTitleBlock(LatexPostTransform):
    """Title block fields as styled containers, the title in the block, authors after it.

    In a paper's own PDF the heading is not typeset as a section (Sphinx's
    LaTeX writer takes the first heading as the document title), so the title
    is placed in the block, between the series line and the authors. In the
    volume the heading is the paper's chapter title; the authors move up to
    follow it directly, and the listing statement is left to the cover.

    The block's visitor (:mod:`.titleblock`) is given what it writes from the
    paper's record: ``number``, and in the paper's own PDF ``pdfinfo``.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        reports = research_domain(self.env).reports
        for block in list(self.document.findall(report_titleblock)):
            docname = block.get("paper", "")
            standalone = docname == self.env.docname
            record = reports.get(docname)
            if record is not None:
                block["number"] = record.report.number
                if standalone:
                    block["pdfinfo"] = pdf_info(
                        record.report, series_of(self.env), self.config.project
                    )
            block[:] = [_as_field(child) for child in block.children]
            if standalone:
                title = _title_field(block)
                if title is not None:
                    series_line = _find_field(block, "report-series")
                    after = block.index(series_line) + 1 if series_line is not None else 0
                    block.insert(after, title)
            else:
                authors = _find_field(block, "report-authors")
                if authors is not None:
                    block.remove(authors)
                    block.insert(0, authors)
                listing = _find_field(block, "report-listing")
                if listing is not None:  # the volume's cover states it, once
                    block.remove(listing)


def _as_field(child: nodes.Node) -> nodes.Node:
    """A classed paragraph becomes a container of that class, so LaTeX can style it."""
    if isinstance(child, nodes.paragraph) and child["classes"]:
        field = nodes.container(classes=[child["classes"][0]])
        field += child
        return field
    return child


def _find_field(block: nodes.Element, css_class: str) -> nodes.Element | None:
    return next(
        (
            child
            for child in block.children
            if isinstance(child, nodes.container) and css_class in child["classes"]
        ),
        None,
    )


def _title_field(block: nodes.Element) -> nodes.container | None:
    """The paper's heading, as inline nodes, for the title block."""
    section = block.parent
    if not isinstance(section, nodes.section) or not isinstance(section[0], nodes.title):
        return None
    para = nodes.paragraph("", "", *(child.deepcopy() for child in section[0].children))
    return nodes.container("", para, classes=["report-title"])


class OrderVolume(LatexPostTransform):
    """In the volume, papers follow their series numbers, not their folder names."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        reports = research_domain(self.env).reports
        parents = {
            id(node.parent): node.parent
            for node in self.document.findall(addnodes.start_of_file)
            if node.parent is not None and is_paper_docname(node["docname"])
        }
        for parent in parents.values():
            papers = [
                child
                for child in parent.children
                if isinstance(child, addnodes.start_of_file) and child["docname"] in reports
            ]
            slots = [parent.index(child) for child in papers]
            papers.sort(key=lambda n: (reports[n["docname"]].report.number, n["docname"]))
            for slot, paper in zip(slots, papers, strict=True):
                parent.children[slot] = paper


class PrintedNotesAndTargets(LatexPostTransform):
    """Notes sit at the foot of their page, and every link has a target.

    MyST puts a rule before the notes, which the HTML collects at the end; in
    print the notes go to their pages and the rule would stand alone. Ids on
    paragraphs (works-list entries that ``{cite:t}`` links to) get a target,
    which the LaTeX writer turns into a ``\\label``; the paragraph keeps none,
    so each label is written once.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        for rule in list(self.document.findall(nodes.transition)):
            if "footnotes" in rule["classes"]:
                rule.parent.remove(rule)
        for para in list(self.document.findall(nodes.paragraph)):
            if para["ids"]:
                para.insert(0, nodes.target("", "", ids=para["ids"]))
                para["ids"] = []


#: TeX primitives and macros that read or write files, run programs, or
#: redefine what later text means. Math may hold any other control word.
# fmt: off
_FORBIDDEN_IN_MATH = frozenset({
    "input", "include", "InputIfFileExists", "IfFileExists", "openin", "openout", "read",
    "readline", "write", "immediate", "special", "catcode", "lccode", "uccode", "sfcode",
    "mathcode", "delcode", "def", "edef", "gdef", "xdef", "let", "futurelet", "newcommand",
    "renewcommand", "providecommand", "DeclareRobustCommand", "DeclareMathOperator",
    "newenvironment", "renewenvironment", "csname", "endcsname", "expandafter", "scantokens",
    "everypar", "everymath", "everydisplay", "everyhbox", "everyvbox", "everyjob", "everyeof",
    "output", "afterassignment", "aftergroup", "uppercase", "lowercase", "directlua",
    "latelua", "luaexec", "ShellEscape", "usepackage", "RequirePackage", "documentclass",
    "makeatletter", "makeatother", "endinput", "global", "outer", "long", "protected", "font",
    "newfont", "jobname", "pdffiledump", "XeTeXinputencoding", "XeTeXdefaultencoding",
    "errmessage", "errhelp", "message", "typeout", "batchmode", "nonstopmode", "scrollmode",
    "errorstopmode", "dump", "includegraphics", "XeTeXpicfile", "XeTeXpdffile",
})
# fmt: on
_CONTROL_WORD = re.compile(r"\\([A-Za-z@]+)")


def unsafe_tex(text: str) -> str | None:
    """Why *text* may not reach TeX as code (``None`` when it may).

    ``^^`` is TeX's notation for any character, a backslash included, so it
    could spell a forbidden command; it is refused too.
    """
    if "^^" in text:
        return "'^^'"
    for match in _CONTROL_WORD.finditer(text):
        if match[1] in _FORBIDDEN_IN_MATH or "@" in match[1]:
            return f"'\\{match[1]}'"
    return None


class NoTexFromPapers(LatexPostTransform):
    """Nothing a paper writes runs as TeX: raw LaTeX and unsafe math are printed as text.

    Authors write Markdown; metadata and text are escaped by the writer. Raw
    LaTeX blocks and math are the two ways text reaches TeX unescaped: raw
    LaTeX is refused, math is kept unless it holds a command that reads or
    writes files or redefines TeX.
    """

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "latex" in raw.get("format", "").split() and _SOURCE_CLASS not in raw["classes"]:
                self._refuse(
                    raw,
                    "raw LaTeX is not run in the PDF, which prints it as text instead; "
                    "write the content in Markdown",
                )
        for math in list(self.document.findall(_is_math)):
            assert isinstance(math, nodes.Element)
            reason = unsafe_tex(math.astext())
            if reason:
                self._refuse(
                    math,
                    f"math with {reason} is not run in the PDF (that command could read or "
                    "write files or redefine TeX), which prints it as text instead; "
                    "remove the command",
                )

    def _refuse(self, node: nodes.Element, message: str) -> None:
        # The volume repeats every paper: warn once, for the paper's own PDF.
        if paper_of(node, self.env.docname or "") == self.env.docname:
            warn(Problem.latex, message, node)
        text = node.astext()
        inline = isinstance(node.parent, nodes.TextElement)
        replacement: nodes.Element = (
            nodes.literal(text, text) if inline else nodes.literal_block(text, text)
        )
        node.replace_self(replacement)


def _is_math(node: nodes.Node) -> bool:
    return isinstance(node, nodes.math | nodes.math_block)


class MarkSourceLines(LatexPostTransform):
    """Before each block of a paper, a TeX comment naming its source file and line."""

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            for child in list(section.children):
                if not isinstance(child, nodes.Element) or isinstance(
                    child, nodes.title | nodes.section
                ):
                    continue
                if not child.line:
                    continue
                mark = self._mark(child)
                if mark is not None:
                    section.insert(section.index(child), mark)

    def _mark(self, node: nodes.Element) -> nodes.raw | None:
        docname = paper_of(node, self.env.docname or "")
        if not docname:
            return None
        path = str(self.env.doc2path(docname, base=False))
        safe = _UNSAFE_IN_COMMENT.sub("_", path)
        text = f"{SOURCE_MARK}{safe}:{int(node.line or 0)}"
        return nodes.raw("", text, format="latex", classes=[_SOURCE_CLASS])

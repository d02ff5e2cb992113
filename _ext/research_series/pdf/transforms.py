"""LaTeX-only post-transforms: the first page, the volume's order, and safety.

They run on the tree the LaTeX builder assembles for one output file (a paper,
or the volume with every paper inlined), so they know which file they serve:
``self.env.docname`` is that file's start document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import math_reference
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..model.authors import join_names
from ..model.exports import family_names
from ..reading.diagnostics import Problem, warn
from ..reading.domain import research_domain
from ..reading.labels import equation_of, markdown_link_to_equation
from ..reading.mathml import numbered_environment_body
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
    """Title block fields as styled containers, the title in the block.

    The paper's own PDF and the volume open a paper the same way: the series
    line, the title, the authors, and so on down to the abstract. In the paper's
    own PDF the heading is not typeset as a section (Sphinx's LaTeX writer takes
    the first heading as the document title); in the volume it is the chapter
    title, which ``researchseries.sty`` keeps for the contents and the running
    head but does not print, so the block is the paper's opening in both.

    The block's visitor (:mod:`.titleblock`) is given what it writes from the
    paper's record: ``number``, the running head (``short_title``,
    ``head_authors``), the contents line (``toc_authors``, in the volume), and in
    the paper's own PDF ``pdfinfo``.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        reports = research_domain(self.env).reports
        for block in list(self.document.findall(report_titleblock)):
            docname = block.get("paper", "")
            standalone = docname == self.env.docname
            record = reports.get(docname)
            if record is not None:
                report = record.report
                block["number"] = report.number
                block["short_title"] = short_title(report.title)
                block["head_authors"] = head_authors(family_names(report.authors))
                if standalone:
                    block["pdfinfo"] = pdf_info(report, series_of(self.env), self.config.project)
                else:
                    block["toc_authors"] = join_names(report.author_names)
            _one_author_a_line(block)
            block[:] = [_as_field(child) for child in block.children]
            title = _title_field(block)
            if title is not None:
                series_line = _find_field(block, "report-series")
                after = block.index(series_line) + 1 if series_line is not None else 0
                block.insert(after, title)


def short_title(title: str, limit: int = 60) -> str:
    """The running head's title: up to the colon, and at most *limit* characters."""
    head = title.split(": ", 1)[0].strip() or title
    if len(head) <= limit:
        return head
    cut = head[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def head_authors(family: Sequence[str]) -> str:
    """``Doe``, ``Doe and Roe``, ``Han and Haddad``, ``Doe et al.``: from family names."""
    if len(family) > 2:
        return f"{family[0]} et al."
    return " and ".join(family)


class BreakUrlsAfterTheScheme(LatexPostTransform):
    """A printed URL never leaves its scheme (``https://``) alone at a line end.

    The scheme is set as text glued to the rest, which is set as a URL (breaking
    before ``/ . -`` and the like, see ``researchseries.sty``), so the first
    possible break comes before the host's second part. The link target stays
    the whole URL.
    """

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri", "")
            if len(ref) != 1 or not isinstance(ref[0], nodes.Text) or ref[0] != uri:
                continue
            match = _SCHEME.match(uri)
            if match is None or len(uri) == match.end():
                continue
            rest = uri[match.end() :]
            ref[:] = [
                nodes.Text(match[0]),
                nodes.reference(rest, rest, refuri=rest, nolinkurl=True),
            ]


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


#: The document attribute naming the volume's papers, whose pages it does not hold
#: (the LaTeX builder assembles it without them, :mod:`.incremental`).
VOLUME_PAPERS = "research_volume_papers"


class VolumeTitlePage(LatexPostTransform):
    """The volume opens with its title page (series, years, committee), then contents.

    The years come from the papers, known only now; the page is typeset here at
    the start of the body, and the template's title and contents macros do
    nothing in the volume (``researchseries.sty``).
    """

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        included: list[str] = self.document.get(VOLUME_PAPERS, [])
        if not included:
            return
        reports = research_domain(self.env).reports
        papers = [name for name in included if name in reports]
        if not papers:
            return
        years = sorted({reports[name].report.date.year for name in papers})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        series = series_of(self.env)
        engine = self.config.latex_engine
        committee = ""
        if series.committee:
            committee = f"{series.committee_title}: {join_names(list(series.committee))}"
        values = (
            series.title or self.config.project,
            series.publisher_line,
            span,
            f"Papers reviewed by the {series.short_name} committee" if committee else "",
            committee,
        )
        args = "".join("{" + texescape.escape(value, engine) + "}" for value in values)
        cover = nodes.raw("", f"\\researchvolumetitlepage{args}\n", format="latex")
        cover["classes"].append(_SOURCE_CLASS)  # ours, not a paper's
        self.document.insert(0, cover)


def _one_author_a_line(block: nodes.Element) -> None:
    """Each author on a line of their own with affiliation and ORCID iD, in print.

    The site runs them on in one line ("Name (Affiliation) ORCID ...; Name"); on
    the page three authors with affiliations would run together in a paragraph.
    "ORCID" stays on the line of its number.
    """
    para = next(
        (
            child
            for child in block.children
            if isinstance(child, nodes.paragraph) and "report-authors" in child["classes"]
        ),
        None,
    )
    if para is None:
        return
    lines = [nodes.paragraph("", "", classes=["report-authors"])]
    for child in para.children:
        if isinstance(child, nodes.Text) and str(child) == "; ":
            lines.append(nodes.paragraph("", "", classes=["report-authors"]))
            continue
        copy = child.deepcopy()
        if isinstance(copy, nodes.reference) and "orcid" in copy["classes"]:
            copy[:] = [nodes.Text(copy.astext().replace("ORCID ", "ORCID\u00a0", 1))]
        lines[-1] += copy
    position = block.index(para)
    block[position : position + 1] = lines


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


class EquationReferencesInTheirPaper(LatexPostTransform):
    """``{eq}`` and ``[text](#label)`` to an equation become LaTeX's ``(\\ref{...})``.

    Sphinx's own pass (priority 5) finds the equation by its label series-wide;
    labels are local to each paper (``reading.labels``), so it is found here
    first, from the document the reference was written in, and LaTeX numbers it.
    A MyST link to an equation would otherwise point at ``equation-<label>``,
    which LaTeX does not define (its label is ``equation:<doc>:<label>``).
    """

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.pending_xref)):
            refdoc = str(node.get("refdoc", self.env.current_document.docname))
            if node["refdomain"] == "math" and node["reftype"] in {"eq", "numref"}:
                found = equation_of(self.env, refdoc, node["reftarget"])
            elif node["reftype"] == "myst" and node["refdomain"] != "doc":
                found = markdown_link_to_equation(self.env, refdoc, node["reftarget"])
            else:
                continue
            if found:
                docname, label = found
                node.replace_self(math_reference("", docname=docname, target=label))


def _is_math(node: nodes.Node) -> bool:
    return isinstance(node, nodes.math | nodes.math_block)


class OneNumberPerEquation(LatexPostTransform):
    """A numbered amsmath block (``align``, ``gather``...) takes one number, as on the site.

    MyST numbers the block as a whole and the HTML shows one number; LaTeX
    would number each row, and every later equation would differ from the
    site's. The rows are set in ``aligned`` inside one ``equation``.
    """

    default_priority = 12

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.math_block)):
            body = numbered_environment_body(block.astext())
            if body is None:
                continue
            tex = f"\\begin{{equation}}\\begin{{aligned}}{body}\\end{{aligned}}\\end{{equation}}"
            replacement = nodes.math_block(tex, tex, nowrap=True)
            block.replace_self(replacement)


class DisplaysInTheirParagraph(LatexPostTransform):
    r"""A display equation is set inside the paragraph that leads into it, as one
    writes it in LaTeX.

    Read from Markdown, the equation follows its paragraph; set after the
    paragraph's end it opens a paragraph of its own, whose empty first line
    put a blank line (and ``\parskip``) above ``\abovedisplayskip``. The
    equation's own source mark goes with it; other marks and targets stay.
    """

    default_priority = 13  # after the equations are rewritten and the marks placed

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.math_block)):
            parent = block.parent
            if parent is None or isinstance(parent, nodes.TextElement):
                continue
            index = parent.index(block) - 1
            while index >= 0 and _between_paragraph_and_display(parent[index]):
                index -= 1
            lead = parent[index] if index >= 0 else None
            if not isinstance(lead, nodes.paragraph):
                continue
            own_mark = parent[parent.index(block) - 1]
            if _between_paragraph_and_display(own_mark) and isinstance(own_mark, nodes.raw):
                # the equation's source line stays marked, on a line of its own
                parent.remove(own_mark)
                text = f"\n{own_mark.astext()}\n"
                lead.append(nodes.raw("", text, format="latex", classes=[_SOURCE_CLASS]))
            parent.remove(block)
            lead.append(block)


def _between_paragraph_and_display(node: nodes.Node) -> bool:
    """A node that prints nothing between a paragraph and its display: a source mark,
    a target."""
    if isinstance(node, nodes.target):
        return True
    return isinstance(node, nodes.raw) and _SOURCE_CLASS in node["classes"]


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

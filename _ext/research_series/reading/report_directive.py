"""The ``research-report`` directive: validated metadata in, a title block out.

It emits standard docutils nodes (paragraphs, references, a rubric) wrapped
in one thin ``report_titleblock`` node, so every builder renders it, and it
records the paper in the domain for the series index.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..model.authors import Author
from ..model.doi import is_series_doi, paper_doi, version_doi
from ..model.papers import kept_version, slug, version_docname
from ..model.report import ALL_OPTIONS, Correction, Report, Status, control_character, parse_report
from ..model.series import SeriesConfig
from .diagnostics import Problem
from .domain import ReportRecord, research_domain, warn_while_reading
from .nodes import citation_reference, footnote_citation, report_titleblock
from .text import text_with_links
from .versions import (
    earlier_versions,
    kept_notice,
    kept_number_problem,
    missing_versions,
    version_line,
)
from .withdrawal import notice

#: ``:name: value`` at the start of a directive's option block
_OPTION_LINE = re.compile(r"^\s*:([\w-]+):")
#: What a title may hold besides text.
_TITLE_MARKUP = (
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.inline,
    nodes.subscript,
    nodes.superscript,
    nodes.math,
)


def _is_note_mark(node: nodes.Node) -> bool:
    return isinstance(node, nodes.footnote_reference | footnote_citation)


def _what(node: nodes.Element) -> str:
    if isinstance(node, citation_reference | footnote_citation):
        return "a citation"
    if isinstance(node, nodes.footnote_reference):
        return "a note"
    return f"markup that is not text ({node.tagname})"


class ResearchReportDirective(SphinxDirective):
    """Metadata and abstract of one paper, placed right after its title heading."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = dict.fromkeys(
        ALL_OPTIONS, directives.unchanged
    )

    def run(self) -> list[nodes.Node]:
        docname = self.env.docname
        domain = research_domain(self.env)
        first_line = domain.directive_lines.setdefault(docname, self.lineno)
        if first_line != self.lineno:
            warn_while_reading(
                self.env,
                Problem.metadata,
                f"a second research-report directive in this paper (the first is at line "
                f"{first_line}); keep one directive per paper",
                (docname, self.lineno),
            )
            return []

        self._refuse_repeated_options()
        title = self._title()
        abstract = nodes.container(classes=["abstract"])
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, abstract)
        self._refuse_notes_in(abstract)
        found = control_character(abstract.astext())
        if found is not None:
            self._problem(f"the abstract holds {found}; delete it")
        series = domain.series
        report, problems = parse_report(
            title,
            {name: str(value) for name, value in self.options.items()},
            default_report_type=series.report_type,
            has_abstract=bool(abstract.astext().strip()),
        )
        for problem in problems:
            warn_while_reading(
                self.env,
                Problem.metadata,
                f"research-report: {problem.message}",
                (docname, self._option_line(problem.option)),
            )
        if report is None or found is not None:
            return []
        # The one DOI every format shows: the paper's own, else the series' for it.
        doi = paper_doi(report.doi, report.number, series.doi_prefix, series.short_name)
        kept = kept_version(docname)
        if kept is not None and doi is not None:
            # the paper's DOI names its current version; a kept one has its own, when
            # the DOI is the series' to extend (model/doi.py)
            doi = version_doi(doi, kept.number) if is_series_doi(doi, series.doi_prefix) else None
        report = replace(report, doi=doi)
        if report.withdrawal is not None:
            # What the series shows of the paper now (index, feed, head) is the notice.
            abstract = nodes.container("", notice(report.withdrawal), classes=["abstract"])
        domain.add_report(
            ReportRecord(
                docname,
                self.lineno,
                report,
                abstract.deepcopy(),
                number_line=self._option_line("number"),
                title=self._title_node(),
            )
        )
        block = build_titleblock(report, series, abstract, self._versions(report))
        block["withdrawn"] = report.withdrawal is not None
        block["ids"].append(f"report-{report.number}")
        block["paper"] = docname  # pages and volumes that hold several papers tell them apart
        self.set_source_info(block)
        return [block]

    def _versions(self, report: Report) -> list[nodes.Node]:
        """Which version the page shows and the links to the others (none: version 1)."""
        docname = self.env.docname
        kept = kept_version(docname)
        if kept is not None:
            # Reached from its paper's page, never from a table of contents.
            self.env.metadata[docname]["orphan"] = True
            problem = kept_number_problem(docname, report)
            if problem:
                self._problem(problem, self._option_line("version"))
            shown = [kept_notice(kept, report), version_line(report)]
            return [node for node in shown if node is not None]
        for number in missing_versions(self.env, docname, report):
            self._problem(
                f"the paper is version {report.version} but version {number} is not kept "
                f"({version_docname(slug(docname), number)}.md is missing); restore that "
                "folder, or correct ':version:'",
                self._option_line("version"),
            )
        shown = [version_line(report), earlier_versions(self.env, docname, report)]
        return [node for node in shown if node is not None]

    def _problem(self, message: str, line: int | None = None) -> None:
        warn_while_reading(
            self.env,
            Problem.metadata,
            f"research-report: {message}",
            (self.env.docname, line or self.lineno),
        )

    def _refuse_repeated_options(self) -> None:
        """An option given twice is an error at its second line (MyST keeps the last)."""
        seen: dict[str, int] = {}
        for offset, line in enumerate(self.block_text.splitlines()[1:], 1):
            match = _OPTION_LINE.match(line)
            if match is None:
                break
            name = match[1]
            if name in seen:
                self._problem(
                    f"':{name}:' is given twice (first at line {seen[name]}); keep one",
                    self.lineno + offset,
                )
            seen.setdefault(name, self.lineno + offset)

    def _refuse_notes_in(self, abstract: nodes.container) -> None:
        """Notes cannot follow the abstract to the index, feeds and catalogues."""
        for mark in list(abstract.findall(_is_note_mark)):
            self._problem(
                "the abstract holds a note; it is shown on the index, in the feed and in "
                "catalogues, where notes cannot follow: move the note into the text",
                mark.line,
            )
            mark.parent.remove(mark)

    def _title(self) -> str:
        """The paper's title is its first heading, which the directive follows.

        A title is metadata: it must read the same in ``<title>``, the PDF, the
        exports and catalogues, so it holds text and emphasis only.
        """
        section = next(self.state.document.findall(nodes.section), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return ""
        title = section[0]
        for raw in list(title.findall(nodes.raw)):  # markup stays text
            raw.replace_self(nodes.Text(raw.astext()))
        for node in title.findall(nodes.Element):
            if node is not title and not isinstance(node, _TITLE_MARKUP):
                self._problem(
                    f"the title holds {_what(node)}; a title is plain text in every catalogue, "
                    "feed and citation: move it into the text",
                    title.line,
                )
                break
        return title.astext()

    def _title_node(self) -> nodes.title | None:
        """A copy of the title heading, its emphasis kept (the Crossref deposit's title)."""
        section = next(self.state.document.findall(nodes.section), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return None
        return section[0].deepcopy()

    def _option_line(self, option: str | None) -> int:
        """The source line of ``:option:`` inside this directive, else the directive's."""
        if option:
            pattern = re.compile(rf"^\s*:{re.escape(option)}:")
            for offset, line in enumerate(self.block_text.splitlines()):
                if pattern.match(line):
                    return self.lineno + offset
        return self.lineno


class TitleBlockFollowsTitle(SphinxTransform):
    """The directive stands in the paper's first section, before any other heading.

    Anywhere else, the heading it follows is not the paper's title (a PDF
    titled "Introduction"), so the paper is not recorded. (Checked once the
    document is parsed: MyST's directive state does not say where it is.)
    """

    default_priority = 300

    def apply(self, **kwargs: Any) -> None:
        block = next(self.document.findall(report_titleblock), None)
        if block is None:
            return
        first = next(self.document.findall(nodes.section), None)
        if block.parent is first:
            return
        warn_while_reading(
            self.env,
            Problem.metadata,
            "research-report: the directive must follow the paper's title heading "
            "('# Title'), before any other heading; move it up",
            block,
        )
        research_domain(self.env).discard_report(self.env.docname)
        block.parent.remove(block)


def build_titleblock(
    report: Report,
    series: SeriesConfig,
    abstract: nodes.container,
    versions: Sequence[nodes.Node] = (),
) -> report_titleblock:
    """The title block as standard nodes inside one ``report_titleblock``.

    *versions* (which version this is, the links to the others) follow the date.
    """
    block = report_titleblock()
    block += _paragraph(
        "report-series",
        nodes.Text(f"{series.title} · No. {report.number} · {report.report_type}"),
    )
    block += author_line(report.authors)
    block += _paragraph(
        "report-publisher", nodes.Text(f"{series.publisher_line} · {report.date.display}")
    )
    block.extend(versions)
    if report.correction is not None:
        block += correction_notice(report.correction, report.number)
    if report.withdrawal is not None:
        block += notice(report.withdrawal)
        return block
    if report.status is Status.published and report.published_as:
        block += _paragraph(
            "report-status",
            nodes.strong(text="Published as: "),
            *text_with_links(report.published_as),
        )
    else:
        policy = f" ({series.policy})" if series.policy else ""
        block += _paragraph("report-status", nodes.Text(f"Working paper{policy}"))
    if report.doi_url:
        block += _paragraph(
            "report-doi",
            nodes.strong(text="DOI: "),
            nodes.reference(report.doi_url, report.doi_url, refuri=report.doi_url),
        )
    if report.keywords:
        block += _paragraph(
            "report-keywords",
            nodes.strong(text="Keywords: "),
            nodes.Text("; ".join(report.keywords)),
        )
    if series.listing_statement:
        block += _paragraph("report-listing", nodes.Text(series.listing_statement))
    block += nodes.rubric(text="Abstract", classes=["abstract-title"])
    block += abstract
    return block


def correction_id(number: int) -> str:
    """The notice's id on the page (a volume holds several papers: the number tells them apart)."""
    return f"correction-{number}"


def correction_notice(correction: Correction, number: int) -> nodes.paragraph:
    """``Corrected on May 1, 2024. <what>``: at the top of the paper in every format."""
    return nodes.paragraph(
        "",
        "",
        nodes.strong(text=f"Corrected on {correction.date.display}. "),
        nodes.Text(correction.text),
        classes=["report-correction"],
        ids=[correction_id(number)],
    )


def author_line(authors: tuple[Author, ...]) -> nodes.paragraph:
    """``Name (Affiliation) [ORCID]; ...`` with ORCID iDs as links."""
    para = _paragraph("report-authors")
    for i, author in enumerate(authors):
        if i:
            para += nodes.Text("; ")
        para += nodes.inline(text=author.name, classes=["author-name"])
        if author.affiliation:
            para += nodes.Text(" ")
            para += nodes.inline(text=f"({author.affiliation})", classes=["author-affiliation"])
        if author.orcid_url:
            para += nodes.Text(" ")
            para += nodes.reference(
                "", f"ORCID {author.orcid}", refuri=author.orcid_url, classes=["orcid"]
            )
    return para


def _paragraph(css_class: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[css_class])

"""A paper page that reads like a research publication: the website's arrangement.

On the website only (the PDF and EPUB keep the reading wing's doctree):

- the title block in reading order: authors (linked to their catalogue pages),
  series line, date, status, keywords (linked), a line of the paper's files, then
  the abstract; the listing statement leaves it for the end of the paper;
- the numbered notes in a section headed "Notes", before Works Cited (the marks
  and back-links are untouched; the script shows each note beside its mark);
- "How to cite" after the works lists, as a section of its own;
- the page's contents (the paper's sections) and the series' identity in the
  template context.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.docutils import SphinxTranslator

from ..model.papers import ACCESSIBLE_PDF, download_path
from ..reading.domain import ReportRecord, research_domain
from ..reading.nodes import report_titleblock
from ..reading.series_view import series_of
from .catalogue import author_pages, browse_links, has_catalogue, keyword_page, link
from .download_links import will_exist
from .howtocite import ACCESSIBLE_LABEL
from .urls import relative_from
from .website import is_website

NOTES_ID = "notes"
CITE_ID = "how-to-cite"
#: Shown by the script; without it the box stays hidden and every paper is listed.
FILTER_BOX = (
    '<div class="series-filter" hidden="hidden">\n'
    '<label for="series-filter-q">Filter the papers by title, author, keyword or year</label>\n'
    '<input type="search" id="series-filter-q" autocomplete="off" />\n'
    '<p class="series-filter-status" role="status"></p>\n'
    "</div>\n"
)


def arrange_paper_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: after the web extras (how to cite) are in place."""
    if not is_website(app.builder) or app.builder.name == "singlehtml":
        return
    domain = research_domain(app.env)
    if docname in domain.index_pages:
        _add_catalogue_tools(app, doctree, docname)
    record = domain.reports.get(docname)
    block = next(iter(doctree.findall(report_titleblock)), None)
    if record is None or block is None or not isinstance(block.parent, nodes.section):
        return
    paper = block.parent
    listing = _arrange_titleblock(app, block, record, docname)
    _collect_notes(doctree, paper, record)
    _move_how_to_cite(paper, listing)


def _add_catalogue_tools(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Above the listing: the filter box, and links to the keyword and author pages."""
    listing = next(
        (n for n in doctree.findall(nodes.container) if "series-catalogue" in n["classes"]), None
    )
    if listing is None:
        return
    tools: list[nodes.Node] = [nodes.raw("", FILTER_BOX, format="html")]
    if has_catalogue(app.builder):
        tools.insert(0, browse_links(app, docname))
    position = listing.parent.index(listing)
    for node in reversed(tools):
        listing.parent.insert(position, node)


def _child(block: nodes.Element, css_class: str) -> nodes.Element | None:
    return next(
        (c for c in block.children if isinstance(c, nodes.Element) and css_class in c["classes"]),
        None,
    )


def _arrange_titleblock(
    app: Sphinx, block: report_titleblock, record: ReportRecord, docname: str
) -> nodes.Element | None:
    """Reorder and link the title block; return the listing statement taken out of it."""
    authors = _child(block, "report-authors")
    if authors is not None:
        block.remove(authors)
        block.insert(0, authors)
        if has_catalogue(app.builder):
            _link_authors(app.builder, authors, author_pages(app, record), docname)
    keywords = _child(block, "report-keywords")
    if keywords is not None and has_catalogue(app.builder):
        _link_keywords(app, keywords, record, docname)
    listing = _child(block, "report-listing")
    if listing is not None:
        block.remove(listing)
    rubric = _child(block, "abstract-title")
    position = block.index(rubric) if rubric is not None else len(block)
    block.insert(position, _files_line(app.builder, docname, record))
    return listing


def _link_authors(
    builder: Builder, para: nodes.Element, pages: list[str | None], docname: str
) -> None:
    names = [n for n in para.findall(nodes.inline) if "author-name" in n["classes"]]
    for name, page in zip(names, pages, strict=False):
        if page is None:
            continue
        ref = nodes.reference("", "", *name.children, refuri=link(builder, docname, page))
        name.children = []
        name += ref


def _link_keywords(app: Sphinx, para: nodes.Element, record: ReportRecord, docname: str) -> None:
    heading = next(iter(para.findall(nodes.strong)), None)
    para.children = []
    if heading is not None:
        para += heading
    for i, keyword in enumerate(record.report.keywords):
        if i:
            para += nodes.Text("; ")
        page = keyword_page(app, keyword)
        if page is None:
            para += nodes.Text(keyword)
        else:
            uri = link(app.builder, docname, page)
            para += nodes.reference("", keyword, refuri=uri, classes=["keyword"])


def _files_line(builder: Builder, docname: str, record: ReportRecord) -> nodes.paragraph:
    """``PDF · EPUB · How to cite``: the paper's other forms, without leaving the top.

    A withdrawn paper's PDF and EPUB are no longer published; a PDF or EPUB is
    linked only where it is there or this command makes it.
    """
    para = nodes.paragraph("", "", classes=["report-links"])
    files = [("PDF", ".pdf"), (ACCESSIBLE_LABEL, ACCESSIBLE_PDF), ("EPUB", ".epub")]
    made = files if record.report.withdrawal is None else []
    links = [
        (label, relative_from(builder, docname, path))
        for label, suffix in made
        if will_exist(builder, path := download_path(docname, suffix))
    ]
    links.append(("How to cite", f"#{CITE_ID}"))
    for i, (label, uri) in enumerate(links):
        if i:
            para += nodes.Text(" · ")
        para += nodes.reference("", label, refuri=uri)
    return para


def _collect_notes(doctree: nodes.document, paper: nodes.section, record: ReportRecord) -> None:
    """The paper's numbered notes, under a "Notes" heading before Works Cited."""
    notes = [n for n in doctree.findall(nodes.footnote) if not _inside_paper_body(n, paper)]
    if not notes:
        return
    section = nodes.section("", nodes.title("", "Notes"), ids=[NOTES_ID], classes=["notes"])
    for note in notes:
        parent = note.parent
        index = parent.index(note)
        before = parent[index - 1] if index else None
        if isinstance(before, nodes.transition):  # MyST's rule above the notes
            parent.remove(before)
        parent.remove(note)
        section += note
    lists = [record.works_cited_id, record.works_referenced_id]
    works = next(
        (
            child
            for child in paper.children
            if isinstance(child, nodes.section) and set(child["ids"]) & set(filter(None, lists))
        ),
        None,
    )
    if works is not None:
        paper.insert(paper.index(works), section)
    else:
        paper += section


def _inside_paper_body(note: nodes.footnote, paper: nodes.section) -> bool:
    """A note an author placed inside the text stays where it is."""
    parent = note.parent
    while parent is not None:
        if parent is paper:
            return True
        parent = parent.parent
    return False


def _move_how_to_cite(paper: nodes.section, listing: nodes.Element | None) -> None:
    """How to cite, then the listing statement, after the works lists."""
    box = next(
        (
            c
            for c in paper.children
            if isinstance(c, nodes.container) and "how-to-cite" in c["classes"]
        ),
        None,
    )
    if box is None and listing is None:
        return
    section = nodes.section("", nodes.title("", "How to cite"), ids=[CITE_ID])
    section["classes"].append("cite-section")
    if box is not None:
        paper.remove(box)
        for rubric in [c for c in box.children if isinstance(c, nodes.rubric)]:
            box.remove(rubric)
        section += box
    if listing is not None:
        section += listing
    paper += section


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the series' identity on every page; a paper's contents."""
    series = series_of(app.env)
    context["series_identity"] = {
        "title": series.title,
        "publisher": series.publisher,
        "institution": series.institution,
    }
    if doctree is None or pagename not in research_domain(app.env).reports:
        return
    paper = next(
        (
            s
            for s in doctree.findall(nodes.section)
            if any(isinstance(c, report_titleblock) for c in s.children)
        ),
        None,
    )
    if paper is None:
        return
    context["paper_contents"] = [
        (section["ids"][0], section[0].astext())
        for section in paper.children
        if isinstance(section, nodes.section)
        and section["ids"]
        and section.children
        and isinstance(section[0], nodes.title)
    ]


def visit_footnote(self: SphinxTranslator, node: nodes.footnote) -> None:
    """The website's notes: docutils' markup, with a ``div`` around the list.

    docutils wraps the notes in an ``aside``, a complementary landmark, which may not
    sit inside ``main``. Other builders (EPUB) keep their translator's own method.
    """
    if not is_website(self.builder):
        type(self).visit_footnote(self, node)
        return
    label_style = self.settings.footnote_references
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append(f'<div class="footnote-list {label_style}">\n')  # type: ignore[attr-defined]
    self.body.append(  # type: ignore[attr-defined]
        self.starttag(node, "aside", classes=[node.tagname, label_style], role="doc-footnote")  # type: ignore[attr-defined]
    )


def depart_footnote(self: SphinxTranslator, node: nodes.footnote) -> None:
    if not is_website(self.builder):
        type(self).depart_footnote(self, node)
        return
    self.body.append("</aside>\n")  # type: ignore[attr-defined]
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")  # type: ignore[attr-defined]


def visit_table(self: SphinxTranslator, node: nodes.table) -> None:
    """A table a keyboard can reach: on a phone a wide one scrolls inside itself.

    The theme lets a table scroll sideways rather than the page; a region that
    scrolls must take focus (``tabindex``) for readers without a pointer.
    """
    type(self).visit_table(self, node)
    if is_website(self.builder):
        body: list[str] = self.body  # type: ignore[attr-defined]
        tag = max(i for i, part in enumerate(body) if part.startswith("<table"))
        body[tag] = body[tag].replace("<table", '<table tabindex="0"', 1)


def depart_table(self: SphinxTranslator, node: nodes.table) -> None:
    type(self).depart_table(self, node)

"""On the website only: "How to cite" and downloads on each paper page, and
download links on the index.

Added when a page's doctree is resolved for the HTML builders, so the PDF and
EPUB of a paper do not carry links to files that live beside the website.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..bibliography import get_style
from ..model.exports import report_entry
from ..model.papers import ACCESSIBLE_PDF, DOWNLOADS, download_path, kept_version
from ..model.report import Report
from ..model.series import HOW_TO_CITE_STYLES, SeriesConfig
from ..reading.citation_text import render_text
from ..reading.domain import ReportRecord, research_domain
from ..reading.nodes import report_titleblock
from ..reading.series_view import published, series_of
from .download_links import volume_paths, will_exist
from .urls import citable, relative_from
from .website import is_website

#: The tagged PDF's link text; the print edition's is "PDF" (docs/accessibility.md).
ACCESSIBLE_LABEL = "PDF (accessible, tagged)"
DOWNLOAD_FORMATS = (
    ("PDF", ".pdf"),
    (ACCESSIBLE_LABEL, ACCESSIBLE_PDF),
    ("EPUB", ".epub"),
    ("BibTeX", ".bib"),
    ("RIS", ".ris"),
    ("CSL-JSON", ".json"),
)
#: Which PDF is which, said on every paper's page (and in docs/accessibility.md).
WHICH_PDF = (
    "PDF is the print edition, typeset with LaTeX. PDF (accessible, tagged) is printed "
    "from this page and conforms to PDF/UA-1: its structure, reading order, notes and "
    "languages are tagged for screen readers and reflow."
)
WITHDRAWN_FORMATS = frozenset({"PDF", ACCESSIBLE_LABEL, "EPUB"})
_STYLE_LABELS = {
    "chicago-notes": "Chicago",
    "chicago-author-date": "Chicago author-date",
    "author-date": "Author-date",
}


def which_version(report: Report, *, kept: bool) -> str | None:
    """Which version the citation is of, and how to cite the others (None: no versions)."""
    when = report.version_date.display
    if kept:
        return (
            f"This cites version {report.version} ({when}), kept as it was published. "
            "The current version has its own page and citation."
        )
    if report.revision is None:
        return None
    return (
        f"This cites version {report.version} ({when}), the current version. To cite an "
        "earlier version, open it from the list of earlier versions at the top of the page: "
        "each has its own page, citation and files."
    )


def download_class(suffix: str) -> str:
    """``download-pdf``, ``download-accessible-pdf``, ...: a link's class by its file."""
    return "download-" + suffix[1:].replace(".", "-")


def add_web_extras(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the website's extras for paper pages and the index."""
    if is_website(app.builder):
        WebExtras(app.builder, doctree, docname).add()


class WebExtras:
    """How to cite and downloads on one page of the website."""

    def __init__(self, builder: Builder, document: nodes.document, docname: str) -> None:
        self.builder = builder
        self.document = document
        self.docname = docname

    def add(self) -> None:
        domain = research_domain(self.builder.env)
        series = series_of(self.builder.env)
        docname = self.docname
        # A page shows one paper, or (``singlehtml``) every paper of the series.
        for titleblock in list(self.document.findall(report_titleblock)):
            record = domain.reports.get(titleblock.get("paper", ""))
            if record is not None:
                parent = titleblock.parent
                parent.insert(parent.index(titleblock) + 1, self.how_to_cite(record, series))
        if docname in domain.index_pages:
            self.series_links()
            # the papers the listing shows: a withheld paper may share a number
            by_anchor: dict[str, ReportRecord] = {}
            for shown in published(self.builder.env):
                by_anchor.setdefault(f"paper-{shown.report.number}", shown)
            for item in self.document.findall(nodes.list_item):
                paper = next((by_anchor[i] for i in item["ids"] if i in by_anchor), None)
                if paper is not None:
                    # after the citation and its status line: PDF · EPUB · BibTeX · Cite
                    files = self.downloads(paper, ("PDF", "EPUB", "BibTeX"))
                    if self.builder.name != "singlehtml":  # one page: no section to link
                        files += nodes.Text(" · ")
                        cite = relative_uri(
                            self.builder.get_target_uri(docname),
                            self.builder.get_target_uri(paper.docname),
                        )
                        files += nodes.reference("", "Cite", refuri=f"{cite}#how-to-cite")
                    item.insert(min(2, len(item.children)), files)

    def how_to_cite(self, record: ReportRecord, series: SeriesConfig) -> nodes.container:
        box = nodes.container(classes=["how-to-cite"])
        box += nodes.rubric(text="How to cite")
        entry = report_entry(citable(record, series, self.builder), series)
        styles = [series.citation_style] + [
            s for s in HOW_TO_CITE_STYLES if s != series.citation_style
        ]
        for name in styles:
            text = get_style(name).format_bibliography_entry(entry)
            # unique on a page that holds every paper (``singlehtml``)
            ident = f"cite-as-{name}"
            if record.docname != self.docname:
                ident += f"-{record.report.number}"
            para = nodes.paragraph("", "", classes=["cite-as"], ids=[ident])
            para += nodes.strong(text=f"{_STYLE_LABELS.get(name, name)}: ")
            para += nodes.inline("", "", *render_text(text), classes=["cite-as-text"])
            para += nodes.raw(
                "",
                f'<button type="button" class="copy-citation" data-copy="{ident}">Copy</button>',
                format="html",
            )
            box += para
        said = which_version(record.report, kept=kept_version(record.docname) is not None)
        if said:
            box += nodes.paragraph("", said, classes=["cite-version"])
        box += self.downloads(record, tuple(label for label, _ in DOWNLOAD_FORMATS))
        if record.report.withdrawal is None:
            box += nodes.paragraph("", WHICH_PDF, classes=["which-pdf"])
        return box

    def series_links(self) -> None:
        """The whole series' citations and feed, after the listing."""
        para = self.link_line(
            "series-downloads",
            "The whole series: ",
            [
                *(
                    (label, path, "")
                    for label, path in zip(
                        ("PDF volume", "EPUB volume"), volume_paths(), strict=True
                    )
                    if will_exist(self.builder, path)
                ),
                ("Atom feed", "feed.xml", ""),
                ("BibTeX", f"{DOWNLOADS}/series.bib", ""),
                ("CSL-JSON", f"{DOWNLOADS}/series.json", ""),
            ],
        )
        # after the whole listing, not inside its first year's section
        catalogue = next(
            (
                n
                for n in self.document.findall(nodes.container)
                if "series-catalogue" in n["classes"]
            ),
            None,
        )
        if catalogue is not None:
            catalogue.parent.insert(catalogue.parent.index(catalogue) + 1, para)

    def downloads(self, record: ReportRecord, labels: tuple[str, ...]) -> nodes.paragraph:
        """One paper's files, in the order of ``DOWNLOAD_FORMATS``.

        A withdrawn paper keeps its citation exports (it may still be cited),
        not its PDF and EPUB, which are no longer published.
        """
        if record.report.withdrawal is not None:
            labels = tuple(label for label in labels if label not in WITHDRAWN_FORMATS)
        links = []
        for label, suffix in DOWNLOAD_FORMATS:
            path = download_path(record.docname, suffix)
            # a PDF or EPUB only where it is there or this command makes it
            made = label not in WITHDRAWN_FORMATS or will_exist(self.builder, path)
            if label in labels and made:
                links.append((label, path, download_class(suffix)))
        return self.link_line("downloads", "Download: ", links)

    def link_line(
        self, css_class: str, heading: str, links: list[tuple[str, str, str]]
    ) -> nodes.paragraph:
        """``Heading: A · B · C``, each a link from this page to a site path."""
        para = nodes.paragraph("", "", classes=[css_class])
        para += nodes.strong(text=heading)
        for i, (label, path, link_class) in enumerate(links):
            if i:
                para += nodes.Text(" · ")
            uri = relative_from(self.builder, self.docname, path)
            para += nodes.reference(
                "", label, refuri=uri, classes=[link_class] if link_class else []
            )
        return para

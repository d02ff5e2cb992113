"""The ``epub`` builder: every page written once, then one EPUB 3 per paper.

Sphinx's EPUB builder makes one book from ``root_doc``. This one keeps its
page writing (XHTML, the ``epub`` theme, fixed ids, visible link targets) and
Sphinx's ``mimetype`` and ``container.xml``, then packages each paper from its
written pages in ``finish()``, plus the whole series as ``series.epub``. Only
papers whose pages were written in this run are packaged again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence, Set
from typing import TYPE_CHECKING

from markupsafe import Markup
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.html import convert_locale_to_language_tag
from sphinx.locale import _, __
from sphinx.util.display import status_iterator

from ..model.papers import VOLUME, file_stem, slug, version_docname
from ..reading.citations import WORKS_CITED
from ..reading.diagnostics import Problem, warn
from ..reading.domain import ReportRecord, research_domain
from ..reading.incremental import WritesWhatWasReadAgain
from ..reading.problems import unpublished
from ..reading.series_view import kept_versions_of, series_of, series_view
from .container import (
    Cover,
    Publication,
    SharedFiles,
    nav_entries,
    read_assets,
    remove_stale,
    write_publication,
)
from .links import paper_pages, send_outside_links_to_site, toctree_order
from .metadata import modified_timestamp, paper_metadata, volume_metadata
from .package_xml import Landmark, NavEntry
from .translator import EpubTranslator

if TYPE_CHECKING:
    from docutils import nodes

STATIC = "_static"


class SeriesEpubBuilder(WritesWhatWasReadAgain, Epub3Builder):
    """One EPUB 3 per paper (and one for the series) from a single Sphinx run."""

    name = "epub"
    epilog = __("One EPUB per paper, and the series volume, are in %(outdir)s.")
    default_translator_class = EpubTranslator

    def init(self) -> None:
        super().init()
        # A general index spans the series; no paper's EPUB could hold it.
        self.use_index = False
        self.written: set[str] = set()
        self.papers: dict[str, tuple[str, ...]] = {}
        self.package_of: dict[str, frozenset[str]] = {}

    @property
    def language(self) -> str:
        """BCP 47 tag for ``lang``/``xml:lang`` and ``dc:language``."""
        return convert_locale_to_language_tag(self.config.epub_language) or "en"

    @property
    def rights(self) -> str:
        """``copyright`` as one line (Sphinx also accepts a list of lines)."""
        value = self.config.copyright
        return value if isinstance(value, str) else "; ".join(value)

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        self.written = set(docnames)
        self.papers = paper_pages(self.env)
        self.package_of = {
            docname: frozenset(pages) for pages in self.papers.values() for docname in pages
        }
        self.globalcontext["html_tag"] = Markup(
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops" lang="{0}" xml:lang="{0}">'
        ).format(self.language)

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        package = self.package_of.get(docname)
        if package is not None:
            series = series_of(self.env)
            site = series.base_url.rstrip("/") + "/" if series.base_url else ""
            send_outside_links_to_site(
                doctree,
                docname,
                package,
                suffix=self.out_suffix,
                site=site,
                site_suffix=self.config.html_file_suffix or ".html",
            )
        super().write_doc(docname, doctree)

    def gen_indices(self) -> None:
        """No general or domain index: each would span papers that are separate books."""

    def handle_finish(self) -> None:
        shared = self.shared_files()
        publications = self.publications(shared.modified)
        stale = [p for p in publications if self.needs_packaging(p)]
        contents = _("Table of Contents")
        for publication in status_iterator(
            stale,
            __("writing EPUB files... "),
            "darkgreen",
            len(stale),
            self.config.verbosity,
            stringify_func=lambda p: f"{p.name}.epub",
        ):
            write_publication(self.outdir, publication, shared, self.out_suffix, contents)
        remove_stale(self.outdir, [p.name for p in publications])

    def needs_packaging(self, publication: Publication) -> bool:
        """Its pages were written in this run, or it has no EPUB yet."""
        target = self.outdir / f"{publication.name}.epub"
        return not target.is_file() or not self.written.isdisjoint(publication.docnames)

    def shared_files(self) -> SharedFiles:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        return SharedFiles(
            mimetype=(self.template_dir / "mimetype").read_bytes(),
            container=(self.template_dir / "container.xml").read_bytes(),
            assets=read_assets(self.outdir, STATIC, self.media_types),
            modified=modified_timestamp(int(epoch) if epoch else None),
        )

    def publications(self, modified: str) -> list[Publication]:
        """Every paper with valid metadata, by number, then the series volume."""
        ordered = series_view(self.env).ordered
        withheld = unpublished(self.env)
        result = []
        for record in ordered:
            name = slug(record.docname)
            pages = self.papers.get(name, ())
            # A withdrawn paper's EPUB is no longer published (and removed as stale),
            # nor one a strict build withholds for its problems.
            if (
                record.report.withdrawal is None
                and pages[:1] == (record.docname,)
                and withheld.isdisjoint(pages)
            ):
                result.append(self.paper_publication(name, record, modified))
                result += self.kept_publications(name, withheld, modified)
        # the volume is the whole series: a paper with a problem withholds it too
        complete = all(
            withheld.isdisjoint(self.papers.get(slug(record.docname), ())) for record in ordered
        )
        volume = self.volume_publication(ordered, modified) if complete else None
        if volume is not None:
            result.append(volume)
        return result

    def kept_publications(self, paper: str, withheld: Set[str], modified: str) -> list[Publication]:
        """The paper's kept versions, each its own book ``<slug>-v<n>``, from what was kept."""
        reports = research_domain(self.env).reports
        result = []
        for number in kept_versions_of(self.env, paper):
            docname = version_docname(paper, number)
            record = reports.get(docname)
            pages = self.papers.get(file_stem(docname), ())
            if record is not None and pages[:1] == (docname,) and withheld.isdisjoint(pages):
                result.append(self.paper_publication(file_stem(docname), record, modified))
        return result

    def paper_publication(self, slug: str, record: ReportRecord, modified: str) -> Publication:
        docnames = self.papers[slug]
        images = self.images_of(docnames)
        series = series_of(self.env)
        metadata = paper_metadata(
            record.report,
            series,
            abstract=record.abstract.astext(),
            language=self.language,
            modified=modified,
            rights=self.rights,
            source=self.site_url(record.docname),
            has_images=bool(images),
        )
        nav = self.nav(docnames)
        landmarks = paper_landmarks(nav, record)
        report = record.report
        cover = Cover(
            series.title, report.number, report.title, report.author_names, report.date.year
        )
        return Publication(slug, docnames, metadata, nav, landmarks, images, cover)

    def volume_publication(
        self, ordered: Sequence[ReportRecord], modified: str
    ) -> Publication | None:
        """The series in one book: the index, then every paper in series order."""
        if VOLUME in self.papers:
            warn(
                Problem.series,
                f"a paper folder named {VOLUME!r} has the name of the series EPUB, which is "
                "not written; rename the folder",
                (self.papers[VOLUME][0], 1),
            )
            return None
        root = self.config.root_doc
        docnames = tuple(toctree_order(self.env, root))
        if not docnames:
            return None
        images = self.images_of(docnames)
        series = series_of(self.env)
        metadata = volume_metadata(
            series,
            [record.report for record in ordered],
            description=series.listing_statement,
            language=self.language,
            modified=modified,
            rights=self.rights,
            source=self.site_url(root),
            has_images=bool(images),
        )
        nav = self.nav(docnames)
        landmarks = (Landmark("bodymatter", "Start", nav[0].href),) if nav else ()
        return Publication(VOLUME, docnames, metadata, nav, landmarks, images)

    def nav(self, docnames: tuple[str, ...]) -> tuple[NavEntry, ...]:
        depth = self.config.epub_tocdepth
        entries: list[NavEntry] = []
        for docname in docnames:
            entries += nav_entries(self.env.tocs.get(docname), docname, self.out_suffix, depth)
        return tuple(entries)

    def images_of(self, docnames: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The images these pages show, as copied to ``_images`` by this builder."""
        pages = set(docnames)
        found = []
        for _source, (users, unique) in sorted(self.env.images.items()):
            href = f"{self.imagedir}/{unique}"
            media_type = self.media_types.get(os.path.splitext(unique)[1].lower())
            if pages & users and media_type and (self.outdir / href).is_file():
                found.append((href, media_type))
        return tuple(found)

    def site_url(self, docname: str) -> str:
        base = series_of(self.env).base_url
        if not base:
            return ""
        return f"{base.rstrip('/')}/{docname}{self.config.html_file_suffix or '.html'}"


def paper_landmarks(nav: tuple[NavEntry, ...], record: ReportRecord) -> tuple[Landmark, ...]:
    """Title page (the title block opens the paper), where the body starts, the works cited.

    The works lists are known by the ids their sections got while the paper
    was read (:class:`..reading.domain.ReportRecord`), not by their headings.
    """
    if not nav:
        return ()
    paper = nav[0]
    marks = [Landmark("titlepage", "Title page", paper.href)]
    works_lists = {record.works_cited_id, record.works_referenced_id} - {""}
    body = next((entry for entry in paper.children if entry.fragment not in works_lists), None)
    works = next(
        (entry for entry in paper.children if entry.fragment == record.works_cited_id), None
    )
    if body is not None:
        marks.append(Landmark("bodymatter", "Start of the paper", body.href))
    if works is not None:
        marks.append(Landmark("bibliography", WORKS_CITED, works.href))
    return tuple(marks)

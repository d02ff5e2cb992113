"""Citations scoped to their paper, resolved while the paper is read.

A paper's keys resolve in its own ``references.bib`` (plus the optional
series-wide ``series_shared_bib``), so everything a citation needs is known
when that one paper is read: notes get their full or short form in reading
order, and Works Cited / Works Referenced are built into the paper's own
doctree as standard nodes. Nothing is cross-document, so reading is
parallel-safe and the cost of a build grows linearly with the series.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..bibliography import Bibliography, CitationStyle, get_style, load_bibliography
from ..bibliography.bibfiles import BibEntry
from ..model.citation_syntax import old_spelling
from ..model.report import clean_doi
from ..model.series_citations import paper_source, series_paper_entry
from .citation_text import (
    CitationHistory,
    Work,
    entry_id,
    in_language,
    language_field,
    note_citation,
    render_text,
    text_citation,
    work_language_of,
)
from .diagnostics import Problem, near_match
from .domain import ListedWork, research_domain, warn_while_reading
from .footnotes import (
    check_footnote_marks,
    expand_footnote_citations,
    in_footnote,
    reading_order,
    sort_footnote_marks,
)
from .nodes import citation_reference, report_titleblock, works_lists_placeholder
from .series_view import series_of

BIB_FILENAME = "references.bib"
WORKS_CITED = "Works Cited"
WORKS_REFERENCED = "Works Referenced"


def bib_paths(env: BuildEnvironment, docname: str) -> list[Path]:
    """The shared bibliography (if configured) and the paper's own ``references.bib``."""
    paths = []
    shared = series_of(env).shared_bib
    if shared:
        paths.append(Path(env.srcdir, shared))
    own = Path(env.doc2path(docname)).parent / BIB_FILENAME
    if own.is_file():
        paths.append(own)
    return paths


class ResolveCitations(SphinxTransform):
    """Footnote citations, reading-order note forms, and the works lists."""

    # Before docutils numbers footnotes (620), so generated notes are numbered too.
    default_priority = 610

    def apply(self, **kwargs: Any) -> None:
        check_footnote_marks(self.env, self.document)
        citations = list(self.document.findall(citation_reference))
        titleblock = next(self.document.findall(report_titleblock), None)
        placeholders = list(self.document.findall(works_lists_placeholder))
        if titleblock is None and placeholders:
            self._refuse_works_lists(placeholders, None)
        if not citations and titleblock is None:
            return
        expand_footnote_citations(self.env, self.document)
        sort_footnote_marks(self.document)
        paths = bib_paths(self.env, self.env.docname)
        for path in paths:
            self.env.note_dependency(str(path))
        bibliography, problems = load_bibliography(paths)
        for problem in problems:
            warn_while_reading(
                self.env, Problem.bibtex, problem.message, f"{problem.path}:{problem.line or 0}"
            )
        self._add_series_papers(bibliography)
        # One style object for the paper's citations and its works lists, with the
        # labels (1990a, E. B. White) of every work those lists print.
        style = get_style(series_of(self.env).citation_style).for_works(
            bibliography.entries.values()
        )
        cited = self._resolve(bibliography, style, paths)
        if titleblock is not None and not titleblock.get("withdrawn"):
            # a withdrawn paper's page is its notice: no works list (docs/directive.md)
            works_ids = self._add_works_lists(bibliography, style, cited, placeholders)
            titleblock["works_cited_id"] = works_ids.get(WORKS_CITED, "")
            titleblock["works_referenced_id"] = works_ids.get(WORKS_REFERENCED, "")

    def _add_series_papers(self, bibliography: Bibliography) -> None:
        """A cited key that names a paper folder cites that paper of the series.

        Its entry is made from the paper's own metadata
        (:mod:`..model.series_citations`); the citing paper is read again when
        the cited one changes. A key the bibliography has is the bibliography's.
        """
        srcdir = Path(self.env.srcdir)
        series = series_of(self.env)
        entries = cast("MutableMapping[str, Entry]", bibliography.entries)
        for node in self.document.findall(citation_reference):
            for item in node.get("items") or ():
                if item.key in entries:
                    continue
                source = paper_source(srcdir, item.key)
                if source is None:
                    continue
                self.env.note_dependency(str(source))
                entry = series_paper_entry(srcdir, item.key, series)
                if entry is not None:
                    cited = BibEntry(entry.type, fields=entry.fields, persons=entry.persons)
                    cited.key = item.key
                    entries[item.key] = cited

    def _resolve(
        self, bibliography: Bibliography, style: CitationStyle, paths: list[Path]
    ) -> list[str]:
        """Render every citation in reading order; return the cited keys, first use first."""
        history = CitationHistory()
        where = " or ".join(str(path.name) for path in paths) or (
            f"{BIB_FILENAME} (there is none next to this paper)"
        )
        for node in reading_order(self.document):
            works = self._works_of(node, bibliography, where)
            if not works:
                node.replace_self(nodes.inline(text=node.rawsource, classes=["citation-missing"]))
                continue
            spec = node["spec"]
            if spec.form.is_citation and in_footnote(node):
                rendered = note_citation(style, works, history, ends_note=not _text_follows(node))
            else:
                rendered = text_citation(style, spec, works, history)
            node.replace_self(rendered)
        return list(history.cited)

    def _works_of(
        self, node: citation_reference, bibliography: Bibliography, where: str
    ) -> list[Work]:
        """The works *node* cites; each key not in the bibliography is a located error."""
        role = f"{{{node['role']}}}"
        target = node.rawsource.partition("`")[2].rstrip("`")
        unread = node["problem"] or any(
            item.key not in bibliography.entries for item in node["items"]
        )
        new = old_spelling(target, lambda key: key in bibliography.entries) if unread else None
        if new is not None:
            message = (
                f"{role}`{target}` is the old citation spelling, which is no longer read; "
                f"write {role}`{new}` (works separated by commas, the page in braces after "
                "its key)"
            )
            warn_while_reading(self.env, Problem.citation, message, node)
            return []
        if node["problem"]:
            warn_while_reading(self.env, Problem.citation, f"{role}: {node['problem']}", node)
            return []
        if not node["spec"].form.is_citation and any(
            item.pre or item.locator for item in node["items"]
        ):
            warn_while_reading(
                self.env,
                Problem.citation,
                f"{role} prints no pre- or post-text (only the name, year or label); remove "
                "the text in braces, or cite with {cite:p} or {cite:t}",
                node,
            )
        works = []
        for i, item in enumerate(node["items"]):
            entry = bibliography.entries.get(item.key)
            if entry is not None:
                works.append((entry, item))
                continue
            hint = "add an entry with this key or correct the key"
            near = near_match(item.key, bibliography.entries.keys())
            if near is not None:
                hint = f"did you mean {near!r}? Else {hint}"
            if i:
                previous = node["items"][i - 1].key
                hint += f" (a page goes in braces after its key: {previous}{{{item.key}}})"
            warn_while_reading(
                self.env,
                Problem.citation,
                f"citation key {item.key!r} is not in {where}; {hint}",
                node,
            )
        return works

    def _add_works_lists(
        self,
        bibliography: Bibliography,
        style: CitationStyle,
        cited: list[str],
        placeholders: list[works_lists_placeholder],
    ) -> dict[str, str]:
        """Works Cited and Works Referenced; return the id each list got.

        They go where the author put a ``{bibliography}`` or ``{footbibliography}``
        directive, else at the end of the paper; never twice.
        """
        cited_set = set(cited)
        by_key = {key.lower(): entry for key, entry in bibliography.entries.items()}
        works_cited = [by_key[key] for key in cited if key in by_key]
        works_referenced = [entry for key, entry in by_key.items() if key not in cited_set]
        for entry in works_cited + works_referenced:
            if entry.key.lower() in bibliography.damaged:
                continue  # its syntax error is reported; the fields it lost are its echo
            self._check_language(entry, bibliography)
            for message in style.check(entry):
                path, line = bibliography.sources.get(entry.key, ("?", 0))
                warn_while_reading(
                    self.env,
                    Problem.bibtex,
                    f"entry {entry.key!r} cannot be formatted in full: {message}; "
                    "add the missing field",
                    f"{path}:{line}",
                )
        sections = []
        ids = {}
        for title, entries in ((WORKS_CITED, works_cited), (WORKS_REFERENCED, works_referenced)):
            if entries:
                section = self._works_section(
                    title, sorted(entries, key=style.bibliography_sort_key), style, bibliography
                )
                sections.append(section)
                ids[title] = section["ids"][0]
        if placeholders:
            first, *others = placeholders
            self._refuse_works_lists(others, first)
            first.replace_self(sections)
        else:
            _paper_section(self.document).extend(sections)
        return ids

    def _check_language(self, entry: Entry, bibliography: Bibliography) -> None:
        """A ``langid`` or ``language`` the series cannot tag is reported at its entry."""
        given = language_field(entry)
        if given is None or work_language_of(entry) is not None:
            return
        path, line = bibliography.sources.get(entry.key, ("?", 0))
        warn_while_reading(
            self.env,
            Problem.bibtex,
            f"entry {entry.key!r}: {given[0]} {given[1]!r} is not a language the series "
            "knows; write its biblatex name (russian, japanese, korean, arabic...) or its "
            "BCP 47 tag (ru, ja, ko, ar...)",
            f"{path}:{line}",
        )

    def _refuse_works_lists(
        self, placeholders: list[works_lists_placeholder], first: works_lists_placeholder | None
    ) -> None:
        """A works-list directive that is not the paper's first, or not in a paper."""
        for placeholder in placeholders:
            reason = (
                f"the works lists are placed once, by the {{{first['directive']}}} directive "
                f"at line {first.line}; remove this one"
                if first is not None
                else "works lists are generated in papers only; remove it from this page"
            )
            warn_while_reading(
                self.env,
                Problem.citation,
                f"{{{placeholder['directive']}}}: {reason}",
                placeholder,
            )
            placeholder.parent.remove(placeholder)

    def _works_section(
        self, title: str, entries: list[Entry], style: CitationStyle, bibliography: Bibliography
    ) -> nodes.section:
        """A works list; each entry located at its ``.bib`` line, for the warnings about it."""
        section = nodes.section(classes=["works-list"])
        section += nodes.title(text=title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)
        container = nodes.container(classes=["bibliography"])
        for entry in entries:
            para = nodes.paragraph(
                "",
                "",
                *render_text(in_language(style.format_bibliography_entry(entry), entry)),
                classes=["bibliography-entry"],
                ids=[entry_id(entry.key)],
            )
            para.source, para.line = bibliography.sources.get(entry.key, (None, None))
            doi = clean_doi(str(entry.fields.get("doi", "")))
            if doi:
                para["doi"] = doi  # for the paper's record (:class:`StoreRecord`)
            container += para
        section += container
        return section


class StoreRecord(SphinxTransform):
    """What is known only once the paper is rendered and made safe, kept in its record.

    The index, the feed and the EPUB volume show the abstract as rendered,
    citations included, but on pages of their own: the stored copy has no ids
    and no links into the paper (their text stays). The EPUB names Works Cited
    as the bibliography landmark by its id.
    """

    # After :class:`.safety.SafeContent` (615): the stored abstract is the safe one.
    default_priority = 616

    def apply(self, **kwargs: Any) -> None:
        titleblock = next(self.document.findall(report_titleblock), None)
        domain = research_domain(self.env)
        record = domain.reports.get(self.env.docname)
        if titleblock is None or record is None:
            return
        abstract = next(
            (n for n in titleblock.findall(nodes.container) if "abstract" in n["classes"]), None
        )
        if abstract is None:
            return
        copy = abstract.deepcopy()
        for node in list(copy.findall(nodes.Element)):
            node["ids"] = []
            if isinstance(node, nodes.reference) and "refid" in node:
                node.replace_self(nodes.inline("", "", *node.children))
        works = tuple(
            ListedWork(" ".join(entry.astext().split()), entry.get("doi"))
            for entry in self.document.findall(nodes.paragraph)
            if "bibliography-entry" in entry["classes"]
        )
        domain.add_report(
            replace(
                record,
                abstract=copy,
                works_cited_id=titleblock.get("works_cited_id", ""),
                works_referenced_id=titleblock.get("works_referenced_id", ""),
                works=works,
            )
        )


def _text_follows(node: nodes.Node) -> bool:
    """Whether anything but white space follows *node* in its paragraph."""
    parent = node.parent
    if parent is None:
        return False
    following = parent.children[parent.index(node) + 1 :]
    return any(sibling.astext().strip() for sibling in following)


def _paper_section(document: nodes.document) -> nodes.Element:
    """The paper's top-level section (its title heading), else the document."""
    return next((c for c in document.children if isinstance(c, nodes.section)), document)


def note_new_bibliographies(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: a paper re-reads when a ``references.bib`` appears beside it."""
    outdated = []
    for docname in research_domain(env).reports:
        own = Path(env.doc2path(docname)).parent / BIB_FILENAME
        if (
            str(own) not in {str(dep) for dep in env.dependencies.get(docname, ())}
            and own.is_file()
        ):
            outdated.append(docname)
    return outdated

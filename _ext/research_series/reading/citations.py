"""Citations scoped to their paper, resolved while the paper is read.

A paper's keys resolve in its own ``references.bib`` (plus the optional
series-wide ``series_shared_bib``), so everything a citation needs is known
when that one paper is read: notes get their full or short form in reading
order, and Works Cited / Works Referenced are built into the paper's own
doctree as standard nodes. Nothing is cross-document, so reading is
parallel-safe and the cost of a build grows linearly with the series.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import Text
from pybtex_docutils import Backend
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..bibliography import Bibliography, CitationStyle, get_style, load_bibliography
from .diagnostics import Problem
from .domain import research_domain, warn_while_reading
from .footnotes import (
    check_footnote_marks,
    expand_footnote_citations,
    reading_order,
    sort_footnote_marks,
)
from .nodes import citation_reference, report_titleblock
from .roles import CiteItem
from .series_view import series_of

BIB_FILENAME = "references.bib"
WORKS_CITED = "Works Cited"
WORKS_REFERENCED = "Works Referenced"

_BACKEND = Backend()


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
        if not citations and titleblock is None:
            return
        expand_footnote_citations(self.document)
        sort_footnote_marks(self.document)
        paths = bib_paths(self.env, self.env.docname)
        for path in paths:
            self.env.note_dependency(str(path))
        bibliography, problems = load_bibliography(paths)
        for problem in problems:
            warn_while_reading(
                self.env, Problem.bibtex, problem.message, f"{problem.path}:{problem.line or 0}"
            )
        style = get_style(series_of(self.env).citation_style)
        cited = self._resolve(bibliography, style, paths)
        if titleblock is not None:
            works_ids = self._add_works_lists(bibliography, style, cited)
            self._complete_record(titleblock, works_ids)

    def _resolve(
        self, bibliography: Bibliography, style: CitationStyle, paths: list[Path]
    ) -> list[str]:
        """Render every citation in reading order; return the cited keys, first use first."""
        cited: dict[str, None] = {}
        where = " or ".join(str(path.name) for path in paths) or (
            f"{BIB_FILENAME} (there is none next to this paper)"
        )
        for node in reading_order(self.document):
            entries: list[tuple[Entry, CiteItem]] = []
            for item in node["items"]:
                entry = bibliography.entries.get(item.key) if item.key else None
                if entry is None:
                    warn_while_reading(
                        self.env,
                        Problem.citation,
                        f"citation key {item.key!r} is not in {where}; add an entry with this "
                        "key or correct the key",
                        node,
                    )
                    continue
                entries.append((entry, item))
            if not entries:
                node.replace_self(nodes.inline(text=node.rawsource, classes=["citation-missing"]))
                continue
            mode = node["mode"]
            if mode in ("auto", "foot"):
                mode = "note" if _in_footnote(node) else "p"
            ends_note = mode == "note" and not _text_follows(node)
            node.replace_self(render_citation(style, mode, entries, cited, ends_note))
        return list(cited)

    def _add_works_lists(
        self, bibliography: Bibliography, style: CitationStyle, cited: list[str]
    ) -> dict[str, str]:
        """Append Works Cited and Works Referenced; return the id each list got."""
        cited_set = set(cited)
        by_key = {key.lower(): entry for key, entry in bibliography.entries.items()}
        works_cited = [by_key[key] for key in cited if key in by_key]
        works_referenced = [entry for key, entry in by_key.items() if key not in cited_set]
        for entry in works_cited + works_referenced:
            for message in style.check(entry):
                path, line = bibliography.sources.get(entry.key, ("?", 0))
                warn_while_reading(
                    self.env,
                    Problem.bibtex,
                    f"entry {entry.key!r} cannot be formatted in full: {message}; "
                    "add the missing field",
                    f"{path}:{line}",
                )
        body = _paper_section(self.document)
        ids = {}
        for title, entries in ((WORKS_CITED, works_cited), (WORKS_REFERENCED, works_referenced)):
            if entries:
                section = self._works_section(
                    title, sorted(entries, key=style.bibliography_sort_key), style
                )
                body += section
                ids[title] = section["ids"][0]
        return ids

    def _works_section(
        self, title: str, entries: list[Entry], style: CitationStyle
    ) -> nodes.section:
        section = nodes.section(classes=["works-list"])
        section += nodes.title(text=title)
        section["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(section, section)
        container = nodes.container(classes=["bibliography"])
        for entry in entries:
            para = nodes.paragraph(
                "",
                "",
                *render_text(style.format_bibliography_entry(entry)),
                classes=["bibliography-entry"],
                ids=[entry_id(entry.key)],
            )
            container += para
        section += container
        return section

    def _complete_record(self, titleblock: report_titleblock, works_ids: dict[str, str]) -> None:
        """What is known only now: the abstract as rendered and where Works Cited is.

        The index shows the abstract with its citations, without ids; the EPUB
        names Works Cited as the bibliography landmark by its id.
        """
        domain = research_domain(self.env)
        record = domain.reports.get(self.env.docname)
        abstract = next(
            (n for n in titleblock.findall(nodes.container) if "abstract" in n["classes"]), None
        )
        if record is None or abstract is None:
            return
        copy = abstract.deepcopy()
        for node in copy.findall(nodes.Element):
            node["ids"] = []
        domain.add_report(
            replace(
                record,
                abstract=copy,
                works_cited_id=works_ids.get(WORKS_CITED, ""),
                works_referenced_id=works_ids.get(WORKS_REFERENCED, ""),
            )
        )


def entry_id(key: str) -> str:
    return "ref-" + (nodes.make_id(key) or "entry")


def render_text(text: Text) -> list[nodes.Node]:
    rendered: list[nodes.Node] = text.render(_BACKEND)
    return rendered


def render_citation(
    style: CitationStyle,
    mode: str,
    entries: list[tuple[Entry, CiteItem]],
    cited: dict[str, None],
    ends_note: bool = True,
) -> nodes.inline:
    """One citation's nodes: a note (full, then short), ``(A 1979)`` or ``A (1979)``.

    Every key rendered is added to *cited* (in first-use order). A note
    citation that ends its note gets the closing period; one followed by the
    author's own words or punctuation leaves the punctuation to them.
    """
    parts: list[Text] = []
    for entry, item in entries:
        first = entry.key.lower() not in cited
        cited.setdefault(entry.key.lower(), None)
        if mode == "note":
            fmt = style.format_note if first else style.format_short_note
            parts.append(fmt(entry, item.locator))
        elif mode == "t":
            parts.append(style.format_narrative(entry, item.locator))
        else:
            parts.append(style.format_parenthetical(entry, item.locator))
    if mode == "note":
        joined = style.format_note_group(parts) if ends_note else Text("; ").join(parts)
        return nodes.inline("", "", *render_text(joined), classes=["citation-note"])
    joined = Text("; ").join(parts)
    if mode == "p":
        joined = Text("(", joined, ")")
    node = nodes.inline("", "", classes=["citation"])
    if len(entries) == 1:
        node += nodes.reference("", "", *render_text(joined), refid=entry_id(entries[0][0].key))
    else:
        node.extend(render_text(joined))
    return node


def _text_follows(node: nodes.Node) -> bool:
    """Whether anything but white space follows *node* in its paragraph."""
    parent = node.parent
    if parent is None:
        return False
    following = parent.children[parent.index(node) + 1 :]
    return any(sibling.astext().strip() for sibling in following)


def _in_footnote(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.footnote):
            return True
        parent = parent.parent
    return False


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

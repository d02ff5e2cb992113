"""Incremental-build bookkeeping: what a change makes stale, what must be read again.

Series-wide state is derived from the per-paper records after every read
(:mod:`.series_view`); nothing is merged or accumulated across builds, so
``-j N`` and incremental builds see exactly the state a fresh serial build would.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Set
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from ..model.papers import (
    SLUG_RULE,
    is_paper_docname,
    is_valid_slug,
    kept_version,
    paper_slug,
)
from .diagnostics import Problem, shown_path, warn
from .domain import research_domain
from .problems import previous_problems, unpublished, withheld
from .series_view import fingerprint, neighbours, series_view


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Check the series as a whole and name the pages its changes make stale."""
    domain = research_domain(env)
    view = series_view(env)
    ordered = view.ordered
    for duplicate in view.duplicates:
        warn(
            Problem.series,
            f"paper number {duplicate.record.report.number} is already used by "
            f"{shown_path(env.doc2path(duplicate.first.docname))}:"
            f"{duplicate.first.number_line or duplicate.first.lineno}; "
            "give each paper its own ':number:'",
            (duplicate.record.docname, duplicate.record.number_line or duplicate.record.lineno),
        )
    for docname in sorted(env.found_docs):
        name = paper_slug(docname)
        if name is not None and not is_valid_slug(name):
            warn(
                Problem.series,
                f"the paper folder {name!r} cannot name the paper's files and URLs; rename it "
                f"with {SLUG_RULE}",
                (docname, 1),
            )
        is_a_paper = name is not None or kept_version(docname) is not None
        if is_a_paper and docname not in domain.directive_lines:
            warn(
                Problem.series,
                "this paper folder has no research-report directive; put one right after "
                "the paper's title heading (see the handbook's directive reference)",
                (docname, 1),
            )
    paper_order = [record.docname for record in ordered]
    _follow_series_order(env, set(domain.index_pages), paper_order)

    stale: set[str] = set()
    domain.withheld_when_read = withheld(env) if domain.strict else set()
    new_fingerprint = fingerprint(ordered, domain.withheld_when_read)
    if new_fingerprint != domain.data["series_fingerprint"]:
        domain.data["series_fingerprint"] = new_fingerprint
        stale.update(domain.index_pages)
    # Previous/Next lead past withheld papers, and name the neighbour's page.
    shown = [record for record in ordered if record.docname not in domain.withheld_when_read]
    new_neighbours = neighbours(shown)
    old_neighbours = domain.data["neighbours"]
    stale.update(name for name, pair in new_neighbours.items() if old_neighbours.get(name) != pair)
    domain.data["neighbours"] = new_neighbours
    return sorted(stale & env.found_docs)


def _follow_series_order(env: BuildEnvironment, index_pages: set[str], order: list[str]) -> None:
    """Previous/next links follow paper numbers.

    The index's hidden toctree lists papers in folder order when it is read;
    relations are computed from ``toctree_includes`` after this, so sorting it
    by number here makes navigation follow the series.
    """
    rank = {docname: i for i, docname in enumerate(order)}
    for page in index_pages:
        includes = env.toctree_includes.get(page)
        if includes:
            includes.sort(key=lambda name: (rank.get(name, len(rank)), name))
            for docname in includes:  # undo a strip by ``write_only_what_changed``
                env.files_to_rebuild.setdefault(docname, set()).add(page)


def write_only_what_changed(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: a paper's edit does not rewrite the index.

    Sphinx rewrites a toctree's page whenever a page it lists is written,
    because a visible toctree shows titles. The index's toctree is hidden; what
    the index shows is staled through the series fingerprint instead. The
    link is kept for the consistency check (it marks papers as included) and
    dropped just before writing; ``_follow_series_order`` restores it on the
    next build, since Sphinx deletes emptied sets when it re-reads a page.
    """
    index_pages = set(research_domain(env).index_pages)
    for parents in env.files_to_rebuild.values():
        parents.difference_update(index_pages)


#: Positions in Sphinx's relations (``[parent, previous, next]``).
PREVIOUS, NEXT = 1, 2


def neighbour(
    relations: Mapping[str, Sequence[str | None]], name: str, step: int, withheld: Set[str]
) -> str | None:
    """The page "Previous" (*step* 1) or "Next" (2) leads to from *name*: the nearest one
    in that direction that is not withheld."""
    seen: set[str] = set()
    target = relations.get(name, (None, None, None))[step]
    while target is not None and target in withheld and target not in seen:
        seen.add(target)
        target = relations.get(target, (None, None, None))[step]
    return None if target in withheld else target


def index_pages_to_write(
    env: BuildEnvironment, doctreedir: str | Path, docnames: Set[str]
) -> set[str]:
    """The index pages to write once every paper's page is written.

    Those outdated anyway, and all of them when the papers withheld now differ
    from those the last build withheld (which the written index left out).
    """
    index_pages = set(research_domain(env).index_pages) & env.found_docs
    withheld_now = {name for name in unpublished(env) if is_paper_docname(name)}
    left_out = {name for name in previous_problems(doctreedir) if is_paper_docname(name)}
    return index_pages if withheld_now != left_out else index_pages & docnames


class WritesWhatWasReadAgain(StandaloneHTMLBuilder):
    """A page is written when its document was read after the page was written.

    ``make site``'s HTML, LaTeX and EPUB builds share one environment, so after a
    paper's ``references.bib`` changed, the first of them reads the paper again and
    the next finds nothing changed: Sphinx's HTML and EPUB builders compare only the
    source file's time with the page's, so the paper's EPUB (or, after ``make epub``,
    its web page) would stay as it was. Mixed into those builders before Sphinx's
    class, this adds every document whose doctree is newer than its page. (The LaTeX
    builder compares doctrees itself, ``pdf/incremental.py``.)
    """

    def get_outdated_docs(self) -> Iterator[str]:
        found = set()
        for docname in super().get_outdated_docs():
            found.add(docname)
            yield docname
        for docname in sorted(self.env.all_docs.keys() - found):
            try:
                written = Path(self.get_outfilename(docname)).stat().st_mtime_ns
                read = Path(self.doctreedir, f"{docname}.doctree").stat().st_mtime_ns
            except OSError:
                continue
            if read > written:
                yield docname

    def write_documents(self, docnames: Set[str]) -> None:
        """Papers first, the pages that list them last.

        Some problems come to light only while a page is written (a broken
        cross-reference, ``{numref}`` without ``numfig``); the series index,
        written after every paper, then lists only the papers that are published,
        and a paper page written before its neighbour's problem was known is
        written again without the link to it.
        """
        domain = research_domain(self.env)
        papers = set(docnames) - set(domain.index_pages)
        known = unpublished(self.env)
        if papers:
            super().write_documents(papers)
        # A page written before its neighbour's problem was known leads to it.
        late = unpublished(self.env) - known
        relations = getattr(self, "relations", {})
        again = {
            name
            for name in self.env.found_docs - unpublished(self.env) - set(domain.index_pages)
            if {neighbour(relations, name, step, known) for step in (PREVIOUS, NEXT)} & late
        }
        if again:
            super().write_documents(again)
            # and once more next build, should the neighbour's problem be fixed
            domain.also_read_again |= again
        last = index_pages_to_write(self.env, self.doctreedir, docnames)
        if last:
            super().write_documents(last)
        domain.index_written_last = True

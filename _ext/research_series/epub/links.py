"""Which pages form which EPUB, and where links to the other pages go.

A paper's EPUB holds the paper's own pages only, so a link from it to another
paper (or to the series index) would point at a file the package lacks, which
EPUBCheck rejects. Such links are made to point at the page on the series'
site instead, or, when no site is configured, are kept as plain text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Set
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..model.papers import file_stem, kept_version, paper_docnames


def toctree_order(env: BuildEnvironment, start: str) -> list[str]:
    """*start* and every page below it in the toctree, in reading order."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(docname: str) -> None:
        if docname in seen or docname not in env.found_docs:
            return
        seen.add(docname)
        order.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            visit(child)

    visit(start)
    return order


def paper_pages(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """Each paper's slug (its folder) with its pages: ``index`` first, then any it includes.

    A kept version is a book of its own, named ``<slug>-v<n>``.
    """
    kept = sorted(name for name in env.found_docs if kept_version(name) is not None)
    return {
        file_stem(docname): tuple(toctree_order(env, docname))
        for docname in [*paper_docnames(env.found_docs), *kept]
    }


def target_page(refuri: str, docname: str, suffix: str) -> tuple[str, str] | None:
    """The page (docname) and ``#fragment`` a relative link from *docname* points to."""
    parts = urlsplit(refuri)
    if parts.scheme or parts.netloc or not parts.path.endswith(suffix):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), unquote(parts.path)))
    if path.startswith("../"):
        return None
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return path[: -len(suffix)], fragment


def send_outside_links_to_site(
    doctree: nodes.document,
    docname: str,
    package: Set[str],
    *,
    suffix: str,
    site: str,
    site_suffix: str,
) -> None:
    """Links to pages outside *package* go to the site's page, or become text."""
    for reference in list(doctree.findall(nodes.reference)):
        target = target_page(reference.get("refuri", ""), docname, suffix)
        if target is None or target[0] in package:
            continue
        page, fragment = target
        if site:
            reference["refuri"] = f"{site}{page}{site_suffix}{fragment}"
            reference["internal"] = False
        else:
            text = nodes.inline("", "", *reference.children, classes=reference["classes"])
            reference.replace_self(text)

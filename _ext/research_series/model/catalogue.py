"""The series catalogue's facets: one page per keyword and one per author, free of Sphinx.

A keyword is known by its text ignoring case; an author by their ORCID iD when
they give one, else by their name, so the same person across papers has one page.
Each facet gets a page name (``keywords/<slug>``, ``authors/<slug>``) that is
stable, ASCII, and unique within its kind however hostile the text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .authors import Author
from .exports import sort_name
from .report import Report
from .scripts import transliterate

KEYWORDS = "keywords"
AUTHORS = "authors"


@dataclass(frozen=True)
class Facet:
    """One keyword or author page: what it is called and which papers it lists."""

    kind: str
    identity: str
    page: str
    label: str
    docnames: tuple[str, ...]
    orcid_url: str | None = None
    affiliations: tuple[str, ...] = ()


def slugify(text: str) -> str:
    """``"Nuclear Deterrence"`` → ``nuclear-deterrence``, ``"Milica Đorđević"`` →
    ``milica-dordevic``, ``"김민준"`` → ``gim-min-jun``: every script transliterated.

    Only text with no letter or digit at all (symbols) gets a short digest.
    """
    words = re.findall(r"[a-z0-9]+", transliterate(text).lower())
    base = "-".join(words)[:60].strip("-")
    if not base:
        base = hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:8]
    return base


def _unique_pages(kind: str, labels: Mapping[str, str]) -> dict[str, str]:
    """Identity → page name; slugs that collide get the identity's digest appended."""
    by_slug: dict[str, list[str]] = {}
    for identity in sorted(labels):
        by_slug.setdefault(slugify(labels[identity]), []).append(identity)
    pages = {}
    for base, identities in by_slug.items():
        for identity in identities:
            name = base
            if len(identities) > 1:
                name = f"{base}-{hashlib.sha256(identity.encode()).hexdigest()[:6]}"
            pages[identity] = f"{kind}/{name}"
    return pages


def keyword_identity(keyword: str) -> str:
    return keyword.strip().casefold()


def author_identity(author: Author) -> str:
    return f"orcid:{author.orcid}" if author.orcid else f"name:{author.name.casefold()}"


def keyword_facets(papers: Iterable[tuple[str, Report]]) -> list[Facet]:
    """Keyword pages, alphabetical; each lists its papers in series order."""
    labels: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for docname, report in papers:
        for keyword in report.keywords:
            identity = keyword_identity(keyword)
            if not identity:
                continue
            labels.setdefault(identity, keyword.strip())
            if docname not in members.setdefault(identity, []):
                members[identity].append(docname)
    pages = _unique_pages(KEYWORDS, labels)
    facets = [
        Facet(KEYWORDS, identity, pages[identity], labels[identity], tuple(members[identity]))
        for identity in labels
    ]
    return sorted(facets, key=lambda facet: (facet.label.casefold(), facet.page))


def author_facets(papers: Iterable[tuple[str, Report]]) -> list[Facet]:
    """Author pages, by name; each lists the author's papers in series order."""
    labels: dict[str, str] = {}
    orcids: dict[str, str | None] = {}
    affiliations: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    sort_names: dict[str, str] = {}
    for docname, report in papers:
        for author in report.authors:
            identity = author_identity(author)
            labels.setdefault(identity, author.name)
            sort_names.setdefault(identity, sort_name(author))
            orcids.setdefault(identity, author.orcid_url)
            known = affiliations.setdefault(identity, [])
            if author.affiliation and author.affiliation not in known:
                known.append(author.affiliation)
            if docname not in members.setdefault(identity, []):
                members[identity].append(docname)
    pages = _unique_pages(AUTHORS, labels)
    facets = [
        Facet(
            AUTHORS,
            identity,
            pages[identity],
            labels[identity],
            tuple(members[identity]),
            orcids[identity],
            tuple(affiliations[identity]),
        )
        for identity in labels
    ]
    return sorted(facets, key=lambda facet: (sort_names[facet.identity], facet.page))


def facet_index(facets: Iterable[Facet]) -> dict[tuple[str, str], str]:
    """``(kind, identity)`` → page name, for linking a paper to its pages."""
    return {(facet.kind, facet.identity): facet.page for facet in facets}

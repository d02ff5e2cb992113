"""The package's own XML files (``content.opf``, ``nav.xhtml``, ``toc.ncx``) via ElementTree.

Every value is user text (titles with ``&``, ``<script>``, Cyrillic, Hangul),
so documents are built as element trees and serialised by the library, which
escapes text and attributes; nothing is concatenated into markup. Prefixed
names (``dc:title``, ``epub:type``) are written as they are with their
``xmlns:`` declarations, which keeps the prefixes readers expect without
touching ElementTree's global namespace registry.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .metadata import (
    ACCESSIBILITY_FEATURES,
    PackageMetadata,
    access_modes,
    accessibility_summary,
    clean,
)

OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
UID = "uid"
NAV_HREF = "nav.xhtml"
NCX_HREF = "toc.ncx"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class ManifestItem:
    """One file of the package: its path inside the EPUB and what it is."""

    href: str
    media_type: str
    properties: str = ""


@dataclass(frozen=True)
class NavEntry:
    """A heading in the table of contents, pointing into a content document."""

    title: str
    href: str
    children: tuple[NavEntry, ...] = field(default=())

    @property
    def fragment(self) -> str:
        """The id of the heading in its page (empty for the page itself)."""
        return self.href.partition("#")[2]


@dataclass(frozen=True)
class Landmark:
    epub_type: str
    title: str
    href: str


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _serialise(root: ET.Element, doctype: str = "") -> bytes:
    ET.indent(root)  # no element here mixes text and children, so indenting is safe
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return (XML_DECLARATION + doctype + body + "\n").encode("utf-8")


def content_opf(
    meta: PackageMetadata, manifest: Sequence[ManifestItem], spine: Sequence[str]
) -> bytes:
    """The package document; *spine* lists manifest hrefs in reading order."""
    package = ET.Element(
        "package",
        {
            "xmlns": OPF_NS,
            "version": "3.0",
            "unique-identifier": UID,
            "xml:lang": meta.language,
        },
    )
    _metadata(package, meta)
    ids = _manifest(package, manifest)
    spine_element = _sub(package, "spine", toc="ncx")
    for href in spine:
        _sub(spine_element, "itemref", idref=ids[href])
    return _serialise(package)


def _metadata(package: ET.Element, meta: PackageMetadata) -> None:
    metadata = _sub(package, "metadata", **{"xmlns:dc": DC_NS})
    _sub(metadata, "dc:identifier", meta.identifier, id=UID)
    _sub(metadata, "dc:title", meta.title)
    for i, name in enumerate(meta.creators, 1):
        _sub(metadata, "dc:creator", name, id=f"creator-{i}")
        file_as = meta.creators_file_as[i - 1] if i <= len(meta.creators_file_as) else ""
        if file_as:  # how a reading system sorts the author: "Han, Ji-woo"
            _sub(metadata, "meta", file_as, refines=f"#creator-{i}", property="file-as")
        _sub(
            metadata,
            "meta",
            "aut",
            refines=f"#creator-{i}",
            property="role",
            scheme="marc:relators",
        )
        _sub(metadata, "meta", str(i), refines=f"#creator-{i}", property="display-seq")
    _sub(metadata, "dc:language", meta.language)
    if meta.publisher:
        _sub(metadata, "dc:publisher", meta.publisher)
    _sub(metadata, "dc:date", meta.date)
    for subject in meta.subjects:
        _sub(metadata, "dc:subject", subject)
    if meta.description:
        _sub(metadata, "dc:description", meta.description)
    if meta.rights:
        _sub(metadata, "dc:rights", meta.rights)
    if meta.source:
        _sub(metadata, "dc:source", meta.source)
    if meta.collection:
        _sub(metadata, "meta", meta.collection, property="belongs-to-collection", id="collection")
        _sub(metadata, "meta", "series", refines="#collection", property="collection-type")
        if meta.position is not None:
            _sub(
                metadata,
                "meta",
                str(meta.position),
                refines="#collection",
                property="group-position",
            )
    _sub(metadata, "meta", meta.modified, property="dcterms:modified")
    _accessibility(metadata, meta)


#: What every book claims to meet (docs/accessibility.md says how it is checked).
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def _accessibility(metadata: ET.Element, meta: PackageMetadata) -> None:
    """schema.org accessibility metadata, as EPUB Accessibility 1.1 asks."""
    for mode in access_modes(meta):
        _sub(metadata, "meta", mode, property="schema:accessMode")
    _sub(metadata, "meta", "textual", property="schema:accessModeSufficient")
    for feature in ACCESSIBILITY_FEATURES:
        _sub(metadata, "meta", feature, property="schema:accessibilityFeature")
    _sub(metadata, "meta", "none", property="schema:accessibilityHazard")
    _sub(metadata, "meta", accessibility_summary(meta), property="schema:accessibilitySummary")
    # The conformance claim (EPUB Accessibility 1.1, section 2.1) and who makes it: the
    # publisher, whose build checks every book with EPUBCheck and its pages with axe-core.
    _sub(metadata, "meta", CONFORMS_TO, property="dcterms:conformsTo")
    _sub(metadata, "meta", meta.publisher or meta.title, property="a11y:certifiedBy")


def _manifest(package: ET.Element, items: Sequence[ManifestItem]) -> dict[str, str]:
    """Write the manifest; return each href's generated id (an href is no XML name)."""
    manifest = _sub(package, "manifest")
    _sub(
        manifest,
        "item",
        id="nav",
        href=NAV_HREF,
        **{"media-type": "application/xhtml+xml"},
        properties="nav",
    )
    _sub(manifest, "item", id="ncx", href=NCX_HREF, **{"media-type": "application/x-dtbncx+xml"})
    ids = {}
    for i, item in enumerate(items, 1):
        ids[item.href] = f"item-{i}"
        attrs = {"id": ids[item.href], "href": item.href, "media-type": item.media_type}
        if item.properties:
            attrs["properties"] = item.properties
        _sub(manifest, "item", **attrs)
    return ids


def nav_xhtml(
    language: str,
    heading: str,
    entries: Sequence[NavEntry],
    landmarks: Sequence[Landmark],
    stylesheets: Sequence[str] = (),
) -> bytes:
    """The EPUB 3 navigation document: the table of contents and the landmarks."""
    html = ET.Element(
        "html", {"xmlns": XHTML_NS, "xmlns:epub": OPS_NS, "lang": language, "xml:lang": language}
    )
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "title", clean(heading))
    for href in stylesheets:
        _sub(head, "link", rel="stylesheet", type="text/css", href=href)
    body = _sub(html, "body")
    toc = _sub(body, "nav", id="toc", role="doc-toc", **{"epub:type": "toc"})
    _sub(toc, "h1", clean(heading))
    _nav_list(toc, entries)
    if landmarks:
        nav = _sub(body, "nav", id="landmarks", hidden="hidden", **{"epub:type": "landmarks"})
        _sub(nav, "h2", "Landmarks")
        ol = _sub(nav, "ol")
        for landmark in landmarks:
            li = _sub(ol, "li")
            _sub(li, "a", landmark.title, href=landmark.href, **{"epub:type": landmark.epub_type})
    return _serialise(html, "<!DOCTYPE html>\n")


def _nav_list(parent: ET.Element, entries: Sequence[NavEntry]) -> None:
    ol = _sub(parent, "ol")
    for entry in entries:
        li = _sub(ol, "li")
        _sub(li, "a", clean(entry.title), href=entry.href)
        if entry.children:
            _nav_list(li, entry.children)


def toc_ncx(meta: PackageMetadata, entries: Sequence[NavEntry]) -> bytes:
    """The EPUB 2 table of contents, for reading systems that predate ``nav.xhtml``."""
    ncx = ET.Element("ncx", {"xmlns": NCX_NS, "version": "2005-1", "xml:lang": meta.language})
    head = _sub(ncx, "head")
    _sub(head, "meta", name="dtb:uid", content=meta.identifier)
    _sub(head, "meta", name="dtb:depth", content=str(max(1, _depth(entries))))
    _sub(head, "meta", name="dtb:totalPageCount", content="0")
    _sub(head, "meta", name="dtb:maxPageNumber", content="0")
    title = _sub(ncx, "docTitle")
    _sub(title, "text", meta.title)
    nav_map = _sub(ncx, "navMap")
    _nav_points(nav_map, entries, itertools.count(1))
    return _serialise(ncx)


def _nav_points(parent: ET.Element, entries: Sequence[NavEntry], counter: Iterator[int]) -> None:
    """NCX play order counts every entry, depth first."""
    for entry in entries:
        number = next(counter)
        point = _sub(parent, "navPoint", id=f"navpoint-{number}", playOrder=str(number))
        label = _sub(point, "navLabel")
        _sub(label, "text", clean(entry.title))
        _sub(point, "content", src=entry.href)
        _nav_points(point, entry.children, counter)


def _depth(entries: Sequence[NavEntry]) -> int:
    return max((1 + _depth(entry.children) for entry in entries), default=0)

"""Zip one publication's already written files into an EPUB.

Pages are rendered once for the whole build; a package only reads the files
of its own pages, adds the XML that describes them and zips the lot, so the
cost of an EPUB grows with its paper, not with the series.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from docutils import nodes

from .cover import cover_png
from .metadata import PackageMetadata
from .package_xml import (
    NAV_HREF,
    NCX_HREF,
    Landmark,
    ManifestItem,
    NavEntry,
    content_opf,
    nav_xhtml,
    toc_ncx,
)

CONTAINER_PATH = "META-INF/container.xml"
# ``url(x)``, ``url("x")`` and ``@import "x"`` in a stylesheet.
_CSS_REFERENCE = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
# Manifest properties a content document needs when it embeds these (EPUBCheck OPF-014).
_EMBEDDED_PROPERTIES = ((b"<svg", "svg"), (b"<math", "mathml"))


@dataclass(frozen=True)
class Asset:
    """A file every package carries (stylesheets and their images)."""

    href: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class SharedFiles:
    """What is the same in every EPUB of one build, read from disk once."""

    mimetype: bytes
    container: bytes
    assets: tuple[Asset, ...]
    modified: str


@dataclass(frozen=True)
class Publication:
    """One EPUB: its file name, its pages in reading order, what it says about itself."""

    name: str
    docnames: tuple[str, ...]
    metadata: PackageMetadata
    nav: tuple[NavEntry, ...]
    landmarks: tuple[Landmark, ...]
    images: tuple[tuple[str, str], ...] = ()  # (href, media type)
    cover: Cover | None = None


@dataclass(frozen=True)
class Cover:
    """What a paper's cover shows; drawn only when its EPUB is written."""

    series: str
    number: int
    title: str
    authors: tuple[str, ...]
    year: int

    def png(self) -> bytes:
        return cover_png(self.series, self.number, self.title, self.authors, self.year)


COVER_HREF = "cover.png"


def read_assets(outdir: Path, folder: str, media_types: dict[str, str]) -> tuple[Asset, ...]:
    """Every file under *folder* with an EPUB media type; scripts stay out (EPUBs need none)."""
    root = outdir / folder
    assets = []
    for path in sorted(root.rglob("*")):
        media_type = media_types.get(path.suffix.lower())
        if media_type and path.is_file():
            href = path.relative_to(outdir).as_posix()
            assets.append(Asset(href, media_type, path.read_bytes()))
    return tuple(assets)


def nav_entries(
    toc: nodes.Node | None, docname: str, suffix: str, depth: int
) -> tuple[NavEntry, ...]:
    """A page's headings from its Sphinx toc (``env.tocs``), to *depth* levels."""
    if toc is None or depth < 1:
        return ()
    entries = []
    for item in toc.children:
        if not isinstance(item, nodes.list_item):
            continue
        reference = next(item.findall(nodes.reference), None)
        if reference is None:
            continue
        href = quote(docname + suffix) + fix_fragment(reference.get("anchorname", ""))
        sublist = next((c for c in item.children if isinstance(c, nodes.bullet_list)), None)
        children = nav_entries(sublist, docname, suffix, depth - 1)
        entries.append(NavEntry(reference.astext(), href, children))
    return tuple(entries)


def fix_fragment(fragment: str) -> str:
    """Sphinx's EPUB builder writes ``:`` in ids as ``-``; links must agree."""
    return fragment.replace(":", "-")


def content_item(href: str, data: bytes) -> ManifestItem:
    properties = " ".join(name for marker, name in _EMBEDDED_PROPERTIES if marker in data)
    return ManifestItem(quote(href), "application/xhtml+xml", properties)


def write_publication(
    outdir: Path, publication: Publication, shared: SharedFiles, suffix: str, contents: str
) -> Path:
    """Write ``<name>.epub`` next to the pages, replacing any older one at once."""
    pages = [
        (docname + suffix, (outdir / (docname + suffix)).read_bytes())
        for docname in publication.docnames
    ]
    images = [(href, (outdir / href).read_bytes()) for href, _ in publication.images]
    target = outdir / f"{publication.name}.epub"
    members = package_files(publication, shared, pages, images, contents)
    _zip(target, shared.mimetype, members, _zip_time(shared.modified))
    return target


def package_files(
    publication: Publication,
    shared: SharedFiles,
    pages: list[tuple[str, bytes]],
    images: list[tuple[str, bytes]],
    contents: str,
) -> list[tuple[str, bytes]]:
    """The package's own XML, then its pages (the spine), images, the cover and the
    shared assets its pages use."""
    image_types = dict(publication.images)
    assets = used_assets(shared.assets, [data for _, data in pages])
    manifest = [content_item(href, data) for href, data in pages]
    manifest += [ManifestItem(quote(href), image_types[href]) for href, _ in images]
    cover: list[tuple[str, bytes]] = []
    if publication.cover is not None:
        cover.append((COVER_HREF, publication.cover.png()))
        manifest.append(ManifestItem(COVER_HREF, "image/png", "cover-image"))
    manifest += [ManifestItem(quote(asset.href), asset.media_type) for asset in assets]
    spine = [item.href for item in manifest[: len(pages)]]
    stylesheets = [quote(a.href) for a in assets if a.media_type == "text/css"]
    meta = publication.metadata
    nav = nav_xhtml(meta.language, meta.title, publication.nav, publication.landmarks, stylesheets)
    return [
        (CONTAINER_PATH, shared.container),
        ("content.opf", content_opf(meta, manifest, spine)),
        (NAV_HREF, nav),
        (NCX_HREF, toc_ncx(meta, publication.nav)),
        *pages,
        *images,
        *cover,
        *((asset.href, asset.data) for asset in assets),
    ]


def used_assets(assets: Sequence[Asset], pages: Sequence[bytes]) -> list[Asset]:
    """The assets the pages link, and what those stylesheets refer to in turn.

    Sphinx's themes put files for the website into ``_static`` (search icons,
    toggles, ``basic.css``); a book ships only what its pages use.
    """
    by_name = {posixpath.basename(asset.href): asset for asset in assets}
    wanted: set[str] = set()
    queue = [name for name in by_name if any(f"_static/{name}".encode() in p for p in pages)]
    while queue:
        name = queue.pop()
        if name in wanted:
            continue
        wanted.add(name)
        asset = by_name[name]
        if asset.media_type == "text/css":
            text = asset.data.decode("utf-8", "replace")
            for ref in (a or b for a, b in _CSS_REFERENCE.findall(text)):
                ref_name = posixpath.basename(ref)
                if ref_name in by_name and ref_name not in wanted:
                    queue.append(ref_name)
    return [asset for asset in assets if posixpath.basename(asset.href) in wanted]


def _zip_time(modified: str) -> tuple[int, int, int, int, int, int]:
    """Entries carry the package's modification time, so equal inputs give equal files."""
    moment = dt.datetime.strptime(modified, "%Y-%m-%dT%H:%M:%SZ")
    return max(moment, dt.datetime(1980, 1, 1)).timetuple()[:6]


def _zip(
    target: Path,
    mimetype: bytes,
    members: Iterable[tuple[str, bytes]],
    date_time: tuple[int, int, int, int, int, int],
) -> None:
    """OCF container: ``mimetype`` first and stored, the rest deflated."""
    partial = target.with_name(target.name + ".part")
    with ZipFile(partial, "w") as epub:
        epub.writestr(ZipInfo("mimetype", date_time), mimetype, compress_type=ZIP_STORED)
        for name, data in members:
            epub.writestr(ZipInfo(name, date_time), data, compress_type=ZIP_DEFLATED)
    os.replace(partial, target)


def remove_stale(outdir: Path, keep: Sequence[str]) -> None:
    """EPUBs of papers that no longer exist are removed, so the folder lists the series."""
    wanted = {f"{name}.epub" for name in keep}
    for path in outdir.glob("*.epub"):
        if path.name not in wanted:
            path.unlink()

"""The volume's pages: the front matter, then each paper's own PDF, with links,
bookmarks and page labels.

pikepdf (qpdf) copies the pages. A paper's links name their destinations
(``Hfootnote.1``, ...), and the names repeat from paper to paper, so each link
is given the page it points to instead; the contents' links (named
``<prefix><slug>``) go to the papers' first pages. :func:`update` replaces only
the pages of the papers whose PDFs changed in the previous volume, so that an
edit costs the same at any size of series; :func:`assemble` makes a volume anew.
pypdf, used before, took about three times as long (60 ms a paper).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, String


@dataclass(frozen=True)
class Part:
    """A paper in the volume: its PDF, its number of pages, its bookmark."""

    slug: str
    pdf: Path
    pages: int
    bookmark: str


#: Where a link goes: (page in its own document, the view after the page), or
#: ``None`` when the document does not say.
_Target = tuple[int, list[Any]] | None


def assemble(front: Path, parts: Sequence[Part], output: Path, prefix: str) -> int:
    """A new volume: *front*'s pages, then every part's; its number of front pages."""
    with contextlib.ExitStack() as stack:
        volume = stack.enter_context(pikepdf.open(front))
        front_count = len(volume.pages)
        contents = _contents_links(volume, range(front_count), prefix, {})
        _make_explicit(volume, 0, _link_targets(volume))
        for part in parts:
            _place(volume, len(volume.pages), stack.enter_context(_open(part.pdf)))
        _finish(volume, front_count, parts, contents, output)
    return front_count


def update(
    previous: Path,
    front_count: int,
    counts: Sequence[int],
    parts: Sequence[Part],
    changed: Set[int],
    front: Path | None,
    output: Path,
    prefix: str,
) -> int | None:
    """*previous* (front matter of *front_count* pages, then parts of *counts* pages)
    with the pages of the *changed* parts replaced, and of the front matter when a
    new *front* is given; its number of front pages, or ``None`` when *previous* is not
    laid out so and a volume must be made anew."""
    with contextlib.ExitStack() as stack:
        volume = stack.enter_context(pikepdf.open(previous))
        if len(counts) != len(parts) or len(volume.pages) != front_count + sum(counts):
            return None
        starts = page_starts(front_count, counts)
        old_firsts = {
            volume.pages[start].obj.objgen: part.slug
            for start, part in zip(starts, parts, strict=True)
        }
        contents = _contents_links(volume, range(front_count), prefix, old_firsts)
        for index in sorted(changed, reverse=True):  # later pages first: starts hold
            del volume.pages[starts[index] : starts[index] + counts[index]]
            source = stack.enter_context(_open(parts[index].pdf))
            _place(volume, starts[index], source)
        if front is not None:
            del volume.pages[:front_count]
            source = stack.enter_context(pikepdf.open(front))
            front_count = len(source.pages)
            contents = _contents_links(source, range(front_count), prefix, {})
            _place(volume, 0, source)
        _finish(volume, front_count, parts, contents, output)
    return front_count


def _open(path: Path) -> pikepdf.Pdf:
    """A paper's PDF, read whole: qpdf copies its objects only when the volume is saved,
    so every paper stays open until then, and a file handle each would run out at a
    thousand papers (a paper is about 80 kB)."""
    return pikepdf.open(io.BytesIO(path.read_bytes()))


def page_count(path: Path) -> int:
    with pikepdf.open(path) as document:
        return len(document.pages)


def page_starts(front_count: int, counts: Iterable[int]) -> list[int]:
    """Where each part starts, after *front_count* pages, parts of *counts* pages."""
    starts, page = [], front_count
    for count in counts:
        starts.append(page)
        page += count
    return starts


def _place(volume: pikepdf.Pdf, at: int, source: pikepdf.Pdf) -> None:
    """*source*'s pages into *volume* from page *at*, each link pointing to its page."""
    targets = _link_targets(source)
    with warnings.catch_warnings():  # named destinations are made explicit below
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        if at == len(volume.pages):
            volume.pages.extend(source.pages)
        else:
            for offset, page in enumerate(source.pages):
                volume.pages.insert(at + offset, page)
    _make_explicit(volume, at, targets)


def _make_explicit(volume: pikepdf.Pdf, at: int, targets: dict[tuple[int, int], _Target]) -> None:
    for (page, index), target in targets.items():
        if target is not None:
            where, view = target
            _set_destination(volume.pages[at + page], index, [volume.pages[at + where].obj, *view])


def _finish(
    volume: pikepdf.Pdf,
    front_count: int,
    parts: Sequence[Part],
    contents: dict[tuple[int, int], str],
    output: Path,
) -> None:
    """The contents' links, bookmarks and page labels; then *output* written whole."""
    if len(volume.pages) != front_count + sum(part.pages for part in parts):
        raise ValueError("the papers' page counts do not add up to the volume's pages")
    starts = page_starts(front_count, (part.pages for part in parts))
    firsts = {part.slug: volume.pages[start].obj for start, part in zip(starts, parts, strict=True)}
    for (page, index), slug in contents.items():
        if slug in firsts:
            _set_destination(volume.pages[page], index, [firsts[slug], Name.Fit])
    for key in ("/Names", "/Dests", "/Outlines"):  # names are no longer used
        if key in volume.Root:
            del volume.Root[key]
    with volume.open_outline() as outline:
        outline.root.append(OutlineItem("Contents", min(1, front_count - 1)))
        for part, start in zip(parts, starts, strict=True):
            outline.root.append(OutlineItem(part.bookmark, start))
    # The cover has no number; the contents count from i, as printed.
    labels: list[Any] = [0, Dictionary(P=String("Cover"))]
    if front_count > 1:
        labels += [1, Dictionary(S=Name.r, St=1)]
    if len(volume.pages) > front_count:
        labels += [front_count, Dictionary(S=Name.D, St=1)]
    volume.Root.PageLabels = Dictionary(Nums=Array(labels))
    volume.Root.PageMode = Name.UseOutlines
    partial = output.with_name(output.name + ".part")
    volume.save(partial)
    partial.replace(output)


def _link_targets(document: pikepdf.Pdf) -> dict[tuple[int, int], _Target]:
    """Every internal link of *document*, keyed by (page, annotation), and where it goes."""
    pages = {page.obj.objgen: n for n, page in enumerate(document.pages)}
    names: dict[str, Any] = {}
    root = document.Root
    if "/Names" in root and "/Dests" in root.Names:
        names.update(NameTree(root.Names.Dests).items())
    if "/Dests" in root:  # the older form: a dictionary of names
        names.update((str(key)[1:], value) for key, value in root.Dests.items())

    def explicit(destination: Any) -> _Target:
        if isinstance(destination, Dictionary):  # << /D [page /XYZ ...] >>
            destination = destination.get("/D")
        if not isinstance(destination, Array) or len(destination) == 0:
            return None
        page = pages.get(getattr(destination[0], "objgen", (0, 0)))
        return None if page is None else (page, list(destination)[1:])

    found: dict[tuple[int, int], _Target] = {}
    for n, page in enumerate(document.pages):
        for index, annotation in enumerate(page.obj.get("/Annots", [])):
            destination = _destination(annotation)
            if destination is None:
                continue
            if not isinstance(destination, Array):
                destination = names.get(_name_of(destination))
            found[n, index] = explicit(destination)
    return found


def _contents_links(
    document: pikepdf.Pdf, pages: Iterable[int], prefix: str, old_firsts: dict[Any, str]
) -> dict[tuple[int, int], str]:
    """The links on *pages* to a paper: named ``<prefix><slug>``, or (in a previous
    volume) to a page of *old_firsts*, the papers' first pages by object."""
    found = {}
    for n in pages:
        for index, annotation in enumerate(document.pages[n].obj.get("/Annots", [])):
            destination = _destination(annotation)
            name = _name_of(destination)
            if name.startswith(prefix):
                found[n, index] = name[len(prefix) :]
            elif isinstance(destination, Array) and len(destination):
                slug = old_firsts.get(getattr(destination[0], "objgen", None))
                if slug is not None:
                    found[n, index] = slug
    return found


def _destination(annotation: Any) -> Any:
    """A link annotation's destination (a name, a string or an array), else ``None``."""
    if annotation.get("/Subtype") != "/Link":
        return None
    if "/Dest" in annotation:
        return annotation.Dest
    action = annotation.get("/A")
    if action is not None and action.get("/S") == "/GoTo" and "/D" in action:
        return action.D
    return None


def _name_of(destination: Any) -> str:
    """The name a destination is given by (a PDF name or string); ``""`` for others."""
    if isinstance(destination, Name):
        return str(destination)[1:]
    return str(destination) if isinstance(destination, String) else ""


def _set_destination(page: Any, index: int, destination: list[Any]) -> None:
    annotation = page.obj.Annots[index]
    if "/Dest" in annotation:
        annotation.Dest = Array(destination)
    else:
        annotation.A[Name.D] = Array(destination)

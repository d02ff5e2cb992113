"""Each foot note read right after the call to it: in the structure tree and in paint.

WeasyPrint (70) makes a page's footnote area one more block of the page: its notes
come after all of the page's text in the structure tree, and are painted after it.
A screen reader reads the tree, so a reader would hear a page's notes only when the
page's text is done, far from the sentence that calls them. Here:

* in the structure tree, each ``Note`` is moved to right after the ``Link`` of its
  first call, inside the call's paragraph (a ``Note`` is an inline-level element);
  a note that breaks across pages goes there whole, both of its parts
  (:func:`notes_after_calls`, when the PDF is finished);
* in each page's content stream, a note's lines are painted right after the line of
  its call, and a note whose call is on an earlier page (the rest of a note broken
  across pages) first, before the page's text (:func:`paint_in_reading_order`).
  Each line keeps its place on the page: only the order of painting changes, so
  that the order of the content is the order of the tree, as PDF/UA's checkers
  compare.

The notes of a paper printed with its notes at the end (``endnotes``) stay where
they are set and read: in its Notes section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure.boxes import LineBox

#: HTML ``class`` of a note's call (docutils), a link to the note.
CALL = "footnote-reference"
#: Set on WeasyPrint's PDF object: its notes and their calls (:class:`NotePlaces`).
_NOTE_PLACES = "_research_series_note_places"
#: Set on a page's content stream while it is painted (:class:`PaintOrder`).
_PAINT_ORDER = "_research_series_paint_order"


@dataclass
class NotePlaces:
    """The structure elements of a document's foot notes and of the calls to them."""

    #: a note's HTML id: the ``Link`` of its first call
    calls: dict[str, Any] = field(default_factory=dict)
    #: a note's HTML id: its ``Note`` elements (two where it breaks across pages)
    notes: dict[str, list[Any]] = field(default_factory=dict)


def note_places(pdf: Any) -> NotePlaces:
    """The document's :class:`NotePlaces`, kept on WeasyPrint's PDF object."""
    places: NotePlaces | None = getattr(pdf, _NOTE_PLACES, None)
    if places is None:
        places = NotePlaces()
        setattr(pdf, _NOTE_PLACES, places)
    return places


def call_target(element: Any) -> str | None:
    """The note an HTML element calls (a note's call: ``a.footnote-reference``)."""
    if element is None or element.tag != "a":
        return None
    if CALL not in (element.get("class") or "").split():
        return None
    return (element.get("href") or "").removeprefix("#") or None


def notes_after_calls(pdf: Any) -> None:
    """Each foot note's ``Note`` moved to right after its first call's ``Link``; a
    ``NonStruct`` or ``Div`` left empty (the footnote area) goes too."""
    places: NotePlaces | None = getattr(pdf, _NOTE_PLACES, None)
    if places is None:
        return

    def element(reference: bytes | str) -> Any:
        return pdf.objects[int(reference.split()[0])]

    for target, link in places.calls.items():
        notes = places.notes.get(target, [])
        if not notes:
            continue
        parent = element(link["P"])
        position = list(parent["K"]).index(link.reference) + 1
        for note in notes:
            before = element(note["P"])
            before["K"].remove(note.reference)
            _drop_if_empty(before, element)
            parent["K"].insert(position, note.reference)
            note["P"] = parent.reference
            position += 1


def _drop_if_empty(holder: Any, element: Callable[[bytes | str], Any]) -> None:
    while not len(holder["K"]) and holder.get("S") in ("/NonStruct", "/Div"):
        above = element(holder["P"])
        above["K"].remove(holder.reference)
        holder = above


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


@dataclass
class PaintOrder:
    """One page's notes: the lines of each, not yet painted, and what was painted."""

    lines: dict[str, list[Any]]
    #: the text and images (leaf boxes) of note lines already painted
    painted: set[int] = field(default_factory=set)


def _note_lines(footnote_area: Any) -> dict[str, list[Any]]:
    """Each note of a footnote area (its HTML id): its lines, in order."""
    lines: dict[str, list[Any]] = {}
    for note in footnote_area.children:
        note_id = note.element.get("id") if note.element is not None else None
        if note_id:
            found = [box for box in _walk(note) if isinstance(box, LineBox)]
            lines.setdefault(note_id, []).extend(found)
    return lines


def _calls(box: Any) -> list[str]:
    targets = []
    for inner in _walk(box):
        target = call_target(getattr(inner, "element", None))
        if target and getattr(inner, "element_tag", None) == "a" and target not in targets:
            targets.append(target)
    return targets


def _leaves(box: Any) -> list[int]:
    return [id(inner) for inner in _walk(box) if not getattr(inner, "children", None)]


def start_page(
    stream: Any, root: Any, footnote_area: Any, draw_line: Callable[[Any], None]
) -> None:
    """Before a page is painted: its notes' lines noted, and the notes whose call is
    not on this page (the rest of a note begun on an earlier page) painted first."""
    lines = _note_lines(footnote_area) if footnote_area is not None else {}
    order = PaintOrder(lines)
    setattr(stream, _PAINT_ORDER, order)
    called_here = set(_calls(root)) if root is not None else set()
    for target in [target for target in lines if target not in called_here]:
        _paint_note(order, target, draw_line)


def _paint_note(order: PaintOrder, target: str, draw_line: Callable[[Any], None]) -> None:
    for line in order.lines.pop(target, []):
        draw_line(line)
        order.painted.update(_leaves(line))


def paint_in_reading_order(
    stream: Any, box: Any, draw: Callable[[], None], draw_line: Callable[[Any], None]
) -> None:
    """Paint *box* with :func:`draw`, unless it is a note's line already painted; after
    a line with a call, the lines of the note it calls (*draw_line* paints one)."""
    order: PaintOrder | None = getattr(stream, _PAINT_ORDER, None)
    if order is None or not isinstance(box, LineBox):
        draw()
        return
    leaves = _leaves(box)
    if leaves and all(leaf in order.painted for leaf in leaves):
        return  # a note's line, painted after its call
    draw()
    for target in _calls(box):
        _paint_note(order, target, draw_line)

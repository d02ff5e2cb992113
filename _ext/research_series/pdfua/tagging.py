"""What WeasyPrint's PDF/UA tagging leaves out, added where it builds the tags.

WeasyPrint (checked with 70.0) tags a page's structure from its HTML, but:

* text in page margins (running heads, page numbers) is marked as content that no
  structure element holds, where PDF/UA wants it marked as an artifact;
* an element's ``lang`` is used for shaping and hyphenation, not written as the
  structure element's ``/Lang``, so a screen reader reads Arabic with English rules;
* a note set by ``float: footnote`` is tagged as its HTML element (``Span``), not as
  a ``Note`` with the ``ID`` PDF/UA requires; a table heading cell has no ``Scope``;
  a formula (an image here, ``formulas.py``) is a ``Figure``, not a ``Formula``;
* a page's notes are read and painted after all of its text (``notes.py``).

There is no public hook for any of this, so three private functions are wrapped:
``weasyprint.draw.draw_stacking_context``, ``weasyprint.draw.draw_inline_level`` and
``weasyprint.pdf.tags._build_box_tree``. :func:`install` checks they exist with the
signature this was written against and raises :class:`WeasyPrintChanged` if not,
rather than print an untagged PDF.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .notes import NotePlaces

#: The WeasyPrint versions whose private functions this module was checked with.
CHECKED_WITH = "70.0"
#: HTML ``class`` of a paragraph inside a note (a ``span``, as notes are inline).
NOTE_PARAGRAPH = "note-paragraph"
#: HTML ``class`` of a typeset formula (``formulas.FORMULA``), an ``img`` WeasyPrint
#: tags as a ``Figure`` with its ``alt`` as ``/Alt``.
FORMULA = "formula"

_installed = False
#: Set on the boxes WeasyPrint placed in a page's footnote area.
_NOTE_MARK = "_research_series_note"


class WeasyPrintChanged(RuntimeError):
    """A private function wrapped here is gone or changed in this WeasyPrint."""


def _check(function: object, parameters: tuple[str, ...], name: str) -> None:
    if not callable(function):
        raise WeasyPrintChanged(f"weasyprint {name} is gone (checked with {CHECKED_WITH})")
    found = tuple(inspect.signature(function).parameters)
    if found != parameters:
        raise WeasyPrintChanged(
            f"weasyprint {name}{found} changed (expected {parameters}, checked with "
            f"{CHECKED_WITH}); the accessible PDFs would be tagged wrongly"
        )


def install() -> None:
    """Wrap WeasyPrint's three functions once per process."""
    global _installed
    if _installed:
        return
    import pydyf
    from weasyprint import draw
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    from .notes import note_places, paint_in_reading_order, start_page

    draw_context = getattr(draw, "draw_stacking_context", None)
    draw_inline = getattr(draw, "draw_inline_level", None)
    build_tree = getattr(tags, "_build_box_tree", None)
    _check(draw_context, ("stream", "stacking_context"), "draw.draw_stacking_context")
    _check(
        draw_inline,
        ("stream", "page", "box", "offset_x", "text_overflow", "block_ellipsis"),
        "draw.draw_inline_level",
    )
    _check(
        build_tree,
        ("box", "parent", "pdf", "page_number", "nums", "annotations", "tags"),
        "pdf.tags._build_box_tree",
    )
    assert draw_context is not None and draw_inline is not None and build_tree is not None

    def draw_margins_as_artifacts(stream: Any, stacking_context: Any) -> None:
        """A margin box (running head, page number) drawn as an artifact, untagged; a
        page's notes painted in reading order (``notes.py``)."""
        if isinstance(stacking_context.box, boxes.PageBox):
            _start_page(stream, stacking_context)
        marks = getattr(stream, "_tags", None)
        if not isinstance(stacking_context.box, boxes.MarginBox) or marks is None:
            draw_context(stream, stacking_context)
            return
        with stream.artifact():
            stream._tags = None
            try:
                draw_context(stream, stacking_context)
            finally:
                stream._tags = marks

    def _start_page(stream: Any, stacking_context: Any) -> None:
        contexts = [
            *stacking_context.negative_z_contexts,
            *stacking_context.zero_z_contexts,
            *stacking_context.positive_z_contexts,
        ]
        root = next((c.box for c in contexts if c.box.is_for_root_element), None)
        area = next((c.box for c in contexts if isinstance(c.box, boxes.FootnoteAreaBox)), None)
        page = stacking_context.page
        start_page(stream, root, area, lambda line: draw_inline(stream, page, line))

    def draw_in_reading_order(stream: Any, page: Any, box: Any, *args: Any, **kw: Any) -> None:
        """A line, or a part of one, drawn; a note's lines right after its call's."""
        paint_in_reading_order(
            stream,
            box,
            lambda: draw_inline(stream, page, box, *args, **kw),
            lambda line: draw_inline(stream, page, line),
        )

    def refined_tree(
        box: Any,
        parent: Any,
        pdf: Any,
        page_number: int,
        nums: Any,
        annotations: Any,
        marks: Any,
    ) -> Iterator[Any]:
        """The structure elements WeasyPrint makes for *box*, with what PDF/UA asks."""
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            return  # drawn as an artifact: no structure, no marked content to map
        if isinstance(box, boxes.FootnoteAreaBox):
            # the notes of the page (WeasyPrint sets their float back to none)
            for child in box.children:
                setattr(child, _NOTE_MARK, True)
        for element in build_tree(box, parent, pdf, page_number, nums, annotations, marks):
            if not isinstance(box, boxes.PageBox) and box.element_tag not in ("html", "body"):
                marked = getattr(box, _NOTE_MARK, False)
                _refine(element, box, pydyf, marked, parent, note_places(pdf))
            yield element

    draw.draw_stacking_context = draw_margins_as_artifacts
    draw.draw_inline_level = draw_in_reading_order
    tags._build_box_tree = refined_tree
    _installed = True


def _refine(
    element: Any, box: Any, pydyf: Any, is_note: bool, parent: Any, places: NotePlaces
) -> None:
    from .notes import call_target

    html = box.element
    if html is None or element.get("P") is None:
        return
    attributes: Callable[[str], str | None] = html.attrib.get
    lang = attributes("lang")
    if lang and "Lang" not in element:
        element["Lang"] = pydyf.String(lang)
    classes = set((attributes("class") or "").split())
    # a note at the foot of a page, or one of a paper's notes at its end (an ``aside``
    # whose anonymous boxes, inside the Note, are not notes of their own)
    end_note = box.element_tag == "aside" and attributes("role") == "doc-footnote"
    # (a note's box with nothing in it, where a note breaks across pages, stays Div)
    if (is_note or (end_note and parent.get("S") != "/Note")) and len(element["K"]):
        element["S"] = "/Note"
        # PDF/UA-1 (7.9): every Note has a unique ID (a note split over two pages is
        # two elements, hence the object number).
        element["ID"] = pydyf.String(f"note-{attributes('id') or 'x'}-{element.number}")
        if is_note:  # a foot note (one at the end stays in its Notes section)
            places.notes.setdefault(attributes("id") or "", []).append(element)
    elif element["S"] == "/Link" and (target := call_target(html)):
        places.calls.setdefault(target, element)
    elif NOTE_PARAGRAPH in classes:
        element["S"] = "/P"
    elif element["S"] == "/Figure" and FORMULA in classes:
        # PDF/UA-1 (7.7): a formula is a Formula, with its /Alt (the TeX source)
        element["S"] = "/Formula"
    elif element["S"] == "/TH":
        scope = "/Row" if attributes("scope") == "row" else "/Column"
        element["A"]["Scope"] = scope


def annotations_in_links(pdf: Any) -> None:
    """A link annotation held by an element inside a ``Link`` (a formula's image in a
    link's text, which WeasyPrint gives an annotation of its own) moved up to the
    ``Link``, in the structure tree and in the parent tree (PDF/UA-1 7.18.5); a
    ``Link`` that holds nothing but formulas (a link's text broken across lines
    before its formula) has their text as its ``/Alt``."""

    def get(reference: Any) -> Any:
        return pdf.objects[int(reference.split()[0])]

    nums = get(get(pdf.catalog["StructTreeRoot"])["ParentTree"])["Nums"]
    keys = {nums[i]: i + 1 for i in range(0, len(nums), 2)}
    for item in list(pdf.objects):
        if not isinstance(item, dict) or item.get("Type") != "/StructElem" or "P" not in item:
            continue
        link = get(item["P"])
        if link.get("S") != "/Link":
            continue
        for kid in list(item["K"]):
            if isinstance(kid, bytes) and get(kid).get("Type") == "/OBJR":
                item["K"].remove(kid)
                link["K"].append(kid)
                structure_parent = get(get(kid)["Obj"]).get("StructParent")
                if structure_parent in keys:
                    nums[keys[structure_parent]] = link.reference
        _alt_from_formulas(link, get)


def _alt_from_formulas(link: Any, get: Callable[[Any], Any]) -> None:
    kids = [get(kid) for kid in link["K"] if isinstance(kid, bytes)]
    inside = [kid for kid in kids if kid.get("Type") == "/StructElem"]
    if any(isinstance(kid, int) for kid in link["K"]) or not inside or "Alt" in link:
        return
    if all(kid.get("S") == "/Formula" and "Alt" in kid for kid in inside):
        from pydyf import String

        link["Alt"] = String(" ".join(kid["Alt"].string for kid in inside))


def list_bodies(pdf: Any) -> None:
    """Each list item's content in an ``LBody`` after its ``Lbl`` (PDF/UA-1 7.6):
    WeasyPrint puts an item's paragraphs straight into its ``LI``."""
    from pydyf import Array, Dictionary

    def get(reference: Any) -> Any:
        return pdf.objects[int(reference.split()[0])]

    for item in list(pdf.objects):
        if not isinstance(item, Dictionary) or item.get("S") != "/LI":
            continue
        kids = list(item["K"])
        if any(not isinstance(kid, bytes) for kid in kids):
            continue  # content of its own (MCIDs): left as it is
        body = [kid for kid in kids if get(kid).get("S") not in ("/Lbl", "/LBody")]
        if not body:
            continue
        wrapper = Dictionary(
            {"Type": "/StructElem", "S": "/LBody", "K": Array(body), "P": item.reference}
        )
        if "Pg" in item:
            wrapper["Pg"] = item["Pg"]
        pdf.add_object(wrapper)
        for kid in body:
            get(kid)["P"] = wrapper.reference
        first = kids.index(body[0])
        item["K"] = Array([kid for kid in kids[:first] if kid not in body])
        item["K"].append(wrapper.reference)
        item["K"].extend(kid for kid in kids[first:] if kid not in body)

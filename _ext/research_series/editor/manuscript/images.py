"""Which of a manuscript's images are published, and how.

A browser runs what an SVG file holds (scripts, event handlers, links to other hosts)
when the file is opened by itself, on the site's origin. So the importer publishes
as they are only raster images whose bytes are what their name says (PNG, JPEG,
GIF, WebP), and an SVG only after it is rebuilt from an allow-list of drawing
elements and attributes, parsed by lxml without entities, DTDs or network; every
other image is kept out of ``index.md`` with a warning naming its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)

#: Raster formats every browser shows, by the bytes that open the file.
RASTER = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}

#: SVG drawing elements kept; anything else (script, foreignObject, style, a,
#: animate and set, which can change a link) goes with all it holds.
_ELEMENT_NAMES = (
    "svg g defs title desc symbol use path rect circle ellipse line polyline polygon "
    "text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker "
    "image filter feGaussianBlur feOffset feBlend feColorMatrix feFlood feComposite "
    "feMerge feMergeNode"
)
_ELEMENTS = frozenset(_ELEMENT_NAMES.split())
#: Attributes kept (presentation and geometry); every ``on*`` handler and unknown one goes.
_ATTRIBUTE_NAMES = (
    "id class x y x1 y1 x2 y2 dx dy cx cy r rx ry fx fy width height viewBox d points "
    "transform fill fill-opacity fill-rule stroke stroke-width stroke-linecap "
    "stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset stroke-opacity "
    "opacity offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod "
    "patternUnits patternContentUnits patternTransform clipPathUnits maskUnits "
    "maskContentUnits clip-path clip-rule mask marker-start marker-mid marker-end "
    "markerWidth markerHeight markerUnits refX refY orient preserveAspectRatio version "
    "font-family font-size font-weight font-style text-anchor dominant-baseline "
    "letter-spacing word-spacing textLength lengthAdjust rotate visibility display color "
    "style href stdDeviation in in2 result mode values type operator k1 k2 k3 k4 "
    "flood-color flood-opacity filter filterUnits primitiveUnits"
)
_ATTRIBUTES = frozenset(_ATTRIBUTE_NAMES.split())
#: A reference inside an attribute or style: only to the same file (``url(#id)``).
_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.I)
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*", re.I)


@dataclass
class Cleaned:
    """An SVG rebuilt from the allow-list, and what was taken out (for the warning)."""

    data: bytes
    removed: list[str]


def raster_ok(suffix: str, data: bytes) -> bool:
    """Whether *data* is the raster image its *suffix* says (a browser shows it as such)."""
    signatures = RASTER.get(suffix)
    if not signatures or not data.startswith(signatures):
        return False
    return suffix != ".webp" or data[8:12] == b"WEBP"


def clean_svg(data: bytes) -> Cleaned | None:
    """The SVG with only drawing left, or ``None`` when it is not a readable SVG."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{SVG}}}svg":
        return None
    removed: set[str] = set()
    _clean(root, removed)
    # a DOCTYPE may declare entities; it is not copied (tostring of the element alone)
    return Cleaned(etree.tostring(root, encoding="UTF-8", xml_declaration=True), sorted(removed))


def _clean(element: etree._Element, removed: set[str]) -> None:
    for child in list(element):
        tag = child.tag if isinstance(child.tag, str) else ""
        local = tag.rpartition("}")[2]
        if not tag.startswith(f"{{{SVG}}}") or local not in _ELEMENTS:
            removed.add(f"<{local}>" if local else "entities")
            element.remove(child)
            continue
        _clean(child, removed)
    for key, raw in list(element.attrib.items()):
        name, value = str(key), str(raw)  # lxml gives str; the stubs allow bytes
        local = name.rpartition("}")[2]
        namespace = name[1:].partition("}")[0] if name.startswith("{") else ""
        keep = local in _ATTRIBUTES and namespace in ("", XLINK) and not _URL.search(value)
        if keep and local == "href":
            keep = value.startswith("#") or (
                element.tag == f"{{{SVG}}}image" and _DATA_IMAGE.fullmatch(value) is not None
            )
        if keep and local == "style":
            keep = "@import" not in value and "expression" not in value.lower()
        if not keep:
            what = "event handlers" if local.lower().startswith("on") else f"{local}="
            removed.add(what if local != "href" else "links to other files")
            del element.attrib[key]

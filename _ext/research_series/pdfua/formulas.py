"""Formulas typeset for the accessible PDF: each MathML formula of the page as an image.

The page carries MathML (``reading/mathml.py``), which WeasyPrint does not typeset:
it would print the bare characters of ``mi``/``mo``/``mn`` one after another. Here
ziamath (pure Python, its own STIX Two Math font) draws each formula as an SVG, at
print time in the printing process, and the formula becomes an ``img`` that carries:

* the formula's TeX source as its ``alt`` (the MathML's ``alttext``, as the HTML and
  EPUB give it to readers), which becomes the ``Formula``'s ``/Alt`` (``tagging``);
* its size in ``em``, so it scales with the text around it (a note's is smaller), and
  its depth below the baseline as ``vertical-align``, so it sits on the line.

The SVG is a ``data:`` URL: nothing is written beside the site, nothing fetched. A
formula is drawn once per process (:func:`typeset`'s cache), which the printing
processes share from their parent. A formula ziamath cannot draw is printed as its
TeX source, as the HTML does for one the MathML converter cannot read, and reported.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ElementTree
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from .tagging import FORMULA

#: The size formulas are drawn at; only ratios to it are used (``em``).
_SIZE = 100.0


@dataclass(frozen=True)
class Typeset:
    """One formula drawn: the SVG as a ``data:`` URL and its box in ``em``."""

    url: str
    width: float
    height: float
    depth: float


class FormulaNotDrawn(ValueError):
    """ziamath could not draw a formula (its MathML and the reason)."""


@lru_cache(maxsize=8192)
def typeset(mathml: str) -> Typeset:
    """The formula *mathml* drawn; raises :class:`FormulaNotDrawn`."""
    from ziamath.zmath import Math

    try:
        # an element, not the text: ziamath unescapes a text before parsing it
        drawn = Math(ElementTree.fromstring(mathml), size=_SIZE, margin=0)
        svg = drawn.svg()
        width, height = drawn.getsize()
        bottom = drawn.getyofst()
    except Exception as error:  # ziamath's own failure on this formula
        raise FormulaNotDrawn(f"{type(error).__name__}: {error}") from error
    if not (width > 0 and height > 0):
        raise FormulaNotDrawn("it draws as nothing")
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Typeset(url, width / _SIZE, height / _SIZE, -bottom / _SIZE)


def _em(value: float) -> str:
    return f"{value:.4f}em"


def _tex(math: HtmlElement) -> str:
    """The formula's TeX (its ``alttext``), else its characters."""
    return " ".join((math.get("alttext") or math.text_content()).split())


def _mathml(math: HtmlElement) -> str:
    """The formula as the MathML ziamath is given: what docutils leaves to the browser's
    defaults and its CSS said outright (inline unless a display; an ``align``'s columns
    right, left, ... with no space at the ``&``), its TeX left out."""
    copy = deepcopy(math)
    copy.tail = None
    copy.attrib.pop("alttext", None)
    if copy.get("display") != "block":
        copy.set("display", "inline")
    for table in copy.iter("mtable"):
        if "ams-align" in (table.get("class") or "").split() and not table.get("columnalign"):
            columns = max((len(row.findall("mtd")) for row in table.iter("mtr")), default=1)
            table.set("columnalign", " ".join((("right", "left") * columns)[:columns]))
            if columns > 1:
                table.set("columnspacing", " ".join((("0", "2em") * columns)[: columns - 1]))
            table.set("displaystyle", "true")
    return etree.tostring(copy, encoding="unicode")


def _replace(math: HtmlElement, new: HtmlElement) -> None:
    new.tail = math.tail
    math.getparent().replace(math, new)


def typeset_formulas(article: HtmlElement) -> list[str]:
    """Every ``math`` element of *article* replaced by its typeset image, in place;
    the formulas not drawn, each with its TeX and why (printed as TeX instead)."""
    problems: list[str] = []
    for math in list(article.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        tex = _tex(math)
        block = math.get("display") == "block"
        try:
            drawn = typeset(_mathml(math))
        except FormulaNotDrawn as error:
            problems.append(f"formula '{tex}' printed as TeX ({error})")
            code = lxml.html.Element("code")
            code.set("class", "math-tex")
            code.text = tex
            _replace(math, code)
            continue
        image = lxml.html.Element("img")
        image.set("class", f"{FORMULA} {FORMULA}-{'display' if block else 'inline'}")
        image.set("src", drawn.url)
        image.set("alt", tex)
        if block:  # its height follows (a display wider than the line is scaled down)
            image.set("style", f"width: {_em(drawn.width)}")
        else:
            image.set(
                "style",
                f"width: {_em(drawn.width)}; height: {_em(drawn.height)}; "
                f"vertical-align: {_em(-drawn.depth)}",
            )
        _replace(math, image)
    for display in article.iter("div"):
        if "math-display" in (display.get("class") or "").split():
            _number_after(display)
    return problems


def _number_after(display: HtmlElement) -> None:
    """An equation's number after its formula, as it is read ("… (1)") and set (right)."""
    for number in display.findall("span"):
        if "eqno" in (number.get("class") or "").split():
            tail, number.tail = number.tail, None
            previous = number.getprevious()
            if tail:
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    display.text = (display.text or "") + tail
            display.remove(number)
            display.append(number)

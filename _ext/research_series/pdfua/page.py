"""A paper's built web page made into the document WeasyPrint prints.

The page's article only (no site header, contents, search or buttons), with its
notes moved to where they are called, so that ``float: footnote`` sets each at the
foot of its page, its formulas typeset (``formulas.py``), and its links made to work
in a file that lives away from the site: a link within the page stays, a link to
another page of the site becomes that page's public address (or plain text where the
site has none). Everything is done on a parsed tree (lxml) and written out by lxml,
so no text of the page is ever spliced into markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from .formulas import typeset_formulas

#: Classes of the page's parts that belong to the website, not to a printed paper.
WEB_ONLY = (
    "headerlink",  # the ¶ after each heading
    "report-links",  # PDF · EPUB · How to cite, at the top
    "downloads",  # the download line under How to cite
    "copy-citation",  # the Copy buttons
    "which-pdf",  # which download is which
)
#: Hangul (syllables, jamo) and Han, which Unicode's line breaking may break between.
_HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
_SYLLABIC = _HANGUL + "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A word with Hangul in it: what runs between spaces.
_KOREAN_WORD = re.compile(f"\\S*[{_HANGUL}]\\S*")
#: A place inside such a word where a line could break (beside a syllable).
_INSIDE = re.compile(f"(?<=\\S)(?=[{_SYLLABIC}])|(?<=[{_SYLLABIC}])(?=\\S)")
#: U+2060 WORD JOINER: no line break here; shaped as nothing and not in the PDF's text.
WORD_JOINER = "\u2060"
#: Elements whose text is kept exactly as it is.
_VERBATIM = frozenset({"pre", "code", "kbd", "samp"})
#: Link schemes a reader's PDF viewer may follow.
OUTSIDE_SCHEMES = frozenset({"http", "https", "mailto", "doi"})


@dataclass(frozen=True)
class PrintPage:
    """What WeasyPrint is given: the document and the facts its metadata needs."""

    html: str
    lang: str
    #: formulas printed as their TeX, each with why (ziamath could not draw them)
    as_tex: tuple[str, ...] = ()


def _classes(element: HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


def _drop(element: HtmlElement) -> None:
    """Remove *element* and keep the text that followed it."""
    element.drop_tree()


def _unwrap(element: HtmlElement) -> None:
    """Keep *element*'s content, not the element (a link that leads nowhere here)."""
    element.drop_tag()


def _web_only(body: HtmlElement) -> None:
    for element in list(body.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("button", "script", "style", "nav", "form", "link") or (
            _classes(element) & set(WEB_ONLY)
        ):
            _drop(element)


def _flat(link: HtmlElement) -> None:
    """A link's text directly in it: WeasyPrint (70) tags a ``span`` inside a link as
    the holder of the link's annotation, outside the ``Link`` element. A note call's
    brackets go (the print sets the number as a superscript). A ``span`` that gives
    the whole link its language (a keyword in Korean) gives it to the link instead;
    one that gives part of it its language goes, and that part is read in the page's.
    """
    for span in list(link.iter("span")):
        if "fn-bracket" in _classes(span):
            _drop(span)
            continue
        whole = (
            span.getparent() is link
            and len(link) == 1
            and not (link.text or "").strip()
            and not (span.tail or "").strip()
        )
        if whole:
            for name in ("lang", "dir"):
                if span.get(name) is not None:
                    link.set(name, span.get(name))
        _unwrap(span)


def _empty_anchors(body: HtmlElement) -> None:
    """An empty ``span`` that only holds a link target (docutils' anchor for a label)
    gone, its id given to what follows it (or the links to it led there): WeasyPrint
    would tag it as an empty ``Span``."""
    for span in list(body.iter("span")):
        anchor = span.get("id")
        if anchor is None or len(span) or span.text or span.getparent() is None:
            continue
        holder = span.getnext()
        if holder is None:
            holder = span.getparent()
        if holder.get("id") is None:
            holder.set("id", anchor)
        else:
            for link in body.iter("a"):
                if link.get("href") == f"#{anchor}":
                    link.set("href", f"#{holder.get('id')}")
        _drop(span)


def _links(body: HtmlElement, canonical: str | None) -> None:
    """Links that work in the PDF: within it, to the web, or none."""
    ids = {element.get("id") for element in body.iter() if isinstance(element.tag, str)}
    for link in list(body.iter("a")):
        _flat(link)
        href = link.get("href")
        if href is None:
            continue
        if href.startswith("#"):
            if href[1:] not in ids:
                _unwrap(link)
            continue
        scheme = urlsplit(href).scheme.lower()
        if scheme in OUTSIDE_SCHEMES:
            continue
        if scheme or canonical is None:
            _unwrap(link)
        else:
            link.set("href", urljoin(canonical, href))


def _as_inline(element: HtmlElement, classes: str) -> HtmlElement:
    """*element*'s content in a ``span``, which may sit inside a paragraph."""
    span = lxml.html.Element("span")
    span.set("class", classes)
    for name in ("id", "lang", "dir", "role"):
        if element.get(name) is not None:
            span.set(name, element.get(name))
    span.text = element.text
    for child in list(element):
        span.append(child)
    return span


def _one_line(note: HtmlElement) -> None:
    """Line breaks in a note's source as spaces: WeasyPrint (70) keeps a newline
    between inline elements of a footnote as a forced line break."""
    note.text = (note.text or "").lstrip() or None
    for element in note.iter():
        if element is not note and element.tail:
            element.tail = element.tail.replace("\n", " ")
        if element.text:
            element.text = element.text.replace("\n", " ")


def _notes(body: HtmlElement) -> None:
    """Each note beside its first call, as an inline ``span`` the print floats to the foot.

    The call (``a.footnote-reference``) stays a link to the note; the note keeps its
    number, which links back to the call. The emptied Notes section goes.
    """
    notes = {
        aside.get("id"): aside
        for aside in body.iter("aside")
        if "footnote" in _classes(aside) and aside.get("id")
    }
    placed: set[str] = set()
    for call in list(body.iter("a")):
        if "footnote-reference" not in _classes(call):
            continue
        target = (call.get("href") or "").lstrip("#")
        aside = notes.get(target)
        if aside is None or target in placed:
            continue
        placed.add(target)
        for paragraph in aside.findall("p"):
            paragraph.getparent().replace(paragraph, _as_inline(paragraph, "note-paragraph"))
        note = _as_inline(aside, "note")
        _one_line(note)
        aside.getparent().remove(aside)
        note.tail, call.tail = call.tail, None
        call.addnext(note)
    for section in list(body.iter("section")):
        if "notes" in _classes(section) and not any(True for element in section.iter("aside", "p")):
            _drop(section)


def keep_korean_words(text: str) -> str:
    """*text* with a word joiner wherever a Korean word could break inside.

    Korean is set with spaces between words and breaks lines only there (CSS's
    ``word-break: keep-all``, which WeasyPrint 70 does not have); Unicode's line
    breaking, which Pango follows, breaks between any two Hangul syllables.
    """
    return _KOREAN_WORD.sub(lambda word: _INSIDE.sub(WORD_JOINER, word[0]), text)


def _korean_words(element: HtmlElement, verbatim: bool = False) -> None:
    """Every Korean word in *element*'s text kept whole on its line (not in code)."""
    verbatim = verbatim or element.tag in _VERBATIM
    if element.text and not verbatim:
        element.text = keep_korean_words(element.text)
    for child in element:
        if isinstance(child.tag, str):
            _korean_words(child, verbatim)
        if child.tail and not verbatim:
            child.tail = keep_korean_words(child.tail)


def _table_headers(body: HtmlElement) -> None:
    """A heading cell's scope said outright: a column's in ``thead``, else its row's."""
    for cell in body.iter("th"):
        if cell.get("scope"):
            continue
        in_head = any(parent.tag == "thead" for parent in cell.iterancestors())
        cell.set("scope", "col" if in_head else "row")


def _article(tree: HtmlElement) -> HtmlElement:
    """The page's article: Sphinx's ``div.body`` inside ``main`` (else the body)."""
    for main in tree.iter("main"):
        for div in main.iter("div"):
            if "body" in _classes(div):
                return div
    body = tree.find("body")
    return body if body is not None else tree


def running_head(title: str) -> str:
    """The title as the running head: up to its colon, as the print edition shortens it."""
    short = title.split(":", 1)[0].strip()
    return short if short else title


def _endnotes(body: HtmlElement) -> None:
    """The notes left in their section at the end (``.endnotes``), numbers kept, each
    number at the start of its note's first paragraph (a float, as the web page sets
    it, would be painted before all of the page's text, out of reading order)."""
    for section in body.iter("section"):
        if "notes" not in _classes(section):
            continue
        section.set("class", f"{section.get('class')} endnotes")
        for aside in section.iter("aside"):
            label = next((s for s in aside.findall("span") if "label" in _classes(s)), None)
            first = aside.find("p")
            if label is None or first is None:
                continue
            label.tail = None
            first.insert(0, label)
            label.tail, first.text = first.text, None


def print_page(
    page_html: str, stylesheet_url: str, title: str, authors: list[str], endnotes: bool = False
) -> PrintPage:
    """The printed document for one built page (``page_html``, the page's text): notes
    at the foot of their page, or with *endnotes* in a section at the end."""
    tree = lxml.html.document_fromstring(page_html)
    lang = tree.get("lang") or "en"
    canonical_link = tree.find(".//link[@rel='canonical']")
    canonical = canonical_link.get("href") if canonical_link is not None else None
    article = _article(tree)
    _web_only(article)
    as_tex = typeset_formulas(article)
    if endnotes:
        _endnotes(article)
    else:
        _notes(article)
    _empty_anchors(article)
    _links(article, canonical)
    _table_headers(article)
    _korean_words(article)
    for heading in article.iter("h1"):
        heading.set("data-running-head", running_head(title))

    document = lxml.html.Element("html")
    document.set("lang", lang)
    if tree.get("dir"):
        document.set("dir", tree.get("dir"))
    head = etree.SubElement(document, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "title").text = title
    for author in authors:
        etree.SubElement(head, "meta", name="author", content=author)
    etree.SubElement(head, "link", rel="stylesheet", href=stylesheet_url)
    body = etree.SubElement(document, "body")
    body.text = article.text
    for child in list(article):
        body.append(child)
    html = lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
    return PrintPage(html=html, lang=lang, as_tex=tuple(as_tex))

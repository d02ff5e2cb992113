"""Reading a .docx before pandoc does: note numbers, citation fields, document properties.

Pandoc reads the structure; what it would lose or blur is taken here from the
WordprocessingML itself and handed over as plain tokens in the text:

- each footnote and endnote gets a marker ``RSNOTEF3X`` / ``RSNOTEE2X`` at its
  start, so the MyST writer knows which kind of note it is and the number Word
  shows for it;
- each Zotero (``ADDIN ZOTERO_ITEM CSL_CITATION {...}``) and Mendeley
  (``ADDIN CSL_CITATION {...}``) field is replaced by a token ``RSCITE7X`` and
  its CSL-JSON kept here, so the citation keeps every field of its works, its
  locator, prefix and suffix, and the place where it stands.
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import ManuscriptError
from . import wordml
from .archive import read_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
OFFICE_DOCUMENT = "/officeDocument"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class CitationItem:
    identity: str
    data: dict[str, Any]
    locator: str = ""
    label: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass
class CitationField:
    token: str
    source: str  # "Zotero" or "Mendeley"
    items: list[CitationItem]
    text: str
    location: str


@dataclass
class Prepared:
    path: Path
    citations: dict[str, CitationField] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    footnotes: int = 0
    endnotes: int = 0
    core_title: str = ""
    core_creator: str = ""
    #: an embedded image's file name -> its first place, for the importer's warnings
    image_places: dict[str, str] = field(default_factory=dict)
    #: an embedded image's file name -> its description in Word (alt text)
    image_alts: dict[str, str] = field(default_factory=dict)


def _read_xml(package: dict[str, bytes], name: str) -> Any:
    try:
        return etree.fromstring(package[name], _PARSER)
    except KeyError as error:
        raise ManuscriptError(
            f"the file has no part {name!r}; it is not a complete Word document"
        ) from error
    except etree.XMLSyntaxError as error:
        raise ManuscriptError(
            f"part {name!r} is not well-formed XML ({error}); the file is damaged; "
            "open it in Word and save it again"
        ) from error


def _relationships(package: dict[str, bytes], part: str) -> dict[str, str]:
    """``type suffix -> part name`` for the relationships of *part*."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in package:
        return {}
    root = _read_xml(package, rels_name)
    out: dict[str, str] = {}
    for rel in root.iter(REL + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out.setdefault("/" + rel.get("Type", "").rsplit("/", 1)[-1], resolved)
    return out


def _deleted(element: Any) -> bool:
    return any(ancestor.tag in (W + "del", W + "moveFrom") for ancestor in element.iterancestors())


def _paragraph_of(element: Any) -> Any:
    return next((a for a in element.iterancestors() if a.tag == W + "p"), None)


def _note_numbers(document: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Word's numbers of the footnotes and endnotes, by id, in the order of their marks."""
    numbers: dict[str, dict[str, int]] = {"footnote": {}, "endnote": {}}
    for ref in document.iter(W + "footnoteReference", W + "endnoteReference"):
        if _deleted(ref) or ref.get(W + "customMarkFollows") in ("1", "true", "on"):
            continue
        kind = "footnote" if ref.tag == W + "footnoteReference" else "endnote"
        note_id = ref.get(W + "id", "")
        if note_id not in numbers[kind]:
            numbers[kind][note_id] = len(numbers[kind]) + 1
    return numbers["footnote"], numbers["endnote"]


def _mark_notes(root: Any, tag: str, numbers: dict[str, int], letter: str) -> None:
    for note in root.iter(W + tag):
        number = numbers.get(note.get(W + "id", ""))
        paragraph = note.find(W + "p")
        if number is None or paragraph is None:
            continue
        run = etree.Element(W + "r")
        text = etree.SubElement(run, W + "t")
        text.text = f"RSNOTE{letter}{number}X "
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        position = 1 if paragraph.find(W + "pPr") is not None else 0
        paragraph.insert(position, run)


def _parse_instruction(instruction: str) -> tuple[str, dict[str, Any]] | None:
    """``(source, CSL citation JSON)`` of a citation field, ``None`` for other fields.

    Raises ``ValueError`` for a citation field whose data cannot be read.
    """
    words = instruction.split()
    if len(words) < 2 or words[0] != "ADDIN":
        return None
    if words[1] == "ZOTERO_ITEM":
        source = "Zotero"
    elif words[1] == "CSL_CITATION":
        source = "Mendeley"
    else:
        return None
    start = instruction.find("{")
    if start < 0:
        raise ValueError("the field holds no citation data")
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction[start:])
    except json.JSONDecodeError as error:
        raise ValueError(f"its citation data is not valid JSON ({error.msg})") from error
    except RecursionError as error:
        raise ValueError("its citation data is nested too deeply to be a citation") from error
    if not isinstance(data, dict):
        raise ValueError("its citation data is not a JSON object")
    return source, data


def _items(source: str, data: dict[str, Any]) -> list[CitationItem]:
    from .csl import item_identity

    raw_items = data.get("citationItems")
    if not isinstance(raw_items, list) or not raw_items:
        raise ValueError("it lists no cited works")
    items = []
    for raw in raw_items:
        if not isinstance(raw, dict) or not isinstance(raw.get("itemData"), dict):
            raise ValueError(
                "a cited work carries no item data (the library entry is not "
                "stored in the document)"
            )
        item = raw["itemData"]
        if not (item.get("title") or item.get("author") or item.get("editor")):
            raise ValueError("a cited work has neither title nor author")
        uris = raw.get("uris") or raw.get("uri") or []
        if not isinstance(uris, list):
            uris = [str(uris)]
        items.append(
            CitationItem(
                identity=item_identity(item, [str(uri) for uri in uris]),
                data=item,
                locator=str(raw.get("locator") or "").strip(),
                label=str(raw.get("label") or "").strip(),
                prefix=str(raw.get("prefix") or ""),
                suffix=str(raw.get("suffix") or ""),
            )
        )
    return items


@dataclass
class _Field:
    begin: Any
    runs: list[Any] = field(default_factory=list)
    instruction: list[str] = field(default_factory=list)
    result: list[str] = field(default_factory=list)
    in_result: bool = False


def _complex_fields(root: Any) -> list[_Field]:
    """Every complete field of a part, innermost first, with its runs and result text."""
    stack: list[_Field] = []
    done: list[_Field] = []
    for run in root.iter(W + "r"):
        if _deleted(run):
            continue
        touched = list(stack)
        for child in run:
            if child.tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    stack.append(_Field(begin=run))
                    touched.append(stack[-1])
                elif kind == "separate" and stack:
                    stack[-1].in_result = True
                elif kind == "end" and stack:
                    done.append(stack.pop())
            elif child.tag == W + "instrText" and stack and not stack[-1].in_result:
                stack[-1].instruction.append(child.text or "")
            elif child.tag in (W + "t", W + "tab") and stack:
                for open_field in stack:
                    if open_field.in_result:
                        open_field.result.append(child.text or " ")
        for open_field in touched:
            open_field.runs.append(run)
    return done


class _Citations:
    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared

    def replace_in(self, root: Any, where: str, paragraphs: dict[Any, str]) -> None:
        for fld in list(_complex_fields(root)):
            instruction = "".join(fld.instruction).strip()
            text = " ".join("".join(fld.result).split())
            location = paragraphs.get(_paragraph_of(fld.begin), where)
            words = instruction.split()
            if (
                words[:2] == ["ADDIN", "ZOTERO_BIBL"]
                or "CSL_BIBLIOGRAPHY" in words
                or words[:2] == ["ADDIN", "EN.REFLIST"]
            ):
                self.prepared.warnings.append(
                    f"{location}: a bibliography inserted by a reference manager is kept as text; "
                    "delete it from index.md: Works Cited is generated from references.bib"
                )
                continue
            if words[:2] == ["ADDIN", "EN.CITE"]:
                self.prepared.warnings.append(
                    f"{location}: an EndNote citation field ({text!r}) is kept as its text; "
                    "add the work to references.bib and write {cite}`key` in its place"
                )
                continue
            read = self._read_field(instruction, text, location)
            if read is None:
                continue
            parsed, items = read
            if _paragraph_of(fld.begin) is not _paragraph_of(fld.runs[-1]):
                self.prepared.warnings.append(
                    f"{location}: a {parsed[0]} citation field spans several "
                    "paragraphs and is kept as its text; "
                    "write {cite}`key` in its place"
                )
                continue
            token = f"RSCITE{len(self.prepared.citations) + 1}X"
            self.prepared.citations[token] = CitationField(token, parsed[0], items, text, location)
            run = etree.Element(W + "r")
            etree.SubElement(run, W + "t").text = token
            fld.begin.addprevious(run)
            for old in fld.runs:
                parent = old.getparent()
                if parent is not None:
                    parent.remove(old)

    def replace_simple(self, root: Any, where: str, paragraphs: dict[Any, str]) -> None:
        for simple in list(root.iter(W + "fldSimple")):
            instruction = simple.get(W + "instr", "")
            text = " ".join("".join(t.text or "" for t in simple.iter(W + "t")).split())
            location = paragraphs.get(_paragraph_of(simple), where)
            read = self._read_field(instruction.strip(), text, location)
            if read is None:
                continue
            parsed, items = read
            token = f"RSCITE{len(self.prepared.citations) + 1}X"
            self.prepared.citations[token] = CitationField(token, parsed[0], items, text, location)
            run = etree.Element(W + "r")
            etree.SubElement(run, W + "t").text = token
            simple.addprevious(run)
            simple.getparent().remove(simple)

    def _read_field(
        self, instruction: str, text: str, location: str
    ) -> tuple[tuple[str, dict[str, Any]], list[CitationItem]] | None:
        """A citation field's source and works; ``None`` for other fields and for one
        that cannot be read (kept as its text, with a warning)."""
        try:
            parsed = _parse_instruction(instruction)
            if parsed is None:
                return None
            return parsed, _items(*parsed)
        except ValueError as error:
            self.prepared.warnings.append(
                f"{location}: a citation field ({text or 'no text'!r}) cannot be read: "
                f"{error}; it is kept as its text: add the work to references.bib and "
                "write {cite}`key` in its place"
            )
            return None


def _body_paragraphs(document: Any, name: str) -> dict[Any, str]:
    return {p: f"{name}, paragraph {i}" for i, p in enumerate(document.iter(W + "p"), 1)}


def _note_paragraphs(
    root: Any, tag: str, numbers: dict[str, int], name: str, kind: str
) -> dict[Any, str]:
    out: dict[Any, str] = {}
    for note in root.iter(W + tag):
        number = numbers.get(note.get(W + "id", ""))
        for p in note.iter(W + "p"):
            out[p] = f"{name}, {kind} {number}" if number else f"{name}, {kind}"
    return out


def prepare(docx: Path, workdir: Path) -> Prepared:
    """A copy of *docx* in *workdir* with note markers and citation tokens, and what
    they stand for; the zip read within the limits of :mod:`.archive`, and what pandoc
    would lose settled first (:mod:`.wordml`)."""
    package = read_package(docx)
    main = _relationships(package, "").get(OFFICE_DOCUMENT, "word/document.xml")
    if main not in package:
        raise ManuscriptError(
            f"{docx}: not a Word .docx file (no main document part); save the manuscript as .docx"
        )
    rels = _relationships(package, main)
    label = docx.name
    prepared = Prepared(path=workdir / "manuscript.docx")
    document = _read_xml(package, main)
    replaced: dict[str, Any] = {main: document}
    notes: list[tuple[str, str, str, str]] = []  # part, tag, letter, kind
    for rel_type, tag, letter in (("/footnotes", "footnote", "F"), ("/endnotes", "endnote", "E")):
        part = rels.get(rel_type)
        if part and part in package:
            replaced[part] = _read_xml(package, part)
            notes.append((part, tag, letter, tag))
            wordml.separate_note_ids(document, replaced[part], tag, tag, label, prepared.warnings)
    styles_part = rels.get("/styles")
    styles = wordml.hidden_styles(
        _read_xml(package, styles_part) if styles_part in package else None
    )
    paragraphs = _body_paragraphs(document, label)
    wordml.drop_hidden(document, styles, paragraphs, prepared.warnings)
    foot_numbers, end_numbers = _note_numbers(document)
    prepared.footnotes, prepared.endnotes = len(foot_numbers), len(end_numbers)
    citations = _Citations(prepared)
    _settle(package, main, document, paragraphs, citations, prepared)
    for part, tag, letter, kind in notes:
        root = replaced[part]
        numbers = foot_numbers if tag == "footnote" else end_numbers
        paragraphs = _note_paragraphs(root, tag, numbers, label, kind)
        wordml.drop_hidden(root, styles, paragraphs, prepared.warnings)
        _settle(package, part, root, paragraphs, citations, prepared)
        _mark_notes(root, tag, numbers, letter)
    core = _relationships(package, "").get("/core-properties")
    if core and core in package:
        props = _read_xml(package, core)
        prepared.core_title = " ".join((props.findtext(DC + "title") or "").split())
        prepared.core_creator = " ".join((props.findtext(DC + "creator") or "").split())
    with zipfile.ZipFile(prepared.path, "w", zipfile.ZIP_STORED) as out:  # read next by pandoc
        for name, data in package.items():
            if name in replaced:
                data = etree.tostring(
                    replaced[name], xml_declaration=True, encoding="UTF-8", standalone=True
                )
            out.writestr(name, data)
    return prepared


def _settle(
    package: dict[str, bytes],
    part: str,
    root: Any,
    paragraphs: dict[Any, str],
    citations: _Citations,
    prepared: Prepared,
) -> None:
    """Citation fields to tokens, other simple fields to complex ones, images located."""
    label = next(iter(paragraphs.values()), part).partition(",")[0]
    citations.replace_in(root, label, paragraphs)
    citations.replace_simple(root, label, paragraphs)
    wordml.simple_to_complex(root)
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    relations = wordml.relations_of(
        _read_xml(package, rels_name) if rels_name in package else None, folder
    )
    places = wordml.image_problems(
        root, relations, package.__contains__, paragraphs, prepared.warnings
    )
    for media, place in places.items():
        prepared.image_places.setdefault(media, place)
    for media, text in wordml.image_descriptions(root, relations).items():
        prepared.image_alts.setdefault(media, text)

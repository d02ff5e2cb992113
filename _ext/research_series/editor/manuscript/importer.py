"""``import_manuscript``: a Word manuscript into ``papers/<slug>/`` "
"(index.md, references.bib, media)."""

from __future__ import annotations

import json
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from research_series.bibliography import load_bibliography

from ...model.citation_syntax import CiteItem
from ...model.placeholders import IMPORTED_ABSTRACT
from ..errors import ManuscriptError
from ..myst_text import cite_role
from ..paper_folder import (
    check_authors,
    check_date,
    check_target,
    check_title,
    choose_number,
    report_head,
    staged_folder,
)
from .csl import format_entry, key_stem, to_entry
from .docx import CitationItem, Prepared, prepare
from .images import RASTER, clean_svg, raster_ok
from .myst import Node, Writer, stringify
from .pandoc import run_pandoc

_ABSTRACT = re.compile(r"^(abstract|summary|executive summary)$", re.I)
_GENERIC_CREATORS = {
    "",
    "microsoft office user",
    "user",
    "author",
    "admin",
    "administrator",
    "windows user",
}

# CSL locator labels -> the words the series prints before a locator (pages: none).
LOCATOR_LABELS = {
    "page": "",
    "book": "bk.",
    "chapter": "chap.",
    "column": "col.",
    "figure": "fig.",
    "folio": "fol.",
    "issue": "no.",
    "line": "line",
    "note": "n.",
    "opus": "op.",
    "paragraph": "para.",
    "part": "pt.",
    "section": "sec.",
    "sub verbo": "s.v.",
    "verse": "v.",
    "volume": "vol.",
}


@dataclass
class ImportResult:
    """What the import wrote and what the editor should look at."""

    folder: Path
    warnings: list[str] = field(default_factory=list)
    footnotes: int = 0
    endnotes: int = 0
    citations: int = 0
    works: int = 0

    @property
    def index(self) -> Path:
        return self.folder / "index.md"


def post_text(item: CitationItem) -> str:
    """The locator as the series prints it (``12``, ``chap. 3``), then the suffix."""
    text = ""
    if item.locator:
        word = LOCATOR_LABELS.get(item.label.lower(), item.label) if item.label else ""
        text = f"{word} {item.locator}".strip()
    suffix = " ".join(item.suffix.split())
    if suffix:
        text = f"{text}{suffix}" if suffix[0] in ",;.:)" else f"{text} {suffix}".strip()
    return text


class _Works:
    """Keys for the cited works (one per work however often it is cited) and their entries."""

    def __init__(self, warnings: list[str]) -> None:
        self.keys: dict[str, str] = {}
        self.entries: dict[str, str] = {}
        self.warnings = warnings

    def key(self, item: CitationItem, location: str) -> str:
        if item.identity in self.keys:
            return self.keys[item.identity]
        stem = key_stem(item.data)
        key = stem
        suffix = ord("b")
        while key in self.entries:
            key = f"{stem}{chr(suffix)}"
            suffix += 1
        self.keys[item.identity] = key
        entry = to_entry(item.data)
        self.entries[key] = format_entry(key, entry)
        self.warnings.extend(
            f"{location}: the cited work {key}: {problem}; check it in references.bib"
            for problem in entry.problems
        )
        return key


def _meta_text(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    if value.get("t") in ("MetaInlines", "MetaBlocks"):
        return stringify(value["c"])
    if value.get("t") == "MetaString":
        return " ".join(str(value["c"]).split())
    return ""


def _meta_list(value: Any) -> list[str]:
    if isinstance(value, dict) and value.get("t") == "MetaList":
        return [text for item in value["c"] if (text := _meta_text(item))]
    text = _meta_text(value)
    return [text] if text else []


def _take_abstract(meta: dict[str, Any], blocks: list[Node]) -> tuple[list[Node], list[Node]]:
    """(abstract blocks, body blocks): an Abstract-styled paragraph or an 'Abstract' section."""
    abstract = meta.get("abstract")
    if isinstance(abstract, dict) and abstract.get("t") == "MetaBlocks":
        return list(abstract["c"]), blocks
    if isinstance(abstract, dict) and abstract.get("t") == "MetaInlines":
        return [{"t": "Para", "c": abstract["c"]}], blocks
    for index, block in enumerate(blocks):
        if block.get("t") == "Header" and _ABSTRACT.match(stringify(block["c"][2]).strip(" .:")):
            level = block["c"][0]
            end = index + 1
            while end < len(blocks) and not (
                blocks[end].get("t") == "Header" and blocks[end]["c"][0] <= level
            ):
                end += 1
            return blocks[index + 1 : end], blocks[:index] + blocks[end:]
    return [], blocks


def _has_notes(blocks: list[Node], prepared: Prepared) -> bool:
    text = json.dumps(blocks)
    in_text_citation = any(token in text for token in prepared.citations)
    return '"t": "Note"' in text or in_text_citation


def _clean_author(name: str) -> str:
    return " ".join(name.replace(";", ",").split())


def _check_manuscript(docx: Path) -> None:
    if not docx.is_file():
        raise ManuscriptError(f"{docx}: no such file; give the path of the .docx manuscript")
    with docx.open("rb") as file:
        head = file.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ManuscriptError(
            f"{docx}: a Word 97-2003 .doc file (or an encrypted document); open it in Word and "
            "save it as .docx (Word Document), without a password"
        )
    if not head.startswith(b"PK"):
        raise ManuscriptError(
            f"{docx}: not a Word .docx file; save the manuscript as .docx (Word Document)"
        )


def import_manuscript(
    docx: Path,
    papers: Path,
    *,
    slug: str,
    number: int | None,
    date: str,
    authors: list[str] | None,
    title: str | None,
) -> ImportResult:
    """Convert *docx* into ``papers/<slug>/``; raises ``ManuscriptError`` with what to do."""
    docx, papers = Path(docx), Path(papers)
    folder = check_target(papers, slug)
    date = check_date(date)
    given_title = check_title(title) if title is not None else ""
    given_authors = check_authors(authors) if authors else []
    chosen = choose_number(papers, number)
    warnings: list[str] = []
    if number is None:
        warnings.append(
            f"{folder / 'index.md'}: numbered {chosen}, the next free number; "
            "give --number to choose"
        )
    number = chosen
    _check_manuscript(docx)
    with tempfile.TemporaryDirectory(prefix="rs-import-") as tmp:
        work = Path(tmp)
        prepared = prepare(docx, work)
        document = run_pandoc(prepared.path, work)
        meta: dict[str, Any] = document.get("meta", {})
        blocks: list[Node] = document.get("blocks", [])

        paper_title = given_title
        if not paper_title:
            paper_title = _meta_text(meta.get("title"))
            subtitle = _meta_text(meta.get("subtitle"))
            if paper_title and subtitle:
                paper_title = f"{paper_title}: {subtitle}"
        if not paper_title:
            paper_title = prepared.core_title
        if not paper_title:
            raise ManuscriptError(
                f"{docx.name} has no title (no paragraph in the Title style, no title in its "
                'properties); give it with --title "The Title"'
            )
        names = given_authors
        if not names:
            names = [_clean_author(name) for name in _meta_list(meta.get("author"))]
        if not names and prepared.core_creator.lower() not in _GENERIC_CREATORS:
            names = [_clean_author(prepared.core_creator)]
            warnings.append(
                f"{docx.name}: the author {names[0]!r} is taken from the document's properties; "
                'check it, or give --author "Name (Affiliation)"'
            )
        if not names:
            raise ManuscriptError(
                f"{docx.name} names no author (no paragraph in the Author style, no author in its "
                'properties); give each with --author "Name (Affiliation)"'
            )
        paper_title = check_title(paper_title, f"{docx.name}: its title (or give --title)")
        names = check_authors(names, f"{docx.name}: its author (or give --author)")

        works = _Works(warnings)
        media: dict[str, tuple[str, bytes]] = {}
        counts = {"citations": 0, "foot": 0}

        def cite(token: str, in_note: bool) -> str | None:
            citation = prepared.citations.get(token)
            if citation is None:
                return None
            targets = [
                CiteItem(
                    works.key(item, citation.location),
                    item.prefix or None,
                    post_text(item) or None,
                )
                for item in citation.items
            ]
            counts["citations"] += 1
            counts["foot"] += not in_note
            return cite_role("cite" if in_note else "footcite", targets)

        def image(path: str) -> str | None:
            return _image(work, path, media, warnings, prepared.image_places)

        abstract_blocks, body = _take_abstract(meta, blocks)
        levels = [block["c"][0] for block in body if block.get("t") == "Header"]
        writer = Writer(
            cite=cite,
            image=image,
            alt_text=lambda path: prepared.image_alts.get(posixpath.basename(path), ""),
            source=docx.name,
            both_kinds=prepared.footnotes > 0 and prepared.endnotes > 0,
            heading_shift=2 - min(levels, default=1),
        )
        if _has_notes(abstract_blocks, prepared):
            # Sphinx cannot place a note mark inside the directive: the abstract stays a section
            warnings.append(
                f"{docx.name}: the abstract has a note or a citation, so it is kept as a section "
                "of the body; move the note out of it and put the abstract in the directive"
            )
            body, abstract_blocks = blocks, []
        abstract_lines = writer.blocks(abstract_blocks)
        if not abstract_lines:
            abstract_lines = [IMPORTED_ABSTRACT]
            warnings.append(
                f"{folder / 'index.md'}: the manuscript has no abstract (no 'Abstract' heading or "
                "Abstract-styled paragraph); replace the placeholder with the abstract"
            )
        body_lines = writer.blocks(body)
        _note_warnings(writer, prepared, docx.name, warnings)
        if counts["foot"] and (prepared.footnotes or prepared.endnotes):
            warnings.append(
                f"{docx.name}: {counts['foot']} citations in the running text become notes "
                "({footcite}), numbered after the manuscript's own notes; move them into "
                "notes if the paper should read in order"
            )

        text_lines = [
            *report_head(paper_title, names, number, date, abstract_lines),
            "",
            *body_lines,
        ]
        definitions = writer.definitions()
        if definitions:
            text_lines += ["", *definitions]
        with staged_folder(papers, slug) as out:
            (out / "index.md").write_text("\n".join(text_lines).rstrip() + "\n", encoding="utf-8")
            bib = "\n\n".join(works.entries.values())
            (out / "references.bib").write_text(bib + "\n" if bib else "", encoding="utf-8")
            if media:
                (out / "media").mkdir()
            for name, data in media.values():
                (out / "media" / name).write_bytes(data)
            problems = load_bibliography([out / "references.bib"])[1]
            warnings.extend(
                f"{folder / 'references.bib'}:{p.line or ''}: {p.message}".replace(":: ", ": ")
                for p in problems
            )
    warnings += prepared.warnings + writer.warnings
    return ImportResult(
        folder=folder,
        warnings=warnings,
        footnotes=prepared.footnotes,
        endnotes=prepared.endnotes,
        citations=counts["citations"],
        works=len(works.entries),
    )


def _note_warnings(writer: Writer, prepared: Prepared, name: str, warnings: list[str]) -> None:
    kept = {(note.kind, note.number) for note in writer.notes}
    for kind, total in (("footnote", prepared.footnotes), ("endnote", prepared.endnotes)):
        missing = [n for n in range(1, total + 1) if (kind, n) not in kept]
        if missing:
            warnings.append(
                f"{name}: {kind}s {', '.join(map(str, missing))} were not found "
                "in the converted text; "
                "compare index.md with the manuscript and add them by hand"
            )
    if prepared.footnotes and prepared.endnotes:
        warnings.append(
            f"{name}: the manuscript has footnotes and endnotes; the endnotes are labelled "
            "[^endnote-N] and numbered after the footnotes"
        )


def _image(
    work: Path,
    path: str,
    media: dict[str, tuple[str, bytes]],
    warnings: list[str],
    places: dict[str, str],
) -> str | None:
    """The image's path in the paper, or ``None`` (with a warning naming its place) when
    it is not published: see :mod:`.images` for what is."""
    source = (work / path).resolve()
    root = (work / "media").resolve()
    if not source.is_relative_to(root) or not source.is_file():
        warnings.append(
            f"the manuscript: an image linked from outside the document ({path!r}) is "
            "left out; insert the picture itself in Word"
        )
        return None
    if str(source) in media:
        return f"media/{media[str(source)][0]}"
    place = places.get(source.name, "the manuscript")
    suffix = source.suffix.lower()
    data = source.read_bytes()
    if suffix == ".svg":
        cleaned = clean_svg(data)
        if cleaned is None:
            warnings.append(
                f"{place}: image {source.name} is not a readable SVG drawing and is left out; "
                "insert it again as PNG or SVG"
            )
            return None
        if cleaned.removed:
            warnings.append(
                f"{place}: image {source.name}: {', '.join(cleaned.removed)} taken out (a "
                "browser would run or load them when the image is opened); check the drawing"
            )
        data = cleaned.data
    elif not raster_ok(suffix, data):
        kind = f"in {suffix[1:].upper()} format" if suffix else "of no known type"
        reason = f"is {kind}, which browsers do not show as an image,"
        if suffix in RASTER:
            reason = f"is not the {suffix[1:].upper()} image its name says"
        warnings.append(
            f"{place}: image {source.name} {reason} and is left out; "
            "convert it to PNG or SVG, put it in media/ and add "
            "![](media/<name>) at that place"
        )
        return None
    stem = re.sub(r"[^A-Za-z0-9_-]", "-", source.stem)[:40] or "image"
    candidate = f"{stem}{suffix}"
    taken = {name for name, _ in media.values()}
    counter = 2
    while candidate in taken:
        candidate = f"{stem}-{counter}{suffix}"
        counter += 1
    media[str(source)] = (candidate, data)
    return f"media/{candidate}"


__all__ = ["ImportResult", "ManuscriptError", "import_manuscript"]

"""What pandoc would lose or publish silently, settled in the WordprocessingML first.

Each pass works on a part's lxml tree before pandoc reads it and says what it did in
a warning naming the place (``m.docx, paragraph 12`` or ``m.docx, footnote 3``):

- hidden text (``w:vanish``, directly or by style) is taken out: Word does not show it,
  so the paper must not publish it;
- simple fields (``w:fldSimple``: caption numbers, cross-references, hyperlinks) become
  the complex fields pandoc reads, so their displayed text stays;
- notes that share an id (a tool merged two files) get ids of their own, each paired
  with its mark in order, so no note is lost and none is doubled;
- images linked from outside the file, missing from it, or in a format browsers do not
  show are found here, where their place is still known.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFF = ("0", "false", "off")
_QUOTE = 40  # characters of dropped text quoted in a warning

#: Where a paragraph is, for warnings: ``m.docx, paragraph 12``.
Places = dict[Any, str]


def _paragraph(element: Any) -> Any:
    return next((a for a in element.iterancestors() if a.tag == W + "p"), None)


def _on(props: Any, tag: str) -> bool | None:
    """A toggle property in *props*: True, False, or ``None`` when not set there."""
    found = props.find(W + tag) if props is not None else None
    if found is None:
        return None
    return found.get(W + "val", "true").lower() not in _OFF


def hidden_styles(styles: Any) -> set[str]:
    """Ids of the styles that hide their text (``w:vanish``, directly or by ``basedOn``)."""
    if styles is None:
        return set()
    own: dict[str, bool | None] = {}
    parent: dict[str, str] = {}
    for style in styles.iter(W + "style"):
        sid = style.get(W + "styleId", "")
        own[sid] = _on(style.find(W + "rPr"), "vanish")
        based = style.find(W + "basedOn")
        if based is not None:
            parent[sid] = based.get(W + "val", "")

    def hides(sid: str, depth: int = 0) -> bool:
        value = own.get(sid)
        if value is not None or depth > 20 or sid not in parent:
            return bool(value)
        return hides(parent[sid], depth + 1)

    return {sid for sid in own if hides(sid)}


def drop_hidden(root: Any, styles: set[str], places: Places, warnings: list[str]) -> None:
    """Take out the runs Word hides; one warning per paragraph, quoting the text."""
    dropped: dict[Any, list[str]] = defaultdict(list)
    for run in list(root.iter(W + "r")):
        props = run.find(W + "rPr")
        paragraph = _paragraph(run)
        hidden = _on(props, "vanish")
        if hidden is None:
            rstyle = props.find(W + "rStyle") if props is not None else None
            ppr = paragraph.find(W + "pPr") if paragraph is not None else None
            pstyle = ppr.find(W + "pStyle") if ppr is not None else None
            hidden = any(
                style is not None and style.get(W + "val", "") in styles
                for style in (rstyle, pstyle)
            )
        if not hidden:
            continue
        text = "".join(t.text or "" for t in run.iter(W + "t", W + "instrText"))
        dropped[paragraph].append(text)
        run.getparent().remove(run)
    for paragraph, texts in dropped.items():
        text = " ".join("".join(texts).split())
        shown = text if len(text) <= _QUOTE else text[:_QUOTE] + "..."
        warnings.append(
            f"{places.get(paragraph, 'the manuscript')}: hidden text ({shown!r}) is left out, "
            "as Word does not show it; unhide it in Word (Font > Hidden) to publish it"
        )


def _field_run(kind: str) -> Any:
    run = etree.Element(W + "r")
    etree.SubElement(run, W + "fldChar").set(W + "fldCharType", kind)
    return run


def simple_to_complex(root: Any) -> None:
    """Each ``w:fldSimple`` as the begin/instruction/separate/result/end runs pandoc reads."""
    for simple in list(root.iter(W + "fldSimple")):
        parent = simple.getparent()
        if parent is None:
            continue
        instruction = etree.Element(W + "r")
        text = etree.SubElement(instruction, W + "instrText")
        text.text = f" {simple.get(W + 'instr', '')} "
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        result = [child for child in simple if child.tag != W + "fldData"]
        sequence = [_field_run("begin"), instruction, _field_run("separate"), *result]
        sequence.append(_field_run("end"))
        index = parent.index(simple)
        parent.remove(simple)
        for offset, element in enumerate(sequence):
            parent.insert(index + offset, element)


def separate_note_ids(
    document: Any, notes: Any, tag: str, kind: str, name: str, warnings: list[str]
) -> None:
    """Give notes that share an id ids of their own, paired with their marks in order."""
    by_id: dict[str, list[Any]] = defaultdict(list)
    for note in notes.iter(W + tag):
        by_id[note.get(W + "id", "")].append(note)
    shared = {note_id: found for note_id, found in by_id.items() if len(found) > 1}
    if not shared:
        return
    marks: dict[str, list[Any]] = defaultdict(list)
    for mark in document.iter(W + f"{tag}Reference"):
        marks[mark.get(W + "id", "")].append(mark)
    numeric = [int(note_id) for note_id in by_id if note_id.lstrip("-").isdigit()]
    fresh = max(numeric, default=0) + 1
    for note_id, found in sorted(shared.items()):
        for note, mark in zip(found[1:], marks[note_id][1:], strict=False):
            note.set(W + "id", str(fresh))
            mark.set(W + "id", str(fresh))
            fresh += 1
        warnings.append(
            f"{name}: {len(found)} {kind}s share the id {note_id} in the file (a tool merged "
            f"them); each is kept and numbered by its mark: compare the {kind}s with the "
            "manuscript"
        )


def image_problems(
    root: Any,
    relations: dict[str, tuple[str, bool]],
    exists: Callable[[str], bool],
    places: Places,
    warnings: list[str],
) -> dict[str, str]:
    """Warn of linked, missing and browser-less images; each embedded part's place."""
    found: dict[str, str] = {}
    refs = [(blip, blip.get(R + "embed"), blip.get(R + "link")) for blip in root.iter(A + "blip")]
    refs += [(data, data.get(R + "id"), None) for data in root.iter(V + "imagedata")]
    for element, embed, link in refs:
        place = places.get(_paragraph(element), "the manuscript")
        target, external = relations.get(embed or link or "", ("", False))
        if link or external:
            warnings.append(
                f"{place}: an image linked from outside the file ({target!r}) is left out; "
                "insert the picture itself in Word (Insert > Pictures > This Device)"
            )
        elif not target or not exists(target):
            warnings.append(
                f"{place}: an image ({target or 'no part'}) is missing from the file and is "
                "left out; insert the picture again in Word and save"
            )
        else:
            found.setdefault(posixpath.basename(target), place)
    return found


def image_descriptions(root: Any, relations: dict[str, tuple[str, bool]]) -> dict[str, str]:
    """Each embedded image's description (Word's alt text), by its file name.

    Word keeps it on the drawing (``wp:docPr/@descr``, or ``@title``) or on an old VML
    picture (``o:title``); pandoc does not carry it over, so the importer reads it here.
    """
    found: dict[str, str] = {}
    for blip in root.iter(A + "blip"):
        drawing = next(
            (up for up in blip.iterancestors() if up.tag in (WP + "inline", WP + "anchor")),
            None,
        )
        doc_pr = drawing.find(WP + "docPr") if drawing is not None else None
        text = "" if doc_pr is None else doc_pr.get("descr") or doc_pr.get("title") or ""
        target, _external = relations.get(blip.get(R + "embed") or "", ("", False))
        if target and text.strip():
            found.setdefault(posixpath.basename(target), " ".join(text.split()))
    for data in root.iter(V + "imagedata"):
        target, _external = relations.get(data.get(R + "id") or "", ("", False))
        text = data.get(OFFICE + "title") or ""
        if target and text.strip():
            found.setdefault(posixpath.basename(target), " ".join(text.split()))
    return found


def relations_of(rels: Any, folder: str) -> dict[str, tuple[str, bool]]:
    """``id -> (target part or URL, external)`` of a part's relationships."""
    out: dict[str, tuple[str, bool]] = {}
    if rels is None:
        return out
    for rel in rels.iter(REL + "Relationship"):
        target = rel.get("Target", "")
        external = rel.get("TargetMode") == "External"
        if not external:
            target = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
        out[rel.get("Id", "")] = (target, external)
    return out

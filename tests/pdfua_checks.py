"""What a PDF/UA-1 file must hold, read with pikepdf: each check raises AssertionError.

Kept apart from the tests so that ``tests/test_pdfua.py`` can also break a good PDF
one way at a time and see the matching check fail.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from lxml import etree

XMP = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


@dataclass
class Element:
    """A structure element, where it is in the tree, and what it holds."""

    tag: str
    depth: int
    obj: pikepdf.Dictionary
    parent: str
    mcids: list[int] = field(default_factory=list)
    annotations: int = 0


def elements(pdf: pikepdf.Pdf) -> list[Element]:
    """The structure tree depth first, in reading order."""
    found: list[Element] = []

    def walk(obj: pikepdf.Object, depth: int, owner: Element | None) -> None:
        kids = obj.get("/K")
        if kids is None:
            return
        for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                if owner is not None:
                    owner.mcids.append(kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                if owner is not None:
                    owner.annotations += 1
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element = Element(str(kid.S)[1:], depth, kid, owner.tag if owner else "")
                found.append(element)
                walk(kid, depth + 1, element)

    walk(pdf.Root.StructTreeRoot, 0, None)
    return found


def _subtree_size(found: list[Element], index: int) -> int:
    """How many elements after *index* are inside it (depth first order)."""
    size = 0
    for element in found[index + 1 :]:
        if element.depth <= found[index].depth:
            break
        size += 1
    return size


def tags(pdf: pikepdf.Pdf) -> list[str]:
    return [element.tag for element in elements(pdf)]


def check_tagged(pdf: pikepdf.Pdf) -> None:
    assert "/StructTreeRoot" in pdf.Root, "no structure tree"
    assert pdf.Root.MarkInfo.Marked is True, "not marked as tagged"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True, "DisplayDocTitle not set"


def check_headings(pdf: pikepdf.Pdf, h2_count: int) -> None:
    """One H1, first; no level skipped going down; as many H2 as the page's sections."""
    levels = [int(tag[1]) for tag in tags(pdf) if len(tag) == 2 and tag[0] == "H"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading level skipped: {levels}"
    assert levels.count(2) == h2_count, levels


def check_paragraphs(pdf: pikepdf.Pdf, at_least: int) -> None:
    paragraphs = [e for e in elements(pdf) if e.tag == "P"]
    assert len(paragraphs) >= at_least, len(paragraphs)


def check_notes(pdf: pikepdf.Pdf, count: int) -> None:
    """Each note a Note with a unique ID, and as many links to notes as notes."""
    notes = [e for e in elements(pdf) if e.tag in ("Note", "FENote")]
    ids = [str(note.obj.get("/ID", "")) for note in notes]
    assert len(notes) >= count, f"{len(notes)} Note elements for {count} notes"
    assert all(ids) and len(set(ids)) == len(ids), ids
    assert all(len(note.obj.K) for note in notes), "an empty Note"
    assert len(note_links(pdf)) >= count, "the notes' calls are not links to them"


def check_notes_after_calls(pdf: pikepdf.Pdf) -> None:
    """Each Note read right after its call: the element before it is the call's Link
    (or the note's part before a page break), both in the call's paragraph."""
    notes = 0
    for element in elements(pdf):
        kids = element.obj.get("/K")
        if not isinstance(kids, pikepdf.Array):
            continue
        for before, kid in itertools.pairwise(kids):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Note":
                notes += 1
                assert element.tag in ("P", "Span", "LI", "LBody", "TD", "TH"), element.tag
                assert isinstance(before, pikepdf.Dictionary), "a Note after text, not a call"
                assert before.get("/S") in ("/Link", "/Note"), before.get("/S")
    assert notes == sum(e.tag == "Note" for e in elements(pdf)), "a Note not after a call"


def reading_order_findings(result: dict[str, object]) -> list[object]:
    """The checker's findings that the content is painted out of the tree's order."""
    findings = result["findings"]
    assert isinstance(findings, list)
    return [finding for finding in findings if finding["rule"].startswith("ORD")]


def note_links(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Link annotations that go to a place inside the document."""
    found = []
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") == "/Link" and (
                "/Dest" in annot or annot.get("/A", {}).get("/S") == "/GoTo"
            ):
                found.append(annot)
    return found


def check_lists(pdf: pikepdf.Pdf) -> None:
    """Items LI in L, each with its content in an LBody (after its Lbl)."""
    found = elements(pdf)
    items = [e for e in found if e.tag == "LI"]
    assert items and all(item.parent == "L" for item in items), [i.parent for i in items]
    for item in items:
        kids = [str(kid.get("/S")) for kid in item.obj.K if isinstance(kid, pikepdf.Dictionary)]
        assert kids and kids[-1] == "/LBody" and set(kids) <= {"/Lbl", "/LBody"}, kids


def check_table(pdf: pikepdf.Pdf) -> None:
    found = elements(pdf)
    assert any(e.tag == "Table" for e in found), "no Table"
    heads = [e for e in found if e.tag == "TH"]
    assert heads, "no TH"
    for head in heads:
        assert head.obj.A.get("/Scope") in ("/Column", "/Row", "/Both"), head.obj.A


def check_figure(pdf: pikepdf.Pdf, alt: str) -> None:
    alts = [str(e.obj.get("/Alt", "")) for e in elements(pdf) if e.tag == "Figure"]
    assert alts and all(alts), f"figure without alt text: {alts}"
    assert alt in alts, alts


def check_formulas(pdf: pikepdf.Pdf, alts: list[str]) -> None:
    """Each formula a Formula, in reading order, with its TeX as /Alt, a bounding box
    and content (its drawing, marked content), and no formula left as a Figure."""
    found = elements(pdf)
    formulas = [e for e in found if e.tag == "Formula"]
    assert [str(f.obj.get("/Alt", "")) for f in formulas] == alts, formulas
    for formula in formulas:
        assert formula.mcids, f"an empty Formula: {formula.obj.get('/Alt')}"
        assert len(formula.obj.A.BBox) == 4, formula.obj.A
    assert not any(e.tag == "Figure" for e in found), "a formula tagged as a Figure"


def check_links(pdf: pikepdf.Pdf) -> None:
    """Every Link holds its annotations and its text (marked content); no other
    element holds an annotation."""
    found = elements(pdf)
    links = [(i, e) for i, e in enumerate(found) if e.tag == "Link"]
    assert links, "no Link"
    for i, link in links:
        inside = found[i + 1 : i + 1 + _subtree_size(found, i)]
        text = link.mcids + [m for e in inside for m in e.mcids]
        # (an image in a link's text, a formula, has an annotation of its own)
        assert link.annotations >= 1 and text, (link.annotations, text)
    assert sum(e.annotations for e in found if e.tag != "Link") == 0, "annotation not in a Link"
    for page in pdf.pages:
        for annot in page.get("/Annots", []):
            assert int(annot.get("/F", 0)) & 4, "annotation not printable"
            assert "/StructParent" in annot, "annotation outside the structure"


def check_languages(pdf: pikepdf.Pdf, document: str, passages: set[str]) -> None:
    assert str(pdf.Root.get("/Lang", "")) == document, pdf.Root.get("/Lang")
    found = {str(e.obj.Lang) for e in elements(pdf) if "/Lang" in e.obj}
    assert passages <= found, f"/Lang on passages: {found}"


def check_xmp(pdf: pikepdf.Pdf, title: str, creators: list[str]) -> None:
    xml = etree.fromstring(pdf.Root.Metadata.read_bytes())
    titles = xml.xpath("//dc:title//rdf:li/text()", namespaces=XMP)
    names = xml.xpath("//dc:creator//rdf:li/text()", namespaces=XMP)
    parts = xml.xpath("//pdfuaid:part/text() | //@pdfuaid:part", namespaces=XMP)
    assert titles == [title], titles
    assert names == creators, names
    assert [str(part) for part in parts] == ["1"], parts


def check_fonts(pdf: pikepdf.Pdf) -> None:
    """Every font embedded, every font with a Unicode map."""
    for number, page in enumerate(pdf.pages, 1):
        for name, font in page.Resources.get("/Font", {}).items():
            assert "/ToUnicode" in font, f"page {number}: {name} has no ToUnicode"
            if font.Subtype == "/Type3":
                continue
            base = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
            descriptor = base.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"page {number}: {name} not embedded"
            )


def _marked(page: pikepdf.Page) -> Iterator[tuple[str, tuple[str, ...], int | None]]:
    """Each text-showing operator with the marked-content tags around it and its MCID."""
    stack: list[tuple[str, int | None]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BMC":
            stack.append((str(operands[0]), None))
        elif op == "BDC":
            props = operands[1]
            has_mcid = isinstance(props, pikepdf.Dictionary) and "/MCID" in props
            mcid = int(props.MCID) if has_mcid else None
            stack.append((str(operands[0]), mcid))
        elif op == "EMC" and stack:
            stack.pop()
        elif op in ("Tj", "TJ", "'", '"'):
            mcids = [m for _, m in stack if m is not None]
            yield op, tuple(t for t, _ in stack), mcids[-1] if mcids else None


def check_artifacts_and_content(pdf: pikepdf.Pdf) -> None:
    """Running heads and page numbers are artifacts (text marked /Artifact on every page
    after the first); all other text is marked content that the structure tree holds."""
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, page in enumerate(pdf.pages, 1):
        shown = list(_marked(page))
        artifacts = [s for s in shown if "/Artifact" in s[1]]
        assert artifacts, f"page {number}: no text artifact (running head, page number)"
        mapped = parents[int(page.StructParents)]
        for _, marks, mcid in shown:
            if "/Artifact" in marks:
                continue
            assert mcid is not None, f"page {number}: text outside marked content"
            assert mcid < len(mapped) and mapped[mcid] is not None, (
                f"page {number}: MCID {mcid} is in no structure element"
            )


def make_pdfs(builddir: Path) -> subprocess.CompletedProcess[str]:
    """The ``make site`` phase: every listed paper's PDF, in a new process."""
    command = [sys.executable, "-m", "research_series.pdfua", str(builddir)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def outloud(path: Path) -> dict[str, object]:
    """The PDF/UA checker's verdict for *path* (its JSON report's result)."""
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("outloud")), "--json", "-", "--fail-on", "never",
         str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    [result] = json.loads(proc.stdout)["results"]
    assert isinstance(result, dict)
    return result

"""The pandoc document tree (its JSON form) written as the paper's MyST Markdown.

Written here rather than by pandoc's Markdown writer so that every character
taken from the manuscript is escaped for MyST (see ``syntax``), notes keep the
numbers Word gives them, and citation tokens become ``{cite}``/``{footcite}``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..myst_text import code_span, escape_inline, escape_line_start

Node = dict[str, Any]
CiteWriter = Callable[[str, bool], str | None]  # (token, inside a note) -> role text
ImageWriter = Callable[[str], str | None]  # pandoc's media path -> path in the paper
AltText = Callable[[str], str]  # pandoc's media path -> its description in Word ("": none)

_NOTE_MARK = re.compile(r"^RSNOTE([FE])(\d+)X")
_CITE_TOKEN = re.compile(r"RSCITE\d+X")
_HAND_BIBLIOGRAPHY = re.compile(
    r"^(works cited|works referenced|bibliography|references|reference list|"
    r"literature cited|sources|sources cited|selected bibliography|endnotes)$",
    re.I,
)
_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.I)


def stringify(nodes: Sequence[Node]) -> str:
    """The plain text of inlines or blocks."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            kind = value.get("t")
            if kind == "Str":
                out.append(value["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "Math"):
                out.append(value["c"][-1])
            elif kind == "Note":
                return
            elif "c" in value:
                walk(value["c"])
        elif isinstance(value, list):
            for each in value:
                walk(each)

    walk(list(nodes))
    return " ".join("".join(out).split())


@dataclass
class Note:
    label: str
    kind: str
    number: int | None
    lines: list[str]


@dataclass
class Writer:
    cite: CiteWriter
    image: ImageWriter
    source: str
    alt_text: AltText = lambda _path: ""
    both_kinds: bool = False
    heading_shift: int = 1
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _in_note: bool = False
    _warned: set[str] = field(default_factory=set)
    _unmarked: int = 0

    def warn(self, message: str, once: str | None = None) -> None:
        if once is not None:
            if once in self._warned:
                return
            self._warned.add(once)
        self.warnings.append(f"{self.source}: {message}")

    # -- inlines ------------------------------------------------------------

    def inlines(self, nodes: Sequence[Node]) -> str:
        pieces: list[str] = []
        for node in nodes:
            for piece in self.inline(node):
                if piece.startswith("{footcite}") and pieces and pieces[-1] == " ":
                    pieces.pop()
                pieces.append(piece)
        return "".join(pieces)

    def _str(self, text: str) -> list[str]:
        if "RSCITE" not in text:  # most words: no citation token to look for
            return [escape_inline(text)] if text else []
        pieces: list[str] = []
        position = 0
        for match in _CITE_TOKEN.finditer(text):
            pieces.append(escape_inline(text[position : match.start()]))
            role = self.cite(match[0], self._in_note)
            pieces.append(role if role is not None else "")
            position = match.end()
        pieces.append(escape_inline(text[position:]))
        return [piece for piece in pieces if piece]

    def _wrapped(self, nodes: Sequence[Node], mark: str) -> list[str]:
        nodes = list(nodes)
        lead = trail = ""
        while nodes and nodes[0].get("t") in ("Space", "SoftBreak"):
            nodes.pop(0)
            lead = " "
        while nodes and nodes[-1].get("t") in ("Space", "SoftBreak"):
            nodes.pop()
            trail = " "
        inner = self.inlines(nodes)
        if not inner.strip():
            return [lead + inner + trail] if lead or trail or inner else []
        if "\n" in inner:  # a line break inside emphasis: emphasise each line
            inner = "\n".join(
                f"{mark}{part}{mark}" if part.strip() else part for part in inner.split("\\\n")
            )
            inner = inner.replace(f"{mark}\n", f"{mark}\\\n")
            return [lead + inner + trail]
        return [f"{lead}{mark}{inner}{mark}{trail}"]

    def inline(self, node: Node) -> list[str]:
        kind = node.get("t")
        content: Any = node.get("c")
        if kind == "Str":
            return self._str(content)
        if kind in ("Space", "SoftBreak"):
            return [" "]
        if kind == "LineBreak":
            return ["\\\n"]
        if kind == "Emph":
            return self._wrapped(content, "*")
        if kind == "Strong":
            return self._wrapped(content, "**")
        if kind in ("Underline", "SmallCaps", "Span"):
            return [self.inlines(content[-1] if kind == "Span" else content)]
        if kind == "Strikeout":
            self.warn("struck-through text is kept without the strike-through", once="strike")
            return [self.inlines(content)]
        if kind in ("Superscript", "Subscript"):
            text = stringify(content)
            role = "sup" if kind == "Superscript" else "sub"
            if text and re.fullmatch(r"[\w .,+\-()'’]+", text) and text == text.strip():
                return [f"{{{role}}}`{text}`"]
            return [self.inlines(content)]
        if kind == "Quoted":
            single = content[0].get("t") == "SingleQuote"
            opening, closing = ("‘", "’") if single else ("“", "”")
            return [opening + self.inlines(content[1]) + closing]
        if kind == "Cite":
            return [self.inlines(content[1])]
        if kind == "Code":
            return [code_span(content[1])]
        if kind == "Math":
            self.warn(
                f"an equation is kept as its TeX source {content[1]!r} in code; "
                "check it and write it as {math}`...` if it is right",
            )
            return [code_span(content[1])]
        if kind == "RawInline":
            self.warn(f"raw {content[0]} content {content[1][:40]!r} is left out", once="raw")
            return []
        if kind == "Link":
            return self._link(content)
        if kind == "Image":
            return self._image(content)
        if kind == "Note":
            return [self._note(content)]
        return [self.inlines(content)] if isinstance(content, list) else []

    def _link(self, content: list[Any]) -> list[str]:
        text = self.inlines(content[1])
        url = str(content[2][0]).strip()
        if url.startswith("#") or not url:
            return [text]
        if not _SAFE_URL.match(url):
            self.warn(
                f"link to {url[:60]!r} removed (only http, https and mailto links "
                "are kept); its text stays"
            )
            return [text]
        safe = re.sub(r"[\s<>\\]", lambda m: f"%{ord(m[0]):02X}", url)
        return [f"[{text or escape_inline(url)}](<{safe}>)"]

    def _image(self, content: list[Any]) -> list[str]:
        path = str(content[2][0])
        target = self.image(path)
        alt = stringify(content[1]) or self.alt_text(path)
        alt = escape_inline(alt).replace("\n", " ")
        if target is None:
            return [f"\\[image: {alt}\\]" if alt else ""]
        if not alt:
            self.warn(
                f"the image {posixpath.basename(target)} has no description (alt text) in "
                "Word; write what it shows between the brackets of its ![](...) in index.md, "
                "or the build will refuse the paper"
            )
        return [f"![{alt}](<{target}>)"]

    def _note(self, blocks: list[Node]) -> str:
        blocks = [dict(block) for block in blocks]
        kind, number = "note", None
        if blocks and blocks[0].get("t") in ("Para", "Plain") and blocks[0]["c"]:
            first = blocks[0]["c"]
            if first[0].get("t") == "Str":
                match = _NOTE_MARK.match(first[0]["c"])
                if match:
                    kind = "footnote" if match[1] == "F" else "endnote"
                    number = int(match[2])
                    rest = first[0]["c"][match.end() :]
                    first = ([{"t": "Str", "c": rest}] if rest else []) + first[1:]
                    while first and first[0].get("t") in ("Space", "SoftBreak"):
                        first = first[1:]
                    blocks[0] = {"t": blocks[0]["t"], "c": first}
        if number is None:
            self._unmarked += 1
            label = f"note-{self._unmarked}"
            self.warn(f"a note whose number Word does not show was given the label [^{label}]")
        elif kind == "endnote" and self.both_kinds:
            label = f"endnote-{number}"
        else:
            label = str(number)
        outer = self._in_note
        self._in_note = True
        try:
            lines = self.blocks(blocks)
        finally:
            self._in_note = outer
        self.notes.append(Note(label, kind, number, lines))
        return f"[^{label}]"

    # -- blocks -------------------------------------------------------------

    def blocks(self, nodes: Sequence[Node]) -> list[str]:
        out: list[str] = []
        for node in nodes:
            lines = self.block(node)
            if not lines:
                continue
            if out:
                out.append("")
            out.extend(lines)
        return out

    def paragraph(self, inlines: Sequence[Node]) -> list[str]:
        text = self.inlines(inlines).strip()
        if not text:
            return []
        return [escape_line_start(line.strip()) for line in text.split("\n")]

    def block(self, node: Node) -> list[str]:
        kind = node.get("t")
        content: Any = node.get("c")
        if kind in ("Para", "Plain"):
            return self.paragraph(content)
        if kind == "Header":
            return self.header(content[0], content[2])
        if kind == "BlockQuote":
            return [f"> {line}" if line else ">" for line in self.blocks(content)]
        if kind == "BulletList":
            return self.listing(["-"] * len(content), content)
        if kind == "OrderedList":
            start = int(content[0][0])
            if content[0][1].get("t") not in ("Decimal", "DefaultStyle", "Example"):
                self.warn(
                    "a list numbered with letters or roman numerals is numbered 1, 2, 3", once="ol"
                )
            marks = [f"{start + i}." for i in range(len(content[1]))]
            return self.listing(marks, content[1])
        if kind == "DefinitionList":
            out: list[str] = []
            for term, definitions in content:
                if out:
                    out.append("")
                out.extend(self.paragraph([{"t": "Strong", "c": term}]))
                for definition in definitions:
                    out.append("")
                    out.extend(self.blocks(definition))
            return out
        if kind == "LineBlock":
            joined: list[Node] = []
            for line in content:
                if joined:
                    joined.append({"t": "LineBreak"})
                joined.extend(line)
            return self.paragraph(joined)
        if kind == "CodeBlock":
            text = content[1]
            runs = [len(run) for run in re.findall(r"^\s*(`{3,}|~{3,})", text, re.M)]
            fence = "`" * max(3, max(runs, default=0) + 1)
            return [fence, *text.split("\n"), fence]
        if kind == "RawBlock":
            self.warn(f"raw {content[0]} content is left out", once="raw")
            return []
        if kind == "HorizontalRule":
            self.warn("a horizontal rule is left out", once="hr")
            return []
        if kind == "Table":
            return self.table(content)
        if kind == "Figure":
            lines = self.blocks(content[2])
            caption = self.blocks(content[1][1])
            return lines + (["", *caption] if caption else [])
        if kind == "Div":
            return self.blocks(content[1])
        return []

    def header(self, level: int, inlines: Sequence[Node]) -> list[str]:
        text = " ".join(self.inlines(inlines).replace("\\\n", " ").split())
        if not text:
            return []
        if _HAND_BIBLIOGRAPHY.match(stringify(inlines).strip(" .:")):
            self.warn(
                f"the section {stringify(inlines)!r} looks like a bibliography "
                "typed by hand; it is kept "
                "as text: put its works into references.bib (Works Cited is "
                "generated) and delete the section"
            )
        if text.endswith("#"):
            text = text[:-1] + "\\#"
        depth = max(2, min(6, level + self.heading_shift))
        return [f"{'#' * depth} {text}"]

    def listing(self, marks: Sequence[str], items: Sequence[Sequence[Node]]) -> list[str]:
        loose = any(block.get("t") == "Para" for item in items for block in item)
        out: list[str] = []
        for mark, item in zip(marks, items, strict=True):
            if out and loose:
                out.append("")
            lines = self.blocks(item)
            indent = " " * (len(mark) + 1)
            if not lines:
                out.append(mark)
                continue
            out.append(f"{mark} {lines[0]}" if lines[0] else mark)
            out.extend(f"{indent}{line}" if line else "" for line in lines[1:])
        return out

    def _cell(self, blocks: Sequence[Node]) -> str:
        texts = []
        for block in blocks:
            if block.get("t") in ("Para", "Plain"):
                texts.append(self.inlines(block["c"]).replace("\\\n", " "))
            else:
                if block.get("t") not in ("Div",):
                    self.warn(
                        "a table cell's lists or nested blocks are flattened to one line",
                        once="cell",
                    )
                texts.append(escape_inline(stringify([block])))
        return " ".join(" ".join(texts).split()) or " "

    def table(self, content: list[Any]) -> list[str]:
        _attr, caption, colspecs, head, bodies, foot = content
        rows: list[list[str]] = []
        header_rows = len(head[1])
        spans = False
        for row in [*head[1], *(r for body in bodies for r in [*body[2], *body[3]]), *foot[1]]:
            cells: list[str] = []
            for cell in row[1]:
                rowspan, colspan = int(cell[2]), int(cell[3])
                spans = spans or rowspan > 1 or colspan > 1
                cells.append(self._cell(cell[4]))
                cells.extend([" "] * (colspan - 1))
            rows.append(cells)
        if spans:
            self.warn(
                "merged table cells are split; the merged text stays in the first cell", once="span"
            )
        if not rows:
            return []
        width = max(len(colspecs), *(len(row) for row in rows))
        rows = [row + [" "] * (width - len(row)) for row in rows]
        if header_rows > 1:
            self.warn(
                "a table with several header rows keeps only the first as its header", once="heads"
            )
        out = ["| " + " | ".join(rows[0]) + " |"]
        out.append("|" + "|".join(["---"] * width) + "|")
        out.extend("| " + " | ".join(row) + " |" for row in rows[1:])
        caption_lines = self.blocks(caption[1])
        return ([*caption_lines, ""] if caption_lines else []) + out

    # -- notes --------------------------------------------------------------

    def definitions(self) -> list[str]:
        out: list[str] = []
        for note in self.notes:
            if out:
                out.append("")
            lines = note.lines or [""]
            out.append(f"[^{note.label}]: {lines[0]}".rstrip())
            out.extend(f"    {line}" if line else "" for line in lines[1:])
        return out

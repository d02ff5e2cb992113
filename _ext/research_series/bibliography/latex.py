"""Turn BibTeX field values (LaTeX) into pybtex rich text.

latexcodec decodes accents, special letters, dashes and ties; pybtex's own
``Text.from_latex`` would then keep braces as ``Protected`` spans and leave
unknown commands such as ``\\emph`` or ``\\mkbibquote`` in the output.  The
series never changes the case of a title, so braces carry no meaning here and
are dropped; the few formatting commands that matter become ``Tag``/``HRef``
parts, and any other command is dropped while its argument is kept.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, cast

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.richtext import BaseText, HRef, String, Tag, Text

from .bibstrings import bibstring

__all__ = ["latex_to_str", "latex_to_text", "resolve_part_strings", "strip_url"]

_TOKEN = re.compile(r"\\([A-Za-z@]+)\s*|\\(.)|([{}$])|([^\\{}$]+)", re.DOTALL)

# Commands whose single argument is shown emphasised, bold or quoted.
_EMPHASIS = frozenset({"emph", "textit", "textsl", "mkbibemph"})
_BOLD = frozenset({"textbf", "mkbibbold"})
# Declarations that switch style for the rest of the group: ``{\em text}``.
_DECLARATIONS = {"em": "em", "it": "em", "itshape": "em", "sl": "em", "slshape": "em"}
_DECLARATIONS |= {"bf": "strong", "bfseries": "strong"}
_QUOTE = frozenset({"mkbibquote", "enquote", "mkbibquotes"})
# Commands whose argument is dropped entirely (sorting tricks, index entries).
_DROP_ARGUMENT = frozenset({"noopsort", "noop", "index", "nocite", "sortname"})
# biblatex's localisation-string commands (``\\bibstring{reviewof}``).
_BIBSTRING_COMMANDS = frozenset(
    {"bibstring", "bibxstring", "biblstring", "bibsstring", "bibcpstring"}
)
# Commands that stand for a piece of text.
_WORDS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "dots": "…",
    "ldots": "…",
    "textellipsis": "…",
    "textquoteleft": "\u2018",
    "textquoteright": "\u2019",
    "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "hyphen": "-",
    "slash": "/",
    "space": " ",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "j": "\u0237",
    "i": "\u0131",
    "psq": " f.",
    "psqq": " ff.",
    "adddot": ".",
    "addcomma": ",",
    "addsemicolon": ";",
    "addcolon": ":",
    "addperiod": ".",
    "adddotspace": ". ",
    "addabbrvspace": " ",
    "nopunct": "\ufeff",  # punct.NO_PUNCT
    "bibrangedash": "\u2013",
    "addspace": " ",
    "addnbspace": "\u00a0",
    "onethird": "\u2153",  # biblatex-chicago's documentation macro
}
# biblatex-chicago's \\partedit family, which names a contributor inside a field
# ("\\partedit Martin M. Crow"): "ed." in a full note, "edited by" elsewhere,
# capitalised at the start of a sentence.  The parser leaves a marker that
# ``resolve_part_strings`` turns into the words once the form is known.
_PART_STRINGS = {
    "partedit": ("ed.", "edited by"),
    "parttrans": ("trans.", "translated by"),
    "partcomp": ("comp.", "compiled by"),
    "parteditandtrans": ("ed. and trans.", "edited and translated by"),
    "parteditandcomp": ("ed. and comp.", "edited and compiled by"),
    "parttransandcomp": ("trans. and comp.", "translated and compiled by"),
    "partedittransandcomp": ("ed., trans., and comp.", "edited, translated, and compiled by"),
}
_PART_MARKERS = {chr(0xE100 + index): words for index, words in enumerate(_PART_STRINGS.values())}
_PART_COMMANDS = dict(zip(_PART_STRINGS, _PART_MARKERS, strict=True))
_PART_MARKER = re.compile(f"[{''.join(_PART_MARKERS)}]")
# Control symbols (backslash + one non-letter).
_SYMBOLS = {
    "\\": " ",
    " ": " ",
    ",": "\u2009",
    ";": " ",
    "-": "",
    "/": "",
    "@": "",
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
}
# Accents that latexcodec leaves alone when the argument is braced oddly.
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "d": "\u0323",
    "b": "\u0331",
    "k": "\u0328",
    "r": "\u030a",
    "t": "\u0361",
}
_DOTLESS = str.maketrans({"\u0131": "i", "\u0237": "j"})


def _tokens(value: str) -> Iterator[tuple[str, str]]:
    """Split decoded LaTeX into (kind, text) tokens: word, symbol, brace or text."""
    for match in _TOKEN.finditer(value):
        word, symbol, special, text = match.groups()
        if word is not None:
            yield "word", word
        elif symbol is not None:
            yield "symbol", symbol
        elif special is not None:
            yield special, special
        else:
            yield "text", text


class _Parser:
    """A tiny recursive-descent reader over the token stream."""

    def __init__(self, value: str) -> None:
        self.tokens = list(_tokens(value))
        self.pos = 0

    def parse(self, closing: str | None = None) -> list[BaseText]:
        parts: list[BaseText] = []
        while self.pos < len(self.tokens):
            kind, text = self.tokens[self.pos]
            self.pos += 1
            if kind == closing:
                break
            if kind == "word" and text in _DECLARATIONS:
                parts.append(Tag(_DECLARATIONS[text], *self.parse(closing)))
                break
            parts.extend(self._token(kind, text))
        return parts

    def argument(self) -> list[BaseText]:
        """Read one macro argument: a braced group or a single token."""
        if self.pos >= len(self.tokens):
            return []
        kind, text = self.tokens[self.pos]
        self.pos += 1
        if kind == "{":
            return self.parse("}")
        if kind == "text":
            # An undelimited argument is one character; the rest stays text.
            rest = text[1:]
            if rest:
                self.pos -= 1
                self.tokens[self.pos] = ("text", rest)
            return [String(text[0])]
        return self._token(kind, text)

    def _token(self, kind: str, text: str) -> list[BaseText]:
        if kind == "text":
            return [String(text)]
        if kind == "{":
            return self.parse("}")
        if kind == "$":
            return self.parse("$")
        if kind == "word":
            return self._word(text)
        if kind == "symbol":
            return self._symbol(text)
        return []  # a stray closing brace

    def _word(self, name: str) -> list[BaseText]:
        if name in _WORDS:
            return [String(_WORDS[name])]
        if name in _ACCENTS:
            return [_accent(name, self.argument())]
        if name in _EMPHASIS:
            return [Tag("em", *self.argument())]
        if name in _BOLD:
            return [Tag("strong", *self.argument())]
        if name in _QUOTE:
            inside = self.argument()
            return [String("\u201c"), *inside, *self._punctuation_inside(), String("\u201d")]
        if name == "mkbibparens":
            return [String("("), *self.argument(), String(")")]
        if name == "mkbibbrackets":
            return [String("["), *self.argument(), String("]")]
        if name == "url":
            url = str(Text(*self.argument()))
            return [HRef(url, url)]
        if name == "href":
            url = str(Text(*self.argument()))
            return [HRef(url, *self.argument())]
        if name in _BIBSTRING_COMMANDS:
            key = str(Text(*self.argument()))
            return [String(bibstring(key) or key)]
        if name in _PART_COMMANDS:
            return [String(_PART_COMMANDS[name])]
        if name in _DROP_ARGUMENT:
            self.argument()
        return []  # unknown command: drop it, its argument (if any) follows as text

    def _punctuation_inside(self) -> list[BaseText]:
        """A comma or period right after a quotation goes inside it (CMOS 6.9)."""
        if self.pos < len(self.tokens):
            kind, text = self.tokens[self.pos]
            if kind == "text" and text[:1] in ",.":
                self.tokens[self.pos] = ("text", text[1:])
                return [String(text[0])]
        return []

    def _symbol(self, char: str) -> list[BaseText]:
        if char in _ACCENTS:
            return [_accent(char, self.argument())]
        return [String(_SYMBOLS.get(char, char))]


def _accent(name: str, argument: list[BaseText]) -> String:
    """Apply an accent that latexcodec did not resolve (e.g. ``{\\"{\\i}}``)."""
    base = str(Text(*argument)).translate(_DOTLESS)
    if not base:
        return String("")
    return String(unicodedata.normalize("NFC", base[0] + _ACCENTS[name] + base[1:]))


#: Characters that can start LaTeX markup; a value with none of them is plain text.
_LATEX_MARKUP = frozenset("\\{}~$^_`'-!?<>\"%&#")


_CONTROL_SPACE = re.compile(r"(?<!\\)\\ ")
# latexcodec turns ``\textbackslash{}`` into a bare backslash and ``\textasciicircum{}``
# into ``^``, which the parser would then read as a command or an accent ("{input"
# for ``\textbackslash{}input``): both are set aside as private-use characters before
# decoding and put back as the text they stand for.
_KEPT = {"textbackslash": "\ue0f0", "textasciicircum": "\ue0f1"}
_KEPT_TEXT = {"\ue0f0": "\\", "\ue0f1": "^"}
_KEPT_COMMAND = re.compile(r"\\(textbackslash|textasciicircum)(?:\{\}|(?![A-Za-z])[ \t]*)")
_KEPT_CHAR = re.compile("[\ue0f0\ue0f1]")


def _decode(value: str) -> str:
    if _LATEX_MARKUP.isdisjoint(value):  # most values: skip latexcodec's tokenizer
        return value
    # ``33\onethird\ rpm``: a control space must survive the command before it.
    value = _CONTROL_SPACE.sub(r"\\space{}", value)
    value = _KEPT_COMMAND.sub(lambda match: _KEPT[match[1]], value)
    try:
        decoded: str = cast(Any, codecs).decode(value, "ulatex")
    except Exception:  # any input at all must render; keep it as written
        return value
    return decoded


@lru_cache(maxsize=8192)
def latex_to_text(value: str) -> Text:
    """Decode a LaTeX field value to rich text (cached: fields repeat a lot).

    The result is shared between callers; pybtex rich text is never changed in
    place, so this is safe.
    """
    text = Text(*_Parser(_decode(value)).parse())
    if _KEPT_CHAR.search(str(text)):
        return Text(
            _map_strings(text, lambda part: _KEPT_CHAR.sub(lambda m: _KEPT_TEXT[m[0]], part))
        )
    return text


@lru_cache(maxsize=8192)
def latex_to_str(value: str) -> str:
    """Decode a LaTeX field value to plain Unicode text (contributor phrases as in
    a bibliography, for sorting and comparing)."""
    return str(resolve_part_strings(latex_to_text(value), note=False))


def resolve_part_strings(text: BaseText, note: bool) -> BaseText:
    """``text`` with each \\partedit-style marker as the words of its form: the
    full note's abbreviation, else the bibliography's phrase, capitalised where a
    sentence begins (after a period, or at the very start)."""
    if not _PART_MARKER.search(str(text)):
        return text
    before = ""

    def words(value: str) -> str:
        nonlocal before
        pieces: list[str] = []
        for piece in re.split(f"({_PART_MARKER.pattern})", value):
            if piece in _PART_MARKERS:
                phrase = _PART_MARKERS[piece][0 if note else 1] + " "
                done = (before + "".join(pieces)).rstrip()
                if not done or done.endswith((".", "?", "!")):
                    phrase = phrase[:1].upper() + phrase[1:]
                piece = phrase
            pieces.append(piece)
        before += "".join(pieces)
        return "".join(pieces)

    return _map_strings(text, words)


def _map_strings(text: BaseText, function: Callable[[str], str]) -> BaseText:
    """Apply ``function`` to every plain string of ``text``, first to last."""
    if isinstance(text, String):
        return String(function(str(text)))
    parts = getattr(text, "parts", None)
    if parts is None:
        return text
    similar: BaseText = text._create_similar([_map_strings(part, function) for part in parts])
    return similar


_URL_ESCAPE = re.compile(r"\\([_%#&~$])")


def strip_url(value: str) -> str:
    """Clean a url/doi field: no LaTeX decoding (``--`` and ``~`` are literal there)."""
    value = value.strip()
    match = re.fullmatch(r"\\(?:url|href)\s*\{(.*?)\}.*", value, re.DOTALL)
    if match:
        value = match.group(1)
    value = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", "", _URL_ESCAPE.sub(r"\1", value))

"""Right-to-left scripts in the PDF: Arabic, Persian and Hebrew shaped, joined, in order.

XeTeX shapes a run with a font that declares its script, and sets it right to
left between ``\\beginR`` and ``\\endR`` (TeX--XeT, on in ``researchseries.sty``);
``\\researchrtl{lang}{text}`` does both with the series' font for the language.
Korean, Japanese and Chinese are set by xeCJK (see the ``.sty``);
``\\researchcjk{lang}{text}`` only chooses the Noto CJK font of the language, so
Japanese and Chinese take their own forms of the characters they share with
Korean. ``\\researchlang{ru}{text}`` hyphenates Russian, Ukrainian, Belarusian,
Bulgarian and Greek with their own patterns (the ones TeX Live's Cyrillic and
Greek packages put in the format), both around a run of their script and around
a cited work in that language (its ``.bib`` ``langid``). Other languages keep
English hyphenation. The same wrapping serves the running head, which is written
from strings rather than nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import texescape

from ..model.scripts import primary, script_runs

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.writers.latex import LaTeXTranslator


#: The languages whose hyphenation patterns the PDF follows (``\\researchlang``;
#: ``researchseries.sty`` names each one's patterns).
HYPHENATED = ("ru", "uk", "be", "bg", "el")
#: The macro of ``researchseries.sty`` around a run in each language.
MACRO = (
    {"ar": "researchrtl", "fa": "researchrtl", "he": "researchrtl"}
    | {lang: "researchcjk" for lang in ("ko", "ja", "zh")}
    | {lang: "researchlang" for lang in HYPHENATED}
)


def visit_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    lang = primary(node["lang"]) or ""
    macro = MACRO.get(lang)
    if macro:
        translator.body.append(f"\\{macro}{{{lang}}}{{")


def depart_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    if primary(node["lang"]) in MACRO:
        translator.body.append("}")


def visit_work_language(translator: LaTeXTranslator, node: nodes.Element) -> None:
    lang = primary(node["lang"]) or ""
    if lang in HYPHENATED:
        translator.body.append(f"\\researchlang{{{lang}}}{{")


def depart_work_language(translator: LaTeXTranslator, node: nodes.Element) -> None:
    if primary(node["lang"]) in HYPHENATED:
        translator.body.append("}")


def escape_with_scripts(text: str, engine: str) -> str:
    """*text* escaped for TeX, each run of another script in its macro."""
    parts = []
    for run in script_runs(text):
        escaped = texescape.escape(run.text, engine)
        macro = MACRO.get(run.lang or "")
        parts.append(f"\\{macro}{{{run.lang}}}{{{escaped}}}" if macro else escaped)
    return "".join(parts)

"""Right-to-left scripts in the PDF: Arabic, Persian and Hebrew shaped, joined, in order.

XeTeX shapes a run with a font that declares its script, and sets it right to
left between ``\\beginR`` and ``\\endR`` (TeX--XeT, on in ``researchseries.sty``);
``\\researchrtl{lang}{text}`` does both with the series' font for the language.
Korean, Japanese and Chinese are set by xeCJK (see the ``.sty``);
``\\researchcjk{lang}{text}`` only chooses the Noto CJK font of the language, so
Japanese and Chinese take their own forms of the characters they share with
Korean. The same wrapping serves the running head, which is written from
strings rather than nodes.

A cited work in Russian, Ukrainian, Belarusian, Bulgarian or Greek (its ``.bib``
``langid``) is set in that language (``\\researchlanguage``: polyglossia's
``\\foreignlanguage``),
so that it is hyphenated by its own patterns (the languages TeX Live's
Cyrillic and Greek packages bring); :mod:`.passes` declares the languages a
paper uses. Other languages keep English hyphenation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import texescape

from ..model.scripts import primary, script_runs

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.writers.latex import LaTeXTranslator


#: The macro of ``researchseries.sty`` around a run in each language.
MACRO = {"ar": "researchrtl", "fa": "researchrtl", "he": "researchrtl"} | {
    lang: "researchcjk" for lang in ("ko", "ja", "zh")
}


#: polyglossia's name for each language whose hyphenation the PDF follows.
POLYGLOSSIA = {
    "ru": "russian",
    "uk": "ukrainian",
    "be": "belarusian",
    "bg": "bulgarian",
    "el": "greek",
}


def visit_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    lang = primary(node["lang"]) or ""
    macro = MACRO.get(lang)
    if macro:
        translator.body.append(f"\\{macro}{{{lang}}}{{")


def depart_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    if primary(node["lang"]) in MACRO:
        translator.body.append("}")


def visit_work_language(translator: LaTeXTranslator, node: nodes.Element) -> None:
    name = POLYGLOSSIA.get(primary(node["lang"]) or "")
    if name:
        translator.body.append(f"\\researchlanguage{{{name}}}{{")


def depart_work_language(translator: LaTeXTranslator, node: nodes.Element) -> None:
    if primary(node["lang"]) in POLYGLOSSIA:
        translator.body.append("}")


def escape_with_scripts(text: str, engine: str) -> str:
    """*text* escaped for TeX, each run of another script in its macro."""
    parts = []
    for run in script_runs(text):
        escaped = texescape.escape(run.text, engine)
        macro = MACRO.get(run.lang or "")
        parts.append(f"\\{macro}{{{run.lang}}}{{{escaped}}}" if macro else escaped)
    return "".join(parts)

"""Right-to-left scripts in the PDF: Arabic, Persian and Hebrew shaped, joined, in order.

XeTeX shapes a run with a font that declares its script, and sets it right to
left between ``\\beginR`` and ``\\endR`` (TeX--XeT, on in ``researchseries.sty``);
``\\researchrtl{lang}{text}`` does both with the series' font for the language.
Korean, Japanese and Chinese are set by xeCJK (see the ``.sty``);
``\\researchcjk{lang}{text}`` only chooses the Noto CJK font of the language, so
Japanese and Chinese take their own forms of the characters they share with
Korean. ``\\researchlang{ru|el}{text}`` sets Russian and Greek with their own
hyphenation patterns (polyglossia). The same wrapping serves the running head,
which is written from strings rather than nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import texescape

from ..model.scripts import script_runs

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.writers.latex import LaTeXTranslator


#: The macro of ``researchseries.sty`` around a run in each language; Russian and
#: Greek (``researchlang``) take their own hyphenation patterns.
MACRO = (
    {"ar": "researchrtl", "fa": "researchrtl", "he": "researchrtl"}
    | {lang: "researchcjk" for lang in ("ko", "ja", "zh")}
    | {"ru": "researchlang", "el": "researchlang"}
)


def visit_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    macro = MACRO.get(node["lang"])
    if macro:
        translator.body.append(f"\\{macro}{{{node['lang']}}}{{")


def depart_script_run(translator: LaTeXTranslator, node: nodes.Element) -> None:
    if node["lang"] in MACRO:
        translator.body.append("}")


def escape_with_scripts(text: str, engine: str) -> str:
    """*text* escaped for TeX, each run of another script in its macro."""
    parts = []
    for run in script_runs(text):
        escaped = texescape.escape(run.text, engine)
        macro = MACRO.get(run.lang or "")
        parts.append(f"\\{macro}{{{run.lang}}}{{{escaped}}}" if macro else escaped)
    return "".join(parts)

"""Which language a stretch of text is in, as far as its writing system tells.

Papers of the series are in English and quote Korean, Japanese, Chinese,
Russian, Greek, Arabic, Persian and Hebrew. A browser or screen reader needs
the language of each quotation (``lang``) to choose glyphs and a voice, and
right-to-left scripts need their direction; the PDF needs the direction and a
font that shapes the script. :func:`script_runs` splits a text into runs of
one script, each with the language its letters imply.

A run takes the spaces and punctuation between its letters (a Korean phrase is
one run, word spaces included); spaces and punctuation at its ends stay
outside. Han characters beside kana are Japanese, beside Hangul Korean, alone
Chinese; Arabic letters with a Persian-only letter (پ چ ژ گ ک ی) are Persian.
Where the language is known otherwise (a work's ``langid`` in the ``.bib``), a
run in that language's script takes it: Han in a Japanese title is Japanese.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

#: Languages written right to left.
RTL = frozenset({"ar", "fa", "he"})

# The first word of a character's Unicode name, for the scripts the series quotes.
_SCRIPT_OF_NAME = {
    "HANGUL": "Hang",
    "HIRAGANA": "Kana",
    "KATAKANA": "Kana",
    "CJK": "Hani",
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "ARABIC": "Arab",
    "HEBREW": "Hebr",
}
_PERSIAN_LETTERS = frozenset("پچژگکی")
# Characters that belong to no script but may sit inside a run (between its letters).
_NEUTRAL_CATEGORIES = ("Z", "P", "N", "S", "M")


@dataclass(frozen=True)
class Run:
    """A stretch of *text*; *lang* is ``None`` for Latin and script-neutral text."""

    text: str
    lang: str | None = None

    @property
    def rtl(self) -> bool:
        return primary(self.lang) in RTL


def primary(lang: str | None) -> str | None:
    """The primary subtag of a BCP 47 tag: ``zh`` for ``zh-Hant``."""
    return lang.split("-")[0].lower() if lang else None


#: The script family of each language a run may be known to be in.
_FAMILY_OF_LANGUAGE = {
    **dict.fromkeys(("ko", "ja", "zh"), "CJK"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "mn"), "Cyrl"),
    "el": "Grek",
    "ar": "Arab",
    "fa": "Arab",
    "he": "Hebr",
}


@lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    """The script of one character (``"Hang"``, ``"Arab"``...), ``None`` for others."""
    if char.isascii():
        return None
    if "\u3000" <= char <= "\u303f":  # CJK punctuation: 「」、。
        return "Hani"
    name = unicodedata.name(char, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH")):
        return "Hani"
    if name.startswith("CJK"):
        return None
    script = _SCRIPT_OF_NAME.get(name.split(" ", 1)[0])
    if script is None and name.startswith("HALFWIDTH KATAKANA"):
        return "Kana"
    return script


def _language(scripts: set[str], text: str) -> str:
    if "Hang" in scripts:
        return "ko"
    if "Kana" in scripts:
        return "ja"
    if "Hani" in scripts:
        return "zh"
    if "Arab" in scripts:
        return "fa" if _PERSIAN_LETTERS & set(text) else "ar"
    return {"Cyrl": "ru", "Grek": "el", "Hebr": "he"}[next(iter(scripts))]


def _family(script: str) -> str:
    """Scripts that write one language together: Han with Hangul or kana."""
    return "CJK" if script in {"Hang", "Kana", "Hani"} else script


def _is_neutral(char: str) -> bool:
    return unicodedata.category(char).startswith(_NEUTRAL_CATEGORIES) or (
        char.isascii() and (not char.isalpha())
    )


def script_runs(text: str, within: str | None = None) -> list[Run]:
    """*text* as runs: Latin and neutral text with ``lang=None``, other scripts tagged.

    *within*: the language the text is known to be in; a run in its script takes it.
    """
    known_family = _FAMILY_OF_LANGUAGE.get(primary(within) or "")
    if text.isascii():
        return [Run(text)]
    runs: list[Run] = []
    plain_start = 0
    i = 0
    while i < len(text):
        script = script_of(text[i])
        if script is None:
            i += 1
            continue
        family = _family(script)
        scripts = {script}
        end = i + 1
        j = end
        # Extend over neutral characters while the same family follows.
        while j < len(text):
            other = script_of(text[j])
            if other is not None and _family(other) == family:
                scripts.add(other)
                j += 1
                end = j
            elif other is None and _is_neutral(text[j]):
                j += 1
            else:
                break
        if plain_start < i:
            runs.append(Run(text[plain_start:i]))
        lang = within if family == known_family else _language(scripts, text[i:end])
        runs.append(Run(text[i:end], lang))
        plain_start = i = end
    if plain_start < len(text):
        runs.append(Run(text[plain_start:]))
    return runs


def transliterate(text: str) -> str:
    """*text* in ASCII letters (anyascii): ``Đ`` → ``D``, ``Москва`` → ``Moskva``.

    A Han, Hangul or kana character stands for a syllable; each is set off by
    spaces so that ``김민준`` reads ``Gim Min Jun``, not ``GimMinJun``.
    """
    parts = []
    for char in text:
        if char.isascii():
            parts.append(char)
        elif script_of(char) in {"Hani", "Hang", "Kana"}:
            parts.append(f" {anyascii(char)} ")
        else:
            parts.append(anyascii(char))
    return "".join(parts)

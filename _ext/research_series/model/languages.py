"""The language a work is written in, from its ``.bib`` entry, as a BCP 47 tag.

biblatex names a work's language in ``langid`` (for hyphenation) or
``language`` (printed), with babel's and polyglossia's names: ``russian``,
``japanese``, ``ngerman``. A browser, a screen reader and the PDF need the
language of a Japanese title to choose its glyphs (the same Han characters
look different in Chinese), its voice and its hyphenation; the script alone
cannot tell Japanese Han from Chinese. :func:`language_tag` turns either
spelling, or a BCP 47 tag written directly (``ja``, ``zh-Hant``), into a tag.
"""

from __future__ import annotations

import re

#: biblatex, babel and polyglossia language names, and the BCP 47 tag of each.
LANGUAGE_TAGS: dict[str, str] = {
    # English
    "english": "en",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "australian": "en-AU",
    "canadian": "en-CA",
    "newzealand": "en-NZ",
    # Cyrillic
    "russian": "ru",
    "ukrainian": "uk",
    "belarusian": "be",
    "bulgarian": "bg",
    "serbian": "sr",
    "macedonian": "mk",
    "kazakh": "kk",
    "mongolian": "mn",
    # East Asian
    "korean": "ko",
    "japanese": "ja",
    "chinese": "zh",
    "schinese": "zh-Hans",
    "simplifiedchinese": "zh-Hans",
    "tchinese": "zh-Hant",
    "traditionalchinese": "zh-Hant",
    # Right to left
    "arabic": "ar",
    "farsi": "fa",
    "persian": "fa",
    "hebrew": "he",
    "urdu": "ur",
    # Greek and the rest of Europe
    "greek": "el",
    "french": "fr",
    "german": "de",
    "ngerman": "de",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "spanish": "es",
    "catalan": "ca",
    "italian": "it",
    "portuguese": "pt",
    "portuges": "pt",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "dutch": "nl",
    "swedish": "sv",
    "norwegian": "nb",
    "norsk": "nb",
    "nynorsk": "nn",
    "danish": "da",
    "finnish": "fi",
    "icelandic": "is",
    "polish": "pl",
    "czech": "cs",
    "slovak": "sk",
    "slovene": "sl",
    "slovenian": "sl",
    "croatian": "hr",
    "bosnian": "bs",
    "hungarian": "hu",
    "magyar": "hu",
    "romanian": "ro",
    "lithuanian": "lt",
    "latvian": "lv",
    "estonian": "et",
    "albanian": "sq",
    "turkish": "tr",
    "georgian": "ka",
    "armenian": "hy",
    "latin": "la",
    # South and Southeast Asia
    "hindi": "hi",
    "bengali": "bn",
    "thai": "th",
    "vietnamese": "vi",
    "indonesian": "id",
    "bahasai": "id",
    "malay": "ms",
    "bahasam": "ms",
}

#: The primary language subtags of :data:`LANGUAGE_TAGS`: a tag written directly must
#: start with one of them (``ja``, ``zh-Hant``, ``pt-BR``).
_PRIMARY = frozenset(tag.split("-")[0] for tag in LANGUAGE_TAGS.values())
_TAG = re.compile(r"([a-z]{2,3})(-[a-z0-9]{2,8})*", re.IGNORECASE)


def language_tag(value: str) -> str | None:
    """The BCP 47 tag of a ``langid`` or ``language`` value; ``None`` if unknown.

    Case and braces do not matter; biblatex's localisation keys (``langjapanese``)
    are read as the language they name.
    """
    name = re.sub(r"[{}\s]", "", value).lower()
    if name in LANGUAGE_TAGS:
        return LANGUAGE_TAGS[name]
    if name.startswith("lang") and name[4:] in LANGUAGE_TAGS:
        return LANGUAGE_TAGS[name[4:]]
    if _TAG.fullmatch(name) and name.split("-")[0] in _PRIMARY:
        primary, *rest = value.strip("{} ").split("-")
        return "-".join([primary.lower(), *rest])
    return None


def same_language(tag: str, other: str) -> bool:
    """Whether two tags name one language (``en-GB`` and ``en``)."""
    return tag.split("-")[0].lower() == other.split("-")[0].lower()

"""CSL-JSON items (what Zotero and Mendeley store in a citation field) as biblatex entries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# CSL item type -> biblatex entry type (the types the series' bibliography reads).
ENTRY_TYPES = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "periodical": "periodical",
    "book": "book",
    "classic": "book",
    "collection": "collection",
    "chapter": "incollection",
    "entry": "inreference",
    "entry-dictionary": "inreference",
    "entry-encyclopedia": "inreference",
    "paper-conference": "inproceedings",
    "event": "misc",
    "report": "report",
    "thesis": "thesis",
    "manuscript": "unpublished",
    "speech": "unpublished",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "legislation": "misc",
    "legal_case": "misc",
    "bill": "misc",
    "treaty": "misc",
    "regulation": "misc",
    "standard": "report",
    "interview": "misc",
    "personal_communication": "misc",
    "map": "misc",
    "motion_picture": "misc",
    "broadcast": "misc",
    "graphic": "misc",
    "song": "misc",
    "document": "misc",
}

# CSL variable -> biblatex field, for plain strings.
_STRING_FIELDS = {
    "title": "title",
    "volume": "volume",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "location",
    "collection-title": "series",
    "collection-number": "number",
    "ISBN": "isbn",
    "ISSN": "issn",
    "language": "langid",
    "note": "note",
    "genre": "type",
    "number-of-pages": "pagetotal",
    "version": "version",
}
_CONTAINER = {
    "article": "journaltitle",
    "periodical": "title",
    "incollection": "booktitle",
    "inreference": "booktitle",
    "inproceedings": "booktitle",
    "online": "organization",
}
_NAME_ROLES = {"author": "author", "editor": "editor", "translator": "translator"}
#: Words for a date that is not one, as biblatex's publication states.
_PUBSTATES = {
    "forthcoming": "forthcoming",
    "in press": "inpress",
    "n.d": "nodate",
    "no date": "nodate",
}
#: CSL variables that hold text (a list or an object there is kept as written, and said).
_TEXT_VARIABLES = {*_STRING_FIELDS, "container-title", "issue", "number", "page", "DOI", "URL"}
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")


def ascii_digits(text: str) -> str:
    """*text* with every decimal digit (Arabic-Indic, Devanagari, full-width...) as 0-9."""
    return "".join(
        str(digit) if (digit := unicodedata.decimal(char, None)) is not None else char
        for char in text
    )


@dataclass
class BibEntry:
    """One biblatex entry with its fields in writing order, and what could not be read."""

    type: str
    fields: dict[str, str] = field(default_factory=dict)
    csl_type: str = ""
    problems: list[str] = field(default_factory=list)


#: What no field may hold: C0 and C1 controls (white space is folded apart), the
#: non-characters, and U+FFFD, the mark of bytes that could not be read.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
#: A brace group Mendeley adds to keep case (``{NATO}``); not the ``{}`` ending a command.
_CASE_BRACES = re.compile(r"(\\[A-Za-z]+)?\{([^{}\\]*)\}")


def _unbrace(match: re.Match[str]) -> str:
    return match[0] if match[1] else match[2]


def _clean(value: Any) -> str:
    """A CSL string value as plain text: control characters, HTML-ish tags and Mendeley's
    case-keeping braces dropped; anything else, TeX included, kept exactly as written."""
    text = _CONTROL.sub("", str(value))
    text = re.sub(r"</?(i|b|sup|sub|sc|span)[^>]*>", "", text)
    previous = None
    while previous != text:
        previous, text = text, _CASE_BRACES.sub(_unbrace, text)
    return " ".join(text.split())


def tex_escape(text: str) -> str:
    """A value as BibTeX text: the LaTeX specials escaped, Unicode kept."""
    out = []
    for char in text:
        if char == "\\":
            out.append(r"\textbackslash{}")
        elif char in "&%$#_":
            out.append("\\" + char)
        elif char == "~":
            out.append(r"\textasciitilde{}")
        elif char == "^":
            out.append(r"\textasciicircum{}")
        elif char in "{}":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _names(people: Any) -> str:
    """CSL names -> ``Family, Given and {Organisation}``."""
    if not isinstance(people, list):
        return ""
    parts = []
    for person in people:
        if not isinstance(person, Mapping):
            continue
        family = _clean(person.get("family", ""))
        given = _clean(person.get("given", ""))
        particle = _clean(person.get("non-dropping-particle", ""))
        dropping = _clean(person.get("dropping-particle", ""))
        suffix = _clean(person.get("suffix", ""))
        literal = _clean(person.get("literal", ""))
        if not family and literal:
            parts.append("{" + tex_escape(literal) + "}")
            continue
        if not family and given:
            family, given = given, ""
        if not family:
            continue
        family = f"{particle} {family}".strip()
        given = f"{given} {dropping}".strip()
        pieces = [tex_escape(family)]
        if suffix:
            pieces.append(tex_escape(suffix))
        if given:
            pieces.append(tex_escape(given))
        parts.append(", ".join(pieces))
    return " and ".join(parts)


def _date_point(parts: Any) -> str:
    if not isinstance(parts, list) or not parts:
        return ""
    try:
        numbers = [int(ascii_digits(str(part))) for part in parts[:3] if str(part).strip()]
    except ValueError:
        return ""
    if not numbers or not 0 < numbers[0] < 10000:
        return ""
    text = f"{numbers[0]:04d}"
    for number in numbers[1:]:
        text += f"-{number:02d}"
    return text


def csl_date(value: Any) -> str:
    """A CSL date (``date-parts``, ``raw`` or ``literal``) as a biblatex ISO date or range."""
    if isinstance(value, Mapping):
        parts = value.get("date-parts")
        if isinstance(parts, list) and parts:
            points = [_date_point(point) for point in parts[:2]]
            points = [point for point in points if point]
            if len(points) == 2 and points[0] != points[1]:
                return f"{points[0]}/{points[1]}"
            if points:
                return points[0]
        for name in ("raw", "literal"):
            if isinstance(value.get(name), str):
                return csl_date(value[name])
        return ""
    if isinstance(value, str):
        text = ascii_digits(value.strip())
        if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
            return text
        match = _YEAR.search(text)
        return match[1] if match else ""
    if isinstance(value, int):
        return f"{value:04d}"
    return ""


def _pages(value: Any) -> str:
    text = _clean(value)
    return re.sub(r"\s*(?:-+|\u2013|\u2014)\s*", "--", text)


def to_entry(item: Mapping[str, Any]) -> BibEntry:
    """A CSL-JSON item as a biblatex entry of the matching type."""
    csl_type = str(item.get("type", "")).strip()
    entry_type = ENTRY_TYPES.get(csl_type, "misc")
    fields: dict[str, str] = {}
    problems = [
        f"its {name} is not text ({type(value).__name__}); it is kept as written"
        for name, value in item.items()
        if name in _TEXT_VARIABLES and isinstance(value, (Mapping, list))
    ]
    for role, name in _NAME_ROLES.items():
        names = _names(item.get(role))
        if names:
            fields[name] = names
    if "author" not in fields:
        for role in ("container-author", "director", "interviewer", "composer"):
            names = _names(item.get(role))
            if names:
                fields["author"] = names
                break
    title = _clean(item.get("title", ""))
    if title:
        fields["title"] = tex_escape(title)
    container = _clean(item.get("container-title", ""))
    if container:
        target = _CONTAINER.get(entry_type, "booktitle" if entry_type != "misc" else "howpublished")
        if entry_type == "periodical":
            target = "title" if "title" not in fields else "journaltitle"
        fields[target] = tex_escape(container)
    for csl_name, bib_name in _STRING_FIELDS.items():
        value = _clean(item.get(csl_name, ""))
        if value and bib_name not in fields:
            fields[bib_name] = tex_escape(value)
    issue = _clean(item.get("issue", ""))
    if issue:  # biblatex's issue is a season ("Spring"); a CSL issue is the number: "no. 11"
        if re.fullmatch(r"[0-9]+\s*(?:-+|\u2013)\s*[0-9]+", issue):
            issue = _pages(issue)  # a double issue, 11-12: a range, as pages are written
        fields["number"] = tex_escape(issue)
    number = _clean(item.get("number", ""))
    if number and "number" not in fields:
        fields["number"] = tex_escape(number)
    if entry_type == "report" and "publisher" in fields:
        fields["institution"] = fields.pop("publisher")
    if entry_type == "thesis":
        if "publisher" in fields:
            fields["institution"] = fields.pop("publisher")
        genre = _clean(item.get("genre", "")).lower()
        fields["type"] = "mathesis" if "master" in genre else "phdthesis"
    date = csl_date(item.get("issued"))
    if date:
        fields["date"] = date
    elif written := _clean(_date_text(item.get("issued"))):
        # biblatex prints a known state ("forthcoming", "in press") in the style's words,
        # any other as written, where the date would stand
        fields["pubstate"] = _PUBSTATES.get(written.lower().strip(". "), tex_escape(written))
        problems.append(
            f"its date {written!r} cannot be read as a date; it is printed as written, "
            "in the date's place (pubstate)"
        )
    pages = _pages(item.get("page", ""))
    if pages:
        fields["pages"] = tex_escape(pages)
    doi = _clean(item.get("DOI", ""))
    if doi:
        fields["doi"] = tex_escape(
            re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi, flags=re.I)
        )
    url = _CONTROL.sub("", str(item.get("URL", ""))).strip()
    if re.match(r"https?://\S+$", url):
        fields["url"] = url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")
    accessed = csl_date(item.get("accessed"))
    if accessed and "url" in fields:
        fields["urldate"] = accessed
    return BibEntry(entry_type, fields, csl_type, problems)


def _date_text(value: Any) -> str:
    """A CSL date as the words it was written in (``raw``, ``literal``), else ``""``."""
    if isinstance(value, Mapping):
        return next(
            (str(value[k]) for k in ("literal", "raw") if isinstance(value.get(k), str)), ""
        )
    return value if isinstance(value, str) else ""


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


_STOP = {"a", "an", "the", "on", "of", "in", "and", "for", "to", "le", "la", "der", "die", "das"}


def key_stem(item: Mapping[str, Any]) -> str:
    """``waltz1979``: first author's family name (or the title's first word) and the year."""
    who = ""
    for role in ("author", "editor", "container-author"):
        people = item.get(role)
        if isinstance(people, list) and people and isinstance(people[0], Mapping):
            first = people[0]
            who = _ascii_word(str(first.get("family") or first.get("literal") or ""))
            if who:
                break
    if not who:
        words = [_ascii_word(word) for word in _clean(item.get("title", "")).split()]
        words = [word for word in words if word and word not in _STOP]
        who = words[0] if words else "anon"
    date = csl_date(item.get("issued"))
    return f"{who[:24]}{date[:4] if date else 'nd'}"


def item_identity(item: Mapping[str, Any], uris: Iterable[str]) -> str:
    """What makes two citation items the same work: a Zotero/Mendeley URI, a DOI, or the text."""
    for uri in uris:
        if uri:
            return f"uri:{uri}"
    doi = _clean(item.get("DOI", "")).lower()
    if doi:
        return f"doi:{doi}"
    title = _ascii_word(_clean(item.get("title", "")))
    return f"text:{key_stem(item)}:{title}"


def format_entry(key: str, entry: BibEntry) -> str:
    """The entry as BibTeX source."""
    lines = [f"@{entry.type}{{{key},"]
    for name, value in entry.fields.items():
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)

"""A seeded synthetic series, written twice: in this project's format and as vanilla Sphinx.

One content model (papers with metadata, ~3,000 words of prose, ~30 notes and ~20
references of varied types) is rendered two ways:

``ours/``
    the series format of the handbook: ``conf.py`` with ``extensions =
    ["research_series"]``, ``index.md`` with ``series-index``, and per paper
    ``<slug>/index.md`` (``research-report`` directive, MyST footnotes holding
    ``{cite}`` with locators, ``{footcite}``, ``{cite:p}``) and its own
    ``<slug>/references.bib``, whose keys may repeat across papers for different works.

``vanilla/``
    the usual Sphinx + MyST-Parser + sphinxcontrib-bibtex recipe for the same text:
    one global ``bibtex_bibfiles`` list (the same per-paper files, keys made unique
    by a per-paper prefix because sphinxcontrib-bibtex has one key namespace), a
    ``{footcite}`` for each citing note, ``{cite:p}`` in the text, and per paper one
    ``{footbibliography}`` and one ``:filter: docname in docnames`` bibliography.

Usage: ``python -m bench.generate 50 --out bench/_work/n50`` (``--seed`` to vary).
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BIB_FILENAME = "references.bib"


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = words(
    "Anna Ben Carla Dmitri Elena Farid Grace Hiro Ines Jamal Kateryna Liam Mei Nikolai Olga "
    "Pablo Qing Rosa Samir Tomasz Ursula Viktor Wen Xavier Yara Zofia Aiko Bruno Chloé Daniel "
    "Emre Fatima Gustav Hana Ivan Julia Kwame Lena Marek Nadia"
)
LAST = words(
    "Smith Nakamura Petrov Okafor Haddad Kowalski Chen Lindqvist García Novak Ivanova Müller "
    "Rossi Dubois Tanaka Kim Park Singh Sharma Ahmed Cohen Silva Jensen Olsen Horvath Yilmaz "
    "Morozov Schmidt Fischer Weber Keller Wagner Becker Hoffmann Bauer Richter Klein Wolf "
    "Schröder Neumann Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause "
    "Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber"
)
# BibTeX spellings of the non-ASCII names, as authors type them in .bib files.
TEX_LETTERS = {"é": "{\\'e}", "ü": '{\\"u}', "ö": '{\\"o}', "í": "{\\'i}"}
AFFILIATIONS = (
    "University of New Mexico",
    "Sandia National Laboratories",
    "Los Alamos National Laboratory",
    "Naval Postgraduate School",
    "Georgetown University",
    "King's College London",
    "Seoul National University",
    "Institute for Defense Analyses",
)
PLACES = (
    "Russia",
    "China",
    "North Korea",
    "Iran",
    "NATO",
    "Ukraine",
    "the European Union",
    "Japan",
    "South Korea",
    "India",
    "Pakistan",
    "Turkey",
    "Brazil",
    "ASEAN",
    "the Arctic",
    "the Sahel",
)
NOUNS = words(
    "deterrence alliance policy strategy doctrine capability arsenal sanction diplomacy "
    "intelligence border economy trade pipeline treaty regime coalition doctrine posture "
    "escalation credibility leadership security stability influence partnership rivalry "
    "crisis negotiation institution network supply market reform transition conflict"
)
ADJECTIVES = words(
    "strategic regional nuclear economic diplomatic military limited credible uncertain "
    "declining emerging asymmetric conventional informal bilateral multilateral fragile "
    "durable contested domestic maritime technological"
)
VERBS = words(
    "shapes constrains weakens reinforces undermines explains limits reflects sustains "
    "complicates accelerates discourages redefines conditions"
)
CONNECTORS = (
    "However,",
    "Therefore,",
    "In practice,",
    "By contrast,",
    "As a result,",
    "Historically,",
    "At the same time,",
    "In this light,",
    "Consequently,",
    "",
    "",
    "",
)
PUBLISHERS = (
    ("Cambridge University Press", "Cambridge"),
    ("Oxford University Press", "Oxford"),
    ("Princeton University Press", "Princeton, NJ"),
    ("Cornell University Press", "Ithaca, NY"),
    ("Routledge", "London"),
    ("Brookings Institution Press", "Washington, DC"),
    ("Stanford University Press", "Stanford, CA"),
)
JOURNALS = (
    "International Security",
    "Journal of Strategic Studies",
    "Survival",
    "Foreign Affairs",
    "Security Studies",
    "The Washington Quarterly",
    "Asian Survey",
    "Journal of Conflict Resolution",
)
INSTITUTIONS = (
    "RAND Corporation",
    "Congressional Research Service",
    "Center for Strategic and International Studies",
    "Stockholm International Peace Research Institute",
    "International Crisis Group",
)
SITES = (
    ("www.reuters.com", "Reuters"),
    ("www.nytimes.com", "The New York Times"),
    ("www.economist.com", "The Economist"),
    ("thediplomat.com", "The Diplomat"),
    ("warontherocks.com", "War on the Rocks"),
)
LOCATORS = ("12", "45–47", "chap. 3", "118n4", "3–5", "201", "77", "9–10", "xii", "250–52")


@dataclass(frozen=True)
class Person:
    first: str
    last: str

    @property
    def display(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def bibtex(self) -> str:
        return tex(f"{self.last}, {self.first}")


@dataclass(frozen=True)
class BibItem:
    """One reference: a BibTeX entry type, its (unprefixed) key and its fields."""

    kind: str
    key: str
    authors: tuple[Person, ...]
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Cite:
    key: str
    locator: str | None = None


@dataclass(frozen=True)
class Note:
    """A MyST footnote: optional prose, then citations (possibly none)."""

    label: str
    prose: str
    cites: tuple[Cite, ...]


# Inline segments of a paragraph: text, a footnote mark, a {footcite}, a {cite:p}.
@dataclass(frozen=True)
class Mark:
    note: Note


@dataclass(frozen=True)
class FootCite:
    cite: Cite


@dataclass(frozen=True)
class ParenCite:
    cite: Cite


Segment = str | Mark | FootCite | ParenCite


@dataclass
class Author:
    person: Person
    affiliation: str | None
    orcid: str | None

    @property
    def option(self) -> str:
        text = self.person.display
        if self.affiliation:
            text += f" ({self.affiliation})"
        if self.orcid:
            text += f" <{self.orcid}>"
        return text


@dataclass
class Paper:
    slug: str
    number: int
    title: str
    date: str
    authors: list[Author]
    keywords: list[str]
    abstract: str
    sections: list[tuple[str, list[list[Segment]]]]
    notes: list[Note]
    references: list[BibItem]
    uncited: list[str] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        """Vanilla's key prefix: sphinxcontrib-bibtex has one namespace for all papers."""
        return f"p{self.number:04d}-"


def tex(text: str) -> str:
    """Non-ASCII letters as the LaTeX escapes authors type into .bib files."""
    return "".join(TEX_LETTERS.get(char, char) for char in text)


def orcid_check_digit(base: str) -> str:
    """ISO 7064 MOD 11-2 over 15 digits (as ``metadata.orcid_checksum_ok`` verifies)."""
    total = 0
    for char in base:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def make_orcid(rng: random.Random) -> str:
    base = "000" + str(rng.randint(0, 2)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
    digits = base + orcid_check_digit(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def person(rng: random.Random) -> Person:
    return Person(rng.choice(FIRST), rng.choice(LAST))


def sentence(rng: random.Random) -> str:
    connector = rng.choice(CONNECTORS)
    parts = [
        connector,
        "the" if connector else "The",
        rng.choice(ADJECTIVES),
        rng.choice(NOUNS),
        "of",
        rng.choice(PLACES),
        rng.choice(VERBS),
        "the",
        rng.choice(ADJECTIVES),
        rng.choice(NOUNS),
    ]
    for _ in range(rng.randint(0, 3)):
        parts += [rng.choice(("of", "in", "toward", "against", "within")), rng.choice(NOUNS)]
    if rng.random() < 0.3:
        parts += ["because", rng.choice(PLACES), rng.choice(VERBS), "its", rng.choice(NOUNS)]
    if rng.random() < 0.08:
        parts[-1] = f"*{parts[-1]}*"
    if rng.random() < 0.05:
        parts.insert(-1, "–")
    text = " ".join(part for part in parts if part)
    if rng.random() < 0.04:
        text = text.replace(" its ", " the region’s ", 1)
    return text


def title_of(rng: random.Random) -> str:
    head = f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()}"
    tail = f"{rng.choice(NOUNS).title()} of {rng.choice(PLACES)}"
    subtitle = f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()}"
    subtitle += f" since {rng.randint(1945, 2015)}"
    return f"{head} and the {tail}: {subtitle}"


def work_title(rng: random.Random) -> str:
    title = f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS).title()} in {rng.choice(PLACES)}"
    if rng.random() < 0.5:
        title += f": {rng.choice(NOUNS).title()} and {rng.choice(NOUNS).title()}"
    return title


def reference(rng: random.Random, key: str, lead: Person, year: int) -> BibItem:
    """An entry of a random type with the fields each type needs."""
    kind = rng.choices(
        ("book", "article", "incollection", "online", "techreport"), (5, 6, 3, 4, 2)
    )[0]
    authors = [lead] + [person(rng) for _ in range(rng.choice((0, 0, 0, 1, 2)))]
    fields: list[tuple[str, str]] = [("title", work_title(rng))]
    if kind == "book":
        publisher, place = rng.choice(PUBLISHERS)
        fields += [("publisher", publisher), ("address", place), ("year", str(year))]
        if rng.random() < 0.2:
            fields.append(("edition", str(rng.randint(2, 4))))
    elif kind == "article":
        first = rng.randint(1, 700)
        fields += [
            ("journal", rng.choice(JOURNALS)),
            ("volume", str(rng.randint(1, 45))),
            ("number", str(rng.randint(1, 4))),
            ("pages", f"{first}--{first + rng.randint(8, 40)}"),
            ("year", str(year)),
        ]
        if rng.random() < 0.3:
            fields.append(("doi", f"10.{rng.randint(1000, 9999)}/{key}.{rng.randint(1, 999)}"))
    elif kind == "incollection":
        publisher, place = rng.choice(PUBLISHERS)
        first = rng.randint(1, 300)
        fields += [
            ("booktitle", work_title(rng)),
            ("editor", f"{person(rng).bibtex} and {person(rng).bibtex}"),
            ("publisher", publisher),
            ("address", place),
            ("pages", f"{first}--{first + rng.randint(10, 30)}"),
            ("year", str(year)),
        ]
    elif kind == "online":
        host, site = rng.choice(SITES)
        fields += [
            ("organization", site),
            ("url", f"https://{host}/{year}/{key}-{rng.randint(100, 999)}"),
            (
                "urldate",
                f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            ),
            ("year", str(year)),
        ]
    else:
        fields += [
            ("institution", rng.choice(INSTITUTIONS)),
            ("type", "Research Report"),
            ("number", f"RR-{rng.randint(100, 4999)}"),
            ("year", str(year)),
        ]
    return BibItem(kind, key, tuple(authors), tuple(fields))


def bibliography(rng: random.Random, count: int) -> list[BibItem]:
    """Keys ``lastname`` + year, as authors make them; unique within the paper only."""
    items: list[BibItem] = []
    used: set[str] = set()
    for _ in range(count):
        lead = person(rng)
        year = rng.randint(1960, 2022)
        base = (lead.last.lower() + str(year)).translate(str.maketrans("éüöí", "euoi"))
        key = base
        suffix = iter("bcdefghij")
        while key in used:
            key = base + next(suffix)
        used.add(key)
        items.append(reference(rng, key, lead, year))
    return items


def make_paper(rng: random.Random, slug: str, number: int) -> Paper:
    authors = [
        Author(
            person(rng),
            rng.choice(AFFILIATIONS) if rng.random() < 0.8 else None,
            make_orcid(rng) if rng.random() < 0.4 else None,
        )
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))
    ]
    year = rng.randint(2012, 2025)
    date = rng.choice((f"{year}", f"{year}-{rng.randint(1, 12):02d}"))
    if rng.random() < 0.3:
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    references = bibliography(rng, rng.randint(18, 22))
    n_uncited = rng.randint(2, 4)
    cited_keys = [item.key for item in references[:-n_uncited]]
    uncited = [item.key for item in references[-n_uncited:]]

    # Every cited key is cited at least once; later citations repeat (short notes).
    queue = rng.sample(cited_keys, len(cited_keys))

    def next_key() -> str:
        return queue.pop() if queue else rng.choice(cited_keys)

    def locator() -> str | None:
        return rng.choice(LOCATORS) if rng.random() < 0.6 else None

    n_footnotes = rng.randint(18, 22)
    n_footcites = 30 - n_footnotes + rng.randint(-2, 2)
    events: list[str] = ["note"] * n_footnotes + ["foot"] * n_footcites + ["paren"] * 3
    rng.shuffle(events)
    notes: list[Note] = []

    def segment_for(event: str) -> Segment:
        if event == "foot":
            return FootCite(Cite(next_key(), locator()))
        if event == "paren":
            return ParenCite(Cite(next_key(), rng.choice(LOCATORS)))
        label = str(len(notes) + 1)
        roll = rng.random()
        if roll < 0.05:
            note = Note(label, " ".join(sentence(rng) + "." for _ in range(2)), ())
        elif roll < 0.15:
            note = Note(label, "", (Cite(next_key(), locator()), Cite(next_key(), locator())))
        elif roll < 0.4:
            note = Note(label, sentence(rng) + ".", (Cite(next_key(), locator()),))
        else:
            note = Note(label, "", (Cite(next_key(), locator()),))
        notes.append(note)
        return Mark(note)

    sections: list[tuple[str, list[list[Segment]]]] = []
    headings = [
        "Introduction",
        *(f"The {rng.choice(NOUNS).title()} of {p}" for p in rng.sample(PLACES, 4)),
        "Conclusion",
    ]
    paragraphs_total, sentences_each = 30, 6  # ~3,000 words of prose per paper
    event_at = sorted(rng.sample(range(paragraphs_total * sentences_each), len(events)))
    events_iter = iter(zip(event_at, events, strict=True))
    pending = next(events_iter, None)
    slot = 0
    for heading in headings:
        paragraphs: list[list[Segment]] = []
        for _ in range(paragraphs_total // len(headings)):
            segments: list[Segment] = []
            for _ in range(sentences_each):
                segments.append(sentence(rng) + ".")
                while pending is not None and pending[0] == slot:
                    segments.append(segment_for(pending[1]))
                    pending = next(events_iter, None)
                slot += 1
                segments.append(" ")
            paragraphs.append(segments)
        sections.append((heading, paragraphs))
    # Keys not yet cited (fewer events than keys) go into a last note, so that only
    # the deliberately uncited entries end up in Works Referenced.
    if queue:
        label = str(len(notes) + 1)
        note = Note(label, "See also", tuple(Cite(key) for key in queue))
        notes.append(note)
        sections[-1][1][-1].append(Mark(note))
    abstract = " ".join(sentence(rng) + "." for _ in range(6))
    keywords = rng.sample([*PLACES[:8], "deterrence", "DIME", "sanctions", "alliances"], 3)
    return Paper(
        slug,
        number,
        title_of(rng),
        date,
        authors,
        keywords,
        abstract,
        sections,
        notes,
        references,
        uncited,
    )


def make_series(count: int, seed: int = 1) -> list[Paper]:
    """``count`` papers; numbers are a permutation, so folder order is not series order."""
    rng = random.Random(seed)
    numbers = rng.sample(range(1, count + 1), count)
    papers = []
    for i, number in enumerate(numbers):
        lead = rng.choice(LAST).lower().translate(str.maketrans("éüöí", "euoi"))
        papers.append(make_paper(rng, f"{lead}-{i + 1:04d}", number))
    return papers


# -- rendering ------------------------------------------------------------------


def cite_text(cites: Sequence[Cite], prefix: str = "") -> str:
    """sphinxcontrib-bibtex's target syntax: ``key{locator},key2``."""
    return ",".join(prefix + c.key + (f"{{{c.locator}}}" if c.locator else "") for c in cites)


def bib_entry(item: BibItem, prefix: str = "", vanilla: bool = False) -> str:
    kind = item.kind
    fields = list(item.fields)
    if vanilla and kind == "online":
        # pybtex's styles have no @online: the vanilla recipe is @misc with \url.
        kind = "misc"
        values = dict(fields)
        fields = [(n, v) for n, v in fields if n not in ("url", "urldate", "organization")]
        fields += [
            ("howpublished", f"\\url{{{values['url']}}}"),
            ("note", f"{values['organization']}, accessed {values['urldate']}"),
        ]
    lines = [f"@{kind}{{{prefix}{item.key},"]
    lines.append(f"  author = {{{' and '.join(p.bibtex for p in item.authors)}}},")
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


def bib_file(paper: Paper, vanilla: bool) -> str:
    prefix = paper.prefix if vanilla else ""
    return "\n".join(bib_entry(item, prefix, vanilla) for item in paper.references)


def ours_markdown(paper: Paper) -> str:
    out = [f"# {paper.title}\n", "```{research-report}"]
    out.append(f":authors: {'; '.join(a.option for a in paper.authors)}")
    out += [f":number: {paper.number}", f":date: {paper.date}"]
    out.append(f":keywords: {'; '.join(paper.keywords)}\n")
    out += [paper.abstract, "```\n"]
    for heading, paragraphs in paper.sections:
        out.append(f"## {heading}\n")
        for segments in paragraphs:
            text = []
            for seg in segments:
                if isinstance(seg, str):
                    text.append(seg)
                elif isinstance(seg, Mark):
                    text[-1] = text[-1].rstrip(" ")
                    text.append(f"[^{seg.note.label}]")
                elif isinstance(seg, FootCite):
                    text[-1] = text[-1].rstrip(" ")
                    text.append(f"{{footcite}}`{cite_text([seg.cite])}`")
                else:
                    text.append(f"{{cite:p}}`{cite_text([seg.cite])}`")
            out.append("".join(text).strip() + "\n")
    for note in paper.notes:
        parts = [note.prose] if note.prose else []
        if note.cites:
            parts.append(f"{{cite}}`{cite_text(note.cites)}`")
        out.append(f"[^{note.label}]: {' '.join(parts)}\n")
    return "\n".join(out)


def vanilla_markdown(paper: Paper) -> str:
    """The same paper for Sphinx + MyST + sphinxcontrib-bibtex, without our directive."""
    p = paper.prefix
    names = "; ".join(a.option.replace("<", "ORCID ").replace(">", "") for a in paper.authors)
    out = [f"# {paper.title}\n"]
    out.append(f"**Authors:** {names}  \n**No.** {paper.number} · {paper.date}  ")
    out.append(f"**Keywords:** {'; '.join(paper.keywords)}\n")
    out += ["```{rubric} Abstract", "```\n", paper.abstract + "\n"]
    prose_notes: list[Note] = []
    for heading, paragraphs in paper.sections:
        out.append(f"## {heading}\n")
        for segments in paragraphs:
            text = []
            for seg in segments:
                if isinstance(seg, str):
                    text.append(seg)
                    continue
                text[-1] = text[-1].rstrip(" ")
                if isinstance(seg, Mark):
                    keys = ",".join(p + c.key for c in seg.note.cites)
                    if keys:  # the vanilla recipe: each citing note is a {footcite}
                        text.append(f"{{footcite}}`{keys}`")
                    if seg.note.prose:
                        text.append(f"[^{seg.note.label}]")
                        prose_notes.append(seg.note)
                elif isinstance(seg, FootCite):
                    text.append(f"{{footcite}}`{p}{seg.cite.key}`")
                else:
                    text.append(f" {{cite:p}}`{p}{seg.cite.key}`")
            out.append("".join(text).strip() + "\n")
    for note in prose_notes:
        out.append(f"[^{note.label}]: {note.prose}\n")
    out += ["```{footbibliography}", "```\n", "## Works Cited\n"]
    # labelprefix: numeric labels restart in each bibliography and would clash.
    out += ["```{bibliography}", ":filter: docname in docnames"]
    out += [f":labelprefix: P{paper.number}-", "```\n"]
    return "\n".join(out)


REPO = Path(__file__).resolve().parent.parent
_OURS_CONF_HEADER = (
    '"""Synthetic benchmark series (bench/generate.py); conf copied from papers/."""\n'
)
VANILLA_CONF = '''\
"""The same series on the vanilla stack: Sphinx + MyST-Parser + sphinxcontrib-bibtex."""

import glob

project = "Synthetic Research Series (vanilla)"
author = "Benchmark"
language = "en"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
# One global list: sphinxcontrib-bibtex has one key namespace for the whole project.
bibtex_bibfiles = sorted(glob.glob("*/references.bib"))
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
smartquotes = False
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
# Same page chrome as the series build, so only the citation machinery differs.
html_sidebars = {"**": ["about.html", "relations.html", "searchbox.html"]}
html_use_index = False
html_show_sourcelink = False
# The engine the series uses; pdflatex's default fonts (TeX Gyre) are not installed.
latex_engine = "xelatex"
'''
VANILLA_INDEX = """\
# Synthetic Research Series

```{toctree}
:maxdepth: 1
:glob:

*/index
```
"""
OURS_INDEX = "# NSSP Global and National Security Research Series\n\n```{series-index}\n```\n"


def ours_conf() -> str:
    """``papers/conf.py`` with a fixed base URL (no environment lookup)."""
    text = (REPO / "papers" / "conf.py").read_text(encoding="utf-8")
    text = text.replace(
        'os.environ.get(\n    "READTHEDOCS_CANONICAL_URL", "https://nssp-research-series.readthedocs.io/en/latest/"\n)',
        '"https://example.org/series/"',
    )
    # DOIs and the Crossref deposit (the benchmark's crossref row)
    text += (
        '\nseries_issn = "0378-5955"\nseries_doi_prefix = "10.55555"\n'
        'series_crossref_depositor = "Bench Editor <editor@example.org>"\n'
    )
    return _OURS_CONF_HEADER + text


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_series(papers: Sequence[Paper], out: Path, vanilla: bool) -> Path:
    """Write one project (replacing an old one) and return its source folder."""
    if out.exists():
        shutil.rmtree(out)
    write(out / "conf.py", VANILLA_CONF if vanilla else ours_conf())
    write(out / "index.md", VANILLA_INDEX if vanilla else OURS_INDEX)
    for paper in papers:
        markdown = vanilla_markdown(paper) if vanilla else ours_markdown(paper)
        write(out / paper.slug / "index.md", markdown)
        write(out / paper.slug / BIB_FILENAME, bib_file(paper, vanilla))
    return out


@dataclass(frozen=True)
class Generated:
    ours: Path
    vanilla: Path
    papers: list[Paper]


def generate(count: int, out: Path, seed: int = 1) -> Generated:
    """Write ``out/ours`` and ``out/vanilla`` for ``count`` papers."""
    papers = make_series(count, seed)
    return Generated(
        write_series(papers, out / "ours", vanilla=False),
        write_series(papers, out / "vanilla", vanilla=True),
        papers,
    )


def edit_target(papers: Sequence[Paper]) -> Paper:
    """The paper the edit benchmarks change: the middle one in folder order."""
    return sorted(papers, key=lambda paper: paper.slug)[len(papers) // 2]


def stats(papers: Sequence[Paper]) -> dict[str, float]:
    """Averages per paper, to check the generator stays realistic."""
    words = notes = refs = 0
    for paper in papers:
        body = ours_markdown(paper)
        words += len(body.split())
        notes += len(paper.notes) + sum(
            isinstance(seg, FootCite) for _, ps in paper.sections for p in ps for seg in p
        )
        refs += len(paper.references)
    n = max(len(papers), 1)
    return {"words": words / n, "notes": notes / n, "references": refs / n}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", type=int, help="number of papers")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "_work" / "generated")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generated = generate(args.count, args.out, args.seed)
    figures = stats(generated.papers)
    print(
        textwrap.dedent(f"""\
        {args.count} papers in {generated.ours} and {generated.vanilla}
        per paper: {figures["words"]:.0f} words, {figures["notes"]:.1f} notes, \
{figures["references"]:.1f} references""")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

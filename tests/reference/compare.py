"""Compare the series' Chicago styles with biblatex-chicago, entry by entry.

Run ``python -m tests.reference.compare [--authordate] [--diff FORM]`` from the
repository root to print the figures (and the differing entries); the test
``tests/test_chicago_reference.py`` asserts on them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import Entry

from research_series.bibliography import Bibliography, CitationStyle, get_style, load_bibliography
from research_series.bibliography.punct import add_period

from .biblatex_chicago import Forms, find_notes_test_bib, normalise, read_bib, reference_forms

__all__ = [
    "FORMS",
    "Comparison",
    "compare",
    "load_notes_test",
    "project_forms",
]

FORMS = ("full", "short", "bibliography")
NOTES_STYLE = "chicago-notes"
AUTHORDATE_STYLE = "chicago-author-date"


def render(style_text: object) -> str:
    render_as = getattr(style_text, "render_as")  # noqa: B009
    return str(render_as("text"))


def project_forms(style: CitationStyle, entry: Entry) -> Forms:
    """The style's three forms of ``entry`` as plain text, notes with their period."""
    return Forms(
        render(add_period(style.format_note(entry))),
        render(add_period(style.format_short_note(entry))),
        render(style.format_bibliography_entry(entry)),
    )


@dataclass
class Comparison:
    """Entries compared per form; ``differ`` maps form -> key -> (ours, theirs)."""

    total: dict[str, int] = field(default_factory=dict)
    exact: dict[str, int] = field(default_factory=dict)
    differ: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    def percent(self, form: str) -> float:
        return 100.0 * self.exact[form] / self.total[form] if self.total[form] else 100.0

    def figures(self) -> str:
        return ", ".join(
            f"{form} {self.exact[form]}/{self.total[form]} ({self.percent(form):.1f}%)"
            for form in FORMS
        )


def compare(
    bibliography: Bibliography,
    reference: Mapping[str, Forms],
    style: CitationStyle,
    deliberate: Mapping[tuple[str, str], str] | None = None,
) -> Comparison:
    """Exact matches per form after ``normalise``; deliberate differences count as failures."""
    deliberate = deliberate or {}
    style = style.for_works(bibliography.entries.values())  # biber labels the whole .bib
    result = Comparison()
    for form in FORMS:
        result.total[form] = 0
        result.exact[form] = 0
        result.differ[form] = {}
    for key, theirs in reference.items():
        ours = project_forms(style, bibliography.entries[key])
        for form in FORMS:
            expected = normalise(getattr(theirs, form))
            if not expected:
                continue  # biblatex-chicago prints nothing in this form
            result.total[form] += 1
            got = normalise(getattr(ours, form))
            if got == expected and (key, form) not in deliberate:
                result.exact[form] += 1
            else:
                result.differ[form][key] = (got, expected)
    return result


def load_notes_test(directory: Path) -> tuple[Path, Bibliography]:
    """Copy notes-test.bib (decompressed) into ``directory`` and load it."""
    source = find_notes_test_bib()
    if source is None:
        message = "biblatex-chicago's notes-test.bib was not found"
        raise FileNotFoundError(message)
    path = directory / "notes-test.bib"
    path.write_text(read_bib(source), encoding="utf-8")
    bibliography, problems = load_bibliography([path])
    if problems:
        message = f"notes-test.bib does not load cleanly: {problems}"
        raise ValueError(message)
    return path, bibliography


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--authordate", action="store_true", help="check the author-date style")
    parser.add_argument("--diff", choices=FORMS, action="append", default=[])
    parser.add_argument("--keep", type=Path, help="keep the generated TeX files here")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        directory = options.keep or Path(temporary)
        directory.mkdir(parents=True, exist_ok=True)
        path, bibliography = load_notes_test(directory)
        reference = reference_forms(
            path.read_text(encoding="utf-8"),
            bibliography.entries.keys(),
            authordate=options.authordate,
            workdir=directory / "tex",
        )
    style = get_style(AUTHORDATE_STYLE if options.authordate else NOTES_STYLE)
    result = compare(bibliography, reference, style)
    for form in options.diff:
        for key, (ours, theirs) in result.differ[form].items():
            print(f"[{form}] {key}\n  ours:   {ours}\n  theirs: {theirs}")
    print(f"{style.name}: {result.figures()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

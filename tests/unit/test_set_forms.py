"""A biblatex ``@set`` is cited as its members, in every style and form.

Each member takes its own form, joined by "; "; the set's locator belongs to no one
member, and ``all_authors`` reaches the members' author form.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.richtext import Text

from research_series.bibliography import get_style, load_bibliography
from research_series.bibliography.styles import CitationStyle

BIB = """\
@set{both, entryset = {one, two}}
@book{one, author = {Ada Lovelace and Alan Turing and Grace Hopper and John Roe},
  title = {Notes on the Engine}, publisher = {Press}, location = {London}, year = {1843}}
@article{two, author = {Jane Doe}, title = {A Second Part}, journal = {Journal},
  volume = {2}, year = {1844}, pages = {1--9}}
"""


def text(value: Text) -> str:
    return str(value.render_as("text"))


@pytest.mark.parametrize("name", ["chicago-notes", "chicago-author-date", "author-date"])
def test_a_set_is_its_members_forms_joined(tmp_path: Path, name: str) -> None:
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    bibliography, problems = load_bibliography([tmp_path / "a.bib"])
    assert problems == []
    style: CitationStyle = get_style(name)
    both, one, two = (bibliography.entries[key] for key in ("both", "one", "two"))
    forms = [
        (style.format_note, ("12",), ()),
        (style.format_short_note, ("12",), ()),
        (style.format_parenthetical, ("12", True), ()),
        (style.format_narrative, ("12",), ()),
        (style.format_author, (True,), (True,)),
        (style.format_year, (), ()),
    ]
    for form, given, forwarded in forms:
        expected = "; ".join(text(form(member, *forwarded)) for member in (one, two))
        assert text(form(both, *given)) == expected, form.__name__
    # the four-author book names all its authors only where asked
    assert "et al." in text(style.format_author(both))
    assert "et al." not in text(style.format_author(both, True))

"""Citations in built pages: a large real-world bibliography, the shared
bibliography, and the author-date style selected for a series."""

from __future__ import annotations

import os
from pathlib import Path

import pybtex.database
import pytest

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import article, sphinx_build, text_of
from research_series.reading.citation_text import entry_id

BIBLATEX_EXAMPLES = Path(
    "/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib"
)
OK = ":authors: Jane Doe\n:number: 1\n:date: 2016"
WALTZ = (
    "@book{waltz1979, author={Waltz, Kenneth N.}, title={Theory of International Politics},"
    " publisher={Addison-Wesley}, address={Reading, MA}, year={1979}}\n"
)


@pytest.mark.skipif(
    not BIBLATEX_EXAMPLES.exists() and not os.environ.get("CI"),
    reason="TeX Live's biblatex-examples.bib is not installed (texlive-bibtex-extra); CI has it",
)
def test_every_entry_of_a_large_real_world_bib_is_cited_without_loss(
    make_project: ProjectFactory,
) -> None:
    source = BIBLATEX_EXAMPLES.read_text(encoding="utf-8")
    keys = [
        key
        for key, entry in pybtex.database.parse_string(source, "bibtex").entries.items()
        if entry.type.lower() != "xdata"
    ]
    body = "".join(f"Claim {n}.{{footcite}}`{key}`\n\n" for n, key in enumerate(keys))
    srcdir = make_project({"p/index.md": paper(options=OK, body=body), "p/references.bib": source})
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 0, result.warnings(srcdir)
    page = article(srcdir.parent / "out" / "p" / "index.html")
    notes = page.select("aside.footnote")
    assert len(notes) == len(keys)
    cited = page.select("#works-cited .bibliography-entry")
    assert {p["id"] for p in cited} == {entry_id(key) for key in keys}
    assert page.select_one("#works-referenced") is None
    for entry in cited:
        assert text_of(entry)  # nothing rendered empty
    assert "{" not in text_of(page.select_one("#works-cited")).replace("{c}", "")


def test_shared_bibliography_is_available_to_every_paper(make_project: ProjectFactory) -> None:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + 'series_shared_bib = "shared.bib"\n',
            "shared.bib": WALTZ,
            "a/index.md": paper(options=OK, body="Claim.{footcite}`waltz1979{97}`\n"),
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 0, result.warnings(srcdir)
    page = article(srcdir.parent / "out" / "a" / "index.html")
    assert [text_of(n) for n in page.select("aside.footnote")] == [
        "[ 1 ] Kenneth N. Waltz, Theory of International Politics "
        "(Reading, MA: Addison-Wesley, 1979), 97."
    ]


def test_author_date_style_selected_for_the_series(make_project: ProjectFactory) -> None:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + 'series_citation_style = "author-date"\n',
            "a/index.md": paper(options=OK, body="As {cite:t}`waltz1979{97}` says.\n"),
            "a/references.bib": WALTZ,
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 0, result.warnings(srcdir)
    page = article(srcdir.parent / "out" / "a" / "index.html")
    assert "As Waltz (1979, p. 97) says." in text_of(page)
    assert [text_of(p) for p in page.select("#works-cited .bibliography-entry")] == [
        "Waltz, K. N. (1979). Theory of International Politics . Addison-Wesley."
    ]

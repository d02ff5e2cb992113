"""Author-date (APA-like) style: exact strings, no Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

from research_series.bibliography import Bibliography, CitationStyle, get_style, load_bibliography
from research_series.bibliography.styles.authordate import AuthorDateStyle

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    bibliography, problems = load_bibliography([DATA / "references.bib"])
    assert problems == []
    return bibliography


@pytest.fixture(scope="module")
def style() -> CitationStyle:
    return get_style("author-date")


def text(value: Text) -> str:
    return str(value.render_as("text"))


def reference(style: CitationStyle, bib: Bibliography, key: str) -> str:
    return text(style.format_bibliography_entry(bib.entries[key]))


def test_style_is_registered() -> None:
    assert isinstance(get_style("author-date"), AuthorDateStyle)
    assert find_plugin("pybtex.style.formatting", "author-date") is AuthorDateStyle


def test_book(style: CitationStyle, bib: Bibliography) -> None:
    waltz = bib.entries["waltz1979"]
    assert reference(style, bib, "waltz1979") == (
        "Waltz, K. N. (1979). Theory of International Politics. Addison-Wesley."
    )
    assert style.format_bibliography_entry(waltz).render_as("html") == (
        "Waltz, K. N. (1979). <em>Theory of International Politics</em>. Addison-Wesley."
    )
    assert text(style.format_parenthetical(waltz, "258")) == "Waltz, 1979, p. 258"
    assert text(style.format_narrative(waltz, "258")) == "Waltz (1979, p. 258)"
    assert text(style.format_narrative(waltz)) == "Waltz (1979)"
    # Footnote citations with this style are the parenthetical form.
    assert text(style.format_note(waltz, "258")) == "Waltz, 1979, p. 258"
    assert text(style.format_short_note(waltz)) == "Waltz, 1979"


def test_journal_article_with_italic_volume(style: CitationStyle, bib: Bibliography) -> None:
    article = bib.entries["weathersby1993"]
    assert reference(style, bib, "weathersby1993") == (
        "Weathersby, K. (1993). The Soviet Role in the Early Phase of the Korean War. "
        "Journal of American-East Asian Relations, 2(4), 425–458."
    )
    assert (
        style.format_bibliography_entry(article)
        .render_as("html")
        .endswith("<em>Journal of American-East Asian Relations</em>, <em>2</em>(4), 425–458.")
    )


@pytest.mark.parametrize(
    ("key", "parenthetical", "narrative"),
    [
        ("keohane1977", "Keohane & Nye, 1977, pp. 3–9", "Keohane and Nye (1977, pp. 3–9)"),
        ("lowenthal2014", "Lowenthal et al., 2014, pp. 3–9", "Lowenthal et al. (2014, pp. 3–9)"),
        ("un2019", "United Nations, 2019, pp. 3–9", "United Nations (2019, pp. 3–9)"),
    ],
)
def test_in_text_names(
    style: CitationStyle, bib: Bibliography, key: str, parenthetical: str, narrative: str
) -> None:
    assert text(style.format_parenthetical(bib.entries[key], "3-9")) == parenthetical
    assert text(style.format_narrative(bib.entries[key], "3-9")) == narrative


def test_non_numeric_locator_is_kept(style: CitationStyle, bib: Bibliography) -> None:
    assert text(style.format_parenthetical(bib.entries["waltz1979"], "chap. 2")) == (
        "Waltz, 1979, chap. 2"
    )


def test_reference_names_and_editors(style: CitationStyle, bib: Bibliography) -> None:
    assert reference(style, bib, "keohane1977").startswith("Keohane, R. O., & Nye, J. S. (1977).")
    assert reference(style, bib, "crane2000") == (
        "Crane, G. R. (Ed.). (2000). The Perseus Digital Library. Tufts University."
    )
    assert reference(style, bib, "schelling1966") == (
        "Schelling, T. C. (1966). Arms and Influence (J. Doe, Trans.; 2nd ed.). "
        "Yale University Press."
    )


def test_chapter_in_edited_book(style: CitationStyle, bib: Bibliography) -> None:
    assert reference(style, bib, "westfahl2000space") == (
        "Westfahl, G. (2000). The True Frontier. In G. Westfahl (Ed.), Space and Beyond: "
        "The Frontier Theme in Science Fiction (pp. 55–65). Greenwood."
    )


def test_report_with_doi_has_no_final_period(style: CitationStyle, bib: Bibliography) -> None:
    assert reference(style, bib, "un2019") == (
        "United Nations. (2019). World Population Prospects 2019 (Technical Report No. "
        "ST/ESA/SER.A/423). Department of Economic and Social Affairs. "
        "https://doi.org/10.18356/13bf5476-en"
    )


def test_thesis_and_web_page(style: CitationStyle, bib: Bibliography) -> None:
    assert reference(style, bib, "hovander2014") == (
        "Hovander, T. (2014). Deterrence after Proliferation "
        "[Doctoral dissertation, University of New Mexico]."
    )
    assert reference(style, bib, "nautilus2015") == (
        "Nautilus Institute. (2010, April 15). DPRK Briefing Book: Nuclear Weapons. "
        "Nautilus Institute for Security and Sustainability. Retrieved November 3, 2015, from "
        "https://nautilus.org/publications/books/dprkbb/nuclearweapons/"
    )


def test_no_author_uses_the_title(style: CitationStyle, bib: Bibliography) -> None:
    assert reference(style, bib, "anonymous") == "The Book of Examples. (1950). Example Press."
    book = style.format_parenthetical(bib.entries["anonymous"])
    assert book.render_as("html") == "<em>The Book of Examples</em>, 1950"
    page = style.format_parenthetical(bib.entries["cia2015"])
    assert text(page) == "“North Korea,” n.d."


def test_empty_entry_never_raises() -> None:
    entry = Entry("article")
    entry.key = "blank"
    style = get_style("author-date")
    assert text(style.format_bibliography_entry(entry)) == "blank"
    assert text(style.format_parenthetical(entry, "2")) == "n.d., p. 2"


def test_more_than_twenty_authors() -> None:
    entry = Entry("article", fields={"title": "Big", "journal": "J", "year": "2020"})
    entry.persons["author"] = [Person(f"Author{index}, A.") for index in range(1, 23)]
    rendered = text(get_style("author-date").format_bibliography_entry(entry))
    assert rendered.startswith("Author1, A., Author2, A.,")
    assert "Author19, A., . . . Author22, A. (2020)." in rendered
    assert "Author20" not in rendered


# -- Chicago author-date (CMOS 17 chapter 15; biblatex-chicago's authordate) -------


@pytest.fixture(scope="module")
def chicago_ad() -> CitationStyle:
    return get_style("chicago-author-date")


def test_chicago_author_date_is_registered(chicago_ad: CitationStyle) -> None:
    from research_series.bibliography.styles.chicago_authordate import ChicagoAuthorDateStyle

    assert isinstance(chicago_ad, ChicagoAuthorDateStyle)


def test_chicago_author_date_book_and_article(chicago_ad: CitationStyle, bib: Bibliography) -> None:
    waltz = bib.entries["waltz1979"]
    assert text(chicago_ad.format_note(waltz, "258")) == "Waltz 1979, 258"
    assert text(chicago_ad.format_short_note(waltz)) == "Waltz 1979"
    assert text(chicago_ad.format_narrative(waltz, "258")) == "Waltz (1979, 258)"
    assert reference(chicago_ad, bib, "waltz1979") == (
        "Waltz, Kenneth N. 1979. Theory of International Politics. Reading, MA: Addison-Wesley."
    )
    assert reference(chicago_ad, bib, "weathersby1993") == (
        "Weathersby, Kathryn. 1993. “The Soviet Role in the Early Phase of the Korean War.” "
        "Journal of American-East Asian Relations 2 (4): 425–58."
    )


def test_chicago_author_date_undated_and_forthcoming(chicago_ad: CitationStyle) -> None:
    undated = Entry("book", fields={"title": "Undated"})
    undated.persons["author"] = [Person("Doe, Jane")]
    assert text(chicago_ad.format_parenthetical(undated)) == "Doe, n.d."
    forthcoming = Entry("article", fields={"title": "T", "journal": "J", "pubstate": "forthcoming"})
    forthcoming.persons["author"] = [Person("Roe, Richard")]
    assert text(chicago_ad.format_parenthetical(forthcoming)) == "Roe, forthcoming"
    assert text(chicago_ad.format_bibliography_entry(forthcoming)).startswith(
        "Roe, Richard. Forthcoming. “T.” J"
    )

"""Labels belong to their paper: two papers may both write ``fig-map`` or ``eq-model``.

``tests/roots/test-paper-labels`` holds three papers by (notionally) independent
authors that use the same section, figure, table and equation labels, and refer
to each with ``{numref}``, ``{ref}``, ``{eq}`` and MyST ``[text](#label)``.
Before each figure and equation the second paper has one more of its own and
the third two more, so a reference that landed in the wrong paper would show
the wrong number or a link to another page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import BuildResult, sphinx_build
from test_epub import assert_epubcheck_passes, epubs_in
from test_pdf import flat, latexpdf, needs_tex, pages

ROOT = Path(__file__).parent / "roots" / "test-paper-labels"
PAPERS = ("alder-2020", "birch-2021", "cedar-2022")


def expected_links(slug: str) -> list[tuple[str, str]]:
    """The first paragraph's links of *slug*: its own numbers, anchors on its own page."""
    n = PAPERS.index(slug)  # figures and equations the paper has before these
    return [
        (f"Figure {n + 1}", "#fig-map"),
        ("Table 1", "#tab-data"),
        (f"({n + 1})", "#equation-eq-model"),
        (f"({n + 2})", "#equation-eq-bound"),
        (f"Method of {slug}", "#method"),
        ("this section", "#intro"),
        ("the map", "#fig-map"),
        (f"({n + 1})", "#equation-eq-model"),
        ("the method", "#method"),
    ]


def _copy(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def _clean(result: BuildResult, srcdir: Path) -> BuildResult:
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return result


def first_paragraph_links(page: Tag) -> list[tuple[str, str]]:
    section = page.find(id="intro")
    assert isinstance(section, Tag)
    paragraph = section.find("p")
    assert isinstance(paragraph, Tag)
    return [(" ".join(a.get_text().split()), str(a["href"])) for a in paragraph.find_all("a")]


def assert_links_land_in_own_paper(page: Tag, slug: str) -> None:
    """Each link is to an anchor of the same page, whose figure, table or section is this
    paper's own."""
    assert first_paragraph_links(page) == expected_links(slug)
    for anchor in ("fig-map", "tab-data", "method"):
        target = page.find(id=anchor)
        assert isinstance(target, Tag), anchor
        assert slug in target.get_text(), anchor
    for anchor in ("equation-eq-model", "equation-eq-bound"):
        assert page.find(id=anchor) is not None, anchor


def html_page(outdir: Path, slug: str) -> Tag:
    return BeautifulSoup((outdir / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    srcdir = _copy(tmp_path_factory.mktemp("labels-html"))
    return _clean(sphinx_build(srcdir, srcdir.parent / "html"), srcdir), srcdir


@pytest.mark.parametrize("slug", PAPERS)
def test_each_paper_resolves_its_own_labels_on_the_site(
    html: tuple[BuildResult, Path], slug: str
) -> None:
    assert_links_land_in_own_paper(html_page(html[0].outdir, slug), slug)


@pytest.mark.parametrize("slug", PAPERS)
def test_a_papers_appendix_page_shares_its_labels_and_no_one_elses(
    html: tuple[BuildResult, Path], slug: str
) -> None:
    page = html_page(html[0].outdir, slug)
    method = page.find(id="method")
    assert isinstance(method, Tag)
    assert [(a.get_text(), a["href"]) for a in method.find_all("a", class_="internal")] == [
        (f"Appendix data of {slug}", "appendix.html#appendix-data")
    ]
    appendix = BeautifulSoup(
        (html[0].outdir / slug / "appendix.html").read_text(encoding="utf-8"), "html.parser"
    )
    back = appendix.find("a", string="the paper's method")
    assert isinstance(back, Tag)
    assert back["href"] == "index.html#method"


def test_a_page_outside_the_papers_names_a_papers_label_in_full(
    html: tuple[BuildResult, Path],
) -> None:
    index = BeautifulSoup(
        (html[0].outdir / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = index.find("a", string=re.compile("Introduction of alder-2020"))
    assert isinstance(link, Tag)
    assert link["href"] == "alder-2020/index.html#intro"
    equation = index.find("a", string="(1)")
    assert isinstance(equation, Tag)
    assert equation["href"] == "alder-2020/index.html#equation-eq-model"


def test_a_parallel_build_resolves_each_paper_as_the_serial_one(
    html: tuple[BuildResult, Path], tmp_path: Path
) -> None:
    srcdir = _copy(tmp_path)
    parallel = _clean(sphinx_build(srcdir, tmp_path / "html", "-j", "2"), srcdir)
    for slug in PAPERS:
        assert first_paragraph_links(html_page(parallel.outdir, slug)) == first_paragraph_links(
            html_page(html[0].outdir, slug)
        )
        assert_links_land_in_own_paper(html_page(parallel.outdir, slug), slug)


def test_each_epub_links_to_its_own_labels_and_passes_epubcheck(tmp_path: Path) -> None:
    srcdir = _copy(tmp_path)
    result = _clean(sphinx_build(srcdir, tmp_path / "epub", builder="epub"), srcdir)
    books = epubs_in(result.outdir)
    for slug in PAPERS:
        for book in (books[slug], books["series"]):  # its own book and the series volume
            page = BeautifulSoup(book.zip.read(f"{slug}/index.xhtml"), "xml")
            assert_links_land_in_own_paper(page, slug)
    assert_epubcheck_passes([books[slug].path for slug in PAPERS])


@needs_tex
def test_each_latex_document_refers_to_its_own_labels_and_the_pdf_reads_so(
    tmp_path: Path,
) -> None:
    srcdir = _copy(tmp_path)
    result = _clean(latexpdf(srcdir, tmp_path / "build"), srcdir)
    for slug in PAPERS:
        n = PAPERS.index(slug)
        tex = (result.outdir / f"{slug}.tex").read_text(encoding="utf-8")
        start = tex.index("The map is")
        intro = tex[start : tex.index("\n\n", start)]  # the first paragraph
        doc = re.escape(f"{slug}/index")
        targets = re.findall(r"\\(?:hyperref\[|ref\{)(?:\\detokenize\{)?([^]}]+)", intro)
        assert targets, intro
        # Every reference is to a label of this paper's own document, and each exists.
        assert all(re.match(rf"(equation:)?{doc}:", target) for target in targets), targets
        for target in set(targets):
            assert f"\\label{{{target}}}" in tex or f"\\label{{\\detokenize{{{target}}}}}" in tex
        assert set(targets) >= {
            f"{slug}/index:fig-map",
            f"{slug}/index:tab-data",
            f"{slug}/index:method",
            f"{slug}/index:intro",
            f"equation:{slug}/index:eq-model",
            f"equation:{slug}/index:eq-bound",
        }
        text = flat("".join(pages(result.outdir / f"{slug}.pdf")))
        assert (
            f"The map is Figure {n + 1}, the data are in Table 1, the model is ({n + 1}) "
            f"and the bound is ({n + 2}). The method is in Method of {slug}"
        ) in text


def test_rebuilding_one_paper_leaves_the_others_right(tmp_path: Path) -> None:
    srcdir = _copy(tmp_path)
    outdir = tmp_path / "html"
    _clean(sphinx_build(srcdir, outdir), srcdir)
    cedar_page = outdir / "cedar-2022" / "index.html"
    cedar_written = cedar_page.stat().st_mtime_ns
    # Alder gains a figure and an equation before its map: its numbers move, no one else's.
    source = srcdir / "alder-2020" / "index.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(
            "```{figure} map.png\n:name: fig-map",
            "```{figure} map.png\n:name: fig-new\n:alt: A new chart.\n\nA new chart.\n```\n\n"
            "$$\nq = 1\n$$ (eq-new)\n\n```{figure} map.png\n:name: fig-map",
        ),
        encoding="utf-8",
    )
    result = _clean(sphinx_build(srcdir, outdir), srcdir)
    alder = first_paragraph_links(html_page(result.outdir, "alder-2020"))
    assert alder[0] == ("Figure 2", "#fig-map")
    assert alder[2] == ("(2)", "#equation-eq-model")
    for slug in ("birch-2021", "cedar-2022"):
        assert_links_land_in_own_paper(html_page(result.outdir, slug), slug)
    assert cedar_page.stat().st_mtime_ns == cedar_written


# --- problems: a label twice in one paper, a label of another paper ------------------------

FIRST = """
(intro)=
## Introduction

```{figure} map.png
:name: fig-map
:alt: A map.

A map.
```

$$
y = x
$$ (eq-model)
"""

SECOND = """
(intro)=
## Introduction

See {numref}`fig-map` and {eq}`eq-model`, {ref}`first-2020/intro` and
{ref}`nowhere`.

```{figure} map.png
:name: fig-chart
:alt: A chart.

A chart.
```

```{figure} map.png
:name: fig-chart
:alt: The same label again.

Another chart.
```

$$
z = 1
$$ (eq-own)

$$
z = 2
$$ (eq-own)

```{toctree}
:hidden:

appendix
```
"""


def _two_papers(make_project: ProjectFactory) -> Path:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF,
            "first-2020/index.md": paper("First", body=FIRST),
            "second-2021/index.md": paper(
                "Second", options=":authors: Jane Doe (U)\n:number: 2\n:date: 2021", body=SECOND
            ),
            # The paper's appendix page shares its labels: its "intro" is the paper's second.
            "second-2021/appendix.md": "# Appendix\n\n(intro)=\n## Data\n\nThe data.\n",
        }
    )
    png = ROOT / "alder-2020" / "map.png"
    for slug in ("first-2020", "second-2021"):
        shutil.copy(png, srcdir / slug / "map.png")
    return srcdir


def test_a_label_twice_in_one_paper_and_a_label_of_another_paper_are_located_warnings(
    make_project: ProjectFactory,
) -> None:
    srcdir = _two_papers(make_project)
    result = sphinx_build(srcdir, srcdir.parent / "html")
    assert result.returncode != 0
    where = "SRC/second-2021/index.md"
    other = (
        "and labels are local to each paper; refer to another paper as a whole with a "
        "series citation ({cite}`first-2020`) or {doc}`/first-2020/index` [research.reference]"
    )
    warnings = result.warnings(srcdir)
    assert sorted(warnings) == sorted(
        [
            f'{where}:25: WARNING: Duplicate explicit target name: "fig-chart". [docutils]',
            f"{where}:36: WARNING: duplicate label of equation eq-own, other instance in "
            "second-2021/index [ref.equation]",
            f'{where}:: ERROR: Duplicate ID: "equation-eq-own" used by <target '
            'ids="equation-eq-own"> and <target ids="equation-eq-own"> [docutils]',
            f"{where}:13: WARNING: duplicate label intro, other instance in "
            "SRC/second-2021/appendix.md",
            f"{where}:15: WARNING: 'fig-map' is a label of another paper (first-2020), {other}",
            f"{where}:15: WARNING: 'eq-model' is a label of another paper (first-2020), {other}",
            f"{where}:15: WARNING: 'first-2020/intro' is a label of another paper "
            f"(first-2020), {other}",
            f"{where}:16: WARNING: undefined label: 'nowhere' [ref.ref]",
        ]
    ), "\n".join(warnings)
    # The paper with the problem is withheld; the other is published.
    assert (result.outdir / "first-2020" / "index.html").is_file()
    assert not (result.outdir / "second-2021" / "index.html").exists()

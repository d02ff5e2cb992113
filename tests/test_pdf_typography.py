"""The PDF's typography: URL breaks (CMOS 14.18), heading levels, the space above a
display equation, and Russian and Greek hyphenated with their own patterns.

One paper written to exercise each is built once with XeLaTeX; the tests read the
``.tex`` and what the PDF holds: ``pdftotext`` lines, and each span's font, size and
position (poppler's ``pdftohtml -xml``).
"""

from __future__ import annotations

import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import INDEX_MD, SERIES_CONF, paper
from helpers import BuildResult
from test_pdf import latexpdf, needs_tex, run

#: Long URLs, in notes and in the text, whose parts are of every kind CMOS names.
URLS = [
    "https://www.example-institute.org/research/publications/deterrence-and-assurance"
    "/working-papers/2021/extended-deterrence-in-northeast-asia.pdf",
    "https://data.example.org/api/v2/query?dataset=missile-launches&country=north-korea"
    "&from=2015-01-01&to=2020-12-31&format=csv",
    "https://archive.example.net/~collections/cold_war_letters/box-04/folder_12"
    "/whitcomb-to-ellison-1962-10-24.html#page-3",
    "https://www.example.gov/sites/default/files/documents/2022-national-security-"
    "strategy-of-the-united-states-of-america.pdf",
]
RUSSIAN = (
    "Внешнеполитическая концепция подчёркивает необходимость всестороннего "
    "стратегического партнёрства, взаимовыгодного экономического сотрудничества и "
    "последовательного укрепления региональной безопасности; исследователи "
    "характеризуют дальневосточную политику как многовекторную, прагматическую и "
    "одновременно осторожную, подчёркивая значение транспортной инфраструктуры, "
    "энергетических проектов и межрегиональных связей."
)
GREEK = (
    "Η εξωτερική πολιτική της χώρας δίνει ιδιαίτερη έμφαση στη στρατηγική συνεργασία, "
    "στην περιφερειακή ασφάλεια και στην οικονομική διπλωματία· οι αναλυτές "
    "χαρακτηρίζουν την προσέγγιση πραγματιστική, πολυδιάστατη και ταυτόχρονα "
    "συγκρατημένη, υπογραμμίζοντας τη σημασία των ενεργειακών υποδομών και των "
    "διαπεριφερειακών σχέσεων."
)
HEADINGS = {
    2: "Second Level Heading",
    3: "Third Level Heading",
    4: "Fourth Level Heading",
    5: "Fifth Level Heading",
}
BODY = f"""## {HEADINGS[2]}

The sources are online.[^a] [^b] [^c] The strategy is at <{URLS[3]}> and the data at
<{URLS[1]}>, both consulted in 2023.

[^a]: Working paper, <{URLS[0]}>.
[^b]: Data, <{URLS[1]}>.
[^c]: Letter, <{URLS[2]}>.

### {HEADINGS[3]}

{RUSSIAN}

{RUSSIAN}

#### {HEADINGS[4]}

{GREEK}

{GREEK}

##### {HEADINGS[5]}

The expected number of warheads that arrive, for $w$ warheads each leaking with
probability $1 - p$ past $n$ interceptors, is

$$
E[W] = w \\, (1 - p)^{{n}}
$$

and it falls quickly as $n$ grows.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    if shutil.which("xelatex") is None:
        pytest.fail("xelatex is needed (tools/system_deps.py installs TeX Live)")
    root = tmp_path_factory.mktemp("typography")
    srcdir = root / "src"
    files = {
        "conf.py": SERIES_CONF,
        "index.md": INDEX_MD,
        "typo/index.md": paper("Typography", body=BODY),
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    result = latexpdf(srcdir, root / "build")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return result


def layout_lines(pdf: Path) -> list[str]:
    """Lines as set (``-layout``: a hyphen at a line end is kept, not joined)."""
    return [line.strip() for line in run("pdftotext", "-layout", str(pdf), "-").splitlines()]


def pdf_of(built: BuildResult) -> Path:
    return built.outdir / "typo.pdf"


#: Characters CMOS 14.18 breaks a URL before (= and & also after).
BREAK_BEFORE = "/.-_,?#%~=&"


@needs_tex
def test_urls_break_before_separators_as_cmos_asks(built: BuildResult) -> None:
    lines = layout_lines(pdf_of(built))
    fragments = {url.split("://", 1)[1] for url in URLS}
    breaks = []
    for line, following in pairwise(lines):
        url = re.search(r"https?://\S*$", line)
        if url is None or not following:
            continue
        rest = url[0].split("://", 1)[1]
        whole = rest + following.split(" ")[0]
        if not any(fragment.startswith(whole.rstrip(".,")) for fragment in fragments):
            continue  # the URL ended on this line
        breaks.append((line, following))
        assert not re.search(r"https?:/{0,2}$", line), line  # never the scheme alone
        before = following[0] in BREAK_BEFORE or line[-1] in "=&"
        assert before, (line, following)
        assert not line.endswith(("-", "/", ".")), (line, following)
    assert len(breaks) >= 4, breaks


def _spans(pdf: Path) -> list[tuple[str, str, float, float, float]]:
    """(text, font, size, top, bottom) of every run of text, pages stacked, in points.

    poppler's ``pdftohtml -xml`` names each run's font and size.
    """
    xml = run("pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", str(pdf))
    soup = BeautifulSoup(xml, "xml")
    fonts = {
        spec["id"]: (spec["family"].split("+")[-1], float(spec["size"]))
        for spec in soup.find_all("fontspec")
    }
    spans = []
    for page in soup.find_all("page"):
        offset = (int(page["number"]) - 1) * 10_000
        for text in page.find_all("text"):
            family, size = fonts[text["font"]]
            top = offset + float(text["top"])
            bottom = top + float(text["height"])
            spans.append((text.get_text().strip(), family, size, top, bottom))
    return spans


@needs_tex
def test_each_heading_level_is_set_differently(built: BuildResult) -> None:
    spans = _spans(pdf_of(built))
    looks = {}
    for level, text in HEADINGS.items():
        first = text.split()[0]  # a run-in heading's words are spans of their own
        [(font, size)] = {(f, s) for t, f, s, _, _ in spans if t.startswith(first)}
        looks[level] = (font, size)
    assert len(set(looks.values())) == len(looks), looks
    sizes = [looks[level][1] for level in sorted(looks)]
    assert sizes == sorted(sizes, reverse=True), looks
    # the two lowest levels differ in more than size: face or weight
    assert looks[3][0] != looks[4][0] and looks[4][0] != looks[5][0], looks
    tex = (built.outdir / "typo.tex").read_text(encoding="utf-8")
    assert f"\\subsubsection{{{HEADINGS[4]}}}" in tex and f"\\paragraph{{{HEADINGS[5]}}}" in tex


@needs_tex
def test_no_blank_line_above_a_display_equation(built: BuildResult) -> None:
    """The equation sits inside its paragraph: the gap above it is no larger than below."""
    spans = _spans(pdf_of(built))
    lead = [span for span in spans if span[0].endswith("interceptors, is")][-1]
    after = next(span for span in spans if span[0].startswith("and it falls"))
    # the equation: what lies between those lines (not inline math on the lead line)
    equation = [span for span in spans if lead[3] + 4 < span[3] < after[3] - 4 and span[0]]
    above = min(span[3] for span in equation) - lead[4]
    below = after[3] - max(span[4] for span in equation)
    assert 0 < above <= below, (above, below)  # it was about 34 pt above, 22 below
    tex = (built.outdir / "typo.tex").read_text(encoding="utf-8")
    # in its paragraph, after the equation's source mark (a TeX error there names its line)
    inside = r"interceptors, is\n%% source: typo/index\.md:\d+\n\\begin\{equation"
    assert re.search(inside, tex), "not in its paragraph"


@needs_tex
def test_russian_and_greek_hyphenate_with_their_own_patterns(built: BuildResult) -> None:
    tex = (built.outdir / "typo.tex").read_text(encoding="utf-8")
    assert "\\researchlang{ru}{Внешнеполитическая" in tex
    assert "\\researchlang{el}{Η εξωτερική" in tex
    lines = layout_lines(pdf_of(built))  # -layout: hyphens kept at line ends
    cyrillic = [line for line in lines if re.search(r"[а-я]-$", line)]
    greek = [line for line in lines if re.search(r"[α-ωά-ώ]-$", line)]
    assert cyrillic and greek, (cyrillic, greek)
    log = (built.outdir / "typo.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log

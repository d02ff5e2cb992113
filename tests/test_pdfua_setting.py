"""What the accessible PDF sets beyond WeasyPrint's own: formulas typeset and tagged,
Korean broken between words only; and every paper of the real-papers corpus conforms.

Real builds (HTML, then ``python -m research_series.pdfua`` as ``make site`` runs it),
read with pikepdf (``pdfua_checks``), ``pdftotext`` and the PDF/UA checker ``outloud``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pikepdf
import pytest

import pdfua_checks as checks
from conftest import INDEX_MD, SERIES_CONF, paper
from helpers import sphinx_build
from pdfua_checks import make_pdfs
from research_series.pdfua.formulas import typeset_formulas

MATH_BODY = r"""## Formulas

Deterrence holds when $p \cdot B > C$ for each actor, and a ratio $\frac{a}{b}$
inline too.

$$
E = \sum_{i=1}^{n} p_i \, u(x_i)
$$ (eq-utility)

As equation {eq}`eq-utility` shows, and unnumbered:

$$
\sqrt{x^2 + y^2} \leq \int_0^\infty e^{-t} \, dt
$$

```{math}
:label: eq-aligned
\begin{aligned} a &= b + c \\ d &= e \end{aligned}
```

A last paragraph with a note,[^m] and a link with a formula in its text:
[the case $n = 2$](#formulas).

[^m]: A note with a formula, $x_1 < x_2$.
"""
#: The formulas' TeX in reading order (the note's right after its call).
MATH_ALTS = [
    r"p \cdot B > C",
    r"\frac{a}{b}",
    r"E = \sum_{i=1}^{n} p_i \, u(x_i)",
    r"\sqrt{x^2 + y^2} \leq \int_0^\infty e^{-t} \, dt",
    r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}",
    r"x_1 < x_2",
    r"n = 2",
]


KOREAN_CELLS = (
    "서울특별시는 대한민국의 수도이며 한강을 끼고 있는 큰 도시입니다.",
    "정치 경제 사회 문화의 중심지로서 국제회의가 자주 열립니다.",
    "통계청 자료에 따르면 인구는 약 구백사십만 명입니다.",
    "북한과의 관계는 냉전 이후 크게 변화하였습니다.",
)
KOREAN_BODY = f"""## 표

| 서울 | 정치 | 인구 | 관계 |
|---|---|---|---|
| {" | ".join(KOREAN_CELLS)} |

그 다음 문단은 본문의 너비로 짜입니다. {" ".join(KOREAN_CELLS)}
"""
REAL_PAPERS = Path(__file__).parent / "roots" / "test-real-papers"
HANGUL = re.compile("[\uac00-\ud7af]+")


def write_project(srcdir: Path, body: str) -> None:
    files = {
        "conf.py": SERIES_CONF,
        "index.md": INDEX_MD,
        "paper/index.md": paper("A Paper with Formulas", body=body),
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")


def printed(workdir: Path, body: str) -> Path:
    """The paper with *body*, built and printed; its accessible PDF."""
    write_project(workdir / "src", body)
    result = sphinx_build(workdir / "src", workdir / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(workdir / "src") == []
    proc = make_pdfs(workdir)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return workdir / "pdfua" / "paper.pdf"


@pytest.fixture(scope="module")
def math_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A paper with inline, display, numbered and aligned formulas, one in a note."""
    return printed(tmp_path_factory.mktemp("math"), MATH_BODY)


def test_formulas_pass_the_pdfua_checker(math_pdf: Path) -> None:
    result = checks.outloud(math_pdf)
    assert result["counts"]["error"] == 0, result["findings"]  # type: ignore[index]


def test_formulas_are_tagged_with_their_tex(math_pdf: Path) -> None:
    with pikepdf.open(math_pdf) as pdf:
        checks.check_tagged(pdf)
        checks.check_formulas(pdf, MATH_ALTS)
        checks.check_notes(pdf, count=1)
        checks.check_notes_after_calls(pdf)
        checks.check_links(pdf)
        checks.check_fonts(pdf)
        checks.check_artifacts_and_content(pdf)
        # the link's text breaks before its formula: that part of it says the formula
        alts = [str(e.obj.Alt) for e in checks.elements(pdf) if e.tag == "Link" and "/Alt" in e.obj]
        assert alts == ["n = 2"], alts


def test_formulas_are_typeset_with_their_numbers(math_pdf: Path) -> None:
    """No MathML character is set as text (a formula is drawn); each numbered display
    has its number, on its own at the right of the measure, after its formula."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(math_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for leaked in ("∑", "∫", "√", "⋅", "\\frac", "x₁"):
        assert leaked not in text, leaked
    lines = [line for line in text.splitlines() if line.strip() in ("(1)", "(2)")]
    assert [line.strip() for line in lines] == ["(1)", "(2)"], text
    body = max(len(line.rstrip()) for line in text.splitlines())
    assert all(len(line.rstrip()) >= body - 2 for line in lines), lines
    assert "As equation (1) shows" in text


Breaker = Callable[[pikepdf.Pdf], None]


def _as_figure(pdf: pikepdf.Pdf) -> None:
    for element in checks.elements(pdf):
        if element.tag == "Formula":
            element.obj.S = pikepdf.Name("/Figure")
            return


def _no_alt(pdf: pikepdf.Pdf) -> None:
    formula = next(e.obj for e in checks.elements(pdf) if e.tag == "Formula")
    del formula["/Alt"]


def _emptied(pdf: pikepdf.Pdf) -> None:
    formula = next(e.obj for e in checks.elements(pdf) if e.tag == "Formula")
    formula.K = pikepdf.Array()


@pytest.mark.parametrize("breaker", [_as_figure, _no_alt, _emptied])
def test_the_formula_check_fails_on_a_pdf_broken_its_way(
    math_pdf: Path, tmp_path: Path, breaker: Breaker
) -> None:
    with pikepdf.open(math_pdf) as pdf:
        checks.check_formulas(pdf, MATH_ALTS)
        breaker(pdf)
        pdf.save(tmp_path / "broken.pdf")
    with pikepdf.open(tmp_path / "broken.pdf") as broken, pytest.raises(AssertionError):
        checks.check_formulas(broken, MATH_ALTS)


def test_korean_breaks_between_words_only(tmp_path: Path) -> None:
    """Korean in narrow table columns and in the text: every word of the source is one
    word in the PDF (``pdftotext -bbox``), however many lines the columns take."""
    pdf = printed(tmp_path, KOREAN_BODY)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(word.get("ymin")), word.text or "")
        for word in lxml.html.fromstring(bbox, parser=lxml.html.HTMLParser()).iter("word")
    ]
    printed_words = {"".join(HANGUL.findall(text)) for _, text in words}
    source_words = {"".join(HANGUL.findall(w)) for cell in KOREAN_CELLS for w in cell.split()}
    assert source_words <= printed_words, sorted(source_words - printed_words)
    # the columns are narrow: each cell took several lines (so there were breaks to make)
    first = KOREAN_CELLS[0].split()
    lines = {round(y) for y, text in words if text in first}
    assert len(lines) >= 3, lines


def test_every_real_paper_conforms(tmp_path: Path) -> None:
    """The corpus of real papers (figures, tables, numbered math, notes, Korean and
    Arabic, keywords in both): each accessible PDF with no checker error, its notes
    after their calls, its formulas tagged, its Korean and Arabic with their /Lang."""
    shutil.copytree(REAL_PAPERS, tmp_path / "src")
    result = sphinx_build(tmp_path / "src", tmp_path / "html")
    assert result.returncode == 0, result.stderr
    proc = make_pdfs(tmp_path)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    pdfs = sorted((tmp_path / "pdfua").glob("*.pdf"))
    assert [pdf.stem for pdf in pdfs] == ["han-2022", "ivanova-2020", "lindqvist-2019",
                                          "okafor-2021"]  # fmt: skip
    languages: set[str] = set()
    formulas = 0
    for path in pdfs:
        found = checks.outloud(path)
        # warnings left: a formula's /Alt is its TeX (MATH-010); a long table's head
        # row, repeated on each page, is read on each (PAG-001)
        rules = {finding["rule"] for finding in found["findings"]}  # type: ignore[attr-defined]
        assert rules <= {"MATH-010", "PAG-001"}, (path.name, found["findings"])
        with pikepdf.open(path) as pdf:
            checks.check_tagged(pdf)
            checks.check_notes_after_calls(pdf)
            checks.check_fonts(pdf)
            checks.check_artifacts_and_content(pdf)
            elements = checks.elements(pdf)
            languages |= {str(e.obj.Lang) for e in elements if "/Lang" in e.obj}
            formulas += sum(e.tag == "Formula" and bool(e.obj.get("/Alt")) for e in elements)
    assert {"ko", "ar"} <= languages, languages
    assert formulas >= 6, formulas


def _math(tex: str, mathml: str) -> str:
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="{tex}">{mathml}</math>'


def test_a_formula_sits_on_the_line_and_one_not_drawn_is_printed_as_tex() -> None:
    """Inline formulas are sized in em with their depth below the baseline; a formula
    ziamath cannot draw (a fraction with one part) is its TeX, with a message."""
    article = lxml.html.fragment_fromstring(
        "<div><p>A "
        + _math("\\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
        + ", "
        + _math("x", "<mi>x</mi>")
        + " and "
        + _math("\\frac{a}{}", "<mfrac><mi>a</mi></mfrac>")
        + " end.</p></div>"
    )
    problems = typeset_formulas(article)
    fraction, letter = article.iter("img")
    assert fraction.get("alt") == "\\frac{a}{b}" and letter.get("alt") == "x"
    assert fraction.get("class") == "formula formula-inline"
    assert (fraction.tail, letter.tail) == (", ", " and ")
    shift = [float(re.findall(r"vertical-align: (-?[0-9.]+)em", image.get("style", ""))[0])
             for image in (fraction, letter)]  # fmt: skip
    assert shift[0] < -0.1 < shift[1] <= 0, shift  # a fraction reaches below the baseline
    [code] = article.iter("code")
    assert code.text == "\\frac{a}{}" and code.tail == " end."
    assert len(problems) == 1 and problems[0].startswith("formula '\\frac{a}{}' printed as TeX")

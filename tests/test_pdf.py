"""PDFs as readers get them: one per paper and a volume, built by ``make latexpdf``.

The projects are compiled for real (XeLaTeX through the LaTeX folder's
Makefile), once per session, and the tests read the PDFs with poppler's
``pdftotext``, ``pdfinfo`` and ``pdffonts``, plus the ``.tex`` for structure.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import BuildResult
from research_series.pdf import make as pdf_make
from research_series.pdf.config import latex_documents_for
from research_series.pdf.texlog import first_error, report, source_of
from research_series.pdf.transforms import unsafe_tex

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).parent / "roots"

needs_tex = pytest.mark.skipif(
    shutil.which("xelatex") is None and not os.environ.get("CI"),
    reason="xelatex is not installed (tools/system_deps.py installs TeX Live); "
    "CI always runs these tests",
)


# ---- building and reading PDFs ---------------------------------------------------------


def latexpdf(srcdir: Path, builddir: Path, *, strict: bool = True) -> BuildResult:
    """``sphinx-build -M latexpdf``, as ``make latexpdf`` runs it (strict by default)."""
    command = [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(builddir)]
    command += ["-q", "-W", "--keep-going"] if strict else ["-q"]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, builddir / "latex")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(pdf)), re.MULTILINE)
    assert match, f"pdfinfo gives no page count for {pdf}"
    return int(match[1])


def pages(pdf: Path) -> list[str]:
    """The text of each page, one ``pdftotext -f N -l N`` per page."""
    return [
        run("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-")
        for n in range(1, page_count(pdf) + 1)
    ]


def flat(text: str) -> str:
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Without any white space: line breaks fall differently in CJK and long words."""
    return re.sub(r"\s+", "", text)


def info(pdf: Path) -> dict[str, str]:
    fields = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def pdf_objects(pdf: Path) -> bytes:
    """The PDF's bytes with every compressed stream inflated (catalog, annotations)."""
    data = pdf.read_bytes()
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(data[match.end() : end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


# ---- the projects, each built once ----------------------------------------------------


@pytest.fixture(scope="session")
def series(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The test series: three papers (one with hostile metadata) and the volume."""
    srcdir = tmp_path_factory.mktemp("pdf-series") / "src"
    shutil.copytree(ROOTS / "test-series", srcdir)
    result = latexpdf(srcdir, srcdir.parent / "build")
    assert result.returncode == 0, result.stderr
    assert result.warnings(srcdir) == []
    return result


@pytest.fixture(scope="session")
def edge(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """Every script, a paper whose LaTeX fails, a paper that tries to run TeX."""
    srcdir = tmp_path_factory.mktemp("pdf-edge") / "src"
    shutil.copytree(ROOTS / "test-pdf-edge", srcdir)
    return latexpdf(srcdir, srcdir.parent / "build", strict=False), srcdir


@pytest.fixture(scope="session")
def real_series(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """``make latexpdf BUILDDIR=...`` on the real series, through the repository's Makefile."""
    builddir = tmp_path_factory.mktemp("pdf-real") / "_build"
    proc = subprocess.run(
        [
            "make",
            "-C",
            str(REPO),
            "latexpdf",
            f"BUILDDIR={builddir}",
            "STAMP=",  # the running interpreter is the environment; do not set one up
            f"RESEARCH_SERIES={sys.executable} -m research_series.editor.cli",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return BuildResult(proc.returncode, proc.stdout, proc.stderr, builddir / "latex")


# ---- one PDF per paper, plus the volume --------------------------------------------------


@needs_tex
def test_one_pdf_per_paper_named_by_slug_and_the_volume(series: BuildResult) -> None:
    assert sorted(path.name for path in series.outdir.glob("*.pdf")) == [
        "alpha.pdf",
        "hostile.pdf",
        "series.pdf",
        "zeta.pdf",
    ]


@needs_tex
def test_make_latexpdf_honours_builddir(real_series: BuildResult) -> None:
    slugs = [path.parent.name for path in (REPO / "papers").glob("*/index.md")]
    assert "hovander-2016" in slugs
    assert sorted(path.name for path in real_series.outdir.glob("*.pdf")) == sorted(
        [f"{slug}.pdf" for slug in slugs] + ["series.pdf"]
    )


@needs_tex
def test_each_pdf_holds_its_paper_only(series: BuildResult) -> None:
    text = flat("".join(pages(series.outdir / "zeta.pdf")))
    assert "Deterrence Revisited" in text
    assert "Alliances in Question" not in text
    assert "Tricky" not in text


@needs_tex
def test_volume_has_cover_contents_and_papers_in_number_order(series: BuildResult) -> None:
    volume = pages(series.outdir / "series.pdf")
    assert flat(volume[0]) == (
        "Test Series of Papers Test Studies Program, University of Testing 2019–2021 "
        "PAPERS REVIEWED BY THE TSP COMMITTEE "
        "Professors: Ada Lovelace, Alan Turing, and Grace Hopper "
        "Reviewed and accepted for web listing; papers may be cited. Papers are reviewed by a "
        "TSP committee consisting of Professors Ada Lovelace, Alan Turing, and Grace Hopper."
    )
    contents = flat(volume[1])
    titles = ["Deterrence Revisited", "Alliances in Question", "Tricky & 100%"]
    positions = [contents.find(title) for title in titles]
    assert -1 not in positions and positions == sorted(positions), contents
    numbers = re.findall(r"TEST SERIES OF PAPERS · NO\. (\d+)", "".join(volume))
    assert numbers == ["1", "2", "3"]
    assert info(series.outdir / "series.pdf")["Title"] == "Test Series of Papers"


def internal_links(pdf: Path) -> list[tuple[int, object, int | None]]:
    """Each internal link: its page, its destination as written, the page it lands on."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    named = reader.named_destinations
    links = []
    for n, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            destination = annotation.get("/Dest")
            if action is not None and action.get("/S") == "/GoTo":
                destination = action["/D"]
            if destination is None:
                continue
            if isinstance(destination, list):
                lands = numbers.get(destination[0].idnum)
            else:
                found = named.get(str(destination))
                lands = reader.get_destination_page_number(found) if found else None
            links.append((n, destination, lands))
    return links


@needs_tex
def test_volume_is_assembled_from_the_papers_pdfs(series: BuildResult) -> None:
    volume = pages(series.outdir / "series.pdf")
    papers = [pages(series.outdir / f"{slug}.pdf") for slug in ("zeta", "alpha", "hostile")]
    front = len(volume) - sum(len(paper) for paper in papers)
    assert front == 2  # the cover and the contents, typeset; the papers are their own PDFs
    assert volume[front:] == [page for paper in papers for page in paper]
    tex = (series.outdir / "series.tex").read_text(encoding="utf-8")
    assert "Deterrence Revisited" not in tex  # the volume's LaTeX is not typeset in full


@needs_tex
def test_volume_has_one_bookmark_per_paper_at_its_first_page(series: BuildResult) -> None:
    from pypdf import PdfReader

    reader = PdfReader(series.outdir / "series.pdf")
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in outline] == [
        "Contents",
        "1. Deterrence Revisited",
        "2. Alliances in Question",
        '3. Tricky & 100% $x$? #1 a_b {c} \\input{/etc/passwd} "quotes" '
        "<script>alert(1)</script> Привет 한국어",
    ]
    volume = pages(series.outdir / "series.pdf")
    assert "Contents" in volume[outline[0][1]]
    for title, page in outline[1:]:
        assert flat(title.split(". ", 1)[1])[:20] in flat(volume[page]), (title, page)
        assert "TEST SERIES OF PAPERS · NO." in volume[page]


@needs_tex
def test_volume_page_labels_are_the_contents_page_numbers(series: BuildResult) -> None:
    from pypdf import PdfReader

    labels = PdfReader(series.outdir / "series.pdf").page_labels
    assert labels[:2] == ["Cover", "i"]
    assert labels[2:] == [str(n) for n in range(1, len(labels) - 1)]
    contents = flat(pages(series.outdir / "series.pdf")[1])
    # each entry ends in its paper's first page, as labelled
    bookmarks = PdfReader(series.outdir / "series.pdf").outline[1:]
    reader = PdfReader(series.outdir / "series.pdf")
    for item in bookmarks:
        label = labels[reader.get_destination_page_number(item)]
        title = item.title.split(". ", 1)[1]
        assert re.search(re.escape(flat(title)[:15]) + r".*? " + label + r"\b", contents)


@needs_tex
def test_volume_links_land_where_the_papers_do(series: BuildResult) -> None:
    volume_links = internal_links(series.outdir / "series.pdf")
    assert volume_links and all(lands is not None for _, _, lands in volume_links)
    # every destination is explicit: no paper's names can clash with another's
    assert all(isinstance(destination, list) for _, destination, _ in volume_links)
    # the contents link each title and page number to the paper's first page
    contents = sorted({lands for page, _, lands in volume_links if page == 1})
    counts = [page_count(series.outdir / f"{slug}.pdf") for slug in ("zeta", "alpha", "hostile")]
    firsts = [2 + sum(counts[:n]) for n in range(3)]
    assert contents == firsts
    # a paper's own links land on the same page of the paper in the volume
    zeta = internal_links(series.outdir / "zeta.pdf")
    assert zeta, "zeta.pdf has citation links"
    start = firsts[0]
    in_zeta = [(page - start, lands - start) for page, _, lands in volume_links
               if page >= start and page < firsts[1] and lands is not None]  # fmt: skip
    assert sorted(in_zeta) == sorted((page, lands) for page, _, lands in zeta if lands is not None)


@needs_tex
def test_one_pass_paper_is_the_pdf_latexmk_makes_in_two(
    series: BuildResult, tmp_path: Path
) -> None:
    tex = (series.outdir / "zeta.tex").read_text(encoding="utf-8")
    assert tex.splitlines()[2] == "\\def\\researchonepass{}\\def\\researchnocjk{}"
    assert "Run number 2" not in (series.outdir / "zeta.latexmk.log").read_text(encoding="utf-8")
    # the same paper as before: latexmk's passes, with the CJK fonts
    before = tmp_path / "latexmk"
    shutil.copytree(series.outdir, before)
    for path in before.glob("zeta.*"):
        if path.suffix != ".tex":
            path.unlink()
    (before / "zeta.tex").write_text("\n".join(tex.splitlines()[:1] + tex.splitlines()[3:]))
    subprocess.run([*pdf_make.LATEXMK, "zeta.tex"], cwd=before, capture_output=True, check=True)
    one, two = series.outdir / "zeta.pdf", before / "zeta.pdf"
    assert pages(one) == pages(two)
    # the same links from the same pages to the same pages (named differently)
    assert [(n, lands) for n, _, lands in internal_links(one)] == [
        (n, lands) for n, _, lands in internal_links(two)
    ]
    from pypdf import PdfReader

    assert [o.title for o in PdfReader(one).outline] == [o.title for o in PdfReader(two).outline]


@needs_tex
def test_no_op_runs_no_tex(series: BuildResult) -> None:
    pdf = series.outdir / "zeta.pdf"
    before = pdf.stat().st_mtime_ns
    subprocess.run(["make", "-C", str(series.outdir), "zeta.pdf"], capture_output=True, check=True)
    assert pdf.stat().st_mtime_ns == before
    volume = series.outdir / "series.pdf"
    made = volume.stat().st_mtime_ns
    subprocess.run(
        ["make", "-C", str(series.outdir), "series.pdf"], capture_output=True, check=True
    )
    assert volume.stat().st_mtime_ns == made


def volume_facts(pdf: Path) -> tuple[object, ...]:
    """What a reader gets of a volume: its pages' text, bookmarks, page labels, links."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    links = [(page, lands) for page, _, lands in internal_links(pdf)]
    return pages(pdf), outline, reader.page_labels, links


@needs_tex
@pytest.mark.parametrize(
    ("edit", "new_front"),
    [
        ("A sentence more.", False),  # the same pages: the front matter is kept
        ("\\clearpage A page more.\\clearpage A second page more.", True),  # later pages move
    ],
)
def test_volume_after_one_paper_changed_is_the_volume_made_anew(
    series: BuildResult, tmp_path: Path, edit: str, new_front: bool
) -> None:
    """Only the edited paper's pages are replaced, and the volume is the one a clean
    assembly makes: the same pages, bookmarks, labels and links."""
    folder = tmp_path / "latex"
    shutil.copytree(series.outdir, folder)
    tex = folder / "alpha.tex"
    text = tex.read_text(encoding="utf-8")
    tex.write_text(text.replace("\\end{document}", edit + "\n\\end{document}"), "utf-8")
    front_log = folder / "series-front.xelatex.log"
    before = front_log.stat().st_mtime_ns
    proc = subprocess.run(["make", "-C", str(folder), "all-pdf"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert "PDF series.pdf (3 papers" in proc.stdout
    assert "2 of 3 PDFs up to date" in proc.stderr
    assert (front_log.stat().st_mtime_ns != before) is new_front
    updated = volume_facts(folder / "series.pdf")
    assert ("A page more" in "".join(updated[0])) is new_front
    assert "A sentence more" in "".join(updated[0]) or new_front
    (folder / "series.volume-inputs.json").unlink()
    (folder / "series.pdf").unlink()
    subprocess.run(["make", "-C", str(folder), "series.pdf"], capture_output=True, check=True)
    assert updated == volume_facts(folder / "series.pdf")
    assert updated[0][2:] != volume_facts(series.outdir / "series.pdf")[0][2:]


@needs_tex
def test_pdfs_made_in_shards_are_assembled_without_tex_again(
    series: BuildResult, tmp_path: Path
) -> None:
    """A series too big for one build: papers' PDFs made by separate jobs, then merged."""
    fresh = tmp_path / "latex"
    shutil.copytree(series.outdir, fresh)
    for path in [*fresh.glob("*.pdf"), *fresh.glob("*.inputs.json"), *fresh.glob("*.fls")]:
        path.unlink()
    shards = {"one": ["zeta", "alpha"], "two": ["hostile"]}
    for shard, names in shards.items():
        folder = tmp_path / shard
        shutil.copytree(fresh, folder)
        make = ["make", "-C", str(folder), *(f"{name}.pdf" for name in names)]
        subprocess.run(make, capture_output=True, check=True)
        for name in names:
            for suffix in (".pdf", ".inputs.json"):
                shutil.copy2(folder / f"{name}{suffix}", fresh / f"{name}{suffix}")
    made = {path.name: path.stat().st_mtime_ns for path in fresh.glob("*.pdf")}
    proc = subprocess.run(["make", "-C", str(fresh), "all-pdf", "V=1"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert "3 of 3 PDFs up to date" in proc.stderr and "PDF series.pdf (3 papers" in proc.stdout
    assert {name: (fresh / name).stat().st_mtime_ns for name in made} == made
    assert pages(fresh / "series.pdf") == pages(series.outdir / "series.pdf")


# ---- the first page ------------------------------------------------------------------


@needs_tex
def test_first_page_is_the_title_block_in_order(series: BuildResult) -> None:
    first = flat(pages(series.outdir / "zeta.pdf")[0])
    expected = (
        "TEST SERIES OF PAPERS · NO. 1 · TEST RESEARCH REPORT "
        "Deterrence Revisited "
        "Jane Doe (University of Testing) ORCID 0000-0002-1825-0097 "
        "John Roe (Institute of Examples) Анна Иванова "
        "Test Studies Program, University of Testing · March 5, 2019 "
        "Working paper (Works-in-Progress) "
        "DOI: https://doi.org/10.1234/tsp.1 "
        "Keywords: deterrence; alliances "
        "Reviewed and accepted for web listing; papers may be cited. Papers are reviewed by a "
        "TSP committee consisting of Professors Ada Lovelace, Alan Turing, and Grace Hopper. "
        "Abstract Deterrence is revisited. A second abstract paragraph. "
        "Argument Balance of power theory"
    )
    assert first.startswith(expected), first
    # each author on a line of their own, ORCID beside its number
    lines = [line.strip() for line in pages(series.outdir / "zeta.pdf")[0].splitlines()]
    assert "Jane Doe (University of Testing) ORCID 0000-0002-1825-0097" in lines
    assert "John Roe (Institute of Examples)" in lines and "Анна Иванова" in lines


@needs_tex
def test_first_page_has_no_release_line_and_no_build_date(series: BuildResult) -> None:
    first = pages(series.outdir / "zeta.pdf")[0]
    today = dt.date.today()
    assert "Release" not in first
    assert today.strftime("%b %d, %Y") not in first
    assert f"{today:%B} {today.day}, {today.year}" not in first
    assert flat(first).count("Reviewed and accepted for web listing") == 1


@needs_tex
def test_published_paper_shows_published_as(series: BuildResult) -> None:
    first = flat(pages(series.outdir / "alpha.pdf")[0])
    assert (
        'Published as: Mary Major, "Alliances," Journal of Tests 4 (2021), '
        "https://example.org/alliances." in first
    )


@needs_tex
def test_title_is_in_the_title_block_not_a_section(series: BuildResult) -> None:
    tex = (series.outdir / "zeta.tex").read_text(encoding="utf-8")
    assert "\\section{Deterrence Revisited}" not in tex
    assert (
        "\\begin{sphinxuseclass}{report-title}\n\\sphinxAtStartPar\nDeterrence Revisited\n" in tex
    )
    sections = re.findall(r"^\\section\{(.*)\}$", tex, re.MULTILINE)
    assert sections == ["Argument", "Works Cited", "Works Referenced"]
    assert "\\release{}" in tex and "\\sphinxmaketitle" not in tex


@needs_tex
def test_running_foot_with_series_short_name_number_and_page(real_series: BuildResult) -> None:
    paper = pages(real_series.outdir / "hovander-2016.pdf")
    assert len(paper) >= 3
    for number, text in enumerate(paper, 1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert lines[-2:] == ["NSSP · No. 1", str(number)], lines[-3:]


# ---- notes -------------------------------------------------------------------------------

#: Paper 1's notes: the word each mark follows, and how the note begins.
PAPER1_NOTES = {
    1: ("advantage", "A decision advantage is when policy makers"),
    2: ("knowledge", "Kathryn Weathersby, “The Soviet role"),
    3: ("materials", "“ECFR126"),
    4: ("goods", "“OEC - Russia (RUS) Exports"),
    5: ("determined", "“Cyberattack Hits South Korean Banking"),
    6: ("Core", "“Russia Masses More Forces"),
    7: ("aircraft", "“U.S., Russia Dominate Nuclear"),
    8: ("partner", "“DPRK Briefing Book"),
    9: ("goods", "“OEC - North Korea (PRK)"),
    10: ("2013", "“OEC - Russia (RUS) Exports"),
}


def note_pages(paper: list[str], word: str, number: int, start: str) -> tuple[int, int]:
    """The page of the mark ``word<number>`` and the page where note *number* begins."""
    mark = re.compile(rf"{re.escape(word)}{number}(?!\d)")
    # (a ragged-right note's number may come out of pdftotext on a line of its own)
    note = re.compile(rf"^{number}\s+{re.escape(start)}", re.MULTILINE)
    mark_page = next((n for n, text in enumerate(paper, 1) if mark.search(text)), 0)
    note_page = next((n for n, text in enumerate(paper, 1) if note.search(text)), 0)
    return mark_page, note_page


@needs_tex
def test_paper1_notes_are_footnotes_on_the_page_of_their_mark(real_series: BuildResult) -> None:
    paper = pages(real_series.outdir / "hovander-2016.pdf")
    for number, (word, start) in PAPER1_NOTES.items():
        mark_page, note_page = note_pages(paper, word, number, start)
        assert mark_page > 0, f"mark {number} not found"
        assert note_page == mark_page, f"note {number}: mark on {mark_page}, note on {note_page}"


@needs_tex
def test_generated_notes_are_numbered_and_placed_like_written_ones(series: BuildResult) -> None:
    paper = pages(series.outdir / "zeta.pdf")
    for number, word, start in (
        (1, "theory", "See Kenneth N. Waltz, Theory of International Politics"),
        (2, "again", "Waltz, Theory of International Politics, 260"),
        (3, "note", "Waltz, Theory of International Politics, 97."),
    ):
        mark_page, note_page = note_pages(paper, word, number, start)
        assert mark_page > 0 and note_page == mark_page, (number, mark_page, note_page)
    tex = (series.outdir / "zeta.tex").read_text(encoding="utf-8")
    assert re.findall(r"\\begin\{footnote\}\[(\d+)\]", tex) == ["1", "2", "3"]


# ---- works lists ----------------------------------------------------------------------


@needs_tex
def test_works_cited_and_referenced_are_two_lists_at_the_end(series: BuildResult) -> None:
    text = flat("".join(pages(series.outdir / "zeta.pdf")))
    assert (
        "Works Cited Smith, Adam. Zeta's Smith Book. New York: Zeta Press, 2000. "
        "Waltz, Kenneth N. Theory of International Politics. Reading, MA: Addison-Wesley, 1979. "
        "Works Referenced Keohane, Robert O. After Hegemony. Princeton, NJ: Princeton "
        "University Press, 1984." in text
    )
    assert "Bibliography" not in text
    tex = (series.outdir / "zeta.tex").read_text(encoding="utf-8")
    for heading in ("Works Cited", "Works Referenced"):
        assert f"\\section{{{heading}}}\n\\label{{\\detokenize{{zeta/index:" in tex
    assert tex.count("\\begin{sphinxuseclass}{bibliography}") == 2
    assert "thebibliography" not in tex


@needs_tex
def test_every_label_is_written_once_and_citation_links_have_targets(
    series: BuildResult,
) -> None:
    # The volume is assembled from the papers' PDFs: its links are checked there.
    tex = (series.outdir / "zeta.tex").read_text(encoding="utf-8")
    labels = Counter(re.findall(r"\\label\{(.*?)\}\}", tex))
    assert [label for label, count in labels.items() if count > 1] == []
    assert "\\label{\\detokenize{zeta/index:ref-smith2000}}" in tex
    log = (series.outdir / "zeta.log").read_text(encoding="utf-8", errors="replace")
    assert not re.search(r"[Rr]eference .* undefined|undefined references|multiply", log)


def entry_lines(pdf: Path, page: int, first_words: str) -> list[float]:
    """Left edges of the lines of the paragraph starting with *first_words*."""
    xhtml = run("pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-")
    for block in BeautifulSoup(xhtml, "html.parser").find_all("block"):
        assert isinstance(block, Tag)
        lines = block.find_all("line")
        if lines and flat(lines[0].get_text(" ")).startswith(first_words):
            return [float(str(line.get("xmin"))) for line in lines if isinstance(line, Tag)]
    raise AssertionError(f"no paragraph starting with {first_words!r} on page {page}")


def overfull_lines(latexdir: Path) -> list[str]:
    """TeX's reports of lines wider than the text, in every log of a LaTeX folder."""
    return [
        f"{log.name}: {line}"
        for log in sorted(latexdir.glob("*.log"))
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.startswith("Overfull \\hbox")
    ]


@needs_tex
def test_nothing_runs_off_the_page(series: BuildResult, real_series: BuildResult) -> None:
    assert overfull_lines(series.outdir) == []
    assert overfull_lines(real_series.outdir) == []


@needs_tex
def test_entries_hang_and_long_urls_break_within_the_page(edge: tuple[BuildResult, Path]) -> None:
    result, _ = edge
    pdf = result.outdir / "scripts.pdf"
    lefts = entry_lines(pdf, 1, "Ünal, Zeynep.")
    assert len(lefts) >= 2, "the long URL should wrap"
    assert all(left - lefts[0] > 15 for left in lefts[1:]), lefts  # 2em hanging indent
    assert overfull_lines(result.outdir) == []
    url = (
        b"https://example.org/a/long/path/AnAddressSegmentWithoutSlashesOrDotsThatIsWiderThan"
        b"TheWholeLineOfTextSoOnlyABreakBetweenLettersCanKeepItOnThePage/index.html"
        b"?query=parameter&other=value"
    )
    assert re.search(rb"/URI\s*\(" + re.escape(url) + rb"\)", pdf_objects(pdf)), "not a link"


# ---- metadata, fonts, scripts ----------------------------------------------------------


@needs_tex
def test_pdf_metadata(series: BuildResult) -> None:
    pdf = series.outdir / "zeta.pdf"
    fields = info(pdf)
    assert fields["Title"] == "Deterrence Revisited"
    assert fields["Author"] == "Jane Doe; John Roe; Анна Иванова"
    assert fields["Subject"] == "Test Series of Papers, No. 1: Test Research Report"
    assert fields["Keywords"] == "deterrence, alliances"
    assert re.search(rb"/Lang\s*\(en\)", pdf_objects(pdf))


@needs_tex
def test_hostile_metadata_is_printed_and_never_run(series: BuildResult) -> None:
    title = (
        'Tricky & 100% $x$? #1 a_b {c} \\input{/etc/passwd} "quotes" '
        "<script>alert(1)</script> Привет 한국어"
    )
    fields = info(series.outdir / "hostile.pdf")
    assert fields["Title"] == title
    assert fields["Author"] == "O'Brien & Sons; Иван Петров; 김민준"
    assert fields["Subject"] == "Test Series of Papers, No. 3: Special \\write18{rm} Report_#1"
    assert fields["Keywords"] == ("a & b, 50%, $money$, </script><script>alert(2)</script>, ~^\\")
    first = squeezed(pages(series.outdir / "hostile.pdf")[0])
    for text in (
        title,
        "O'Brien & Sons ORCID 0000-0001-5109-3700 Иван Петров (Московский университет) "
        "김민준 (서울대학교 & </script>)",
        "Keywords: a & b; 50%; $money$; </script><script>alert(2)</script>; ~^\\",
        # markup written as text (inline HTML itself is refused) is printed as text
        "Abstract with <b>angle</b> & ampersand, \\LaTeX{} and Привет.",
    ):
        assert squeezed(text) in first, text
    assert squeezed("SPECIAL \\WRITE18{RM} REPORT_#1") in first
    tex = (series.outdir / "hostile.tex").read_text(encoding="utf-8")
    for unescaped in ("\\input{", "\\write18{", "\\LaTeX{}", "$x$", "$money$"):
        assert unescaped not in tex, unescaped


@needs_tex
def test_every_script_in_text_metadata_and_bibliography(edge: tuple[BuildResult, Path]) -> None:
    result, _ = edge
    pdf = result.outdir / "scripts.pdf"
    fields = info(pdf)
    assert fields["Title"] == (
        "Δημοκρατία and Kraków: Zürich, São Paulo, Đà Nẵng, Москва, 北京, 서울"
    )
    assert fields["Author"] == "Zoë Åberg; Γιώργος Παπαδόπουλος; 李小龍; 김민준"
    assert fields["Keywords"] == "Ελλάδα, Łódź, Россия, 한국, 中国"
    text = squeezed("".join(pages(pdf)))
    for expected in (
        "Greek Αθήνα, Cyrillic Москва, diacritics Dvořák Łódź Ærøskøbing, Hangul 서울, "
        "Chinese 北京.",
        "Dvořák, Antonín. Příběh: Ελληνικά, 日本語, 한국어. Praha: Nakladatelství Šťastný, 1900.",
        "Толстой, Лев. Война и мир. Москва: Русский вестник, 1869.",
        "Σημείωση: a note in Ελληνικά with 한국어",
        "Γιώργος Παπαδόπουλος (Πανεπιστήμιο Αθηνών) 李小龍 (北京大学) 김민준 (서울대학교)",
    ):
        assert squeezed(expected) in text, expected


@needs_tex
def test_all_fonts_embedded(series: BuildResult, edge: tuple[BuildResult, Path]) -> None:
    pdfs = [*series.outdir.glob("*.pdf"), *edge[0].outdir.glob("*.pdf")]
    assert len(pdfs) == 6
    for pdf in pdfs:
        rows = run("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, f"{pdf.name} has no fonts"
        for row in rows:
            # columns: name type encoding emb sub uni object ID (name and type may hold spaces)
            emb = row.split()[-5]
            assert emb == "yes", f"{pdf.name}: {row}"
    fonts = run("pdffonts", str(series.outdir / "hostile.pdf"))
    assert "NotoSerifCJK" in fonts and "FreeSerif" in fonts


# ---- failures and safety ---------------------------------------------------------------


@needs_tex
def test_failing_paper_is_reported_and_the_others_still_get_pdfs(
    edge: tuple[BuildResult, Path],
) -> None:
    result, srcdir = edge
    assert result.returncode != 0
    assert sorted(path.name for path in result.outdir.glob("*.pdf")) == [
        "scripts.pdf",
        "unsafe.pdf",
    ]
    errors = result.stderr.replace(str(result.outdir), "LATEX").replace(str(srcdir), "SRC")
    # The volume is assembled from the papers' PDFs: without broken.pdf it is not made.
    pattern = (
        r"^SRC/broken/index\.md:15: ERROR: the PDF broken\.pdf was not written: "
        r"Unable to load picture or PDF file 'figure\.png'\.\n"
        r"    LATEX/broken\.tex:\d+: "
        r".*\\sphinxincludegraphics\{\{figure\}\.png\}\n"
        r"    \(full log: LATEX/broken\.log\)$"
    )
    assert re.search(pattern, errors, re.MULTILINE), errors


@needs_tex
def test_raw_latex_and_unsafe_math_are_printed_not_run(edge: tuple[BuildResult, Path]) -> None:
    result, srcdir = edge
    warnings = [line for line in result.warnings(srcdir) if "WARNING" in line]
    assert warnings == [
        "SRC/unsafe/index.md:15: WARNING: math '\\input{/etc/hostname}' cannot be shown in "
        'HTML and EPUB (Unknown LaTeX command "\\input".); it is printed as TeX there; use '
        "commands of LaTeX's math mode and amsmath [research.math]",
        "SRC/unsafe/index.md:17: WARNING: raw LaTeX is not run in the PDF, which prints it "
        "as text instead; write the content in Markdown [research.latex]",
        "SRC/unsafe/index.md:15: WARNING: math with '\\input' is not run in the PDF (that "
        "command could read or write files or redefine TeX), which prints it as text "
        "instead; remove the command [research.latex]",
    ]
    text = flat("".join(pages(result.outdir / "unsafe.pdf")))
    assert "Unsafe math \\input{/etc/hostname} is printed." in text
    assert "\\def\\x{\\input{/etc/hostname}}\\x" in text
    tex = (result.outdir / "unsafe.tex").read_text(encoding="utf-8")
    assert "\\(a^2 + \\frac{b}{c}\\)" in tex  # safe math is still math
    assert "\\def\\x" not in tex and "\\input{" not in tex


@needs_tex
def test_tex_may_not_read_files_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even TeX that escaped every check cannot read /etc (kpathsea's paranoid mode)."""
    (tmp_path / "probe.tex").write_text(
        "\\documentclass{article}\\begin{document}\\input{/etc/hostname}\\end{document}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert pdf_make.main(["--", "probe"]) == 1
    assert not (tmp_path / "probe.pdf").exists()
    assert "File `/etc/hostname.tex' not found" in capsys.readouterr().err


# ---- configuration (no TeX needed) --------------------------------------------------------


def test_every_paper_folder_is_a_latex_document(
    make_project: ProjectFactory, make_app: Callable[..., SphinxTestApp]
) -> None:
    srcdir = make_project(
        {
            "b-paper/index.md": paper(),
            "a-paper/index.md": paper(),
            "_private/index.md": paper(),
        }
    )
    app = make_app("latex", srcdir=srcdir)
    config = app.config
    assert config.latex_engine == "xelatex"
    assert config.latex_documents == [
        ("a-paper/index", "a-paper.tex", "", "", "howto", False),
        ("b-paper/index", "b-paper.tex", "", "", "howto", False),
        ("index", "series.tex", "Test Series of Papers", "Test Studies Program, "
         "University of Testing", "manual", True),
    ]  # fmt: skip
    (srcdir / "c-paper").mkdir()
    (srcdir / "c-paper" / "index.md").write_text(paper(), encoding="utf-8")
    assert [doc[1] for doc in latex_documents_for(config, srcdir)][:3] == [
        "a-paper.tex",
        "b-paper.tex",
        "c-paper.tex",
    ]


def test_users_latex_choices_are_kept(
    make_project: ProjectFactory, make_app: Callable[..., SphinxTestApp]
) -> None:
    mine = [("index", "mine.tex", "Mine", "Me", "manual")]
    conf = SERIES_CONF + f"latex_documents = {mine!r}\nlatex_engine = 'pdflatex'\n"
    srcdir = make_project({"conf.py": conf, "a-paper/index.md": paper()})
    app = make_app("latex", srcdir=srcdir)
    config = app.config
    assert config.latex_engine == "pdflatex"
    assert [tuple(doc) for doc in config.latex_documents] == mine


def test_a_paper_named_like_the_volume_costs_the_volume(
    make_project: ProjectFactory, make_app: Callable[..., SphinxTestApp]
) -> None:
    srcdir = make_project({"series/index.md": paper(), "a-paper/index.md": paper()})
    app = make_app("latex", srcdir=srcdir)
    config = app.config
    assert [doc[0] for doc in config.latex_documents] == ["a-paper/index", "series/index"]
    warnings = app.warning.getvalue()
    assert (
        f"{srcdir}/series/index.md:1: WARNING: a paper folder named 'series' has the name "
        "of the series PDF, which is not written; rename the folder [research.series]" in warnings
    )


# ---- reading TeX's log (no TeX needed) ----------------------------------------------------

LOG = """\
This is XeTeX, Version 3.141592653-2.6-0.999994 (TeX Live 2022/Debian)
(./paper.tex
./paper.tex:41: Undefined control sequence.
l.41 Some \\undefinedcommand
                             here.
./paper.tex:50: Another error we do not report.
"""

TEX = [
    "\\begin{document}",
    "%% source: paper/index.md:3",
    *[""] * 30,
    "%% source: paper/index.md:9",
]


def test_first_error_with_file_line_and_context() -> None:
    error = first_error(LOG)
    assert error is not None
    assert (error.file, error.line, error.message) == (
        "paper.tex",
        41,
        "Undefined control sequence.",
    )
    assert error.context == "Some \\undefinedcommand"


def test_first_error_in_bang_form_takes_the_line_from_the_context() -> None:
    error = first_error("! LaTeX Error: File `missing.sty' not found.\n\nl.7 \\usepackage")
    assert error is not None
    assert (error.file, error.line, error.message) == (
        None,
        7,
        "LaTeX Error: File `missing.sty' not found.",
    )


def test_source_line_is_the_last_mark_before_the_tex_line() -> None:
    assert source_of(TEX, 20) == "paper/index.md:3"
    assert source_of(TEX, 41) == "paper/index.md:9"
    assert source_of(TEX, 1) is None


def test_report_names_the_paper_file_line_and_tex_error() -> None:
    assert report("paper", LOG, TEX, "/src", "/build/latex") == (
        "/src/paper/index.md:9: ERROR: the PDF paper.pdf was not written: "
        "Undefined control sequence.\n"
        "    /build/latex/paper.tex:41: Some \\undefinedcommand\n"
        "    (full log: /build/latex/paper.log)"
    )
    assert report("paper", LOG, [], None) == (
        "paper.tex:41: ERROR: the PDF paper.pdf was not written: Undefined control sequence."
        "\n    paper.tex:41: Some \\undefinedcommand\n    (full log: paper.log)"
    )
    assert report("paper", "no error here", TEX, None) == (
        "paper.tex: ERROR: the PDF paper.pdf was not written, without a TeX error; "
        "see paper.log and paper.latexmk.log"
    )


@pytest.mark.parametrize(
    ("math", "reason"),
    [
        ("a^2 + \\frac{b}{c}", None),
        ("\\begin{aligned} x &= 1 \\end{aligned}", None),
        ("\\input{/etc/passwd}", "'\\input'"),
        ("\\csname input\\endcsname", "'\\csname'"),
        ("^^5cinput{x}", "'^^'"),
        ("\\makeatletter\\@input{x}", "'\\makeatletter'"),
    ],
)
def test_unsafe_tex_in_math(math: str, reason: str | None) -> None:
    assert unsafe_tex(math) == reason


# ---- the reader's edition: measure, URLs, running head, the volume's openings ------------


def layout_lines(pdf: Path) -> list[str]:
    return [line.strip() for line in run("pdftotext", "-layout", str(pdf), "-").splitlines()]


@needs_tex
def test_body_measure_is_60_to_90_characters(real_series: BuildResult) -> None:
    """Full lines of body text (eight words or more) on the pages after the first."""
    pdf = real_series.outdir / "hovander-2016.pdf"
    text = run("pdftotext", "-layout", "-f", "2", "-l", "5", str(pdf), "-")
    lengths = sorted(len(line.strip()) for line in text.splitlines() if len(line.split()) >= 8)
    median = lengths[len(lengths) // 2]
    assert 60 <= median <= 90, lengths
    assert lengths[len(lengths) // 10] >= 60 and lengths[9 * len(lengths) // 10] <= 90, lengths


@needs_tex
def test_urls_break_before_separators_and_keep_their_scheme(real_series: BuildResult) -> None:
    """CMOS 14.18: before / . - _ , ? # % ~, before or after = &; never after a hyphen
    (it would read as hyphenation) nor after the scheme."""
    # a note's number may stand on a line of its own between a line and the next
    lines = [
        line
        for line in layout_lines(real_series.outdir / "hovander-2016.pdf")
        if not line.isdigit()
    ]
    broken = 0
    for line, following in pairwise(lines):
        url = re.search(r"https?://\S*$", line)
        if url is None or url[0].endswith((".", ").", ",")) or not following:
            continue  # the URL ends on this line
        if not re.fullmatch(r"[\w/.\-?#%~=&:;,@!+()]+", following.split()[0]):
            continue  # not its continuation (a note carried over to the next page)
        broken += 1
        assert not re.search(r"https?:/{0,2}$", line), line  # never the scheme alone
        assert following[0] in "/.-_,?#%~=&" or url[0][-1] in "=&", (line, following)
        assert not url[0].endswith("-"), (line, following)
    assert broken >= 5


@needs_tex
def test_running_head_has_short_title_and_author(real_series: BuildResult) -> None:
    paper = pages(real_series.outdir / "hovander-2016.pdf")
    assert "Hovander\n" not in paper[0].split("Abstract")[0][:80]  # page 1: the title block
    for text in paper[1:]:
        head = [line for line in text.splitlines() if line.strip()][:2]
        assert head == ["Russia’s Abandonment of North Korea", "Hovander"], head


@needs_tex
def test_volume_opens_each_paper_as_its_own_pdf_does(series: BuildResult) -> None:
    volume = pages(series.outdir / "series.pdf")
    for slug, title in (("zeta", "Deterrence Revisited"), ("alpha", "Alliances in Question")):
        own = flat(pages(series.outdir / f"{slug}.pdf")[0]).split(" Abstract ")[0]
        opening = next(flat(p) for p in volume[2:] if flat(p).startswith(own[:40]))
        assert opening.split(" Abstract ")[0] == own
        assert title in own
    contents = flat(volume[1])
    assert "Deterrence Revisited 1 Jane Doe, John Roe, and Анна Иванова" in contents
    assert "Alliances in Question" in contents and "Mary Major" in contents

"""The accessible PDF (``pdfua`` wing): each paper's page printed as PDF/UA-1.

Real builds: the HTML build, then ``python -m research_series.pdfua`` as ``make site``
runs it; the PDFs are read with pikepdf (``pdfua_checks``) and checked by the PDF/UA
checker ``outloud``. Each structural check is also run once against a PDF broken the
one way it looks for, so that none of them can pass on anything.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

import pdfua_checks as checks
from conftest import INDEX_MD, SERIES_CONF, paper
from helpers import BuildResult, build_copy, sphinx_build
from pdfua_checks import make_pdfs
from research_series.editor.downloads import collect_downloads
from research_series.pdfua.make import (
    Paper,
    RefusedFetch,
    local_fetcher,
    read_manifest,
    render,
    reported,
)
from research_series.pdfua.tagging import WeasyPrintChanged, _check

PAPERS = Path(__file__).resolve().parent.parent / "papers"
SEED_TITLE = (
    "Russia’s Abandonment of North Korea: The Decline of Russian-North Korean Relations "
    "in the Post-Cold War Period"
)
ALT = "A bar chart of exports by year, rising from 2010 to 2015"
PARTS_BODY = f"""\
## Tables and lists

The series keeps its notes at the foot of the page.[^one] It links to
[the series site](https://example.org/series/) and to [its own notes](#tables-and-lists).

- the first item of a list
- the second item, with a second note[^two]

| Country | Capital | Population |
|---|---|---|
| Korea | Seoul | 9.7 million |
| Egypt | Cairo | 10 million |

### A figure

```{{figure}} chart.png
:alt: {ALT}

Exports by year.
```

## Other languages

<p lang="ko">서울은 대한민국의 수도이며 한강을 끼고 있는 큰 도시입니다.</p>

<p lang="ar">القاهرة هي عاصمة مصر وأكبر مدنها، وتقع على ضفاف نهر النيل.</p>

[^one]: The first note, with a second sentence to set.
[^two]: The second note.
"""
SMALL_BODY = "## Section\n\nA short paper with a note.[^n]\n\n[^n]: Its note.\n"


@pytest.fixture(scope="module")
def paper1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real paper 1's accessible PDF."""
    workdir = tmp_path_factory.mktemp("paper1")
    result = build_copy(PAPERS, workdir)
    assert result.returncode == 0, result.stderr
    proc = make_pdfs(workdir)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return workdir / "pdfua" / "hovander-2016.pdf"


def write_parts_project(srcdir: Path) -> None:
    files = {
        "conf.py": SERIES_CONF + "series_allow_raw_html = True\n",
        "index.md": INDEX_MD,
        "parts/index.md": paper("A Paper of Many Parts", body=PARTS_BODY),
        "small/index.md": paper(
            "A Small Paper",
            options=":authors: John Roe (University of Testing)\n:number: 2\n:date: 2017",
            body=SMALL_BODY,
        ),
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    Image.new("RGB", (120, 60), (30, 90, 160)).save(srcdir / "parts" / "chart.png")


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """A paper with a table, a list, a figure, notes, links, Korean and Arabic."""
    workdir = tmp_path_factory.mktemp("parts")
    write_parts_project(workdir / "src")
    result = sphinx_build(workdir / "src", workdir / "html")
    assert result.returncode == 0, result.stderr
    assert result.warnings(workdir / "src") == []
    proc = make_pdfs(workdir)
    assert proc.returncode == 0, proc.stderr
    assert "2 accessible PDFs" in proc.stdout and "(2 made" in proc.stdout
    return workdir, result


def parts_pdf(parts: tuple[Path, BuildResult]) -> Path:
    return parts[0] / "pdfua" / "parts.pdf"


def test_paper1_passes_the_pdfua_checker(paper1: Path) -> None:
    result = checks.outloud(paper1)
    assert result["counts"] == {"error": 0, "warning": 0, "info": 0}, result["findings"]
    assert result["verdict"] == "pass"


def test_paper1_structure(paper1: Path) -> None:
    with pikepdf.open(paper1) as pdf:
        checks.check_tagged(pdf)
        # 8 sections, Works Cited, Works Referenced, How to cite; the Notes section is
        # gone (each note is at the foot of its page)
        checks.check_headings(pdf, h2_count=11)
        checks.check_paragraphs(pdf, at_least=30)
        checks.check_notes(pdf, count=10)
        checks.check_notes_after_calls(pdf)
        checks.check_links(pdf)
        checks.check_languages(pdf, "en", set())
        checks.check_xmp(pdf, SEED_TITLE, ["Torin Hovander"])
        checks.check_fonts(pdf)
        checks.check_artifacts_and_content(pdf)


def test_paper1_reads_in_order_with_notes_at_the_foot(paper1: Path) -> None:
    """Title, abstract, body, works lists, How to cite; each note on its call's page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(paper1), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    order = ["Abstract", "Overview", "Conclusion", "Works Cited", "Works Referenced",
             "How to cite"]  # fmt: skip
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "Notes\n" not in text
    for call, note in (("advantage1.", "1 A decision advantage is when"),
                       ("knowledge2.", "2 Kathryn Weathersby")):  # fmt: skip
        [page] = [page for page in pages if call in page]
        assert page.index(call) < page.index(note), call
    # the running head is the title up to its colon, not on the first page
    assert "Russia’s Abandonment of North Korea\n" in pages[1]
    assert " ".join(pages[0].split()).startswith("Russia’s Abandonment of North Korea: The Decline")
    # a 60-90 character measure in the body text
    lengths = sorted(
        len(line.strip()) for page in pages for line in page.splitlines()
        if len(line.strip()) > 50 and "http" not in line
    )  # fmt: skip
    assert 60 <= lengths[len(lengths) // 2] <= 90, lengths[len(lengths) // 2]


def test_parts_pass_the_pdfua_checker(parts: tuple[Path, BuildResult]) -> None:
    for name in ("parts", "small"):
        result = checks.outloud(parts[0] / "pdfua" / f"{name}.pdf")
        assert result["counts"] == {"error": 0, "warning": 0, "info": 0}, result["findings"]


def test_parts_structure(parts: tuple[Path, BuildResult]) -> None:
    with pikepdf.open(parts_pdf(parts)) as pdf:
        checks.check_tagged(pdf)
        checks.check_headings(pdf, h2_count=3)
        checks.check_notes(pdf, count=2)
        checks.check_notes_after_calls(pdf)
        checks.check_lists(pdf)
        checks.check_table(pdf)
        checks.check_figure(pdf, ALT)
        checks.check_links(pdf)
        checks.check_languages(pdf, "en", {"ko", "ar"})
        checks.check_xmp(pdf, "A Paper of Many Parts", ["Jane Doe"])
        checks.check_fonts(pdf)
        checks.check_artifacts_and_content(pdf)


def test_korean_and_arabic_are_set_in_their_fonts(parts: tuple[Path, BuildResult]) -> None:
    with pikepdf.open(parts_pdf(parts)) as pdf:
        fonts = {
            str(font.BaseFont).split("+")[-1]
            for page in pdf.pages
            for font in page.Resources.Font.values()
        }
    assert {"Noto-Serif-CJK-KR", "Amiri"} <= fonts, fonts
    text = subprocess.run(
        ["pdftotext", str(parts_pdf(parts)), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "서울은 대한민국의 수도이며" in text


# Each structural check against a PDF broken the one way it looks for.
Breaker = Callable[[pikepdf.Pdf], None]


def _first(pdf: pikepdf.Pdf, tag: str) -> pikepdf.Dictionary:
    return next(e.obj for e in checks.elements(pdf) if e.tag == tag)


def _retag(tag: str, new: str) -> Breaker:
    def breaker(pdf: pikepdf.Pdf) -> None:
        for element in checks.elements(pdf):
            if element.tag == tag:
                element.obj.S = pikepdf.Name("/" + new)

    return breaker


def _drop_key(tag: str, key: str) -> Breaker:
    def breaker(pdf: pikepdf.Pdf) -> None:
        for element in checks.elements(pdf):
            if element.tag == tag:
                if key in element.obj:
                    del element.obj[key]
                if key == "/Scope" and "/A" in element.obj:
                    del element.obj.A["/Scope"]

    return breaker


def _drop_tounicode(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[0].Resources.Font.values()))
    del font["/ToUnicode"]


def _unmap_mcid(pdf: pikepdf.Pdf) -> None:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    nums[1][0] = None


def _untag_margins(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        data = re.sub(rb"/Artifact(\s+)BMC", rb"/Span\1BMC", page.Contents.read_bytes())
        page.Contents = pdf.make_stream(data)


def _xmp_part(pdf: pikepdf.Pdf) -> None:
    xml = pdf.Root.Metadata.read_bytes().replace(b"pdfuaid:part", b"pdfuaid:prat")
    pdf.Root.Metadata = pdf.make_stream(xml)


def _unprintable(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].Annots[0].F = 0


def _note_at_the_end(pdf: pikepdf.Pdf) -> None:
    """A note where WeasyPrint puts it: after all of its page's text."""
    note = _first(pdf, "Note")
    parent = note.P
    parent.K = pikepdf.Array([kid for kid in parent.K if kid.objgen != note.objgen])
    document = pdf.Root.StructTreeRoot.K
    document = document[0] if isinstance(document, pikepdf.Array) else document
    document.K.append(note)
    note.P = document


def _heading_skip(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "H2").S = pikepdf.Name("/H4")


BROKEN: dict[str, tuple[Breaker, Callable[[pikepdf.Pdf], None]]] = {
    "no StructTreeRoot mark": (
        lambda pdf: setattr(pdf.Root.MarkInfo, "Marked", False), checks.check_tagged),
    "no DisplayDocTitle": (
        lambda pdf: setattr(pdf.Root.ViewerPreferences, "DisplayDocTitle", False),
        checks.check_tagged),
    "two H1": (_retag("H2", "H1"), lambda pdf: checks.check_headings(pdf, 3)),
    "a level skipped": (_heading_skip, lambda pdf: checks.check_headings(pdf, 3)),
    "paragraphs as Span": (_retag("P", "Span"), lambda pdf: checks.check_paragraphs(pdf, 1)),
    "notes as Span": (_retag("Note", "Span"), lambda pdf: checks.check_notes(pdf, 2)),
    "an empty note": (
        lambda pdf: setattr(_first(pdf, "Note"), "K", pikepdf.Array()),
        lambda pdf: checks.check_notes(pdf, 2)),
    "note without ID": (_drop_key("Note", "/ID"), lambda pdf: checks.check_notes(pdf, 2)),
    "a note after its page's text": (_note_at_the_end, checks.check_notes_after_calls),
    "list items as P": (_retag("LI", "P"), checks.check_lists),
    "list item without LBody": (_retag("LBody", "P"), checks.check_lists),
    "no TH": (_retag("TH", "TD"), checks.check_table),
    "TH without Scope": (_drop_key("TH", "/Scope"), checks.check_table),
    "figure without alt": (_drop_key("Figure", "/Alt"), lambda pdf: checks.check_figure(pdf, ALT)),
    "links as Span": (_retag("Link", "Span"), checks.check_links),
    "link not printable": (_unprintable, checks.check_links),
    "no document Lang": (
        lambda pdf: pdf.Root.__delitem__("/Lang"),
        lambda pdf: checks.check_languages(pdf, "en", {"ko", "ar"})),
    "no passage Lang": (
        _drop_key("P", "/Lang"), lambda pdf: checks.check_languages(pdf, "en", {"ko", "ar"})),
    "no pdfuaid:part": (
        _xmp_part, lambda pdf: checks.check_xmp(pdf, "A Paper of Many Parts", ["Jane Doe"])),
    "a font without ToUnicode": (_drop_tounicode, checks.check_fonts),
    "running heads as content": (_untag_margins, checks.check_artifacts_and_content),
    "content in no element": (_unmap_mcid, checks.check_artifacts_and_content),
}  # fmt: skip


@pytest.mark.parametrize("breakage", sorted(BROKEN))
def test_each_check_fails_on_a_pdf_broken_its_way(
    parts: tuple[Path, BuildResult], tmp_path: Path, breakage: str
) -> None:
    breaker, check = BROKEN[breakage]
    with pikepdf.open(parts_pdf(parts)) as pdf:
        check(pdf)  # the good PDF passes
        breaker(pdf)
        pdf.save(tmp_path / "broken.pdf")
    with pikepdf.open(tmp_path / "broken.pdf") as broken, pytest.raises(AssertionError):
        check(broken)


def test_only_changed_papers_are_printed_again(parts: tuple[Path, BuildResult]) -> None:
    workdir = parts[0]
    again = make_pdfs(workdir)
    assert again.returncode == 0, again.stderr
    assert "(0 made, 2 unchanged, 0 removed)" in again.stdout
    small = workdir / "src" / "small" / "index.md"
    small.write_text(small.read_text(encoding="utf-8") + "\nA sentence added.\n", "utf-8")
    result = sphinx_build(workdir / "src", workdir / "html")
    assert result.returncode == 0, result.stderr
    changed = make_pdfs(workdir)
    assert changed.returncode == 0, changed.stderr
    assert "1 made" in changed.stdout and "1 unchanged" in changed.stdout, changed.stdout
    text = subprocess.run(
        ["pdftotext", str(workdir / "pdfua" / "small.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "A sentence added." in text


def test_downloads_hold_both_pdfs_under_their_names(tmp_path: Path) -> None:
    """``<slug>.pdf`` is the print edition, ``<slug>-accessible.pdf`` the tagged one; a
    paper no longer printed loses its accessible copy."""
    (tmp_path / "html").mkdir()
    (tmp_path / "latex").mkdir()
    (tmp_path / "pdfua").mkdir()
    (tmp_path / "latex" / "p.tex").write_text("tex", encoding="utf-8")
    (tmp_path / "latex" / "p.pdf").write_bytes(b"%PDF print")
    (tmp_path / "pdfua" / "p.pdf").write_bytes(b"%PDF tagged")
    collected = collect_downloads(tmp_path)
    downloads = tmp_path / "html" / "downloads"
    assert sorted(path.name for path in collected.files) == ["p-accessible.pdf", "p.pdf"]
    assert (downloads / "p.pdf").read_bytes() == b"%PDF print"
    assert (downloads / "p-accessible.pdf").read_bytes() == b"%PDF tagged"
    (tmp_path / "pdfua" / "p.pdf").unlink()
    collected = collect_downloads(tmp_path)
    assert [path.name for path in collected.removed] == ["p-accessible.pdf"]
    assert (downloads / "p.pdf").is_file()


def test_nothing_is_loaded_from_another_host(tmp_path: Path) -> None:
    site = tmp_path / "html"
    (site / "_images").mkdir(parents=True)
    (site / "_images" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    fetcher = local_fetcher(site)
    assert fetcher.fetch((site / "_images" / "a.png").as_uri()) is not None
    for url in (
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/x.css",
        (tmp_path / "secret.txt").as_uri(),
        (site / ".." / "secret.txt").as_uri(),
        "ftp://example.org/x",
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)


def test_a_page_problem_fails_that_paper_only_with_its_location(
    parts: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    """An image the page cannot have (from another host): that paper's PDF is not made,
    the message names its page, the other paper is printed."""
    workdir = tmp_path / "w"
    shutil.copytree(parts[0] / "html", workdir / "html")
    shutil.copytree(parts[0] / "pdfua", workdir / "pdfua")
    manifest = (workdir / "pdfua" / "papers.json").read_text(encoding="utf-8")
    manifest = manifest.replace(str((parts[0] / "html").resolve()), str(workdir / "html"))
    (workdir / "pdfua" / "papers.json").write_text(manifest, encoding="utf-8")
    (workdir / "pdfua" / ".state.json").unlink()
    page = workdir / "html" / "small" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "A short paper", '<img src="https://example.org/t.png" alt="t"> A short paper'
        ),
        encoding="utf-8",
    )
    proc = make_pdfs(workdir)
    assert proc.returncode == 1
    assert f"{page}: error: Failed to load image at" in proc.stderr
    assert "not loaded (only files of the built site are)" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (workdir / "pdfua" / "small.pdf").exists()
    assert (workdir / "pdfua" / "parts.pdf").is_file()


def test_a_changed_weasyprint_is_refused_not_misused() -> None:
    def renamed(stream: object, context: object, extra: object) -> None: ...

    with pytest.raises(WeasyPrintChanged, match=r"draw_stacking_context\('stream', 'context'"):
        _check(renamed, ("stream", "stacking_context"), "draw.draw_stacking_context")
    with pytest.raises(WeasyPrintChanged, match="is gone"):
        _check(None, ("stream",), "draw.draw_stacking_context")


def test_long_notes_near_a_page_end_are_all_printed(tmp_path: Path) -> None:
    """Two generated papers (bench.generate, seed 1) whose notes fall where a note does
    not fit under its call: every note is printed (WeasyPrint 70 lost them with
    ``footnote-policy: auto``), each a Note, and the checker finds no error."""
    sys.path.insert(0, str(PAPERS.parent))
    try:
        from bench.generate import make_series, write_series
    finally:
        sys.path.remove(str(PAPERS.parent))
    wanted = {"jensen-0043", "konig-0011"}
    papers = [p for p in make_series(50, seed=1) if p.slug in wanted]
    assert {p.slug for p in papers} == wanted
    srcdir = write_series(papers, tmp_path / "src", vanilla=False)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    proc = make_pdfs(tmp_path)
    assert proc.returncode == 0, proc.stderr
    for slug in sorted(wanted):
        page = (tmp_path / "html" / slug / "index.html").read_text(encoding="utf-8")
        notes = page.count('role="doc-footnote"')
        with pikepdf.open(tmp_path / "pdfua" / f"{slug}.pdf") as pdf:
            assert sum(e.tag == "Note" for e in checks.elements(pdf)) >= notes > 20
            checks.check_notes(pdf, count=notes)
            checks.check_notes_after_calls(pdf)
        # each note's lines painted right after its call's: the content in tree order
        result = checks.outloud(tmp_path / "pdfua" / f"{slug}.pdf")
        assert checks.reading_order_findings(result) == [], result["findings"]


def test_notes_at_the_end_are_read_in_order_each_with_its_number(tmp_path: Path) -> None:
    """Two generated papers (seed 1 of 500) printed with their notes at the end: a
    note's number was a float, painted before all of its page's text (outloud's
    ORD-001), and a note broken across pages left a part with no number (NOTE-003)."""
    sys.path.insert(0, str(PAPERS.parent))
    try:
        from bench.generate import make_series, write_series
    finally:
        sys.path.remove(str(PAPERS.parent))
    wanted = {"silva-0092", "kruger-0282"}
    papers = [p for p in make_series(500, seed=1) if p.slug in wanted]
    srcdir = write_series(papers, tmp_path / "src", vanilla=False)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    site, listed_papers = read_manifest(tmp_path / "pdfua")
    assert sorted(p.slug for p in listed_papers) == sorted(wanted)
    for listed in listed_papers:
        target = tmp_path / f"{listed.slug}.pdf"
        with reported(site / listed.page) as problems:
            render(site, listed, target, local_fetcher(site), endnotes=True)
        assert problems == []
        found = checks.outloud(target)
        assert found["counts"] == {"error": 0, "warning": 0, "info": 0}, found["findings"]


def test_a_paper_printed_with_its_notes_at_the_end_conforms_too(
    parts: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    """The fallback for a paper whose foot notes WeasyPrint could not all place: every
    note in a Notes section at the end, each still a Note, and no checker error."""
    site = parts[0] / "html"
    paper = Paper("parts", "parts/index.html", "A Paper of Many Parts", ("Jane Doe",))
    target = tmp_path / "parts.pdf"
    with reported(site / paper.page) as problems:
        render(site, paper, target, local_fetcher(site), endnotes=True)
    assert problems == []
    with pikepdf.open(target) as pdf:
        checks.check_headings(pdf, h2_count=4)  # and Notes
        checks.check_notes(pdf, count=2)
        checks.check_links(pdf)
        checks.check_artifacts_and_content(pdf)
    result = checks.outloud(target)
    assert result["counts"]["error"] == 0, result["findings"]  # type: ignore[index]
    assert checks.reading_order_findings(result) == [], result["findings"]
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.index("Other languages") < text.index("Notes") < text.index("How to cite")
    assert "The first note, with a second sentence to set." in text

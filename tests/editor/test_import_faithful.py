"""``research-series import`` keeps what the author wrote: images published only when
safe, fields, notes and tracked changes kept, hidden text left out, Zotero and Mendeley
data as a clean ``references.bib`` — each checked in what a reader gets.

The .docx files are written by the tests (``test_import``'s WordprocessingML writers).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_import_hostile import import_cli, manuscript, papers_folder

import test_import as word
from conftest import ProjectFactory
from helpers import sphinx_build, write_abstracts
from research_series.bibliography.latex import latex_to_text

# -- (3) images: raster as is, SVG cleaned, the rest left out with its place -----------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
EVIL_SVG = (
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'onload="alert(1)" width="10" height="10"><script>alert(2)</script>'
    b'<rect width="10" height="10" fill="url(https://evil.example/p#g)" onclick="alert(3)"/>'
    b'<circle r="3" fill="red"/><text>&x;</text><image xlink:href="https://evil.example/x.png"/>'
    b'<a href="javascript:alert(4)"><rect width="2" height="2"/></a>'
    b'<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/>'
    b"</foreignObject></svg>"
)


def test_images_are_published_only_when_safe(
    make_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({})
    body = [
        word.para(word.run("Raster "), word.image("rIdA")),
        word.para(word.run("Drawing "), word.image("rIdB")),
        word.para(word.run("Linked "), word.image("rIdC", external=True)),
        word.para(word.run("Missing "), word.image("rIdD")),
        word.para(word.run("Metafile "), word.image("rIdE")),
        word.para(word.run("Disguised "), word.image("rIdF")),
    ]
    images: dict[str, tuple[str, bytes | None]] = {
        "rIdA": ("media/map.png", PNG),
        "rIdB": ("media/evil.svg", EVIL_SVG),
        "rIdC": ("https://evil.example/linked.png", None),
        "rIdD": ("media/gone.png", None),
        "rIdE": ("media/chart.emf", b"\x01\x00\x00\x00" + bytes(200)),
        "rIdF": ("media/page.png", b"<html><script>alert(5)</script></html>"),
    }
    docx = word.write_docx(
        tmp_path / "m.docx",
        [word.para(word.run("A Title"), style="Title"), *body],
        creator="Jane Doe",
        images=images,
    )
    code, _, err = import_cli(docx, srcdir, capsys)
    assert code == 0, err
    for expected in (
        "m.docx, paragraph 3: image evil.svg: <a>, <foreignObject>, <script>, entities, "
        "event handlers, fill=, links to other files taken out",
        "m.docx, paragraph 4: an image linked from outside the file "
        "('https://evil.example/linked.png') is left out",
        "m.docx, paragraph 5: an image (word/media/gone.png) is missing from the file",
        "m.docx, paragraph 6: image chart.emf is in EMF format, which browsers do not show",
        "m.docx, paragraph 7: image page.png is not the PNG image its name says",
    ):
        assert expected in err, err
    assert sorted(p.name for p in (srcdir / "doe-2024" / "media").iterdir()) == [
        "evil.svg",
        "map.png",
    ]
    # Word's description of each picture is its alt text (pandoc drops it)
    assert "![A figure](<media/map.png>)" in (srcdir / "doe-2024" / "index.md").read_text()
    write_abstracts(srcdir)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    published = sorted(p.name for p in (tmp_path / "html" / "_images").iterdir())
    assert published == ["evil.svg", "map.png"]
    svg = (tmp_path / "html" / "_images" / "evil.svg").read_text(encoding="utf-8")
    for gone in ("script", "onload", "onclick", "evil.example", "javascript", "passwd", "iframe"):
        assert gone not in svg
    assert '<circle r="3" fill="red"/>' in svg


# -- (4) nothing lost without a warning naming its place ---------------------------------


def simple_field(instruction: str, text: str) -> str:
    quoted = instruction.replace('"', "&quot;")
    return f'<w:fldSimple w:instr="{quoted}">{word.run(text)}</w:fldSimple>'


HIDDEN = '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">SECRET REVIEW</w:t></w:r>'


def test_fields_notes_and_hidden_text(
    make_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({})
    body = [
        word.para(
            word.run("Figure "), simple_field(" SEQ Figure \\* ARABIC ", "1"), word.run(": Map.")
        ),
        word.para(
            word.run("Read "), simple_field(' HYPERLINK "https://example.org/" ', "the site")
        ),
        word.para(word.run("Shown "), HIDDEN, word.run("text."), word.footnote_ref(1)),
        word.para(word.run("Second claim."), word.footnote_ref(2)),
        word.para(word.run("Third claim."), word.footnote_ref(3)),
    ]
    notes = (word.run("First note.") + HIDDEN, word.run("Second note."), word.run("Third note."))
    docx = manuscript(tmp_path / "m.docx", *body, footnotes=notes)
    merged = tmp_path / "merged.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(merged, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in ("word/document.xml", "word/footnotes.xml"):
                data = data.replace(b'w:id="3"', b'w:id="2"')  # two notes with one id
            out.writestr(info, data)
    code, _, err = import_cli(merged, srcdir, capsys)
    assert code == 0, err
    assert "merged.docx: 2 footnotes share the id 2 in the file" in err
    assert "merged.docx, paragraph 4: hidden text ('SECRET REVIEW') is left out" in err
    assert "merged.docx, footnote 1: hidden text ('SECRET REVIEW') is left out" in err
    write_abstracts(srcdir)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = word.article(tmp_path / "html" / "doe-2024" / "index.html")
    text = word.text_of(page)
    assert "Figure 1: Map." in text and "SECRET" not in text
    link = page.select_one('a[href="https://example.org/"]')
    assert link is not None and link.get_text() == "the site"
    notes_seen = word.notes_of(tmp_path / "html" / "doe-2024" / "index.html")
    assert notes_seen == {"1": "First note.", "2": "Second note.", "3": "Third note."}


# -- (5) Zotero and Mendeley data: a clean references.bib, printed as written ------------

CLIMATE = {
    "id": "CD1",
    "type": "article-journal",
    "title": "Regional \x1b[31mClimate\x07 Change\x08s",
    "container-title": "Climate Dynamics",
    "volume": "41",
    "issue": "11-12",
    "page": "2711-2744",
    "author": [{"family": "Giorgi", "given": "Filippo\x07"}],
    "issued": {"date-parts": [["2013"]]},
}
TEX = {
    "id": "TX1",
    "type": "book",
    "title": "\\textbackslash{}input/etc/passwd and {NATO}",
    "publisher": "Teens \\& Young Adults Press",
    "author": [{"family": "Knuth", "given": "Donald"}],
    "issued": {"literal": "Spring term, undated"},
}


def test_zotero_data_becomes_a_clean_bibliography(
    make_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = make_project({})
    body = (
        word.para(word.run("Climate changes."), word.footnote_ref(1)),
        word.para(word.run("Paths."), word.footnote_ref(2)),
    )
    notes = (
        word.zotero_citation([CLIMATE], "Giorgi, “Regional Climate Change,” 2013.", 1),
        word.mendeley_citation([TEX], "(Knuth, forthcoming)"),
    )
    code, _, err = import_cli(
        manuscript(tmp_path / "m.docx", *body, footnotes=notes), srcdir, capsys
    )
    assert code == 0, err
    assert (
        "m.docx, footnote 2: the cited work knuthnd: its date 'Spring term, undated' cannot "
        "be read as a date; it is printed as written" in err
    )
    bib = (srcdir / "doe-2024" / "references.bib").read_text(encoding="utf-8")
    assert not any(ord(char) < 32 and char != "\n" for char in bib), bib
    assert "number = {11--12}" in bib and "issue" not in bib
    write_abstracts(srcdir)
    result = sphinx_build(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    notes_seen = word.notes_of(tmp_path / "html" / "doe-2024" / "index.html")
    assert (
        "“Regional [31mClimate Changes,” Climate Dynamics 41, no. 11–12 (2013)" in notes_seen["1"]
    )
    assert "\\textbackslash{}input/etc/passwd and NATO" in notes_seen["2"]
    assert (
        "Teens \\& Young Adults Press" in notes_seen["2"]
        and "Spring term, undated" in notes_seen["2"]
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("\\textbackslash{}input", "\\input"),
        ("a\\textbackslash b", "a\\b"),
        ("\\textbackslash{}\\& Co", "\\& Co"),
        ("x\\textasciicircum{}2", "x^2"),
        ("R \\& D\\_1", "R & D_1"),
    ],
)
def test_the_bibliography_reads_escaped_backslashes_back(value: str, text: str) -> None:
    """What the importer writes for a backslash or a caret reads back as that character."""
    assert str(latex_to_text(value)) == text


def test_tracked_changes_and_scripts_of_the_world(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Insertions kept, deletions dropped (as Word shows them); Arabic and CJK text whole."""
    papers = papers_folder(tmp_path)
    body = [
        word.para(
            word.run("Kept "),
            f'<w:ins w:id="1" w:author="Ed">{word.run("inserted ")}</w:ins>',
            '<w:del w:id="2" w:author="Ed"><w:r><w:delText>deleted </w:delText></w:r></w:del>',
            word.run("text."),
        ),
        word.para(word.run("الأمن القومي والدراسات 国家安全研究")),
    ]
    code, _, err = import_cli(manuscript(tmp_path / "m.docx", *body), papers, capsys)
    assert code == 0, err
    text = (papers / "doe-2024" / "index.md").read_text(encoding="utf-8")
    assert "Kept inserted text." in text and "deleted" not in text
    assert "الأمن القومي والدراسات 国家安全研究" in text


def test_text_hidden_by_a_style_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A character style, or a paragraph style by its ``basedOn``, can hide text too."""
    papers = papers_folder(tmp_path)
    styles = (
        '<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="HiddenBase"><w:name w:val="Hidden Base"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Review"><w:name w:val="Review"/>'
        '<w:basedOn w:val="HiddenBase"/></w:style>'
    )
    body = (
        word.para(
            word.run("Shown "),
            '<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>STYLE-HIDDEN</w:t></w:r>',
            word.run("text."),
        ),
        word.para(word.run("PARA-HIDDEN reviewer remark"), style="Review"),
        word.para(word.run("Last paragraph.")),
    )
    docx = manuscript(tmp_path / "m.docx", *body)
    styled = tmp_path / "styled.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(styled, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", styles.encode() + b"</w:styles>")
            out.writestr(info, data)
    code, _, err = import_cli(styled, papers, capsys)
    assert code == 0, err
    text = (papers / "doe-2024" / "index.md").read_text(encoding="utf-8")
    assert "Shown text." in text and "Last paragraph." in text
    assert "HIDDEN" not in text
    assert "styled.docx, paragraph 2: hidden text ('STYLE-HIDDEN') is left out" in err
    assert "styled.docx, paragraph 3: hidden text ('PARA-HIDDEN reviewer remark')" in err

"""``research-series import`` against hostile and broken manuscripts: one ``error:`` line
or a faithful paper, never a traceback, a Python warning or a half-written folder.

Every .docx here is written by the test (``test_import``'s WordprocessingML writers), then
bent the way a broken tool or an attacker would bend it.
"""

from __future__ import annotations

import importlib
import os
import signal
import struct
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import pytest

import test_import as word
from conftest import REPO
from research_series.editor.cli import main
from research_series.editor.errors import ManuscriptError
from research_series.editor.manuscript import archive
from research_series.editor.paper_folder import ctrl_c_recorded, staged_folder


def papers_folder(tmp_path: Path) -> Path:
    papers = tmp_path / "papers"
    papers.mkdir()
    return papers


def manuscript(path: Path, *body: str, footnotes: tuple[str, ...] = ()) -> Path:
    return word.write_docx(
        path,
        [word.para(word.run("A Title"), style="Title"), *body],
        footnotes=footnotes,
        creator="Jane Doe",
    )


def import_cli(
    docx: Path, papers: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str, str]:
    argv = ["import", str(docx), "--slug", "doe-2024", "--date", "2024", "--papers", str(papers)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Python warning is a failure, as a traceback is
        try:
            code = main([*argv, "--number", "1", *extra])
        except SystemExit as stop:
            code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, err: str, papers: Path, *words: str) -> None:
    assert code != 0, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for expected in words:
        assert expected in err, err
    assert sorted(p.name for p in papers.iterdir()) == []


def _patch_headers(data: bytes, *, method: int | None = None, flags: int | None = None) -> bytes:
    """Set the compression method or flag bits in every local and central header."""
    out = bytearray(data)
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if flags is not None:
                old = struct.unpack_from("<H", out, start + flag_at)[0]
                struct.pack_into("<H", out, start + flag_at, old | flags)
            if method is not None:
                struct.pack_into("<H", out, start + method_at, method)
            start += 4
    return bytes(out)


def stored_copy(docx: Path, target: Path) -> Path:
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return target


# -- (1) tracebacks become one error line ------------------------------------------------


@pytest.mark.parametrize(
    ("bend", "words"),
    [
        ({"method": 9}, ("Deflate64",)),
        ({"flags": 0x1}, ("encrypted", "password")),
    ],
)
def test_unusual_zip_members_are_refused(
    bend: dict[str, int], words: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    plain = stored_copy(
        manuscript(tmp_path / "m.docx", word.para(word.run("Text."))), tmp_path / "s.docx"
    )
    bent = tmp_path / "bent.docx"
    bent.write_bytes(_patch_headers(plain.read_bytes(), **bend))
    assert_refused(*import_cli(bent, papers, capsys)[::2], papers, *words)


def test_duplicate_members_are_refused_without_a_python_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("The real text.")))
    twice = tmp_path / "twice.docx"
    with (
        zipfile.ZipFile(docx) as source,
        zipfile.ZipFile(twice, "w") as out,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # Python warns when writing one; that is the point
        for info in source.infolist():
            out.writestr(info, source.read(info))
        smuggled = source.read("word/document.xml").replace(b"The real", b"The smuggled")
        out.writestr("word/document.xml", smuggled)
    code, _, err = import_cli(twice, papers, capsys)
    assert_refused(code, err, papers, "'word/document.xml' is in the file twice")


def _zotero_item(item: dict[str, object]) -> str:
    return word.zotero_citation([item], "(Cited)", 0)


def test_deeply_nested_zotero_data_keeps_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    nested = '{"a":' * 100_000 + "1" + "}" * 100_000
    instruction = (
        ' ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems": [{"id": 1, "itemData": ' + nested + "}]}"
    )
    body = word.para(word.run("Text "), word.field(instruction, [word.run("(Deep 2020)")]))
    code, _, err = import_cli(manuscript(tmp_path / "m.docx", body), papers, capsys)
    assert code == 0, err
    assert "Traceback" not in err and "nested" in err
    assert "(Deep 2020)" in (papers / "doe-2024" / "index.md").read_text(encoding="utf-8")


def test_a_date_in_arabic_indic_digits_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    item = {**word.WALTZ, "issued": {"date-parts": [["١٩٧٩", "٠٣"]]}}
    raw = {**word.KEOHANE, "id": "K2", "issued": {"raw": "٢٠١٣"}}
    body = word.para(word.run("Text "), _zotero_item(item), word.run(" and "), _zotero_item(raw))
    code, _, err = import_cli(manuscript(tmp_path / "m.docx", body), papers, capsys)
    assert code == 0, err
    bib = (papers / "doe-2024" / "references.bib").read_text(encoding="utf-8")
    assert "date = {1979-03}" in bib and "date = {2013}" in bib
    assert "waltz1979" in bib and "keohane2013" in bib


def test_a_title_in_invalid_utf8_is_refused(tmp_path: Path) -> None:
    """The real command line: the shell hands Python bytes that are not UTF-8."""
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text.")))
    command = [
        sys.executable,
        "-c",
        "import sys; from research_series.editor.cli import main; sys.exit(main())",
        "import",
        str(docx),
        "--slug",
        "doe-2024",
        "--date",
        "2024",
        "--papers",
        str(papers),
        "--title",
        b"Caf\xe9 Politics".decode("utf-8", "surrogateescape"),
    ]
    env = {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [part.encode("utf-8", "surrogateescape") for part in command],
        capture_output=True,
        env=env,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert err.startswith("error: --title") and "UTF-8" in err and err.count("\n") == 1, err
    assert sorted(papers.iterdir()) == []


def test_ctrl_c_ends_the_import_cleanly(tmp_path: Path) -> None:
    """SIGINT while pandoc converts: one error line, status 130, nothing left anywhere."""
    papers = papers_folder(tmp_path)
    lines = [word.para(word.run(f"Paragraph {i} of a long manuscript, " * 8)) for i in range(15000)]
    docx = manuscript(tmp_path / "long.docx", *lines)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [
        sys.executable,
        "-c",
        "import sys; from research_series.editor.cli import main; sys.exit(main())",
        "import",
        str(docx),
        "--slug",
        "doe-2024",
        "--date",
        "2024",
        "--papers",
        str(papers),
    ]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    while proc.poll() is None and not list(scratch.glob("rs-import-*/manuscript.docx")):
        time.sleep(0.02)  # until the manuscript is prepared and pandoc starts
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    err = stderr.decode()
    assert proc.returncode == 130, err
    assert err == "error: interrupted (Ctrl-C); nothing was written\n"
    assert list(papers.iterdir()) == [] and list(scratch.iterdir()) == []


# -- (2) bounded resources: sizes checked before inflating -----------------------------


def _declare(data: bytes, name: bytes, size: int) -> bytes:
    """Set the uncompressed size *name* declares, in its local and central headers."""
    out = bytearray(data)
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if out[start + name_at : start + name_at + len(name)] == name:
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)


def test_a_declared_gigabyte_is_refused_before_inflating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text.")))
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_declare(docx.read_bytes(), b"word/document.xml", 1_100_000_000))
    code, _, err = import_cli(bomb, papers, capsys)
    assert_refused(code, err, papers, "'word/document.xml' inflates to 1049 MB", "30 MB")


def test_a_part_holding_more_than_it_declares_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text. " * 2000)))
    liar = tmp_path / "liar.docx"
    liar.write_bytes(_declare(docx.read_bytes(), b"word/document.xml", 1000))
    code, _, err = import_cli(liar, papers, capsys)
    assert_refused(code, err, papers, "'word/document.xml'", "damaged")


def test_a_compression_ratio_past_the_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text.")))
    with zipfile.ZipFile(docx, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.png", bytes(8 * 1024 * 1024))
    code, _, err = import_cli(docx, papers, capsys)
    assert_refused(code, err, papers, "'word/media/zeros.png' inflates", "200 times")


@pytest.mark.parametrize(
    ("limits", "words"),
    [
        (archive.Limits(file=1000), ("more than the 1000 bytes a manuscript may have",)),
        (archive.Limits(members=5), ("holds 9 parts, more than the 5",)),
        (archive.Limits(total=5000), ("inflates to", "more than the 5000 bytes")),
        (archive.Limits(xml=3000), ("text and markup take", "more than the 3000 bytes")),
    ],
)
def test_each_limit_is_named_when_passed(
    limits: archive.Limits, words: tuple[str, ...], tmp_path: Path
) -> None:
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text. " * 100)))
    with pytest.raises(ManuscriptError) as caught:
        archive.read_package(docx, limits)
    for expected in words:
        assert expected in str(caught.value)
    assert archive.read_package(docx)["word/document.xml"].startswith(b"<?xml")


@pytest.mark.parametrize(
    "name", ["../../escaped.txt", "word/media/../../../escaped.png", "/abs.txt"]
)
def test_a_part_named_to_climb_out_is_refused(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("Text.")))
    with zipfile.ZipFile(docx, "a") as archive:
        archive.writestr(name, b"out of the folder")
    code, _, err = import_cli(docx, papers, capsys)
    assert_refused(code, err, papers, f"the part {name!r} is named to lie outside the document")
    assert not list(tmp_path.parent.rglob("escaped*"))


def test_an_external_entity_is_never_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = papers_folder(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    docx = manuscript(tmp_path / "m.docx", word.para(word.run("XXE")))
    bent = tmp_path / "bent.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(bent, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                data = data.replace(b"?>", b"?>" + doctype.encode(), 1).replace(b"XXE", b"&xxe;")
            out.writestr(info, data)
    code, _, err = import_cli(bent, papers, capsys)
    assert_refused(code, err, papers, "the manuscript cannot be read")
    assert "TOP-SECRET" not in err


def test_the_limits_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """``bench/import_limits.py`` makes a real 1.1 GiB bomb, and the import refuses it."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    bench = importlib.import_module("bench.import_limits")
    assert bench.main(["--only", "xml-bomb-1gib"]) == 0
    out = capsys.readouterr().out
    assert "xml-bomb-1gib" in out and "inflates to 1100 MB, more than the 30 MB" in out


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # on purpose
def test_a_ctrl_c_python_drops_in_a_finaliser_still_stops_the_paper(tmp_path: Path) -> None:
    """A Ctrl-C that lands in a finaliser is ignored by Python (as it was once, in CI,
    in a ZipFile's __del__ while pandoc ran); the folder is still not put in place."""

    class Finaliser:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)  # its KeyboardInterrupt is dropped

    with pytest.raises(KeyboardInterrupt), ctrl_c_recorded():
        Finaliser()  # collected at once
        with staged_folder(tmp_path, "doe-2024") as out:
            (out / "index.md").write_text("# Doe\n", encoding="utf-8")
    assert list(tmp_path.iterdir()) == []
    with staged_folder(tmp_path, "doe-2024") as out:  # afterwards, a paper is made as before
        (out / "index.md").write_text("# Doe\n", encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir()] == ["doe-2024"]

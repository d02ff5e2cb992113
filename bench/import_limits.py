"""Peak memory and time of ``research-series import`` on the largest manuscripts it takes
and on the bombs it must refuse.

Each manuscript is generated here (a minimal WordprocessingML package, seeded text),
then imported by a separate process; the table shows the exit status, the wall time,
the peak resident memory of the largest single process (``os.wait4``: the importer or
pandoc) and of the process tree (sampled every 20 ms), and the first line of stderr.
Nothing here asserts a figure. Example:

    .venv/bin/python -m bench.import_limits            # all inputs, about a minute
    .venv/bin/python -m bench.import_limits --only text-12mb
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

MB = 1024 * 1024
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_WORD_LIST = (
    "state security regime deterrence alliance treaty border nuclear policy strategy "
    "cooperation conflict region power balance threat capability institution norm order"
)
_WORDS = _WORD_LIST.split()


def _package(
    path: Path, body: str, media: dict[str, bytes] | None = None, without: str = ""
) -> Path:
    """A .docx with *body* (paragraph XML) and *media* files shown as inline pictures."""
    pictures = "".join(
        f'<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
        f'drawingml/2006/wordprocessingDrawing"><wp:extent cx="9144" cy="9144"/>'
        f'<wp:docPr id="{n}" name="p"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/'
        'drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/'
        'drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="p"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdM{n}"/></pic:blipFill><pic:spPr/>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        for n in range(len(media or {}))
    )
    rels = "".join(
        f'<Relationship Id="rIdM{n}" Type="{_R}/image" Target="media/{name}"/>'
        for n, name in enumerate(media or {})
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{_PKG}/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
            f'Type="{_R}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{_PKG}/relationships">{rels}</Relationships>',
        )
        archive.writestr(
            "word/document.xml" if without != "word/document.xml" else "word/unused.xml",
            f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Limits</w:t></w:r></w:p>'
            f"{body}{pictures}</w:body></w:document>",
        )
        for name, data in (media or {}).items():
            archive.writestr(f"word/media/{name}", data)
    return path


def _text(size: float, seed: int = 1) -> str:
    """Paragraphs of seeded words, about *size* bytes of XML (deflates about 4 times)."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        words = " ".join(rng.choice(_WORDS) + str(rng.randrange(100)) for _ in range(60))
        paragraph = f"<w:p><w:r><w:t>{escape(words)}.</w:t></w:r></w:p>"
        parts.append(paragraph)
        total += len(paragraph)
    return "".join(parts)


def _png(size: int, seed: int) -> bytes:
    """A file with a PNG signature and *size* incompressible bytes (a photograph, say)."""
    return b"\x89PNG\r\n\x1a\n" + random.Random(seed).randbytes(size)


def _bomb(path: Path, member: str, size: int) -> Path:
    """A manuscript whose *member* really inflates to *size* bytes of zeros."""
    _package(path, "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>", without=member)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        chunk = bytes(MB)
        for _ in range(size // MB):
            out.write(chunk)
    return path


INPUTS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "text-5.7mb": (
        "document.xml of 5.7 MB (under the 6 MB XML limit): the largest text taken",
        lambda p: _package(p, _text(5.7 * MB)),
    ),
    "images-38mb": (
        "a 38 MB file: two 19 MB photographs (under the 40 MB file limit)",
        lambda p: _package(
            p, _text(200_000), {"a.png": _png(19 * MB, 1), "b.png": _png(19 * MB, 2)}
        ),
    ),
    "text-28mb-in-6mb": (
        "a 6 MB file whose XML inflates to 28 MB: refused by the XML limit",
        lambda p: _package(p, _text(28 * MB)),
    ),
    "file-50mb": (
        "a 50 MB manuscript: refused by the file limit",
        lambda p: _package(p, _text(100_000), {"a.png": _png(50 * MB, 3)}),
    ),
    "xml-bomb-1gib": (
        "document.xml inflating to 1.1 GiB from 1.1 MB: refused before inflating",
        lambda p: _bomb(p, "word/document.xml", 1100 * MB),
    ),
    "image-bomb-1gib": (
        "an image inflating to 1.1 GiB: refused before inflating",
        lambda p: _bomb(p, "word/media/huge.png", 1100 * MB),
    ),
}


def _tree_rss(pid: int) -> int:
    """Resident kilobytes of *pid* and its descendants, read from /proc."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
        stack += [int(child) for child in children]
    return total


def measure(docx: Path, papers: Path) -> tuple[int, float, float, float, str]:
    """Exit status, wall seconds, peak MB of the largest process and of the tree, stderr."""
    command = [sys.executable, "-m", "research_series.editor.cli", "import", str(docx)]
    command += ["--slug", "bench", "--date", "2024", "--papers", str(papers), "--author", "A B"]
    command += ["--title", "Limits"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    first = next((line for line in err.splitlines() if line.startswith("error:")), "")
    code = os.waitstatus_to_exitcode(status)
    return code, wall, usage.ru_maxrss / 1024, peak / 1024, first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(INPUTS), action="append")
    parser.add_argument("--make", nargs=2, metavar=("INPUT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:  # in a process of its own: a forked child counts its parent's pages
        INPUTS[args.make[0]][1](Path(args.make[1]))
        return 0
    print(f"{'input':<20} {'file':>8} {'exit':>4} {'wall s':>7} {'max MB':>7} {'tree MB':>8}")
    for name in args.only or INPUTS:
        description = INPUTS[name][0]
        with tempfile.TemporaryDirectory(prefix="rs-bench-import-") as tmp:
            docx = Path(tmp) / f"{name}.docx"
            subprocess.run(
                [sys.executable, "-m", "bench.import_limits", "--make", name, str(docx)], check=True
            )
            papers = Path(tmp) / "papers"
            papers.mkdir()
            code, wall, largest, tree, error = measure(docx, papers)
            size = docx.stat().st_size / MB
            print(f"{name:<20} {size:>6.1f}MB {code:>4} {wall:>7.1f} {largest:>7.0f} {tree:>8.0f}")
            print(f"    {description}")
            if error:
                print(f"    {error[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run biblatex-chicago on a .bib file and read back each entry's three forms.

biblatex-chicago (TeX Live's ``texlive-bibtex-extra``) is the reference for the
series' Chicago styles.  ``reference_forms`` writes a LaTeX document that, for
every key, cites the entry twice in footnotes (after ``\\citereset``, so the
first is the full note and the second the short note) and prints the
bibliography; it runs XeLaTeX and biber in a temporary directory and reads the
strings back from the PDF with ``pdftotext``.

Each entry's two footnotes are alone on a page that is far wider than any note,
with hyphenation off, so no line is ever broken: the text read back is exactly
what TeX typeset.  The footnote text and every bibliography item carry markers
(``@@N key@@`` / ``@@B key@@``), so nothing depends on the page layout.  Nothing
generated here is stored in the repository.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Forms",
    "find_notes_test_bib",
    "missing_tools",
    "normalise",
    "read_bib",
    "reference_forms",
]

#: Where Debian's texlive-bibtex-extra and a TeX Live installation put the file.
_DOC_DIRS = (
    "/usr/share/doc/texlive-doc/latex/biblatex-chicago",
    "/usr/share/texlive/texmf-dist/doc/latex/biblatex-chicago",
    "/usr/local/texlive/*/texmf-dist/doc/latex/biblatex-chicago",
)
_TOOLS = ("xelatex", "biber", "pdftotext", "kpsewhich")


@dataclass(frozen=True)
class Forms:
    """biblatex-chicago's full note, short note and bibliography entry of one key."""

    full: str = ""
    short: str = ""
    bibliography: str = ""


def missing_tools() -> list[str]:
    """The programs (and the biblatex-chicago package) that are not installed."""
    missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if not missing:
        found = subprocess.run(
            ["kpsewhich", "biblatex-chicago.sty"], capture_output=True, text=True, check=False
        )
        if not found.stdout.strip():
            missing.append("biblatex-chicago.sty")
    return missing


def find_notes_test_bib() -> Path | None:
    """biblatex-chicago's ``notes-test.bib`` (maybe gzipped), or None.

    ``BIBLATEX_CHICAGO_NOTES_TEST`` names the file explicitly.
    """
    explicit = os.environ.get("BIBLATEX_CHICAGO_NOTES_TEST")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for pattern in _DOC_DIRS:
        for directory in sorted(Path("/").glob(pattern.lstrip("/"))):
            for name in ("notes-test.bib", "notes-test.bib.gz"):
                if (directory / name).is_file():
                    return directory / name
    return None


def read_bib(path: Path) -> str:
    """The text of a .bib or .bib.gz file."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


_PREAMBLE = r"""\documentclass{article}
\usepackage[paperwidth=190in,paperheight=8in,margin=0.5in]{geometry}
\usepackage{fontspec}
\setmainfont{FreeSerif}[Ligatures={TeX,NoCommon}]
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\newcommand{\textzh}[1]{#1}
\newcommand{\onethird}{\char"2153\relax}
\usepackage[american]{babel}
\usepackage[autostyle]{csquotes}
\usepackage[%OPTIONS%]{biblatex-chicago}
\addbibresource{reference.bib}
\hyphenpenalty=10000
\exhyphenpenalty=10000
\pretolerance=10000
\tolerance=10000
\emergencystretch=100in
\pagestyle{empty}
\makeatletter
\renewcommand\@makefnmark{}
\renewcommand\@makefntext[1]{\noindent @@N {\reffootkey}@@ #1 @@E@@}
\makeatother
\newcommand{\reffootkey}{}
\AtEveryBibitem{@@B \thefield{entrykey}@@ }
\setlength{\bibhang}{0pt}
\raggedright
\begin{document}
"""


def _document(keys: Sequence[str], authordate: bool) -> str:
    options = "notes,backend=biber,noibid,dashed=false,compresspages,cmsnameparts"
    if authordate:
        options = "authordate,backend=biber,noibid,dashed=false,compresspages,cmsnameparts"
    body = [_PREAMBLE.replace("%OPTIONS%", options)]
    for key in keys:
        body.append(
            f"\\citereset\\renewcommand{{\\reffootkey}}{{{key} full}}x\\footcite{{{key}}}\n"
            f"\\renewcommand{{\\reffootkey}}{{{key} short}}x\\footcite{{{key}}}\n"
            "\\clearpage\n"
        )
    body.append("\\nocite{*}\n\\printbibliography\n\\end{document}\n")
    return "".join(body)


_NOTE = re.compile(r"@@N (\S+) (full|short)@@(.*?)@@E@@", re.DOTALL)
_BIB = re.compile(r"@@B (\S+)@@(.*?)(?=@@B |\f|\Z)", re.DOTALL)


def _run(command: Sequence[str], cwd: Path, timeout: int = 240) -> None:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        message = f"{command[0]} failed ({result.returncode}):\n{tail}"
        raise RuntimeError(message)


def reference_forms(
    bib_text: str, keys: Iterable[str], authordate: bool = False, workdir: Path | None = None
) -> dict[str, Forms]:
    """Typeset ``keys`` from ``bib_text`` with biblatex-chicago; the forms by key.

    ``workdir`` keeps the generated files (for inspection); by default a
    temporary directory is used and removed.
    """
    keys = list(keys)
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="biblatex-chicago-") as temporary:
            return reference_forms(bib_text, keys, authordate, Path(temporary))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "reference.bib").write_text(bib_text, encoding="utf-8")
    (workdir / "reference.tex").write_text(_document(keys, authordate), encoding="utf-8")
    latex = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "reference.tex"]
    _run(latex, workdir)
    _run(["biber", "--quiet", "reference"], workdir)
    _run(latex, workdir)
    log = (workdir / "reference.log").read_text(encoding="utf-8", errors="replace")
    if "Rerun to get" in log or "Please rerun LaTeX" in log:
        _run(latex, workdir)
    _run(["pdftotext", "-enc", "UTF-8", "reference.pdf", "reference.txt"], workdir)
    text = (workdir / "reference.txt").read_text(encoding="utf-8")
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    for match in _NOTE.finditer(text):
        key, form, note = match.groups()
        (full if form == "full" else short)[key] = _squash(note)
    bibliography = {key: _squash(item) for key, item in _BIB.findall(text)}
    return {
        key: Forms(full.get(key, ""), short.get(key, ""), bibliography.get(key, "")) for key in keys
    }


def _squash(value: str) -> str:
    return " ".join(value.split())


_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def normalise(value: str) -> str:
    """Text for comparison: NFKC (ligatures), one kind of quote and dash, single spaces."""
    value = unicodedata.normalize("NFKC", value).translate(_QUOTES)
    value = re.sub(r"\s+", " ", value).strip()
    return re.sub(r"\s+([,.;:)\]])", r"\1", value)

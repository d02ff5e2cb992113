"""What each paper's TeX run needs: one pass where nothing waits for the ``.aux``, no CJK fonts
where the paper has no CJK text.

Profiling a paper's PDF (``bench.run --rows pdf``) showed two XeLaTeX passes per
paper, the second only because LaTeX writes an ``.aux`` (labels, bookmarks) that
latexmk must then read back, whether or not anything uses it; and xeCJK loading
three Noto CJK fonts in every paper. After the LaTeX build writes the papers'
``.tex`` (:func:`mark_papers`), each gets, in its first lines:

- ``\\def\\researchonepass{}`` when every cross-reference in it is to a target in
  a paragraph (Sphinx's ``\\phantomsection\\label``) and nothing else reads the
  ``.aux`` (no ``\\ref``, ``\\pageref``, table of contents, repeated footnote
  marks): ``latex/researchonepass.sty`` then links to named destinations and
  writes bookmarks in the same run, and :mod:`.make` runs XeLaTeX once instead
  of latexmk, keeping its own record of the inputs for a no-op;
- ``\\def\\researchnocjk{}`` when the text has no Han, Hangul, kana or full-width
  characters: ``researchseries.sty`` then does not load xeCJK;
- ``\\def\\researchotherlanguages{russian,greek}``: the languages its cited works
  are set in (``\\researchlanguage``, :mod:`.scripts`), which polyglossia must know
  before the document begins (``researchseries.sty`` declares them).

Documents that need more keep latexmk's passes, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # make time imports this module too, and must stay quick
    from sphinx.application import Sphinx

ONE_PASS = r"\def\researchonepass{}"
NO_CJK = r"\def\researchnocjk{}"
MARK = "%% research_series: "

#: Han, Hangul, kana, CJK punctuation and symbols, full-width forms.
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3130-\u318f\u3190-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
#: What reads the .aux (or another auxiliary file) in a later pass.
_NEEDS_AUX = re.compile(
    r"\\(?:ref|pageref|autoref|nameref|cite|sphinxfootref|tableofcontents|"
    r"sphinxtableofcontents|listoffigures|listoftables|sphinxcite|printindex)\b"
)
_OTHER_LANGUAGE = re.compile(r"\\researchlanguage\{([a-z]+)\}")
_REFERENCE = re.compile(r"\\hyperref\[(\\detokenize\{[^}]*\})\]")
_TARGET = re.compile(r"\\sphinxAtStartPar\n\\phantomsection\\label\{(\\detokenize\{[^}]*\})\}")


def needs(tex: str) -> tuple[bool, bool]:
    """(one pass is enough, CJK fonts are needed) for a paper's LaTeX."""
    body = tex.partition("\\begin{document}")[2]
    one_pass = not _NEEDS_AUX.search(body) and set(_REFERENCE.findall(body)) <= set(
        _TARGET.findall(body)
    )
    return one_pass, bool(_CJK.search(tex))


def marked(tex: str) -> str:
    """*tex* with the marks :func:`needs` calls for after its first line (once)."""
    first, newline, rest = tex.partition("\n")
    if rest.startswith(MARK):  # marked before: the mark and the marks' line
        rest = rest.partition("\n")[2].partition("\n")[2]
    one_pass, cjk = needs(tex)
    marks = ([ONE_PASS] if one_pass else []) + ([] if cjk else [NO_CJK])
    languages = sorted(set(_OTHER_LANGUAGE.findall(tex.partition("\\begin{document}")[2])))
    if languages:
        marks.append(f"\\def\\researchotherlanguages{{{','.join(languages)}}}")
    if not marks:
        return first + newline + rest
    return f"{first}\n{MARK}what this paper's TeX run needs (pdf/passes.py)\n" + (
        "".join(marks) + "\n" + rest
    )


def is_one_pass(tex: str) -> bool:
    """Does this ``.tex`` carry the one-pass mark (read by :mod:`.make`)?"""
    head = tex[:2000]
    return MARK in head and ONE_PASS in head


def mark_papers(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (LaTeX, XeLaTeX): mark each paper's ``.tex``."""
    if exception is not None or app.builder.name != "latex":
        return
    if app.config.latex_engine != "xelatex":
        return
    from ..model.papers import VOLUME

    for _start, target, *_ in app.config.latex_documents:
        path = Path(app.outdir, target)
        if path.stem == VOLUME or not path.exists():
            continue
        tex = path.read_text(encoding="utf-8")
        new = marked(tex)
        if new != tex:
            path.write_text(new, encoding="utf-8")


# ---- make time: one XeLaTeX run, and a record of its inputs for the next no-op -----------

#: Written and read back by TeX itself, not inputs of the paper.
_OWN_FILES = frozenset({".aux", ".out", ".toc", ".fls", ".log", ".pdf", ".xdv", ".bmk"})


#: latexmk's options that ``sphinx-build -q`` passes: no say in the passes.
QUIET_OPTIONS = frozenset({"-silent", "-quiet"})


def one_pass_command(name: str, engine_options: list[str]) -> list[str]:
    # latexmk's own options for the engine, then those of LATEXOPTS not among them
    # (``sphinx-build -q`` passes -halt-on-error: the same run, and the same record)
    base = ["-interaction=nonstopmode", "-halt-on-error", "-file-line-error", "-recorder"]
    extra = [option for option in engine_options if option not in base]
    return ["xelatex", *base, *extra, f"{name}.tex"]


def one_pass_run(name: str, latexmk_options: Sequence[str]) -> list[str] | None:
    """The one XeLaTeX run that makes ``<name>.pdf``; ``None`` where latexmk's passes are
    wanted (the paper is not marked for one pass, or latexmk was given options of its own).

    :mod:`.make` runs it and :mod:`.plan` asks whether it is up to date: the same run.
    """
    if not set(latexmk_options) <= QUIET_OPTIONS:
        return None
    try:
        with open(f"{name}.tex", encoding="utf-8", errors="replace") as tex:
            head = tex.read(2000)  # the marks are in the first lines
    except OSError:
        return None
    if not is_one_pass(head):
        return None
    return one_pass_command(name, shlex.split(os.environ.get("LATEXOPTS", "")))


def _inputs(name: str) -> list[str]:
    """The files below the LaTeX folder that the last run read (from its ``.fls``)."""
    try:
        lines = Path(f"{name}.fls").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = set()
    for line in lines:
        if not line.startswith("INPUT "):
            continue
        path = line[6:].strip()
        if path.startswith("./"):
            path = path[2:]
        if not path.startswith("/") and Path(path).suffix not in _OWN_FILES:
            found.add(path)
    return sorted(found)


def digest_of(path: str) -> str | None:
    """The SHA-256 of a file's bytes, ``None`` when it cannot be read."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def _record(name: str) -> Path:
    return Path(f"{name}.inputs.json")


def record_inputs(name: str, command: list[str]) -> None:
    """After a run: what it read, so that the next can tell nothing changed."""
    files = {path: digest_of(path) for path in _inputs(name)}
    _record(name).write_text(json.dumps({"command": command, "files": files}), encoding="utf-8")


def up_to_date(
    name: str, command: list[str], digest: Callable[[str], str | None] = digest_of
) -> bool:
    """The PDF exists and was made by *command* from the same inputs.

    *digest* may remember the files every paper reads (``plan.py`` asks for all papers
    in one process); a run's own record always reads them afresh.
    """
    if not Path(f"{name}.pdf").exists():
        return False
    try:
        record = json.loads(_record(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = record.get("files") if isinstance(record, dict) else None
    if record.get("command") != command or not isinstance(files, dict) or not files:
        return False
    return f"{name}.tex" in files and all(digest(path) == value for path, value in files.items())

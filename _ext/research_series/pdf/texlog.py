"""Read a failed TeX run's log: the first error, its ``.tex`` line, the paper's line.

Pure functions over the log and ``.tex`` text, so they are tested without TeX.
The ``.tex`` carries ``%% source: <file>:<line>`` marks (:mod:`.transforms`),
which lead from the TeX line back to the line the author wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .transforms import SOURCE_MARK

# "./paper.tex:57: Undefined control sequence." (-file-line-error) or "! Message".
_FILE_LINE_ERROR = re.compile(
    r"^(?P<file>[^\s:][^:]*\.(?:tex|sty|cls|def|cfg)):(?P<line>\d+): (?P<msg>.*)$"
)
_BANG_ERROR = re.compile(r"^! (?P<msg>.*)$")
_CONTEXT = re.compile(r"^l\.(?P<line>\d+) ?(?P<text>.*)$")
_SOURCE = re.compile(rf"^{re.escape(SOURCE_MARK)}(?P<where>.+:\d+)\s*$")


@dataclass(frozen=True)
class TexError:
    """The first error of a TeX run, as TeX states it."""

    message: str
    file: str | None = None
    line: int | None = None
    context: str = ""


def first_error(log: str) -> TexError | None:
    """The first error in a TeX log, with the input line TeX stopped at."""
    lines = log.splitlines()
    for i, text in enumerate(lines):
        match = _FILE_LINE_ERROR.match(text) or _BANG_ERROR.match(text)
        if not match:
            continue
        found = match.groupdict()
        file = found.get("file")
        line = int(found["line"]) if found.get("line") else None
        context = ""
        for following in lines[i + 1 : i + 12]:
            ctx = _CONTEXT.match(following)
            if ctx:
                line = line or int(ctx["line"])
                context = ctx["text"].strip()
                break
        return TexError(
            found["msg"].strip(), file.removeprefix("./") if file else None, line, context
        )
    return None


def source_of(tex: Sequence[str], line: int) -> str | None:
    """``<paper file>:<line>`` of the last source mark at or before *line* of the ``.tex``."""
    for text in reversed(tex[: max(line, 0)]):
        match = _SOURCE.match(text)
        if match:
            return match["where"]
    return None


def report(
    name: str,
    log: str,
    tex: Sequence[str],
    srcdir: str | None,
    latexdir: str = "",
    timed_out_after: float | None = None,
) -> str:
    """What the author needs: the paper, its line, TeX's error and where TeX was.

    *latexdir* prefixes the ``.tex`` and ``.log`` names, so they can be opened
    from wherever the build was started. *timed_out_after* (seconds) says TeX
    was stopped for taking too long; its error is then the interruption.
    """
    prefix = f"{latexdir.rstrip('/')}/" if latexdir else ""
    error = first_error(log)
    if timed_out_after is not None:
        error = TexError(
            f"TeX was stopped after {timed_out_after:g} s (an endless loop, as in math such as "
            "\\loop\\iftrue\\repeat, is the usual cause; a paper that really takes longer "
            "needs a larger series_tex_timeout)",
            *(() if error is None else (error.file, error.line, error.context)),
        )
    if error is None:
        return (
            f"{prefix}{name}.tex: ERROR: the PDF {name}.pdf was not written, without a TeX "
            f"error; see {prefix}{name}.log and {prefix}{name}.latexmk.log"
        )
    tex_file = error.file or f"{name}.tex"
    where_tex = f"{prefix}{tex_file}:{error.line}" if error.line else f"{prefix}{tex_file}"
    source = source_of(tex, error.line) if error.line and tex_file == f"{name}.tex" else None
    if source and srcdir:
        source = f"{srcdir.rstrip('/')}/{source}"
    location = source or where_tex
    detail = f"\n    {where_tex}: {error.context}" if error.context else ""
    if not source and not error.context:
        detail = ""
    return (
        f"{location}: ERROR: the PDF {name}.pdf was not written: {error.message}{detail}"
        f"\n    (full log: {prefix}{name}.log)"
    )

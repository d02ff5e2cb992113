"""What is wrong with a series' ``conf.py``, as one line: its file, its line, the fault.

Sphinx reports a ``conf.py`` that does not load with its crash report (versions,
traceback, "please report this to the developers"), which tells an editor nothing
about their own file. Before a build, the commands load ``conf.py`` the way Sphinx
does (``__file__`` and ``tags`` set, run from its own folder) and, when that fails,
say where and why in one line instead.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from sphinx.util.tags import Tags


def series_folder_problem(papers: Path) -> str | None:
    """Why *papers* is not a series folder (no folder, no ``conf.py``); None when it is.

    One message for every command that takes the series folder, so an editor who
    gives the wrong one reads the same advice from each.
    """
    advice = "give the series folder, the one holding conf.py (e.g. papers)"
    if not papers.is_dir():
        return f"{papers}: no such folder; {advice}"
    if not (papers / "conf.py").is_file():
        return f"{papers}: no conf.py here; {advice}"
    return None


@dataclass(frozen=True)
class ConfProblem:
    """Why ``conf.py`` does not load, and the line that says so (None: not in conf.py)."""

    file: Path
    line: int | None
    message: str

    def shown(self, base: Path | None = None) -> str:
        """``papers/conf.py:49: error: ...``, relative to *base* (the working folder)."""
        file = self.file
        with contextlib.suppress(ValueError):
            file = file.relative_to((base or Path.cwd()).resolve())
        where = f"{file}:{self.line}" if self.line else str(file)
        return f"{where}: error: {self.message}; fix conf.py so that Sphinx can load it"


def conf_problem(confdir: Path) -> ConfProblem | None:
    """Load ``confdir/conf.py`` as Sphinx would; None when it loads."""
    path = (confdir / "conf.py").resolve()
    try:
        source = path.read_bytes()
    except OSError as error:
        return ConfProblem(path, None, f"cannot be read ({error.strerror})")
    try:
        code = compile(source, str(path), "exec")
    except SyntaxError as error:
        return ConfProblem(path, error.lineno, f"syntax error: {error.msg}")
    except ValueError as error:  # a NUL byte
        return ConfProblem(path, None, f"not Python source: {error}")
    namespace = {"__file__": str(path), "tags": Tags()}
    cwd = Path.cwd()
    try:
        os.chdir(path.parent)
        exec(code, namespace)  # what Sphinx does with it next, in this same process or not
    except SystemExit:
        return ConfProblem(path, None, "calls sys.exit()")
    except Exception as error:  # conf.py is the editor's code: any fault in it is theirs
        lines = [
            frame.lineno
            for frame in traceback.extract_tb(error.__traceback__)
            if frame.filename == str(path)
        ]
        text = f"{type(error).__name__}: {error}".rstrip(": ")
        return ConfProblem(path, lines[-1] if lines else None, text)
    finally:
        os.chdir(cwd)
    return None

"""``research-series crossref``: the Crossref deposit of the papers whose metadata changed.

The ``crossref`` builder of the extension does the work, in a strict Sphinx run
that shares ``BUILDDIR/doctrees`` with ``make html`` (so after a build nothing is
read again): a paper with a problem is left out, every problem is printed at its
line, and the exit status is 1 when there was any. The XML goes to
``BUILDDIR/crossref/<batch id>.xml``; nothing is sent anywhere.
"""

from __future__ import annotations

from pathlib import Path

from .build import PROBLEMS, check_conf, sphinx_make_mode


def crossref(srcdir: Path, builddir: Path, *, everything: bool = False) -> int:
    """Write the batch; the exit status (0, or 1 when the series has problems)."""
    if not check_conf(srcdir):
        return PROBLEMS
    options = ["-W", "--keep-going", "-q"]
    if everything:
        options += ["-D", "crossref_redeposit_all=1"]
    return sphinx_make_mode("crossref", srcdir, builddir, options)

"""``research-series crossref``: the Crossref deposit of the papers whose metadata changed.

The ``crossref`` builder of the extension does the work, in a strict Sphinx run
that shares ``BUILDDIR/doctrees`` with ``make html`` (so after a build nothing is
read again): a paper with a problem is left out, every problem is printed at its
line, and the exit status is 1 when there was any. The XML goes to
``BUILDDIR/crossref/<batch id>.xml``; nothing is sent anywhere.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .build import PROBLEMS, check_conf, sphinx_make_mode

CROSSREF = "{http://www.crossref.org/schema/5.3.1}"


def crossref(srcdir: Path, builddir: Path, *, everything: bool = False) -> int:
    """Write the batch and say where; the exit status (0, or 1 when the series has problems)."""
    if not check_conf(srcdir):
        return PROBLEMS
    options = ["-W", "--keep-going", "-q"]
    if everything:
        options += ["-D", "crossref_redeposit_all=1"]
    folder = builddir / "crossref"
    before = set(folder.glob("*.xml"))
    status = sphinx_make_mode("crossref", srcdir, builddir, options)
    written = sorted(set(folder.glob("*.xml")) - before)
    for batch in written:
        papers = (
            etree.parse(str(batch)).getroot().iterfind(f"{CROSSREF}body/{CROSSREF}report-paper")
        )
        count = sum(1 for _ in papers)
        print(f"{batch}: {count} paper{'s' * (count != 1)}; deposit it with Crossref (docs/doi.md)")
    if not written and status == 0:
        print("no paper's deposited metadata changed since the last batch; no batch written")
    return status

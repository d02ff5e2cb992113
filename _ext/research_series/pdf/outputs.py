"""The LaTeX folder holds exactly the documents to make: none withheld, none stale.

Sphinx's LaTeX builder writes a ``.tex`` per document and leaves whatever an
earlier build wrote. After each build, the ``.tex`` (and any PDF made from it)
of a paper that no longer exists, or that a strict build withholds for its
problems, is removed, so ``make all-pdf`` (which compiles every ``*.tex``) and
``collect-downloads`` never publish it. The volume holds every paper: one
withheld paper withholds it too.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..model.papers import VOLUME, is_paper_docname
from ..reading.problems import unpublished

#: The documents the last build wrote, so the next can tell which are gone.
STATE_FILE = ".research-documents.json"


def _previous(path: Path) -> set[str]:
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {name for name in names if isinstance(name, str)} if isinstance(names, list) else set()


def remove_unpublished(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (LaTeX): remove the ``.tex`` and PDF of what is not to be published."""
    if app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    documents = {Path(target).stem: start for start, target, *_ in app.config.latex_documents}
    withheld = unpublished(app.env)
    whole_series = not any(is_paper_docname(name) for name in withheld)
    withhold = {
        stem
        for stem, start in documents.items()
        if start in withheld or (stem == VOLUME and not whole_series)
    }
    state = outdir / STATE_FILE
    gone = _previous(state) - set(documents)
    for stem in sorted(gone | withhold):
        for suffix in (".tex", ".pdf"):
            (outdir / f"{stem}{suffix}").unlink(missing_ok=True)
    state.write_text(json.dumps(sorted(documents), indent=1) + "\n", encoding="utf-8")

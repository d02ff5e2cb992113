"""At build time, what the volume holds: its papers in series order (``series.volume.json``).

The LaTeX build writes it for :mod:`.volume`, which assembles the volume at make
time without Sphinx.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import texescape

from ..model.authors import join_names
from ..model.papers import VOLUME, kept_version
from ..reading.domain import research_domain
from .volume import MANIFEST


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (LaTeX): the papers the volume holds, in series order."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    manifest = outdir / MANIFEST
    if not (outdir / f"{VOLUME}.tex").exists():
        manifest.unlink(missing_ok=True)
        return
    engine = app.config.latex_engine
    reports = research_domain(app.env).reports
    papers = []
    for start, target, *_ in app.config.latex_documents:
        stem = Path(target).stem
        record = reports.get(start)
        kept = kept_version(start) is not None  # an earlier version is not in the volume
        if stem == VOLUME or kept or record is None or not (outdir / target).exists():
            continue
        report = record.report
        authors = join_names(report.author_names)
        papers.append(
            {
                "slug": stem,
                "number": report.number,
                "year": report.date.year,
                "title": report.title,
                "title_tex": texescape.escape(report.title, engine),
                "authors_tex": texescape.escape(authors, engine),
            }
        )
    papers.sort(key=lambda paper: (paper["number"], paper["slug"]))
    text = json.dumps({"papers": papers}, indent=1, ensure_ascii=False) + "\n"
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != text:
        manifest.write_text(text, encoding="utf-8")

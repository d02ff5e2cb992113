"""At build time, which papers get an accessible PDF (``<builddir>/pdfua/papers.json``).

The HTML build writes it for :mod:`.make`, which prints the pages at make time
without Sphinx: the published papers (not withheld for a problem, not withdrawn),
in series order, each with its built page, title and authors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.papers import file_stem, slug, version_docname
from ..reading.domain import research_domain
from ..reading.problems import unpublished
from ..reading.series_view import kept_versions_of, published
from .make import FOLDER, MANIFEST


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` (``html``): the papers to print, beside the site."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    if builder.name != "html":  # dirhtml, singlehtml: make site builds html
        return
    outdir = Path(app.outdir)
    papers = []
    reports = research_domain(app.env).reports
    withheld = unpublished(app.env)
    for record in published(app.env):
        if record.report.withdrawal is not None:
            continue
        # the paper, then its kept versions (<slug>-v<n>), each printed from its own page
        paper = slug(record.docname)
        kept = [version_docname(paper, n) for n in kept_versions_of(app.env, paper)]
        for docname in [record.docname, *kept]:
            page = outdir / builder.get_outfilename(docname)
            if docname not in reports or docname in withheld or not page.is_file():
                continue
            papers.append(
                {
                    "slug": file_stem(docname),
                    "page": page.relative_to(outdir).as_posix(),
                    "title": reports[docname].report.title,
                    "authors": list(reports[docname].report.author_names),
                }
            )
    folder = outdir.parent / FOLDER
    folder.mkdir(exist_ok=True)
    manifest = folder / MANIFEST
    # the site's folder relative to the manifest's, so that the same series built in two
    # places writes the same file
    site = os.path.relpath(outdir.resolve(), folder.resolve())
    text = json.dumps({"site": site, "papers": papers}, indent=1,
                      ensure_ascii=False) + "\n"  # fmt: skip
    if not manifest.exists() or manifest.read_text(encoding="utf-8") != text:
        manifest.write_text(text, encoding="utf-8")

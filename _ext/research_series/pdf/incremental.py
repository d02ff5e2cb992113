"""The LaTeX build writes only the papers read in this build.

Sphinx's LaTeX builder translates every document on every build
(``get_outdated_docs`` returns "all documents"): at 200 papers a no-op spent
18 s assembling and translating papers whose ``.tex`` would come out the same.
A paper's ``.tex`` depends only on its own doctree and the configuration (no
paper's PDF holds another's text; the volume, which holds only its cover, is
always written), and Sphinx reads again, writing its doctree, every document whose
source, ``.bib`` or other dependency changed, and all of them when the
configuration changed. The HTML, LaTeX and EPUB builds of ``make site`` share one
environment, so the build that read a paper may be another one: this builder
writes a document when its doctree is newer than its ``.tex``, when the ``.tex`` is
missing (``sphinx-build -E`` reads, and so writes, everything). An upstream fix
would give Sphinx's builder the HTML builder's outdated check.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from sphinx.builders.latex import LaTeXBuilder

from ..model.papers import is_paper_docname


class SeriesLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, writing only the documents that can have changed."""

    def _outdated(self, docname: str, target: str) -> bool:
        # only a paper on its own: a document that includes others (the volume, one
        # of a project's own latex_documents) may change with any of them
        if not is_paper_docname(docname) or self.env.toctree_includes.get(docname):
            return True
        tex = Path(self.outdir, target)
        doctree = Path(self.doctreedir, f"{docname}.doctree")
        try:
            return doctree.stat().st_mtime_ns >= tex.stat().st_mtime_ns
        except OSError:
            return True

    def write_documents(self, _docnames: Set[str]) -> None:
        everything = self.document_data
        self.document_data = [entry for entry in everything if self._outdated(entry[0], entry[1])]
        try:
            super().write_documents(_docnames)
        finally:
            self.document_data = everything

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

The volume's ``.tex`` holds its cover only (its papers come from their PDFs,
``volume.py``), so it is assembled without them: Sphinx's builder would load,
copy and resolve every paper's doctree into it (5 s of a 200-paper no-op) only
for all of it to be thrown away.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path

from docutils import nodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.util.docutils import new_document

from ..model.papers import VOLUME, is_paper_docname, kept_version
from .transforms import VOLUME_PAPERS


class SeriesLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder, writing only the documents that can have changed."""

    def _outdated(self, docname: str, target: str) -> bool:
        # only a paper on its own: a document that includes others (the volume, one
        # of a project's own latex_documents) may change with any of them
        on_its_own = is_paper_docname(docname) or kept_version(docname) is not None
        if not on_its_own or self.env.toctree_includes.get(docname):
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
        # Sphinx's writer unpickles each document's doctree three times in a row (for
        # its toctree depth, its contents name, then to assemble it), 2.8 s of 4.2 s at
        # 200 papers; the first two only read it, and assembling copies it, so the
        # doctree last loaded is handed out again.
        load = self.env.get_doctree
        last: dict[str, nodes.document] = {}

        def get_doctree(docname: str) -> nodes.document:
            if docname not in last:
                last.clear()
                last[docname] = load(docname)
            return last[docname]

        self.env.get_doctree = get_doctree  # type: ignore[method-assign]
        try:
            super().write_documents(_docnames)
        finally:
            self.document_data = everything
            del self.env.get_doctree  # the class's method again

    def assemble_doctree(
        self, indexfile: str, toctree_only: bool, appendices: list[str]
    ) -> nodes.document:
        """The volume: an empty document that names its papers; others as Sphinx does."""
        volume = (indexfile, f"{VOLUME}.tex")
        if not any(tuple(entry[:2]) == volume for entry in self.document_data):
            return super().assemble_doctree(indexfile, toctree_only, appendices)
        self.docnames = {indexfile}
        tree = new_document("<latex output>")
        tree["docname"] = indexfile
        # the title page (transforms.VolumeTitlePage) names the years they span
        papers = [name for name in self._included(indexfile) if is_paper_docname(name)]
        tree[VOLUME_PAPERS] = papers
        self.env.resolve_references(tree, indexfile, self)
        return tree

    def _included(self, docname: str, seen: set[str] | None = None) -> Iterator[str]:
        """Every document *docname*'s toctrees include, depth first, as Sphinx inlines them."""
        seen = {docname} if seen is None else seen
        for name in self.env.toctree_includes.get(docname, ()):
            if name not in seen and name in self.env.all_docs:
                seen.add(name)
                yield name
                yield from self._included(name, seen)

"""Links to another paper (or version) in the PDF: its title and its URL, never a path.

Each paper is a PDF of its own, so ``{doc}`` to another paper cannot be a link
inside the document; Sphinx's LaTeX writer then prints the target's path
(``../hovander-2016/index``). Before references are resolved, such a link
becomes the other paper's title, linked to its page on the series' site, with
the URL printed after it, as a reader of paper needs it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from ..model.papers import absolute, is_paper_docname, kept_version
from ..reading.domain import research_domain
from ..reading.series_view import series_of
from .transforms import LatexPostTransform


class LinksToOtherPapers(LatexPostTransform):
    """``{doc}`` to another paper: "Title (URL)", the title linked to the URL."""

    # Before Sphinx resolves references (10).
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        reports = research_domain(self.env).reports
        base_url = series_of(self.env).base_url
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "std" or xref.get("reftype") != "doc":
                continue
            target = docname_join(xref.get("refdoc", ""), xref["reftarget"])
            record = reports.get(target)
            is_page = is_paper_docname(target) or kept_version(target) is not None
            if record is None or not is_page or target == xref.get("refdoc"):
                continue
            url = absolute(base_url, f"{target}.html")
            title = record.report.title if not xref.get("refexplicit") else xref.astext()
            link = nodes.reference("", title, refuri=url, internal=False)
            xref.replace_self(
                [link, nodes.Text(" ("), nodes.reference("", url, refuri=url), nodes.Text(")")]
            )

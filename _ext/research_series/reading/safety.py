"""Nothing an author or a ``.bib`` file supplies becomes script or an active link.

One transform runs on every document after its citations are rendered (so
links from the bibliography are there too) and before the paper's record is
stored (so the index's copy of the abstract is the safe one):

- a link whose scheme is not allowed (:mod:`..model.links`) becomes its text,
  with a warning at the citing line or the ``.bib`` entry (Markdown's own parser
  never makes ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` links: it
  leaves them as text, where they cannot be told from text the author escaped);
- raw HTML (a ``{raw} html`` block, or inline HTML in Markdown) is refused with
  a warning naming ``series_allow_raw_html``; where that is on, it is cleaned
  by nh3 (the Rust ``ammonia`` sanitiser), never by regular expressions.
"""

from __future__ import annotations

from typing import Any

import nh3
from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..model.links import ALLOWED_SCHEMES, is_safe_link
from .diagnostics import Problem
from .domain import warn_while_reading
from .series_view import series_of

_SCHEMES = ", ".join(sorted(ALLOWED_SCHEMES))


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


class SafeContent(SphinxTransform):
    """Unsafe links become text; raw HTML is refused, or sanitised where allowed."""

    # After citations (610), before the record is stored (:class:`.citations.StoreRecord`).
    default_priority = 615

    def apply(self, **kwargs: Any) -> None:
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri")
            if uri is None or is_safe_link(uri):
                continue
            self._refuse_link(uri, reference)
            text = nodes.inline("", "", *reference.children, classes=["unsafe-link"])
            reference.replace_self(text)
        allowed = series_of(self.env).allow_raw_html
        for raw in list(self.document.findall(_is_html)):
            assert isinstance(raw, nodes.raw)
            if allowed:
                raw.children[:] = [nodes.Text(nh3.clean(raw.astext()))]
                continue
            warn_while_reading(
                self.env,
                Problem.html,
                "raw HTML is not published (it could run script in readers' browsers); write "
                "it in Markdown, or set series_allow_raw_html = True in conf.py to publish it "
                "cleaned of script",
                raw,
            )
            raw.parent.remove(raw)

    def _refuse_link(self, uri: str, where: nodes.Node | None) -> None:
        warn_while_reading(
            self.env,
            Problem.link,
            f"the link to {uri!r} is not made (only {_SCHEMES} links are), and its text is "
            "printed instead; correct the URL",
            where,
        )

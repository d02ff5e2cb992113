"""Nothing an author or a ``.bib`` file supplies becomes script or an active link.

One transform runs on every document after its citations are rendered (so
links from the bibliography are there too) and before the paper's record is
stored (so the index's copy of the abstract is the safe one):

- a link whose scheme is not allowed (:mod:`..model.links`) becomes its text,
  with a warning at the citing line or the ``.bib`` entry. Markdown's own parser
  never makes ``javascript:``, ``vbscript:``, ``file:`` or ``data:`` links (it
  leaves them as text), so the source is read once more by the same parser,
  told to accept every link, to find and report them at their lines;
- raw HTML (a ``{raw} html`` block, or inline HTML in Markdown) is refused with
  a warning naming ``series_allow_raw_html``; where that is on, it is cleaned
  by nh3 (the Rust ``ammonia`` sanitiser), never by regular expressions.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import nh3
from docutils import nodes
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from sphinx.transforms import SphinxTransform

from ..model.links import ALLOWED_SCHEMES, is_safe_link
from .diagnostics import Problem
from .domain import warn_while_reading
from .series_view import series_of

_SCHEMES = ", ".join(sorted(ALLOWED_SCHEMES))


@cache
def _accepting_parser() -> MarkdownIt:
    """One markdown-it parser for every document: its link check accepts all, to report."""
    parser = MarkdownIt("commonmark").use(footnote_plugin)
    # markdown-it-py lets a parser replace its link check
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


def _markdown_links(source: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """``(line, href)`` of every Markdown link in *source*, directives' content too."""
    for token in _accepting_parser().parse(source):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "fence" and token.info.startswith("{"):
            yield from _markdown_links(token.content, line + 1)
        for child in token.children or ():
            if child.type == "link_open":
                yield line, str(child.attrGet("href") or "")


def refused_markdown_links(source: str) -> list[tuple[int, str]]:
    """Markdown links with a scheme that is not allowed, which Markdown left as text."""
    if "](" not in source and "]:" not in source:  # no inline link, no link definition
        return []
    return [(line, href) for line, href in _markdown_links(source) if not is_safe_link(href)]


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
        source = Path(self.env.doc2path(self.env.docname))
        if source.suffix == ".md":
            for line, href in refused_markdown_links(source.read_text(encoding="utf-8")):
                self._refuse_link(href, (self.env.docname, line))
        allowed = series_of(self.env).allow_raw_html
        for raw in list(self.document.findall(_is_html)):
            assert isinstance(raw, nodes.raw)
            if allowed:
                raw[:] = [nodes.Text(nh3.clean(raw.astext()))]  # parented, unlike children[:]
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

    def _refuse_link(self, uri: str, where: nodes.Node | tuple[str, int]) -> None:
        warn_while_reading(
            self.env,
            Problem.link,
            f"the link to {uri!r} is not made (only {_SCHEMES} links are), and its text is "
            "printed instead; correct the URL",
            where,
        )

"""Plain metadata text to nodes, turning bare URLs into links."""

from __future__ import annotations

import re

from docutils import nodes

_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def text_with_links(text: str) -> list[nodes.Node]:
    """Text nodes with every ``http(s)://`` URL made a reference; nothing is parsed as markup."""
    result: list[nodes.Node] = []
    position = 0
    for match in _URL.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        url = match.group(0)
        result.append(nodes.reference(url, url, refuri=url))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result

"""Which PDFs and EPUBs a page may link: those the site has, or this command makes.

``make html`` makes no PDF or EPUB; its pages link one only where the site's
``downloads/`` folder holds it (from an earlier ``make site``). ``make site``
makes them all after its HTML phase, so its pages link every published paper's
(:data:`..model.papers.SITE_BUILD_ENV`). What each page could link is kept per
builder; a page whose links would change is written again, though its paper did
not change.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..model.papers import DOWNLOADS, SITE_BUILD_ENV, VOLUME, download_path
from ..reading.domain import research_domain
from ..reading.series_view import published
from .website import is_website

#: The formats that exist only once made (the citation exports are always written).
MADE_FORMATS = (".pdf", ".epub")
_VOLUME_KEY = "(volume)"


def will_exist(builder: Builder, path: str) -> bool:
    """Whether the site path *path* (``downloads/x.pdf``) is there, or this command makes it."""
    if os.environ.get(SITE_BUILD_ENV) == "1":
        return True
    return (Path(builder.outdir) / path).is_file()


def volume_paths() -> list[str]:
    return [f"{DOWNLOADS}/{VOLUME}{suffix}" for suffix in MADE_FORMATS]


def _links(builder: Builder, docnames: Iterable[str]) -> dict[str, list[bool]]:
    links = {
        docname: [will_exist(builder, download_path(docname, suffix)) for suffix in MADE_FORMATS]
        for docname in docnames
    }
    links[_VOLUME_KEY] = [will_exist(builder, path) for path in volume_paths()]
    return links


def _state_path(builder: Builder) -> Path:
    return Path(builder.doctreedir) / f"research-download-links-{builder.name}.json"


def pages_with_changed_links(builder: Builder) -> set[str]:
    """Pages to write again because a PDF or EPUB appeared or went since they were written."""
    env = builder.env
    now = _links(builder, (record.docname for record in published(env)))
    try:
        before = json.loads(_state_path(builder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = None
    if not isinstance(before, dict):
        before = {}
    changed = {name for name, value in now.items() if before.get(name, value) != value}
    if changed:
        changed.discard(_VOLUME_KEY)
        changed |= set(research_domain(env).index_pages)
    return changed & env.found_docs


def save_links(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: what this build's pages could link, for the next build."""
    if exception is not None or not is_website(app.builder):
        return
    now = _links(app.builder, (record.docname for record in published(app.env)))
    path = _state_path(app.builder)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")

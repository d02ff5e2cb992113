"""Which builds are the website, which file holds a page, and what a strict build withholds.

One rule for "is this build the website?", used by every part of the web wing:
the HTML builders that write pages for the site (``html``, ``dirhtml`` and
``singlehtml``). EPUB is HTML too, but its pages go into packages, which the
EPUB wing handles itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..model.papers import is_paper_docname
from ..reading.domain import research_domain
from ..reading.incremental import NEXT, PREVIOUS, neighbour
from ..reading.problems import unpublished

WEBSITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
IMAGES = "_images"


def is_website(builder: Builder) -> bool:
    """Whether *builder* writes the series' website (rather than a PDF, an EPUB, ...)."""
    return builder.name in WEBSITE_BUILDERS


def page_file(builder: Builder, docname: str) -> Path:
    """The file that shows *docname*: its own page, or the one page of ``singlehtml``.

    ``dirhtml`` writes ``<docname>/index.html``, which the builder's own
    ``get_outfilename`` knows; its target URI is the folder.
    """
    if not isinstance(builder, StandaloneHTMLBuilder):
        return Path(builder.outdir, builder.get_target_uri(docname))
    if isinstance(builder, SingleFileHTMLBuilder):
        docname = builder.config.root_doc
    return Path(builder.get_outfilename(docname))


def unpublish_pages_with_problems(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a strict build leaves no page of a paper with problems.

    The page is written from what could be read; removing it keeps a failed
    build from publishing it, and the next build writes it again (the paper
    is read again: :func:`..reading.incremental.reread_documents_with_problems`).
    """
    if not is_website(app.builder):
        return
    domain = research_domain(app.env)
    withheld = unpublished(app.env)
    late = {name for name in withheld - domain.withheld_when_read if is_paper_docname(name)}
    if late and not domain.index_written_last:
        # A paper's problem came to light after the index was written (the one
        # page of ``singlehtml``): the index may list it. Withhold the index too,
        # and write it again next build.
        withheld |= set(domain.index_pages)
        domain.also_read_again |= set(domain.index_pages)
    for docname in sorted(withheld):
        page_file(app.builder, docname).unlink(missing_ok=True)


def link_published_neighbours(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: "Previous" and "Next" lead past papers a strict build withholds.

    Sphinx takes a page's neighbours from the index's toctree, which lists every
    paper folder; a withheld paper's page is not there to lead to.
    """
    builder = app.builder
    withheld = unpublished(app.env)
    if not withheld or not isinstance(builder, StandaloneHTMLBuilder):
        return
    relations = builder.relations
    for key, step in (("prev", PREVIOUS), ("next", NEXT)):
        if relations.get(pagename, [None, None, None])[step] not in withheld:
            continue
        target = neighbour(relations, pagename, step, withheld)
        context[key] = (
            None
            if target is None
            else {
                "link": builder.get_relative_uri(pagename, target),
                "title": builder.render_partial(app.env.titles[target])["title"],
            }
        )
    context["rellinks"] = [link for link in context.get("rellinks", ()) if link[0] not in withheld]


def published_files(builder: Builder) -> set[str]:
    """The files this site's pages consist of, relative to the output folder.

    Each document's page and the copy of its source (``_sources/``), and every
    image a document shows (``_images/``).
    """
    env = builder.env
    outdir = Path(builder.outdir)
    files = {
        page_file(builder, docname).relative_to(outdir).as_posix() for docname in env.found_docs
    }
    if builder.config.html_copy_source:
        link_suffix = builder.config.html_sourcelink_suffix
        for docname in env.found_docs:
            source = docname + env.doc2path(docname).suffix
            files.add(f"_sources/{source}{'' if source.endswith(link_suffix) else link_suffix}")
    files.update(f"{IMAGES}/{unique}" for _docnames, unique in env.images.values())
    return files


def remove_stale_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: pages of documents that are gone (deleted, renamed) go too.

    Sphinx writes the pages of the documents it has and leaves those of
    documents it no longer has. The files each build publishes are listed in
    the doctree folder; what the last build listed and this one does not is
    removed, with the folders it leaves empty.
    """
    if exception is not None or not is_website(app.builder):
        return
    state = Path(app.doctreedir) / f"research-pages-{app.builder.name}.json"
    try:
        previous = set(json.loads(state.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        previous = set()
    current = published_files(app.builder)
    outdir = Path(app.outdir).resolve()
    for name in sorted(previous - current):
        path = (outdir / name).resolve()
        if not path.is_relative_to(outdir) or not path.is_file():
            continue
        path.unlink()
        for folder in path.parents:
            if folder == outdir or any(folder.iterdir()):
                break
            folder.rmdir()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps(sorted(current), indent=1) + "\n", encoding="utf-8")

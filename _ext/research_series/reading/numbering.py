"""Figures, tables and equations numbered per paper, and referred to by number.

Sphinx numbers enumerable nodes across the whole project, following the
toctree from the root: the series index lists every paper, so a paper's first
figure would be "Figure 7" because six came before it in other papers. Each
paper is a publication of its own, and its PDF (one LaTeX document per paper)
counts from 1, so the HTML and EPUB count the same way: the toctree collector
is replaced by one that numbers each document on its own.

The options behind ``{numref}`` and ``{eq}`` are set here, once, for every
format (a paper cannot set them): ``numfig`` on, "Figure 2", "Table 1",
equations "(3)". An image without alternative text is a located warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.transforms import SphinxTransform

from .compat import connected_instance, user_set
from .diagnostics import Problem
from .domain import warn_while_reading

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: How numbered things are named in captions and in ``{numref}``, in every format.
NUMFIG_FORMAT = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}

#: Options that make numbering work the same in HTML, LaTeX and EPUB.
NUMBERING_OPTIONS: dict[str, Any] = {
    "numfig": True,
    # No section numbers in the series: "Figure 2", never "Figure 1.2".
    "numfig_secnum_depth": 0,
    "math_numfig": True,
    "math_eqref_format": "({number})",
}


def configure_numbering(app: Sphinx, config: Config) -> None:
    """``config-inited``: numbered figures, tables and equations, unless conf.py chose."""
    for name, value in NUMBERING_OPTIONS.items():
        if not user_set(config, name):
            setattr(config, name, value)
    formats = dict(NUMFIG_FORMAT)
    formats.update(config.numfig_format)
    config.numfig_format = formats


def enumerable_type(env: BuildEnvironment, node: nodes.Element) -> str | None:
    """The numbered kind of *node* ("figure", "table", "displaymath"...), or ``None``.

    As Sphinx decides it: a figure or table without a caption is not numbered.
    """
    standard = env.domains.standard_domain
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if domain is standard and not standard.get_numfig_title(node):
            continue
        if figtype:
            return figtype
    return None


def numbers_of(
    env: BuildEnvironment, doctree: nodes.document
) -> dict[str, dict[str, tuple[int, ...]]]:
    """``{figtype: {id: (n,)}}`` for one document, counted from 1 in document order."""
    numbers: dict[str, dict[str, tuple[int, ...]]] = {}
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section) or not node["ids"]:
            continue  # sections are not numbered in the series
        figtype = enumerable_type(env, node)
        if figtype:
            counter = numbers.setdefault(figtype, {})
            counter[node["ids"][0]] = (len(counter) + 1,)
    return numbers


class PerPaperNumbering(TocTreeCollector):
    """Sphinx's toctree collector, numbering figures in each document from 1.

    A document's numbers depend on that document only, so they are counted
    when it is read and kept until it is read again: no build loads every
    doctree to renumber, and no unchanged page is rewritten.
    """

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        super().process_doc(app, doctree)
        numbers = numbers_of(app.env, doctree)
        if numbers:
            app.env.toc_fignumbers[app.env.current_document.docname] = numbers

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        super().merge_other(app, env, docnames, other)
        for docname in docnames & other.toc_fignumbers.keys():
            env.toc_fignumbers[docname] = other.toc_fignumbers[docname]

    def assign_figure_numbers(self, env: BuildEnvironment) -> list[str]:
        return []  # counted per document in process_doc


def number_per_paper(app: Sphinx) -> None:
    """Replace Sphinx's toctree collector by :class:`PerPaperNumbering`."""
    connected_instance(app, "env-get-updated", TocTreeCollector).disable(app)
    app.add_env_collector(PerPaperNumbering)


class ImagesHaveAltText(SphinxTransform):
    """A figure or image without alternative text is reported at its line.

    Screen readers (and the EPUB accessibility checks) read the ``alt`` text in
    place of the picture; without it a reader hears the file name.
    """

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            if str(image.get("alt", "")).strip():
                continue
            target: nodes.Node = image.parent if isinstance(image.parent, nodes.figure) else image
            while not target.line and target.parent is not None:
                target = target.parent  # an inline image: the paragraph's line
            warn_while_reading(
                self.env,
                Problem.figure,
                f"the image {image.get('uri', '')!r} has no alternative text; describe "
                "what it shows with ':alt:' (a figure) or ![text](file) (an image)",
                target,
            )

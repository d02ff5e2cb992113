"""Labels belong to their paper: ``fig-1`` in one paper is not ``fig-1`` in another.

Sphinx keeps figure, table, section and equation labels in one table for the
whole project, so two papers by independent authors that both write
``(intro)=`` or ``:label: eq-1`` clash ("duplicate label") and the strict
build withholds the later paper. Here the standard and math domains keep a
paper's labels under ``<paper>/<label>`` and resolve a paper's ``{ref}``,
``{numref}``, ``{eq}`` and MyST ``[text](#label)`` in that paper only (MyST
finds a label of the page itself by its anchor when the domains do not); the
anchors (``#fig-1``, ``#equation-eq-1``) and numbers are unchanged, since each
paper is a page, a LaTeX document and an EPUB of its own.

A paper's pages (its index and an appendix it includes) share its labels. A
paper refers to another paper as a whole (a series citation, ``{doc}``, or a
MyST link naming the paper's file, ``[x](../alder-2020/index.md#intro)``),
never by a bare label: its numbers ("Figure 2") would read as the citing
paper's own. Such a reference is a located warning that names the paper the
label is in. A page outside the papers (the series index, an about page) may
still name a paper's label in full, ``{ref}`alder-2020/intro```.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.domains.math import MathDomain
from sphinx.domains.std import StandardDomain
from sphinx.domains.std import warn_missing_reference as std_warn_missing_reference
from sphinx.locale import __
from sphinx.util import logging

from ..model.papers import PAPER_DOCUMENT, paper_slug
from .compat import disconnect_handler
from .diagnostics import Problem, exact_line, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The standard domain's tables of labels (``{ref}`` reads both, ``{numref}`` too).
LABEL_STORES = ("labels", "anonlabels")
#: The references that name a label (rather than a document, a term or an option).
LABEL_ROLES = {("std", "ref"), ("std", "numref"), ("math", "eq"), ("math", "numref")}


def label_scope(docname: str) -> str | None:
    """The paper whose labels *docname*'s are: its folder's, for the paper's index and
    any page it includes (an appendix); ``None`` for a page outside the papers."""
    folder, sep, _ = docname.partition("/")
    return paper_slug(f"{folder}/{PAPER_DOCUMENT}") if sep else None


def label_key(docname: str, name: str) -> str:
    """How *name*, a label written in *docname*, is kept: ``<paper>/<name>`` in a paper."""
    scope = label_scope(docname)
    return f"{scope}/{name}" if scope else name


def written_label(key: str, docname: str) -> str:
    """The label as written in *docname*, from the key it is kept under."""
    scope = label_scope(docname)
    return key.removeprefix(f"{scope}/") if scope else key


def visible_entry(table: dict[str, Any], fromdocname: str, target: str) -> tuple[str, Any] | None:
    """``(key, entry)`` of the label *target* as *fromdocname* sees it, or ``None``.

    A paper sees its own labels and those of pages outside the papers; any
    other page sees every label, a paper's by its full ``<paper>/<name>``.
    """
    if label_scope(fromdocname) is None:
        return (target, table[target]) if target in table else None
    own = label_key(fromdocname, target)
    if own in table:
        return own, table[own]
    entry = table.get(target)
    if entry is not None and label_scope(entry[0]) is None:
        return target, entry
    return None


def papers_holding(env: BuildEnvironment, domain: str, target: str) -> list[str]:
    """The papers with a label *target* (written plainly or as ``<paper>/<name>``)."""
    if domain == "math":
        tables: list[dict[str, Any]] = [env.domains.math_domain.equations]
    else:
        std = env.domains.standard_domain
        tables = [std.labels, std.anonlabels]
    found = {
        slug
        for table in tables
        for key, entry in table.items()
        if (slug := label_scope(entry[0])) and key in {f"{slug}/{target}", target}
    }
    return sorted(found)


class PaperStandardDomain(StandardDomain):
    """Sphinx's standard domain, with each paper's labels kept and found in that paper."""

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        scope = label_scope(docname)
        if scope is None:
            super().process_doc(env, docname, document)
            return
        # Sphinx's own reading of the document's labels, with only this paper's other
        # pages' labels in view (a label another paper also has is no duplicate);
        # what it adds is then kept as <paper>/<name>.
        shared = {store: self.data.setdefault(store, {}) for store in LABEL_STORES}
        prefix = f"{scope}/"
        for store, table in shared.items():
            self.data[store] = {
                key.removeprefix(prefix): entry
                for key, entry in table.items()
                if key.startswith(prefix) and label_scope(entry[0]) == scope
            }
        try:
            super().process_doc(env, docname, document)
        finally:
            own = {store: self.data[store] for store in LABEL_STORES}
            self.data.update(shared)
        for store, entries in own.items():
            for name, entry in entries.items():
                if entry[0] == docname:
                    shared[store][prefix + name] = entry

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ in {"ref", "numref"}:
            # {ref} with a title reads the anonymous labels, without one the named.
            tables: list[dict[str, Any]] = [self.labels, self.anonlabels]
            if typ == "ref" and node["refexplicit"]:
                tables = [self.anonlabels]
            found = next(
                (hit for table in tables if (hit := visible_entry(table, fromdocname, target))),
                None,
            )
            if found is None:
                return None
            target = found[0]
        return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)


class PaperMathDomain(MathDomain):
    """Sphinx's math domain, with each paper's equation labels its own.

    MyST and Sphinx's ``math`` directive note an equation while the document
    is parsed (too early for a transform), so the keeping is done here.
    """

    def note_equation(self, docname: str, labelid: str, location: Any = None) -> None:
        key = label_key(docname, labelid)
        if key in self.equations:
            logger.warning(
                __("duplicate label of equation %s, other instance in %s"),
                labelid,
                self.equations[key][0],
                location=location,
                type="ref",
                subtype="equation",
            )
        self.equations[key] = (docname, self.env.new_serialno("eqno") + 1)

    def get_equation_number_for(self, labelid: str) -> int | None:
        key = label_key(self.env.current_document.docname, labelid)
        return self.equations[key][1] if key in self.equations else None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = visible_entry(self.equations, fromdocname, target)
        if found is None:
            return None
        key, entry = found
        # Sphinx makes the anchor (equation-<label>) from the label as written: it
        # resolves from a table holding this one equation under that name.
        name = written_label(key, entry[0])
        with self._only(name, entry):
            return super().resolve_xref(env, fromdocname, builder, typ, name, node, contnode)

    def _only(self, name: str, entry: tuple[str, int]) -> _Swapped:
        return _Swapped(self.data, "objects", {name: entry})


class _Swapped:
    """``data[key]`` replaced by *value* within a ``with`` block."""

    def __init__(self, data: dict[str, Any], key: str, value: object) -> None:
        self.data, self.key, self.value = data, key, value

    def __enter__(self) -> None:
        self.saved = self.data[self.key]
        self.data[self.key] = self.value

    def __exit__(self, *exc: object) -> None:
        self.data[self.key] = self.saved


def equation_of(env: BuildEnvironment, fromdocname: str, target: str) -> tuple[str, str] | None:
    """``(document, label as written there)`` of the equation *fromdocname* names *target*."""
    found = visible_entry(env.domains.math_domain.equations, fromdocname, target)
    if found is None:
        return None
    docname = cast("str", found[1][0])
    return docname, written_label(found[0], docname)


def markdown_link_to_equation(
    env: BuildEnvironment, fromdocname: str, target: str
) -> tuple[str, str] | None:
    """The equation (as :func:`equation_of`) a MyST ``[text](#target)`` names, if any.

    A figure, table or section label of the same name comes first, as in MyST.
    """
    std = env.domains.standard_domain
    name = target.lower()
    if any(visible_entry(table, fromdocname, name) for table in (std.labels, std.anonlabels)):
        return None
    return equation_of(env, fromdocname, target)


def _written_twice(node: nodes.Node, target: str) -> bool:
    """Whether the paper *node* is in has two labels *target* (docutils drops both)."""
    root = node
    while root.parent is not None:
        root = root.parent
    return any(target in element.get("dupnames", ()) for element in root.findall(nodes.Element))


def _line_of(node: nodes.Element, docname: str, target: str) -> tuple[str, int | None]:
    """Where the reference is: the line naming *target*, not its paragraph's first."""
    source, line = get_source_line(node)
    return docname, exact_line(source, line, target)


def explain_missing_label(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """``warn-missing-reference``: what a reference to a label lacks, at its line.

    A paper naming another paper's label is told so. For the rest, Sphinx's own
    words for ``{ref}`` (its handler, replaced in :func:`setup_labels`, would
    choose them from the labels as written, not as kept).
    """
    kind = (domain.name, node.get("reftype", ""))
    if kind not in LABEL_ROLES:
        return None
    refdoc = str(node.get("refdoc", ""))
    slug = label_scope(refdoc)
    target = str(node["reftarget"])
    holders = [held for held in papers_holding(app.env, domain.name, target) if held != slug]
    if slug and holders and not _written_twice(node, target):
        warn(
            Problem.reference,
            f"{target!r} is a label of another paper ({', '.join(holders)}), and labels "
            "are local to each paper; refer to another paper as a whole with a series "
            f"citation ({{cite}}`{holders[0]}`) or {{doc}}`/{holders[0]}/index`",
            _line_of(node, refdoc, target),
        )
        return True
    if kind != ("std", "ref"):
        return None  # Sphinx's message for the role ("equation not found: ...")
    std = app.env.domains.standard_domain
    if visible_entry(std.anonlabels, refdoc, target):
        message = __("Failed to create a cross reference. A title or caption not found: %r")
    else:
        message = __("undefined label: %r")
    location = _line_of(node, refdoc, target)
    logger.warning(message, target, location=location, type="ref", subtype="ref")
    return True


def setup_labels(app: Sphinx) -> None:
    """Each paper's labels its own, in every format."""
    app.add_domain(PaperStandardDomain, override=True)
    app.add_domain(PaperMathDomain, override=True)
    # Every handler of the event runs: the standard domain's would add its own
    # "undefined label" for a label this paper has but cannot resolve as written.
    disconnect_handler(app, "warn-missing-reference", std_warn_missing_reference)
    app.connect("warn-missing-reference", explain_missing_label)

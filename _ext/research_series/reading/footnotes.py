"""Footnotes as readers meet them: marks without notes, generated notes, order.

MyST numbers and places labelled notes by the order of their marks (its
``SortFootnotes`` and ``CollectFootnotes`` transforms); what is here works
with that rather than against it.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.environment import BuildEnvironment

from .diagnostics import Problem, exact_line
from .domain import warn_while_reading
from .nodes import citation_reference, footnote_citation


def reading_order(document: nodes.document) -> Iterator[citation_reference]:
    """Citations as a reader meets them: a note's content where its first mark is."""
    footnotes = {name: fn for fn in document.findall(nodes.footnote) for name in fn["names"]}
    visited: set[str] = set()

    def walk(node: nodes.Node) -> Iterator[citation_reference]:
        for child in list(node.children) if isinstance(node, nodes.Element) else []:
            if isinstance(child, nodes.footnote):
                continue
            if isinstance(child, citation_reference):
                yield child
            elif isinstance(child, nodes.footnote_reference):
                name = child.get("refname", "")
                if name in footnotes and name not in visited:
                    visited.add(name)
                    yield from walk(footnotes[name])
            else:
                yield from walk(child)

    yield from walk(document)
    for name, footnote in footnotes.items():  # notes never referenced still resolve
        if name not in visited:
            visited.add(name)
            yield from walk(footnote)


def check_footnote_marks(env: BuildEnvironment, document: nodes.document) -> None:
    """A mark with no definition gets one clear warning instead of docutils' two."""
    for ref in list(document.findall(nodes.footnote_reference)):
        name = ref.get("refname")
        if not name or name in document.nameids:
            continue
        source, line = get_source_line(ref)
        warn_while_reading(
            env,
            Problem.footnote,
            f"footnote mark [^{name}] has no definition; add a line '[^{name}]: text of the "
            "note' to this file, or remove the mark",
            (env.docname, exact_line(source, line, f"[^{name}]")),
        )
        if ref in document.autofootnote_refs:
            document.autofootnote_refs.remove(ref)
        refs = document.refnames.get(name, [])
        if ref in refs:
            refs.remove(ref)
        ref.replace_self(nodes.inline(text=f"[^{name}]", classes=["footnote-missing"]))


def expand_footnote_citations(env: BuildEnvironment, document: nodes.document) -> None:
    """Each ``{footcite}`` becomes a numbered mark and a note holding the citation.

    One note per role, holding every work it names. A ``{footcite}`` inside a
    note would make a note on a note: it is refused, and cites in place instead.
    """
    taken = set(document.nameids)
    number = 0
    for pending in list(document.findall(footnote_citation)):
        if in_footnote(pending):
            warn_while_reading(
                env,
                Problem.citation,
                "a {footcite} inside a footnote would make a note on a note; write {cite} "
                "there, which gives the note form in place",
                pending,
            )
            pending.replace_self(pending.children)
            continue
        number += 1
        label = f"footcite-{number}"
        while label in taken:  # an author's own [^footcite-1]
            label += "-"
        taken.add(label)
        ref = nodes.footnote_reference("", "", auto=1, refname=label)
        ref.source, ref.line = pending.source, pending.line
        document.note_autofootnote_ref(ref)
        document.note_footnote_ref(ref)
        footnote = nodes.footnote("", nodes.paragraph("", "", *pending.children), auto=1)
        footnote["names"].append(label)
        footnote.source, footnote.line = pending.source, pending.line
        document.note_autofootnote(footnote)
        document.note_explicit_target(footnote, footnote)
        pending.replace_self(ref)
        document += footnote


def in_footnote(node: nodes.Node) -> bool:
    """Whether *node* stands inside a footnote (a note the author wrote or one generated)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.footnote):
            return True
        parent = parent.parent
    return False


def sort_footnote_marks(document: nodes.document) -> None:
    """Keep auto-numbered marks in document order, generated ones included.

    MyST numbers and places labelled notes by the order of these marks (its
    ``SortFootnotes`` and ``CollectFootnotes`` transforms run after this one).
    """
    position = {id(ref): i for i, ref in enumerate(document.findall(nodes.footnote_reference))}
    document.autofootnote_refs.sort(key=lambda ref: position.get(id(ref), len(position)))

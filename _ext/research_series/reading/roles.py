"""The citation roles of sphinxcontrib-bibtex 2.6, with Chicago meanings.

``{cite:…}`` roles cite in the text, or give the note form where they stand in
a footnote; ``{footcite:…}`` roles make a numbered note holding the citation.
Each role leaves a placeholder carrying its works and its form; the paper's
bibliography turns it into text while the paper is read (:mod:`.citations`).
The table of what each role prints is in the handbook (``docs/authors.md``).
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx

from ..model.citation_syntax import CitationSyntaxError, parse_targets
from .diagnostics import exact_line
from .domain import NoAnyTargetsDomain
from .nodes import citation_reference, footnote_citation


class Form(Enum):
    """What a citation prints in the running text."""

    parenthetical = "p"  # (Waltz 1979, 12); a note form inside a footnote
    bare = "alp"  # Waltz 1979, 12: parenthetical without the parentheses
    textual = "t"  # Waltz (1979, 12); a note form inside a footnote
    author = "author"  # Waltz
    author_in_parentheses = "authorpar"  # (Waltz)
    year = "year"  # 1979
    year_in_parentheses = "yearpar"  # (1979)
    label = "label"  # Waltz 1979: the author-date label, Chicago having no other
    label_in_parentheses = "labelpar"  # (Waltz 1979)
    empty = "empty"  # nothing: the work is listed under Works Cited

    @property
    def is_citation(self) -> bool:
        """Whether the form cites the work (a note form in a footnote), not a part of it."""
        return self in (Form.parenthetical, Form.bare, Form.textual)


@dataclass(frozen=True)
class RoleSpec:
    """One role: its form, and the ``s`` (every author) and ``c`` (capital) variants."""

    form: Form
    all_authors: bool = False
    capitalize: bool = False
    footnote: bool = False


def _cite_specs() -> dict[str, RoleSpec]:
    specs: dict[str, RoleSpec] = {}
    for s in ("", "s"):
        every = s == "s"
        specs[f"p{s}"] = RoleSpec(Form.parenthetical, every)
        specs[f"alp{s}"] = RoleSpec(Form.bare, every)
        specs[f"t{s}"] = RoleSpec(Form.textual, every)
        specs[f"ct{s}"] = RoleSpec(Form.textual, every, capitalize=True)
        specs[f"author{s}"] = RoleSpec(Form.author, every)
        specs[f"cauthor{s}"] = RoleSpec(Form.author, every, capitalize=True)
        specs[f"authorpar{s}"] = RoleSpec(Form.author_in_parentheses, every)
    specs["year"] = RoleSpec(Form.year)
    specs["yearpar"] = RoleSpec(Form.year_in_parentheses)
    specs["label"] = RoleSpec(Form.label)
    specs["labelpar"] = RoleSpec(Form.label_in_parentheses)
    specs["empty"] = RoleSpec(Form.empty)
    return specs


#: ``{cite:<name>}``; ``{cite}`` is ``{cite:p}``, as in sphinxcontrib-bibtex.
CITE_ROLES = _cite_specs()
#: ``{footcite:<name>}``; ``{footcite}`` is ``{footcite:p}``. The textual forms
#: print the author in the text, then the note's mark.
FOOTCITE_ROLES = {
    name: RoleSpec(spec.form, spec.all_authors, spec.capitalize, footnote=True)
    for name, spec in CITE_ROLES.items()
    if name in ("p", "ps", "t", "ts", "ct", "cts")
}


def make_role(spec: RoleSpec) -> Any:
    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        source, line = inliner.reporter.get_source_and_line(lineno)
        # the line the role is on (MyST gives the paragraph's, and spells the role
        # :name: in rawtext where the source has {name}): found by its backticked part
        line = exact_line(source, line, "`" + rawtext.partition("`")[2])
        target = nodes.unescape(text)
        try:
            items = parse_targets(target)
        except CitationSyntaxError as error:
            items, problem = [], str(error)
        else:
            problem = ""
        result: list[nodes.Element] = []
        if spec.footnote and spec.form is Form.textual:
            # "Waltz[1]": the author in the text, the work in the note
            author = RoleSpec(Form.author, spec.all_authors, spec.capitalize)
            result.append(
                citation_reference(rawtext, items=items, spec=author, role=name, problem="")
            )
        if spec.footnote:
            inner = RoleSpec(Form.parenthetical, spec.all_authors, footnote=True)
            placeholder = citation_reference(
                rawtext, items=items, spec=inner, role=name, problem=problem
            )
            result.append(footnote_citation("", placeholder))
        else:
            result.append(
                citation_reference(rawtext, items=items, spec=spec, role=name, problem=problem)
            )
        for node in result:
            for each in node.findall(nodes.Element):
                each.source, each.line = str(source), line
        return list(result), []

    return role


class CiteDomain(NoAnyTargetsDomain):
    """Hosts ``{cite:p}``, ``{cite:t}``…; Sphinx resolves ``x:y`` roles by domain."""

    name = "cite"
    label = "Citations"
    roles: ClassVar[dict[str, Any]] = {name: make_role(spec) for name, spec in CITE_ROLES.items()}

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing to merge: citations are resolved inside their own paper."""


class FootCiteDomain(CiteDomain):
    """Hosts ``{footcite:p}``, ``{footcite:t}``…"""

    name = "footcite"
    label = "Note citations"
    roles: ClassVar[dict[str, Any]] = {
        name: make_role(spec) for name, spec in FOOTCITE_ROLES.items()
    }


def setup_roles(app: Sphinx) -> None:
    """``{cite}``, ``{footcite}`` and the ``cite:`` and ``footcite:`` domains' roles."""
    app.add_role("cite", make_role(CITE_ROLES["p"]))
    app.add_role("footcite", make_role(FOOTCITE_ROLES["p"]))
    app.add_domain(CiteDomain)
    app.add_domain(FootCiteDomain)

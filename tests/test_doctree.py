"""Doctree-level checks with Sphinx's own testing fixtures: the directive emits
standard nodes, records the paper in the domain, and warns with locations."""

from __future__ import annotations

from io import StringIO

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from research_series.reading.domain import research_domain
from research_series.reading.nodes import citation_reference, footnote_citation, report_titleblock


@pytest.mark.sphinx("html", testroot="series")
def test_directive_emits_standard_nodes_and_records_papers(app: SphinxTestApp) -> None:
    app.build()
    assert app._warning.getvalue() == ""  # type: ignore[attr-defined]
    doctree = app.env.get_doctree("zeta/index")
    [block] = doctree.findall(report_titleblock)
    kinds = {type(node) for node in block.findall(nodes.Element)}
    assert kinds <= {
        report_titleblock,
        nodes.paragraph,
        nodes.inline,
        nodes.reference,
        nodes.strong,
        nodes.rubric,
        nodes.container,
        nodes.emphasis,
    }
    # no placeholder survives reading
    assert not list(doctree.findall(citation_reference))
    assert not list(doctree.findall(footnote_citation))
    reports = research_domain(app.env).reports
    assert {name: record.report.number for name, record in reports.items()} == {
        "zeta/index": 1,
        "alpha/index": 2,
        "hostile/index": 3,
    }
    assert reports["zeta/index"].report.author_names == ("Jane Doe", "John Roe", "Анна Иванова")


@pytest.mark.sphinx("html", testroot="series")
def test_prev_next_relations_follow_numbers(app: SphinxTestApp) -> None:
    app.build()
    relations = app.env.collect_relations()
    assert relations["alpha/index"][1:] == ["zeta/index", "hostile/index"]


@pytest.mark.sphinx("pseudoxml", testroot="series")
def test_index_placeholder_is_replaced_for_every_builder(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "index.pseudoxml").read_text(encoding="utf-8")
    assert "series_index_placeholder" not in text
    assert 'classes="series-papers"' in text
    assert isinstance(app._warning, StringIO)  # type: ignore[attr-defined]

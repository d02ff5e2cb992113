"""The Crossref wing: deposit XML registering the papers' DOIs (``make crossref``).

``deposit`` builds the XML with lxml, ``jats`` turns a title and an abstract
into Crossref's face markup and JATS, ``relations`` says what a paper is a
version of, and ``builder`` decides which papers a new batch holds.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .builder import CrossrefBuilder


def setup(app: Sphinx) -> None:
    app.add_builder(CrossrefBuilder)
    app.add_config_value(
        "crossref_redeposit_all",
        False,
        "",
        types=frozenset({bool}),
        description="put every paper in the next Crossref batch, changed or not "
        "(research-series crossref --all sets it)",
    )

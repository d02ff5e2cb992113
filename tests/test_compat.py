"""Sphinx's private API, as this extension uses it, against the installed Sphinx.

Each accessor in ``reading/compat.py`` must work here, and fail loudly (not
fall back silently) where the private attribute is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.builders import epub3
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.testing.util import SphinxTestApp

from conftest import ProjectFactory
from research_series.reading.compat import (
    PrivateApiMissing,
    connected_instance,
    disconnect_handler,
    fails_on_warnings,
    given_value,
    user_set,
)
from research_series.reading.numbering import PerPaperNumbering


@pytest.fixture
def app(make_project: ProjectFactory, tmp_path: Path) -> Iterator[SphinxTestApp]:
    srcdir = make_project({})
    test_app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=tmp_path / "out",
        warningiserror=True,
        confoverrides={"html_title": "Overridden"},
    )
    yield test_app
    test_app.cleanup()


def test_strictness_is_read_from_sphinx(app: SphinxTestApp) -> None:
    assert fails_on_warnings(app) is True


def test_values_set_in_conf_py_or_with_d_are_told_from_defaults(app: SphinxTestApp) -> None:
    assert user_set(app.config, "series_title")  # conf.py
    assert user_set(app.config, "html_title")  # -D
    assert not user_set(app.config, "latex_documents")  # default


def test_the_value_given_is_read_before_validation_reverts_it(app: SphinxTestApp) -> None:
    assert given_value(app.config, "series_title") == "Test Series of Papers"  # conf.py
    assert given_value(app.config, "html_title") == "Overridden"  # -D
    assert given_value(app.config, "series_issn") is None  # not given


def test_sphinx_single_book_epub_check_is_disconnected(app: SphinxTestApp) -> None:
    handlers = [listener.handler for listener in app.events.listeners["builder-inited"]]
    assert epub3.validate_config_values not in handlers
    # and the accessor finds a connected handler to disconnect
    app.connect("builder-inited", _probe)
    disconnect_handler(app, "builder-inited", _probe)
    assert _probe not in [listener.handler for listener in app.events.listeners["builder-inited"]]


def test_only_the_per_paper_toctree_collector_is_connected(app: SphinxTestApp) -> None:
    owners = {
        type(getattr(listener.handler, "__self__", None))
        for listener in app.events.listeners["env-get-updated"]
    }
    assert PerPaperNumbering in owners and TocTreeCollector not in owners
    # and the accessor finds a connected collector by its exact type
    assert type(connected_instance(app, "env-get-updated", PerPaperNumbering)) is PerPaperNumbering
    with pytest.raises(PrivateApiMissing, match="TocTreeCollector"):
        connected_instance(app, "env-get-updated", TocTreeCollector)


def _probe(app: object) -> None:
    """A handler to connect and disconnect."""


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: fails_on_warnings(SimpleNamespace()), "Sphinx._fail_on_warnings"),  # type: ignore[arg-type]
        (lambda: user_set(SimpleNamespace(), "x"), "Config._raw_config"),  # type: ignore[arg-type]
        (lambda: given_value(SimpleNamespace(), "x"), "Config._raw_config"),  # type: ignore[arg-type]
        (
            lambda: disconnect_handler(SimpleNamespace(events=object()), "e", _probe),  # type: ignore[arg-type]
            "EventManager.listeners",
        ),
    ],
)
def test_a_missing_private_attribute_fails_loudly(call: object, name: str) -> None:
    with pytest.raises(PrivateApiMissing, match=name.replace(".", r"\.")):
        call()  # type: ignore[operator]

"""What the build keeps between runs to be fast stays invisible in its outputs.

Compiled templates are cached in the doctree directory (``template_cache.py``);
the cycle collector is paused and objects frozen around the build (``memory.py``).
"""

from __future__ import annotations

import filecmp
import gc
import shutil
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ProjectFactory, paper
from helpers import sphinx_build
from research_series.performance.memory import (
    freeze_finished_build,
    freeze_loaded_environment,
    pause_collector,
    resume_collector,
)
from research_series.performance.template_cache import CACHE_DIRECTORY

ROOT = Path(__file__).parent / "roots" / "test-series"


def files_under(directory: Path) -> dict[str, int]:
    return {
        str(path.relative_to(directory)): path.stat().st_mtime_ns
        for path in directory.rglob("*")
        if path.is_file()
    }


def test_pages_rendered_from_the_template_cache_are_identical(tmp_path: Path) -> None:
    srcdir, doctrees = tmp_path / "src", tmp_path / "doctrees"
    shutil.copytree(ROOT, srcdir)
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    assert sphinx_build(srcdir, cold, "-d", str(doctrees)).returncode == 0
    cache = files_under(doctrees / CACHE_DIRECTORY)
    # page templates and the theme's ``*_t`` static files
    assert len(cache) >= 8

    result = sphinx_build(srcdir, warm, "-E", "-d", str(doctrees))
    assert result.returncode == 0, result.stderr
    # every template came from the cache: none was compiled and written again
    assert files_under(doctrees / CACHE_DIRECTORY) == cache
    comparison = filecmp.dircmp(cold, warm)
    assert not comparison.left_only and not comparison.right_only
    differing = [
        name
        for name in files_under(cold)
        if not filecmp.cmp(cold / name, warm / name, shallow=False)
    ]
    assert differing == []


def test_an_edited_template_is_compiled_again(make_project: ProjectFactory) -> None:
    layout = '{%% extends "!layout.html" %%}{%% block footer %%}%s{%% endblock %%}'
    srcdir = make_project(
        {
            "conf.py": (ROOT / "conf.py").read_text(encoding="utf-8")
            + '\ntemplates_path = ["_templates"]\n',
            "_templates/layout.html": layout % "FOOTER-ONE",
            "paper/index.md": paper(),
        }
    )
    outdir = srcdir.parent / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    assert "FOOTER-ONE" in (outdir / "paper" / "index.html").read_text(encoding="utf-8")

    (srcdir / "_templates" / "layout.html").write_text(layout % "FOOTER-TWO", encoding="utf-8")
    assert sphinx_build(srcdir, outdir).returncode == 0
    page = (outdir / "paper" / "index.html").read_text(encoding="utf-8")
    assert "FOOTER-TWO" in page and "FOOTER-ONE" not in page


def test_a_template_bridge_set_in_conf_py_is_kept(make_project: ProjectFactory) -> None:
    srcdir = make_project(
        {
            "conf.py": (ROOT / "conf.py").read_text(encoding="utf-8")
            + '\ntemplate_bridge = "sphinx.jinja2glue.BuiltinTemplateLoader"\n',
            "paper/index.md": paper(),
        }
    )
    doctrees = srcdir.parent / "doctrees"
    result = sphinx_build(srcdir, srcdir.parent / "html", "-d", str(doctrees))
    assert result.returncode == 0, result.stderr
    assert not (doctrees / CACHE_DIRECTORY).exists()


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Leave the collector as found, whatever a test does to it."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.mark.usefixtures("collector_restored")
@pytest.mark.sphinx("html", testroot="series")
def test_a_build_leaves_the_collector_running(app: SphinxTestApp) -> None:
    app.build()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


@pytest.mark.usefixtures("collector_restored")
def test_the_next_build_hands_frozen_objects_back() -> None:
    gc.enable()
    cycle = Cycle()
    alive = weakref.ref(cycle)
    freeze_finished_build(None, None)  # type: ignore[arg-type]
    del cycle
    gc.collect()
    assert alive() is not None  # frozen: the collector does not look at it

    pause_collector()  # the next build's setup()
    assert not gc.isenabled() and gc.get_freeze_count() == 0
    freeze_loaded_environment(None)  # type: ignore[arg-type]
    assert gc.isenabled()
    gc.unfreeze()
    gc.collect()
    assert alive() is None


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_disabled_by_the_caller_stays_disabled() -> None:
    gc.disable()
    pause_collector()
    resume_collector()
    assert not gc.isenabled()

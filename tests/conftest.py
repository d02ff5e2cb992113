"""Shared fixtures: Sphinx's own testing fixtures plus a project builder."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Generator
from pathlib import Path

import pytest

from helpers import BuildResult, build_copy

pytest_plugins = ("sphinx.testing.fixtures",)


def in_ci() -> bool:
    """On CI (``CI=true``, as GitHub Actions and most services set it) every test must run."""
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def _fail_a_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """In CI a skipped test, or a skipped module, is a failure that says why it skipped."""
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped on CI, where every test must run ({reason}); install what it needs"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    _fail_a_skip(outcome.get_result())  # type: ignore[attr-defined]


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, None]:
    outcome = yield
    _fail_a_skip(outcome.get_result())  # type: ignore[attr-defined]


REPO = Path(__file__).resolve().parent.parent

SERIES_CONF = """
extensions = ["research_series"]
project = "Test Series"
language = "en"
series_title = "Test Series of Papers"
series_short_name = "TSP"
series_publisher = "Test Studies Program"
series_institution = "University of Testing"
series_committee = ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
series_policy = "Works-in-Progress"
series_policy_statement = "Reviewed and accepted for web listing; papers may be cited."
series_report_type = "Test Research Report"
series_base_url = "https://example.org/series/"
html_theme = "research-series"
smartquotes = False
"""

INDEX_MD = "# Test Series of Papers\n\n```{series-index}\n```\n"


def paper(
    title: str = "A Paper",
    *,
    options: str = ":authors: Jane Doe (University of Testing)\n:number: 1\n:date: 2016",
    abstract: str = "The abstract.",
    body: str = "## Section\n\nBody text.\n",
) -> str:
    """A paper's ``index.md`` with the given directive options and body."""
    return (
        f"# {title}\n\n```{{research-report}}\n{textwrap.dedent(options).strip()}\n\n"
        f"{abstract}\n```\n\n{body}"
    )


@pytest.fixture(scope="session")
def series_html(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The ``test-series`` root built once as HTML, strictly and without a warning."""
    workdir = tmp_path_factory.mktemp("series")
    result = build_copy(Path(__file__).parent / "roots" / "test-series", workdir)
    assert result.returncode == 0, result.stderr
    assert result.warnings(workdir / "src") == []
    return result


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


ProjectFactory = Callable[[dict[str, str]], Path]


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a series project from ``{relative path: text}``; conf and index by default."""

    def factory(files: dict[str, str]) -> Path:
        srcdir = tmp_path / "src"
        defaults = {"conf.py": SERIES_CONF, "index.md": INDEX_MD}
        for name, text in {**defaults, **files}.items():
            target = srcdir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return srcdir

    return factory

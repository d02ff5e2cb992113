"""Per-document report records, kept parallel-safe in one Domain.

Each document contributes immutable records keyed by its docname; nothing
series-wide is stored while reading. Ordering, duplicate numbers and the
index are derived from these records (:mod:`.series_view`), once per change of
the records, and kept on the domain object (never pickled) until the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import is_suppressed_warning

from ..model.report import Report
from ..model.series import SeriesConfig
from .config import series_config
from .diagnostics import WARNING_TYPE, Location, Problem, warn

T = TypeVar("T")


@dataclass(frozen=True)
class ListedWork:
    """One entry of a paper's works lists, as printed, and its DOI if the .bib gives one."""

    text: str
    doi: str | None = None


@dataclass(frozen=True)
class ReportRecord:
    """A paper as the series sees it: where it is, its metadata, its abstract."""

    docname: str
    lineno: int
    report: Report
    abstract: nodes.container = field(compare=False, hash=False, repr=False)
    #: The ids of the paper's Works Cited and Works Referenced sections ("": none).
    works_cited_id: str = ""
    works_referenced_id: str = ""
    #: The line of the paper's ``:number:`` option (a clash is reported there).
    number_line: int = 0
    #: The title heading as read, emphasis kept (None: no heading).
    title: nodes.title | None = field(default=None, compare=False, hash=False, repr=False)
    #: Works Cited, then Works Referenced, in the order printed.
    works: tuple[ListedWork, ...] = ()


class NoAnyTargetsDomain(Domain):
    """A domain whose objects are never targets of the ``{any}`` role."""

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []


class ResearchDomain(NoAnyTargetsDomain):
    """Holds every paper's :class:`ReportRecord` and the pages that show the index."""

    name = "research"
    label = "Research series"
    initial_data: ClassVar[dict[str, Any]] = {
        "reports": {},
        "index_pages": {},
        "directive_lines": {},
        "warned": {},
        "series_fingerprint": "",
        "neighbours": {},
    }
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._series: SeriesConfig | None = None
        self._derived: dict[Hashable, Any] = {}
        #: documents a warning named this build (:mod:`.problems`), in this process
        self.problems: set[str] = set()
        #: pages to read again next build although they had no problem themselves
        self.also_read_again: set[str] = set()
        #: what was withheld when reading ended, before any page was written
        self.withheld_when_read: set[str] = set()
        #: whether this build is strict (``-W``): set when the builder is ready
        self.strict = False
        #: whether the index pages were written after every paper's page this build
        self.index_written_last = False

    def note_problem(self, docname: str) -> None:
        self.problems.add(docname)

    @property
    def series(self) -> SeriesConfig:
        """The validated ``series_*`` options, read from the configuration once."""
        if self._series is None:
            self._series = series_config(self.env.config)
        return self._series

    def derived(self, name: Hashable, compute: Callable[[], T]) -> T:
        """A value computed from the records, kept until a record is added or cleared.

        *name* includes whatever else the value depends on (the papers withheld).
        """
        if name not in self._derived:
            self._derived[name] = compute()
        return cast(T, self._derived[name])

    @property
    def reports(self) -> dict[str, ReportRecord]:
        return cast(dict[str, ReportRecord], self.data["reports"])

    @property
    def index_pages(self) -> dict[str, int]:
        """Docname of each page holding a ``series-index`` directive, with its line."""
        return cast(dict[str, int], self.data["index_pages"])

    @property
    def directive_lines(self) -> dict[str, int]:
        """Line of the ``research-report`` directive in each paper, valid or not."""
        return cast(dict[str, int], self.data["directive_lines"])

    @property
    def warned(self) -> dict[str, int]:
        """Documents that drew a warning while read, with how many."""
        return cast(dict[str, int], self.data["warned"])

    def add_report(self, record: ReportRecord) -> None:
        detach(record.abstract)
        if record.title is not None:
            detach(record.title)
        self.reports[record.docname] = record
        self._derived.clear()

    def discard_report(self, docname: str) -> None:
        self.reports.pop(docname, None)
        self._derived.clear()

    def add_index_page(self, docname: str, lineno: int) -> None:
        self.index_pages[docname] = lineno
        self._derived.clear()

    def clear_doc(self, docname: str) -> None:
        self._derived.clear()
        self.reports.pop(docname, None)
        self.index_pages.pop(docname, None)
        self.directive_lines.pop(docname, None)
        self.warned.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._derived.clear()
        for key in ("reports", "index_pages", "directive_lines", "warned"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Papers as objects, so ``objects.inv`` lets other projects link to them."""
        for record in self.reports.values():
            yield (
                f"report-{record.report.number}",
                record.report.title,
                "report",
                record.docname,
                "",
                1,
            )


def detach(node: nodes.Element) -> None:
    """Cut a stored copy loose from its document.

    A deep copy keeps a reference to the whole document it came from, so
    every stored abstract would pickle its entire paper into the environment
    (21.7 MB instead of 1.2 MB at 200 papers), which every build loads and
    every ``-j`` worker sends back.
    """
    # docutils accepts None here; its type stubs do not say so.
    node.document = None  # type: ignore[assignment]
    for child in node.findall():
        child.document = None  # type: ignore[assignment]


def research_domain(env: BuildEnvironment) -> ResearchDomain:
    return cast(ResearchDomain, env.domains["research"])


def warn_while_reading(
    env: BuildEnvironment, problem: Problem, message: str, location: Location
) -> None:
    """Warn and remember the document, so that the next build reads it again.

    Sphinx does not re-read an unchanged document, so its warnings would not
    repeat and a second strict build would pass with the problem still there.
    A subtype the project silences (``suppress_warnings``) is a problem the
    author accepted: it neither prints nor withholds the paper.
    """
    warn(problem, message, location)
    if is_suppressed_warning(WARNING_TYPE, problem.value, env.config.suppress_warnings):
        return
    warned = research_domain(env).warned
    warned[env.docname] = warned.get(env.docname, 0) + 1


def records_in(env: BuildEnvironment, docnames: Iterable[str]) -> list[ReportRecord]:
    reports = research_domain(env).reports
    return [reports[name] for name in docnames if name in reports]

"""Series options declared once: the handbook's table, and citation styles from the registry.

Each ``series_*`` option is one field of ``SeriesConfig`` with its rule and help;
the handbook's table is generated from it, and ``series_citation_style`` accepts
any citation style pybtex's plugin registry finds, so a style another package
installs can be chosen in ``conf.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import SERIES_CONF, ProjectFactory, paper
from helpers import article, sphinx_build, text_of
from research_series.model.series import (
    SeriesConfig,
    config_name,
    option_problem,
    series_options,
)

REPO = Path(__file__).resolve().parent.parent
OK = ":authors: Jane Doe\n:number: 1\n:date: 2016"
WALTZ = (
    "@book{waltz1979, author={Waltz, Kenneth N.}, title={Theory of International Politics},"
    " publisher={Addison-Wesley}, address={Reading, MA}, year={1979}}\n"
)

#: A package of another author: one citation style, registered by entry point.
_STYLE_MODULE = """
from pybtex.richtext import Text

from research_series.bibliography.styles.chicago import ChicagoNotesStyle


class MarkedNotesStyle(ChicagoNotesStyle):
    name = "marked-notes"

    def format_note(self, entry, locator=None):
        return Text("MARKED ", super().format_note(entry, locator))
"""
_METADATA = "Metadata-Version: 2.1\nName: marked-style\nVersion: 1.0\n"
_ENTRY_POINTS = "[pybtex.style.formatting]\nmarked-notes = marked_style:MarkedNotesStyle\n"


@pytest.fixture
def installed_style(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A distribution ``marked-style`` on the path of the builds this test starts."""
    site = tmp_path / "site"
    (site / "marked_style-1.0.dist-info").mkdir(parents=True)
    (site / "marked_style.py").write_text(_STYLE_MODULE, encoding="utf-8")
    (site / "marked_style-1.0.dist-info" / "METADATA").write_text(_METADATA, encoding="utf-8")
    (site / "marked_style-1.0.dist-info" / "entry_points.txt").write_text(
        _ENTRY_POINTS, encoding="utf-8"
    )
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("PYTHONPATH", path)


def test_every_option_is_declared_with_help_and_default() -> None:
    declared = series_options()
    assert [name for name, _default, _option in declared] == list(SeriesConfig.__dataclass_fields__)
    defaults = SeriesConfig()
    for name, default, option in declared:
        assert option.help, name
        assert getattr(defaults, name) == default
        assert option_problem(name, option, default) is None or option.required


def test_a_bad_value_is_reverted_and_an_empty_required_one_reported() -> None:
    options = {name: option for name, _default, option in series_options()}
    assert option_problem("tex_timeout", options["tex_timeout"], 0) == (
        "series_tex_timeout = 0 is invalid; set it to the seconds TeX may take for one "
        "paper's PDF (default 60)",
        True,
    )
    assert option_problem("title", options["title"], " ") == (
        "series_title is not set; set it to the series' full title",
        False,
    )
    problem = option_problem("citation_style", options["citation_style"], "mla")
    assert problem == (
        "series_citation_style = 'mla' is invalid; set it to the name of an installed citation "
        "style (installed: author-date, chicago-author-date, chicago-notes)",
        True,
    )


def test_the_handbook_table_lists_every_option(tmp_path: Path) -> None:
    """The handbook's configuration page, built with the handbook's own conf.py."""
    srcdir = tmp_path / "handbook"
    srcdir.mkdir()
    shutil.copy(REPO / "docs" / "conf.py", srcdir / "conf.py")
    shutil.copytree(REPO / "docs" / "_ext", srcdir / "_ext")  # the handbook's own extensions
    shutil.copy(REPO / "docs" / "configuration.md", srcdir / "index.md")
    result = sphinx_build(srcdir, tmp_path / "out", strict=False)  # other pages: absent
    assert result.returncode == 0, result.stderr
    table = article(tmp_path / "out" / "index.html").select_one("table.series-options")
    assert table is not None
    rows = [[text_of(cell) for cell in row.select("td")] for row in table.select("tbody tr")]
    assert [row[0] for row in rows] == [config_name(name) for name, *_ in series_options()]
    by_name = {row[0]: row for row in rows}
    assert by_name["series_tex_timeout"][1:3] == ["int", "60"]
    assert by_name["series_title"][3] == "the series’ full title (required)"
    assert "make latexpdf TEXTIMEOUT=N" in by_name["series_tex_timeout"][3]


def test_a_style_installed_by_another_package_can_be_chosen(
    make_project: ProjectFactory, installed_style: None
) -> None:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + 'series_citation_style = "marked-notes"\n',
            "a/index.md": paper(options=OK, body="Claim.{footcite}`waltz1979{97}`\n"),
            "a/references.bib": WALTZ,
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 0, result.warnings(srcdir)
    page = article(srcdir.parent / "out" / "a" / "index.html")
    assert [text_of(n) for n in page.select("aside.footnote")] == [
        "[ 1 ] MARKED Kenneth N. Waltz, Theory of International Politics "
        "(Reading, MA: Addison-Wesley, 1979), 97."
    ]


def test_an_unknown_style_names_the_installed_ones_at_its_line(
    make_project: ProjectFactory, installed_style: None
) -> None:
    srcdir = make_project(
        {
            "conf.py": SERIES_CONF + 'series_citation_style = "mla"\n',
            "a/index.md": paper(options=OK),
        }
    )
    result = sphinx_build(srcdir, srcdir.parent / "out")
    assert result.returncode == 1
    lineno = SERIES_CONF.count("\n") + 1
    assert result.warnings(srcdir) == [
        f"SRC/conf.py:{lineno}: WARNING: series_citation_style = 'mla' is invalid; set it to "
        "the name of an installed citation style (installed: author-date, "
        "chicago-author-date, chicago-notes, marked-notes) [research.config]"
    ]

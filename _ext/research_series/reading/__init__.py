"""The reading layer: what every output format shares.

Directives, roles, the domain, citations and footnotes, diagnostics and the
incremental-build bookkeeping. It turns each paper into a doctree of standard
nodes and a record in the domain; the output wings (``web``, ``pdf``,
``epub``) render those and never the other way round: nothing here imports an
output wing.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .citations import ResolveCitations, StoreRecord, note_new_bibliographies
from .config import add_config_values, validate_config
from .diagnostics import quiet_myst_config_dump, show_paths_relative
from .domain import ResearchDomain
from .incremental import on_env_updated, write_only_what_changed
from .index_directive import SeriesIndexDirective, SeriesIndexTransform
from .labels import setup_labels
from .mathml import setup_math
from .myst_hints import add_myst_hints
from .nodes import setup_nodes
from .numbering import ImagesHaveAltText, configure_numbering, number_per_paper
from .placeholders import RefusePlaceholders
from .problems import read_again, save_problems, start_recording
from .report_directive import ResearchReportDirective, TitleBlockFollowsTitle
from .roles import setup_roles
from .safety import SafeContent
from .scripts import setup_scripts
from .sources import exclude_symlink_loops, skip_undecodable_sources
from .versions import DateTheKeptVersions, read_again_when_a_version_goes
from .withdrawal import DropWithdrawnBody
from .works_directives import WorksListsDirective


def setup(app: Sphinx) -> None:
    """Configuration, nodes, directives, roles, the domain and the reading events."""
    add_config_values(app)
    quiet_myst_config_dump(app)
    app.connect("config-inited", validate_config)
    app.connect("config-inited", exclude_symlink_loops)
    app.connect("config-inited", configure_numbering)
    number_per_paper(app)
    setup_labels(app)
    setup_math(app)
    setup_nodes(app)
    setup_scripts(app)
    app.add_directive("research-report", ResearchReportDirective)
    app.add_directive("series-index", SeriesIndexDirective)
    app.add_directive("bibliography", WorksListsDirective)
    app.add_directive("footbibliography", WorksListsDirective)
    setup_roles(app)
    app.add_domain(ResearchDomain)
    app.add_transform(TitleBlockFollowsTitle)
    app.add_transform(DropWithdrawnBody)
    app.add_transform(RefusePlaceholders)
    app.add_transform(ResolveCitations)
    app.add_transform(SafeContent)
    app.add_transform(ImagesHaveAltText)
    app.add_transform(StoreRecord)
    app.add_post_transform(SeriesIndexTransform)
    app.add_post_transform(DateTheKeptVersions)
    app.connect("env-before-read-docs", skip_undecodable_sources)
    app.connect("env-get-outdated", note_new_bibliographies)
    app.connect("env-get-outdated", read_again_when_a_version_goes)
    app.connect("builder-inited", start_recording)
    app.connect("builder-inited", add_myst_hints)
    app.connect("builder-inited", show_paths_relative)
    app.connect("env-get-outdated", read_again)
    app.connect("env-updated", on_env_updated)
    app.connect("env-check-consistency", write_only_what_changed)
    app.connect("build-finished", save_problems, priority=800)

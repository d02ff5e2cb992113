"""Wires every part of the extension into Sphinx, in one fixed order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import __version__
from .citation_roles import setup_roles
from .citations import ResolveCitations, note_new_bibliographies
from .config import add_config_values, validate_config
from .domain import ResearchDomain
from .epub import setup_epub
from .howtocite import add_web_extras
from .html_meta import add_head_metadata
from .index_directive import SeriesIndexDirective, SeriesIndexTransform
from .memory import freeze_finished_build, freeze_loaded_environment
from .nodes import setup_nodes
from .pdf import setup_pdf
from .report_directive import ResearchReportDirective
from .series import (
    on_env_updated,
    reread_documents_with_problems,
    unpublish_pages_with_problems,
    write_only_what_changed,
)
from .site_files import write_site_files
from .sources import skip_undecodable_sources
from .template_cache import use_caching_loader

PACKAGE = Path(__file__).parent


def _add_assets(app: Sphinx, config: Config) -> None:
    """Ship the series stylesheet and LaTeX package with the outputs that use them."""
    config.html_static_path.append(str(PACKAGE / "static"))
    config.latex_additional_files.append(str(PACKAGE / "latex" / "researchseries.sty"))
    if not config.html_baseurl and config.series_base_url:
        config.html_baseurl = config.series_base_url  # canonical links


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    # configuration
    add_config_values(app)
    app.connect("config-inited", validate_config)
    app.connect("config-inited", _add_assets)
    # nodes with per-format visitors
    setup_nodes(app)
    # directives, roles, domain
    app.add_directive("research-report", ResearchReportDirective)
    app.add_directive("series-index", SeriesIndexDirective)
    setup_roles(app)
    app.add_domain(ResearchDomain)
    # transforms
    app.add_transform(ResolveCitations)
    app.add_post_transform(SeriesIndexTransform)
    # events
    app.connect("env-before-read-docs", skip_undecodable_sources)
    app.connect("env-get-outdated", note_new_bibliographies)
    app.connect("env-get-outdated", reread_documents_with_problems)
    app.connect("env-updated", on_env_updated)
    app.connect("env-check-consistency", write_only_what_changed)
    app.connect("doctree-resolved", add_web_extras)
    app.connect("html-page-context", add_head_metadata)
    app.connect("build-finished", write_site_files)
    app.connect("build-finished", unpublish_pages_with_problems)
    app.add_css_file("research_series.css")
    app.add_js_file("research_series.js")
    app.add_latex_package("researchseries")
    # build speed: collector and template cache (memory.py, template_cache.py)
    app.connect("config-inited", use_caching_loader)
    app.connect("builder-inited", freeze_loaded_environment)
    app.connect("build-finished", freeze_finished_build, priority=900)
    # output formats
    setup_pdf(app)
    setup_epub(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

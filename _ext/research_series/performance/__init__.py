"""Build speed that no output depends on: the cycle collector and the template cache.

``memory`` keeps Python's cycle collector off the build's long-lived objects;
``template_cache`` keeps the theme's compiled Jinja templates between builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    # Imported here: the package's ``setup()`` imports ``memory`` before anything
    # else, to pause the collector, and that import must not load Jinja and Sphinx.
    from .memory import freeze_finished_build, freeze_loaded_environment
    from .template_cache import use_caching_loader

    app.connect("config-inited", use_caching_loader)
    app.connect("builder-inited", freeze_loaded_environment)
    app.connect("build-finished", freeze_finished_build, priority=900)

"""Keep the HTML theme's compiled Jinja templates between builds.

Sphinx compiles every template it renders from source, in each process: the page
templates (``page.html``, ``layout.html``, ``search.html`` and the theme's) and the
theme's static files given as templates (``basic.css_t``,
``documentation_options.js_t``, the theme's stylesheet), which are rendered again at
every build. That is about 0.1 s, most of what a no-op or one-paper rebuild of a
large series costs beyond Sphinx's own start-up.

Jinja can keep compiled templates on disk; Sphinx does not ask it to. This module
plugs a loader that does into Sphinx's public ``template_bridge`` setting (unless
conf.py sets its own), with the cache in the doctree directory beside Sphinx's other
build state. Jinja checks each cached template against its source's checksum and
Jinja's and Python's versions, and writes cache files atomically, so the cache is
safe across theme upgrades and parallel builds. An upstream fix would be for
Sphinx's ``BuiltinTemplateLoader`` to set ``bytecode_cache`` itself.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, Template
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.theming import Theme

CACHE_DIRECTORY = "jinja-bytecode"


class CachingTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's own template loader, with a bytecode cache."""

    def init(
        self, builder: Builder, theme: Theme | None = None, dirs: list[str] | None = None
    ) -> None:
        super().init(builder, theme, dirs)
        directory = Path(builder.doctreedir) / CACHE_DIRECTORY
        directory.mkdir(parents=True, exist_ok=True)
        self.cache = FileSystemBytecodeCache(str(directory))
        self.environment.bytecode_cache = self.cache

    def render_string(self, source: str, context: dict[str, Any]) -> str:
        return self._compiled(source).render(context)

    def _compiled(self, source: str) -> Template:
        """``environment.from_string``, through the cache (Jinja caches only named templates)."""
        environment = self.environment
        name = "string:" + hashlib.sha256(source.encode()).hexdigest()
        bucket = self.cache.get_bucket(environment, name, None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            self.cache.set_bucket(bucket)
        return environment.template_class.from_code(
            environment, bucket.code, environment.make_globals(None)
        )


def use_caching_loader(app: Sphinx, config: Config) -> None:
    """``config-inited``: the caching loader, unless conf.py names a template bridge."""
    if not config.template_bridge:
        config.template_bridge = f"{__name__}.{CachingTemplateLoader.__name__}"

"""Sphinx toolchain for a scholarly research-paper series.

Add ``"research_series"`` to ``extensions`` in ``conf.py``; see the handbook.
The package is laid out in wings: ``model`` (the series' facts, no Sphinx),
``bibliography`` (a pybtex citation library), ``reading`` (directives, roles,
domain, citations: what every format shares), one wing per output (``web``,
``pdf``, ``epub``), ``performance`` and ``editor`` (the command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .performance.memory import pause_collector

    pause_collector()  # before the extension's modules load (see performance/memory.py)
    from .extension import setup as _setup

    return {"version": __version__, **_setup(app)}

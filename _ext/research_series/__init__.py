"""Sphinx toolchain for a scholarly research-paper series.

Add ``"research_series"`` to ``extensions`` in ``conf.py``; see the handbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .memory import pause_collector

    pause_collector()  # before the extension's modules load (see memory.py)
    from .extension import setup as _setup

    return _setup(app)

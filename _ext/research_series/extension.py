"""Wires the extension's wings into Sphinx, in one fixed order.

``reading`` (what every format shares) first, then one wing per output
(``web``, ``pdf``, ``epub``, ``pdfua``), then ``performance``. Each wing's ``setup``
registers its own parts; nothing below imports this module.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import crossref, epub, pdf, pdfua, performance, reading, web


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    reading.setup(app)
    web.setup(app)
    pdf.setup(app)
    epub.setup(app)
    crossref.setup(app)
    pdfua.setup(app)
    performance.setup(app)
    return {
        # 2: title blocks name their paper; records know their works lists' ids
        # 3: records keep the title heading and the works lists' entries (Crossref)
        # 4: reports carry a correction notice
        # 5: authors carry a marked family name (family name first)
        # 6: a paper's labels kept as <paper>/<label> (reading/labels.py)
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }

"""Importing a Word manuscript (.docx) as a paper folder of the series.

pandoc (from the ``pypandoc-binary`` wheel) reads the document's structure;
the WordprocessingML is read here first for the notes' numbers and the
Zotero/Mendeley citation fields (their CSL-JSON becomes ``references.bib``);
the MyST is written here, escaping everything taken from the manuscript.
"""

from __future__ import annotations

from ...model.citation_syntax import CiteItem
from ..errors import ManuscriptError
from ..myst_text import cite_role
from .command import add_import_command, run_import
from .importer import ImportResult, import_manuscript

__all__ = [
    "CiteItem",
    "ImportResult",
    "ManuscriptError",
    "add_import_command",
    "cite_role",
    "import_manuscript",
    "run_import",
]

"""The handbook of the research-series toolchain."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Research series toolchain handbook"
author = "National Security Studies Program, University of New Mexico"
language = "en"
copyright = author  # the footer read "©. |" with none
# research_series.reading.options_table: the table of series options in configuration.md,
# generated from their declaration; warning_tables (docs/_ext): the warnings page's tables.
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "research_series.reading.options_table",
    "warning_tables",
]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_member_order = "bysource"

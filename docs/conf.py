"""The handbook of the research-series toolchain."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Research series toolchain handbook"
author = "National Security Studies Program, University of New Mexico"
language = "en"
copyright = author  # the footer read "©. |" with none
extensions = ["myst_parser", "sphinx.ext.autodoc", "warning_tables"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_member_order = "bysource"

"""The handbook of the research-series toolchain."""

project = "Research series toolchain handbook"
author = "National Security Studies Program, University of New Mexico"
language = "en"
# research_series.reading.options_table: the table of series options in configuration.md,
# generated from their declaration.
extensions = ["myst_parser", "sphinx.ext.autodoc", "research_series.reading.options_table"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
html_theme = "alabaster"
autodoc_member_order = "bysource"

"""Sphinx configuration of the NSSP Global and National Security Research Series.

Series metadata lives here once; every paper's title block, the series index
and (later) the PDF and EPUB metadata draw on it. A paper is added by adding
its folder ``papers/<slug>/index.md``: nothing in this file changes.
"""

import os

project = "NSSP Global and National Security Research Series"
author = "National Security Studies Program, University of New Mexico"
copyright = "2016–2026, National Security Studies Program, University of New Mexico"
language = "en"

extensions = ["research_series"]

series_title = "NSSP Global and National Security Research Series"
series_short_name = "NSSP"
series_publisher = "National Security Studies Program"
series_institution = "University of New Mexico"
series_committee = ["Alexander Cochran", "Emile Nakhleh", "James Tegnelia"]
series_committee_title = "Professors"
series_policy = "Works-in-Progress"
series_policy_statement = (
    "These papers have been reviewed and accepted for NSSP Web listing. These papers can be "
    "cited and referenced. This listing does not constitute a formal publication of the "
    "research work. The work may be published in an expanded or modified form and when that "
    "occurs it will also be referenced here."
)
series_report_type = "National Security Studies Program Research Report"
series_base_url = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://nssp-research-series.readthedocs.io/en/latest/"
)
series_citation_style = "chicago-notes"

# Authors' quotation marks are printed as written, in every output format.
smartquotes = False

root_doc = "index"
exclude_patterns = ["_build", "**/README.md"]
html_title = series_title
# The series' own theme on Sphinx's ``basic`` (research_series/web/theme): identity
# banner, on-page contents, notes beside their marks, dark mode. It has no global
# navigation tree, so a page's size does not grow with the number of papers.
html_theme = "research-series"
html_show_sourcelink = False
# Papers carry no index entries: the general index page would stay empty.
html_use_index = False

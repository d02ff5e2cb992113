"""Which links an author, a bibliography or metadata may publish.

Only ``http``, ``https``, ``mailto`` and ``doi`` links, and links within the
site (no scheme), are made; anything else (``javascript:``, ``data:``,
``file:``, ``vbscript:``...) is printed as text. Browsers ignore white space
and control characters inside a scheme and read it in any case, so the scheme
is judged as a browser would read it.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "doi"})

# What browsers drop from a URL before reading its scheme (WHATWG URL: tabs, new
# lines, leading C0 controls and spaces).
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def link_scheme(uri: str) -> str | None:
    """The scheme a browser would read in *uri* (lower case), ``None`` for a relative link."""
    match = _SCHEME.match(_IGNORED.sub("", uri))
    return match[1].lower() if match else None


def is_safe_link(uri: str) -> bool:
    """Whether *uri* may become an active link."""
    scheme = link_scheme(uri)
    return scheme is None or scheme in ALLOWED_SCHEMES

"""Chicago Manual of Style, 17th edition, notes and bibliography.

The reference is biblatex-chicago (David Fussner's implementation of CMOS 17,
``notes`` option); ``tests/test_chicago_reference.py`` compares this style with
it, entry by entry, on biblatex-chicago's own ``notes-test.bib``.

* full note ``Kenneth N. Waltz, Theory of International Politics (Reading, MA:
  Addison-Wesley, 1979), 258``; short note ``Waltz, Theory of International
  Politics, 258``; bibliography ``Waltz, Kenneth N. Theory of International
  Politics. Reading, MA: Addison-Wesley, 1979.``
* every biblatex-chicago entry type has its driver: books and their parts,
  articles, reviews and comments, letters and archival material (``@misc`` with
  an ``entrysubtype``), reference works (``s.v.``), recordings, films and
  broadcasts, artworks, performances, standards, data sets, patents, ``@customc``
  cross-references ("see Creasey, John").
* titles keep the case they were entered in (a series rule); whole works are
  italic, parts quoted, letters, reviews and archival items plain (capitalised
  at the start of a sentence); a following comma or period goes inside the
  closing quotation marks, and a comma stays after a quoted title ending in
  ``?`` (``“Why War?,” League``).
* biblatex's localisation keys are spelled out (``\\bibstring{reviewof}``,
  ``edition = {revisededition}``), as are ``editortype`` roles (``dir.``,
  ``Directed by``); the ``options`` field's ``useauthor=false``/``useeditor=false``
  move those names after the title.
* page ranges take an en dash and are abbreviated as in CMOS 17 9.61
  (425-58, 101-8, 321-28, 1496-500), year ranges as in 9.64 (1951-63,
  1898-1903); in a note a locator replaces an article's or chapter's page range.
* dates: "n.d." for an undated work (not for recordings and archival items),
  ``[1957?]`` for an uncertain year, ``ca. 1920`` for an approximate one,
  ``1860s`` for ``186X``; reprints give the original publication first
  (``1924; repr., Oxford: ...``).
* names: two "A and B", three "A, B, and C", four or more "A et al." in notes;
  the bibliography inverts the first name and lists up to ten, else seven and
  "et al." (14.76).  Braced names (organisations) are never inverted.
* the author-date forms (``format_parenthetical``/``format_narrative``) follow
  CMOS 15: ``Waltz 1979, 258``, ``Keohane and Nye 1977``, three or more names
  ``Lowenthal et al. 2014`` (the series rule, as in CMOS 18).  The full
  author-date style is ``chicago_authordate.ChicagoAuthorDateStyle``.

Where things are: ``forms`` builds the three forms of an entry; the names head
them (``names``) and the type's driver prints the rest, found in one table
(``drivers.DRIVERS``: biblatex type -> a note and bibliography pair, ``layout.Driver``)
pointing into the family modules ``books``, ``articles``, ``parts``, ``documents``,
``online``, ``archival`` and ``media``; the pieces they share are ``titles``,
``publication``, ``dates`` and ``text``.  An author-date style hands the
bibliography drivers a ``layout.YearHead``: the year it gives after the names.
"""

from __future__ import annotations

from .dates import date_with_time
from .forms import bibliography_parts, short_lead, short_title
from .layout import YearHead
from .names import heading_names
from .style import ChicagoNotesStyle
from .text import capitalise_str

# What a style built on this one (``chicago_authordate``) draws on.
__all__ = [
    "ChicagoNotesStyle",
    "YearHead",
    "bibliography_parts",
    "capitalise_str",
    "date_with_time",
    "heading_names",
    "short_lead",
    "short_title",
]

"""Tables in the PDF with column widths from their content: nothing overprints.

Sphinx's LaTeX writer gives a table without ``:widths:`` either ``tabulary``
(short tables) or, for a long table, equal shares of the line: a column of
long text gets as little room as a column of years, and a word wider than its
share runs into the next column ("DPRK" into "Republic of Korea") or is
hyphenated ("Part-ner"). Here a table that does not fit the line at its
natural width gets widths from its content, the way ``tabulary`` and browsers
size columns: each column at least as wide as its longest word, the rest of
the line shared in proportion to how much text each column holds. The
cells are set ragged right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from docutils import nodes

from .transforms import LatexPostTransform

#: Characters on the series' line (4.5 in of 11 pt text; headings are in the
#: wider sans serif, so the count is on the safe side).
LINE_CHARACTERS = 62
#: The padding on either side of a column (2 \\tabcolsep), in characters; a
#: column's share of the line includes it.
_COLUMN_GAP = 3


@dataclass(frozen=True)
class Column:
    """What a column holds: its longest word and its widest cell, in characters."""

    longest_word: int
    widest_cell: int


def column_widths(columns: list[Column], line: int = LINE_CHARACTERS) -> list[int] | None:
    """Widths in characters, or ``None`` when the table fits the line as it is."""
    if not columns:
        return None
    gaps = _COLUMN_GAP * len(columns)
    # A fifth to spare on the longest word: the estimate is of average letters, and
    # the head's sans serif is wider than the body's serif.
    minimum = [math.ceil(max(c.longest_word, 1) * 1.2) for c in columns]
    natural = [max(c.widest_cell, m) for c, m in zip(columns, minimum, strict=True)]
    if sum(natural) + gaps <= line:
        return None
    room = line - gaps - sum(minimum)
    if room <= 0:
        return minimum  # a table of long words: each keeps its word, the table is wide
    extra = [n - m for n, m in zip(natural, minimum, strict=True)]
    total_extra = sum(extra) or 1
    return [m + max(round(room * e / total_extra), 0) for m, e in zip(minimum, extra, strict=True)]


def _cells(table: nodes.table) -> tuple[nodes.tgroup, list[list[nodes.entry]]] | None:
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return None
    rows = [
        [entry for entry in row.children if isinstance(entry, nodes.entry)]
        for row in tgroup.findall(nodes.row)
    ]
    return tgroup, rows


def _columns(rows: list[list[nodes.entry]], count: int) -> list[Column] | None:
    words = [0] * count
    cells = [0] * count
    for row in rows:
        if len(row) != count or any(e.get("morecols") or e.get("morerows") for e in row):
            return None  # spanning cells: leave the table to Sphinx
        for i, entry in enumerate(row):
            text = " ".join(entry.astext().split())
            cells[i] = max(cells[i], len(text))
            words[i] = max([words[i], *(len(word) for word in text.split())])
    return [Column(w, c) for w, c in zip(words, cells, strict=True)]


def _set_ragged_right(entry: nodes.entry) -> None:
    """The cell's text ragged right: justified in a narrow column it gapes.

    Sphinx sets each cell in a ``varwidth`` box, which starts justified; the
    declaration holds for the rest of the cell.
    """
    paragraph = next(iter(entry.findall(nodes.paragraph)), None)
    if paragraph is not None:
        paragraph.insert(0, nodes.raw("", "\\raggedright ", format="latex"))


class ColumnWidthsFromContent(LatexPostTransform):
    """Give each wide table's columns widths from their content (see the module)."""

    # After NoTexFromPapers (4): the ragged-right marks are the extension's, not a paper's.
    default_priority = 12

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            found = _cells(table)
            if found is None:
                continue
            tgroup, rows = found
            colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
            if "colwidths-given" in table["classes"] or not colspecs:
                continue
            columns = _columns(rows, len(colspecs))
            widths = column_widths(columns) if columns else None
            if widths is None:
                continue
            for colspec, width in zip(colspecs, widths, strict=True):
                colspec["colwidth"] = width + _COLUMN_GAP
            table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]
            table["classes"].append("colwidths-given")
        # Measured above, marked after: the marks are no text of the cells.
        for entry in list(self.document.findall(nodes.entry)):
            _set_ragged_right(entry)

"""The ``series-options`` directive: the handbook's table of every ``series_*`` option.

Generated from ``SeriesConfig``'s declaration (:mod:`..model.series`), so the
handbook lists exactly the options Sphinx registers, with the default and the
help the warning for a bad value quotes.  The handbook loads this module as an
extension of its own (``docs/conf.py``); the series' build does not need it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..model.series import Option, config_name, series_options

__all__ = ["SeriesOptionsTable", "setup"]

_COLUMNS = (("option", 24), ("type", 10), ("default", 14), ("meaning", 52))


def _default_literal(default: Any) -> str:
    """The default as it would be written in ``conf.py``: ``[]`` for a list."""
    return repr(list(default) if isinstance(default, tuple) else default)


class SeriesOptionsTable(SphinxDirective):
    """A table: option, type, default and meaning, one row per declared option."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["series-options"])
        group = nodes.tgroup(cols=len(_COLUMNS))
        table += group
        for _title, width in _COLUMNS:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([[nodes.paragraph("", title)] for title, _width in _COLUMNS])
        body = nodes.tbody()
        for field_name, default, declared in series_options():
            body += self._row(
                [
                    [nodes.paragraph("", "", nodes.literal("", config_name(field_name)))],
                    [nodes.paragraph("", declared.doc_type)],
                    [nodes.paragraph("", "", nodes.literal("", _default_literal(default)))],
                    self._meaning(declared),
                ]
            )
        group += head
        group += body
        return [table]

    def _meaning(self, declared: Option) -> list[nodes.Node]:
        """The help (and "required"), then the handbook's notes parsed as MyST."""
        help_text = f"{declared.help} (required)" if declared.required else declared.help
        meaning: list[nodes.Node] = [nodes.paragraph("", help_text)]
        if declared.notes:
            meaning += self.parse_text_to_nodes(declared.notes)
        return meaning

    @staticmethod
    def _row(cells: list[list[nodes.Node]]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry.extend(content)
            row += entry
        return row


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("series-options", SeriesOptionsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

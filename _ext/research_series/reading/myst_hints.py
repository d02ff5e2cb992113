"""What MyST's own warnings do not say: the option meant, how to mend a skipped heading.

MyST logs these warnings itself; a filter on the logger it logs them with adds
the hint to the message before any handler sees it, so the author reads one
warning, at MyST's line, that says what to write.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx

from .diagnostics import near_match

#: The logger MyST's warnings are logged with (``sphinx.util.logging.getLogger(__name__)``
#: in ``myst_parser/warnings_.py``).
MYST_LOGGER = "sphinx.myst_parser.warnings_"

_UNKNOWN_OPTION = re.compile(
    r"Unknown option key: '(?P<key>[^']+)' \(allowed: \[(?P<allowed>[^]]*)\]\)"
)
_HEADING_SKIP = re.compile(
    r"Non-consecutive header level increase; H(?P<parent>\d) to H(?P<level>\d)"
)


def hint(message: str) -> str:
    """*message* with the hint it lacks, or as it is."""
    option = _UNKNOWN_OPTION.search(message)
    if option is not None:
        allowed = re.findall(r"'([^']+)'", option["allowed"])
        near = near_match(option["key"], allowed)
        return f"{message}; did you mean ':{near}:'?" if near else message
    heading = _HEADING_SKIP.search(message)
    if heading is not None:
        level = int(heading["parent"]) + 1
        return (
            f"{message}; make this heading H{level} ('{'#' * level} '), or add the missing "
            f"H{level} heading above it"
        )
    return message


class MystHints(logging.Filter):
    """Adds :func:`hint` to each warning MyST logs; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and not record.args:
            record.msg = hint(record.msg)
        return True


def add_myst_hints(app: Sphinx) -> None:
    """``builder-inited``: once per process, since the logger outlives an application."""
    logger = logging.getLogger(MYST_LOGGER)
    if not any(isinstance(existing, MystHints) for existing in logger.filters):
        logger.addFilter(MystHints())

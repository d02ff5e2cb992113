"""The one kind of error the editor's commands report: an ``error: ...`` line, exit 2.

Kept apart so that the command line can name it without importing every command
(``check`` loads Sphinx; ``collect-downloads``, run by every ``make site``, should not).
"""

from __future__ import annotations


class CommandError(Exception):
    """A command could not do its work; the message says why and how to fix it."""


class ManuscriptError(Exception):
    """A manuscript cannot be imported as it is; the message says why and what to do.

    Not a ``CommandError``: the arguments were right, the file is not (exit status 1).
    """

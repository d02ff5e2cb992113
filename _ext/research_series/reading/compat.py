"""Every use of Sphinx's private API, in one place, each failing loudly when it is gone.

Sphinx has no public way to ask three things this extension must know. Each
accessor below names the private attribute, the Sphinx version it was checked
against, and raises :class:`PrivateApiMissing` when the attribute is missing,
so that a Sphinx upgrade that renames one stops the build with a message
instead of (say) quietly publishing the pages of papers with problems.
``tests/test_compat.py`` checks each one against the installed Sphinx.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

#: The Sphinx release these accessors were last checked against.
CHECKED_WITH = "9.0.4"


class PrivateApiMissing(ExtensionError):
    """A private Sphinx attribute this extension relies on is not there."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"research_series relies on Sphinx's private {what} (checked with Sphinx "
            f"{CHECKED_WITH}), which this Sphinx does not have; install a Sphinx version "
            "that pyproject.toml allows, or update research_series/reading/compat.py"
        )


def _private(owner: object, name: str, what: str) -> Any:
    try:
        return getattr(owner, name)
    except AttributeError:
        raise PrivateApiMissing(what) from None


def fails_on_warnings(app: Sphinx) -> bool:
    """Whether ``-W`` was given (a strict build).

    ``Sphinx._fail_on_warnings`` (Sphinx 8.1+): the public ``warningiserror``
    has been frozen to ``False`` since 8.1.
    """
    return bool(_private(app, "_fail_on_warnings", "Sphinx._fail_on_warnings"))


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` gave *name* a value (rather than its default).

    ``Config._raw_config`` (conf.py's namespace) and ``Config._overrides``
    (``-D``); Sphinx's own code reads these two mappings.
    """
    raw = _private(config, "_raw_config", "Config._raw_config")
    overrides = _private(config, "_overrides", "Config._overrides")
    return name in raw or name in overrides


def given_value(config: Config, name: str) -> object:
    """What conf.py or ``-D`` gave *name*, before validation reverted it (None: not given).

    The same two private mappings as :func:`user_set`.
    """
    raw = _private(config, "_raw_config", "Config._raw_config")
    overrides = _private(config, "_overrides", "Config._overrides")
    return overrides.get(name, raw.get(name))


def disconnect_handler(app: Sphinx, event: str, handler: Callable[..., Any]) -> None:
    """Disconnect a handler another module connected to *event*.

    ``EventManager.listeners`` (a mapping of event name to listeners with
    ``id`` and ``handler``); Sphinx only lets a handler be disconnected by the
    id that connecting it returned.
    """
    listeners = _private(app.events, "listeners", "EventManager.listeners")
    for listener in list(listeners.get(event, ())):
        if _private(listener, "handler", "EventListener.handler") is handler:
            app.disconnect(listener.id)


def connected_instance(app: Sphinx, event: str, cls: type[Any]) -> Any:
    """The object of type *cls* whose bound method is connected to *event*.

    ``EventManager.listeners`` as in :func:`disconnect_handler`; Sphinx keeps no
    other reference to the environment collectors it enabled.
    """
    listeners = _private(app.events, "listeners", "EventManager.listeners")
    for listener in listeners.get(event, ()):
        owner = getattr(_private(listener, "handler", "EventListener.handler"), "__self__", None)
        if type(owner) is cls:
            return owner
    raise PrivateApiMissing(f"a {cls.__name__} connected to {event!r}")

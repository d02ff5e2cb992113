"""Keep Python's cycle collector off the build's long-lived objects.

A build holds a large graph that lives until the process ends: imported modules,
the pickled environment (every paper's toctree, titles, dependencies and domain
data) and, in a full build, every paper's doctree. CPython's cycle collector walks
that graph on each full collection: several times while the environment is
unpickled, and several times more while the interpreter shuts down. With a few
hundred papers that was a quarter of a no-op rebuild (about 0.15 s of 0.55 s at
N = 200; ``docs/performance.md``).

So the collector is paused from this extension's ``setup()`` until the
environment is loaded (``builder-inited``), and ``gc.freeze()`` (the API made for
this) then moves everything alive to a permanent generation the collector
ignores; at ``build-finished`` everything the build made is frozen the same way,
so the process ends without walking it. Reference counting frees objects as
usual; only reference cycles among frozen objects wait. A process that runs
several builds (test suites, live-reload servers) hands the previous build's
objects back to the collector in the next build's ``setup()``, so at most one
build stays frozen. (Should Sphinx fail between ``setup()`` and ``builder-inited``,
the collector stays paused in that process until its next build: ``sphinx-build``
exits then anyway.) An upstream fix would be for Sphinx itself to load the
environment with the collector paused and to freeze at the end of
``sphinx-build``.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

_paused = False


def pause_collector() -> None:
    """From ``setup()``: free an earlier build's objects; pause until the environment is loaded."""
    global _paused
    gc.unfreeze()
    if gc.isenabled():  # a caller that disabled the collector keeps it disabled
        gc.disable()
        _paused = True


def resume_collector() -> None:
    global _paused
    if _paused:
        gc.enable()
        _paused = False


def freeze_loaded_environment(app: Sphinx) -> None:
    """``builder-inited``: modules and the loaded environment leave the collector's view."""
    resume_collector()
    gc.freeze()


def freeze_finished_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: nothing the build made needs walking before the process ends."""
    resume_collector()
    gc.freeze()

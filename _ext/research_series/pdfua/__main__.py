"""``python -m research_series.pdfua <builddir>``: see :mod:`.make`."""

from __future__ import annotations

import sys

from .make import main

sys.exit(main())

"""Which papers' PDFs a ``make all-pdf`` must make, decided in one process for all of them.

Each paper's PDF is made by its own :mod:`.make` process, which first checks
whether the paper's one XeLaTeX run would read the same files as last time
(:func:`.passes.up_to_date`). On a no-op that was all a run did, once per paper:
200 Python processes, 8 s at 200 papers. The LaTeX folder's Makefile now asks
this module first, in one process, with the files the papers share (Sphinx's
``.sty`` files, the series' own) read once, and then makes only the papers it
names, and the volume. A paper that latexmk makes (more than one pass) is always
named: latexmk keeps its own record.

``python -m research_series.pdf.plan [LATEXMKOPTS] -- NAME ...`` prints the
out-of-date PDFs (``NAME.pdf``) on one line, for make.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Sequence

from .passes import digest_of, one_pass_run, up_to_date


def out_of_date(names: Iterable[str], latexmk_options: Sequence[str]) -> list[str]:
    """The papers among *names* whose PDF :mod:`.make` would make again."""
    digest = functools.cache(digest_of)
    found = []
    for name in names:
        command = one_pass_run(name, latexmk_options)
        if command is None or not up_to_date(name, command, digest):
            found.append(name)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    split = args.index("--") if "--" in args else len(args)
    options, names = args[:split], args[split + 1 :]
    found = out_of_date(names, options)
    if len(found) < len(names):  # what the run does not make, said once (make reads stdout)
        print(f"{len(names) - len(found)} of {len(names)} PDFs up to date", file=sys.stderr)
    print(" ".join(f"{name}.pdf" for name in found))
    return 0


if __name__ == "__main__":
    sys.exit(main())

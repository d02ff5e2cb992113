"""``research-series``: the editor's commands around the Sphinx build.

Functions take ``argv`` so tests call them directly. Every failure is one
``error: ...`` line and a non-zero exit status, never a traceback: 2 when the
command was asked for something it cannot do (argparse's own status), 1 when
the series' files have problems.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from ..model.placeholders import DEFAULT_AUTHOR, DEFAULT_TITLE
from .errors import CommandError
from .manuscript import add_import_command, run_import
from .paper_folder import number_argument

# Each command imports what it needs when it runs: ``collect-downloads`` runs in every
# ``make site`` and should not wait for Sphinx to load.

#: Exit status when the command could not do its work (argparse uses it too).
USAGE_ERROR = 2


def _jobs(value: str) -> int:
    if value == "auto":
        from .check import default_jobs

        return default_jobs()
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r}: give a positive whole number or 'auto'")


def _pid(value: str) -> int:
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r}: give a process id")


def _port(value: str) -> int:
    if value.isdigit() and int(value) < 65536:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r}: give a port number, 0 to 65535 (0: any free)")


DESCRIPTION = """The editor's commands for the series: check the papers, start a paper,
import a Word manuscript, preview the site while editing, build it. The Makefile's
targets (make html, make site, make check, make preview) run these."""

PAPERS_HELP = "the series folder, holding conf.py and one folder per paper (default: papers)"
BUILDDIR_HELP = "where the builds write their folders (default: _build)"


def _papers_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "papers", type=Path, nargs="?", default=Path("papers"), metavar="PAPERS_DIR",
        help=PAPERS_HELP,
    )  # fmt: skip


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="research-series", description=DESCRIPTION)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="report every problem of every paper, without building the site"
    )
    _papers_argument(check)
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one 'file:line: message' a line; json: a list, for CI (default: text)",
    )
    check.add_argument(
        "-j", "--jobs", type=_jobs, default=1, help="read with N processes ('auto': all cores)"
    )

    new = commands.add_parser("new-paper", help="start a paper folder that builds")
    new.add_argument("slug", help="the folder and URL: lowercase letters, digits and '-'")
    new.add_argument(
        "--papers", type=Path, default=Path("papers"), help=PAPERS_HELP.replace("folder,", "folder")
    )
    new.add_argument(
        "--title",
        default=DEFAULT_TITLE,
        help="the paper's title (edit it later in index.md)",
    )
    new.add_argument(
        "--author",
        default=DEFAULT_AUTHOR,
        help="'Name (Affiliation)'; several authors separated by '; '",
    )
    new.add_argument("--date", default=None, help="YYYY, YYYY-MM or YYYY-MM-DD (this year)")
    new.add_argument(
        "--number", type=number_argument, default=None, help="default: the next free one"
    )

    revise = commands.add_parser(
        "revise",
        help="keep the paper's published version before you edit it (a new version)",
        description="Copy papers/SLUG as it is (index.md, references.bib, images) to "
        "papers/SLUG/versions/N/, published at SLUG/versions/N/ and never rebuilt from new "
        "metadata, and give the paper version N+1 with today's date and your note "
        "(':version:', ':revised:', ':revision-note:' in its research-report directive). "
        "Then edit the paper and build. See docs/versions.md.",
    )
    revise.add_argument("slug", help="the paper's folder name, e.g. hovander-2016")
    revise.add_argument(
        "--note",
        required=True,
        help="what the new version changes, in a sentence its page shows",
    )
    revise.add_argument(
        "--papers", type=Path, default=Path("papers"), help=PAPERS_HELP.replace("folder,", "folder")
    )
    revise.add_argument(
        "--date", default=None, help="the new version's day, YYYY-MM-DD (default: today)"
    )

    preview = commands.add_parser(
        "preview", help="serve the series on 127.0.0.1, rebuilt and reloaded on every change"
    )
    _papers_argument(preview)
    preview.add_argument(
        "--port", type=_port, default=8000, help="the port on 127.0.0.1 (default: 8000)"
    )
    preview.add_argument(
        "--builddir", type=Path, default=Path("_build"), help="writes BUILDDIR/preview"
    )
    preview.add_argument(
        "--sphinx-options", type=shlex.split, default=[], help="e.g. '-j auto' (SPHINXOPTS)"
    )
    preview.add_argument(
        "--stop-with-make",
        type=_pid,
        default=None,
        metavar="PID",
        help="stop when the make with this process id is stopped (make preview passes it)",
    )

    site = commands.add_parser(
        "site", help="build the whole site: HTML, every PDF and EPUB, the downloads (make site)"
    )
    _papers_argument(site)
    site.add_argument("--builddir", type=Path, default=Path("_build"), help=BUILDDIR_HELP)
    site.add_argument(
        "--sphinx-options", type=shlex.split, default=[], help="e.g. '-W --keep-going -j auto'"
    )

    build = commands.add_parser(
        "build",
        help="one format: what sphinx-build -M does, with conf.py's errors at their line "
        "(make html, latex, latexpdf, epub)",
    )
    build.add_argument(
        "builder", metavar="FORMAT", help="html, dirhtml, latex, latexpdf, epub or another builder"
    )
    _papers_argument(build)
    build.add_argument("--builddir", type=Path, default=Path("_build"), help=BUILDDIR_HELP)
    build.add_argument(
        "--sphinx-options", type=shlex.split, default=[], help="e.g. '-W --keep-going -j auto'"
    )

    collect = commands.add_parser(
        "collect-downloads",
        help="copy the papers' PDFs and EPUBs into the site's downloads/ (make site runs it)",
    )
    collect.add_argument(
        "builddir", type=Path, nargs="?", default=Path("_build"), metavar="BUILDDIR",
        help="the folder holding html/, latex/ and epub/ (default: _build)",
    )  # fmt: skip
    deposit = commands.add_parser(
        "crossref",
        help="write the Crossref deposit XML registering the papers' DOIs (make crossref); "
        "sends nothing",
        description="Write BUILDDIR/crossref/<batch id>.xml: a Crossref doi_batch (schema "
        "5.3.1) holding every published paper whose deposited metadata changed since the "
        "last batch. Needs series_issn, series_doi_prefix, series_crossref_depositor and "
        "series_base_url in conf.py. Upload the file to Crossref yourself (docs/doi.md).",
    )
    _papers_argument(deposit)
    deposit.add_argument(
        "--builddir",
        type=Path,
        default=Path("_build"),
        help="writes BUILDDIR/crossref and shares BUILDDIR/doctrees with make html "
        "(default: _build)",
    )
    deposit.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="put every published paper in the batch, changed or not (to redeposit all)",
    )
    add_import_command(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "import":
        return run_import(args)
    try:
        if args.command == "check":
            return run_check(args.papers, args.format, args.jobs)
        if args.command == "new-paper":
            from .scaffold import new_paper

            index = new_paper(
                args.papers,
                args.slug,
                title=args.title,
                author=args.author,
                date=args.date,
                number=args.number,
            )
            print(index)
        elif args.command == "revise":
            from .revise import revise

            print(revise(args.papers, args.slug, args.note, args.date))
        elif args.command == "build":
            from .build import build

            return build(args.builder, args.papers, args.builddir, args.sphinx_options)
        elif args.command == "site":
            from .site import build_site

            return build_site(args.papers, args.builddir, args.sphinx_options)
        elif args.command == "crossref":
            from .crossref import crossref

            return crossref(args.papers, args.builddir, everything=args.everything)
        elif args.command == "preview":
            from .preview import run_preview

            return run_preview(
                args.papers, args.builddir, args.port, args.sphinx_options, args.stop_with_make
            )
        else:
            from .downloads import collect_downloads

            print(collect_downloads(args.builddir).summary())
    except (CommandError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0


def run_check(papers: Path, output: str, jobs: int) -> int:
    """Print the problems (text: one per line; json: a list); 1 when any."""
    from .check import as_json, check_series

    problems = check_series(papers, jobs=jobs, base=Path.cwd())
    if output == "json":
        sys.stdout.write(as_json(problems))
    else:
        for problem in problems:
            print(problem)
        files = len({problem.file for problem in problems})
        summary = (
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} "
            f"file{'s' * (files != 1)}"
            if problems
            else "no problems"
        )
        print(f"research-series check: {summary}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The ``research-series import`` subcommand (the lead wires it into the CLI's parser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import CommandError, ManuscriptError
from ..paper_folder import ctrl_c_recorded, number_argument
from .importer import import_manuscript

#: Exit status for arguments the build would refuse (as ``new-paper`` and argparse use).
USAGE_ERROR = 2
#: Exit status for a manuscript that cannot be imported as it is.
MANUSCRIPT_ERROR = 1
#: Exit status after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def add_import_command(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``import MANUSCRIPT.docx --slug S --number N --date D [--author ...] ...``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="turn a Word manuscript (.docx) into a paper folder",
        description=(
            "Convert a Word manuscript into papers/<slug>/: index.md with the metadata, the "
            "notes as MyST footnotes and Zotero/Mendeley citations as {cite}/{footcite}, "
            "references.bib generated from the citations, and the images."
        ),
    )
    parser.add_argument(
        "manuscript", type=Path, metavar="MANUSCRIPT.docx", help="the Word file (.docx) to import"
    )
    parser.add_argument("--slug", required=True, help="the paper's folder name, e.g. doe-2024")
    parser.add_argument(
        "--number",
        type=number_argument,
        help="the paper's number in the series (default: next free)",
    )
    parser.add_argument("--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument(
        "--author",
        action="append",
        dest="authors",
        metavar="'NAME (AFFILIATION)'",
        help="an author (repeat for each); default: from the manuscript",
    )
    parser.add_argument("--title", help="the paper's title; default: the manuscript's Title")
    parser.add_argument("--papers", type=Path, default=Path("papers"), help="default: papers")
    parser.set_defaults(handler=run_import)
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Run the import; 0 when the folder was written, else one ``error: ...`` line and
    2 (an argument the build would refuse), 1 (the manuscript) or 130 (Ctrl-C)."""
    try:
        with ctrl_c_recorded():
            result = import_manuscript(
                args.manuscript,
                args.papers,
                slug=args.slug,
                number=args.number,
                date=args.date,
                authors=args.authors,
                title=args.title,
            )
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except ManuscriptError as error:
        print(f"error: {error}", file=sys.stderr)
        return MANUSCRIPT_ERROR
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return MANUSCRIPT_ERROR
    except RecursionError:
        print(
            "error: the manuscript nests tables, lists or fields too deeply to be read; "
            "simplify the nesting in Word and save again",
            file=sys.stderr,
        )
        return MANUSCRIPT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted (Ctrl-C); nothing was written", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # a manuscript no test foresaw: still one line, nothing written
        print(
            f"error: {args.manuscript}: the import stopped on a problem it does not know "
            f"({type(error).__name__}: {error}); nothing was written; please report it "
            "with the manuscript",
            file=sys.stderr,
        )
        return MANUSCRIPT_ERROR
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"{result.index}: {result.footnotes} footnotes, {result.endnotes} endnotes, "
        f"{result.citations} citations of {result.works} works"
        + (
            f"; {len(result.warnings)} warning{'s' * (len(result.warnings) != 1)} to look at"
            if result.warnings
            else ""
        )
    )
    return 0

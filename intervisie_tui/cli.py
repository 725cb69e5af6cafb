"""The `intervisie` command line: parses arguments, then runs a plain command or starts the app.

Owns the command-line contract of DESIGN.md and the rule that bad input ends in one clear line on stderr
and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .core.catalog import load_catalog
from .protocol_text import describe_protocol, protocol_table

PROG = "intervisie"
EXIT_USAGE = 2
EXIT_INTERNAL = 70


class CommandError(Exception):
    """Bad input: the message is shown as one line and the command exits with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)


def _cmd_protocols_list(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    print(protocol_table(catalog))
    for problem in catalog.problems:
        print(f"{PROG}: skipped a broken protocol: {problem}", file=sys.stderr)
    return 0


def _cmd_protocols_show(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    entry = catalog.get(args.id)
    if entry is None:
        raise CommandError(f"unknown protocol '{args.id}'; known protocols: {', '.join(catalog.ids)}")
    print(describe_protocol(entry.protocol))
    return 0


def _cmd_protocols_validate(args: argparse.Namespace) -> int:
    from .core.protocol_loader import ProtocolError, load_protocol

    failed = False
    for name in args.files:
        try:
            load_protocol(Path(name))
        except ProtocolError as exc:
            failed = True
            for problem in exc.problems:
                print(problem)
        else:
            print(f"{name}: valid")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Run an intervisie session in the terminal and keep its minutes.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    protocols = commands.add_parser("protocols", help="list, show and validate protocols")
    verbs = protocols.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=_Parser)
    listing = verbs.add_parser("list", help="list bundled and user protocols with their total time")
    listing.set_defaults(handler=_cmd_protocols_list)
    show = verbs.add_parser("show", help="show the phases and times of a protocol")
    show.add_argument("id", help="protocol id, e.g. zeven-stappen")
    show.set_defaults(handler=_cmd_protocols_show)
    validate = verbs.add_parser("validate", help="check protocol files; exit 0 when all are valid, 1 otherwise")
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML protocol files")
    validate.set_defaults(handler=_cmd_protocols_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `intervisie` command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return 0
        code: int = handler(args)
        return code
    except CommandError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("INTERVISIE_DEBUG"):
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL

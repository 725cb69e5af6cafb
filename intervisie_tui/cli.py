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
from typing import Any, NoReturn

from . import __version__
from .core.errors import UserError
from .core.safe_text import visible

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
    from .core.catalog import load_catalog
    from .protocol_text import protocol_table

    catalog = load_catalog()
    print(protocol_table(catalog))
    for problem in catalog.problems:
        print(f"{PROG}: skipped a broken protocol: {problem}", file=sys.stderr)
    return 0


def _cmd_protocols_show(args: argparse.Namespace) -> int:
    from .core.catalog import load_catalog
    from .protocol_text import describe_protocol

    catalog = load_catalog()
    entry = catalog.get(args.id)
    if entry is None:
        raise CommandError(f"unknown protocol '{args.id}'; known protocols: {', '.join(catalog.ids)}")
    print(describe_protocol(entry.protocol))
    return 0


def _cmd_protocols_validate(args: argparse.Namespace) -> int:
    from .core.toolkit import validate_data_file

    failed = False
    for name in args.files:
        problems = validate_data_file(Path(name))
        failed = failed or bool(problems)
        for problem in problems:
            print(problem)
        if not problems:
            print(visible(f"{name}: valid"))
    return 1 if failed else 0


def _run_app(args: argparse.Namespace, **start: Any) -> int:
    from dataclasses import replace

    from .core.store import Store
    from .ui.app import IntervisieApp
    from .ui.settings import load_settings
    from .ui.strings import pick_language

    saved = load_settings()
    settings = replace(
        saved,
        language=pick_language(args.lang or saved.language),
        bell=saved.bell and not args.no_bell,
        flash=saved.flash and not args.no_flash,
    )
    app = IntervisieApp(Store(), settings=settings, **start)
    app.run()
    if app.error:
        raise CommandError(app.error)
    return app.return_code or 0


def _cmd_app(args: argparse.Namespace) -> int:
    return _run_app(args)


def _cmd_run(args: argparse.Namespace) -> int:
    from .core.catalog import UnknownProtocolError, resolve
    from .core.protocol_loader import ProtocolError
    from .core.session import Setup
    from .names import names

    try:
        protocol = resolve(args.protocol)
    except ProtocolError as exc:
        raise CommandError(str(exc.problems[0])) from None
    except UnknownProtocolError as exc:
        raise CommandError(str(exc)) from None
    case_bringers = names(args.case_bringers or "")
    participants = names(args.participants or "")
    participants += tuple(n for n in case_bringers if n not in participants)
    setup = Setup(
        title=args.title or "",
        group=args.group or "",
        participants=participants,
        case_bringers=case_bringers,
        moderator=args.moderator or "",
        notulist=args.notulist or "",
    )
    return _run_app(args, start=(protocol, setup))


def _cmd_resume(args: argparse.Namespace) -> int:
    """Continue an unfinished session; a finished one's minutes open in the review screen, read-only.

    A damaged or unwritable session ends in one line and touches nothing.
    """
    from .core.clock import SystemClock
    from .core.store import SessionFinishedError, Store, StoreError

    store = Store()
    try:
        files, session = store.load(args.session, SystemClock())
    except SessionFinishedError as exc:
        if exc.minutes is None:
            raise CommandError(str(exc)) from None
        return _run_app(args, review=True, select=exc.session_id)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    try:
        lock = store.lock(files)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    return _run_app(args, resume=(files, session), lock=lock)


def _archive() -> Any:
    """The archive of saved minutes, without loading the session engine (scripts call these often)."""
    from .core.archive import Archive
    from .core.paths import index_path, minutes_dir

    return Archive(minutes_dir(), index_path())


def _report_skipped(archive: Any) -> None:
    """One line on stderr for each file the archive could not read (as found by the query just made)."""
    for path, problem in archive.problems():
        print(f"{PROG}: skipped {_visible(str(path))}: {problem}", file=sys.stderr)


def _archive_summary(session_id: str) -> tuple[Any, str]:
    from .core.archive import MinutesFileError, read_minutes

    archive = _archive()
    summary = archive.get(session_id)
    _report_skipped(archive)
    if summary is None:
        raise CommandError(f"no minutes with id '{_visible(session_id)}' (see 'intervisie minutes list')")
    try:
        return summary, read_minutes(summary.path)
    except MinutesFileError as exc:
        raise CommandError(f"cannot read {_visible(str(summary.path))}: {exc}") from None


def _visible(text: str, multiline: bool = False) -> str:
    from .core.safe_text import visible

    return visible(text, multiline=multiline)


def _cmd_minutes(args: argparse.Namespace) -> int:
    return _run_app(args, review=True)


def _cmd_minutes_list(args: argparse.Namespace) -> int:
    archive = _archive()
    for summary in archive.summaries():
        print(summary.line())
    _report_skipped(archive)
    return 0


def _cmd_minutes_show(args: argparse.Namespace) -> int:
    print(_visible(_archive_summary(args.id)[1], multiline=True), end="")
    return 0


def _cmd_minutes_search(args: argparse.Namespace) -> int:
    """The best matches first, one a line (id, date, group, snippet), then how many matched in all."""
    archive = _archive()
    results = archive.search(" ".join(args.words), limit=args.limit)
    for summary, snippet in results:
        fields = (summary.id, summary.date, summary.group or "-", " ".join(snippet.split()))
        print("\t".join(_visible(field) for field in fields))
    if results:
        print(f"{len(results)} of {results.total} sessions, best match first")
    _report_skipped(archive)
    return 0 if results else 1


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _cmd_minutes_path(args: argparse.Namespace) -> int:
    from .core.paths import minutes_dir

    print(minutes_dir())
    return 0


def _cmd_minutes_export(args: argparse.Namespace) -> int:
    """An anonymised copy, or an attendance proof; `--scrub` names are replaced in either."""
    from .core.exports import anonymise, attendance
    from .names import names

    _, text = _archive_summary(args.id)
    scrub = names(args.scrub or "")
    exported = attendance(text, scrub=scrub) if args.attendance else anonymise(text, scrub)
    print(_visible(exported, multiline=True), end="")
    return 0


def _cmd_minutes_delete(args: argparse.Namespace) -> int:
    """Remove a session's minutes, saved state, index entries and exports; each removed file on a line."""
    from .core.paths import data_dir
    from .core.privacy import delete_session

    archive = _archive()
    summary = archive.get(args.id)
    _report_skipped(archive)
    if summary is None:
        raise CommandError(f"no minutes with id '{_visible(args.id)}' (see 'intervisie minutes list')")
    try:
        removed = delete_session(data_dir(), archive, summary)
    except OSError as exc:
        raise CommandError(f"could not delete everything: {exc.strerror or exc}") from None
    for path in removed:
        print(f"removed {_visible(str(path))}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    app_options = _Parser(add_help=False)
    app_options.add_argument("--lang", choices=("nl", "en"), help="language of the screens (default: Dutch)")
    app_options.add_argument("--no-bell", action="store_true", help="no bell at one minute left and at zero")
    app_options.add_argument("--no-flash", action="store_true", help="no flash of the screen at those moments")
    parser = _Parser(
        prog=PROG,
        description="Run an intervisie session in the terminal and keep its minutes. "
        "Without a command, the start screen opens.",
        parents=[app_options],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.set_defaults(handler=_cmd_app)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = commands.add_parser("run", help="start a session directly", parents=[app_options])
    run.add_argument("protocol", metavar="PROTOCOL", help="a protocol id (see 'protocols list') or a YAML file")
    run.add_argument("--title", help="the session's topic")
    run.add_argument("--group", help="the group's name")
    run.add_argument("--participants", metavar="NAMES", help='comma-separated, e.g. "Ann,Bo,Cas"')
    run.add_argument("--case-bringers", metavar="NAMES", help="comma-separated, in order")
    run.add_argument("--moderator", metavar="NAME")
    run.add_argument("--notulist", metavar="NAME")
    run.set_defaults(handler=_cmd_run)

    resume = commands.add_parser(
        "resume", help="continue an interrupted session (the latest by default)", parents=[app_options]
    )
    resume.add_argument("session", nargs="?", metavar="SESSION", help="the session id (see the data folder)")
    resume.set_defaults(handler=_cmd_resume)

    minutes = commands.add_parser(
        "minutes", help="review saved minutes (without a verb: the review screen)", parents=[app_options]
    )
    minutes.set_defaults(handler=_cmd_minutes)
    minute_verbs = minutes.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    minute_verbs.add_parser("list", help="one session a line, newest first (tab-separated)").set_defaults(
        handler=_cmd_minutes_list
    )
    show_minutes = minute_verbs.add_parser("show", help="print the minutes of a session")
    show_minutes.add_argument("id", metavar="ID", help="the session id (first column of 'minutes list')")
    show_minutes.set_defaults(handler=_cmd_minutes_show)
    search = minute_verbs.add_parser(
        "search", help="the sessions whose minutes best match all the words, with the count; exit 1 when none"
    )
    search.add_argument("words", nargs="+", metavar="WORD")
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="show the best N sessions (default: 20)"
    )
    search.set_defaults(handler=_cmd_minutes_search)
    minute_verbs.add_parser("path", help="print the folder that holds the minutes").set_defaults(
        handler=_cmd_minutes_path
    )
    export = minute_verbs.add_parser("export", help="an anonymised copy, or an attendance-only proof")
    export.add_argument("id", metavar="ID")
    export.add_argument("--attendance", action="store_true", help="date, duration, participants, protocol only")
    export.add_argument("--scrub", metavar="NAMES", help="further names to replace, comma-separated")
    export.set_defaults(handler=_cmd_minutes_export)
    delete = minute_verbs.add_parser(
        "delete", help="remove a session's minutes, saved state, search entries and exports for good"
    )
    delete.add_argument("id", metavar="ID", help="the session id (first column of 'minutes list')")
    delete.set_defaults(handler=_cmd_minutes_delete)

    protocols = commands.add_parser("protocols", help="list, show and validate protocols")
    verbs = protocols.add_subparsers(dest="verb", metavar="VERB", required=True, parser_class=_Parser)
    listing = verbs.add_parser("list", help="list bundled and user protocols with their total time")
    listing.set_defaults(handler=_cmd_protocols_list)
    show = verbs.add_parser("show", help="show the phases and times of a protocol")
    show.add_argument("id", help="protocol id, e.g. zeven-stappen")
    show.set_defaults(handler=_cmd_protocols_show)
    validate = verbs.add_parser(
        "validate", help="check protocol (and question, energizer, checklist) files; exit 0 when all are valid"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="YAML protocol or toolkit files")
    validate.set_defaults(handler=_cmd_protocols_validate)

    from .cli_prepare import add_commands

    add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `intervisie` command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code: int = args.handler(args)
        return code
    except CommandError as exc:
        print(f"{PROG}: {visible(str(exc))}", file=sys.stderr)
        return exc.code
    except UserError as exc:
        print(f"{PROG}: {visible(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("INTERVISIE_DEBUG"):
            raise
        print(f"{PROG}: {_internal_error(exc)}", file=sys.stderr)
        return EXIT_INTERNAL


def _internal_error(exc: BaseException) -> str:
    """A bug's one line: its kind and where it happened, never its message (that may quote confidential notes)."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"internal error: {type(exc).__name__}{where}; run with INTERVISIE_DEBUG=1 for details"

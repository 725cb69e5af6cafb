"""The `intervisie` command line: parses arguments, then runs a plain command or starts the app.

Owns the command-line contract of DESIGN.md and the rule that bad input ends in one clear line on stderr
and a non-zero exit, never a traceback. Help, messages and errors are in the language of `--lang` (anywhere on
the line), else of the settings, else of the locale; argparse's own texts come from the words package through
its gettext hook while the parser is built and used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .cli_search import (
    guarded,
    print_results,
    report_skipped,
    requested_language,
    saved_language,
)
from .core.errors import UserError
from .core.safe_text import visible
from .words import LANGUAGES, Texts, argparse_text, pick_language

if TYPE_CHECKING:
    from .core.diagnostics import Problem
    from .core.protocol import Protocol

PROG = "intervisie"
EXIT_USAGE = 2


class CommandError(Exception):
    """Bad input: the text of `key` (from the words package) is shown as one line; the command exits with `code`."""

    def __init__(self, key: str, code: int = 1, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.code = code
        self.values = values

    @classmethod
    def saying(cls, message: str, code: int = 1) -> CommandError:
        """An error whose message is already made (by the app, in its language)."""
        return cls("cli.as_is", code, message=message)

    @classmethod
    def problem(cls, problem: Problem) -> CommandError:
        """The one line of a problem in a file (`FILE:LINE:COL: …`), said in the command's language."""
        return cls("cli.as_is", 1, message=problem)

    @classmethod
    def of(cls, error: UserError) -> CommandError:
        """The core's error, said in the command's language where the core gave its words."""
        return cls(error.key, 1, **error.values) if error.key else cls.saying(str(error))

    def message(self, texts: Texts) -> str:
        from .core.diagnostics import Problem

        values = {
            name: v.say(texts) if isinstance(v, Problem) else v.message(texts) if isinstance(v, UserError) else v
            for name, v in self.values.items()
        }
        return texts(self.key, **values)


class _Parser(argparse.ArgumentParser):
    """An argument parser in the command's language, with `--lang` everywhere and one-line errors."""

    texts = Texts("en")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.add_help:
            self.add_argument("--lang", choices=tuple(LANGUAGES), help=self.texts("cli.help.lang"))

    def error(self, message: str) -> NoReturn:
        raise CommandError("cli.usage_error", EXIT_USAGE, message=message, prog=self.prog)


def _parser_in(language_texts: Texts) -> type[_Parser]:
    """The parser class for the commands and verbs of one language."""

    class Parser(_Parser):
        texts = language_texts

    return Parser


@contextmanager
def argparse_words(language: str) -> Iterator[None]:
    """argparse's own texts ("usage:", "options", its errors) in `language` while the block runs.

    argparse looks every one of its messages up through the gettext functions it holds as `argparse._` and
    `argparse.ngettext`; this hands it the words package's table instead, and puts gettext back afterwards.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def single(message: str) -> str:
        return argparse_text(language, message)

    def plural(one: str, other: str, count: int) -> str:
        return argparse_text(language, one if count == 1 else other)

    argparse._, argparse.ngettext = single, plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def command_language(argv: Sequence[str]) -> str:
    """The command line's language: `--lang`, else the saved setting, else the locale (Dutch by default)."""
    return pick_language(requested_language(argv) or saved_language())


def _cmd_protocols_list(args: argparse.Namespace) -> int:
    from .core.catalog import load_catalog
    from .protocol_text import protocol_table

    catalog = load_catalog()
    texts: Texts = args.texts
    print(protocol_table(catalog, texts.language))
    for problem in catalog.problems:
        print(f"{PROG}: {texts('cli.skipped_protocol', problem=problem.say(texts))}", file=sys.stderr)
    return 0


def _cmd_protocols_show(args: argparse.Namespace) -> int:
    from .core.catalog import load_catalog
    from .protocol_text import describe_protocol

    catalog = load_catalog()
    entry = catalog.get(args.id)
    if entry is None:
        raise CommandError("cli.unknown_protocol", id=args.id, known=", ".join(catalog.ids))
    print(describe_protocol(entry.protocol, args.texts.language))
    return 0


def _cmd_protocols_validate(args: argparse.Namespace) -> int:
    from .core.toolkit import validate_data_file

    failed = False
    for name in args.files:
        problems = validate_data_file(Path(name))
        failed = failed or bool(problems)
        for problem in problems:
            print(problem.say(args.texts))
        if not problems:
            print(visible(args.texts("cli.valid", name=name)))
    return 1 if failed else 0


def _run_app(args: argparse.Namespace, **start: Any) -> int:
    from dataclasses import replace

    from .ui.heap import keep_heap_small, keep_tls_out

    keep_heap_small()
    keep_tls_out()
    from .core.store import Store
    from .ui.app import IntervisieApp
    from .ui.settings import load_settings

    saved = load_settings(texts=args.texts)
    settings = replace(
        saved,
        language=args.texts.language,
        bell=saved.bell and not args.no_bell,
        flash=saved.flash and not args.no_flash,
    )
    app = IntervisieApp(Store(), settings=settings, **start)
    app.run()
    if app.error:
        raise CommandError.saying(app.error)
    return app.return_code or 0


def _cmd_app(args: argparse.Namespace) -> int:
    return _run_app(args)


def resolve_protocol(name: str) -> Protocol:
    """The protocol a command names (an id or a file), or a one-line error saying why there is none."""
    from .core.catalog import UnknownProtocolError, resolve
    from .core.protocol_loader import ProtocolError

    try:
        return resolve(name)
    except ProtocolError as exc:
        raise CommandError.problem(exc.problems[0]) from None
    except UnknownProtocolError as exc:
        raise CommandError("cli.unknown_protocol", id=visible(exc.name), known=exc.known) from None


def _cmd_run(args: argparse.Namespace) -> int:
    from .core.session import Setup
    from .names import names

    protocol = resolve_protocol(args.protocol)
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
            raise CommandError.of(exc) from None
        return _run_app(args, review=True, select=exc.session_id)
    except StoreError as exc:
        raise CommandError.of(exc) from None
    try:
        lock = store.lock(files)
    except StoreError as exc:
        raise CommandError.of(exc) from None
    return _run_app(args, resume=(files, session), lock=lock)


def _archive() -> Any:
    """The archive of saved minutes, without loading the session engine (scripts call these often)."""
    from .core.archive import Archive
    from .core.paths import index_path, minutes_dir

    return Archive(minutes_dir(), index_path())


def _archive_summary(session_id: str, texts: Texts) -> tuple[Any, str]:
    from .core.archive import MinutesFileError, read_minutes

    archive = _archive()
    summary = archive.get(session_id)
    report_skipped(archive, texts)
    if summary is None:
        raise CommandError("cli.no_minutes", id=_visible(session_id))
    try:
        return summary, read_minutes(summary.path)
    except MinutesFileError as exc:
        raise CommandError("cli.cannot_read", path=_visible(str(summary.path)), reason=exc) from None


def _visible(text: str, multiline: bool = False) -> str:
    from .core.safe_text import visible

    return visible(text, multiline=multiline)


def _cmd_minutes(args: argparse.Namespace) -> int:
    return _run_app(args, review=True)


def _cmd_minutes_list(args: argparse.Namespace) -> int:
    archive = _archive()
    for summary in archive.summaries():
        print(summary.line(args.texts))
    report_skipped(archive, args.texts)
    return 0


def _cmd_minutes_show(args: argparse.Namespace) -> int:
    print(_visible(_archive_summary(args.id, args.texts)[1], multiline=True), end="")
    return 0


def _cmd_minutes_search(args: argparse.Namespace) -> int:
    """The best matches first, one a line (id, date, group, snippet), then how many matched in all."""
    archive = _archive()
    return print_results(archive, archive.search(" ".join(args.words), limit=args.limit), args.words, args.texts)


def _positive(texts: Texts) -> Callable[[str], int]:
    """An argument type: a whole number of 1 or more, its error in the words of `texts`."""

    def positive(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(texts("cli.not_positive", value=repr(text)))
        return int(text)

    return positive


def whole_number(texts: Texts) -> Callable[[str], int]:
    """An argument type: a whole number (a sign allowed), its error in the words of `texts`."""

    def whole(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(texts("cli.not_whole", value=repr(text))) from None

    return whole


def _cmd_minutes_path(args: argparse.Namespace) -> int:
    from .core.paths import minutes_dir

    print(minutes_dir())
    return 0


def _cmd_minutes_export(args: argparse.Namespace) -> int:
    """An anonymised copy, or an attendance proof; `--scrub` names are replaced in either."""
    from .core.exports import anonymise, attendance
    from .names import names

    _, text = _archive_summary(args.id, args.texts)
    scrub = names(args.scrub or "")
    language = args.texts.language
    exported = attendance(text, language, scrub) if args.attendance else anonymise(text, scrub, language)
    print(_visible(exported, multiline=True), end="")
    return 0


def _cmd_minutes_delete(args: argparse.Namespace) -> int:
    """Remove a session's minutes, saved state, index entries, exports and emergency copies; each file, then a count."""
    from .core.paths import data_dir
    from .core.privacy import delete_session

    archive = _archive()
    summary = archive.get(args.id)
    report_skipped(archive, args.texts)
    if summary is None:
        raise CommandError("cli.no_minutes", id=_visible(args.id))
    try:
        removed = delete_session(data_dir(), archive, summary)
    except OSError as exc:
        raise CommandError("cli.cannot_delete", reason=exc.strerror or exc) from None
    for path in removed:
        print(args.texts("cli.removed", path=_visible(str(path))))
    print(args.texts("cli.removed_count", count=len(removed)))
    return 0


def build_parser(texts: Texts | None = None) -> argparse.ArgumentParser:
    """The `intervisie` parser with its help in the language of `texts` (English without)."""
    t = texts or Texts("en")
    parser_class = _parser_in(t)

    app_options = parser_class(add_help=False)
    app_options.add_argument("--no-bell", action="store_true", help=t("cli.help.no_bell"))
    app_options.add_argument("--no-flash", action="store_true", help=t("cli.help.no_flash"))
    parser = parser_class(prog=PROG, description=t("cli.description"), parents=[app_options])
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}", help=t("cli.help.version"))
    parser.set_defaults(handler=_cmd_app, texts=t)
    commands = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"), parser_class=parser_class)
    names, name = t("cli.metavar.names"), t("cli.metavar.name")

    run = commands.add_parser("run", help=t("cli.run.help"), parents=[app_options])
    run.add_argument("protocol", metavar=t("cli.metavar.protocol"), help=t("cli.run.protocol"))
    run.add_argument("--title", metavar=t("cli.metavar.title"), help=t("cli.run.title"))
    run.add_argument("--group", metavar=t("cli.metavar.group"), help=t("cli.run.group"))
    run.add_argument("--participants", metavar=names, help=t("cli.run.participants"))
    run.add_argument("--case-bringers", metavar=names, help=t("cli.run.case_bringers"))
    run.add_argument("--moderator", metavar=name, help=t("cli.run.moderator"))
    run.add_argument("--notulist", metavar=name, help=t("cli.run.notulist"))
    run.set_defaults(handler=_cmd_run)

    resume = commands.add_parser("resume", help=t("cli.resume.help"), parents=[app_options])
    resume.add_argument("session", nargs="?", metavar=t("cli.metavar.session"), help=t("cli.resume.session"))
    resume.set_defaults(handler=_cmd_resume)

    minutes = commands.add_parser("minutes", help=t("cli.minutes.help"), parents=[app_options])
    minutes.set_defaults(handler=_cmd_minutes)
    verb = t("cli.metavar.verb")
    minute_verbs = minutes.add_subparsers(dest="verb", metavar=verb, parser_class=parser_class)
    minute_verbs.add_parser("list", help=t("cli.minutes.list")).set_defaults(handler=_cmd_minutes_list)
    show_minutes = minute_verbs.add_parser("show", help=t("cli.minutes.show"))
    show_minutes.add_argument("id", metavar="ID", help=t("cli.minutes.id"))
    show_minutes.set_defaults(handler=_cmd_minutes_show)
    search = minute_verbs.add_parser("search", help=t("cli.minutes.search"))
    search.add_argument("words", nargs="+", metavar=t("cli.metavar.word"))
    search.add_argument("--limit", type=_positive(t), default=20, metavar="N", help=t("cli.minutes.limit"))
    search.set_defaults(handler=_cmd_minutes_search)
    minute_verbs.add_parser("path", help=t("cli.minutes.path")).set_defaults(handler=_cmd_minutes_path)
    export = minute_verbs.add_parser("export", help=t("cli.minutes.export"))
    export.add_argument("id", metavar="ID", help=t("cli.minutes.id"))
    export.add_argument("--attendance", action="store_true", help=t("cli.minutes.attendance"))
    export.add_argument("--scrub", metavar=names, help=t("cli.minutes.scrub"))
    export.set_defaults(handler=_cmd_minutes_export)
    delete = minute_verbs.add_parser("delete", help=t("cli.minutes.delete"))
    delete.add_argument("id", metavar="ID", help=t("cli.minutes.id"))
    delete.set_defaults(handler=_cmd_minutes_delete)

    protocols = commands.add_parser("protocols", help=t("cli.protocols.help"))
    verbs = protocols.add_subparsers(dest="verb", metavar=verb, required=True, parser_class=parser_class)
    listing = verbs.add_parser("list", help=t("cli.protocols.list"))
    listing.set_defaults(handler=_cmd_protocols_list)
    show = verbs.add_parser("show", help=t("cli.protocols.show"))
    show.add_argument("id", metavar="ID", help=t("cli.protocols.id"))
    show.set_defaults(handler=_cmd_protocols_show)
    validate = verbs.add_parser("validate", help=t("cli.protocols.validate"))
    validate.add_argument("files", nargs="+", metavar=t("cli.metavar.file"), help=t("cli.protocols.files"))
    validate.set_defaults(handler=_cmd_protocols_validate)

    from .cli_prepare import add_commands

    add_commands(commands, t)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `intervisie` command; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    texts = Texts(command_language(arguments))

    def command() -> int:
        try:
            with argparse_words(texts.language):
                args = build_parser(texts).parse_args(arguments)
            code: int = args.handler(args)
            return code
        except CommandError as exc:
            print(f"{PROG}: {visible(exc.message(texts))}", file=sys.stderr)
            return exc.code

    return guarded(command, texts)

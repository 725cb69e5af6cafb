"""The `intervisie` console script's entry, with `intervisie minutes search` on a lean path.

Owns what runs before the full command line (`cli.py`) is loaded. A plain `minutes search WORD... [--limit N]
[--lang X]` is answered here without argparse, the app or its settings module (people and scripts search
often, and each of those costs milliseconds at every start); anything else -- help, an unknown or repeated
option, a word that starts with a dash, a bad number -- goes to `cli.main`, which parses it the full way and
says what is wrong. Also owns what both paths share: the search's output, the language of the command line
(`--lang`, else the saved setting, else the locale), and the way a command ends when its reader goes away or
a bug is hit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .core.errors import UserError
from .core.safe_text import visible
from .words import LANGUAGES, Texts, pick_language

if TYPE_CHECKING:
    from .core.archive import Archive, SearchResults

PROG = "intervisie"
SAID_CHARS = 80  # of the words said back when nothing matched
EXIT_INTERNAL = 70
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a pipe's writer that was cut off
SETTINGS_BYTES = 64 * 1024  # read no more of a settings file for its language than the settings module reads
OPTIONS = ("--limit", "--lang")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `intervisie` command; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    plain = plain_search(arguments)
    if plain is None:
        from .cli import main as full

        return full(arguments)
    words, limit, language = plain
    texts = Texts(pick_language(language or saved_language()))
    return guarded(lambda: search(words, limit, texts), texts)


def guarded(command: Callable[[], int], texts: Texts) -> int:
    """Run a command to its exit code: the core's refusal, ctrl+c, a reader that went away and a bug each end
    in one line on stderr (a bug's own message never shown: it could quote notes), never a traceback."""
    try:
        return command()
    except UserError as exc:
        print(f"{PROG}: {visible(exc.message(texts))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return reader_gone()
    except Exception as exc:
        if os.environ.get("INTERVISIE_DEBUG"):
            raise
        print(f"{PROG}: {internal_error(exc, texts)}", file=sys.stderr)
        return EXIT_INTERNAL


def plain_search(arguments: Sequence[str]) -> tuple[list[str], int | None, str | None] | None:
    """The words, limit and language of a plain `minutes search`, or None for anything the full parser must read.

    Plain means: the words in one run, before or after the options; `--limit` a whole number of 1 or more and
    `--lang` a language we have, each at most once, as `--x V` or `--x=V`; nothing else that starts with a dash.
    """
    if list(arguments[:2]) != ["minutes", "search"]:
        return None
    words: list[str] = []
    given: dict[str, str] = {}
    rest = list(arguments[2:])
    words_ended = False
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            if words_ended:
                return None
            words.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name not in OPTIONS or name in given or not (equals or rest):
            return None
        given[name] = value if equals else rest.pop(0)
        words_ended = bool(words)
    limit = given.get("--limit")
    language = given.get("--lang")
    if not words or (language is not None and language not in LANGUAGES):
        return None
    if limit is not None and not (limit.isascii() and limit.isdigit() and int(limit) >= 1):
        return None
    return words, int(limit) if limit is not None else None, language


def search(words: Sequence[str], limit: int | None, texts: Texts) -> int:
    """Search the saved minutes and print the results (see `print_results`)."""
    from .core.archive import SEARCH_LIMIT, Archive
    from .core.paths import index_path, minutes_dir

    archive = Archive(minutes_dir(), index_path())
    results = archive.search(" ".join(words), limit=SEARCH_LIMIT if limit is None else limit)
    return print_results(archive, results, words, texts)


def print_results(archive: Archive, results: SearchResults, words: Sequence[str], texts: Texts) -> int:
    """The best matches first, one a line (id, date, group, snippet), then how many matched in all; with no
    match, one line on stderr saying so (stdout stays empty for scripts).

    Returns the exit code: 0 when something matched, 1 when nothing did, 2 when the words hold nothing to
    search for (only spaces or marks).
    """
    from .core.archive import search_terms

    if not search_terms(" ".join(words)):
        print(f"{PROG}: {texts('cli.search.no_words')}", file=sys.stderr)
        return 2
    for summary, snippet in results:
        fields = (summary.id, summary.date, summary.group or "-", " ".join(snippet.split()))
        print("\t".join(visible(field) for field in fields))
    if results:
        print(texts("cli.search.count", shown=len(results), count=results.total))
    else:
        said = " ".join(words)
        said = said if len(said) <= SAID_CHARS else said[:SAID_CHARS].rstrip() + " …"  # a pasted page: its start
        print(f"{PROG}: {texts('cli.search.none', words=visible(said))}", file=sys.stderr)
    report_skipped(archive, texts)
    return 0 if results else 1


def report_skipped(archive: Archive, texts: Texts) -> None:
    """One line on stderr for each file the archive could not read (as found by the query just made)."""
    for path, problem in archive.problems():
        print(
            f"{PROG}: {texts('cli.skipped', path=visible(str(path)), problem=problem.message(texts))}", file=sys.stderr
        )


def requested_language(argv: Sequence[str]) -> str | None:
    """The language asked for with `--lang X` or `--lang=X` anywhere on the command line, if it is one we have."""
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
        if arg == "--":
            break
    return None


def saved_language() -> str | None:
    """The language in the settings file, if it names one; read without the settings module (and the dataclass
    machinery it loads), since scripts call the command line often. A broken file is reported when an app
    command reads the settings whole."""
    import json

    from .core.paths import settings_path
    from .core.regular_files import NotRegularFileError, read_regular_file

    try:
        language = json.loads(read_regular_file(settings_path(), SETTINGS_BYTES)).get("language")
    except (OSError, ValueError, AttributeError, NotRegularFileError):
        return None
    return language if language in LANGUAGES else None


def reader_gone() -> int:
    """The output's reader stopped reading (`| head`): nothing more to say, and no one to say it to.

    Standard output goes to the null device so that Python's own flush at exit cannot fail once more.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def internal_error(exc: BaseException, texts: Texts) -> str:
    """A bug's one line: its kind and where it happened, never its message (that may quote confidential notes)."""
    import traceback
    from pathlib import Path

    frames = traceback.extract_tb(exc.__traceback__)
    kind = type(exc).__name__
    if not frames:
        return texts("cli.internal", kind=kind)
    return texts("cli.internal_at", kind=kind, file=Path(frames[-1].filename).name, line=frames[-1].lineno)

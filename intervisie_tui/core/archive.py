"""The archive of saved minutes: summaries, the group's open actions, full-text search and forgetting.

Owns reading minutes back: the front matter of each Markdown file becomes a `MinutesSummary` (newest first,
with an id unique in the listing), task items become action items, and search runs on an SQLite FTS5 index in
the data folder. The index holds each file's summary and its words but not its text (a contentless FTS5
table), and is brought in step with the Markdown files before every query by comparing each file's size,
change time (ctime) and inode with what it recorded (through the listing of its last look, a file beside it),
so an edit made in place is found at once and only the files that changed are read. Search results are
ranked (bm25) and limited, with the total count; snippets are made from the few files shown. The Markdown
files stay the source of truth: the index can be deleted at any time and is rebuilt; a damaged one is
rebuilt by itself, and where the data folder cannot be written an index in memory serves.

A file people edited is read as they left it: values of the wrong type are read as well as they can be (a
number from "50 min", names from a list), and a file that cannot be read at all (not UTF-8, no or invalid front
matter, no session id) is skipped and reported as one line naming it, never stopping the other files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import itertools
import json
import os
import re
import threading
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from ..words import Texts
from .actions import ActionItem, action_list_items, open_items
from .errors import UserError
from .hashes import blake2b
from .paths import INDEX_NAME
from .safe_text import visible

if TYPE_CHECKING:
    import sqlite3  # at run time imported where used: a session that never searches does not load SQLite

    from .actions import ActionItem

INDEX_FORMAT = 9
_FRONT_KEY = re.compile(r"(?m)^[^\s:#-][^:\n]*:(?=\s|$)")  # a front matter line's key
Result = TypeVar("Result")
Sync = Literal["files", "names", "none"]
FileKey = tuple[int, int, int]  # size, inode change time in ns (`touch -r` sets mtime back, never ctime), inode
SEARCH_LIMIT = 20
MAX_SEARCH_TERMS = 32
MAX_SEARCH_LIMIT = 2**31
SNIPPET_WIDTH = 12
WORD = re.compile(r"\w+")
MIN_STALE = 50  # the word index is rebuilt when more than this many, and a tenth of its entries, are stale
STALE_SHARE = 10
FREE_SHARE = 8  # the index file is shrunk when more than this share of its pages are empty
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MINUTES = 10**6
MAX_TEXT = 500
MAX_DEPTH = 6  # the front matter the app writes nests two deep, older files three
MAX_NODES = 20_000


class ArchiveError(UserError):
    """The minutes folder or its index cannot be used; the message says why in one line."""


class MinutesFileError(UserError):
    """A file in the minutes folder that cannot be read as minutes; the message says why, in a language.

    The index keeps the reason as its words key and values (`stored`), so a listing says it in the language
    of whoever asks; a reason kept by an older version is shown as it was written.
    """

    def stored(self) -> str:
        return (
            json.dumps({"key": self.key, "values": {k: str(v) for k, v in self.values.items()}})
            if self.key
            else str(self)
        )

    @classmethod
    def from_stored(cls, text: str) -> MinutesFileError:
        try:
            data = json.loads(text)
            return cls.words(str(data["key"]), **{str(k): str(v) for k, v in dict(data["values"]).items()})
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls(text)


class MinutesSummary(NamedTuple):
    """What a list of sessions shows about one minutes file."""

    id: str
    path: Path
    date: str
    start: str
    group: str
    title: str
    protocol: str
    protocol_name: str
    case_bringers: tuple[str, ...]
    participants: tuple[str, ...]
    planned_minutes: int
    actual_minutes: int
    status: str

    def line(self, texts: Texts | None = None) -> str:
        """One tab-separated line for scripts: id, date, start, group, protocol, case-bringers, minutes, status.

        With `texts` the status is in its words ("afgerond"); without, the minutes' own value ("finished").
        """
        status = self.status
        if texts is not None and texts.has(f"minutes.status.{status}"):
            status = texts(f"minutes.status.{status}")
        fields = (
            self.id,
            self.date,
            self.start,
            self.group or "-",
            self.protocol,
            ",".join(self.case_bringers) or "-",
            f"{self.actual_minutes} min",
            status,
        )
        return "\t".join(visible(field) for field in fields)

    def dutch_date(self) -> str:
        """The date as a Dutch reader writes it, day first with a four-digit year: `22-11-2026`."""
        try:
            return dt.date.fromisoformat(self.date).strftime("%d-%m-%Y")
        except ValueError:
            return self.date


def read_front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file; MinutesFileError says why there is none that can be read.

    The flat form the app writes is read without PyYAML (`flat_yaml.load`, which gives what PyYAML gives);
    anything else, an edited or broken front matter included, is read by PyYAML.
    """
    if not text.startswith("---\n"):
        raise MinutesFileError.words("minutes_problem.no_front_matter")
    end = text.find("\n---\n", 3)
    if end < 0 and text.endswith("\n---"):
        end = len(text) - 4
    if end < 0:
        raise MinutesFileError.words("minutes_problem.no_closing")
    from . import flat_yaml  # not on a search that reads no file

    flat = flat_yaml.load(text[4:end])
    data = flat if flat is not None else _yaml_front_matter(text[4:end])
    if not isinstance(data, dict):
        raise MinutesFileError.words("minutes_problem.not_properties")
    if not _small_tree(data):
        raise MinutesFileError.words("minutes_problem.too_deep")
    return data


def _yaml_front_matter(block: str) -> Any:
    import yaml

    try:
        return yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if mark is None:
            raise MinutesFileError.words("minutes_problem.not_yaml") from None
        raise MinutesFileError.words("minutes_problem.not_yaml_at", line=mark.line + 2) from None
    except Exception as exc:  # an impossible date, a nesting too deep: PyYAML raises more than YAMLError
        raise MinutesFileError.words("minutes_problem.unreadable_front", kind=type(exc).__name__) from None


def _small_tree(data: dict[str, Any]) -> bool:
    """Whether loaded YAML is a plain tree of modest size: an alias can make it refer to itself or multiply it.

    Walks without recursion and with a budget of nodes, so neither `&a [*a]` nor an alias bomb costs more than
    a few thousand steps.
    """
    budget = MAX_NODES
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0 or depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list | tuple | set):
            stack.extend((item, depth + 1) for item in value)
    return True


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file, or an empty dict when there is none or it is unreadable."""
    try:
        return read_front_matter(text)
    except MinutesFileError:
        return {}


def text_value(value: Any) -> str:
    """A property as one line of text, whatever YAML made of it."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(filter(None, (text_value(v) for v in value)))[:MAX_TEXT]
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return " ".join(str(value).split())[:MAX_TEXT]


def number_value(value: Any) -> int:
    """Whole minutes from a number or a text that starts with one ("50 min"); 0 when there is none."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and value == value and abs(value) < MAX_MINUTES:
        return max(round(value), 0)
    match = re.match(r"\s*(\d{1,6})(?!\d)", value) if isinstance(value, str) else None
    return int(match.group(1)) if match else 0


def names_value(value: Any) -> tuple[str, ...]:
    """A list of names: plain names, `{name: …}` entries (the older format), or one text with commas."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        return ()
    names = (text_value(v.get("name")) if isinstance(v, dict) else text_value(v) for v in value)
    return tuple(name for name in names if name)


def clock_value(value: Any) -> str:
    """HH:MM from an ISO date-time, a YAML timestamp or a bare time."""
    text = text_value(value)
    match = re.search(r"(\d{1,2}:\d{2})", text)
    return match.group(1) if match else ""


def summary_of(path: Path, text: str) -> MinutesSummary:
    """A summary from a minutes file's front matter; MinutesFileError when the file is not minutes we can read."""
    data = read_front_matter(text)
    session_id = text_value(data.get("session"))
    if not session_id:
        raise MinutesFileError.words("minutes_problem.no_session_id")
    protocol = text_value(data.get("protocol")) or "?"
    date = data.get("date")
    return MinutesSummary(
        id=session_id,
        path=path,
        date=date.isoformat()[:10] if isinstance(date, dt.date) else text_value(date),
        start=clock_value(data.get("start")),
        group=text_value(data.get("group")),
        title=text_value(data.get("title")),
        protocol=protocol,
        protocol_name=text_value(data.get("protocol_name")) or protocol,
        case_bringers=names_value(data.get("case_bringers")),
        participants=names_value(data.get("participants")),
        planned_minutes=number_value(data.get("planned_minutes")),
        actual_minutes=number_value(data.get("actual_minutes")),
        status=text_value(data.get("status")),
    )


def read_minutes(path: Path) -> str:
    """A minutes file's text; MinutesFileError when it is too large, unreadable or not UTF-8."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise MinutesFileError.words("minutes_problem.too_large")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise MinutesFileError.words("minutes_problem.not_utf8") from None
    except OSError as exc:
        raise MinutesFileError.words("minutes_problem.cannot_read", reason=exc.strerror or exc) from None


def same_group(one: str, other: str) -> bool:
    """Group names match without regard to case or spacing."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


class SearchResults(list[tuple[MinutesSummary, str]]):
    """The best matches of a search, best first, each with a snippet; `total` counts every match."""

    def __init__(self, hits: Iterable[tuple[MinutesSummary, str]] = (), total: int = 0) -> None:
        super().__init__(hits)
        self.total = total


def group_key(group: str) -> str:
    """A group's name as the index files it: case and spacing do not matter (see `same_group`)."""
    return " ".join(group.split()).casefold()


def search_terms(words: str) -> list[str]:
    """The words of a query, lower case; each matches a word of the minutes that starts with it.

    A word said twice (also in another case or with other accents) counts once, and only the first
    MAX_SEARCH_TERMS words count: each is a prefix query the index intersects, and SQLite's cost grows fast
    with repeats (a pasted phrase of 150 times one word took 39 s and 1.6 GB).
    """
    terms: dict[str, str] = {}
    for word in re.findall(r"\w+", words.lower()):
        terms.setdefault(_fold(word), word)
    return list(terms.values())[:MAX_SEARCH_TERMS]


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_WIDTH) -> str:
    """About `width` words of the minutes' body around the first word that starts with a term, marked «…».

    Matching is done as the index does it: without regard to case or accents (`patient` finds `patiënt`).
    Only a stretch of text around the first match is split into words.
    """
    folded = tuple(_fold(term) for term in terms)
    front, body = _split_front(text)
    return _snippet_in(body, terms, folded, width) or _snippet_in(front, terms, folded, width)


def _split_front(text: str) -> tuple[str, str]:
    """(front matter, body) of a minutes file; the front matter empty when there is none."""
    end = text.find("\n---\n", 3) if text.startswith("---\n") else -1
    return (text[4:end], text[end + 5 :]) if end >= 0 else ("", text)


def indexed_text(text: str) -> str:
    """What the index holds the words of: the body and the front matter's values, not its keys.

    A key is in every file (`notulist`, `status`), so a search for it matched them all with nothing to show.
    The same function gives the text a file's words are deleted with (a contentless index needs it exactly).
    """
    front, body = _split_front(text)
    return _FRONT_KEY.sub("", front) + "\n" + body if front else body


def _snippet_in(body: str, terms: Sequence[str], folded: tuple[str, ...], width: int) -> str:
    found = re.search(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + ")", body, re.IGNORECASE)
    start = found.start() if found else next((w.start() for w in WORD.finditer(body) if _starts(w, folded)), -1)
    if start < 0:
        return ""
    before = list(WORD.finditer(body, max(start - 20 * width, 0), start))[-(width // 3) :]
    after = list(itertools.islice(WORD.finditer(body, start), width - len(before)))
    parts = [*(w.group() for w in before), *(f"«{w.group()}»" if _starts(w, folded) else w.group() for w in after)]
    lead = "… " if WORD.search(body, 0, before[0].start() if before else start) else ""
    tail = " …" if after and WORD.search(body, after[-1].end()) else ""
    return lead + " ".join(parts) + tail


def _starts(word: re.Match[str], folded: tuple[str, ...]) -> bool:
    return _fold(word.group()).startswith(folded)


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(ch))


class Archive:
    """The minutes folder of a data folder, with its search index.

    The index holds, per file, its size, change time (ctime) and inode as last read, its summary and its
    words (a contentless FTS5 table: the words point to the file, the text itself is not copied). A file
    that changed gets a new entry; the words of its old version cannot be deleted without its old text, so
    they stay behind, unreachable, until they make up a tenth of the word index, which is then built anew.
    How much is checked before a query is the caller's choice (`Sync`): every file's stat (`files`, what a
    search and a listing do), only the names in the folder, when the folder itself changed (`names`, what
    the start of a session does, which then checks the files of its own group), or nothing (once this
    Archive has looked in one of those ways: the review screen's first page follows a look at the names).
    """

    def __init__(self, minutes_dir: Path, index_path: Path | None = None) -> None:
        self.minutes_dir = minutes_dir
        self.index_path = index_path or minutes_dir.parent / INDEX_NAME
        self._in_memory: sqlite3.Connection | None = None
        self._synced = False
        self._changed = False
        self._lock = threading.Lock()

    def summaries(self) -> list[MinutesSummary]:
        """Every session's summary, newest first (from the index, so only changed files are read).

        Two files with the same session id (a sync-conflict copy, a copy made by hand) are both listed: the
        one with the shortest name keeps the id, the others get `~2`, `~3` after it.
        """
        return self._run(lambda db: self._rows(db, "", ()))

    def count(self, sync: Sync = "files") -> int:
        """How many sessions the folder holds."""
        return int(self._run(lambda db: db.execute(f"SELECT count(*) FROM files {LISTED}").fetchone()[0], sync))

    def page(self, offset: int, limit: int, sync: Sync = "files") -> list[MinutesSummary]:
        """`limit` summaries from the `offset`th on, newest first: what one screen of a long list shows."""
        return self._run(lambda db: self._rows(db, "LIMIT ? OFFSET ?", (limit, offset)), sync)

    def position(self, session_id: str) -> int | None:
        """Where the session stands in the newest-first listing (0 for the newest), or None."""

        def count_before(db: sqlite3.Connection) -> int | None:
            row = db.execute(f"SELECT sort, name FROM files {LISTED} AND uid = ?", (session_id,)).fetchone()
            if row is None:
                return None
            sort, name = row
            before = "sort > ? OR (sort = ? AND (length(name) < ? OR (length(name) = ? AND name < ?)))"
            args = (sort, sort, len(name), len(name), name)
            return int(db.execute(f"SELECT count(*) FROM files {LISTED} AND ({before})", args).fetchone()[0])

        return self._run(count_before, "none")

    def refresh(self) -> bool:
        """Look at every file now (after a quick first look); True when something changed since."""
        self._changed = False
        self._run(lambda db: None)
        return self._changed

    def problems(self) -> list[tuple[Path, MinutesFileError]]:
        """The files in the minutes folder that could not be read as minutes, each with the reason.

        As of this Archive's last look at the folder (a command asks after its listing or search, and the
        folder is not read a second time).
        """
        rows = self._run(
            lambda db: db.execute("SELECT name, problem FROM files WHERE problem IS NOT NULL ORDER BY name").fetchall(),
            "none",
        )
        return [(self.minutes_dir / name, MinutesFileError.from_stored(problem)) for name, problem in rows]

    def get(self, session_id: str) -> MinutesSummary | None:
        """The session with this id as `minutes list` shows it (`ID~2` for a copy)."""
        found = self._run(lambda db: self._rows(db, "", (), "AND uid = ?", (session_id,)))
        return found[0] if found else None

    def listed_id(self, path: Path) -> str | None:
        """The id `minutes list` shows for this minutes file (`ID~2` for a copy); None when it is not listed."""
        found = self._run(lambda db: self._rows(db, "", (), "AND name = ?", (path.name,)), "names")
        return found[0].id if found and path.parent == self.minutes_dir else None

    def search(self, words: str, limit: int = SEARCH_LIMIT) -> SearchResults:
        """The `limit` sessions whose minutes best match all the words (bm25), each with a snippet.

        A word matches every word of the minutes that starts with it, without regard to case or accents. A
        query that is a session's id (as `minutes list` shows it) gives that session first. The snippets are
        made from the files shown only (the index keeps no copy of the text).
        """
        terms = search_terms(words)
        if not terms or limit <= 0:
            return SearchResults()
        limit = min(limit, MAX_SEARCH_LIMIT)  # more than any archive holds; SQLite takes 64-bit numbers only
        query = " AND ".join(f'"{term}"*' for term in terms)

        def ranked(db: sqlite3.Connection) -> tuple[int, list[Any]]:
            matches = db.execute("SELECT count(*) FROM text WHERE text MATCH ?", (query,)).fetchone()[0]
            stale = 0
            if matches and db.execute("SELECT 1 FROM stale LIMIT 1").fetchone():
                stale = db.execute(  # the stale list probed per match: cheaper than the other way round
                    "SELECT count(*) FROM stale WHERE docid IN (SELECT rowid FROM text WHERE text MATCH ?)", (query,)
                ).fetchone()[0]
            best = db.execute(
                "SELECT rowid FROM text WHERE text MATCH ? ORDER BY rank LIMIT ?", (query, limit + stale)
            ).fetchall()
            # a session's own id, as `minutes list` shows it, comes first (bm25 ranked `sessie-41` last of 27)
            rows: list[Any] = db.execute(
                f"SELECT name, uid, summary FROM files {LISTED} AND uid = ?", (words.strip().lower(),)
            ).fetchall()
            for (docid,) in best:
                row = db.execute(f"SELECT name, uid, summary FROM files {LISTED} AND docid = ?", (docid,)).fetchone()
                if row is not None and len(rows) < limit and row not in rows:
                    rows.append(row)
            return max(matches - stale, len(rows)), rows[:limit]

        total, rows = self._run(ranked)
        hits = []
        for name, uid, encoded in rows:
            summary = _summary_from_row(self.minutes_dir / name, uid, json.loads(encoded))
            try:
                hits.append((summary, snippet(read_minutes(summary.path), terms)))
            except MinutesFileError:
                hits.append((summary, ""))
        return SearchResults(hits, total)

    def latest(self, group: str, before: str = "") -> MinutesSummary | None:
        """The group's most recent session other than `before`, with no more reading than that needs.

        Only the folder's names are compared with the index (and only when the folder changed), and the
        group's own files are checked for edits; the rest of the archive is not looked at.
        """
        key = group_key(group)

        def newest(db: sqlite3.Connection) -> list[MinutesSummary]:
            self._sync_group(db, key)
            return self._rows(db, "LIMIT 1", (), "AND grp = ? AND uid != ?", (key, before))

        found = self._run(newest, "names")
        return found[0] if found else None

    def recent(self, group: str, limit: int, before: str = "") -> list[MinutesSummary]:
        """The group's `limit` most recent sessions other than `before`, newest first, read as `latest` reads."""
        key = group_key(group)

        def newest(db: sqlite3.Connection) -> list[MinutesSummary]:
            self._sync_group(db, key)
            return self._rows(db, "LIMIT ?", (limit,), "AND grp = ? AND uid != ?", (key, before))

        return self._run(newest, "names")

    def last_open_actions(self, group: str, before: str = "") -> list[ActionItem]:
        """The group's open actions: the one definition the session screen, the review screen and the CLI use.

        They are the task items not ticked off in the group's most recent minutes (other than `before`), read
        from the Markdown as people left it. Those minutes review every action still open from the session
        before, so nothing older is lost, each action is counted once, and one ticked off there, in the app or
        in an editor, is closed for good. A session with more than one file (the people's edited file and the
        app's version beside it, `ID` and `ID~2`) is read in all of them: an action ticked in any is done.
        """

        summary = self.latest(group, before)
        if summary is None:
            return []
        items: list[ActionItem] = []
        for copy in self._copies(summary):
            try:
                items += action_list_items(read_minutes(copy.path))
            except MinutesFileError:
                continue
        return open_items(items)

    def _copies(self, summary: MinutesSummary) -> list[MinutesSummary]:
        """Every file of this summary's session, the people's own (the plain id) first."""
        session_id = summary.id.partition("~")[0]

        def same_session(db: sqlite3.Connection) -> list[MinutesSummary]:
            return self._rows(db, "", (), "AND sid = ?", (session_id,))

        found = self._run(same_session, "names")
        if summary.path not in [copy.path for copy in found]:
            found.append(summary)
        return sorted(found, key=lambda copy: (copy.id != session_id, copy.id))

    def drop(self, paths: Sequence[Path]) -> None:
        """Take minutes files about to be deleted out of the index, words and all, while they can still be read.

        A file's words are deleted exactly when the file is still what was indexed and no older version of
        it left words behind; otherwise the word index is built anew by the next `forget`.
        """

        def remove(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM meta WHERE key = 'digest'")
            with contextlib.suppress(OSError):  # it names the files about to be deleted
                self._listing_path().unlink()
            for path in paths:
                if path.parent != self.minutes_dir:
                    continue
                row = db.execute("SELECT docid, size, ctime, ino FROM files WHERE name = ?", (path.name,)).fetchone()
                older = db.execute("SELECT count(*) FROM stale WHERE name = ?", (path.name,)).fetchone()[0]
                if row is None or row[0] is None:
                    exact = not older
                else:
                    exact = not older and self._delete_words(db, path, row[0], tuple(row[1:]))
                if exact:
                    db.execute("DELETE FROM files WHERE name = ?", (path.name,))
                else:
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('rebuild', 1)")
            db.commit()

        self._run(remove, "none")

    def forget(self) -> None:
        """Bring the index in step and drop every trace of removed files from it (after a delete)."""

        def purge(db: sqlite3.Connection) -> None:
            if db.execute("SELECT value FROM meta WHERE key = 'rebuild'").fetchone():
                _clear(db)
                self._sync_files(db)
            db.execute("PRAGMA secure_delete = ON")
            db.execute("INSERT INTO text (text) VALUES ('optimize')")
            db.commit()
            db.execute("VACUUM")

        self._run(purge)

    def _rows(
        self, db: sqlite3.Connection, tail: str, tail_args: tuple[Any, ...], where: str = "", args: tuple[Any, ...] = ()
    ) -> list[MinutesSummary]:
        rows = db.execute(
            f"SELECT name, uid, summary FROM files {LISTED} {where} ORDER BY {NEWEST_FIRST} {tail}", (*args, *tail_args)
        ).fetchall()
        return [_summary_from_row(self.minutes_dir / name, uid, json.loads(encoded)) for name, uid, encoded in rows]

    def _run(self, work: Callable[[sqlite3.Connection], Result], sync: Sync = "files") -> Result:
        """Run a query on the index brought in step with the files.

        A damaged index file (found on opening or only by the query) is deleted and built again; where the
        index cannot be written (a read-only data folder) one in memory serves this call, so reading always works.
        """
        import sqlite3

        with self._lock:
            try:
                return self._once(work, sync)
            except sqlite3.Error as exc:
                if "locked" in str(exc):  # another process is writing it: never delete that
                    raise ArchiveError(f"the search index {self.index_path} is busy: {exc}") from None
            self._remove_index()
            self._synced = False
            try:
                return self._once(work, sync)
            except sqlite3.Error as exc:
                raise ArchiveError(f"the search index {self.index_path} failed: {exc}") from None

    def _once(self, work: Callable[[sqlite3.Connection], Result], sync: Sync) -> Result:
        db = self._open(sync)
        try:
            return work(db)
        finally:
            if db is not self._in_memory:
                db.close()

    def _open(self, sync: Sync) -> sqlite3.Connection:
        """The index, brought in step with the files as `sync` asks.

        `none` looks at every file when this Archive has not looked at the folder at all yet. Where the index
        file cannot be opened or written, one in memory serves for this Archive's life.
        """
        import sqlite3

        if self._in_memory is not None:
            self._bring_in_step(self._in_memory, sync)
            return self._in_memory
        for attempt in range(2):
            try:
                return self._connected(self.index_path, sync)
            except (sqlite3.Error, OSError) as exc:
                if attempt or "locked" in str(exc):  # another process is writing it: never delete that
                    break
                self._remove_index()
        self._synced = False
        try:
            self._in_memory = self._connected(None, sync)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot build a search index: {exc}") from None
        return self._in_memory

    def _remove_index(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm", "-listing"):
            with contextlib.suppress(OSError):
                self.index_path.with_name(self.index_path.name + suffix).unlink()

    def _connected(self, path: Path | None, sync: Sync) -> sqlite3.Connection:
        db = self._connect(path)
        try:
            self._bring_in_step(db, sync)
        except BaseException:
            db.close()
            raise
        return db

    def _bring_in_step(self, db: sqlite3.Connection, sync: Sync) -> None:
        if sync == "names":
            self._sync_names(db)
            self._synced = True  # a look at the names will do for what asks for no look
        elif sync == "files" or not self._synced:
            self._sync_files(db)
            self._synced = True

    def _connect(self, path: Path | None) -> sqlite3.Connection:
        import sqlite3

        if path is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(path)
            with contextlib.suppress(OSError):
                path.chmod(0o600)
        if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_FORMAT:
            db.executescript(
                "PRAGMA auto_vacuum = INCREMENTAL;"
                "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS text; DROP TABLE IF EXISTS meta;"
                "DROP TABLE IF EXISTS stale; VACUUM;"
                "CREATE TABLE files (name TEXT PRIMARY KEY, size INT, ctime INT, ino INT, docid INT, sid TEXT,"
                " uid TEXT, grp TEXT, sort TEXT, summary TEXT, problem TEXT);"
                "CREATE INDEX files_by_docid ON files (docid);"
                "CREATE INDEX files_by_sort ON files (sort) WHERE summary IS NOT NULL;"
                "CREATE INDEX files_by_group ON files (grp, sort);"
                "CREATE INDEX files_by_sid ON files (sid);"
                "CREATE INDEX files_by_uid ON files (uid);"
                "CREATE INDEX files_with_problems ON files (name) WHERE problem IS NOT NULL;"
                "CREATE INDEX files_keys ON files (name, size, ctime, ino);"
                "CREATE TABLE stale (docid INTEGER PRIMARY KEY, name TEXT);"
                "CREATE INDEX stale_by_name ON stale (name);"
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
                "CREATE VIRTUAL TABLE text USING fts5(body, content='', tokenize='unicode61');"
                f"PRAGMA user_version = {INDEX_FORMAT};"
            )
        return db

    def _folder_stamp(self) -> int | None:
        try:
            return self.minutes_dir.stat().st_mtime_ns
        except OSError:
            return None

    def _sync_files(self, db: sqlite3.Connection) -> None:
        """Compare every file's size, change time and inode with the index; re-read the ones that differ.

        The folder's names in one call, then a stat per file relative to the open folder, each a call made
        from C (no Python statement per file). A digest of the names and their stats, kept in the index,
        answers "nothing changed" without reading back what the index holds. When it differs, the listing of
        the last look (the names and their stats as arrays, in a file beside the index that carries the digest
        it belongs to, used only while that is the index's) is compared with this one: position by position in
        blocks when the names are the same (an edit in place), else as two sets of (name, stats) pairs, both in
        C; without that listing, the index's own list of files is read back and compared. Only the names that
        differ are looked at one by one.
        """
        stamp = self._folder_stamp()
        names, stats = self._look()
        if None in stats:  # gone between the listing and their stat
            names = [name for name, stat in zip(names, stats, strict=True) if stat is not None]
        listing = Listing.of(names, list(filter(None, stats)))
        digest = listing.digest()
        if db.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone() == (digest,):
            self._set_stamp(db, stamp)
            return
        saved = self._saved_listing(db)
        differ = listing.differing(saved) if saved else self._differing_from_files(db, listing)
        changed: dict[str, FileKey] = {}
        gone: set[str] = set()
        for name, (mode, *key) in differ.items():
            if not _is_minutes_name(name):
                continue
            if mode is not None and S_ISREG(mode):  # only regular files are minutes
                changed[name] = (key[0], key[1], key[2])
            else:
                gone.add(name)
        if changed or gone:
            self._apply(db, changed, gone)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('digest', ?)", (digest,))
        self._set_stamp(db, stamp)
        db.commit()
        self._save_listing(db, digest, listing)

    def _listing_path(self) -> Path:
        return self.index_path.with_name(self.index_path.name + "-listing")

    def _saved_listing(self, db: sqlite3.Connection) -> Listing | None:
        """The listing of the last look, when the index's list of files still matches it; else None.

        It matches when the digest it was saved with is the one the index holds: every change to the list of
        files made elsewhere drops that digest, and a listing from before or after a crash carries another.
        """
        if db is self._in_memory:
            return None
        held = db.execute("SELECT value FROM meta WHERE key = 'digest'").fetchone()
        try:
            data = self._listing_path().read_bytes()
        except OSError:
            return None
        if held is None or data[:DIGEST_SIZE] != held[0]:
            return None
        try:
            return Listing.loads(data[DIGEST_SIZE:])
        except ValueError:  # damaged: the list of files itself is compared
            return None

    def _save_listing(self, db: sqlite3.Connection, digest: bytes, listing: Listing) -> None:
        """Keep the listing for the next look: a private file, replaced whole, not synced (it is only a hint)."""
        if db is self._in_memory:
            return
        path = self._listing_path()
        partial = path.with_name(path.name + ".partial")
        try:
            handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(handle, "wb") as file:
                file.write(digest + listing.dumps())
            partial.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()

    @staticmethod
    def _differing_from_files(db: sqlite3.Connection, listing: Listing) -> dict[str, Stats]:
        """The names whose stats differ from the index's list of files (new ones too), and the gone ones (None)."""
        known = dict(_pairs(db.execute(KNOWN).fetchall()))
        now = listing.pairs()
        keys = dict(zip(listing.names, zip(*listing.fields[1:], strict=True), strict=True))
        differ: dict[str, Stats] = {name: (None, 0, 0, 0) for name in known.keys() - now.keys()}
        differ.update((name, now[name]) for name, _ in keys.items() - known.items())
        return differ

    def _look(self) -> tuple[list[str], list[os.stat_result | None]]:
        """Every name in the minutes folder, in the folder's own order, with its stat (None: gone meanwhile)."""
        relative = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd
        try:
            folder = os.open(self.minutes_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if relative else None
        except OSError:
            folder = None

        def by_path(name: str) -> os.stat_result:
            return (self.minutes_dir / name).stat()

        try:
            if folder is None:
                names = os.listdir(self.minutes_dir)  # noqa: PTH208 (names only: no Path per file)
                stat_at: Callable[[str], os.stat_result] = by_path
            else:
                names = os.listdir(folder)  # noqa: PTH208 (names only)
                stat_at = functools.partial(os.stat, dir_fd=folder)
            try:
                stats: list[os.stat_result | None] = list(map(stat_at, names))
            except OSError:  # a file went while we looked: this once, one at a time
                stats = [_stat_or_none(stat_at, name) for name in names]
            return names, stats
        except OSError:
            return [], []
        finally:
            if folder is not None:
                os.close(folder)

    def _sync_names(self, db: sqlite3.Connection) -> None:
        """Read the files whose names are new to the index, and forget the gone ones; only when the folder changed."""
        stamp = self._folder_stamp()
        if stamp is not None and db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone() == (stamp,):
            return
        try:
            names = {name for name in os.listdir(self.minutes_dir) if _is_minutes_name(name)}  # noqa: PTH208 (names only: no Path per file)
        except OSError:
            names = set()
        known = {name for (name,) in db.execute("SELECT name FROM files")}
        changed = {name: key for name in names - known if (key := self._key(name)) is not None}
        if changed or known - names:
            self._apply(db, changed, known - names)
        self._set_stamp(db, stamp)

    def _sync_group(self, db: sqlite3.Connection, key: str) -> None:
        """Re-read the group's files that changed since they were indexed (an edit made in place)."""
        rows = db.execute(f"{KNOWN} WHERE grp = ?", (key,)).fetchall()
        changed: dict[str, FileKey] = {}
        gone = set()
        for name, *known in rows:
            now = self._key(name)
            if now is None:
                gone.add(name)
            elif now != tuple(known):
                changed[name] = now
        if changed or gone:
            self._apply(db, changed, gone)

    def _key(self, name: str) -> FileKey | None:
        try:
            stat = (self.minutes_dir / name).stat()
        except OSError:
            return None
        return (stat.st_size, stat.st_ctime_ns, stat.st_ino) if S_ISREG(stat.st_mode) else None

    def _set_stamp(self, db: sqlite3.Connection, stamp: int | None) -> None:
        if db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone() != (stamp,):
            db.execute("INSERT OR REPLACE INTO meta VALUES ('folder', ?)", (stamp,))
            db.commit()

    def _apply(self, db: sqlite3.Connection, changed: dict[str, FileKey], gone: Iterable[str]) -> None:
        """Index the changed files, forget the gone ones, number copies; rebuild the words when many are stale.

        The digest of the last look no longer matches the index's list of files: it is dropped, and with it
        the listing (`_sync_files` keeps new ones), so that the next look compares the folder with the list
        itself. (A file indexed by a look at the names and deleted before the next search leaves the folder as
        that digest saw it.)
        """
        self._changed = True
        db.execute("DELETE FROM meta WHERE key = 'digest'")
        sids: set[str] = set()
        for name in gone:
            sids.update(self._unindex(db, name))
            db.execute("DELETE FROM files WHERE name = ?", (name,))
        for name, key in changed.items():
            sids.update(self._unindex(db, name))
            path = self.minutes_dir / name
            try:
                text = read_minutes(path)
                summary = summary_of(path, text)
            except MinutesFileError as exc:
                db.execute(
                    "INSERT OR REPLACE INTO files (name, size, ctime, ino, problem) VALUES (?, ?, ?, ?, ?)",
                    (name, *key, exc.stored()),
                )
                continue
            docid = db.execute("INSERT INTO text (body) VALUES (?)", (indexed_text(text),)).lastrowid
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                (
                    name,
                    *key,
                    docid,
                    summary.id,
                    summary.id,
                    group_key(summary.group),
                    f"{summary.date}\t{summary.start}\t{summary.id}",
                    json.dumps(_summary_to_row(summary), ensure_ascii=False),
                ),
            )
            sids.add(summary.id)
        _renumber(db, sids)
        live = db.execute("SELECT count(*) FROM files").fetchone()[0]
        if db.execute("SELECT count(*) FROM stale").fetchone()[0] > max(MIN_STALE, live // STALE_SHARE):
            _clear(db)
            self._sync_files(db)
        db.commit()
        pages, free = db.execute("PRAGMA page_count").fetchone()[0], db.execute("PRAGMA freelist_count").fetchone()[0]
        if free > pages // FREE_SHARE:  # pages the word index's merges left empty: give them back
            db.executescript("PRAGMA incremental_vacuum;")  # stepped to the end: every empty page

    def _unindex(self, db: sqlite3.Connection, name: str) -> tuple[str, ...]:
        """Set the words of a file's indexed version aside as stale; returns its session id, if it had one."""
        row = db.execute("SELECT docid, sid FROM files WHERE name = ?", (name,)).fetchone()
        if row is None:
            return ()
        if row[0] is not None:
            db.execute("INSERT OR IGNORE INTO stale VALUES (?, ?)", (row[0], name))
        return (row[1],) if row[1] is not None else ()

    def _delete_words(self, db: sqlite3.Connection, path: Path, docid: int, key: tuple[int, ...]) -> bool:
        """Delete a file's words from the index with its text, if the file is still the version indexed."""
        if self._key(path.name) != key:
            return False
        try:
            text = read_minutes(path)
        except MinutesFileError:
            return False
        db.execute("INSERT INTO text (text, rowid, body) VALUES ('delete', ?, ?)", (docid, indexed_text(text)))
        return True


KNOWN = "SELECT name, size, ctime, ino FROM files"
ROW_FIELDS = tuple(field for field in MinutesSummary._fields if field not in ("id", "path"))
FILE_KEY = attrgetter("st_size", "st_ctime_ns", "st_ino")
FINGERPRINT = (("st_mode", "Q"), ("st_size", "q"), ("st_ctime_ns", "q"), ("st_ino", "Q"))
Stats = tuple[int | None, int, int, int]  # type (None: gone), size, change time (ns), inode
DIGEST_SIZE = 16
BLOCK = 64  # files compared at a time when two listings hold the same names


class Listing(NamedTuple):
    """A look at the folder: its names in the folder's own order and, per field of FINGERPRINT, an array of values.

    Made, compared, saved and loaded in C (no Python statement per file, but per block of files that differ).
    """

    names: list[str]
    fields: tuple[array[int], ...]

    @classmethod
    def of(cls, names: list[str], stats: list[os.stat_result]) -> Listing:
        return cls(names, tuple(array(kind, map(attrgetter(field), stats)) for field, kind in FINGERPRINT))

    def digest(self) -> bytes:
        digest = blake2b("\0".join(self.names).encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE)
        digest.update(len(self.names).to_bytes(8, "little"))
        for values in self.fields:
            digest.update(values.tobytes())
        return digest.digest()

    def dumps(self) -> bytes:
        names = "\0".join(self.names).encode("utf-8", "surrogatepass")
        return len(names).to_bytes(8, "little") + names + b"".join(values.tobytes() for values in self.fields)

    @classmethod
    def loads(cls, data: bytes) -> Listing:
        size = int.from_bytes(data[:8], "little")
        text = data[8 : 8 + size].decode("utf-8", "surrogatepass")
        names = text.split("\0") if text else []
        fields = []
        offset = 8 + size
        for _, kind in FINGERPRINT:
            values = array(kind)
            values.frombytes(data[offset : offset + len(names) * values.itemsize])
            offset += len(names) * values.itemsize
            fields.append(values)
        if offset != len(data):
            raise ValueError("the saved listing is damaged")
        return cls(names, tuple(fields))

    def pairs(self) -> dict[str, Stats]:
        return dict(zip(self.names, zip(*self.fields, strict=True), strict=True))

    def differing(self, before: Listing) -> dict[str, Stats]:
        """The names new or changed since `before`, with their stats now, and the gone ones (type None).

        A few names new or gone (a save, a delete) are taken out of both listings; when the rest stand in the
        same order, as a folder lists them, they are compared position by position in blocks. Otherwise the
        two listings are compared as sets of (name, stats) pairs.
        """
        if self.names == before.names:
            return self._changed_in_place(before)
        current, earlier = set(self.names), set(before.names)
        new, gone = current - earlier, earlier - current
        differ: dict[str, Stats] = {name: (None, 0, 0, 0) for name in gone}
        if len(new) + len(gone) <= BLOCK:
            now, then = self._without(new), before._without(gone)
            if now.names == then.names:
                differ.update(now._changed_in_place(then))
                differ.update(self._at(self.names.index(name)) for name in new)
                return differ
        differ.update(self.pairs().items() - before.pairs().items())
        return differ

    def _changed_in_place(self, before: Listing) -> dict[str, Stats]:
        """The names whose stats differ from `before`, which lists the same names in the same order."""
        positions: set[int] = set()
        for values, old in zip(self.fields, before.fields, strict=True):
            for start in range(0, len(values), BLOCK):
                if values[start : start + BLOCK] != old[start : start + BLOCK]:
                    positions.update(i for i in range(start, min(start + BLOCK, len(values))) if values[i] != old[i])
        return dict(map(self._at, positions))

    def _at(self, position: int) -> tuple[str, Stats]:
        mode, size, ctime, ino = self.fields
        return self.names[position], (mode[position], size[position], ctime[position], ino[position])

    def _without(self, names: set[str]) -> Listing:
        """This listing less a few names."""
        if not names:
            return self
        kept = list(self.names)
        fields = tuple(array(values.typecode, values) for values in self.fields)
        for position in sorted((kept.index(name) for name in names), reverse=True):
            del kept[position]
            for values in fields:
                del values[position]
        return Listing(kept, fields)


NEWEST_FIRST = "sort DESC, length(name), name"
LISTED = "WHERE summary IS NOT NULL"


def _pairs(rows: list[tuple[str, int, int, int]]) -> Iterable[tuple[str, FileKey]]:
    """(name, (size, change time, inode)) for each row of the index's files, made in C."""
    if not rows:
        return ()
    names, sizes, ctimes, inodes = zip(*rows, strict=True)
    return zip(names, zip(sizes, ctimes, inodes, strict=True), strict=True)


def _stat_or_none(stat_at: Callable[[str], os.stat_result], name: str) -> os.stat_result | None:
    try:
        return stat_at(name)
    except OSError:
        return None


def _is_minutes_name(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".")


def _clear(db: sqlite3.Connection) -> None:
    """Forget every file and every word, so that the next look at the folder builds the index anew."""
    db.execute("INSERT INTO text (text) VALUES ('delete-all')")
    db.execute("DELETE FROM files")
    db.execute("DELETE FROM stale")
    db.execute("DELETE FROM meta")


def _renumber(db: sqlite3.Connection, sids: Iterable[str]) -> None:
    """Give each file sharing a session id its own: the shortest name keeps it, the others get `~2`, `~3`."""
    todo = set(sids)
    todo.update(sid.partition("~")[0] for sid in list(todo))
    for sid in todo:
        names = [
            name
            for (name,) in db.execute(
                "SELECT name FROM files WHERE sid = ? ORDER BY length(name), name", (sid,)
            ).fetchall()
        ]
        given: set[str] = set()
        for position, name in enumerate(names, start=1):
            uid = sid
            if position > 1:
                number = position
                while (
                    f"{sid}~{number}" in given
                    or db.execute("SELECT 1 FROM files WHERE sid = ?", (f"{sid}~{number}",)).fetchone()
                ):
                    number += 1
                uid = f"{sid}~{number}"
            given.add(uid)
            db.execute("UPDATE files SET uid = ? WHERE name = ?", (uid, name))


def _summary_to_row(summary: MinutesSummary) -> list[Any]:
    """The summary as the index keeps it: its fields in order, without names (the id and path are columns)."""
    return [getattr(summary, field) for field in ROW_FIELDS]


def _summary_from_row(path: Path, uid: str, row: list[Any]) -> MinutesSummary:
    fields = dict(zip(ROW_FIELDS, row, strict=True))
    fields["case_bringers"] = tuple(fields["case_bringers"])
    fields["participants"] = tuple(fields["participants"])
    return MinutesSummary(id=uid, path=path, **fields)
